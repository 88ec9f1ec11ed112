/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "ntfy.h"

#define TMUX_WAIT_MS	3000	/* longest wait for tmux to answer */
#define TMUX_OUT_MAX	4096

/* How a terminal is recognised: a variable set (value NULL), equal to a
 * value, or starting with it (value ending in '*'). */
static const struct term_rule {
	const char	*var;
	const char	*value;
	const char	*name;
	enum term_proto	 proto;
} term_rules[] = {
	{ "KITTY_WINDOW_ID", NULL, "kitty", TERM_OSC99 },
	{ "TERM", "xterm-kitty", "kitty", TERM_OSC99 },
	{ "TERM", "kitty*", "kitty", TERM_OSC99 },
	{ "GHOSTTY_RESOURCES_DIR", NULL, "Ghostty", TERM_OSC777 },
	{ "TERM", "xterm-ghostty", "Ghostty", TERM_OSC777 },
	{ "TERM_PROGRAM", "ghostty", "Ghostty", TERM_OSC777 },
	{ "WEZTERM_PANE", NULL, "WezTerm", TERM_OSC777 },
	{ "TERM_PROGRAM", "WezTerm", "WezTerm", TERM_OSC777 },
	{ "TERM", "wezterm", "WezTerm", TERM_OSC777 },
	{ "ITERM_SESSION_ID", NULL, "iTerm2", TERM_OSC9 },
	{ "TERM_PROGRAM", "iTerm.app", "iTerm2", TERM_OSC9 },
	{ "TERM", "foot*", "foot", TERM_OSC777 },
	{ "WT_SESSION", NULL, "Windows Terminal", TERM_OSC777 },
};

/* What tmux's client_termtype (the terminal's XTVERSION answer) starts
 * with. */
static const struct term_rule termtype_rules[] = {
	{ NULL, "kitty", "kitty", TERM_OSC99 },
	{ NULL, "ghostty", "Ghostty", TERM_OSC777 },
	{ NULL, "WezTerm", "WezTerm", TERM_OSC777 },
	{ NULL, "iTerm2", "iTerm2", TERM_OSC9 },
	{ NULL, "foot", "foot", TERM_OSC777 },
};

static int
rule_match(const struct term_rule *r, const char *v)
{
	size_t	len;

	if (v == NULL || *v == '\0')
		return 0;
	if (r->value == NULL)
		return 1;
	len = strlen(r->value);
	if (len > 0 && r->value[len - 1] == '*')
		return strncmp(v, r->value, len - 1) == 0;
	return strcmp(v, r->value) == 0;
}

/* The terminal the environment names, or NULL. */
static const struct term_rule *
detect_env(char **why)
{
	const struct term_rule	*r;
	const char		*v;
	size_t			 i;

	for (i = 0; i < sizeof term_rules / sizeof term_rules[0]; i++) {
		r = &term_rules[i];
		v = getenv(r->var);
		if (!rule_match(r, v))
			continue;
		if (r->value == NULL)
			*why = xasprintf("%s ($%s is set)", r->name, r->var);
		else
			*why = xasprintf("%s (%s=%s)", r->name, r->var, v);
		return r;
	}
	return NULL;
}

/* The terminal of the tmux client, from its TERM or its XTVERSION. */
static const struct term_rule *
detect_client(const char *termname, const char *termtype, char **why)
{
	const struct term_rule	*r;
	size_t			 i;

	for (i = 0; i < sizeof term_rules / sizeof term_rules[0]; i++) {
		r = &term_rules[i];
		if (strcmp(r->var, "TERM") == 0 && rule_match(r, termname)) {
			*why = xasprintf("%s (tmux client_termname %s)",
			    r->name, termname);
			return r;
		}
	}
	for (i = 0; i < sizeof termtype_rules / sizeof termtype_rules[0];
	    i++) {
		r = &termtype_rules[i];
		if (strncasecmp(termtype, r->value, strlen(r->value)) == 0) {
			*why = xasprintf("%s (tmux client_termtype %s)",
			    r->name, termtype);
			return r;
		}
	}
	return NULL;
}

