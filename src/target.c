/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "backend-util.h"

/* Keys allowed before the first section of ntfy.ini. */
static const char *top_keys[] = {
	"backends", "backend", "title", "longer_than", "hide_command",
	"unfocused_only", "urls", "timeout", "connect_timeout", "ca_file",
	"retry_budget", "spool_max_age", "ignore", "notify_failures", "always",
	NULL
};

/* 1 when key may stand before the first section of ntfy.ini. */
int
config_top_key(const char *key)
{
	size_t	i;

	for (i = 0; top_keys[i] != NULL; i++)
		if (strcmp(top_keys[i], key) == 0)
			return 1;
	return 0;
}

static char *
known_backends(void)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; backends[i] != NULL; i++) {
		if (backends[i]->flags & BACKEND_HIDDEN)
			continue;
		buf_printf(&b, "%s%s", b.len ? ", " : "", backends[i]->name);
	}
	return buf_detach(&b);
}

static char *
unknown_backend(const char *name)
{
	char	*known = known_backends(), *cause;

	cause = xasprintf("unknown backend '%s' (known: %s)", name, known);
	free(known);
	return cause;
}

/* The backend type a section or -b name stands for. */
static const char *
backend_type(const struct config *c, const char *name)
{
	const struct section	*s = config_section(c, name);
	const char		*type;

	if (s != NULL && (type = optlist_get(&s->opts, "backend")) != NULL)
		return type;
	return name;
}

#define UNKNOWN_KEYS_SHOWN	20

/* A file holding secrets should be readable by its owner only (like ssh);
 * said once per run. */
static void
warn_if_exposed(const char *path)
{
	static int	warned;
	struct stat	st;

	if (warned || path == NULL || stat(path, &st) == -1 ||
	    (st.st_mode & 077) == 0)
		return;
	warned = 1;
	log_warn("config '%s' holds secrets and is readable by others; fix "
	    "it with: chmod 600 '%s'", path, path);
}

/* A backend given as a shared object's path rather than a name. */
static int
is_module_path(const char *type)
{
	return strchr(type, '/') != NULL && strstr(type, "://") == NULL;
}

/*
 * The file a module path names: ~/ is $HOME; a relative path written in
 * the config is relative to the config's directory, never to the current
 * one (where a shell hook may run us anywhere); elsewhere it is refused.
 */
static char *
module_path(const struct config *c, const char *type, int from_config,
    char **cause)
{
	char	*dir, *cut, *path;

	if (*type == '/' || strncmp(type, "~/", 2) == 0)
		return expand_home(type);
	if (!from_config || c->path == NULL) {
		*cause = xasprintf("backend '%s' is a relative path; give the "
		    "module's absolute path", type);
		return NULL;
	}
	dir = xstrdup(c->path);
	if ((cut = strrchr(dir, '/')) != NULL)
		cut[cut == dir ? 1 : 0] = '\0';
	else
		strcpy(dir, ".");
	if ((path = realpath(dir, NULL)) == NULL) {
		*cause = xasprintf("backend '%s': cannot find the directory of "
		    "config '%s'", type, c->path);
		free(dir);
		return NULL;
	}
	free(dir);
	dir = path;
	while (strncmp(type, "./", 2) == 0)
		type += 2 + strspn(type + 2, "/");
	path = xasprintf("%s%s%s", dir, strcmp(dir, "/") ? "/" : "", type);
	free(dir);
	return path;
}

/* Check the options of section s for backend b: warn about unknown keys,
 * register secrets.  Returns how many secrets it holds. */
static size_t
section_check(const struct section *s, const struct backend *b,
    size_t *unknown)
{
	const struct backend_option	*o;
	const struct option_value	*v;
	size_t				 j, secrets = 0;

	for (j = 0; j < s->opts.n; j++) {
		v = &s->opts.v[j];
		if ((o = backend_option(b, v->key)) == NULL) {
			/* A few lines say it; a flood is summed up. */
			if ((*unknown)++ < UNKNOWN_KEYS_SHOWN)
				log_warn("%s:%d: [%s]: backend '%s' has "
				    "no option '%s'; see 'ntfy "
				    "backends'", v->origin, v->line,
				    s->name, b->name, v->key);
			continue;
		}
		secrets += option_secrets(o, v->value);
	}
	return secrets;
}

