/* SPDX-License-Identifier: ISC */
/* The detached waiter of the desktop module: shows a bubble with a default
 * action and, when it is clicked, brings the user back to the terminal. */
#include "config.h"

#include <sys/types.h>

#include <gio/gio.h>
#include <glib-unix.h>
#include <jansson.h>
#include <signal.h>
#include <libnotify/notify.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "linux.h"

struct waiter {
	GMainLoop		*loop;
	NotifyNotification	*nn;
	struct focus_watch	*watch;
	int			 withdraw;
	int			 closed;
	long			 pids[64];
	size_t			 npids;
};

/* The user is back: withdraw the bubble (its closing ends the loop). */
static void
withdraw(struct waiter *w)
{
	if (w->withdraw && !w->closed &&
	    notify_notification_close(w->nn, NULL))
		w->closed = 1;
	g_main_loop_quit(w->loop);
}

static gboolean
on_focus(gpointer data)
{
	struct waiter	*w = data;
	int		 r = focus_watch_check(w->watch);

	if (r == 1) {
		withdraw(w);
		return G_SOURCE_REMOVE;
	}
	return r == -1 ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static gboolean
on_focus_fd(gint fd, GIOCondition cond, gpointer data)
{
	(void)fd;
	(void)cond;
	return on_focus(data);
}

static void
on_action(NotifyNotification *nn, char *action, gpointer data)
{
	struct waiter	*w = data;
	char		*why = NULL;

	(void)nn;
	(void)action;
	if (focus_activate(w->pids, w->npids, &why) == -1)
		free(why);
	withdraw(w);
}

static void
on_closed(NotifyNotification *nn, gpointer data)
{
	struct waiter	*w = data;

	(void)nn;
	w->closed = 1;
	g_main_loop_quit(w->loop);
}

static gboolean
on_timeout(gpointer data)
{
	struct waiter	*w = data;

	g_main_loop_quit(w->loop);
	return G_SOURCE_REMOVE;
}

/*
 * Entry point of the detached waiter (see detach_spawn): show the bubble of
 * request, answer "ok ID" or "error TEXT", then wait for its action, its
 * closing or action_timeout, whichever comes first.
 */
int
backend_linux_waiter(const char *request)
{
	struct waiter		 w;
	NotifyNotification	*nn;
	GError			*error = NULL;
	json_error_t		 jerr;
	json_t			*req, *b, *v;
	const char		*state;
	char			*line, *why = NULL;
	size_t			 i;
	gint			 id = 0;
	long			 timeout, old;
	int			 fd, poll_ms, i_id;

	memset(&w, 0, sizeof w);
	if ((req = json_loads(request, 0, &jerr)) == NULL ||
	    !json_is_object(b = json_object_get(req, "bubble"))) {
		detach_reply("error bad request to the waiter");
		json_decref(req);
		return 1;
	}
	json_array_foreach(json_object_get(req, "pids"), i, v) {
		if (w.npids < sizeof w.pids / sizeof w.pids[0])
			w.pids[w.npids++] = (long)json_integer_value(v);
	}
	timeout = (long)json_integer_value(json_object_get(req,
	    "action_timeout"));
	if (!notify_init(json_string_value(json_object_get(b,
	    "app_name")))) {
		detach_reply("error cannot initialise libnotify");
		json_decref(req);
		return 1;
	}
	w.loop = g_main_loop_new(NULL, FALSE);
	w.withdraw = json_is_true(json_object_get(req, "withdraw"));
	nn = w.nn = linux_bubble_new(b);
	/* Replace this terminal's last bubble; its waiter has no more to do. */
	state = json_string_value(json_object_get(req, "state"));
	if (linux_state_read(state, &id, &old) == 0 && id > 0) {
		if (detach_is_helper(old))
			kill((pid_t)old, SIGTERM);
		g_object_set(nn, "id", id, NULL);
	}
	notify_notification_add_action(nn, "default", "Show", on_action, &w,
	    NULL);
	notify_notification_add_action(nn, "show", "Show", on_action, &w,
	    NULL);
	g_signal_connect(nn, "closed", G_CALLBACK(on_closed), &w);
	if (!notify_notification_show(nn, &error)) {
		line = xasprintf("error %s", error ? error->message :
		    "unknown error");
		detach_reply(line);
		free(line);
		g_clear_error(&error);
		g_object_unref(nn);
		g_main_loop_unref(w.loop);
		json_decref(req);
		return 1;
	}
	g_object_get(nn, "id", &id, NULL);
	linux_state_write(state, id, (long)getpid());
	line = xasprintf("ok %d", id);
	detach_reply(line);
	free(line);
	g_timeout_add_seconds(timeout > 0 ? (guint)timeout : 1, on_timeout,
	    &w);
	if (w.withdraw && (w.watch = focus_watch_start(w.pids, w.npids, &fd,
	    &poll_ms, &why)) != NULL) {
		if (fd != -1)
			g_unix_fd_add(fd, G_IO_IN, on_focus_fd, &w);
		else
			g_timeout_add(poll_ms, on_focus, &w);
	}
	free(why);
	g_main_loop_run(w.loop);
	/* Forget a bubble that is gone, unless a newer one took the file. */
	if (linux_state_read(state, &i_id, &old) == 0 &&
	    old == (long)getpid())
		linux_state_write(state, w.closed ? 0 : id, 0);
	focus_watch_free(w.watch);
	g_object_unref(nn);
	g_main_loop_unref(w.loop);
	json_decref(req);
	notify_uninit();
	return 0;
}