static long
elapsed_ms(const struct timespec *start)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 +
	    (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Run argv with its standard output captured; its exit status, or -1 when
 * it cannot run or takes longer than timeout_ms. */
static int
run_capture(const char *const argv[], struct buf *out, int timeout_ms)
{
	struct pollfd	pfd;
	struct timespec	start;
	char		chunk[512];
	ssize_t		n;
	pid_t		pid;
	int		p[2], status, devnull, left, killed = 0;

	if (pipe2(p, O_CLOEXEC) == -1)
		return -1;
	if ((pid = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		devnull = open("/dev/null", O_RDWR);
		if (devnull == -1 || dup2(devnull, 0) == -1 ||
		    dup2(p[1], 1) == -1 || dup2(devnull, 2) == -1)
			_exit(127);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(p[1]);
	clock_gettime(CLOCK_MONOTONIC, &start);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	for (;;) {
		left = timeout_ms - (int)elapsed_ms(&start);
		if (left <= 0) {
			kill(pid, SIGKILL);
			killed = 1;
			break;
		}
		if (poll(&pfd, 1, left) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if ((n = read(p[0], chunk, sizeof chunk)) == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			break;
		}
		if (n == 0)
			break;
		if (out->len < TMUX_OUT_MAX)
			buf_add(out, chunk, (size_t)n);
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	if (killed || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * Ask tmux about the client showing this pane and whether it passes
 * sequences through: one tmux run, two commands.  Older tmux without
 * allow-passthrough (before 3.3) always passed them.
 */
static void
query_tmux(struct term_choice *tc, char **termname, char **termtype)
{
	struct buf	 out = BUF_INIT;
	const char	*pane = getenv("TMUX_PANE");
	const char	*argv[16];
	char		*line, *next, *f[3];
	size_t		 n = 0, i;
	int		 status;

	argv[n++] = "tmux";
	argv[n++] = "display-message";
	argv[n++] = "-p";
	if (pane != NULL && *pane != '\0') {
		argv[n++] = "-t";
		argv[n++] = pane;
	}
	argv[n++] = "#{client_termname}|#{client_termtype}|#{window_active}";
	argv[n++] = ";";
	argv[n++] = "show-options";
	argv[n++] = "-Apv";
	if (pane != NULL && *pane != '\0') {
		argv[n++] = "-t";
		argv[n++] = pane;
	}
	argv[n++] = "allow-passthrough";
	argv[n] = NULL;

	*termname = *termtype = NULL;
	buf_adds(&out, "");
	status = run_capture(argv, &out, TMUX_WAIT_MS);
	if (out.len == 0) {
		log_debug("terminal: tmux did not answer (status %d)", status);
		buf_release(&out);
		return;
	}
	line = out.data;
	if ((next = strchr(line, '\n')) != NULL)
		*next++ = '\0';
	for (i = 0; i < 3; i++) {
		f[i] = line;
		if (line != NULL && (line = strchr(line, '|')) != NULL)
			*line++ = '\0';
	}
	*termname = xstrdup(f[0] ? f[0] : "");
	*termtype = xstrdup(f[1] ? f[1] : "");
	if (next == NULL || *next == '\0')
		log_debug("terminal: tmux has no allow-passthrough (before "
		    "3.3): it passes sequences through");
	else if (strncmp(next, "off", 3) == 0)
		tc->tmux_drop = xstrdup("tmux drops it: allow-passthrough is "
		    "off; add 'set -g allow-passthrough on' to ~/.tmux.conf "
		    "('all' to pass it from background windows too)");
	else if (strncmp(next, "on", 2) == 0 && f[2] != NULL &&
	    strcmp(f[2], "0") == 0)
		tc->tmux_drop = xstrdup("tmux drops it: this pane's window is "
		    "in the background and allow-passthrough is 'on'; 'set -g "
		    "allow-passthrough all' passes it from background windows");
	buf_release(&out);
}

/*
 * Choose the sequence for the terminal, or take proto when it is not -1:
 * inside tmux from tmux's client first (the environment may be stale),
 * then from the environment.
 */
void
terminal_detect(struct term_choice *tc, int proto)
{
	const struct term_rule	*r = NULL;
	const char		*v;
	char			*termname = NULL, *termtype = NULL;

	memset(tc, 0, sizeof *tc);
	if ((v = getenv("TMUX")) != NULL && *v != '\0' && proto != TERM_BEL) {
		tc->tmux = 1;
		query_tmux(tc, &termname, &termtype);
		if (termname != NULL && proto == -1)
			r = detect_client(termname, termtype, &tc->why);
		free(termname);
		free(termtype);
	}
	if (proto != -1) {
		tc->proto = (enum term_proto)proto;
		tc->why = xasprintf("protocol = %s",
		    terminal_proto_name(tc->proto));
		return;
	}
	if (r == NULL)
		r = detect_env(&tc->why);
	if (r != NULL) {
		tc->proto = r->proto;
		return;
	}
	tc->proto = TERM_BEL;
	if ((v = getenv("VTE_VERSION")) != NULL && *v != '\0')
		tc->why = xasprintf("a VTE terminal ($VTE_VERSION=%s) whose "
		    "OSC 777 support depends on the distribution's patches; "
		    "set protocol = osc777 if yours shows them", v);
	else
		tc->why = xstrdup("no terminal known to show notifications");
}

void
terminal_choice_release(struct term_choice *tc)
{
	free(tc->why);
	free(tc->tmux_drop);
	memset(tc, 0, sizeof *tc);
}

/* The last value of key in a config file, its first word; NULL if not
 * set.  kitty separates key and value with white space, Ghostty with '='. */
static char *
conf_value(const char *path, const char *key)
{
	FILE		*f;
	const char	*why;
	char		*line = NULL, *p, *value = NULL;
	size_t		 cap = 0, klen = strlen(key), vlen;

	if ((f = file_fopen_read(path, &why)) == NULL)
		return NULL;
	while (getline(&line, &cap, f) != -1) {
		p = line + strspn(line, " \t");
		if (strncmp(p, key, klen) != 0 ||
		    strchr(" \t=", p[klen]) == NULL || p[klen] == '\0')
			continue;
		p += klen;
		p += strspn(p, " \t=");
		vlen = strcspn(p, " \t\r\n#");
		free(value);
		value = xstrndup(p, vlen);
	}
	free(line);
	fclose(f);
	return value;
}

/* A terminal's config file: $dirvar/name, else $XDG_CONFIG_HOME/sub/name. */
static char *
conf_path(const char *dirvar, const char *sub, const char *name)
{
	const char	*v;

	if (dirvar != NULL && (v = getenv(dirvar)) != NULL && *v != '\0')
		return xasprintf("%s/%s", v, name);
	if ((v = getenv("XDG_CONFIG_HOME")) != NULL && *v != '\0')
		return xasprintf("%s/%s/%s", v, sub, name);
	if ((v = getenv("HOME")) != NULL && *v != '\0')
		return xasprintf("%s/.config/%s/%s", v, sub, name);
	return NULL;
}

static int
conf_enables(const char *dirvar, const char *sub, const char *name,
    const char *key, char **why)
{
	char	*path, *v;
	int	 on = 0;

	if ((path = conf_path(dirvar, sub, name)) == NULL)
		return 0;
	if ((v = conf_value(path, key)) != NULL && strcmp(v, "never") != 0 &&
	    *v != '\0') {
		on = 1;
		if (why != NULL)
			*why = xasprintf("%s sets %s %s", path, key, v);
	}
	free(v);
	free(path);
	return on;
}

/*
 * 1 when the terminal this runs in notifies by itself when a command ends
 * (kitty's notify_on_cmd_finish, Ghostty's notify-on-command-finish, both
 * driven by their shell integration), with *why saying so when not NULL.
 */
int
terminal_notifies_itself(char **why)
{
	const char	*v;

	if (getenv("KITTY_WINDOW_ID") != NULL)
		return conf_enables("KITTY_CONFIG_DIRECTORY", "kitty",
		    "kitty.conf", "notify_on_cmd_finish", why);
	if (getenv("GHOSTTY_RESOURCES_DIR") != NULL ||
	    ((v = getenv("TERM_PROGRAM")) != NULL &&
	    strcmp(v, "ghostty") == 0))
		return conf_enables(NULL, "ghostty", "config",
		    "notify-on-command-finish", why) ||
		    conf_enables(NULL, "ghostty", "config.ghostty",
		    "notify-on-command-finish", why);
	return 0;
}
