/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "import.h"

/*
 * Apprise's configuration files, TEXT (one URL a line, "TAGS=URL") and YAML
 * (a "urls" list, with options and tags per URL), become one section per
 * URL: the URL is taken apart by its backend's url(), as -b URL would be,
 * and the section is named after the URL's first tag or the backend.
 */

/* Where the Apprise CLI looks when no config is named, in its order. */
const char *const apprise_default_paths[] = {
	"~/.apprise", "~/.apprise.yml", "~/.config/apprise",
	"~/.config/apprise.yml", "~/.apprise/apprise",
	"~/.apprise/apprise.yml", "~/.config/apprise/apprise",
	"~/.config/apprise/apprise.yml", NULL
};

struct apprise_import {
	struct buf	 sections;
	char		**names;
	size_t		 nnames;
};

struct apprise_import *
apprise_import_new(void)
{
	return xcalloc(1, sizeof(struct apprise_import));
}

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* Apprise's "scheme://" test: 2 to 9 letters or digits, then "://". */
static int
is_url(const char *p)
{
	size_t	n = 0;

	while (is_alnum((unsigned char)p[n]))
		n++;
	return n >= 2 && n <= 9 && strncmp(p + n, "://", 3) == 0;
}

static const char *
skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/*
 * TEXT or YAML, the way Apprise tells them apart: the first line that is
 * not blank or a comment holds a URL (maybe after "TAGS=") or a "key:".
 * Returns 'T', 'Y' or 0.
 */
static int
apprise_format(const char *data, size_t len)
{
	const char	*p = data, *end = data + len, *eol, *q;

	for (; p < end; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		q = skip_blanks(p);
		if (q == eol || *q == '\r' || *q == '#' || *q == ';')
			continue;
		if (is_url(q))
			return 'T';
		if (strncmp(q, "include", 7) == 0 && (q[7] == ' ' ||
		    q[7] == '\t'))
			return 'T';
		while (q < eol && (is_alnum((unsigned char)*q) || *q == ' ' ||
		    *q == '\t' || *q == ',' || *q == '_' || *q == '-'))
			q++;
		if (q < eol && *q == '=' && is_url(skip_blanks(q + 1)))
			return 'T';
		q = skip_blanks(p);
		while (q < eol && is_alnum((unsigned char)*q))
			q++;
		if (q > skip_blanks(p) && q < eol && *q == ':')
			return 'Y';
		return 0;
	}
	return 'T';
}

/* Whether a file is an Apprise config rather than a Python ntfy.yml: its
 * name says so, it is TEXT, or its YAML has "urls" and no "backends". */
int
apprise_detect(const char *path, const char *data, size_t len)
{
	const char	*base = strrchr(path, '/'), *p, *end = data + len;
	int		 urls = 0, bkeys = 0;

	base = base != NULL ? base + 1 : path;
	if (*base == '.')
		base++;
	if (strcmp(base, "apprise") == 0 ||
	    strncmp(base, "apprise.", 8) == 0)
		return 1;
	switch (apprise_format(data, len)) {
	case 'T':
		return len > 0;
	case 'Y':
		for (p = data; p < end; p++) {
			if (p != data && p[-1] != '\n')
				continue;
			if (strncmp(p, "urls:", 5) == 0)
				urls = 1;
			if (strncmp(p, "backends:", 9) == 0 ||
			    strncmp(p, "backend:", 8) == 0)
				bkeys = 1;
		}
		return urls && !bkeys;
	default:
		return 0;
	}
}

/* Split Apprise's tag list at commas and blanks. */
static void
tags_add(const char *text, char ***tags, size_t *ntags)
{
	const char	*p = text;
	size_t		 n;

	while (*p != '\0') {
		p += strspn(p, ", \t\r\n");
		if ((n = strcspn(p, ", \t\r\n")) == 0)
			break;
		*tags = xreallocarray(*tags, *ntags + 1, sizeof **tags);
		(*tags)[(*ntags)++] = xstrndup(p, n);
		p += n;
	}
}

static void
tags_entry(const struct import_entry *e, char ***tags, size_t *ntags)
{
	size_t	i;

	if (e == NULL)
		return;
	if (e->kind == IMPORT_SCALAR)
		tags_add(e->value, tags, ntags);
	else if (e->kind == IMPORT_SEQ)
		for (i = 0; i < e->nchildren; i++)
			if (e->children[i].kind == IMPORT_SCALAR)
				tags_add(e->children[i].value, tags, ntags);
}

static void
tags_free(char **tags, size_t ntags)
{
	size_t	i;

	for (i = 0; i < ntags; i++)
		free(tags[i]);
	free(tags);
}

