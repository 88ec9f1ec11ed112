/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend.h"

/* The backend of an Apprise-style URL, from its scheme. */
const struct backend *
url_backend(const char *name, char **cause)
{
	const struct backend	*b;
	const char		*sep = strstr(name, "://");
	char			*scheme;

	scheme = xstrndup(name, (size_t)(sep - name));
	if ((b = backend_by_scheme(scheme)) == NULL)
		*cause = xasprintf("unknown URL scheme '%s://' (see URLS in "
		    "ntfy.ini(5))", scheme);
	free(scheme);
	return b;
}

/* The password of a URL as written (maybe %-encoded) is a secret too. */
static void
raw_password_secret(const char *url)
{
	const char	*auth = strstr(url, "://") + 3, *end, *at, *colon;
	char		*pw;

	end = auth + strcspn(auth, "/?#");
	for (at = NULL, colon = auth; colon < end; colon++)
		if (*colon == '@')
			at = colon;
	if (at == NULL || (colon = memchr(auth, ':', (size_t)(at - auth))) ==
	    NULL)
		return;
	pw = xstrndup(colon + 1, (size_t)(at - colon - 1));
	secret_add(pw);
	freezero_str(pw);
}

/* For url(): the value of the last ?name=, or NULL; every ?name= is marked
 * as taken, so that it is not read as an option of the same name. */
const char *
url_param(struct http_url *u, const char *name)
{
	const char	*v = NULL;
	size_t		 i;

	for (i = 0; i < u->nquery; i++) {
		if (strcasecmp(u->query[i].name, name) == 0) {
			u->query[i].flags |= HTTP_TAKEN;
			v = u->query[i].value;
		}
	}
	return v;
}

/* For url(): the index of ?name= in choices (any case), def when it is
 * absent; -1 with *cause naming the parameter and the accepted values. */
int
url_choice(struct http_url *u, const char *name, const char *const *choices,
    int def, char **cause)
{
	struct buf	 b = BUF_INIT;
	const char	*v = url_param(u, name);
	int		 i;

	if (v == NULL)
		return def;
	for (i = 0; choices[i] != NULL; i++)
		if (strcasecmp(v, choices[i]) == 0)
			return i;
	for (i = 0; choices[i] != NULL; i++)
		buf_printf(&b, "%s%s", i == 0 ? "" : choices[i + 1] == NULL ?
		    " or " : ", ", choices[i]);
	*cause = xasprintf("%s://: parameter '%s' must be %s, not '%s'",
	    u->scheme, name, b.data, v);
	buf_release(&b);
	return -1;
}

/* For url(): ?name=yes or no as 1 or 0, def when absent; -1 with *cause. */
int
url_bool(struct http_url *u, const char *name, int def, char **cause)
{
	const char	*v = url_param(u, name);
	int		 b;

	if (v == NULL)
		return def;
	if (parse_bool(v, &b) == -1) {
		*cause = xasprintf("%s://: parameter '%s' must be yes or no, "
		    "not '%s'", u->scheme, name, v);
		return -1;
	}
	return b;
}

/* Options from a URL: the backend's url() for the parts, then ?key=value
 * for any option of the backend. */
int
url_options(struct target *t, const char *name, char **cause)
{
	const struct backend_option	*o;
	http_url_parse_fn		 parse;
	struct http_url			 u;
	struct optlist			 opts = { NULL, 0 };
	size_t				 i;
	int				 r = -1;

	parse = (http_url_parse_fn)module_symbol("net", "http_url_parse",
	    cause);
	if (parse == NULL)
		return -1;
	if (parse(name, &u, cause) == -1)
		return -1;
	secret_add(u.password);
	raw_password_secret(name);
	if (t->backend->url != NULL && t->backend->url(&u, &opts, cause) == -1)
		goto out;
	for (i = 0; i < u.nquery; i++) {
		if (u.query[i].flags & HTTP_TAKEN)
			continue;
		if (backend_option(t->backend, u.query[i].name) == NULL) {
			log_warn("%s://: backend '%s' has no option '%s'; see "
			    "'ntfy backends'", u.scheme, t->backend->name,
			    u.query[i].name);
			continue;
		}
		optlist_set(&opts, u.query[i].name, u.query[i].value, "URL",
		    0);
	}
	for (i = 0; i < opts.n; i++) {
		o = backend_option(t->backend, opts.v[i].key);
		if (o != NULL && (o->flags & OPT_SECRET))
			secret_add(opts.v[i].value);
		optlist_set(&t->opts, opts.v[i].key, opts.v[i].value, "URL",
		    0);
	}
	r = 0;
out:
	optlist_release(&opts);
	http_url_release(&u);
	return r;
}

/* Defaults of the network keys, then their values at the top of the
 * config; the section and -o come later and win. */
void
network_defaults(struct target *t, const struct config *c)
{
	const struct backend_option	*o;
	const struct option_value	*v;

	for (o = network_options; o->key != NULL; o++) {
		if (o->def != NULL)
			optlist_set(&t->opts, o->key, o->def, "default", 0);
		if ((v = optlist_find(&c->top, o->key)) != NULL)
			optlist_set(&t->opts, v->key, v->value, v->origin,
			    v->line);
	}
}
