/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend.h"

/* Credentials are masked in logs; the value of a plain header is not. */
int
header_name_secret(const char *name, size_t len)
{
	static const char	*words[] = { "auth", "token", "key", "secret",
				    "password", "signature", "cookie" };
	char			*copy = xstrndup(name, len);
	size_t			 i;
	int			 secret = 0;

	for (i = 0; i < sizeof words / sizeof words[0] && !secret; i++)
		secret = strcasestr(copy, words[i]) != NULL;
	free(copy);
	return secret;
}

/* Register as secret the value of every credential header in a list
 * "Name: value, Name2: value"; how many there were. */
size_t
headers_secrets(const char *list)
{
	const char	*p = list, *end, *colon, *v, *word;
	char		*value;
	size_t		 nlen, vlen, n = 0;

	for (; *p != '\0'; p = *end ? end + 1 : end) {
		end = p + strcspn(p, ",");
		if ((colon = memchr(p, ':', (size_t)(end - p))) == NULL)
			continue;
		p += strspn(p, " \t");
		for (nlen = (size_t)(colon - p); nlen > 0 &&
		    strchr(" \t", p[nlen - 1]) != NULL; nlen--)
			;
		if (!header_name_secret(p, nlen))
			continue;
		for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
			;
		for (vlen = (size_t)(end - v); vlen > 0 &&
		    strchr(" \t", v[vlen - 1]) != NULL; vlen--)
			;
		value = xstrndup(v, vlen);
		secret_add(value);
		/* "Bearer TOKEN": the credential alone may be shown too. */
		if ((word = strrchr(value, ' ')) != NULL)
			secret_add(word + 1);
		freezero_str(value);
		n++;
	}
	return n;
}

/* Whether a backend of the scheme of url takes a '/' in its userinfo. */
static int
scheme_slashed(const char *url, size_t len)
{
	const struct backend	*b;
	char			*scheme = xstrndup(url, len);

	for (b = backend_by_scheme(scheme, NULL); b != NULL;
	    b = backend_by_scheme(scheme, b))
		if (b->flags & BACKEND_SLASHED_USERINFO)
			break;
	free(scheme);
	return b != NULL;
}

