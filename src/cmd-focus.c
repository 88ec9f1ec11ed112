/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <string.h>

#include "backend.h"

static int	cmd_focus_exec(struct ntfy *, int, char **);

const struct cmd_entry cmd_focus_entry = {
	.name = "focus",
	.usage = "",
	.summary = "say whether this terminal has the focus, and how we know",
	.flags = 0,
	.exec = cmd_focus_exec
};

static int
cmd_focus_exec(struct ntfy *nt, int argc, char **argv)
{
	(void)nt;
	(void)argv;
	if (argc > 1) {
		cmd_usage(&cmd_focus_entry);
		return EXIT_USAGE;
	}
	focus_detect(1);
	return 0;
}
