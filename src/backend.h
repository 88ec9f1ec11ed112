/* SPDX-License-Identifier: ISC */
#ifndef NTFY_BACKEND_H
#define NTFY_BACKEND_H

/*
 * The backend interface.
 *
 * Adding a new backend:
 *  1. write src/backend-NAME.c defining `const struct backend backend_NAME`
 *     with designated initializers: name, desc, an option table ending in
 *     { NULL }, and send();
 *  2. add `extern` and a table entry in src/backend.c (the table lists
 *     every backend, compiled in or not);
 *  3. add the file to the right _SOURCES in Makefile.am: the core when it
 *     needs only libc, a module when it needs a heavy library (see below);
 *  4. document it with an `.Ss NAME` section in man/ntfy.ini.5 (the docs
 *     test fails otherwise) and a row in README.md;
 *  5. add tests/t-backend-NAME.sh checking every field the service needs.
 *
 * Adding an HTTP backend (a service reached over the network):
 *  1. set .flags = BACKEND_NETWORK and leave send() NULL; the core then
 *     accepts the network keys (timeout, connect_timeout, ca_file,
 *     retry_budget: see network_options in backend.c) for it;
 *  2. give it an `endpoint` option whose default is the service's base URL
 *     (tests and self-hosters point it elsewhere), and mark every token,
 *     password and key OPT_SECRET;
 *  3. write request(): fill the struct http_request (src/http.h) with
 *     http_request_init(), http_path(), http_query(), http_form(),
 *     http_header() or http_body() -- never escape, encode or base64 by
 *     hand, the net module does it; JSON with jansson; flag every secret
 *     value HTTP_SECRET so -v masks it; return -1 with *cause for a bad
 *     option (never retried);
 *  4. write response(): read status, headers and body (JSON with jansson);
 *     start from http_verdict(), which says TEMPFAIL for no answer,
 *     timeouts, 5xx and 429 and PERMFAIL for other 4xx; return PERMFAIL
 *     when the service refuses in its body, with its own error text in
 *     *cause.  The core retries TEMPFAIL with backoff (honouring
 *     Retry-After; .retry_min sets the shortest delay) and spools what
 *     still fails;
 *  5. a service that needs several requests (log in, then send) reads
 *     n->step in request() and returns BACKEND_NEXT from response() to be
 *     called again with step + 1; n->vars carries values between steps;
 *  6. for Apprise-style URLs list .schemes and write url(), which turns a
 *     struct http_url (parsed by libcurl in the module) into options;
 *     a URL naming several targets (topics, channels, chats) sets each
 *     one's options with url_target() (url_targets() lists the path and
 *     ?to= values) and the core sends one request per target;
 *     url_param(), url_choice() and url_bool() take Apprise's parameters
 *     (a bad value is url()'s error), the others set options by name; a
 *     service that takes one channel or room per request marks that
 *     option OPT_LIST: a comma list in it (channel = a, b in ntfy.ini)
 *     becomes one target per item too, and request() sees one item;
 *     BACKEND_SLASHED_USERINFO lets its URLs carry a '/' in the userinfo
 *     (Apprise's rocket://ID/TOKEN@HOST, see url_authority());
 *  7. never include curl.h: only src/http.c (the net module) links libcurl;
 *  8. document every key, the URL forms and the endpoint default in
 *     man/ntfy.ini.5, add a README row and a test against
 *     tests/fakehttpd.py checking every field.
 *
 * A backend that needs libcurl, libnotify or another heavy library keeps
 * its descriptor in the core (so `ntfy backends`, config checks and the docs
 * test never load the library) and its send() in a module: the file is
 * compiled twice, once plain for the descriptor with `.module` set, once
 * with -DNTFY_MODULE where it defines `backend_NAME_send()` instead.  The
 * core opens the module with dlopen the first time such a backend sends.
 */

#include "ntfy.h"
#include "http.h"

/* A user's compiled backend exports `const int ntfy_backend_abi` with this
 * value and `const struct backend ntfy_backend`. */
#define NTFY_BACKEND_ABI	2

