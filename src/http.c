/* SPDX-License-Identifier: ISC */
/*
 * The net module: the only code that calls libcurl's transfer API.  It sends
 * struct http_request batches in parallel over one multi handle and takes
 * URLs apart for the Apprise-style backend names.
 */
#include "config.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "ntfy.h"
#include "http.h"

int	http_perform(struct http_request **, struct http_response **, size_t);
int	http_url_parse(const char *, struct http_url *, char **);

/* One transfer of a batch. */
struct xfer {
	CURL			*easy;
	struct http_request	*req;
	struct http_response	*resp;
	struct curl_slist	*headers;
	char			*url;
	char			*display;	/* for logs, secrets masked */
	char			*form;
	struct buf		 body;
	int			 capped;	/* stopped at HTTP_BODY_MAX */
	char			 error[CURL_ERROR_SIZE];
};

static const char *
url_strerror(CURLUcode rc)
{
#if LIBCURL_VERSION_NUM >= 0x075000
	return curl_url_strerror(rc);
#else
	return rc == CURLUE_BAD_SCHEME ? "bad scheme" : "malformed";
#endif
}

static int
net_init(void)
{
	static int	done, ok;

	if (!done) {
		done = 1;
		ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
	}
	return ok;
}

static char *
escape(CURL *e, const char *s)
{
	char	*esc, *out;

	if ((esc = curl_easy_escape(e, s, 0)) == NULL)
		fatal("out of memory");
	out = xstrdup(esc);
	curl_free(esc);
	return out;
}

/* Whether S may stand in a path segment as it is: RFC 3986's unreserved
 * characters, ':' and '@' (the rest of pchar is left to escape()). */
static int
is_pchar(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~:@", *s) != NULL))
			return 0;
	return 1;
}

/* The URL of a request and its form for logs; -1 with *cause on error. */
static int
build_url(struct xfer *x, char **cause)
{
	struct http_request	*r = x->req;
	CURLU			*u;
	CURLUcode		 rc;
	struct buf		 path = BUF_INIT, shown = BUF_INIT;
	char			*scheme = NULL, *host = NULL, *port = NULL;
	char			*base = NULL, *full = NULL, *esc, *q, *pair;
	size_t			 i, len;
	int			 ret = -1;

	if ((u = curl_url()) == NULL)
		fatal("out of memory");
	rc = curl_url_set(u, CURLUPART_URL, r->base, 0);
	if (rc != CURLUE_OK) {
		*cause = xasprintf("endpoint is not a valid URL: %s",
		    url_strerror(rc));
		goto out;
	}
	curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
	curl_url_get(u, CURLUPART_HOST, &host, 0);
	if (curl_url_get(u, CURLUPART_PORT, &port, 0) != CURLUE_OK)
		port = NULL;
	if (scheme == NULL || (strcmp(scheme, "http") != 0 &&
	    strcmp(scheme, "https") != 0)) {
		*cause = xasprintf("endpoint must be an http:// or https:// "
		    "URL, not %s://", scheme ? scheme : "?");
		goto out;
	}
	curl_url_get(u, CURLUPART_PATH, &base, 0);
	len = base ? strlen(base) : 0;
	while (len > 0 && base[len - 1] == '/')
		len--;
	buf_add(&path, base ? base : "", len);
	buf_printf(&shown, "%s://%s%s%s", scheme, host ? host : "",
	    port ? ":" : "", port ? port : "");
	buf_add(&shown, base ? base : "", len);
	for (i = 0; i < r->npath; i++) {
		if ((r->path_flags[i] & HTTP_VERBATIM) && is_pchar(r->path[i]))
			esc = xstrdup(r->path[i]);
		else
			esc = escape(x->easy, r->path[i]);
		buf_printf(&path, "/%s", esc);
		buf_printf(&shown, "/%s",
		    (r->path_flags[i] & HTTP_SECRET) ? "********" : esc);
		freezero_str(esc);
	}
	if (path.len == 0)
		buf_addc(&path, '/');
	if (curl_url_set(u, CURLUPART_PATH, path.data, 0) != CURLUE_OK) {
		*cause = xstrdup("cannot build the request path");
		goto out;
	}
	for (i = 0; i < r->nquery; i++) {
		esc = escape(x->easy, r->query[i].value);
		q = escape(x->easy, r->query[i].name);
		pair = xasprintf("%s=%s", q, esc);
		buf_printf(&shown, "%c%s=%s", i ? '&' : '?', q,
		    (r->query[i].flags & HTTP_SECRET) ? "********" : esc);
		rc = curl_url_set(u, CURLUPART_QUERY, pair, CURLU_APPENDQUERY);
		freezero_str(pair);
		free(q);
		freezero_str(esc);
		if (rc != CURLUE_OK) {
			*cause = xstrdup("cannot build the request query");
			goto out;
		}
	}
	if (curl_url_get(u, CURLUPART_URL, &full, 0) != CURLUE_OK) {
		*cause = xstrdup("cannot build the request URL");
		goto out;
	}
	x->url = xstrdup(full);
	x->display = buf_detach(&shown);
	ret = 0;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(base);
	curl_free(full);
	buf_release(&path);
	buf_release(&shown);
	curl_url_cleanup(u);
	return ret;
}

