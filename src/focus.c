/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "backend.h"

#define HELPER_WAIT_MS	2000		/* longest wait for tmux, osascript */

/*
 * One way to learn whether the terminal has the focus.  applies() says
 * whether this probe knows this session (and why, in *why); the first that
 * applies decides.  Unknown means "not focused": nothing is lost.
 */
struct focus_probe {
	const char	 *name;
	int		(*applies)(char **);
	enum focus_state (*decide)(char **);
};

const char *
focus_state_name(enum focus_state s)
{
	switch (s) {
	case FOCUS_FOCUSED:
		return "focused";
	case FOCUS_UNFOCUSED:
		return "not focused";
	default:
		return "unknown";
	}
}

/* The parent of pid from /proc, or 0. */
long
proc_parent(long pid)
{
	char	*path, line[512], *p;
	long	 ppid;
	FILE	*f;

	path = xasprintf("/proc/%ld/stat", pid);
	f = fopen(path, "re");
	free(path);
	if (f == NULL)
		return 0;
	p = fgets(line, sizeof line, f);
	fclose(f);
	if (p == NULL || (p = strrchr(line, ')')) == NULL ||
	    sscanf(p + 1, " %*c %ld", &ppid) != 1)
		return 0;
	return ppid;
}

/* 1 when pid is this process or one of its ancestors, init excepted (it
 * is everyone's).  Without /proc, only this process and its parent. */
int
proc_is_ancestor(long pid)
{
	long	cur = (long)getpid(), parent;
	int	depth;

	if (pid <= 1)
		return 0;
	for (depth = 0; cur > 1 && depth < 256; depth++) {
		if (cur == pid)
			return 1;
		if ((parent = proc_parent(cur)) == 0)
			return cur == (long)getpid() && pid == (long)getppid();
		cur = parent;
	}
	return 0;
}

/* Run argv with no input, give back the first 4 KiB of its stdout; -1 when
 * it cannot run, fails or takes longer than HELPER_WAIT_MS. */