enum backend_result {
	BACKEND_OK = 0,
	BACKEND_TEMPFAIL,	/* worth trying again later */
	BACKEND_PERMFAIL,	/* the same request will never succeed */
	BACKEND_NEXT		/* HTTP: send the request of the next step */
};

/* One configurable key of a backend. */
struct backend_option {
	const char	*key;
	int		 flags;
#define OPT_REQUIRED	0x1
#define OPT_SECRET	0x2	/* never logged, masked in every output */
#define OPT_HEADERS	0x4	/* "Name: value, ...": the values of
				   credential headers are secrets */
#define OPT_LIST	0x8	/* "a, b": several targets (channels,
				   rooms), each sent on its own */
#define OPT_SECRET_JSON	0x10	/* a secret when inline JSON, a file name
				   (shown in errors) otherwise */
	const char	*def;	/* default as config text, or NULL */
	const char	*help;	/* one line; man/ntfy.ini.5 says the same */
};

struct target;
struct notification;

struct backend {
	const char			*name;
	const char			*desc;
	int				 flags;
#define BACKEND_NETWORK	0x1	/* talks to a server: endpoint, timeouts... */
#define BACKEND_HIDDEN	0x2	/* not listed (aliases) */
#define BACKEND_QUEUE	0x4	/* no network keys, but a TEMPFAIL is
				   queued like a network backend's */
#define BACKEND_SLASHED_USERINFO 0x8	/* its URLs may hold a '/' in the
				   userinfo: rocket://ID/TOKEN@HOST */
	const struct backend_option	*options;	/* ends with { NULL } */
	const char			*module;	/* send() lives there */
	const char			*requires;	/* configure flag when
							   compiled out */
	const char			*alias_of;	/* another backend's name */

	/* Optional: validate options before anything is sent. */
	int	(*check)(const struct target *, char **);
	/* Deliver one notification; *cause is set on failure. */
	enum backend_result
		(*send)(const struct notification *, char **);

	/* HTTP backends (BACKEND_NETWORK): see the checklist above. */
	int	(*request)(const struct notification *,
		    struct http_request *, char **);
	enum backend_result
		(*response)(const struct notification *,
		    const struct http_response *, char **);
	const char *const		*schemes;	/* URL schemes, NULL-
							   terminated */
	int	(*url)(struct http_url *, struct optlist *, char **);
	double				 retry_min;	/* seconds between
							   two attempts */
};

/* A backend as configured for this run: one -b name or config entry. */
struct target {
	char			*name;		/* "pushover", "cellphone" */
	const struct backend	*backend;
	struct optlist		 opts;		/* defaults < file < -o */
	char			*title;		/* resolved title */
	struct optlist		 cli;		/* the -o that applied, kept
						   for the spool */
	enum backend_result	(*send)(const struct notification *,
				    char **);	/* resolved, maybe dlsym'd */
};

struct notification {
	const struct message	*msg;
	const char		*title;
	const struct target	*target;
	int			 step;		/* HTTP: request number */
	struct optlist		*vars;		/* HTTP: kept between steps */
};

/* A named level of a priority option: see level_parse(). */
struct level_name {
	const char	*name;
	long		 value;
};

/* backend.c */
extern const struct backend	*backends[];
const struct backend	*backend_find(const char *);
const struct backend_option *backend_option(const struct backend *,
			    const char *);
extern const struct backend_option network_options[];
const struct backend	*backend_by_scheme(const char *,
			    const struct backend *);
int			 notif_seconds(const struct notification *,
			    const char *, double *, char **);
enum backend_result	 http_verdict(const struct http_response *, char **);
int			 backend_compiled(const struct backend *);
const char		*target_opt(const struct target *, const char *);
const char		*notif_opt(const struct notification *, const char *);
int			 notif_bool(const struct notification *, const char *,
			    int *, char **);
int			 notif_long(const struct notification *, const char *,
			    long, long, long *, char **);
int			 level_parse(const char *, const struct level_name *,
			    long, long, long *);
int			 target_level(const struct target *, const char *,
			    const struct level_name *, long, long, char **);

