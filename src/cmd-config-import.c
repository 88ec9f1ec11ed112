/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "import.h"

#define YAML_MAX_SIZE	(1024 * 1024)

static void
import_entries_free(struct import_entry *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].key);
		freezero_str(v[i].value);
		import_entries_free(v[i].children, v[i].nchildren);
	}
	free(v);
}

void
import_doc_free(struct import_doc *doc)
{
	import_entries_free(doc->v, doc->n);
	memset(doc, 0, sizeof *doc);
}

/* The file the Python ntfy would read, as it searches (-c aside). */
static char *
import_default_path(char **cause)
{
	const char	*home = getenv("HOME");
	const char	*xdg = getenv("XDG_CONFIG_HOME");
	char		*paths[2];
	size_t		 i;

	if (home == NULL || *home == '\0') {
		*cause = xstrdup("HOME is not set; name the YAML file");
		return NULL;
	}
	if (xdg != NULL && *xdg == '/')
		paths[0] = xasprintf("%s/ntfy/ntfy.yml", xdg);
	else
		paths[0] = xasprintf("%s/.config/ntfy/ntfy.yml", home);
	paths[1] = xasprintf("%s/.ntfy.yml", home);
	for (i = 0; i < 2; i++) {
		if (access(paths[i], F_OK) == 0) {
			free(paths[1 - i]);
			return paths[i];
		}
	}
	*cause = xasprintf("no Python ntfy config: neither '%s' nor '%s' "
	    "exists; name the file: ntfy config import FILE", paths[0],
	    paths[1]);
	free(paths[0]);
	free(paths[1]);
	return NULL;
}

static char *
import_read(const char *path, size_t *len, char **cause)
{
	struct stat	 st;
	struct buf	 b = BUF_INIT;
	char		 chunk[8192];
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) == -1) {
		*cause = xasprintf("cannot read '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size > YAML_MAX_SIZE) {
		*cause = xasprintf("cannot read '%s': not a regular file of "
		    "at most 1 MiB", path);
		close(fd);
		return NULL;
	}
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || b.len + (size_t)n > YAML_MAX_SIZE) {
			*cause = xasprintf("cannot read '%s': %s", path,
			    n == -1 ? strerror(errno) : "larger than 1 MiB");
			buf_release(&b);
			close(fd);
			return NULL;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	return b.data != NULL ? buf_detach(&b) : xstrdup("");
}

/* Whether "key = value" reads back as the same pair from ntfy.ini. */
static int
pair_survives(const char *section, const char *key, const char *value,
    const char *text)
{
	struct config		 c;
	const struct section	*s;
	const char		*got;
	char			*cause = NULL, *data;
	int			 ok = 0;

	memset(&c, 0, sizeof c);
	data = xasprintf("%s%s%s%s", section ? "[" : "", section ? section :
	    "", section ? "]\n" : "", text);
	if (config_parse_string(&c, "import", data, &cause) == 0) {
		if (section == NULL)
			got = optlist_get(&c.top, key);
		else if ((s = config_section(&c, section)) != NULL)
			got = optlist_get(&s->opts, key);
		else
			got = NULL;
		ok = got != NULL && strcmp(got, value) == 0 &&
		    c.top.n + c.nsections == 1;
	}
	free(cause);
	freezero_str(data);
	config_release(&c);
	return ok;
}

/* Write one pair, newlines as continuation lines; -1 when INI cannot hold
 * it as it is. */