/* Check every section and top-level key once the file is read. */
int
config_validate(const struct config *c, char **cause)
{
	const struct section		*s;
	const struct backend		*b;
	const struct option_value	*v;
	size_t				 i, k, secrets = 0, unknown = 0;
	size_t				 nurls = 0;
	char				*known, **urls = NULL;

	for (i = 0; i < c->top.n; i++) {
		v = &c->top.v[i];
		for (k = 0; top_keys[k] != NULL; k++)
			if (strcmp(top_keys[k], v->key) == 0)
				break;
		if (top_keys[k] == NULL)
			log_warn("%s:%d: unknown key '%s' (section names go in"
			    " [brackets])", v->origin, v->line, v->key);
	}
	if ((v = optlist_find(&c->top, "urls")) != NULL) {
		split_names(v->value, &urls, &nurls);
		for (k = 0; k < nurls; k++) {
			secrets += url_secrets(urls[k]);
			freezero_str(urls[k]);
		}
		free(urls);
	}
	for (i = 0; i < c->nsections; i++) {
		s = &c->sections[i];
		v = optlist_find(&s->opts, "backend");
		/* A module is loaded only when a target uses the section. */
		if (is_module_path(v ? v->value : s->name))
			continue;
		b = backend_find(v ? v->value : s->name);
		if (b == NULL) {
			known = known_backends();
			*cause = xasprintf("%s:%d: [%s]: unknown backend '%s'"
			    " (known: %s)", c->path, v ? v->line : s->line,
			    s->name, v ? v->value : s->name, known);
			free(known);
			return -1;
		}
		secrets += section_check(s, b, &unknown);
	}
	if (unknown > UNKNOWN_KEYS_SHOWN)
		log_warn("%s: %zu more options that no backend has", c->path,
		    unknown - UNKNOWN_KEYS_SHOWN);
	if (secrets > 0)
		warn_if_exposed(c->path);
	return 0;
}

/* An option whose default is true or false takes only a boolean: a bad
 * one (?tts=maybe) is a configuration error before anything is sent. */
static int
check_bools(const struct target *t, char **cause)
{
	const struct backend_option	*o;
	const struct option_value	*v;
	int				 b;

	for (o = t->backend->options; o != NULL && o->key; o++) {
		if (o->def == NULL || (strcmp(o->def, "true") != 0 &&
		    strcmp(o->def, "false") != 0) ||
		    (v = optlist_find(&t->opts, o->key)) == NULL ||
		    parse_bool(v->value, &b) == 0)
			continue;
		if (v->line > 0)
			*cause = xasprintf("%s:%d: backend '%s': option '%s' "
			    "must be true or false, not '%s'", v->origin,
			    v->line, t->name, o->key, v->value);
		else
			*cause = xasprintf("backend '%s': option '%s' must be "
			    "true or false, not '%s'", t->name, o->key,
			    v->value);
		return -1;
	}
	return 0;
}

/* Whether an -o (after this -b, or for every backend) sets one of the keys
 * that each target of a URL sets for itself: then the URL stands for that
 * one target. */
static int
cli_sets_target(const struct ntfy *nt, const char *name,
    const struct optlist *per)
{
	size_t	i;

	for (i = 0; i < nt->noptions; i++)
		if ((nt->options[i].backend == NULL ||
		    strcmp(nt->options[i].backend, name) == 0) &&
		    url_target_key(per, nt->options[i].key))
			return 1;
	return 0;
}

/*
 * A comma list in the OPT_LIST option of t stands for several targets, as
 * the targets of a URL do: the k-th gets item k, kept with its -o so that a
 * queued notification goes to that item alone.  How many targets.
 */
static size_t
list_pick(struct target *t, size_t k)
{
	const struct backend_option	*o;
	const struct option_value	*v = NULL;
	char				*item;
	size_t				 n;

	for (o = t->backend->options; o != NULL && o->key != NULL; o++)
		if ((o->flags & OPT_LIST) &&
		    (v = optlist_find(&t->opts, o->key)) != NULL)
			break;
	if (v == NULL)
		return 1;
	for (n = 0; (item = list_nth(v->value, n)) != NULL; n++)
		free(item);
	if ((item = list_nth(v->value, k)) == NULL)
		return 1;
	if (n > 1)
		optlist_set(&t->cli, v->key, item, "-o", 0);
	optlist_set(&t->opts, v->key, item, v->origin, v->line);
	free(item);
	return n > 1 ? n : 1;
}

