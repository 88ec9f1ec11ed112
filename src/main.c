/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"

extern const struct cmd_entry	cmd_send_entry;
extern const struct cmd_entry	cmd_done_entry;
extern const struct cmd_entry	cmd_shell_integration_entry;
extern const struct cmd_entry	cmd_backends_entry;
extern const struct cmd_entry	cmd_queue_entry;
extern const struct cmd_entry	cmd_config_entry;
extern const struct cmd_entry	cmd_test_entry;
extern const struct cmd_entry	cmd_focus_entry;
extern const struct cmd_entry	cmd_telegram_setup_entry;

/* Every subcommand; adding one means a cmd-NAME.c and a line here. */
static const struct cmd_entry *cmd_table[] = {
	&cmd_send_entry,
	&cmd_done_entry,
	&cmd_shell_integration_entry,
	&cmd_backends_entry,
	&cmd_queue_entry,
	&cmd_config_entry,
	&cmd_test_entry,
	&cmd_focus_entry,
	&cmd_telegram_setup_entry,
	NULL
};

static const char usage_text[] =
"usage: ntfy [options] COMMAND [ARGS]    (see ntfy(1) and ntfy.ini(5))\n";

static void
usage(FILE *f)
{
	const struct cmd_entry	**c;

	fputs(usage_text, f);
	fputs("\ncommands:\n", f);
	for (c = cmd_table; *c != NULL; c++)
		fprintf(f, "  %-18s %s\n", (*c)->name, (*c)->summary);
	fputs("\noptions:\n"
"  -b, --backend NAME      send with this backend or config section "
"(repeatable)\n"
"  -o, --option KEY VALUE  set an option of the -b before it (or of all)\n"
"  -c, --config FILE       read this config instead of ntfy.ini\n"
"  -t, --title TITLE       notification title\n"
"  -l, --log-level LEVEL   critical, error, warning, info or debug\n"
"  -v, --verbose           same as -l debug\n"
"  -q, --quiet             same as -l critical\n"
"  -E, --no-emoji          keep :shortcodes: as written, no emoji prefix\n"
"      --version           print the version\n"
"  -h, --help [COMMAND]    print this help, or COMMAND's usage\n", f);
}

void
cmd_usage(const struct cmd_entry *c)
{
	fprintf(stderr, "usage: ntfy [options] %s %s\n", c->name, c->usage);
}

static const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry	**c, *found = NULL;
	size_t			  len = strlen(name);
	int			  ambiguous = 0;

	for (c = cmd_table; *c != NULL; c++) {
		if (strcmp((*c)->name, name) == 0)
			return *c;
		if (strncmp((*c)->name, name, len) == 0) {
			if (found != NULL)
				ambiguous = 1;
			found = *c;
		}
	}
	if (ambiguous) {
		log_error("ambiguous command '%s'", name);
		return NULL;
	}
	if (found == NULL)
		log_error("unknown command '%s'; see 'ntfy --help'", name);
	return found;
}

static void
ntfy_release(struct ntfy *nt)
{
	size_t	i;

	for (i = 0; i < nt->noptions; i++)
		freezero_str(nt->options[i].value);
	free(nt->options);
	free(nt->backends);
	config_release(&nt->config);
	secrets_clear();
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "backend", required_argument, NULL, 'b' },
		{ "option", required_argument, NULL, 'o' },
		{ "config", required_argument, NULL, 'c' },
		{ "title", required_argument, NULL, 't' },
		{ "log-level", required_argument, NULL, 'l' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "no-emoji", no_argument, NULL, 'E' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct ntfy		 nt;
	const struct cmd_entry	*cmd;
	const char		*last_backend = NULL;
	struct cli_option	*co;
	int			 ch, level, r;

	memset(&nt, 0, sizeof nt);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+b:o:c:t:l:vqEh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'b':
			nt.backends = xreallocarray(nt.backends,
			    nt.nbackends + 1, sizeof *nt.backends);
			nt.backends[nt.nbackends++] = optarg;
			last_backend = optarg;
			break;
		case 'o':
			if (optind >= argc) {
				log_error("option '-o' needs KEY and VALUE");
				return EXIT_USAGE;
			}
			nt.options = xreallocarray(nt.options,
			    nt.noptions + 1, sizeof *nt.options);
			co = &nt.options[nt.noptions++];
			co->backend = last_backend;
			co->key = optarg;
			co->value = xstrdup(argv[optind++]);
			break;
		case 'c':
			nt.config_path = optarg;
			break;
		case 't':
			nt.title = optarg;
			break;
		case 'l':
			if ((level = log_parse_level(optarg)) == -1) {
				log_error("unknown log level '%s' (critical, "
				    "error, warning, info, debug)", optarg);
				return EXIT_USAGE;
			}
			log_level = level;
			break;
		case 'v':
			log_level = LOG_DEBUG;
			break;
		case 'q':
			log_level = LOG_CRITICAL;
			break;
		case 'E':
			nt.no_emoji = 1;
			break;
		case 'V':
			puts(PACKAGE_VERSION);
			return 0;
		case 'h':
			if (optind < argc) {
				/* ntfy --help COMMAND: that command's usage. */
				if ((cmd = cmd_find(argv[optind])) == NULL)
					return EXIT_USAGE;
				printf("usage: ntfy [options] %s %s\n  %s\n",
				    cmd->name, cmd->usage, cmd->summary);
				return 0;
			}
			usage(stdout);
			return 0;
		case ':':
			log_error("option '%s' needs a value", argv[optind - 1]);
			return EXIT_USAGE;
		default:
			if (optopt != 0 && strchr("boctl", optopt) != NULL)
				log_error("option '-%c' needs a value", optopt);
			else if (optopt != 0)
				log_error("unknown option '-%c'; see 'ntfy "
				    "--help'", optopt);
			else
				log_error("unknown option '%s'; see 'ntfy "
				    "--help'", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if ((cmd = cmd_find(argv[optind])) == NULL)
		return EXIT_USAGE;
	if ((cmd->flags & CMD_CONFIG) && (r = ntfy_load_config(&nt)) != 0)
		goto out;
	/* The subcommand parses its own options from its name on. */
	optind++;
	r = cmd->exec(&nt, argc - optind + 1, argv + optind - 1);
out:
	ntfy_release(&nt);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		log_error("write failure on standard output");
		return r ? r : EXIT_NOTIFY_FAILED;
	}
	return r;
}
