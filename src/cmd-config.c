/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "import.h"

static int	cmd_config_exec(struct ntfy *, int, char **);

const struct cmd_entry cmd_config_entry = {
	.name = "config",
	.usage = "path | check | show | import [-f] [-o FILE] "
	    "[--from apprise|ntfy] [FILE...]",
	.summary = "say which config is used, check, show or import it",
	.flags = 0,
	.exec = cmd_config_exec
};

static int
config_path(struct ntfy *nt)
{
	char		*path;
	const char	*reason;

	if (config_find(nt->config_path, &path, &reason) == 1) {
		printf("no config file: built-in defaults (searched "
		    "$NTFY_CONFIG, $XDG_CONFIG_HOME/ntfy/ntfy.ini, "
		    "~/.ntfy.ini, $XDG_CONFIG_DIRS/ntfy/ntfy.ini)\n");
		return 0;
	}
	print_line(stdout, "%s (from %s)", path, reason);
	free(path);
	return 0;
}

/* Every section must make a usable backend, not only those in use. */
static int
config_check(struct ntfy *nt)
{
	struct target	*t;
	size_t		 i, n;
	char		*cause = NULL;
	int		 r, bad = 0;

	if ((r = ntfy_load_config(nt)) != 0)
		return r;
	for (i = 0; i < nt->config.nsections; i++) {
		const char *name = nt->config.sections[i].name;

		nt->backends = xreallocarray(nt->backends, 1,
		    sizeof *nt->backends);
		nt->backends[0] = name;
		nt->nbackends = 1;
		if (targets_resolve(nt, &t, &n, &cause) != 0) {
			log_error("%s", cause);
			free(cause);
			cause = NULL;
			bad = 1;
			continue;
		}
		targets_free(t, n);
	}
	nt->nbackends = 0;
	if (bad)
		return EXIT_CONFIG;
	if (nt->config.path != NULL)
		print_line(stdout, "%s: ok", nt->config.path);
	else
		printf("no config file: built-in defaults\n");
	return 0;
}

static void
show_options(const struct backend *b, const struct optlist *opts)
{
	const struct backend_option	*o;
	size_t				 i;
	char				*value, *line, *nl;

	for (i = 0; i < opts->n; i++) {
		o = b ? backend_option(b, opts->v[i].key) : NULL;
		if (o != NULL && (o->flags & OPT_SECRET))
			value = xstrdup("********");
		else
			value = secret_mask(opts->v[i].value);
		/* A value continued over several lines shows as it is read. */
		line = value;
		nl = strchr(line, '\n');
		print_line(stdout, "%s = %.*s", opts->v[i].key, nl ? (int)(nl -
		    line) : (int)strlen(line), line);
		while (nl != NULL) {
			line = nl + 1;
			nl = strchr(line, '\n');
			print_line(stdout, "%.*s", nl ? (int)(nl - line) :
			    (int)strlen(line), line);
		}
		free(value);
	}
}

/* The file as ntfy understands it: defaults filled in, secrets masked. */
static int
config_show(struct ntfy *nt)
{
	struct target	*t;
	size_t		 i, n;
	char		*cause = NULL;
	int		 r;

	if ((r = ntfy_load_config(nt)) != 0)
		return r;
	if (nt->config.path != NULL)
		print_line(stdout, "# %s", nt->config.path);
	else
		printf("# no config file: built-in defaults\n");
	show_options(NULL, &nt->config.top);
	for (i = 0; i < nt->config.nsections; i++) {
		nt->backends = xreallocarray(nt->backends, 1,
		    sizeof *nt->backends);
		nt->backends[0] = nt->config.sections[i].name;
		nt->nbackends = 1;
		printf("\n");
		print_line(stdout, "[%s]", nt->config.sections[i].name);
		if (targets_resolve(nt, &t, &n, &cause) != 0) {
			print_line(stdout, "# not usable: %s", cause);
			free(cause);
			cause = NULL;
			show_options(NULL, &nt->config.sections[i].opts);
			continue;
		}
		show_options(t[0].backend, &t[0].opts);
		targets_free(t, n);
	}
	nt->nbackends = 0;
	return 0;
}

static int
cmd_config_exec(struct ntfy *nt, int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "path") == 0)
		return config_path(nt);
	if (argc == 2 && strcmp(argv[1], "check") == 0)
		return config_check(nt);
	if (argc == 2 && strcmp(argv[1], "show") == 0)
		return config_show(nt);
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return config_import(nt, argc - 1, argv + 1);
	cmd_usage(&cmd_config_entry);
	return EXIT_USAGE;
}
