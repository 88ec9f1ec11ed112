/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "backend.h"
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
#include <libnotify/notify.h>
#include <stdlib.h>
#include <string.h>

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

static int
server_has_markup(void)
{
	GList	*caps, *l;
	int	 found = 0;

	caps = notify_get_server_caps();
	for (l = caps; l != NULL; l = l->next)
		if (strcmp(l->data, "body-markup") == 0)
			found = 1;
	g_list_free_full(caps, g_free);
	return found;
}

enum backend_result
backend_linux_send(const struct notification *n, char **cause)
{
	NotifyNotification	*nn;
	NotifyUrgency		 urgency;
	const char		*v, *icon;
	char			*body;
	GError			*error = NULL;
	long			 timeout;
	int			 transient, failed = message_failed(n->msg);

	if (notif_bool(n, "transient", &transient, cause) == -1 ||
	    notif_long(n, "timeout", -1, 86400000, &timeout, cause) == -1)
		return BACKEND_PERMFAIL;
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
			return BACKEND_PERMFAIL;
		}
	}
	if (!backend_linux_available(cause))
		return BACKEND_TEMPFAIL;
	if (!notify_is_initted() && !notify_init(notif_opt(n, "app_name"))) {
		*cause = xstrdup("cannot initialise libnotify");
		return BACKEND_TEMPFAIL;
	}
	if ((icon = notif_opt(n, "icon")) == NULL)
		icon = failed ? "dialog-error" : "dialog-information";
	if (server_has_markup())
		body = g_markup_escape_text(n->msg->body, -1);
	else
		body = g_strdup(n->msg->body);
	nn = notify_notification_new(n->title, body, *icon ? icon : NULL);
	g_free(body);
	notify_notification_set_urgency(nn, urgency);
	notify_notification_set_timeout(nn, (gint)timeout);
	notify_notification_set_app_name(nn, notif_opt(n, "app_name"));
	if (transient)
		notify_notification_set_hint(nn, "transient",
		    g_variant_new_boolean(TRUE));
	if ((v = notif_opt(n, "soundfile")) != NULL)
		notify_notification_set_hint(nn, "sound-file",
		    g_variant_new_string(v));
	notify_notification_set_hint(nn, "desktop-entry",
	    g_variant_new_string("ntfy"));
	if (!notify_notification_show(nn, &error)) {
		*cause = xasprintf("notification server refused it: %s",
		    error ? error->message : "unknown error");
		g_clear_error(&error);
		g_object_unref(nn);
		return BACKEND_TEMPFAIL;
	}
	g_object_unref(nn);
	return BACKEND_OK;
}
#endif /* NTFY_MODULE */