static int
emit_pair(struct buf *out, const char *section, const struct import_entry *e,
    const char *comment, char **cause)
{
	struct buf	 b = BUF_INIT;
	char		*value, *p;
	size_t		 len;

	if (e->kind == IMPORT_NULL) {
		buf_printf(out, "; %s: null in the YAML file, left out\n",
		    e->key);
		return 0;
	}
	value = xstrdup(e->value);
	len = strlen(value);
	while (len > 0 && value[len - 1] == '\n')
		value[--len] = '\0';
	buf_printf(&b, "%s = ", e->key);
	for (p = value; *p != '\0'; p++) {
		buf_addc(&b, *p);
		if (*p == '\n')
			buf_addc(&b, '\t');
	}
	buf_addc(&b, '\n');
	if (*e->key == '\0' || !pair_survives(section, e->key, value,
	    b.data)) {
		*cause = xasprintf("line %d: '%s%s%s' cannot be written in INI "
		    "as it is (blanks at either end, an empty line, ' ;' or a "
		    "key with '=', ':' or '['); change it in the YAML file",
		    e->line, section ? section : "", section ? "." : "",
		    e->key);
		freezero_str(value);
		buf_release(&b);
		return -1;
	}
	if (comment != NULL)
		buf_printf(out, "; %s\n", comment);
	buf_add(out, b.data, b.len);
	freezero_str(value);
	explicit_bzero(b.data, b.len);
	buf_release(&b);
	return 0;
}

static const struct import_entry *
entry_find(const struct import_entry *v, size_t n, const char *key)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return &v[i];
	return NULL;
}

static int
convert_top(struct buf *out, const char *path, const struct import_doc *doc,
    char **cause)
{
	const struct import_entry	*e;
	struct import_entry		 renamed;
	char				*note;
	size_t				 i;
	int				 r;

	for (i = 0; i < doc->n; i++) {
		e = &doc->v[i];
		if (e->kind == IMPORT_MAP)
			continue;
		if (strcmp(e->key, "backend") == 0) {
			if (entry_find(doc->v, doc->n, "backends") != NULL) {
				buf_printf(out, "; 'backend' left out: "
				    "'backends' is set, as the Python ntfy "
				    "did\n");
				continue;
			}
			renamed = *e;
			renamed.key = (char *)"backends";
			if (emit_pair(out, NULL, &renamed, "from the "
			    "deprecated 'backend'", cause) == -1)
				return -1;
			continue;
		}
		note = NULL;
		if (!config_top_key(e->key)) {
			log_warn("%s:%d: ntfy.ini has no top-level key '%s'",
			    path, e->line, e->key);
			note = xasprintf("warning: ntfy.ini has no top-level "
			    "key '%s'; see ntfy.ini(5)", e->key);
		}
		r = emit_pair(out, NULL, e, note, cause);
		free(note);
		if (r == -1)
			return -1;
	}
	return 0;
}

/* A section whose backend this ntfy lacks, kept as comments. */
static void
convert_unknown(struct buf *out, const char *path,
    const struct import_entry *s, const char *type)
{
	size_t	i;

	log_warn("%s:%d: [%s]: unknown backend '%s'; the section is kept "
	    "as a comment", path, s->line, s->key, type);
	buf_printf(out, "\n; warning: unknown backend '%s' (see 'ntfy "
	    "backends'); kept as a comment\n; [%s]\n", type, s->key);
	for (i = 0; i < s->nchildren; i++)
		if (s->children[i].kind != IMPORT_NULL &&
		    strchr(s->children[i].value, '\n') == NULL)
			buf_printf(out, "; %s = %s\n", s->children[i].key,
			    s->children[i].value);
		else
			buf_printf(out, "; %s = ...\n", s->children[i].key);
}

static int
convert_section(struct buf *out, const char *path,
    const struct import_entry *s, char **cause)
{
	const struct import_entry	*e, *be;
	const struct backend		*b = NULL;
	const char			*type = s->key;
	char				*note;
	size_t				 i;
	int				 r;

	be = entry_find(s->children, s->nchildren, "backend");
	if (be != NULL && be->kind == IMPORT_SCALAR)
		type = be->value;
	if (strchr(type, '/') == NULL && (b = backend_find(type)) == NULL) {
		convert_unknown(out, path, s, type);
		return 0;
	}
	buf_printf(out, "\n[%s]\n", s->key);
	for (i = 0; i < s->nchildren; i++) {
		e = &s->children[i];
		note = NULL;
		if (b != NULL && backend_option(b, e->key) == NULL) {
			log_warn("%s:%d: [%s]: backend '%s' has no option "
			    "'%s'", path, e->line, s->key, b->name, e->key);
			note = xasprintf("warning: backend '%s' has no option "
			    "'%s'; see 'ntfy backends'", b->name, e->key);
		}
		r = emit_pair(out, s->key, e, note, cause);
		free(note);
		if (r == -1)
			return -1;
	}
	return 0;
}

