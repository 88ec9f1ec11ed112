/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"

static int	cmd_shell_integration_exec(struct ntfy *, int, char **);

const struct cmd_entry cmd_shell_integration_entry = {
	.name = "shell-integration",
	.usage = "[-s bash|zsh|fish] [-L SECONDS] [-f]",
	.summary = "print the shell hook for automatic notifications",
	.flags = 0,
	.exec = cmd_shell_integration_exec
};

/* shell-scripts.c, generated from shell/ntfy.{bash,zsh,fish}. */
extern const char shell_bash[];
extern const char shell_zsh[];
extern const char shell_fish[];

static const struct shell {
	const char		 *name;
	const char		 *script;
	int			  fish;		/* fish syntax, not sh */
	const char		 *rcfile;
} shells[] = {
	{ "bash", shell_bash, 0, "~/.bashrc" },
	{ "zsh", shell_zsh, 0, "~/.zshrc" },
	{ "fish", shell_fish, 1, "~/.config/fish/config.fish" },
	{ NULL, NULL, 0, NULL }
};

/* Write S quoted for a POSIX shell, or for fish. */
static void
print_quoted(const char *s, int fish)
{
	putchar('\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'' && !fish)
			fputs("'\\''", stdout);
		else if ((*s == '\'' || *s == '\\') && fish)
			printf("\\%c", *s);
		else
			putchar(*s);
	}
	putchar('\'');
}

/* The running executable, so that a change of PATH cannot redirect the hook;
 * NULL when the system does not say. */
static char *
self_path(void)
{
	char	buf[PATH_MAX];
	ssize_t	n;

	n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if (buf[0] != '/' || access(buf, X_OK) != 0)
		return NULL;
	return xstrdup(buf);
}

/* A threshold the hooks can read: digits with at most one inner dot. */
static int
valid_seconds(const char *s)
{
	const char	*dot;
	double		 v;

	if (*s == '\0' || strspn(s, "0123456789.") != strlen(s))
		return 0;
	dot = strchr(s, '.');
	if (dot != NULL && (dot == s || dot[1] == '\0' ||
	    strchr(dot + 1, '.') != NULL))
		return 0;
	return parse_seconds(s, &v) == 0;
}

static void
print_var(const struct shell *sh, const char *name, const char *prefix,
    const char *value)
{
	if (sh->fish)
		printf("set -gx %s %s%s\n", name, prefix, value);
	else
		printf("export %s=%s%s\n", name, prefix, value);
}

static int
cmd_shell_integration_exec(struct ntfy *nt, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "shell", required_argument, NULL, 's' },
		{ "longer-than", required_argument, NULL, 'L' },
		{ "foreground-too", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct shell	*sh;
	const char		*name = NULL, *longer = "10", *force, *v;
	char			*self, *why = NULL;
	int			 ch, foreground = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "+s:L:fh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 's':
			name = optarg;
			break;
		case 'L':
			if (!valid_seconds(optarg)) {
				log_error("invalid number of seconds '%s'",
				    optarg);
				return EXIT_USAGE;
			}
			longer = optarg;
			break;
		case 'f':
			foreground = 1;
			break;
		case 'h':
			cmd_usage(&cmd_shell_integration_entry);
			return 0;
		default:
			cmd_usage(&cmd_shell_integration_entry);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		cmd_usage(&cmd_shell_integration_entry);
		return EXIT_USAGE;
	}
	if (name == NULL && (name = getenv("SHELL")) == NULL) {
		log_error("cannot tell the shell: $SHELL is not set; "
		    "use --shell bash, zsh or fish");
		return EXIT_USAGE;
	}
	if (strrchr(name, '/') != NULL)
		name = strrchr(name, '/') + 1;
	for (sh = shells; sh->name != NULL; sh++) {
		if (strcmp(sh->name, name) == 0)
			break;
	}
	if (sh->name == NULL) {
		log_error("unsupported shell '%s' (bash, zsh, fish)", name);
		return EXIT_USAGE;
	}

	printf("# To use ntfy's shell integration, run this and add it to "
	    "%s:\n", sh->rcfile);
	if (sh->fish)
		printf("# ntfy shell-integration --shell fish | source\n");
	else
		printf("# eval \"$(ntfy shell-integration)\"\n");

	/* Inside tmux the outer terminal does not see the commands. */
	force = getenv("AUTO_NTFY_DONE_FORCE");
	if ((force == NULL || strcmp(force, "1") != 0) &&
	    getenv("TMUX") == NULL && terminal_notifies_itself(&why)) {
		log_warn("the terminal notifies when a command finishes (%s): "
		    "shell integration not installed; set "
		    "AUTO_NTFY_DONE_FORCE=1 to install it anyway", why);
		printf("# Not installed: the terminal notifies by itself "
		    "(%s).\n", why);
		free(why);
		return 0;
	}

	print_var(sh, "AUTO_NTFY_DONE_LONGER_THAN", "-L", longer);
	/* The hook forks for a short failure only when it knows to. */
	if (getenv("AUTO_NTFY_DONE_NOTIFY_FAILURES") == NULL &&
	    ntfy_load_config(nt) == 0 &&
	    (v = ntfy_setting(nt, "notify_failures")) != NULL &&
	    strcmp(v, "always") == 0)
		print_var(sh, "AUTO_NTFY_DONE_NOTIFY_FAILURES", "", "always");
	print_var(sh, "AUTO_NTFY_DONE_UNFOCUSED_ONLY", "",
	    foreground ? "''" : "-u");
	if ((self = self_path()) != NULL) {
		fputs(sh->fish ? "set -g __ntfy_bin " : "__ntfy_bin=", stdout);
		print_quoted(self, sh->fish);
		putchar('\n');
		free(self);
	}
	fputs(sh->script, stdout);
	return 0;
}
