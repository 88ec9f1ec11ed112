/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "backend.h"
#include "backend-util.h"
#include "local-options.h"

#ifndef NTFY_MODULE
const struct backend_option linux_options[] = {
	DESKTOP_OPTIONS,
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_linux = {
	.name = "linux",
	.desc = "desktop notification through the D-Bus notification server"
	    " (libnotify)",
	.options = linux_options,
	.module = "desktop",
#ifndef HAVE_LIBNOTIFY
	.requires = "--with-libnotify",
#endif
};
#else /* NTFY_MODULE */

#include <gio/gio.h>
#include <jansson.h>
#include <libnotify/notify.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linux.h"

#define NOTIFY_WAIT_MS	5000	/* longest wait for the server to answer */

enum backend_result	backend_linux_send(const struct notification *,
			    char **);

/* 1 when a notification server answers on the session bus. */
int
backend_linux_available(char **cause)
{
	GDBusConnection	*bus;
	GVariant	*reply;
	GError		*error = NULL;

	bus = g_bus_get_sync(G_BUS_TYPE_SESSION, NULL, &error);
	if (bus == NULL) {
		*cause = xasprintf("no D-Bus session bus: %s",
		    error ? error->message : "unknown error");
		g_clear_error(&error);
		return 0;
	}
	reply = g_dbus_connection_call_sync(bus,
	    "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
	    "org.freedesktop.Notifications", "GetServerInformation", NULL,
	    G_VARIANT_TYPE("(ssss)"), G_DBUS_CALL_FLAGS_NONE, NOTIFY_WAIT_MS,
	    NULL, &error);
	g_object_unref(bus);
	if (reply == NULL) {
		*cause = xasprintf("no notification server answers on the "
		    "session bus: %s", error ? error->message : "unknown error");
		g_clear_error(&error);
		return 0;
	}
	g_variant_unref(reply);
	return 1;
}

/* Whether the server names cap among its capabilities. */
static int
server_has(const char *cap)
{
	GList	*caps, *l;
	int	 found = 0;

	caps = notify_get_server_caps();
	for (l = caps; l != NULL; l = l->next)
		if (strcmp(l->data, cap) == 0)
			found = 1;
	g_list_free_full(caps, g_free);
	return found;
}

/* What the bubble shows, from the options: a JSON object a waiter can be
 * given.  NULL with *cause on a bad option. */
static json_t *
linux_bubble(const struct notification *n, char **cause)
{
	const char	*v, *icon;
	json_t		*b;
	long		 timeout;
	int		 transient, urgency, failed = message_failed(n->msg);

	if (notif_bool(n, "transient", &transient, cause) == -1 ||
	    notif_long(n, "timeout", -1, 86400000, &timeout, cause) == -1)
		return NULL;
	urgency = failed ? NOTIFY_URGENCY_CRITICAL : NOTIFY_URGENCY_NORMAL;
	if ((v = notif_opt(n, "urgency")) != NULL) {
		if (strcmp(v, "low") == 0)
			urgency = NOTIFY_URGENCY_LOW;
		else if (strcmp(v, "normal") == 0)
			urgency = NOTIFY_URGENCY_NORMAL;
		else if (strcmp(v, "critical") == 0)
			urgency = NOTIFY_URGENCY_CRITICAL;
		else {
			*cause = xasprintf("option 'urgency' must be low, "
			    "normal or critical, not '%s'", v);
			return NULL;
		}
	}
	if ((icon = notif_opt(n, "icon")) == NULL)
		icon = failed ? "dialog-error" : "dialog-information";
	b = json_object();
	json_object_set_new(b, "title", json_string(n->title));
	json_object_set_new(b, "body", json_string(n->msg->body));
	json_object_set_new(b, "icon", json_string(icon));
	json_object_set_new(b, "urgency", json_integer(urgency));
	json_object_set_new(b, "timeout", json_integer(timeout));
	json_object_set_new(b, "app_name", json_string(notif_opt(n,
	    "app_name")));
	json_object_set_new(b, "transient", json_boolean(transient));
	if ((v = notif_opt(n, "soundfile")) != NULL)
		json_object_set_new(b, "soundfile", json_string(v));
	return b;
}

static const char *
jstr(json_t *o, const char *key)
{
	const char	*v = json_string_value(json_object_get(o, key));

	return v != NULL ? v : "";
}

/* A libnotify notification for bubble b, not shown yet. */
NotifyNotification *
linux_bubble_new(json_t *b)
{
	NotifyNotification	*nn;
	const char		*icon = jstr(b, "icon");
	char			*body;

	if (server_has("body-markup"))
		body = g_markup_escape_text(jstr(b, "body"), -1);
	else
		body = g_strdup(jstr(b, "body"));
	nn = notify_notification_new(jstr(b, "title"), body,
	    *icon ? icon : NULL);
	g_free(body);
	notify_notification_set_urgency(nn, (NotifyUrgency)json_integer_value(
	    json_object_get(b, "urgency")));
	notify_notification_set_timeout(nn, (gint)json_integer_value(
	    json_object_get(b, "timeout")));
	notify_notification_set_app_name(nn, jstr(b, "app_name"));
	if (json_is_true(json_object_get(b, "transient")))
		notify_notification_set_hint(nn, "transient",
		    g_variant_new_boolean(TRUE));
	if (json_object_get(b, "soundfile") != NULL)
		notify_notification_set_hint(nn, "sound-file",
		    g_variant_new_string(jstr(b, "soundfile")));
	notify_notification_set_hint(nn, "desktop-entry",
	    g_variant_new_string("ntfy"));
	return nn;
}

/*
 * The file remembering the last bubble sent from this terminal: its
 * controlling terminal (a tmux pane has its own) names it.  NULL when there
 * is no terminal or no $XDG_RUNTIME_DIR.
 */
static char *
linux_state_path(void)
{
	char	*name, *path;
	int	 tty;

	if ((tty = ctty_number()) == 0)
		return NULL;
	name = xasprintf("bubble-%d", tty);
	path = runtime_path(name);
	free(name);
	return path;
}

/* The id of the last bubble of path and the pid of its waiter (0: none). */
int
linux_state_read(const char *path, int *id, long *pid)
{
	FILE	*f;
	int	 n;

	*id = 0;
	*pid = 0;
	if (path == NULL || (f = fopen(path, "re")) == NULL)
		return -1;
	n = fscanf(f, "%d %ld", id, pid);
	fclose(f);
	if (n != 2 || *id < 0 || *pid < 0) {
		*id = 0;
		*pid = 0;
		return -1;
	}
	return 0;
}

/* Remember id (and its waiter pid), replacing the file whole. */
void
linux_state_write(const char *path, int id, long pid)
{
	char	*line;

	if (path == NULL)
		return;
	line = xasprintf("%d %ld\n", id, pid);
	(void)state_file_write(path, line);
	free(line);
}

/* Show b from a detached waiter that acts on the click (linux-waiter.c). */
static enum backend_result
linux_send_waited(const struct notification *n, json_t *b,
    const char *state, int withdraw, char **cause)
{
	json_t		*req, *pids;
	long		 anc[64], timeout;
	size_t		 i, nanc;
	char		*text, *reply = NULL;
	int		 r;

	if (notif_long(n, "action_timeout", 1, 7 * 86400, &timeout,
	    cause) == -1) {
		json_decref(b);
		return BACKEND_PERMFAIL;
	}
	req = json_object();
	json_object_set_new(req, "bubble", b);
	if (state != NULL)
		json_object_set_new(req, "state", json_string(state));
	json_object_set_new(req, "withdraw", json_boolean(withdraw));
	json_object_set_new(req, "action_timeout", json_integer(timeout));
	pids = json_array();
	nanc = proc_ancestors((long)getpid(), anc, 64);
	for (i = 0; i < nanc; i++)
		json_array_append_new(pids, json_integer(anc[i]));
	json_object_set_new(req, "pids", pids);
	text = json_dumps(req, JSON_COMPACT);
	json_decref(req);
	r = detach_spawn("desktop", "backend_linux_waiter", text, &reply,
	    cause);
	free(text);
	if (r == -1)
		return BACKEND_TEMPFAIL;
	if (strncmp(reply, "ok ", 3) != 0) {
		*cause = xasprintf("notification server refused it: %s",
		    strncmp(reply, "error ", 6) == 0 ? reply + 6 : reply);
		free(reply);
		return BACKEND_TEMPFAIL;
	}
	log_debug("linux: notification %s shown; a detached waiter acts on "
	    "its click", reply + 3);
	free(reply);
	return BACKEND_OK;
}

enum backend_result
backend_linux_send(const struct notification *n, char **cause)
{
	NotifyNotification	*nn;
	GError			*error = NULL;
	json_t			*b;
	enum backend_result	 r;
	char			*state = NULL;
	long			 pid;
	int			 actions, replace, withdraw, id;

	if (notif_bool(n, "actions", &actions, cause) == -1 ||
	    notif_bool(n, "replace", &replace, cause) == -1 ||
	    notif_bool(n, "withdraw", &withdraw, cause) == -1 ||
	    (b = linux_bubble(n, cause)) == NULL)
		return BACKEND_PERMFAIL;
	if (!backend_linux_available(cause)) {
		json_decref(b);
		return BACKEND_TEMPFAIL;
	}
	if (!notify_is_initted() && !notify_init(notif_opt(n, "app_name"))) {
		*cause = xstrdup("cannot initialise libnotify");
		json_decref(b);
		return BACKEND_TEMPFAIL;
	}
	if (replace)
		state = linux_state_path();
	if (actions && server_has("actions")) {
		r = linux_send_waited(n, b, state, withdraw, cause);
		free(state);
		return r;
	}
	nn = linux_bubble_new(b);
	json_decref(b);
	if (linux_state_read(state, &id, &pid) == 0 && id > 0)
		g_object_set(nn, "id", id, NULL);
	if (!notify_notification_show(nn, &error)) {
		*cause = xasprintf("notification server refused it: %s",
		    error ? error->message : "unknown error");
		g_clear_error(&error);
		g_object_unref(nn);
		free(state);
		return BACKEND_TEMPFAIL;
	}
	g_object_get(nn, "id", &id, NULL);
	linux_state_write(state, id, 0);
	free(state);
	g_object_unref(nn);
	return BACKEND_OK;
}
#endif /* NTFY_MODULE */