static int
convert(struct buf *out, const char *path, const struct import_doc *doc,
    char **cause)
{
	size_t	i;

	buf_printf(out, "; ntfy.ini converted by 'ntfy config import' from "
	    "%s\n", path);
	if (convert_top(out, path, doc, cause) == -1)
		return -1;
	for (i = 0; i < doc->n; i++)
		if (doc->v[i].kind == IMPORT_MAP &&
		    convert_section(out, path, &doc->v[i], cause) == -1)
			return -1;
	return 0;
}

static int
write_out(const char *path, int force, const struct buf *b)
{
	size_t	off = 0;
	ssize_t	n;
	int	fd, flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW;

	flags |= force ? O_TRUNC : O_EXCL;
	if ((fd = open(path, flags, 0600)) == -1) {
		if (errno == EEXIST)
			log_error("'%s' exists; use -f to overwrite it", path);
		else
			log_error("cannot write '%s': %s", path,
			    strerror(errno));
		return EXIT_NOTIFY_FAILED;
	}
	if (fchmod(fd, 0600) == -1)
		log_warn("cannot make '%s' private: %s", path,
		    strerror(errno));
	while (off < b->len) {
		n = write(fd, b->data + off, b->len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			break;
		off += (size_t)n;
	}
	if (off < b->len || close(fd) == -1) {
		log_error("cannot write '%s': %s", path, strerror(errno));
		if (off < b->len)
			close(fd);
		return EXIT_NOTIFY_FAILED;
	}
	return 0;
}

/* ntfy config import [-f] [-o FILE] [YAML]: the Python config as INI. */
int
config_import(struct ntfy *nt, int argc, char **argv)
{
	yamlimport_parse_fn	 parse;
	struct import_doc	 doc;
	struct buf		 out = BUF_INIT;
	const char		*outfile = NULL;
	char			*path, *data = NULL, *cause = NULL;
	size_t			 len;
	int			 ch, force = 0, r = EXIT_CONFIG;

	(void)nt;
	optind = 0;
	opterr = 0;
	while ((ch = getopt(argc, argv, "+fo:")) != -1) {
		switch (ch) {
		case 'f':
			force = 1;
			break;
		case 'o':
			outfile = optarg;
			break;
		default:
			fprintf(stderr, "usage: ntfy config import [-f] "
			    "[-o FILE] [YAML]\n");
			return EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		fprintf(stderr, "usage: ntfy config import [-f] [-o FILE] "
		    "[YAML]\n");
		return EXIT_USAGE;
	}
#ifndef HAVE_LIBYAML
	log_error("this ntfy was built without libyaml, so it cannot read "
	    "YAML; rebuild it with libyaml-dev installed (./configure "
	    "--with-libyaml=yes)");
	return EXIT_CONFIG;
#endif
	memset(&doc, 0, sizeof doc);
	if (optind < argc)
		path = xstrdup(argv[optind]);
	else if ((path = import_default_path(&cause)) == NULL)
		goto out;
	log_info("converting '%s'", path);
	if ((data = import_read(path, &len, &cause)) == NULL)
		goto out;
	parse = (yamlimport_parse_fn)module_symbol("yamlimport",
	    "yamlimport_parse", &cause);
	if (parse == NULL || parse(path, data, len, &doc, &cause) == -1 ||
	    convert(&out, path, &doc, &cause) == -1)
		goto out;
	if (outfile == NULL) {
		fwrite(out.data, 1, out.len, stdout);
		r = 0;
	} else if ((r = write_out(outfile, force, &out)) == 0)
		printf("wrote %s; check it with: ntfy -c %s config check\n",
		    outfile, outfile);
out:
	if (cause != NULL) {
		log_error("%s", cause);
		free(cause);
	}
	import_doc_free(&doc);
	if (data != NULL)
		freezero_str(data);
	if (out.data != NULL)
		explicit_bzero(out.data, out.len);
	buf_release(&out);
	free(path);
	return r;
}
