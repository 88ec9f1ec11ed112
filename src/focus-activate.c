/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"

#define MAX_ANCESTORS	64

static int
tmux_run(const char *a1, const char *a2, const char *a3, const char *a4,
    const char *a5, char **out)
{
	const char	*argv[] = { "tmux", a1, a2, a3, a4, a5, NULL };
	char		*o = NULL;
	int		 r;

	r = helper_output(argv, &o);
	if (out != NULL)
		*out = o;
	else
		free(o);
	return r;
}

/*
 * Show our pane in its window, our window in its session, and switch a
 * client to the session: one already on it, else the one used last.  The
 * pid of that client, whose terminal is to be raised, goes in *client.
 */
static int
tmux_activate(const char *pane, long *client, char **why)
{
	char	*out = NULL, *session = NULL, *line, *save = NULL, *best = NULL;
	char	 name[256], sess[256];
	long	 act, best_act = -1, pid, best_pid = 0;
	int	 on_ours, best_on = 0;

	*client = 0;
	if (tmux_run("display-message", "-p", "-t", pane, "#{session_id}",
	    &session) == -1) {
		*why = xasprintf("'tmux display-message -t %s' failed", pane);
		return -1;
	}
	session[strcspn(session, "\n")] = '\0';
	if (tmux_run("select-window", "-t", pane, NULL, NULL, NULL) == -1 ||
	    tmux_run("select-pane", "-t", pane, NULL, NULL, NULL) == -1) {
		*why = xasprintf("tmux cannot select pane %s", pane);
		free(session);
		return -1;
	}
	if (tmux_run("list-clients", "-F", "#{client_activity} "
	    "#{client_pid} #{session_id} #{client_name}", NULL, NULL,
	    &out) == -1) {
		free(session);
		*why = xstrdup("'tmux list-clients' failed");
		return -1;
	}
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%ld %ld %255s %255s", &act, &pid, sess,
		    name) != 4)
			continue;
		on_ours = strcmp(sess, session) == 0;
		if ((on_ours && !best_on) || (on_ours == best_on &&
		    act > best_act)) {
			free(best);
			best = xstrdup(name);
			best_act = act;
			best_pid = pid;
			best_on = on_ours;
		}
	}
	free(out);
	if (best == NULL) {
		*why = xstrdup("no tmux client is attached");
		free(session);
		return -1;
	}
	if (!best_on && tmux_run("switch-client", "-c", best, "-t", pane,
	    NULL) == -1) {
		*why = xasprintf("tmux cannot switch client %s to pane %s",
		    best, pane);
		free(best);
		free(session);
		return -1;
	}
	free(best);
	free(session);
	*client = best_pid;
	return 0;
}

/* The window of the terminal: through the focusx11 module (libxcb). */
static int
x11_activate(const char *windowid, const long *pids, size_t npids,
    char **why)
{
	int	(*activate)(const char *, const long *, size_t, char **);
	char	*cause = NULL;

	activate = (int (*)(const char *, const long *, size_t,
	    char **))module_symbol("focusx11", "focus_x11_activate", &cause);
	if (activate == NULL) {
		*why = xasprintf("%s (configure --with-xcb)", cause);
		free(cause);
		return -1;
	}
	return activate(windowid, pids, npids, why);
}

/*
 * Bring the user to where the command ran: its tmux pane, and the terminal
 * window: under sway its container, found from pids (the sender's
 * ancestors, nearest first); under X11 its window, from $WINDOWID or pids.
 * Reads $TMUX, $TMUX_PANE, $SWAYSOCK, $WINDOWID and $DISPLAY as the sender
 * had them.
 */
int
focus_activate(const long *pids, size_t npids, char **why)
{
	const char	*pane = getenv("TMUX_PANE"), *tmux = getenv("TMUX");
	const char	*windowid = getenv("WINDOWID"), *d = getenv("DISPLAY");
	const char	*sway = getenv("SWAYSOCK");
	long		 client, cpids[MAX_ANCESTORS];
	size_t		 ncpids;

	if (tmux != NULL && *tmux != '\0' && pane != NULL && *pane != '\0') {
		if (tmux_activate(pane, &client, why) == -1)
			return -1;
		/* $WINDOWID is the terminal the server started in. */
		ncpids = proc_ancestors(client, cpids, MAX_ANCESTORS);
		if (ncpids == 0)
			return 0;
		if (sway != NULL && *sway != '\0')
			return sway_activate(cpids, ncpids, why);
		if (d == NULL || *d == '\0')
			return 0;
		return x11_activate(NULL, cpids, ncpids, why);
	}
	if (sway != NULL && *sway != '\0')
		return sway_activate(pids, npids, why);
	if (d != NULL && *d != '\0')
		return x11_activate(windowid, pids, npids, why);
	*why = xstrdup("neither tmux, sway nor X11: nothing to activate");
	return -1;
}