int
helper_output(const char *const *argv, char **out)
{
	struct pollfd	 pfd;
	char		 b[4096];
	size_t		 len = 0;
	ssize_t		 n;
	pid_t		 pid;
	int		 p[2], st, fd, left = HELPER_WAIT_MS;
	double		 start = monotonic_now();

	if (pipe2(p, O_CLOEXEC) == -1)
		return -1;
	if ((pid = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		dup2(p[1], STDOUT_FILENO);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(p[1]);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	while (len < sizeof b - 1 && left > 0) {
		if (poll(&pfd, 1, left) == 0)
			break;
		n = read(p[0], b + len, sizeof b - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		left = HELPER_WAIT_MS - (int)((monotonic_now() - start) * 1000);
	}
	close(p[0]);
	if (left <= 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	if (left <= 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	b[len] = '\0';
	*out = xstrdup(b);
	return 0;
}

int
env_set(const char *name)
{
	const char	*v = getenv(name);

	return v != NULL && *v != '\0';
}

static int
tmux_applies(char **why)
{
	if (!env_set("TMUX")) {
		*why = xstrdup("$TMUX is not set");
		return 0;
	}
	if (!env_set("TMUX_PANE")) {
		*why = xstrdup("$TMUX is set but not $TMUX_PANE");
		return 0;
	}
	return 1;
}

/* Our pane must be the active pane of the active window, and a client must
 * be attached and (when tmux has focus events) have the focus. */
static enum focus_state
tmux_decide(char **why)
{
	const char	*argv[] = { "tmux", "display-message", "-p", "-t", NULL,
			    "#{pane_active} #{window_active} "
			    "#{session_attached} #{focus-events} "
			    "#{client_flags}", NULL };
	char		*out, focus[16] = "", flags[256] = "";
	const char	*pane = getenv("TMUX_PANE");
	int		 pa, wa, sa, n;

	argv[4] = pane;
	if (helper_output(argv, &out) == -1) {
		*why = xasprintf("'tmux display-message -t %s' failed", pane);
		return FOCUS_UNKNOWN;
	}
	n = sscanf(out, "%d %d %d %15s %255s", &pa, &wa, &sa, focus, flags);
	free(out);
	if (n < 3) {
		*why = xstrdup("tmux gave no pane state");
		return FOCUS_UNKNOWN;
	}
	if (!pa || !wa) {
		*why = xasprintf("tmux pane %s is not the active pane of the "
		    "active window", pane);
		return FOCUS_UNFOCUSED;
	}
	if (sa == 0) {
		*why = xstrdup("no tmux client is attached");
		return FOCUS_UNFOCUSED;
	}
	if (strcmp(focus, "on") != 0 && strcmp(focus, "1") != 0) {
		*why = xasprintf("tmux pane %s is active and attached (tmux "
		    "has no focus events: set -g focus-events on)", pane);
		return FOCUS_FOCUSED;
	}
	if (strstr(flags, "focused") == NULL) {
		*why = xstrdup("the tmux client has lost the focus");
		return FOCUS_UNFOCUSED;
	}
	*why = xasprintf("tmux pane %s is active and its client has the "
	    "focus", pane);
	return FOCUS_FOCUSED;
}

#ifdef __APPLE__
static int
macos_applies(char **why)
{
	if (!env_set("TERM_PROGRAM")) {
		*why = xstrdup("$TERM_PROGRAM is not set");
		return 0;
	}
	return 1;
}

/* The frontmost application must be the terminal we run in. */
static enum focus_state
macos_decide(char **why)
{
	const char	*argv[] = { "osascript", "-e", "tell application "
			    "\"System Events\" to get name of first "
			    "application process whose frontmost is true",
			    NULL };
	char		*out;
	const char	*term = getenv("TERM_PROGRAM"), *want = term;
	size_t		 len;
	int		 same;

	if (strcmp(term, "Apple_Terminal") == 0)
		want = "Terminal";
	else if (strcmp(term, "iTerm.app") == 0)
		want = "iTerm2";
	if (helper_output(argv, &out) == -1) {
		*why = xstrdup("osascript failed");
		return FOCUS_UNKNOWN;
	}
	len = strcspn(out, "\r\n");
	out[len] = '\0';
	same = strcasecmp(out, want) == 0;
	if (same)
		*why = xasprintf("the frontmost application is '%s'", out);
	else
		*why = xasprintf("the frontmost application is '%s', not '%s'",
		    out, want);
	free(out);
	return same ? FOCUS_FOCUSED : FOCUS_UNFOCUSED;
}
#endif

static int
x11_applies(char **why)
{
	if (!env_set("DISPLAY")) {
		*why = xstrdup("$DISPLAY is not set");
		return 0;
	}
	return 1;
}

/* libxcb lives in the focusx11 module, loaded only here. */
static enum focus_state
x11_decide(char **why)
{
	enum focus_state	(*decide)(char **);
	char			*cause = NULL;

	decide = (enum focus_state (*)(char **))module_symbol("focusx11",
	    "focus_x11_decide", &cause);
	if (decide == NULL) {
		*why = xasprintf("%s (configure --with-xcb)", cause);
		free(cause);
		return FOCUS_UNKNOWN;
	}
	return decide(why);
}

static const struct focus_probe focus_probes[] = {
	{ "tmux", tmux_applies, tmux_decide },
	{ "sway", sway_applies, sway_decide },
	{ "hyprland", hyprland_applies, hyprland_decide },
	{ "niri", niri_applies, niri_decide },
#ifdef __APPLE__
	{ "macos", macos_applies, macos_decide },
#endif
	{ "wayland", wayland_applies, wayland_decide },
	{ "x11", x11_applies, x11_decide },
};

/*
 * Whether the user is looking at this terminal: the first probe that
 * applies decides.  With all, every probe is asked and says so on standard
 * output (ntfy focus); otherwise the deciding one says so with -v.
 */
enum focus_state
focus_detect(int all)
{
	const struct focus_probe	*p;
	enum focus_state		 s, result = FOCUS_UNKNOWN;
	const char			*by = NULL;
	char				*why;
	size_t				 i;

	for (i = 0; i < sizeof focus_probes / sizeof focus_probes[0]; i++) {
		p = &focus_probes[i];
		why = NULL;
		if (!p->applies(&why)) {
			if (all)
				print_line(stdout, "%-8s does not apply: %s",
				    p->name, why);
			free(why);
			continue;
		}
		s = p->decide(&why);
		if (all)
			print_line(stdout, "%-8s %s: %s", p->name,
			    focus_state_name(s), why);
		if (by == NULL) {
			by = p->name;
			result = s;
			log_debug("focus: %s says %s: %s", p->name,
			    focus_state_name(s), why);
		}
		free(why);
		if (!all)
			break;
	}
	if (by == NULL)
		log_debug("focus: unknown, no probe applies");
	if (all)
		printf("decision: %s%s%s%s\n", focus_state_name(result),
		    by ? " (by " : " (no probe applies)", by ? by : "",
		    by ? ")" : "");
	return result;
}