/* A header value as one line; non-ASCII as an RFC 2047 word when asked. */
static char *
header_value(const struct http_pair *h)
{
	const unsigned char	*p;
	unsigned char		*b64;
	char			*flat, *out;
	size_t			 len;
	int			 ascii = 1;

	flat = text_flatten(h->value);
	for (p = (const unsigned char *)flat; *p != '\0'; p++)
		if (*p >= 0x80)
			ascii = 0;
	if (ascii || !(h->flags & HTTP_RFC2047))
		return flat;
	len = strlen(flat);
	b64 = xmalloc(4 * ((len + 2) / 3) + 1);
	EVP_EncodeBlock(b64, (const unsigned char *)flat, (int)len);
	out = xasprintf("=?UTF-8?B?%s?=", b64);
	free(b64);
	free(flat);
	return out;
}

static size_t
write_cb(char *data, size_t size, size_t n, void *arg)
{
	struct xfer	*x = arg;
	size_t		 len = size * n, room;

	/* A reply past the cap is not read further: that is all a verdict
	 * needs, and a hostile server cannot make us read forever. */
	room = HTTP_BODY_MAX - x->body.len;
	if (len > room) {
		buf_add(&x->body, data, room);
		x->capped = 1;
		return 0;
	}
	buf_add(&x->body, data, len);
	return len;
}

static size_t
header_cb(char *data, size_t size, size_t n, void *arg)
{
	struct xfer		*x = arg;
	struct http_response	*r = x->resp;
	size_t			 len = size * n, i;
	char			*line, *colon, *v, *end;

	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		for (i = 0; i < r->nheaders; i++) {
			free(r->headers[i].name);
			free(r->headers[i].value);
		}
		r->nheaders = 0;
		return len;
	}
	if (r->nheaders >= HTTP_HEADERS_MAX)
		return len;
	line = xstrndup(data, len);
	if ((colon = strchr(line, ':')) != NULL) {
		*colon = '\0';
		for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
			;
		end = v + strlen(v);
		while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
		    end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		r->headers = xreallocarray(r->headers, r->nheaders + 1,
		    sizeof *r->headers);
		r->headers[r->nheaders].name = xstrdup(line);
		r->headers[r->nheaders].value = xstrdup(v);
		r->headers[r->nheaders++].flags = 0;
	}
	free(line);
	return len;
}

static char *
form_body(struct xfer *x)
{
	struct http_request	*r = x->req;
	struct buf		 b = BUF_INIT;
	char			*k, *v;
	size_t			 i;

	buf_adds(&b, "");
	for (i = 0; i < r->nform; i++) {
		k = escape(x->easy, r->form[i].name);
		v = escape(x->easy, r->form[i].value);
		buf_printf(&b, "%s%s=%s", i ? "&" : "", k, v);
		free(k);
		freezero_str(v);
	}
	return buf_detach(&b);
}

