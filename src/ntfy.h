/* SPDX-License-Identifier: ISC */
#ifndef NTFY_H
#define NTFY_H

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#define EXIT_NOTIFY_FAILED	1	/* a notification was not delivered */
#define EXIT_USAGE		64	/* sysexits EX_USAGE */
#define EXIT_CONFIG		78	/* sysexits EX_CONFIG */

#define MESSAGE_MAX		(1024 * 1024)	/* longest message read or built */

/* log.c */
enum log_level {
	LOG_CRITICAL,
	LOG_ERROR,
	LOG_WARNING,
	LOG_INFO,
	LOG_DEBUG
};
extern int	log_level;
int		log_parse_level(const char *);
void		log_error(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		log_warn(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		log_info(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		log_debug(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		log_vmsg(enum log_level, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));
void		print_line(FILE *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		secret_add(const char *);
char	       *secret_mask(const char *);
void		secrets_clear(void);
__attribute__((noreturn, format(printf, 1, 2)))
void		fatal(const char *, ...);

/* xmalloc.c */
void	       *xmalloc(size_t);
void	       *xcalloc(size_t, size_t);
void	       *xreallocarray(void *, size_t, size_t);
char	       *xstrdup(const char *);
char	       *xstrndup(const char *, size_t);
char	       *xasprintf(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		freezero_str(char *);

/* buf.c: a growing byte string, always NUL-terminated. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
#define BUF_INIT { NULL, 0, 0 }
void		buf_add(struct buf *, const void *, size_t);
void		buf_adds(struct buf *, const char *);
void		buf_addc(struct buf *, char);
void		buf_printf(struct buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
char	       *buf_detach(struct buf *);
void		buf_release(struct buf *);

/* options.c: key/value lists with the place each value came from. */
struct option_value {
	char		*key;
	char		*value;
	const char	*origin;	/* file name, "-o" or "default" */
	int		 line;		/* line in origin, 0 when none */
};
struct optlist {
	struct option_value	*v;
	size_t			 n;
};
void		optlist_set(struct optlist *, const char *, const char *,
		    const char *, int);
const struct option_value *optlist_find(const struct optlist *, const char *);
const char     *optlist_get(const struct optlist *, const char *);
void		optlist_release(struct optlist *);
int		parse_bool(const char *, int *);
int		parse_long(const char *, long, long, long *);
int		parse_seconds(const char *, double *);
char	       *expand_home(const char *);
void		split_names(const char *, char ***, size_t *);
void		split_targets(const char *, int, char ***, size_t *);

/* config.c */
struct section {
	char		*name;
	int		 line;
	struct optlist	 opts;
};
struct config {
	char		*path;		/* the file read, NULL when none */
	const char	*reason;	/* why that file: "-c", "$NTFY_CONFIG"... */
	struct optlist	 top;		/* keys before the first section */
	struct section	*sections;
	size_t		 nsections;
};
int		config_find(const char *, char **, const char **);
int		config_load(struct config *, const char *, char **);
int		config_parse_string(struct config *, const char *, const char *,
		    char **);
const struct section *config_section(const struct config *, const char *);
void		config_release(struct config *);
int		mkdir_parents(const char *, mode_t);

/* file.c: reading files that may be something else. */
const char     *file_kind(mode_t);
int		file_open_read(const char *, const char **);
FILE	       *file_fopen_read(const char *, const char **);
char	       *state_path(const char *, char **);
char	       *state_dir(const char *, char **);
char	       *runtime_path(const char *);

/* message.c */
struct message {
	char	*body;
	char	*command;	/* the command reported on, NULL for send */
	int	 has_status;	/* retcode and signal are known */
	int	 retcode;	/* exit status, 128+N when killed by signal N */
	int	 signal;	/* the signal that killed it, or 0 */
	double	 duration;	/* seconds, negative when not applicable */
	char	*host;
	time_t	 time;
};
void		message_init(struct message *);
void		message_release(struct message *);
int		message_failed(const struct message *);
char	       *default_title(void);
char	       *emojize(const char *);
const char     *emoji_lookup(const char *, size_t);
char	       *utf8_repair(const char *, size_t);
size_t		utf8_valid(const char *, size_t);
size_t		utf8_truncate(const char *, size_t);
char	       *text_flatten(const char *);
char	       *message_text(const char *, size_t, int);
#define OUTPUT_TAIL_LINES	10	/* of -o/-e output in a message */
#define OUTPUT_TAIL_BYTES	1024
char	       *command_quote(int, char *const *);
char	       *command_program(const char *);
const char     *signal_name(int);
char	       *duration_text(double);
char	       *done_message(const struct message *, int, int);
char	       *pid_message(const struct message *, long, int);
char	       *output_tail(const char *, size_t);

/* run.c, pidwait.c: run a command in the foreground, wait for a process. */
int		write_all(int, const char *, size_t);
#define RUN_STDOUT	0x1	/* tee the command's stdout, keep its tail */
#define RUN_STDERR	0x2	/* the same for stderr */
struct run_result {
	int	 status;	/* exit status, 128+N when killed by signal N */
	int	 signal;	/* that signal, or 0 */
	double	 duration;	/* seconds */
	char	*output;	/* the captured tail, NULL when none */
};
double		monotonic_now(void);
void		signals_reset(void);
int		run_command(char *const *, int, struct run_result *);
int		pid_parse(const char *, long *, char **);
int		pid_open(long, int *, char **);
void		pid_describe(long, char **, double *);
void		pid_wait(long, int);

/* focus.c: is the user looking at this terminal? */
enum focus_state {
	FOCUS_UNKNOWN,
	FOCUS_FOCUSED,
	FOCUS_UNFOCUSED
};
const char     *focus_state_name(enum focus_state);
enum focus_state focus_detect(int);
long		proc_parent(long);
int		proc_is_ancestor(long);
int		helper_output(const char *const *, char **);
int		env_set(const char *);

/* focus-wayland.c: the compositors that can be asked over a socket. */
int		sway_applies(char **);
enum focus_state sway_decide(char **);
int		hyprland_applies(char **);
enum focus_state hyprland_decide(char **);
int		niri_applies(char **);
enum focus_state niri_decide(char **);
int		wayland_applies(char **);
enum focus_state wayland_decide(char **);

/* focus-activate.c, in the desktop module: bring the user back to where a
 * command ran. */
int		focus_activate(const long *, size_t, char **);

/* focus-watch.c: see the user come back to where a command ran. */
size_t		proc_ancestors(long, long *, size_t);
struct focus_watch *focus_watch_start(const long *, size_t, int *, int *,
		    char **);
int		focus_watch_possible(char **);
int		focus_watch_check(struct focus_watch *);
void		focus_watch_free(struct focus_watch *);

/* sway.c: sway's IPC. */
int		ipc_connect(const char *, char **);
int		ipc_io_all(int, void *, size_t, int);
struct sway_watch;
long		sway_focused_pid(char **);
int		sway_activate(const long *, size_t, char **);
struct sway_watch *sway_watch_start(const long *, size_t, int *, char **);
int		sway_watch_event(struct sway_watch *);
void		sway_watch_free(struct sway_watch *);

/* detach.c: helpers that outlive us, e.g. to wait for a click. */
int		detach_spawn(const char *, const char *, const char *, char **,
		    char **);
void		detach_reply(const char *);
int		detach_is_helper(long);
int		detach_main(int, char **);

/* terminal.c, terminal-detect.c: notifications as terminal escapes. */
enum term_proto {
	TERM_BEL,
	TERM_OSC9,
	TERM_OSC777,
	TERM_OSC99
};
struct term_choice {
	enum term_proto	 proto;
	char		*why;		/* what was detected, for -v */
	int		 tmux;		/* inside tmux: wrap for passthrough */
	char		*tmux_drop;	/* why tmux will drop it, or NULL */
};
const char     *terminal_proto_name(enum term_proto);
int		terminal_proto_parse(const char *, enum term_proto *);
char	       *terminal_clean(const char *, size_t);
char	       *terminal_line(const char *);
void		terminal_encode(struct buf *, enum term_proto, const char *,
		    const char *, const char *, int);
void		terminal_encode_close(struct buf *, const char *);
void		terminal_tmux_wrap(struct buf *, const char *, size_t);
void		terminal_detect(struct term_choice *, int);
void		terminal_choice_release(struct term_choice *);
int		terminal_notifies_itself(char **);
int		terminal_waiter(const char *);

/* emoji-table.c (generated by tools/gen-emoji.mjs) */
/* Arrays, not pointers: the table then needs no relocation at start. */
#define EMOJI_NAME_SIZE	41
#define EMOJI_UTF8_SIZE	29
struct emoji {
	char		name[EMOJI_NAME_SIZE];
	char		utf8[EMOJI_UTF8_SIZE];
};
extern const struct emoji	emoji_table[];
extern const size_t		emoji_count;

/* main.c: one invocation's global options. */
struct cli_option {
	const char	*backend;	/* the -b before it, NULL for all */
	const char	*key;
	char		*value;
};
struct ntfy {
	const char		**backends;	/* -b, in order */
	size_t			  nbackends;
	struct cli_option	 *options;	/* -o, in order */
	size_t			  noptions;
	const char		 *config_path;	/* -c */
	const char		 *title;	/* -t */
	int			  no_emoji;	/* -E */
	int			  config_loaded;
	struct config		  config;
};
int		ntfy_load_config(struct ntfy *);
const char     *ntfy_setting(struct ntfy *, const char *);

/* cmd-*.c: subcommands, listed in main.c. */
struct cmd_entry {
	const char	*name;
	const char	*usage;
	const char	*summary;
	int		 flags;
#define CMD_CONFIG	0x1	/* read the config file before running */
#define CMD_NO_CHILD	0x2	/* starts no process: skip signals_reset() */
	int		(*exec)(struct ntfy *, int, char **);
};
void		cmd_usage(const struct cmd_entry *);

#endif
