/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "backend.h"

static int	cmd_backends_exec(struct ntfy *, int, char **);

const struct cmd_entry cmd_backends_entry = {
	.name = "backends",
	.usage = "[--names | --keys]",
	.summary = "list the backends and their options",
	.flags = 0,
	.exec = cmd_backends_exec
};

static void
print_backend(const struct backend *b)
{
	const struct backend_option	*o;

	printf("%s%s\n    %s\n", b->name,
	    backend_compiled(b) ? "" : "  (not compiled in)", b->desc);
	if (!backend_compiled(b))
		printf("    rebuild with: ./configure %s\n", b->requires);
	for (o = b->options; o != NULL && o->key != NULL; o++) {
		printf("    %-16s %s%s", o->key, o->help,
		    (o->flags & OPT_REQUIRED) ? " (required)" : "");
		if (o->def != NULL && !(o->flags & OPT_SECRET))
			printf(" [%s]", o->def);
		putchar('\n');
	}
	if (b->flags & BACKEND_NETWORK)
		printf("    and the network keys: timeout, connect_timeout, "
		    "ca_file, retry_budget\n");
}

static int
cmd_backends_exec(struct ntfy *nt, int argc, char **argv)
{
	const struct backend_option	*o;
	size_t				 i;
	int				 names = 0, keys = 0;

	(void)nt;
	if (argc == 2 && strcmp(argv[1], "--names") == 0)
		names = 1;
	else if (argc == 2 && strcmp(argv[1], "--keys") == 0)
		keys = 1;
	else if (argc != 1) {
		cmd_usage(&cmd_backends_entry);
		return EXIT_USAGE;
	}
	for (i = 0; backends[i] != NULL; i++) {
		if (backends[i]->flags & BACKEND_HIDDEN)
			continue;
		if (names)
			puts(backends[i]->name);
		else if (keys) {
			for (o = backends[i]->options; o && o->key; o++)
				printf("%s %s%s%s\n", backends[i]->name,
				    o->key,
				    (o->flags & OPT_REQUIRED) ? " required" :
				    "", (o->flags & OPT_SECRET) ? " secret" :
				    "");
			for (o = network_options; (backends[i]->flags &
			    BACKEND_NETWORK) && o->key; o++)
				printf("%s %s\n", backends[i]->name, o->key);
		} else {
			print_backend(backends[i]);
			if (backends[i + 1] != NULL)
				putchar('\n');
		}
	}
	return 0;
}
