/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"

static int	cmd_done_exec(struct ntfy *, int, char **);
static int	done_failures_always(struct ntfy *);

const struct cmd_entry cmd_done_entry = {
	.name = "done",
	.usage = "[-buHoe] [-L N] [--] COMMAND [ARGS...]\n"
	    "       ntfy [options] done [-bu] [-L N] -p PID\n"
	    "       ntfy [options] done [-buH] [-L N] --formatter COMMAND "
	    "RETCODE DURATION",
	.summary = "run COMMAND (or wait for a PID), then notify how it "
	    "ended",
	.flags = CMD_CONFIG,
	.exec = cmd_done_exec
};

/* What `ntfy done` was asked to do. */
struct done_opts {
	double		 longer_than;	/* < 0: always notify */
	int		 unfocused_only;
	int		 failures_always;	/* notify_failures = always */
	int		 hide_command;
	int		 capture;	/* RUN_STDOUT | RUN_STDERR */
	const char	*pid;
	char		**formatter;	/* COMMAND RETCODE DURATION */
};

/* A boolean top-level key of the config; a bad value is only a warning. */
static void
config_bool(struct ntfy *nt, const char *key, int *out)
{
	const char	*v;

	if ((v = ntfy_setting(nt, key)) != NULL && parse_bool(v, out) == -1)
		log_warn("%s '%s' in the config is not true or false; "
		    "ignored", key, v);
}

static int
done_usage(void)
{
	cmd_usage(&cmd_done_entry);
	return EXIT_USAGE;
}

/* Parse the options of done up to the command; the config gives defaults.
 * Returns the index of the command in argv, or -1 after an error. */
static int
done_parse(struct ntfy *nt, int argc, char **argv, struct done_opts *o)
{
	static const struct option longopts[] = {
		{ "longer-than", required_argument, NULL, 'L' },
		{ "background-only", no_argument, NULL, 'b' },
		{ "unfocused-only", no_argument, NULL, 'u' },
		{ "hide-command", no_argument, NULL, 'H' },
		{ "stdout", no_argument, NULL, 'o' },
		{ "stderr", no_argument, NULL, 'e' },
		{ "formatter", required_argument, NULL, 'F' },
		{ "pid", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*v;
	int		 ch, hide = 0;

	memset(o, 0, sizeof *o);
	o->longer_than = -1;
	if ((v = ntfy_setting(nt, "longer_than")) != NULL &&
	    parse_seconds(v, &o->longer_than) == -1) {
		log_warn("longer_than '%s' in the config is not a number of "
		    "seconds; ignored", v);
		o->longer_than = -1;
	}
	config_bool(nt, "unfocused_only", &o->unfocused_only);
	config_bool(nt, "hide_command", &o->hide_command);
	o->failures_always = done_failures_always(nt);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "+:L:buHoep:h", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'L':
			if (parse_seconds(optarg, &o->longer_than) == -1) {
				log_error("-L '%s' is not a number of seconds",
				    optarg);
				return -1;
			}
			break;
		case 'b':
		case 'u':
			o->unfocused_only = 1;
			break;
		case 'H':
			hide = 1;
			break;
		case 'o':
			o->capture |= RUN_STDOUT;
			break;
		case 'e':
			o->capture |= RUN_STDERR;
			break;
		case 'p':
			o->pid = optarg;
			break;
		case 'F':
			if (argc - optind < 2) {
				log_error("--formatter needs COMMAND, RETCODE "
				    "and DURATION");
				return -1;
			}
			o->formatter = argv + optind - 1;
			optind += 2;
			break;
		case 'h':
			cmd_usage(&cmd_done_entry);
			return -2;
		case ':':
			log_error("option '%s' needs a value",
			    argv[optind - 1]);
			return -1;
		default:
			if (optopt != 0)
				log_error("unknown option '-%c' for done",
				    optopt);
			else
				log_error("unknown option '%s' for done",
				    argv[optind - 1]);
			return -1;
		}
	}
	if (hide)
		o->hide_command = 1;
	return optind;
}

