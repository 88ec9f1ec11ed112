/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "backend.h"

static int	cmd_shell_integration_exec(struct ntfy *, int, char **);

const struct cmd_entry cmd_shell_integration_entry = {
	.name = "shell-integration",
	.usage = "[-s bash|zsh|fish] [-L SECONDS] [-f]",
	.summary = "print the shell hook for automatic notifications",
	.flags = 0,
	.exec = cmd_shell_integration_exec
};

static int
cmd_shell_integration_exec(struct ntfy *nt, int argc, char **argv)
{
	(void)nt;
	(void)argc;
	(void)argv;
	log_error("'shell-integration' is not implemented yet");
	return EXIT_USAGE;
}
