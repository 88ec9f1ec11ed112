/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
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
import_entry_free(struct import_entry *e)
{
	free(e->key);
	freezero_str(e->value);
	import_entries_free(e->children, e->nchildren);
	memset(e, 0, sizeof *e);
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

char *
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

/* One key = value of section (NULL: the top), under comment if not NULL. */
int
import_pair(struct buf *out, const char *section, const char *key,
    const char *value, int line, const char *comment, char **cause)
{
	struct import_entry	e;

	memset(&e, 0, sizeof e);
	e.key = (char *)key;
	e.value = (char *)value;
	e.line = line;
	e.kind = IMPORT_SCALAR;
	return emit_pair(out, section, &e, comment, cause);
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

static void
emit_comment(struct buf *out, const struct import_entry *e)
{
	if (e->kind != IMPORT_NULL && e->kind != IMPORT_MAP &&
	    strchr(e->value, '\n') == NULL)
		buf_printf(out, "; %s = %s\n", e->key, e->value);
	else
		buf_printf(out, "; %s = ...\n", e->key);
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
		emit_comment(out, &s->children[i]);
}

/*
 * The Python backends that take **kwargs ignored every key but theirs, so a
 * key ntfy would use there (endpoint, priority...) changed nothing for the
 * Python ntfy: it is kept as a comment, lest the import send elsewhere.
 */
static const struct {
	const char		*backend;
	const char *const	 keys[5];
} python_kwargs[] = {
	{ "ntfy_sh", { "topic", "host", "user", "password", NULL } },
	{ "slack_webhook", { "url", "user", NULL } },
};

/*
 * Keys a Python backend took that its ntfy counterpart has no use for: kept
 * as comments, with why.
 */
static const struct {
	const char	*backend;
	const char	*key;
	const char	*why;
} python_dropped[] = {
	{ "win32", "icon", "a Windows toast shows the icon of its app_id" },
};

/* Keys a Python backend named otherwise than its ntfy counterpart. */
static const struct {
	const char	*backend;
	const char	*key;
	const char	*to;
} python_renamed[] = {
	{ "ntfy_webpush", "subscription_info", "subscription" },
	{ "ntfy_webpush", "private_key", "vapid_private_key" },
};

/* ntfy's name for the Python backend type's key, or NULL. */
static const char *
python_rename(const char *type, const char *key)
{
	size_t	i;

	for (i = 0; i < sizeof python_renamed / sizeof python_renamed[0]; i++)
		if (strcmp(python_renamed[i].backend, type) == 0 &&
		    strcmp(python_renamed[i].key, key) == 0)
			return python_renamed[i].to;
	return NULL;
}

/* A mapping of the YAML file as JSON: its values as strings, null kept. */
static json_t *
entry_json(const struct import_entry *e)
{
	json_t	*o;
	size_t	 i;

	switch (e->kind) {
	case IMPORT_NULL:
		return json_null();
	case IMPORT_MAP:
		o = json_object();
		for (i = 0; i < e->nchildren; i++)
			json_object_set_new(o, e->children[i].key,
			    entry_json(&e->children[i]));
		return o;
	default:
		return json_string(e->value != NULL ? e->value : "");
	}
}

/* Why the Python backend type's key is dropped, or NULL. */
static const char *
python_drop(const char *type, const char *key)
{
	size_t	i;

	for (i = 0; i < sizeof python_dropped / sizeof python_dropped[0]; i++)
		if (strcmp(python_dropped[i].backend, type) == 0 &&
		    strcmp(python_dropped[i].key, key) == 0)
			return python_dropped[i].why;
	return NULL;
}

/* 1 when the Python backend type silently ignored key. */
static int
python_ignored(const char *type, const char *key)
{
	size_t	i, j;

	if (strcmp(key, "backend") == 0 || strcmp(key, "title") == 0)
		return 0;
	for (i = 0; i < sizeof python_kwargs / sizeof python_kwargs[0]; i++) {
		if (strcmp(python_kwargs[i].backend, type) != 0)
			continue;
		for (j = 0; python_kwargs[i].keys[j] != NULL; j++)
			if (strcmp(python_kwargs[i].keys[j], key) == 0)
				return 0;
		return 1;
	}
	return 0;
}

/* The Python ntfy_sh's host: a URL, or as the Python ntfy's users wrote
 * it, a bare host name served over https. */
static int
emit_host(struct buf *out, const char *section, const struct import_entry *e,
    char **cause)
{
	struct import_entry	 ep = *e;
	int			 r;

	if (e->kind != IMPORT_SCALAR)
		return emit_pair(out, section, e, NULL, cause);
	ep.key = (char *)"endpoint";
	if (strstr(e->value, "://") != NULL)
		ep.value = xstrdup(e->value);
	else
		ep.value = xasprintf("https://%s", e->value);
	r = emit_pair(out, section, &ep, "from the Python ntfy's 'host'",
	    cause);
	free(ep.value);
	return r;
}

/* Credentials the Python ntfy took from elsewhere. */
static void
python_extras(struct buf *out, const char *path, const struct import_entry *s,
    const struct backend *b)
{
	const char	*missing = NULL, *why = NULL;

	if (b == NULL)
		return;
	if (strcmp(b->name, "pushover") == 0) {
		missing = "api_token";
		why = "the Python ntfy used its own shared token, which ntfy "
		    "does not; register an application at https://pushover"
		    ".net/apps/clone/ntfy and set api_token";
	} else if (strcmp(b->name, "prowl") == 0) {
		missing = "api_key";
		why = "the Python ntfy sent to its author's Prowl key; set "
		    "api_key to your own";
	} else if (strcmp(b->name, "webpush") == 0) {
		missing = "vapid_subject";
		why = "a push service wants a contact with the VAPID key; set "
		    "vapid_subject to a mailto: or https: URL of yours";
	}
	if (missing == NULL ||
	    entry_find(s->children, s->nchildren, missing) != NULL)
		return;
	log_warn("%s:%d: [%s]: no '%s': %s", path, s->line, s->key, missing,
	    why);
	buf_printf(out, "; warning: no '%s': %s\n", missing, why);
}

/* telegram-send's telegram.ini, where the Python telegram backend kept the
 * bot token and chat: its values go into the section. */
static int
python_telegram(struct buf *out, const char *section, char **cause)
{
	const char		*xdg = getenv("XDG_CONFIG_HOME");
	const char		*home = getenv("HOME"), *keys[] = { "token",
				    "chat_id" };
	const struct section	*ts;
	struct import_entry	 e;
	struct config		 c;
	char			*path, *data, *why = NULL;
	size_t			 len, i;
	int			 r = 0;

	if (xdg != NULL && *xdg == '/')
		path = xasprintf("%s/ntfy/telegram.ini", xdg);
	else if (home != NULL && *home != '\0')
		path = xasprintf("%s/.config/ntfy/telegram.ini", home);
	else
		return 0;
	if (access(path, F_OK) != 0) {
		log_warn("[%s]: no '%s' of the Python ntfy; set token and "
		    "chat_id (see ntfy telegram-setup)", section, path);
		buf_printf(out, "; warning: set token and chat_id: the Python "
		    "ntfy's telegram.ini was not found\n");
		free(path);
		return 0;
	}
	memset(&c, 0, sizeof c);
	if ((data = import_read(path, &len, &why)) == NULL ||
	    config_parse_string(&c, path, data, &why) == -1 ||
	    (ts = config_section(&c, "telegram")) == NULL) {
		log_warn("[%s]: cannot take token and chat_id from '%s': %s",
		    section, path, why != NULL ? why : "no [telegram]");
		buf_printf(out, "; warning: set token and chat_id: '%s' has "
		    "none\n", path);
	} else {
		for (i = 0; i < 2 && r == 0; i++) {
			memset(&e, 0, sizeof e);
			e.key = (char *)keys[i];
			e.kind = IMPORT_SCALAR;
			if ((e.value = (char *)optlist_get(&ts->opts,
			    keys[i])) == NULL)
				continue;
			r = emit_pair(out, section, &e, i == 0 ? "from the "
			    "Python ntfy's telegram.ini" : NULL, cause);
		}
	}
	free(why);
	if (data != NULL)
		freezero_str(data);
	config_release(&c);
	free(path);
	return r;
}

/* A key of the Python backend that ntfy names otherwise, or a mapping that
 * only a key taking JSON can hold. */
static int
convert_renamed(struct buf *out, const char *path,
    const struct import_entry *s, const struct import_entry *e,
    const struct backend *b, const char *type, char **cause)
{
	const struct backend_option	*o;
	struct import_entry		 to = *e;
	json_t				*j;
	char				*note = NULL;
	int				 r;

	if ((to.key = (char *)python_rename(type, e->key)) == NULL)
		to.key = e->key;
	else
		note = xasprintf("from the Python ntfy's '%s'", e->key);
	if (e->kind == IMPORT_MAP) {
		o = b != NULL ? backend_option(b, to.key) : NULL;
		if (o == NULL || !(o->flags & OPT_SECRET_JSON)) {
			*cause = xasprintf("%s:%d: '%s.%s': a mapping nested "
			    "more than one level deep cannot be written in "
			    "INI", path, e->line, s->key, e->key);
			free(note);
			return -1;
		}
		j = entry_json(e);
		to.kind = IMPORT_SCALAR;
		to.value = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(j);
		if (to.value == NULL)
			fatal("out of memory");
	}
	r = emit_pair(out, s->key, &to, note, cause);
	if (to.value != e->value)
		freezero_str(to.value);
	free(note);
	return r;
}

static int
convert_section(struct buf *out, const char *path,
    const struct import_entry *s, char **cause)
{
	const struct import_entry	*e, *be;
	const struct backend		*b = NULL;
	const char			*type = s->key, *why;
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
	if (b != NULL && strcmp(b->name, type) != 0)
		buf_printf(out, "; the Python backend '%s' is ntfy's '%s'\n"
		    "backend = %s\n", type, b->name, b->name);
	for (i = 0; i < s->nchildren; i++) {
		e = &s->children[i];
		note = NULL;
		if (b != NULL && strcmp(b->name, type) != 0 &&
		    strcmp(e->key, "backend") == 0)
			continue;
		if ((why = python_drop(type, e->key)) != NULL) {
			log_warn("%s:%d: [%s]: '%s' is kept as a comment: %s",
			    path, e->line, s->key, e->key, why);
			buf_printf(out, "; warning: '%s' is kept as a comment: "
			    "%s\n", e->key, why);
			emit_comment(out, e);
			continue;
		}
		if (python_ignored(type, e->key)) {
			log_warn("%s:%d: [%s]: the Python backend '%s' ignored "
			    "'%s'; kept as a comment", path, e->line, s->key,
			    type, e->key);
			buf_printf(out, "; warning: the Python backend '%s' "
			    "ignored '%s'; uncomment it to use it\n", type,
			    e->key);
			emit_comment(out, e);
			continue;
		}
		if (strcmp(type, "ntfy_sh") == 0 &&
		    strcmp(e->key, "host") == 0) {
			if (emit_host(out, s->key, e, cause) == -1)
				return -1;
			continue;
		}
		if (python_rename(type, e->key) != NULL ||
		    e->kind == IMPORT_MAP) {
			if (convert_renamed(out, path, s, e, b, type,
			    cause) == -1)
				return -1;
			continue;
		}
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
	python_extras(out, path, s, b);
	if (b != NULL && strcmp(b->name, "telegram") == 0 &&
	    entry_find(s->children, s->nchildren, "token") == NULL &&
	    python_telegram(out, s->key, cause) == -1)
		return -1;
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

/* The result goes to a private temporary file beside path first, so that
 * neither a failed write nor a reader ever sees half a file: then it is
 * renamed over path (-f) or linked to it, which fails if path exists. */
static int
write_out(const char *path, int force, const struct buf *b)
{
	const char	*slash = strrchr(path, '/');
	char		*tmp;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd, r = EXIT_NOTIFY_FAILED;

	if (slash != NULL)
		tmp = xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path,
		    slash + 1);
	else
		tmp = xasprintf(".%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		log_error("cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		return r;
	}
	while (off < b->len) {
		n = write(fd, b->data + off, b->len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			break;
		off += (size_t)n;
	}
	if (off < b->len || fsync(fd) == -1) {
		log_error("cannot write '%s': %s", path, strerror(errno));
		close(fd);
	} else if (close(fd) == -1)
		log_error("cannot write '%s': %s", path, strerror(errno));
	else if (force ? rename(tmp, path) == -1 : link(tmp, path) == -1) {
		if (errno == EEXIST)
			log_error("'%s' exists; use -f to overwrite it", path);
		else
			log_error("cannot write '%s': %s", path,
			    strerror(errno));
	} else
		r = 0;
	if (r != 0 || !force)
		unlink(tmp);
	free(tmp);
	return r;
}

#define IMPORT_USAGE	"usage: ntfy config import [-f] [-o FILE] " \
			"[--from apprise|ntfy] [FILE...]\n"

/* The Apprise configs the Apprise CLI would read: every one that exists. */
static char **
apprise_default_files(size_t *n, char **cause)
{
	struct stat	 st;
	char		**v = NULL, *p;
	size_t		 i;

	*n = 0;
	for (i = 0; apprise_default_paths[i] != NULL; i++) {
		p = expand_home(apprise_default_paths[i]);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			v = xreallocarray(v, *n + 1, sizeof *v);
			v[(*n)++] = p;
		} else
			free(p);
	}
	if (*n == 0)
		*cause = xstrdup("no Apprise config: none of ~/.apprise, "
		    "~/.apprise.yml, ~/.config/apprise, ~/.config/apprise.yml,"
		    " ~/.apprise/apprise{,.yml} or ~/.config/apprise/apprise"
		    "{,.yml} exists; name the file");
	return v;
}

/* The Python ntfy.yml: one file into out. */
static int
import_ntfy(struct buf *out, const char *path, const char *data, size_t len,
    char **cause)
{
	yamlimport_parse_fn	 parse;
	struct import_doc	 doc;
	int			 r;

	memset(&doc, 0, sizeof doc);
	parse = (yamlimport_parse_fn)module_symbol("yamlimport",
	    "yamlimport_parse", cause);
	r = parse == NULL || parse(path, data, len, &doc, cause) == -1 ||
	    convert(out, path, &doc, cause) == -1 ? -1 : 0;
	import_doc_free(&doc);
	return r;
}

/* Apprise's configs, every one into out. */
static int
import_apprise(struct buf *out, char **paths, size_t npaths, char **cause)
{
	struct apprise_import	*ai = apprise_import_new();
	char			*data;
	size_t			 len, i;
	int			 r = 0;

	buf_printf(out, "; ntfy.ini converted by 'ntfy config import' from "
	    "the Apprise config");
	for (i = 0; i < npaths; i++)
		buf_printf(out, " %s", paths[i]);
	buf_printf(out, "\n");
	for (i = 0; r == 0 && i < npaths; i++) {
		log_info("converting '%s' (Apprise)", paths[i]);
		if ((data = import_read(paths[i], &len, cause)) == NULL)
			r = -1;
		else {
			r = apprise_import_file(ai, paths[i], data, len, cause);
			freezero_str(data);
		}
	}
	apprise_import_finish(ai, out);
	return r;
}

/* ntfy config import [-f] [-o FILE] [--from apprise|ntfy] [FILE...]: the
 * Python ntfy's or Apprise's config as ntfy.ini. */
int
config_import(struct ntfy *nt, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	struct buf	 out = BUF_INIT;
	const char	*outfile = NULL, *from = NULL;
	char		**paths = NULL, *data = NULL, *cause = NULL, *why;
	size_t		 len, npaths = 0, i;
	int		 ch, force = 0, r = EXIT_CONFIG, apprise;

	(void)nt;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+fo:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			force = 1;
			break;
		case 'o':
			outfile = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "apprise") == 0 ||
			    strcmp(optarg, "ntfy") == 0) {
				from = optarg;
				break;
			}
			/* FALLTHROUGH */
		default:
			fputs(IMPORT_USAGE, stderr);
			return EXIT_USAGE;
		}
	}
	if (argc - optind > 1 && (from == NULL || strcmp(from, "apprise"))) {
		fputs(IMPORT_USAGE, stderr);
		return EXIT_USAGE;
	}
