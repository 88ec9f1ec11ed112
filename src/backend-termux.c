/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"

static enum backend_result termux_send(const struct notification *,
		    char **);
static int	termux_check(const struct target *, char **);

static const struct backend_option termux_options[] = {
	{ "id", 0, NULL, "notification id: a new one with the same id "
	    "replaces it" },
	{ "priority", 0, NULL, "max, high, default, low or min" },
	{ "sound", 0, "false", "play a sound" },
	{ "vibrate", 0, NULL, "vibration pattern in milliseconds, "
	    "\"500,1000,200\"" },
	{ "led_color", 0, NULL, "LED colour, rrggbb" },
	{ "program", 0, "termux-notification", "the Termux:API command" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_termux = {
	.name = "termux",
	.desc = "Android notification through Termux:API "
	    "(termux-notification)",
	.options = termux_options,
	.check = termux_check,
	.send = termux_send
};

static int
termux_check(const struct target *t, char **cause)
{
	static const char	*prios[] = { "max", "high", "default", "low",
				    "min" };
	const char		*v;
	size_t			 i;

	if ((v = target_opt(t, "priority")) == NULL)
		return 0;
	for (i = 0; i < sizeof prios / sizeof prios[0]; i++)
		if (strcmp(v, prios[i]) == 0)
			return 0;
	*cause = xasprintf("backend '%s': option 'priority' must be max, "
	    "high, default, low or min, not '%s'", t->name, v);
	return -1;
}

static enum backend_result
termux_send(const struct notification *n, char **cause)
{
	static const char	*pass[][2] = { { "id", "--id" },
				    { "priority", "--priority" },
				    { "vibrate", "--vibrate" },
				    { "led_color", "--led-color" } };
	const char		*argv[16], *v;
	size_t			 argc = 0, i;
	int			 sound;

	if (notif_bool(n, "sound", &sound, cause) == -1)
		return BACKEND_PERMFAIL;
	argv[argc++] = notif_opt(n, "program");
	argv[argc++] = "--title";
	argv[argc++] = n->title ? n->title : "";
	/* Always --content: without it the command reads stdin. */
	argv[argc++] = "--content";
	argv[argc++] = n->msg->body ? n->msg->body : "";
	for (i = 0; i < sizeof pass / sizeof pass[0]; i++) {
		if ((v = notif_opt(n, pass[i][0])) != NULL && *v != '\0') {
			argv[argc++] = pass[i][1];
			argv[argc++] = v;
		}
	}
	if (sound)
		argv[argc++] = "--sound";
	argv[argc] = NULL;
	return command_run((char *const *)argv, NULL, 30, cause);
}
