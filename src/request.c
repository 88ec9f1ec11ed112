/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "backend.h"

void
http_request_init(struct http_request *r, const char *method,
    const char *base)
{
	memset(r, 0, sizeof *r);
	r->method = method;
	r->base = xstrdup(base);
}

static void
pairs_release(struct http_pair *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(p[i].name);
		freezero_str(p[i].value);
	}
	free(p);
}

void
http_request_release(struct http_request *r)
{
	size_t	i;

	free(r->base);
	for (i = 0; i < r->npath; i++)
		freezero_str(r->path[i]);
	free(r->path);
	free(r->path_flags);
	pairs_release(r->query, r->nquery);
	pairs_release(r->form, r->nform);
	pairs_release(r->headers, r->nheaders);
	if (r->body != NULL)
		explicit_bzero(r->body, r->bodylen);
	free(r->body);
	free(r->content_type);
	free(r->user);
	freezero_str(r->password);
	freezero_str(r->bearer);
	free(r->ca_file);
	memset(r, 0, sizeof *r);
}

/* Append a path segment; the module escapes it unless HTTP_VERBATIM. */
void
http_path(struct http_request *r, const char *segment, int flags)
{
	r->path = xreallocarray(r->path, r->npath + 1, sizeof *r->path);
	r->path_flags = xreallocarray(r->path_flags, r->npath + 1,
	    sizeof *r->path_flags);
	r->path_flags[r->npath] = flags;
	r->path[r->npath++] = xstrdup(segment);
	if (flags & HTTP_SECRET)
		secret_add(segment);
}

static void
pair_add(struct http_pair **p, size_t *n, const char *name,
    const char *value, int flags)
{
	*p = xreallocarray(*p, *n + 1, sizeof **p);
	(*p)[*n].name = xstrdup(name);
	(*p)[*n].value = xstrdup(value);
	(*p)[(*n)++].flags = flags;
	if (flags & HTTP_SECRET)
		secret_add(value);
}

void
http_query(struct http_request *r, const char *name, const char *value,
    int flags)
{
	pair_add(&r->query, &r->nquery, name, value, flags);
}

void
http_form(struct http_request *r, const char *name, const char *value,
    int flags)
{
	pair_add(&r->form, &r->nform, name, value, flags);
}

void
http_header(struct http_request *r, const char *name, const char *value,
    int flags)
{
	pair_add(&r->headers, &r->nheaders, name, value, flags);
}

void
http_body(struct http_request *r, const char *body, size_t len,
    const char *content_type)
{
	free(r->body);
	r->body = xmalloc(len + 1);
	memcpy(r->body, body, len);
	r->body[len] = '\0';
	r->bodylen = len;
	free(r->content_type);
	r->content_type = content_type ? xstrdup(content_type) : NULL;
}

void
http_response_release(struct http_response *r)
{
	pairs_release(r->headers, r->nheaders);
	free(r->body);
	free(r->error);
	memset(r, 0, sizeof *r);
}

const char *
http_response_header(const struct http_response *r, const char *name)
{
	size_t	i;

	for (i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->headers[i].name, name) == 0)
			return r->headers[i].value;
	return NULL;
}

void
http_url_release(struct http_url *u)
{
	size_t	i;

	free(u->scheme);
	free(u->user);
	freezero_str(u->password);
	freezero_str(u->host);
	free(u->port);
	for (i = 0; i < u->npath; i++)
		freezero_str(u->path[i]);
	free(u->path);
	pairs_release(u->query, u->nquery);
	memset(u, 0, sizeof *u);
}

/* The base URL of an Apprise-style URL U: http, or https when its scheme
 * ends in "s", then host, port and the first NPATH path segments. */
char *
http_url_base(const struct http_url *u, size_t npath)
{
	struct buf	b = BUF_INIT;
	size_t		i, len = strlen(u->scheme);

	buf_printf(&b, "%s://%s%s%s", len > 0 && u->scheme[len - 1] == 's' ?
	    "https" : "http", u->host, u->port ? ":" : "",
	    u->port ? u->port : "");
	for (i = 0; i < npath && i < u->npath; i++)
		buf_printf(&b, "/%s", u->path[i]);
	return buf_detach(&b);
}

