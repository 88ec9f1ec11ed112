/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend.h"

/*
 * A URL as libcurl can take it apart, the way Apprise reads it: '#' is a
 * character of the path (slack://.../#channel), not a fragment; an
 * authority "A:B" whose B is no port number (a Telegram bot token) is a
 * user and password at the host "invalid"; a '/' in the userinfo
 * (rocket://ID/TOKEN@HOST, see url_authority) is %2F.
 */
static char *
url_prepare(const char *name)
{
	struct buf	 b = BUF_INIT;
	const char	*auth = strstr(name, "://") + 3, *end, *at, *colon, *p;

	end = url_authority(name, &at);
	colon = memchr(auth, ':', (size_t)(end - auth));
	if (colon != NULL && at == NULL && *auth != '[' &&
	    strspn(colon + 1, "0123456789") < (size_t)(end - colon - 1)) {
		buf_add(&b, name, (size_t)(end - name));
		buf_adds(&b, "@invalid");
		name = end;
	}
	for (p = name; *p != '\0'; p++) {
		if (*p == '#')
			buf_adds(&b, "%23");
		else if (*p == '/' && at != NULL && p > auth && p < at)
			buf_adds(&b, "%2F");
		else
			buf_add(&b, p, 1);
	}
	return buf_detach(&b);
}

/* The host of a URL as written, without user, password or port. */
static char *
raw_host(const char *url)
{
	const char	*p = strstr(url, "://") + 3, *at;

	url_authority(url, &at);
	if (at != NULL)
		p = at + 1;
	if (*p == '[')
		return xstrndup(p, strcspn(p, "]") + 1);
	return xstrndup(p, strcspn(p, ":/?#"));
}

static int
url_parse(const char *name, struct http_url *u, char **cause)
{
	http_url_parse_fn	 parse;
	char			*s;
	int			 r;

	parse = (http_url_parse_fn)module_symbol("net", "http_url_parse",
	    cause);
	if (parse == NULL)
		return -1;
	s = url_prepare(name);
	if ((r = parse(s, u, cause)) == 0 && u->host != NULL) {
		/* As written: libcurl reads 1234 as the address 0.0.4.210,
		 * and a host here is often a token or an ID. */
		free(u->host);
		u->host = raw_host(s);
	}
	freezero_str(s);
	return r;
}

/* The backend of an Apprise-style URL, from its scheme; when several
 * backends take the scheme (slack://), the first whose url() reads it. */
const struct backend *
url_backend(const char *name, char **cause)
{
	const struct backend	*b, *next;
	const char		*sep = strstr(name, "://");
	struct http_url		 u;
	struct optlist		 opts = { NULL, 0 };
	char			*scheme, *why = NULL, *other;
	int			 r;

	scheme = xstrndup(name, (size_t)(sep - name));
	if ((b = backend_by_scheme(scheme, NULL)) == NULL)
		*cause = xasprintf("unknown URL scheme '%s://' (see URLS in "
		    "ntfy.ini(5))", scheme);
	next = b != NULL ? backend_by_scheme(scheme, b) : NULL;
	free(scheme);
	if (next == NULL)
		return b;
	if (url_parse(name, &u, cause) == -1)
		return NULL;
	/* The first backend's reason is the one told: it takes the scheme's
	 * main form. */
	for (; b != NULL; b = backend_by_scheme(u.scheme, b)) {
		other = NULL;
		r = b->url == NULL ? 0 : b->url(&u, &opts, why ? &other : &why);
		free(other);
		optlist_release(&opts);
		if (r == 0)
			break;
	}
	http_url_release(&u);
	if (b == NULL) {
		*cause = why;
		return NULL;
	}
	free(why);
	return b;
}

/* For url(): key = value for the i-th (from 0) of several targets of one
 * URL; each target gets a request of its own. */
void
url_target(struct optlist *opts, size_t i, const char *key,
    const char *value)
{
	char	*k;

	k = xasprintf("@%zu:%s", i, key);
	optlist_set(opts, k, value, "URL", 0);
	free(k);
}

/* For url(): the targets of a URL, its path from segment `from` on, then
 * each ?to= value split at commas and blanks; NULL-terminated. */
char **
url_targets(const struct http_url *u, size_t from, size_t *n)
{
	char	**v = NULL;
	size_t	  i;

	*n = 0;
	for (i = from; i < u->npath; i++) {
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrdup(u->path[i]);
	}
	for (i = 0; i < u->nquery; i++)
		if (strcmp(u->query[i].name, "to") == 0)
			split_names(u->query[i].value, &v, n);
	v = xreallocarray(v, *n + 1, sizeof *v);
	v[*n] = NULL;
	return v;
}