static void
set_ca(CURL *e, const char *ca_file)
{
	const char	*env;

	if (ca_file != NULL && *ca_file != '\0')
		curl_easy_setopt(e, CURLOPT_CAINFO, ca_file);
	else if ((env = getenv("CURL_CA_BUNDLE")) != NULL && *env != '\0')
		curl_easy_setopt(e, CURLOPT_CAINFO, env);
	else if ((env = getenv("SSL_CERT_FILE")) != NULL && *env != '\0')
		curl_easy_setopt(e, CURLOPT_CAINFO, env);
}

/* Prepare one easy handle; -1 with *cause when the request is unusable. */
static int
xfer_setup(struct xfer *x, char **cause)
{
	struct http_request	*r = x->req;
	const char		*body = NULL;
	char			*line, *v;
	size_t			 i, bodylen = 0;

	if ((x->easy = curl_easy_init()) == NULL)
		fatal("out of memory");
	if (build_url(x, cause) == -1)
		return -1;
	curl_easy_setopt(x->easy, CURLOPT_URL, x->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(x->easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(x->easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(x->easy, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(x->easy, CURLOPT_REDIR_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	/* Never follow a redirect: credentials must not go elsewhere. */
	curl_easy_setopt(x->easy, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(x->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(x->easy, CURLOPT_USERAGENT, "ntfy/" PACKAGE_VERSION);
	curl_easy_setopt(x->easy, CURLOPT_TIMEOUT_MS, r->timeout_ms);
	curl_easy_setopt(x->easy, CURLOPT_CONNECTTIMEOUT_MS,
	    r->connect_timeout_ms);
	curl_easy_setopt(x->easy, CURLOPT_ERRORBUFFER, x->error);
	curl_easy_setopt(x->easy, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(x->easy, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(x->easy, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(x->easy, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(x->easy, CURLOPT_PRIVATE, x);
	set_ca(x->easy, r->ca_file);
	if (r->user != NULL) {
		curl_easy_setopt(x->easy, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		curl_easy_setopt(x->easy, CURLOPT_USERNAME, r->user);
		curl_easy_setopt(x->easy, CURLOPT_PASSWORD,
		    r->password ? r->password : "");
	} else if (r->bearer != NULL) {
		curl_easy_setopt(x->easy, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
		curl_easy_setopt(x->easy, CURLOPT_XOAUTH2_BEARER, r->bearer);
	}
	x->headers = curl_slist_append(x->headers, "Expect:");
	if (r->nform > 0) {
		x->form = form_body(x);
		body = x->form;
		bodylen = strlen(x->form);
		x->headers = curl_slist_append(x->headers, "Content-Type: "
		    "application/x-www-form-urlencoded");
	} else if (r->body != NULL) {
		body = r->body;
		bodylen = r->bodylen;
		if (r->content_type != NULL) {
			line = xasprintf("Content-Type: %s", r->content_type);
			x->headers = curl_slist_append(x->headers, line);
			free(line);
		}
	}
	for (i = 0; i < r->nheaders; i++) {
		v = header_value(&r->headers[i]);
		/* "Name;" sends a header with an empty value. */
		line = *v ? xasprintf("%s: %s", r->headers[i].name, v) :
		    xasprintf("%s;", r->headers[i].name);
		x->headers = curl_slist_append(x->headers, line);
		freezero_str(line);
		freezero_str(v);
	}
	curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, x->headers);
	/* HEAD sends no body; GET does when it has one, as Apprise's do. */
	if (strcmp(r->method, "HEAD") == 0)
		curl_easy_setopt(x->easy, CURLOPT_NOBODY, 1L);
	else if (strcmp(r->method, "GET") == 0 && body == NULL)
		curl_easy_setopt(x->easy, CURLOPT_HTTPGET, 1L);
	else {
		curl_easy_setopt(x->easy, CURLOPT_POST, 1L);
		curl_easy_setopt(x->easy, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)bodylen);
		curl_easy_setopt(x->easy, CURLOPT_POSTFIELDS,
		    body ? body : "");
		if (strcmp(r->method, "POST") != 0)
			curl_easy_setopt(x->easy, CURLOPT_CUSTOMREQUEST,
			    r->method);
	}
	return 0;
}

/* Fill the response of a finished transfer. */
static void
xfer_done(struct xfer *x, CURLcode rc)
{
	struct http_response	*resp = x->resp;
	double			 t = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &resp->status);
	curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME, &t);
	resp->elapsed = t;
	buf_adds(&x->body, "");
	resp->bodylen = x->body.len;
	resp->body = buf_detach(&x->body);
	if (rc == CURLE_WRITE_ERROR && x->capped) {
		log_debug("%s: reply cut at %d bytes", x->req->label,
		    HTTP_BODY_MAX);
		rc = CURLE_OK;
	}
	if (rc != CURLE_OK) {
		resp->error = xstrdup(x->error[0] ? x->error :
		    curl_easy_strerror(rc));
		switch (rc) {
		case CURLE_OPERATION_TIMEDOUT:
			resp->timeout = 1;
			break;
		case CURLE_PEER_FAILED_VERIFICATION:
		case CURLE_SSL_CACERT_BADFILE:
		case CURLE_SSL_CERTPROBLEM:
			resp->tls = 1;
			break;
		case CURLE_URL_MALFORMAT:
		case CURLE_UNSUPPORTED_PROTOCOL:
			resp->fatal = 1;
			break;
		default:
			resp->neterr = 1;
			break;
		}
		log_debug("%s: %s %s: %s after %.0f ms", x->req->label,
		    x->req->method, x->display, resp->error, t * 1000);
	} else
		log_debug("%s: %s %s: HTTP %ld in %.0f ms", x->req->label,
		    x->req->method, x->display, resp->status, t * 1000);
}

/*
 * Send every request at once and wait for all of them; each response is
 * filled, with error set when there was no HTTP answer.  Returns 0.
 */
int
http_perform(struct http_request **reqs, struct http_response **resps,
    size_t n)
{
	struct xfer	*x;
	CURLM		*multi;
	CURLMsg		*msg;
	char		*cause;
	size_t		 i;
	int		 running, left;

	x = xcalloc(n, sizeof *x);
	multi = curl_multi_init();
	if (!net_init() || multi == NULL)
		fatal("cannot initialise libcurl");
	for (i = 0; i < n; i++) {
		memset(resps[i], 0, sizeof *resps[i]);
		x[i].req = reqs[i];
		x[i].resp = resps[i];
		cause = NULL;
		if (xfer_setup(&x[i], &cause) == -1) {
			resps[i]->fatal = 1;
			resps[i]->error = cause;
			resps[i]->body = xstrdup("");
			continue;
		}
		curl_multi_add_handle(multi, x[i].easy);
	}
	do {
		if (curl_multi_perform(multi, &running) != CURLM_OK)
			break;
		while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
			struct xfer	*done;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&done);
			xfer_done(done, msg->data.result);
			curl_multi_remove_handle(multi, msg->easy_handle);
		}
		if (running > 0)
			curl_multi_poll(multi, NULL, 0, 1000, NULL);
	} while (running > 0);
	for (i = 0; i < n; i++) {
		if (x[i].easy != NULL) {
			curl_multi_remove_handle(multi, x[i].easy);
			curl_easy_cleanup(x[i].easy);
		}
		if (resps[i]->body == NULL) {
			resps[i]->neterr = 1;
			resps[i]->error = xstrdup("transfer did not finish");
			resps[i]->body = xstrdup("");
		}
		curl_slist_free_all(x[i].headers);
		free(x[i].url);
		free(x[i].display);
		freezero_str(x[i].form);
		buf_release(&x[i].body);
	}
	curl_multi_cleanup(multi);
	free(x);
	return 0;
}

/* A %-decoded copy of len bytes of s; '+' is a space when plus is set. */
static char *
unescape(const char *s, size_t len, int plus)
{
	char	*copy = xstrndup(s, len), *p, *dec, *out;
	int	 outlen;

	if (plus)
		for (p = copy; *p != '\0'; p++)
			if (*p == '+')
				*p = ' ';
	dec = curl_easy_unescape(NULL, copy, 0, &outlen);
	freezero_str(copy);
	if (dec == NULL)
		fatal("out of memory");
	out = xstrndup(dec, (size_t)outlen);
	curl_free(dec);
	return out;
}

static char *
url_part(CURLU *u, CURLUPart part, unsigned int flags)
{
	char	*v = NULL, *out;

	if (curl_url_get(u, part, &v, flags) != CURLUE_OK || v == NULL)
		return NULL;
	out = xstrdup(v);
	curl_free(v);
	return out;
}

/*
 * Take an Apprise-style URL apart; 0, or -1 with *cause.  Apprise URLs
 * have no fragment: '#' is a character like any other (rocket://HOST/#chan,
 * matrix://HOST/#room), so it goes to libcurl escaped.
 */
int
http_url_parse(const char *s, struct http_url *out, char **cause)
{
	CURLU		*u;
	CURLUcode	 rc;
	struct buf	 lit = BUF_INIT;
	char		*path, *query, *p, *next, *eq;

	memset(out, 0, sizeof *out);
	if ((u = curl_url()) == NULL)
		fatal("out of memory");
	for (; *s != '\0'; s++) {
		if (*s == '#')
			buf_adds(&lit, "%23");
		else
			buf_addc(&lit, *s);
	}
	/* syslog:// has no host at all. */
	rc = curl_url_set(u, CURLUPART_URL, lit.data ? lit.data : "",
	    CURLU_NON_SUPPORT_SCHEME | CURLU_PATH_AS_IS | CURLU_NO_AUTHORITY);
	if (lit.data != NULL)
		explicit_bzero(lit.data, lit.len);
	buf_release(&lit);
	if (rc != CURLUE_OK) {
		*cause = xasprintf("not a valid URL: %s",
		    url_strerror(rc));
		curl_url_cleanup(u);
		return -1;
	}
	out->scheme = url_part(u, CURLUPART_SCHEME, 0);
	out->user = url_part(u, CURLUPART_USER, CURLU_URLDECODE);
	out->password = url_part(u, CURLUPART_PASSWORD, CURLU_URLDECODE);
	out->host = url_part(u, CURLUPART_HOST, 0);
	if (out->host != NULL && *out->host == '\0') {
		free(out->host);
		out->host = NULL;
	}
	out->port = url_part(u, CURLUPART_PORT, 0);
	path = url_part(u, CURLUPART_PATH, 0);
	query = url_part(u, CURLUPART_QUERY, 0);
	curl_url_cleanup(u);
	for (p = path; p != NULL && *p != '\0'; p = next) {
		if ((next = strchr(p, '/')) == NULL)
			next = p + strlen(p);
		if (next > p) {
			out->path = xreallocarray(out->path, out->npath + 1,
			    sizeof *out->path);
			out->path[out->npath++] = unescape(p,
			    (size_t)(next - p), 0);
		}
		if (*next == '/')
			next++;
	}
	for (p = query; p != NULL && *p != '\0'; p = next) {
		if ((next = strchr(p, '&')) == NULL)
			next = p + strlen(p);
		eq = memchr(p, '=', (size_t)(next - p));
		if (next > p) {
			out->query = xreallocarray(out->query,
			    out->nquery + 1, sizeof *out->query);
			out->query[out->nquery].name = unescape(p,
			    (size_t)((eq ? eq : next) - p), 1);
			out->query[out->nquery].value = eq ? unescape(eq + 1,
			    (size_t)(next - eq - 1), 1) : xstrdup("");
			out->query[out->nquery++].flags = 0;
		}
		if (*next == '&')
			next++;
	}
	freezero_str(path);
	freezero_str(query);
	return 0;
}
