/* SPDX-License-Identifier: ISC */
/* Watching for the user to come back to where a command ran: the waiters
 * of the desktop and terminal backends withdraw their notification then. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"

#define FOCUS_POLL_MS	2000	/* how often tmux is asked */

/* pid and its ancestors, nearest first, init excepted: at most max. */
size_t
proc_ancestors(long pid, long *out, size_t max)
{
	size_t	n = 0;

	while (pid > 1 && n < max) {
		out[n++] = pid;
		pid = proc_parent(pid);
	}
	return n;
}

struct focus_watch {
	struct sway_watch *sway;
	void	*x11;		/* the focusx11 module's watch */
	int	(*x11_event)(void *);
	void	(*x11_free)(void *);
	int	 was;		/* tmux: focused at the last look */
};

/* X11, through the focusx11 module (libxcb). */
static int
x11_watch_start(struct focus_watch *fw, const long *pids, size_t npids,
    int *fd, char **why)
{
	void	*(*start)(const char *, const long *, size_t, int *, char **);
	char	*cause = NULL;

	start = (void *(*)(const char *, const long *, size_t, int *,
	    char **))module_symbol("focusx11", "focus_x11_watch", &cause);
	fw->x11_event = (int (*)(void *))module_symbol("focusx11",
	    "focus_x11_watch_event", &cause);
	fw->x11_free = (void (*)(void *))module_symbol("focusx11",
	    "focus_x11_watch_free", &cause);
	if (start == NULL || fw->x11_event == NULL || fw->x11_free == NULL) {
		*why = cause;
		return -1;
	}
	free(cause);
	fw->x11 = start(getenv("WINDOWID"), pids, npids, fd, why);
	return fw->x11 == NULL ? -1 : 0;
}

/* Whether the environment has a way to see the user come back (the check
 * a sender makes before it starts a waiter). */
int
focus_watch_possible(char **why)
{
	if ((env_set("TMUX") && env_set("TMUX_PANE")) || env_set("SWAYSOCK"))
		return 1;
	if (env_set("DISPLAY")) {
		if (module_symbol("focusx11", "focus_x11_watch", why) != NULL)
			return 1;
		return 0;
	}
	*why = xstrdup("neither tmux, sway nor X11: the focus cannot be "
	    "watched");
	return 0;
}

/*
 * Start watching: sway and X11 give a descriptor to wait on (*fd, events,
 * no polling); tmux can only be asked, so *poll_ms says how often.  NULL
 * with *why when none applies.  Reads the sender's environment.
 */
struct focus_watch *
focus_watch_start(const long *pids, size_t npids, int *fd, int *poll_ms,
    char **why)
{
	struct focus_watch	*fw;
	enum focus_state	 s;

	*fd = -1;
	*poll_ms = 0;
	fw = xcalloc(1, sizeof *fw);
	if (env_set("TMUX") && env_set("TMUX_PANE")) {
		if ((s = focus_detect(0)) != FOCUS_UNKNOWN) {
			fw->was = s == FOCUS_FOCUSED;
			*poll_ms = FOCUS_POLL_MS;
			return fw;
		}
		*why = xstrdup("tmux cannot be asked");
		free(fw);
		return NULL;
	}
	if (env_set("SWAYSOCK")) {
		if ((fw->sway = sway_watch_start(pids, npids, fd,
		    why)) != NULL)
			return fw;
	} else if (env_set("DISPLAY")) {
		if (x11_watch_start(fw, pids, npids, fd, why) == 0)
			return fw;
	} else
		*why = xstrdup("neither tmux, sway nor X11: the focus cannot "
		    "be watched");
	free(fw);
	return NULL;
}

/* 1 when the user has just come back, 0 when not, -1 when the watch is
 * lost. */
int
focus_watch_check(struct focus_watch *fw)
{
	enum focus_state	s;
	int			now;

	if (fw->sway != NULL)
		return sway_watch_event(fw->sway);
	if (fw->x11 != NULL)
		return fw->x11_event(fw->x11);
	/* The tmux server went away: so did the pane. */
	if ((s = focus_detect(0)) == FOCUS_UNKNOWN)
		return -1;
	now = s == FOCUS_FOCUSED;
	if (now && !fw->was) {
		fw->was = now;
		return 1;
	}
	fw->was = now;
	return 0;
}

void
focus_watch_free(struct focus_watch *fw)
{
	if (fw == NULL)
		return;
	sway_watch_free(fw->sway);
	if (fw->x11 != NULL)
		fw->x11_free(fw->x11);
	free(fw);
}
