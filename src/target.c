/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include "backend.h"

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

/* A file holding secrets should be readable by its owner only (like ssh). */
static void
warn_if_exposed(const char *path)
{
	struct stat	st;

	if (path == NULL || stat(path, &st) == -1 || (st.st_mode & 077) == 0)
		return;
	log_warn("config '%s' holds secrets and is readable by others; fix "
	    "it with: chmod 600 '%s'", path, path);
}

/* Check every section and top-level key once the file is read. */
int
config_validate(const struct config *c, char **cause)
{
	const struct section		*s;
	const struct backend		*b;
	const struct backend_option	*o;
	const struct option_value	*v;
	size_t				 i, j, k, secrets = 0, unknown = 0;
	char				*known;

	for (i = 0; i < c->top.n; i++) {
		v = &c->top.v[i];
		for (k = 0; top_keys[k] != NULL; k++)
			if (strcmp(top_keys[k], v->key) == 0)
				break;
		if (top_keys[k] == NULL)
			log_warn("%s:%d: unknown key '%s' (section names go in"
			    " [brackets])", v->origin, v->line, v->key);
	}
	for (i = 0; i < c->nsections; i++) {
		s = &c->sections[i];
		v = optlist_find(&s->opts, "backend");
		if (v != NULL && strchr(v->value, '/') != NULL) {
			if ((b = module_load_backend(v->value, cause)) == NULL)
				return -1;
		} else
			b = backend_find(v ? v->value : s->name);
		if (b == NULL) {
			known = known_backends();
			*cause = xasprintf("%s:%d: [%s]: unknown backend '%s'"
			    " (known: %s)", c->path, v ? v->line : s->line,
			    s->name, v ? v->value : s->name, known);
			free(known);
			return -1;
		}
		for (j = 0; j < s->opts.n; j++) {
			v = &s->opts.v[j];
			if ((o = backend_option(b, v->key)) == NULL) {
				/* A few lines say it; a flood is summed up. */
				if (unknown++ < UNKNOWN_KEYS_SHOWN)
					log_warn("%s:%d: [%s]: backend '%s' has "
					    "no option '%s'; see 'ntfy "
					    "backends'", v->origin, v->line,
					    s->name, b->name, v->key);
				continue;
			}
			if (o->flags & OPT_SECRET) {
				secret_add(v->value);
				secrets++;
			}
		}
	}
	if (unknown > UNKNOWN_KEYS_SHOWN)
		log_warn("%s: %zu more options that no backend has", c->path,
		    unknown - UNKNOWN_KEYS_SHOWN);
	if (secrets > 0)
		warn_if_exposed(c->path);
	return 0;
}

static int
target_init(struct ntfy *nt, struct target *t, const char *name,
    char **cause)
{
	const struct config		*c = &nt->config;
	const struct section		*s;
	const struct backend_option	*o;
	const char			*type, *title;
	size_t				 i;
	int				 used;

	memset(t, 0, sizeof *t);
	t->name = xstrdup(name);
	type = backend_type(c, name);
	if (strstr(name, "://") != NULL) {
		if ((t->backend = url_backend(name, cause)) == NULL)
			return EXIT_CONFIG;
	} else if (strchr(type, '/') != NULL) {
		if ((t->backend = module_load_backend(type, cause)) == NULL)
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
	if (strstr(name, "://") != NULL && url_options(t, name, cause) == -1)
		return EXIT_CONFIG;
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
			if (o != NULL && (o->flags & OPT_SECRET))
				secret_add(co->value);
			optlist_set(&t->opts, co->key, co->value, "-o", 0);
			optlist_set(&t->cli, co->key, co->value, "-o", 0);
		}
	}
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
	t->send = t->backend->send;
	if (t->backend->check != NULL && t->backend->check(t, cause) == -1)
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
	size_t		  nnames = 0, i;
	const char	 *env, *list;
	struct target	 *t;
	int		  r = 0;

	*out = NULL;
	*nout = 0;
	if (nt->nbackends > 0) {
		for (i = 0; i < nt->nbackends; i++)
			split_names(nt->backends[i], &names, &nnames);
	} else if ((env = getenv("NTFY_BACKENDS")) != NULL && *env != '\0')
		split_names(env, &names, &nnames);
	else if ((list = optlist_get(&nt->config.top, "backends")) != NULL)
		split_names(list, &names, &nnames);
	else if ((list = optlist_get(&nt->config.top, "backend")) != NULL) {
		log_warn("'backend' at the top of the config is deprecated; "
		    "use 'backends'");
		split_names(list, &names, &nnames);
	}
	/* `urls` in the config adds Apprise-style targets to `backends`. */
	env = getenv("NTFY_BACKENDS");
	if (nt->nbackends == 0 && (env == NULL || *env == '\0') &&
	    (list = optlist_get(&nt->config.top, "urls")) != NULL)
		split_names(list, &names, &nnames);
	if (nnames == 0)
		split_names("default", &names, &nnames);
	t = xcalloc(nnames, sizeof *t);
	for (i = 0; i < nnames; i++) {
		if ((r = target_init(nt, &t[i], names[i], cause)) != 0) {
			targets_free(t, i + 1);
			t = NULL;
			break;
		}
	}
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	if (t != NULL) {
		*out = t;
		*nout = nnames;
	}
	return r;
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