/* Whether [p, end) is letters and digits, at least one. */
static int
alnum_run(const char *p, const char *end)
{
	if (p >= end)
		return 0;
	for (; p < end; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z')))
			return 0;
	return 1;
}

/*
 * The authority of a URL as written, after "://": returns where it ends
 * (where its path, query or fragment starts); *at is the '@' that ends its
 * userinfo (the host follows it), or NULL.  For a backend with
 * BACKEND_SLASHED_USERINFO, an authority without '@' followed by a path
 * segment "TOKEN@HOST" is [USER:]ID/TOKEN@HOST, as Apprise reads
 * rocket://ID/TOKEN@HOST: ID and TOKEN letters and digits, the host what
 * follows the last '@' of that segment.
 */
const char *
url_authority(const char *url, const char **at)
{
	const char	*sep = strstr(url, "://"), *auth, *end, *p, *seg;
	const char	*segend, *id;

	auth = sep != NULL ? sep + 3 : url;
	end = auth + strcspn(auth, "/?#");
	*at = NULL;
	for (p = auth; p < end; p++)
		if (*p == '@')
			*at = p;
	if (*at != NULL || *end != '/' || sep == NULL ||
	    !scheme_slashed(url, (size_t)(sep - url)))
		return end;
	seg = end + 1;
	segend = seg + strcspn(seg, "/?#");
	for (p = seg; p < segend; p++)
		if (*p == '@')
			*at = p;
	id = memchr(auth, ':', (size_t)(end - auth));
	id = id != NULL ? id + 1 : auth;
	if (*at != NULL && alnum_run(id, end) && alnum_run(seg, *at))
		return segend;
	*at = NULL;
	return end;
}

/* Split the query of a URL as written into u (no decoding: the text to
 * mask is the text written). */
static void
url_split_query(struct http_url *u, const char *q, size_t len)
{
	const char	*end = q + len, *amp, *eq;

	while (q < end) {
		amp = memchr(q, '&', (size_t)(end - q));
		if (amp == NULL)
			amp = end;
		if ((eq = memchr(q, '=', (size_t)(amp - q))) != NULL) {
			u->query = xreallocarray(u->query, u->nquery + 1,
			    sizeof *u->query);
			u->query[u->nquery].name = xstrndup(q,
			    (size_t)(eq - q));
			u->query[u->nquery].value = xstrndup(eq + 1,
			    (size_t)(amp - eq - 1));
			u->query[u->nquery++].flags = 0;
		}
		q = amp + 1;
	}
}

/* Take an Apprise-style URL apart as written, for masking only (sending
 * uses the net module's parser). */
static void
url_split(const char *url, struct http_url *u, char **pathtext)
{
	const char	*sep = strstr(url, "://"), *auth, *end, *at, *p, *h;
	const char	*colon, *seg;
	size_t		 len;

	memset(u, 0, sizeof *u);
	u->scheme = xstrndup(url, (size_t)(sep - url));
	auth = sep + 3;
	end = url_authority(url, &at);
	h = auth;
	if (at != NULL) {
		colon = memchr(auth, ':', (size_t)(at - auth));
		u->user = xstrndup(auth, (size_t)((colon ? colon : at) -
		    auth));
		if (colon != NULL)
			u->password = xstrndup(colon + 1,
			    (size_t)(at - colon - 1));
		h = at + 1;
	}
	p = *h == '[' ? memchr(h, ']', (size_t)(end - h)) : h;
	colon = p ? memchr(p, ':', (size_t)(end - p)) : NULL;
	if (h < (colon ? colon : end))
		u->host = xstrndup(h, (size_t)((colon ? colon : end) - h));
	if (colon != NULL)
		u->port = xstrndup(colon + 1, (size_t)(end - colon - 1));
	len = strcspn(end, "?#");
	*pathtext = len > 1 ? xstrndup(end + 1, len - 1) : NULL;
	for (p = end; p < end + len; p = seg) {
		p += strspn(p, "/");
		seg = p + strcspn(p, "/?#");
		if (seg == p)
			break;
		u->path = xreallocarray(u->path, u->npath + 1,
		    sizeof *u->path);
		u->path[u->npath++] = xstrndup(p, (size_t)(seg - p));
	}
	if (end[len] == '?')
		url_split_query(u, end + len + 1, strcspn(end + len + 1, "#"));
}

/*
 * Register the secrets of an Apprise-style URL as written: the parts its
 * backend's url() turns into OPT_SECRET options, else (no url(), or one
 * that refuses the URL) the userinfo and the whole path.  Returns how many.
 */
size_t
url_secrets(const char *url)
{
	const struct backend		*b;
	const struct backend_option	*o;
	struct http_url			 u;
	struct optlist			 opts = { NULL, 0 };
	const char			*key;
	char				*path, *cause = NULL;
	size_t				 i, n = 0;

	if (strstr(url, "://") == NULL)
		return 0;
	url_split(url, &u, &path);
	if (u.password != NULL) {
		secret_add(u.password);
		n++;
	}
	/* The first backend of the scheme whose url() reads it (slack://). */
	for (b = backend_by_scheme(u.scheme, NULL); b != NULL;
	    b = backend_by_scheme(u.scheme, b)) {
		if (b->url != NULL && b->url(&u, &opts, &cause) == 0)
			break;
		optlist_release(&opts);
		free(cause);
		cause = NULL;
	}
	if (b != NULL && b->url != NULL) {
		for (i = 0; i < u.nquery; i++)
			optlist_set(&opts, u.query[i].name, u.query[i].value,
			    "URL", 0);
		for (i = 0; i < opts.n; i++) {
			/* "@N:KEY" is KEY of the N-th target of the URL. */
			key = opts.v[i].key;
			if (key[0] == '@' && strchr(key, ':') != NULL)
				key = strchr(key, ':') + 1;
			o = backend_option(b, key);
			if (o != NULL && (o->flags & OPT_SECRET)) {
				secret_add(opts.v[i].value);
				n++;
			}
		}
	} else {
		if (u.user != NULL) {
			secret_add(u.user);
			n++;
		}
		if (path != NULL) {
			secret_add(path);
			n++;
		}
	}
	free(cause);
	freezero_str(path);
	optlist_release(&opts);
	http_url_release(&u);
	return n;
}

/* The password of "scheme://user:password@host..." as written (maybe
 * %-encoded) is a secret wherever such a URL is given; 1 when there is
 * one. */
size_t
url_password_secret(const char *url)
{
	const char	*auth = strstr(url, "://"), *at, *colon;
	char		*pw;

	if (auth == NULL)
		return 0;
	auth += 3;
	url_authority(url, &at);
	if (at == NULL || (colon = memchr(auth, ':', (size_t)(at - auth))) ==
	    NULL || colon + 1 == at)
		return 0;
	pw = xstrndup(colon + 1, (size_t)(at - colon - 1));
	secret_add(pw);
	freezero_str(pw);
	return 1;
}

/* Register what value (of option o) holds in secret; how many secrets. */
size_t
option_secrets(const struct backend_option *o, const char *value)
{
	if (o == NULL || value == NULL)
		return 0;
	if (o->flags & OPT_SECRET) {
		secret_add(value);
		return 1;
	}
	if (o->flags & OPT_HEADERS)
		return headers_secrets(value);
	if (o->flags & OPT_SECRET_JSON) {
		value += strspn(value, " \t\r\n");
		if (*value != '{')
			return 0;
		secret_add(value);
		return 1;
	}
	/* An endpoint or webhook url may carry a password too. */
	return url_password_secret(value);
}
