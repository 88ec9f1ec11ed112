/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <ctype.h>
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
extern const struct cmd_entry	cmd_webpush_keys_entry;

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
	&cmd_webpush_keys_entry,
	NULL
};

static const char usage_text[] =
"usage: ntfy [options] COMMAND [ARGS]    (see ntfy(1) and ntfy.ini(5))\n";

/* The global options, for the help and for the completion scripts. */
static const struct global_option {
	char		 shortopt;	/* 0 when there is none */
	const char	*name;
	const char	*args;		/* "[X]" is optional, not counted */
	const char	*help;
} global_options[] = {
	{ 'b', "backend", "NAME",
	    "send with this backend or config section (repeatable)" },
	{ 'o', "option", "KEY VALUE",
	    "set an option of the -b before it (or of all)" },
	{ 'c', "config", "FILE", "read this config instead of ntfy.ini" },
	{ 't', "title", "TITLE", "notification title" },
	{ 'l', "log-level", "LEVEL",
	    "critical, error, warning, info or debug" },
	{ 'v', "verbose", "", "same as -l debug" },
	{ 'q', "quiet", "", "same as -l critical" },
	{ 'E', "no-emoji", "",
	    "keep :shortcodes: as written, no emoji prefix" },
	{ 0, "version", "", "print the version" },
	{ 'h', "help", "[COMMAND]", "print this help, or COMMAND's usage" },
	{ 0, NULL, NULL, NULL }
};

static void
usage(FILE *f)
{
	const struct cmd_entry		**c;
	const struct global_option	 *o;
	char				  left[64];

	fputs(usage_text, f);
	/* No blank line before: the help fits 24 lines. */
	fputs("commands:\n", f);
	for (c = cmd_table; *c != NULL; c++)
		fprintf(f, "  %-18s %s\n", (*c)->name, (*c)->summary);
	fputs("\noptions:\n", f);
	for (o = global_options; o->name != NULL; o++) {
		if (o->shortopt != 0)
			snprintf(left, sizeof left, "-%c, --%s%s%s",
			    o->shortopt, o->name, *o->args ? " " : "",
			    o->args);
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->name,
			    *o->args ? " " : "", o->args);
		fprintf(f, "  %-24s%s\n", left, o->help);
	}
}

/* A metavariable (FILE, KEY_2) with upper, else a literal word (flush). */
static int
is_word(const char *s, int upper)
{
	const char	*first = upper ? "ABCDEFGHIJKLMNOPQRSTUVWXYZ" :
			    "abcdefghijklmnopqrstuvwxyz";
	const char	*rest = upper ? "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_" :
			    "abcdefghijklmnopqrstuvwxyz0123456789-";

	return *s != '\0' && strchr(first, *s) != NULL &&
	    strspn(s + 1, rest) == strlen(s + 1);
}

/*
 * For the completion scripts: "NAME NARGS" for each global option, or with
 * a command, the words of its usage line: "opt NAME NARGS CHOICES" (a
 * metavariable is one argument; lower-case words joined by | are choices,
 * given comma-separated) and "word NAME" for a literal word.
 */
static void
complete_words(const struct cmd_entry *cmd)
{
	const struct global_option	*o;
	struct buf			 b = BUF_INIT;
	const char			*p;
	char				*tok[64], *save = NULL, *t, ch[256];
	size_t				 n = 0, i, nargs;

	if (cmd == NULL) {
		for (o = global_options; o->name != NULL; o++) {
			nargs = *o->args == '\0' || *o->args == '[' ? 0 :
			    strchr(o->args, ' ') != NULL ? 2 : 1;
			if (o->shortopt != 0)
				printf("-%c %zu\n", o->shortopt, nargs);
			printf("--%s %zu\n", o->name, nargs);
		}
		return;
	}
	buf_adds(&b, "");
	for (p = cmd->usage; *p != '\0' && *p != '\n'; p++) {
		if (*p == '[' || *p == ']')
			buf_addc(&b, ' ');
		else if (*p == '|')
			buf_adds(&b, " | ");
		else if (strncmp(p, "...", 3) == 0) {
			buf_addc(&b, ' ');
			p += 2;
		} else
			buf_addc(&b, *p);
	}
	for (t = strtok_r(b.data, " ", &save); t != NULL && n < 64;
	    t = strtok_r(NULL, " ", &save))
		tok[n++] = t;
	for (i = 0; i < n; i++) {
		t = tok[i];
		if (!(t[0] == '-' && isalpha((unsigned char)t[t[1] == '-' ?
		    2 : 1]))) {
			if (is_word(t, 0) && strcmp(t, "options") != 0)
				printf("word %s\n", t);
			continue;
		}
		nargs = 0;
		ch[0] = '\0';
		if (i + 1 < n && is_word(tok[i + 1], 1)) {
			nargs = 1;
			i++;
		} else if (i + 1 < n && is_word(tok[i + 1], 0)) {
			nargs = 1;
			snprintf(ch, sizeof ch, "%s", tok[++i]);
			while (i + 2 < n && strcmp(tok[i + 1], "|") == 0 &&
			    is_word(tok[i + 2], 0)) {
				snprintf(ch + strlen(ch), sizeof ch - strlen(ch),
				    ",%s", tok[i + 2]);
				i += 2;
			}
		}
		printf("opt %s %zu %s\n", t, nargs, ch);
	}
	buf_release(&b);
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
		{ "complete-words", no_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	struct ntfy		 nt;
	const struct cmd_entry	*cmd;
	const char		*last_backend = NULL;
	struct cli_option	*co;
	int			 ch, level, r;

	if ((r = detach_main(argc, argv)) != -1)
		return r;
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
		case 'W':
			/* For the completion scripts. */
			cmd = NULL;
			if (optind < argc &&
			    (cmd = cmd_find(argv[optind])) == NULL)
				return EXIT_USAGE;
			complete_words(cmd);
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
	/* shell-integration, run at every shell start, starts no process:
	 * it is spared the 56 system calls. */
	if (!(cmd->flags & CMD_NO_CHILD))
		signals_reset();
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