/* A ca_file that is a FIFO would hang the TLS library: say so instead. */
static int
ca_file_check(const struct target *t, char **cause)
{
	const char	*ca = optlist_get(&t->opts, "ca_file"), *why;
	int		 fd;

	if (ca == NULL || *ca == '\0')
		return 0;
	if ((fd = file_open_read(ca, &why)) == -1) {
		*cause = xasprintf("backend '%s': option 'ca_file': cannot "
		    "read '%s': %s", t->name, ca, why);
		return -1;
	}
	close(fd);
	return 0;
}

/* Load the module a target names; its section is checked only now. */
static const struct backend *
target_module(const struct config *c, const char *name, const char *type,
    int from_config, char **cause)
{
	const struct section	*s = config_section(c, name);
	const struct backend	*b;
	char			*path;
	size_t			 unknown = 0;

	if ((path = module_path(c, type, from_config || s != NULL,
	    cause)) == NULL)
		return NULL;
	b = module_load_backend(path, cause);
	free(path);
	if (b != NULL && s != NULL && section_check(s, b, &unknown) > 0)
		warn_if_exposed(c->path);
	return b;
}

/* The k-th target of name (a URL may stand for several: *count). */
static int
target_init(struct ntfy *nt, struct target *t, const char *name, size_t k,
    size_t *count, int from_config, char **cause)
{
	const struct config		*c = &nt->config;
	const struct section		*s;
	const struct backend_option	*o;
	const char			*type, *title;
	struct optlist			 per = { NULL, 0 };
	size_t				 i;
	int				 used;

	memset(t, 0, sizeof *t);
	t->name = xstrdup(name);
	type = backend_type(c, name);
	if (strstr(name, "://") != NULL) {
		/* Before any message could quote it. */
		url_secrets(name);
		if ((t->backend = url_backend(name, cause)) == NULL)
			return EXIT_CONFIG;
	} else if (is_module_path(type)) {
		t->backend = target_module(c, name, type, from_config, cause);
		if (t->backend == NULL)
			return EXIT_CONFIG;
	} else {
		if ((t->backend = backend_find(type)) == NULL) {
			*cause = unknown_backend(type);
			return EXIT_CONFIG;
		}
	}
	if (!backend_compiled(t->backend)) {
		*cause = xasprintf("backend '%s' is not compiled in (configure"
		    " %s)", t->backend->name, t->backend->requires);
		return EXIT_CONFIG;
	}
	for (o = t->backend->options; o != NULL && o->key; o++)
		if (o->def != NULL)
			optlist_set(&t->opts, o->key, o->def, "default", 0);
	if (t->backend->flags & BACKEND_NETWORK)
		network_defaults(t, c);
	*count = 1;
	if (strstr(name, "://") != NULL) {
		if (url_options(t, name, &per, cause) == -1) {
			optlist_release(&per);
			return EXIT_CONFIG;
		}
		if (!cli_sets_target(nt, name, &per))
			*count = url_pick(t, &per, k);
		optlist_release(&per);
	}
	if ((s = config_section(c, name)) != NULL)
		for (i = 0; i < s->opts.n; i++)
			optlist_set(&t->opts, s->opts.v[i].key,
			    s->opts.v[i].value, s->opts.v[i].origin,
			    s->opts.v[i].line);
	/* -o for every backend first, then -o after this -b wins. */
	for (used = 0; used < 2; used++) {
		for (i = 0; i < nt->noptions; i++) {
			struct cli_option *co = &nt->options[i];

			if ((used == 0) != (co->backend == NULL))
				continue;
			if (co->backend != NULL && strcmp(co->backend, name))
				continue;
			o = backend_option(t->backend, co->key);
			if (o == NULL && t->backend->options != NULL) {
				if (co->backend != NULL)
					log_warn("backend '%s' has no option "
					    "'%s'; see 'ntfy backends'", name,
					    co->key);
				continue;
			}
			option_secrets(o, co->value);
			optlist_set(&t->opts, co->key, co->value, "-o", 0);
			optlist_set(&t->cli, co->key, co->value, "-o", 0);
		}
	}
	/* A URL's targets, else a comma list, make several targets. */
	if (*count == 1)
		*count = list_pick(t, k);
	if (check_bools(t, cause) == -1)
		return EXIT_CONFIG;
	for (o = t->backend->options; o != NULL && o->key; o++) {
		if ((o->flags & OPT_REQUIRED) &&
		    optlist_get(&t->opts, o->key) == NULL) {
			if (c->path != NULL && s != NULL)
				*cause = xasprintf("backend '%s' needs option "
				    "'%s': set it in [%s] of %s or with -o %s "
				    "VALUE", name, o->key, name, c->path,
				    o->key);
			else
				*cause = xasprintf("backend '%s' needs option "
				    "'%s': set it in [%s] of ntfy.ini or with "
				    "-o %s VALUE", name, o->key, name, o->key);
			return EXIT_CONFIG;
		}
	}
	if (nt->title != NULL)
		title = nt->title;
	else if ((title = optlist_get(&t->opts, "title")) == NULL)
		title = optlist_get(&c->top, "title");
	t->title = title ? text_flatten(title) : NULL;
	if (t->title == NULL) {
		char *def = default_title();

		t->title = text_flatten(def);
		free(def);
	}
	if (ca_file_check(t, cause) == -1)
		return EXIT_CONFIG;
	t->send = t->backend->send;
	if (t->backend->check != NULL && t->backend->check(t, cause) == -1)
		return EXIT_CONFIG;
	if (target_check_keys(t, s, nt, cause) == -1)
		return EXIT_CONFIG;
	return 0;
}