#ifndef HAVE_LIBYAML
	if (from == NULL || strcmp(from, "apprise") != 0) {
		log_error("this ntfy was built without libyaml, so it cannot "
		    "read YAML; rebuild it with libyaml-dev installed "
		    "(./configure --with-libyaml=yes)");
		return EXIT_CONFIG;
	}
#endif
	for (i = optind; i < (size_t)argc; i++) {
		paths = xreallocarray(paths, npaths + 1, sizeof *paths);
		paths[npaths++] = xstrdup(argv[i]);
	}
	if (npaths == 0 && from != NULL && strcmp(from, "apprise") == 0)
		paths = apprise_default_files(&npaths, &cause);
	else if (npaths == 0) {
		paths = xcalloc(1, sizeof *paths);
		if ((paths[0] = import_default_path(&cause)) != NULL)
			npaths = 1;
		else if (from == NULL) {
			free(paths);
			paths = apprise_default_files(&npaths, &data);
			why = cause;
			cause = npaths > 0 ? NULL : xasprintf("%s; %s", why,
			    data);
			free(why);
			free(data);
			data = NULL;
		}
	}
	if (npaths == 0)
		goto out;
	if (from != NULL)
		apprise = strcmp(from, "apprise") == 0;
	else if (npaths > 1)
		apprise = 1;
	else {
		if ((data = import_read(paths[0], &len, &cause)) == NULL)
			goto out;
		apprise = apprise_detect(paths[0], data, len);
	}
	if (apprise) {
		if (import_apprise(&out, paths, npaths, &cause) == -1)
			goto out;
	} else {
		log_info("converting '%s'", paths[0]);
		if (data == NULL &&
		    (data = import_read(paths[0], &len, &cause)) == NULL)
			goto out;
		if (import_ntfy(&out, paths[0], data, len, &cause) == -1)
			goto out;
	}
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
	if (data != NULL)
		freezero_str(data);
	if (out.data != NULL)
		explicit_bzero(out.data, out.len);
	buf_release(&out);
	for (i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	return r;
}