/*
 * Whether a failure is reported whatever the threshold and the focus:
 * $AUTO_NTFY_DONE_NOTIFY_FAILURES when it is set, else notify_failures.
 */
static int
done_failures_always(struct ntfy *nt)
{
	const char	*v, *from = "AUTO_NTFY_DONE_NOTIFY_FAILURES";

	if ((v = getenv(from)) == NULL || *v == '\0') {
		v = ntfy_setting(nt, "notify_failures");
		from = "notify_failures in the config";
	}
	if (v == NULL || strcmp(v, "normal") == 0)
		return 0;
	if (strcmp(v, "always") == 0)
		return 1;
	log_warn("%s '%s' is not always or normal; ignored", from, v);
	return 0;
}

/* Whether the program that command runs is named by the config's key or
 * the environment variable env (both lists count). */
static int
done_listed(struct ntfy *nt, const char *key, const char *env,
    const char *command, char **program)
{
	const char	*lists[2];
	char		**names = NULL;
	size_t		 n = 0, i, l;
	int		 found = 0;

	*program = NULL;
	lists[0] = ntfy_setting(nt, key);
	lists[1] = env != NULL ? getenv(env) : NULL;
	if ((lists[0] == NULL && lists[1] == NULL) || command == NULL ||
	    (*program = command_program(command)) == NULL)
		return 0;
	for (l = 0; l < 2; l++)
		if (lists[l] != NULL)
			split_names(lists[l], &names, &n);
	for (i = 0; i < n; i++) {
		found |= strcmp(names[i], *program) == 0;
		free(names[i]);
	}
	free(names);
	return found;
}

/* Whether the config's ignore list names the program that command runs. */
static int
done_ignored(struct ntfy *nt, const char *command)
{
	char	*program;
	int	 found;

	found = done_listed(nt, "ignore", NULL, command, &program);
	if (found)
		log_debug("'%s' is in the config's ignore list: no "
		    "notification", program);
	free(program);
	return found;
}

/* Whether command's program is in the always list: reported past the
 * threshold even when the terminal has the focus. */
static int
done_always(struct ntfy *nt, const char *command)
{
	char	*program;
	int	 found;

	found = done_listed(nt, "always", "AUTO_NTFY_DONE_ALWAYS", command,
	    &program);
	if (found)
		log_debug("'%s' is in the always list: the focus does not "
		    "matter", program);
	free(program);
	return found;
}

/* A failure for notify_failures: a status but 0, and not the user's own
 * Ctrl-C or Ctrl-Z. */
static int
done_failed(int retcode, int sig)
{
	return retcode != 0 && sig != SIGINT && sig != SIGTSTP;
}

/* Whether a notification is wanted, after the command ran for secs. */
static int
done_wanted(struct ntfy *nt, const struct done_opts *o, double secs,
    int failed, const char *command)
{
	if (failed && o->failures_always) {
		log_debug("it failed and failures are always reported");
		return 1;
	}
	if (o->longer_than >= 0 && secs <= o->longer_than) {
		log_debug("it ran %.3f s, not longer than %g s: no "
		    "notification", secs, o->longer_than);
		return 0;
	}
	if (o->unfocused_only && !done_always(nt, command) &&
	    focus_detect(0) == FOCUS_FOCUSED) {
		log_debug("the terminal has the focus: no notification");
		return 0;
	}
	return 1;
}