/* A section name from a tag: INI-safe, and not yet taken. */
static char *
section_name(struct apprise_import *ai, const char *base)
{
	char	*name = xstrdup(base), *p, *try;
	size_t	 i, n;

	for (p = name; *p != '\0'; p++)
		if (!is_alnum((unsigned char)*p) && *p != '_' && *p != '-' &&
		    *p != '.')
			*p = '_';
	for (n = 1;; n++) {
		try = n == 1 ? xstrdup(name) : xasprintf("%s-%zu", name, n);
		for (i = 0; i < ai->nnames; i++)
			if (strcmp(ai->names[i], try) == 0)
				break;
		if (i == ai->nnames)
			break;
		free(try);
	}
	free(name);
	ai->names = xreallocarray(ai->names, ai->nnames + 1,
	    sizeof *ai->names);
	ai->names[ai->nnames++] = try;
	return try;
}

/* A URL no backend takes, or that its backend refuses: a comment. */
static void
url_comment(struct apprise_import *ai, const char *path, int line,
    const char *url, const char *scheme, const char *why)
{
	log_warn("%s:%d: %s://: %s; kept as a comment", path, line, scheme,
	    why);
	buf_printf(&ai->sections, "\n; warning: %s:%d: %s://: %s\n; %s\n",
	    path, line, scheme, why, url);
}

/* The ?name=value of a URL that its backend does not take. */
static void
query_comments(struct buf *out, const struct backend *b, const char *url)
{
	char	**unused;
	size_t	  i;

	unused = url_unused(b, url);
	for (i = 0; unused[i] != NULL; i++)
		buf_printf(out, "; warning: the Apprise option '%s' has no "
		    "ntfy equivalent in backend '%s'; left out\n", unused[i],
		    b->name);
	url_targets_free(unused);
}

/* Whether an option of a URL's YAML entry is Apprise's "+NAME: VALUE", a
 * header, that the backend's headers option can carry. */
static int
yaml_header(const struct backend *b, const struct import_entry *o)
{
	const struct backend_option	*h = backend_option(b, "headers");

	return o->key[0] == '+' && o->kind == IMPORT_SCALAR && h != NULL &&
	    (h->flags & OPT_HEADERS) && o->key[1 + strcspn(o->key + 1,
	    ":, \t")] == '\0' && strchr(o->value, ',') == NULL;
}

/* The options of a URL's YAML entry that the backend has, and its headers;
 * they win over the URL's own (as with Apprise, headers there replace all
 * of the URL's). */
static void
yaml_options(const struct backend *b, const struct import_entry *opts,
    struct optlist *to, const char *path)
{
	const struct import_entry	*o;
	const char			*old;
	char				*list;
	size_t				 i;
	int				 first = 1;

	for (i = 0; opts != NULL && i < opts->nchildren; i++) {
		o = &opts->children[i];
		if (yaml_header(b, o)) {
			old = first ? NULL : optlist_get(to, "headers");
			first = 0;
			list = xasprintf("%s%s%s: %s", old ? old : "",
			    old ? ", " : "", o->key + 1, o->value);
			option_secrets(backend_option(b, "headers"), list);
			optlist_set(to, "headers", list, path, o->line);
			freezero_str(list);
			continue;
		}
		if (strcmp(o->key, "tag") == 0 || strcmp(o->key, "schema") ==
		    0 || o->kind != IMPORT_SCALAR ||
		    backend_option(b, o->key) == NULL)
			continue;
		if (backend_option(b, o->key)->flags & OPT_SECRET)
			secret_add(o->value);
		optlist_set(to, o->key, o->value, path, o->line);
	}
}

/* One section for one target of a URL, with the options of the URL and
 * of its YAML entry (opts, or NULL) in base. */
static int
apprise_section(struct apprise_import *ai, const char *path, int line,
    const char *url, const struct backend *b, const struct optlist *base,
    char *const *tags, size_t ntags, const struct import_entry *opts,
    char **cause)
{
	const struct import_entry	*o;
	const struct option_value	*v;
	struct buf			*out = &ai->sections;
	char				*name;
	size_t				 i;
	int				 r;

	name = section_name(ai, ntags > 0 ? tags[0] : b->name);
	buf_printf(out, "\n[%s]\n", name);
	if (ntags > 0) {
		buf_printf(out, "; Apprise tags:");
		for (i = 0; i < ntags; i++)
			buf_printf(out, " %s", tags[i]);
		buf_printf(out, "\n");
	}
	r = import_pair(out, name, "backend", b->name, line, NULL, cause);
	for (i = 0; r == 0 && i < base->n; i++) {
		v = &base->v[i];
		r = import_pair(out, name, v->key, v->value, v->line > 0 ?
		    v->line : line, NULL, cause);
	}
	query_comments(out, b, url);
	for (i = 0; opts != NULL && i < opts->nchildren; i++) {
		o = &opts->children[i];
		if (strcmp(o->key, "tag") == 0 || strcmp(o->key, "schema") ==
		    0 || (o->kind == IMPORT_SCALAR &&
		    backend_option(b, o->key) != NULL) || yaml_header(b, o))
			continue;
		log_warn("%s:%d: [%s]: backend '%s' has no option '%s'; "
		    "left out", path, o->line, name, b->name, o->key);
		buf_printf(out, "; warning: backend '%s' has no option '%s' "
		    "(%s:%d); left out\n", b->name, o->key, path, o->line);
	}
	return r;
}

