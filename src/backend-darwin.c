/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"

static enum backend_result darwin_send(const struct notification *,
		    char **);

static const struct backend_option darwin_options[] = {
	{ "sound", 0, NULL, "sound name, such as Glass or Ping [none]" },
	{ "subtitle", 0, NULL, "a second line under the title" },
	{ "program", 0, "osascript", "the AppleScript runner" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_darwin = {
	.name = "darwin",
	.desc = "macOS Notification Center through osascript",
	.options = darwin_options,
	.send = darwin_send
};

/* The script: it reads the text from its arguments. */
static const char *const darwin_script[] = {
	"on run argv",
	"set {msg, ttl, sub, snd} to argv",
	"if snd is \"\" then",
	"display notification msg with title ttl subtitle sub",
	"else",
	"display notification msg with title ttl subtitle sub sound name snd",
	"end if",
	"end run",
	NULL
};

/*
 * The text travels as arguments of the script's run handler, never in its
 * source, so no quote in a title or message can change what runs.
 */
static enum backend_result
darwin_send(const struct notification *n, char **cause)
{
	const char	*argv[32], *v;
	size_t		 argc = 0, i;

	argv[argc++] = notif_opt(n, "program");
	for (i = 0; darwin_script[i] != NULL; i++) {
		argv[argc++] = "-e";
		argv[argc++] = darwin_script[i];
	}
	argv[argc++] = "--";
	argv[argc++] = n->msg->body ? n->msg->body : "";
	argv[argc++] = n->title ? n->title : "";
	argv[argc++] = (v = notif_opt(n, "subtitle")) != NULL ? v : "";
	argv[argc++] = (v = notif_opt(n, "sound")) != NULL ? v : "";
	argv[argc] = NULL;
	return command_run((char *const *)argv, NULL, 30, cause);
}
