/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "backend-util.h"

static int	cmd_shell_integration_exec(struct ntfy *, int, char **);

const struct cmd_entry cmd_shell_integration_entry = {
	.name = "shell-integration",
	.usage = "[-s bash|zsh|fish] [-L SECONDS] [-f]",
	.summary = "print the shell hook for automatic notifications",
	.flags = CMD_NO_CHILD,
	.exec = cmd_shell_integration_exec
};

/* shell-scripts.c, generated from shell/ntfy.{bash,zsh,fish} by
 * shell/embed.awk: each script, its lazy part, and what follows that. */
extern const char shell_bash[], shell_bash_lazy[], shell_bash_after[];
extern const char shell_zsh[], shell_zsh_lazy[], shell_zsh_after[];
extern const char shell_fish[], shell_fish_lazy[], shell_fish_after[];

static const struct shell {
	const char		 *name;
	const char		 *script;
	const char		 *lazy;
	const char		 *after;
	int			  fish;		/* fish syntax, not sh */
	const char		 *rcfile;
} shells[] = {
	{ "bash", shell_bash, shell_bash_lazy, shell_bash_after, 0,
	  "~/.bashrc" },
	{ "zsh", shell_zsh, shell_zsh_lazy, shell_zsh_after, 0, "~/.zshrc" },
	{ "fish", shell_fish, shell_fish_lazy, shell_fish_after, 1,
	  "~/.config/fish/config.fish" },
	{ NULL, NULL, NULL, NULL, 0, NULL }
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

/* What stdio holds, then S straight from the binary, not copied through
 * stdio's buffer: fewer pages touched at every shell start. */
static int
put_raw(const char *s)
{
	if (fflush(stdout) != 0 ||
	    write_all(STDOUT_FILENO, s, strlen(s)) != 0) {
		log_error("cannot write the hook: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* A directory only we can change. */
static int
private_dir(const char *path)
{
	struct stat	st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
	    st.st_uid == geteuid() && (st.st_mode & 022) == 0;
}

/*
 * The hook's lazy part, TEXT, as $XDG_RUNTIME_DIR/ntfy/hook-ID.bash, written
 * when it is not there yet; NULL when it cannot be, or when someone else
 * could change the file between now and the shell sourcing it (as after su,
 * whose XDG_RUNTIME_DIR is the other user's).
 */
static char *
lazy_file(const char *text, unsigned long long id)
{
	const char	*run = getenv("XDG_RUNTIME_DIR");
	struct stat	 st;
	char		 name[64], *path, *dir;
	int		 ok;

	if (run == NULL || *run != '/' || !private_dir(run))
		return NULL;
	snprintf(name, sizeof name, "hook-%016llx.bash", id);
	if ((path = runtime_path(name)) == NULL)
		return NULL;
	dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
	ok = private_dir(dir);
	free(dir);
	if (ok && lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_uid == geteuid() && (st.st_mode & 022) == 0 &&
	    st.st_size == (off_t)strlen(text))
		return path;
	if (ok && state_file_write(path, text) == 0)
		return path;
	free(path);
	return NULL;
}

/*
 * The lazy part of a hook: bash parses it only when a function of it is
 * first called (see shell/embed.awk), from a file the shell sources then or
 * else from a string.  Either way it ends by setting __ntfy_lazy_got to its
 * id, a hash of the text, which the shell checks.
 */
static void
print_lazy(const char *lazy)
{
	unsigned long long	 id = 14695981039346656037ULL;
	const unsigned char	*p;
	char			*text, *path;

	for (p = (const unsigned char *)lazy; *p != '\0'; p++)
		id = (id ^ *p) * 1099511628211ULL;
	text = xasprintf("%s__ntfy_lazy_got=%016llx\n", lazy, id);
	printf("__ntfy_lazy_id=%016llx __ntfy_lazy_got= __ntfy_lazy_tried=\n",
	    id);
	if ((path = lazy_file(text, id)) != NULL) {
		fputs("unset __ntfy_lazy\n__ntfy_lazy_file=", stdout);
		print_quoted(path, 0);
		free(path);
	} else {
		fputs("__ntfy_lazy_file= __ntfy_lazy=", stdout);
		print_quoted(text, 0);
	}
	putchar('\n');
	free(text);
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
	if (put_raw(sh->script) == -1)
		return EXIT_FAILURE;
	if (*sh->lazy != '\0')
		print_lazy(sh->lazy);
	if (put_raw(sh->after) == -1)
		return EXIT_FAILURE;
	return 0;
}