/* Seconds to wait from a Retry-After value (seconds or an HTTP date), or
 * -1 when there is none or it cannot be read. */
double
http_retry_after(const char *v, long long now)
{
	struct tm	 tm;
	char		*end;
	long		 secs;
	time_t		 t;

	if (v == NULL || *v == '\0')
		return -1;
	errno = 0;
	secs = strtol(v, &end, 10);
	if (end != v && *end == '\0' && errno == 0)
		return secs < 0 ? 0 : (double)secs;
	memset(&tm, 0, sizeof tm);
	end = strptime(v, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	t = timegm(&tm);
	return t <= now ? 0 : (double)(t - now);
}

/* The text a service put in an error reply, or NULL. */
static char *
json_error_text(const char *body)
{
	json_t		*o, *v, *e;
	const char	*keys[] = { "error", "message", "errorDescription",
			    "description", "detail" };
	char		*out = NULL;
	size_t		 i;

	if ((o = json_loads(body, 0, NULL)) == NULL)
		return NULL;
	if (!json_is_object(o)) {
		json_decref(o);
		return NULL;
	}
	if ((v = json_object_get(o, "errors")) != NULL && json_is_array(v) &&
	    json_array_size(v) > 0 && json_is_string(json_array_get(v, 0)))
		out = xstrdup(json_string_value(json_array_get(v, 0)));
	for (i = 0; out == NULL && i < sizeof keys / sizeof keys[0]; i++) {
		v = json_object_get(o, keys[i]);
		if (json_is_string(v) && *json_string_value(v) != '\0')
			out = xstrdup(json_string_value(v));
		else if (json_is_object(v) && json_is_string(e =
		    json_object_get(v, "message")))
			out = xstrdup(json_string_value(e));
	}
	json_decref(o);
	return out;
}

/* What went wrong, in the service's words when it said any. */
char *
http_error_text(const struct http_response *r)
{
	char	*text, *flat, *out;
	size_t	 len;

	if (r->status == 0)
		return xstrdup(r->error ? r->error : "no answer");
	if (r->body != NULL && (text = json_error_text(r->body)) != NULL) {
		out = xasprintf("HTTP %ld: %s", r->status, text);
		free(text);
		return out;
	}
	if (r->body == NULL || r->bodylen == 0)
		return xasprintf("HTTP %ld", r->status);
	text = utf8_repair(r->body, r->bodylen);
	flat = text_flatten(text);
	len = utf8_truncate(flat, 200);
	out = xasprintf("HTTP %ld: %.*s%s", r->status, (int)len, flat,
	    flat[len] != '\0' ? "..." : "");
	free(flat);
	free(text);
	return out;
}

/*
 * The generic verdict on a response: 2xx delivered; no answer, a timeout,
 * 5xx, 408 and 429 worth another try; the rest refused for good.
 */
enum backend_result
http_verdict(const struct http_response *r, char **cause)
{
	const char	*loc;

	if (r->fatal) {
		*cause = xstrdup(r->error ? r->error : "bad request");
		return BACKEND_PERMFAIL;
	}
	if (r->tls) {
		*cause = xasprintf("%s (for a server with a private CA, set "
		    "ca_file)", r->error ? r->error : "TLS failure");
		return BACKEND_PERMFAIL;
	}
	if (r->timeout) {
		*cause = xasprintf("no answer in time: %s", r->error ?
		    r->error : "timeout");
		return BACKEND_TEMPFAIL;
	}
	if (r->neterr || r->status == 0) {
		*cause = xstrdup(r->error ? r->error : "no answer");
		return BACKEND_TEMPFAIL;
	}
	if (r->status >= 200 && r->status < 300)
		return BACKEND_OK;
	if (r->status >= 300 && r->status < 400) {
		loc = http_response_header(r, "Location");
		*cause = xasprintf("HTTP %ld: redirected%s%s; ntfy follows no "
		    "redirects, set endpoint to the new address", r->status,
		    loc ? " to " : "", loc ? loc : "");
		return BACKEND_PERMFAIL;
	}
	*cause = http_error_text(r);
	if (r->status >= 500 || r->status == 408 || r->status == 429)
		return BACKEND_TEMPFAIL;
	return BACKEND_PERMFAIL;
}

/*
 * Seconds to wait before attempt+1 after attempt failures: 1, 2, 4... (at
 * most 60), at least retry_after and min_delay; -1 when that would end
 * past the remaining time budget.
 */
double
retry_delay(int attempt, double retry_after, double min_delay,
    double remaining)
{
	double	delay = 1;
	int	i;

	for (i = 1; i < attempt && delay < 60; i++)
		delay *= 2;
	if (delay > 60)
		delay = 60;
	if (retry_after > delay)
		delay = retry_after;
	if (min_delay > delay)
		delay = min_delay;
	if (delay > remaining)
		return -1;
	return delay;
}

/* s cut to at most max characters, the last one an ellipsis when cut;
 * *cut says whether it was. */
char *
text_truncate(const char *s, size_t max, int *cut)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 chars = 0, i, keep = 0;

	*cut = 0;
	for (i = 0; p[i] != '\0'; i++) {
		if ((p[i] & 0xc0) == 0x80)
			continue;
		if (chars == max - 1)
			keep = i;
		if (++chars > max) {
			*cut = 1;
			break;
		}
	}
	if (!*cut || max == 0)
		return *cut ? xstrdup("") : xstrdup(s);
	return xasprintf("%.*s\xe2\x80\xa6", (int)keep, s);
}