/*
 * The backends to notify: -b names, else $NTFY_BACKENDS, else `backends` in
 * the config, else "default".  Returns 0 or an exit code with *cause.
 */
int
targets_resolve(struct ntfy *nt, struct target **out, size_t *nout,
    char **cause)
{
	char		**names = NULL;
	size_t		  nnames = 0, i, n, k, count;
	const char	 *env, *list;
	struct target	 *t;
	int		  r = 0, from_config = 0;

	*out = NULL;
	*nout = 0;
	if (nt->nbackends > 0) {
		for (i = 0; i < nt->nbackends; i++)
			split_targets(nt->backends[i], 1, &names, &nnames);
	} else if ((env = getenv("NTFY_BACKENDS")) != NULL && *env != '\0')
		split_targets(env, 0, &names, &nnames);
	else if ((list = optlist_get(&nt->config.top, "backends")) != NULL) {
		split_targets(list, 0, &names, &nnames);
		from_config = 1;
	} else if ((list = optlist_get(&nt->config.top, "backend")) != NULL) {
		log_warn("'backend' at the top of the config is deprecated; "
		    "use 'backends'");
		split_targets(list, 0, &names, &nnames);
		from_config = 1;
	}
	/* `urls` in the config adds Apprise-style targets to `backends`. */
	env = getenv("NTFY_BACKENDS");
	if (nt->nbackends == 0 && (env == NULL || *env == '\0') &&
	    (list = optlist_get(&nt->config.top, "urls")) != NULL)
		split_targets(list, 0, &names, &nnames);
	if (nnames == 0)
		split_names("default", &names, &nnames);
	t = NULL;
	for (i = 0, n = 0; i < nnames && r == 0; i++) {
		count = 1;
		for (k = 0; k < count; k++) {
			t = xreallocarray(t, n + 1, sizeof *t);
			r = target_init(nt, &t[n++], names[i], k, &count,
			    from_config, cause);
			if (r != 0)
				break;
		}
	}
	if (r == 0 && t != NULL && targets_check_global_keys(t, n, nt,
	    cause) == -1)
		r = EXIT_CONFIG;
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	if (r != 0) {
		targets_free(t, n);
		return r;
	}
	*out = t;
	*nout = n;
	return 0;
}

void
targets_free(struct target *t, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(t[i].name);
		free(t[i].title);
		optlist_release(&t[i].opts);
		optlist_release(&t[i].cli);
	}
	free(t);
}

/* Read the config once; 0 or an exit code after saying why. */
int
ntfy_load_config(struct ntfy *nt)
{
	char	*cause = NULL;

	if (nt->config_loaded)
		return 0;
	if (config_load(&nt->config, nt->config_path, &cause) == -1 ||
	    config_validate(&nt->config, &cause) == -1) {
		log_error("%s", cause);
		free(cause);
		return EXIT_CONFIG;
	}
	nt->config_loaded = 1;
	if (nt->config.path != NULL)
		log_debug("config '%s' (from %s)", nt->config.path,
		    nt->config.reason);
	else
		log_debug("no config file, using built-in defaults");
	return 0;
}

/* A top-level config key, once the config is read. */
const char *
ntfy_setting(struct ntfy *nt, const char *key)
{
	return optlist_get(&nt->config.top, key);
}
