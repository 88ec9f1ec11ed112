/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "backend.h"

static int	cmd_done_exec(struct ntfy *, int, char **);

const struct cmd_entry cmd_done_entry = {
	.name = "done",
	.usage = "[options] [--] COMMAND [ARGS...]",
	.summary = "run COMMAND, then notify how it ended",
	.flags = CMD_CONFIG,
	.exec = cmd_done_exec
};

static int
cmd_done_exec(struct ntfy *nt, int argc, char **argv)
{
	(void)nt;
	(void)argc;
	(void)argv;
	log_error("'done' is not implemented yet");
	return EXIT_USAGE;
}