void
url_targets_free(char **v)
{
	size_t	i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* Index and key of a per-target entry "@I:KEY", or -1. */
static int
per_target(const char *entry, size_t *i, const char **key)
{
	char	*end;

	if (entry[0] != '@' || entry[1] < '0' || entry[1] > '9')
		return -1;
	*i = (size_t)strtoul(entry + 1, &end, 10);
	if (*end != ':')
		return -1;
	*key = end + 1;
	return 0;
}

/* ?format=text|markdown|html as the backend's markdown and html options;
 * a backend with neither sends its usual format whatever is asked. */
static int
url_format(const struct target *t, const char *scheme, const char *v,
    struct optlist *opts, char **cause)
{
	static const char	*formats[] = { "text", "markdown", "html" };
	struct buf		 ok = BUF_INIT;
	size_t			 i, found = 3;

	for (i = 0; i < 3; i++)
		if (strcmp(v, formats[i]) == 0)
			found = i;
	for (i = 0; i < 3; i++)
		if (i == 0 || backend_option(t->backend, formats[i]) != NULL)
			buf_printf(&ok, "%s%s", ok.len ? ", " : "", formats[i]);
	if (found == 3 || (found > 0 && backend_option(t->backend,
	    formats[found]) == NULL && (backend_option(t->backend,
	    "markdown") != NULL || backend_option(t->backend, "html") !=
	    NULL))) {
		*cause = xasprintf("%s://: format must be %s, not '%s'",
		    scheme, ok.data, v);
		buf_release(&ok);
		return -1;
	}
	buf_release(&ok);
	for (i = 1; i < 3; i++)
		if (backend_option(t->backend, formats[i]) != NULL)
			optlist_set(opts, formats[i], i == found ? "true" :
			    "false", "URL", 0);
	return 0;
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

/*
 * Options from a URL: the backend's url() for the parts, then ?key=value
 * for any option of the backend, ?format= for its markdown or html option.
 * Per-target options (see url_target) go to *per for url_pick().
 */
int
url_options(struct target *t, const char *name, struct optlist *per,
    char **cause)
{
	const struct backend_option	*o;
	struct http_url			 u;
	struct optlist			 opts = { NULL, 0 };
	const char			*key;
	size_t				 i, k;
	int				 r = -1;

	if (url_parse(name, &u, cause) == -1)
		return -1;
	secret_add(u.password);
	url_password_secret(name);
	if (t->backend->url != NULL && t->backend->url(&u, &opts, cause) == -1)
		goto out;
	for (i = 0; i < u.nquery; i++) {
		if (u.query[i].flags & HTTP_TAKEN)
			continue;
		key = u.query[i].name;
		if (backend_option(t->backend, key) != NULL)
			optlist_set(&opts, key, u.query[i].value, "URL", 0);
		else if (strcmp(key, "format") == 0) {
			if (url_format(t, u.scheme, u.query[i].value, &opts,
			    cause) == -1)
				goto out;
		} else if (strcmp(key, "to") != 0 || t->backend->url == NULL)
			log_warn("%s://: backend '%s' has no option '%s'; see "
			    "'ntfy backends'", u.scheme, t->backend->name, key);
	}
	for (i = 0; i < opts.n; i++) {
		key = opts.v[i].key;
		if (per_target(key, &k, &key) == 0)
			optlist_set(per, opts.v[i].key, opts.v[i].value, "URL",
			    0);
		o = backend_option(t->backend, key);
		if (o != NULL && (o->flags & OPT_SECRET))
			secret_add(opts.v[i].value);
		if (key == opts.v[i].key)
			optlist_set(&t->opts, key, opts.v[i].value, "URL", 0);
	}
	r = 0;
out:
	optlist_release(&opts);
	http_url_release(&u);
	return r;
}

/* The ?name= of a URL that url_options() leaves out, NULL-terminated:
 * for the importer's comments. */
char **
url_unused(const struct backend *b, const char *name)
{
	struct http_url	  u;
	struct optlist	  opts = { NULL, 0 };
	const char	 *key;
	char		**v = NULL, *why = NULL;
	size_t		  i, n = 0;

	if (url_parse(name, &u, &why) == 0) {
		if (b->url == NULL || b->url(&u, &opts, &why) == 0) {
			for (i = 0; i < u.nquery; i++) {
				key = u.query[i].name;
				if ((u.query[i].flags & HTTP_TAKEN) ||
				    backend_option(b, key) != NULL ||
				    strcmp(key, "format") == 0 ||
				    (strcmp(key, "to") == 0 && b->url != NULL))
					continue;
				v = xreallocarray(v, n + 1, sizeof *v);
				v[n++] = xstrdup(key);
			}
		}
		http_url_release(&u);
	}
	optlist_release(&opts);
	free(why);
	v = xreallocarray(v, n + 1, sizeof *v);
	v[n] = NULL;
	return v;
}

/* Whether key is one that the targets of a URL set each for itself. */
int
url_target_key(const struct optlist *per, const char *key)
{
	const char	*k;
	size_t		 i, idx;

	for (i = 0; i < per->n; i++)
		if (per_target(per->v[i].key, &idx, &k) == 0 &&
		    strcmp(k, key) == 0)
			return 1;
	return 0;
}

/* How many targets a URL has; the options of the k-th go to t, and to its
 * -o list so that a queued notification goes to that target alone. */
size_t
url_pick(struct target *t, const struct optlist *per, size_t k)
{
	const char	*key;
	size_t		 i, idx, n = 1;

	for (i = 0; i < per->n; i++) {
		if (per_target(per->v[i].key, &idx, &key) == -1)
			continue;
		if (idx + 1 > n)
			n = idx + 1;
		if (idx != k)
			continue;
		optlist_set(&t->opts, key, per->v[i].value, "URL", 0);
		optlist_set(&t->cli, key, per->v[i].value, "URL", 0);
	}
	return n;
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