/* One URL: a section for each of its targets (ntfys://host/t1/t2 is two),
 * each as -b URL would send it. */
static int
apprise_url(struct apprise_import *ai, const char *path, int line,
    const char *url, char *const *tags, size_t ntags,
    const struct import_entry *opts, char **cause)
{
	const struct backend	*b;
	struct target		 t, tk;
	struct optlist		 per = { NULL, 0 };
	char			*scheme, *why = NULL, *p;
	size_t			 i, k, n;
	int			 r = 0;

	scheme = xstrndup(url, strcspn(url, ":"));
	for (p = scheme; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	memset(&t, 0, sizeof t);
	t.name = (char *)url;
	if ((b = url_backend(url, &why)) == NULL ||
	    (t.backend = b, url_options(&t, url, &per, &why)) == -1) {
		url_comment(ai, path, line, url, scheme, why);
		free(why);
		free(scheme);
		optlist_release(&t.opts);
		optlist_release(&per);
		return 0;
	}
	n = 1;
	for (k = 0; r == 0 && k < n; k++) {
		memset(&tk, 0, sizeof tk);
		tk.backend = b;
		for (i = 0; i < t.opts.n; i++)
			optlist_set(&tk.opts, t.opts.v[i].key,
			    t.opts.v[i].value, "URL", 0);
		n = url_pick(&tk, &per, k);
		yaml_options(b, opts, &tk.opts, path);
		r = apprise_section(ai, path, line, url, b, &tk.opts, tags,
		    ntags, opts, cause);
		optlist_release(&tk.opts);
		optlist_release(&tk.cli);
	}
	if (r == -1) {
		p = xasprintf("%s:%s", path, *cause);
		free(*cause);
		*cause = p;
	}
	optlist_release(&t.opts);
	optlist_release(&per);
	free(scheme);
	return r;
}

static int
apprise_text(struct apprise_import *ai, const char *path, const char *data,
    size_t len, char **cause)
{
	const char	*p = data, *end = data + len, *eol, *q, *eq, *u;
	char		*line, **tags = NULL, *tagtext;
	size_t		 ntags = 0, n;
	int		 lineno = 0, r = 0;

	for (; r == 0 && p < end; p = eol + 1) {
		lineno++;
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		n = (size_t)(eol - p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' ||
		    p[n - 1] == '\t'))
			n--;
		line = xstrndup(p, n);
		q = skip_blanks(line);
		if (*q == '\0' || *q == '#' || *q == ';') {
			free(line);
			continue;
		}
		if (strncmp(q, "include", 7) == 0 && (q[7] == ' ' ||
		    q[7] == '\t')) {
			log_warn("%s:%d: include not followed; import that "
			    "config too", path, lineno);
			buf_printf(&ai->sections, "\n; warning: %s:%d: "
			    "include not followed: %s\n", path, lineno,
			    skip_blanks(q + 7));
			free(line);
			continue;
		}
		u = NULL;
		if (is_url(q))
			u = q;
		else if ((eq = strchr(q, '=')) != NULL &&
		    is_url(skip_blanks(eq + 1))) {
			u = skip_blanks(eq + 1);
			tagtext = xstrndup(q, (size_t)(eq - q));
			tags_add(tagtext, &tags, &ntags);
			free(tagtext);
		}
		if (u == NULL) {
			*cause = xasprintf("%s:%d: not an Apprise line: "
			    "expected URL, TAGS=URL, include or a comment",
			    path, lineno);
			r = -1;
		} else
			r = apprise_url(ai, path, lineno, u, tags, ntags, NULL,
			    cause);
		tags_free(tags, ntags);
		tags = NULL;
		ntags = 0;
		explicit_bzero(line, n);
		free(line);
	}
	return r;
}

/* One entry of "urls": a URL, or a URL mapped to options (or to a list of
 * option sets, each its own entry). */