/* The host of a URL, IPv6 in [brackets], without user or port; NULL when
 * there is none. */
char *
url_host(const char *url)
{
	const char	*p, *end, *at;

	if ((p = strstr(url, "://")) == NULL)
		return NULL;
	p += 3;
	end = p + strcspn(p, "/?#");
	while ((at = memchr(p, '@', (size_t)(end - p))) != NULL)
		p = at + 1;
	if (*p == '[') {
		if ((at = memchr(p, ']', (size_t)(end - p))) == NULL)
			return NULL;
		end = at + 1;
	} else if ((at = memchr(p, ':', (size_t)(end - p))) != NULL)
		end = at;
	return end > p ? xstrndup(p, (size_t)(end - p)) : NULL;
}

/* Whether traffic to host stays on this machine: localhost and its
 * subdomains, 127.0.0.0/8 and ::1. */
int
host_is_loopback(const char *host)
{
	struct in_addr	 a4;
	struct in6_addr	 a6;
	char		*h;
	size_t		 len = strlen(host);
	int		 r = 0;

	if (len > 0 && host[len - 1] == '.')
		len--;
	if ((len == 9 && strncasecmp(host, "localhost", 9) == 0) ||
	    (len > 10 && strncasecmp(host + len - 10, ".localhost", 10) == 0))
		return 1;
	if (host[0] == '[' && len > 2 && host[len - 1] == ']') {
		h = xstrndup(host + 1, len - 2);
		r = inet_pton(AF_INET6, h, &a6) == 1 &&
		    (IN6_IS_ADDR_LOOPBACK(&a6) || (IN6_IS_ADDR_V4MAPPED(&a6) &&
		    a6.s6_addr[12] == 127));
		free(h);
		return r;
	}
	return inet_pton(AF_INET, host, &a4) == 1 &&
	    (ntohl(a4.s_addr) >> 24) == 127;
}

/*
 * Warn, once per run and target, that what it sends, secrets included,
 * crosses the network unencrypted, and why; not for a host on this
 * machine, where tests and local relays live.
 */
void
plaintext_warn(const char *target, const char *host, const char *what,
    const char *why)
{
	static char	**warned;
	static size_t	  nwarned;
	size_t		  i;

	if (host == NULL || host_is_loopback(host))
		return;
	for (i = 0; i < nwarned; i++)
		if (strcmp(warned[i], target) == 0)
			return;
	warned = xreallocarray(warned, nwarned + 1, sizeof *warned);
	warned[nwarned++] = xstrdup(target);
	log_warn("%s: %s go unencrypted to %s (%s)", target, what, host, why);
}