/* Report a command that already ran (the shell hook's way). */
static int
done_formatter(struct ntfy *nt, const struct done_opts *o)
{
	struct message	 m;
	long		 rc;
	double		 secs;
	int		 r = 0;

	if (parse_long(o->formatter[1], 0, 255, &rc) == -1) {
		log_error("--formatter RETCODE '%s' is not a number from 0 to "
		    "255", o->formatter[1]);
		return EXIT_USAGE;
	}
	if (parse_seconds(o->formatter[2], &secs) == -1) {
		log_error("--formatter DURATION '%s' is not a number of "
		    "seconds", o->formatter[2]);
		return EXIT_USAGE;
	}
	if (done_ignored(nt, o->formatter[0]))
		return 0;
	if (!done_wanted(nt, o, secs, done_failed((int)rc, rc > 128 ?
	    (int)rc - 128 : 0), o->formatter[0]))
		return 0;
	message_init(&m);
	m.command = utf8_repair(o->formatter[0], strlen(o->formatter[0]));
	m.has_status = 1;
	m.retcode = (int)rc;
	/* As a shell reports it: 128+N is signal N. */
	if (rc > 128 && signal_name((int)rc - 128) != NULL)
		m.signal = (int)rc - 128;
	m.duration = secs;
	m.body = done_message(&m, !nt->no_emoji, o->hide_command);
	r = notify(nt, &m);
	message_release(&m);
	return r;
}

/* Wait for a process that is not ours; its exit status cannot be known. */
static int
done_pid(struct ntfy *nt, const struct done_opts *o)
{
	struct message	 m;
	char		*cause = NULL, *cmd;
	double		 age, start;
	long		 pid;
	int		 fd;

	if (pid_parse(o->pid, &pid, &cause) == -1) {
		log_error("%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	if (pid_open(pid, &fd, &cause) == -1) {
		log_error("%s", cause);
		free(cause);
		return EXIT_NOTIFY_FAILED;
	}
	pid_describe(pid, &cmd, &age);
	log_debug("waiting for PID %ld (%s)", pid, cmd ? cmd : "?");
	start = monotonic_now();
	pid_wait(pid, fd);
	if (fd != -1)
		close(fd);
	message_init(&m);
	m.command = cmd;
	m.duration = monotonic_now() - start + (age > 0 ? age : 0);
	if (done_wanted(nt, o, m.duration, 0, cmd)) {
		m.body = pid_message(&m, pid, o->hide_command);
		notify(nt, &m);
	}
	message_release(&m);
	return 0;
}

/* Run the command, notify, and exit with its status whatever happens to
 * the notification. */
static int
done_run(struct ntfy *nt, const struct done_opts *o, int argc, char **argv)
{
	struct run_result	 rr;
	struct message		 m;
	struct buf		 b = BUF_INIT;
	char			*command;

	run_command(argv, o->capture, &rr);
	command = command_quote(argc, argv);
	if (!done_wanted(nt, o, rr.duration, done_failed(rr.status,
	    rr.signal), command))
		free(command);
	else {
		message_init(&m);
		m.command = command;
		m.has_status = 1;
		m.retcode = rr.status;
		m.signal = rr.signal;
		m.duration = rr.duration;
		buf_adds(&b, "");
		m.body = done_message(&m, !nt->no_emoji, o->hide_command);
		buf_adds(&b, m.body);
		if (rr.output != NULL && *rr.output != '\0')
			buf_printf(&b, ":\n%s", rr.output);
		free(m.body);
		m.body = buf_detach(&b);
		notify(nt, &m);
		message_release(&m);
	}
	free(rr.output);
	return rr.status;
}

static int
cmd_done_exec(struct ntfy *nt, int argc, char **argv)
{
	struct done_opts	o;
	int			i, modes;

	if ((i = done_parse(nt, argc, argv, &o)) < 0)
		return i == -2 ? 0 : done_usage();
	modes = (o.pid != NULL) + (o.formatter != NULL) + (i < argc);
	if (modes == 0) {
		log_error("no command: give one, --pid PID or --formatter");
		return done_usage();
	}
	if (modes > 1) {
		log_error("give only one of a command, --pid and --formatter");
		return done_usage();
	}
	if (o.capture != 0 && i >= argc) {
		log_error("-o and -e need a command to run");
		return done_usage();
	}
	if (o.pid != NULL)
		return done_pid(nt, &o);
	if (o.formatter != NULL)
		return done_formatter(nt, &o);
	return done_run(nt, &o, argc - i, argv + i);
}