static int
apprise_yaml_entry(struct apprise_import *ai, const char *path,
    const struct import_entry *e, char *const *gtags, size_t ngtags,
    char **cause)
{
	const struct import_entry	*u, *set;
	char				**tags;
	size_t				 ntags, i, j, k, nsets;
	int				 r = 0;

	if (e->kind == IMPORT_SCALAR)
		return apprise_url(ai, path, e->line, e->value, gtags, ngtags,
		    NULL, cause);
	if (e->kind != IMPORT_MAP) {
		log_warn("%s:%d: an entry of 'urls' that is neither a URL nor "
		    "a URL with options; left out", path, e->line);
		return 0;
	}
	for (i = 0; r == 0 && i < e->nchildren; i++) {
		u = &e->children[i];
		nsets = u->kind == IMPORT_SEQ ? u->nchildren : 1;
		for (j = 0; r == 0 && j < nsets; j++) {
			set = u->kind == IMPORT_SEQ ? &u->children[j] : u;
			if (set->kind != IMPORT_MAP)
				set = NULL;
			tags = NULL;
			ntags = 0;
			if (set != NULL)
				for (k = 0; k < set->nchildren; k++)
					if (strcmp(set->children[k].key,
					    "tag") == 0)
						tags_entry(&set->children[k],
						    &tags, &ntags);
			for (k = 0; k < ngtags; k++)
				tags_add(gtags[k], &tags, &ntags);
			r = apprise_url(ai, path, u->line, u->key, tags, ntags,
			    set, cause);
			tags_free(tags, ntags);
		}
	}
	return r;
}

static int
apprise_yaml(struct apprise_import *ai, const char *path, const char *data,
    size_t len, char **cause)
{
	yamlimport_tree_fn		 tree;
	struct import_entry		 root;
	const struct import_entry	*e, *urls = NULL, *version = NULL;
	char				**gtags = NULL;
	size_t				 ngtags = 0, i;
	int				 r = 0;

	tree = (yamlimport_tree_fn)module_symbol("yamlimport",
	    "yamlimport_tree", cause);
	if (tree == NULL || tree(path, data, len, &root, cause) == -1)
		return -1;
	if (root.kind != IMPORT_MAP) {
		*cause = xasprintf("%s: not an Apprise YAML config (no 'urls' "
		    "mapping at the top)", path);
		import_entry_free(&root);
		return -1;
	}
	for (i = 0; i < root.nchildren; i++) {
		e = &root.children[i];
		if (strcmp(e->key, "urls") == 0)
			urls = e;
		else if (strcmp(e->key, "version") == 0)
			version = e;
		else if (strcmp(e->key, "tag") == 0)
			tags_entry(e, &gtags, &ngtags);
		else {
			log_warn("%s:%d: Apprise's '%s' has no ntfy "
			    "equivalent; left out", path, e->line, e->key);
			buf_printf(&ai->sections, "\n; warning: %s:%d: "
			    "Apprise's '%s' left out\n", path, e->line,
			    e->key);
		}
	}
	if (version != NULL && (version->kind != IMPORT_SCALAR ||
	    strcmp(version->value, "1") != 0)) {
		*cause = xasprintf("%s:%d: Apprise YAML version 1 is the only "
		    "one there is", path, version->line);
		r = -1;
	} else if (urls != NULL && urls->kind == IMPORT_SEQ)
		for (i = 0; r == 0 && i < urls->nchildren; i++)
			r = apprise_yaml_entry(ai, path, &urls->children[i],
			    gtags, ngtags, cause);
	else if (urls != NULL && urls->kind != IMPORT_NULL)
		log_warn("%s:%d: 'urls' is not a list; nothing imported",
		    path, urls->line);
	tags_free(gtags, ngtags);
	import_entry_free(&root);
	return r;
}

/* Add the URLs of one Apprise config file. */
int
apprise_import_file(struct apprise_import *ai, const char *path,
    const char *data, size_t len, char **cause)
{
	switch (apprise_format(data, len)) {
	case 'T':
		return apprise_text(ai, path, data, len, cause);
	case 'Y':
		return apprise_yaml(ai, path, data, len, cause);
	default:
		*cause = xasprintf("%s: neither of Apprise's formats: TEXT "
		    "(a URL a line) or YAML ('urls:')", path);
		return -1;
	}
}

/* The top-level backends, then the sections; frees ai. */
void
apprise_import_finish(struct apprise_import *ai, struct buf *out)
{
	size_t	i;

	if (ai->nnames == 0)
		buf_printf(out, "; no Apprise URL to import\n");
	else {
		buf_printf(out, "backends =");
		for (i = 0; i < ai->nnames; i++)
			buf_printf(out, "%s %s", i ? "," : "", ai->names[i]);
		buf_printf(out, "\n");
	}
	if (ai->sections.data != NULL)
		buf_add(out, ai->sections.data, ai->sections.len);
	for (i = 0; i < ai->nnames; i++)
		free(ai->names[i]);
	free(ai->names);
	if (ai->sections.data != NULL)
		explicit_bzero(ai->sections.data, ai->sections.len);
	buf_release(&ai->sections);
	free(ai);
}