/* target.c: from -b, -o, NTFY_BACKENDS and the config to targets. */
int	config_validate(const struct config *, char **);
int	config_top_key(const char *);
int	targets_resolve(struct ntfy *, struct target **, size_t *, char **);
void	targets_free(struct target *, size_t);

/* target-keys.c: unknown keys in a target that sends a secret. */
int	target_check_keys(const struct target *, const struct section *,
	    const struct ntfy *, char **);
int	targets_check_global_keys(const struct target *, size_t,
	    const struct ntfy *, char **);

/* target-url.c: Apprise-style URLs as targets, network defaults. */
const struct backend *url_backend(const char *, char **);
int	url_options(struct target *, const char *, struct optlist *,
	    char **);
int	url_target_key(const struct optlist *, const char *);
char  **url_unused(const struct backend *, const char *);
size_t	url_pick(struct target *, const struct optlist *, size_t);
void	url_target(struct optlist *, size_t, const char *, const char *);
char	**url_targets(const struct http_url *, size_t, size_t *);
void	url_targets_free(char **);
const char *url_param(struct http_url *, const char *);
int	url_choice(struct http_url *, const char *, const char *const *, int,
	    char **);
int	url_bool(struct http_url *, const char *, int, char **);
void	network_defaults(struct target *, const struct config *);

/* secrets.c: which parts of option values and URLs are secrets. */
int	header_name_secret(const char *, size_t);
size_t	headers_secrets(const char *);
size_t	url_secrets(const char *);
const char *url_authority(const char *, const char **);
size_t	url_password_secret(const char *);
size_t	option_secrets(const struct backend_option *, const char *);

/* module.c */
void	*module_symbol(const char *, const char *, char **);
const struct backend *module_load_backend(const char *, char **);

/* dispatch.c */
int	notify_targets(struct target *, size_t, const struct message *);
enum backend_result notify_once(struct target *, const struct message *,
	    char **);
int	notify(struct ntfy *, const struct message *);
int	spool_flush(struct ntfy *, int);

/* spool.c: notifications that could not be delivered yet. */
struct spool_entry {
	char		*id;
	char		*path;
	char		*target;	/* a -b name, section or URL */
	struct optlist	 options;	/* the -o that applied */
	char		*title;
	struct message	 msg;
	int		 attempts;
	time_t		 first_failure;
	time_t		 last_attempt;
	char		*last_error;
};
char	*spool_path(void);
int	 spool_lock(int);
void	 spool_unlock(int);
int	 spool_write(const struct target *, const char *,
	    const struct message *, int, const char *, char **);
int	 spool_list(struct spool_entry **, size_t *, char **);
int	 spool_update(struct spool_entry *, const char *, char **);
int	 spool_remove(const struct spool_entry *);
void	 spool_entries_free(struct spool_entry *, size_t);
int	 parse_duration(const char *, double *);
char	*target_label(const char *);

/* Defined by a module: the probe the default backend asks. */
int	backend_linux_available(char **);

/* backend-webhook.c: the URL of a webhook backend; a "headers" option. */
int	webhook_url_check(const struct target *, const char *, int, char **);
typedef void (*header_fn)(void *, const char *, const char *);
int	headers_walk(const char *, const char *, header_fn, void *, char **);

/* backend-command.c: run a program, never through a shell. */
enum backend_result command_run(char *const *, char *const *, double,
	    char **);
char	*command_path(const char *);

/* backend-wsl.c: what the default backend borrows in WSL. */
int	wsl_detect(char **);
int	wsl_program(const struct notification *, char **);
enum backend_result wsl_deliver(const struct notification *, char **);

/* backend-terminal.c: what the default backend borrows. */
enum backend_result terminal_deliver(const struct notification *,
	    const struct term_choice *, char **);
int	terminal_protocol(const struct notification *, int *, char **);
int	ctty_number(void);

/* terminal-waiter.c: withdraw an OSC 99 notification when the user is
 * back. */
void	terminal_waiter_spawn(const struct term_choice *, const char *,
	    long);

#endif
