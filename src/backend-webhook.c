/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend.h"
#include "backend-util.h"

static int	webhook_check(const struct target *, char **);
static int	webhook_request(const struct notification *,
		    struct http_request *, char **);

static const struct backend_option webhook_options[] = {
	{ "url", OPT_REQUIRED, NULL, "the URL the JSON is sent to" },
	{ "method", 0, "POST", "POST, PUT or PATCH" },
	{ "headers", OPT_HEADERS, NULL, "extra headers, \"Name: value, Name2: "
	    "value\"" },
	{ "token", OPT_SECRET, NULL, "sent as Authorization: Bearer" },
	{ "user", 0, NULL, "HTTP Basic user (with password)" },
	{ "password", OPT_SECRET, NULL, "HTTP Basic password" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_webhook = {
	.name = "webhook",
	.desc = "POST the notification as JSON to any URL",
	.flags = BACKEND_NETWORK,
	.options = webhook_options,
	.check = webhook_check,
	.request = webhook_request
};

/*
 * Check that option key is an http(s) URL; with mask, hide its path in
 * logs: the webhooks of chat services keep their token there.
 */
int
webhook_url_check(const struct target *t, const char *key, int mask,
    char **cause)
{
	const char	*url = target_opt(t, key);

	if (strncmp(url, "http://", 7) != 0 &&
	    strncmp(url, "https://", 8) != 0) {
		*cause = xasprintf("backend '%s': option '%s' must be an "
		    "http:// or https:// URL", t->name, key);
		return -1;
	}
	if (mask)
		url_secret_path(url);
	return 0;
}

/* A header name is an RFC 9110 token. */
static int
header_name_valid(const char *s, size_t len)
{
	size_t	i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (strchr("!#$%&'*+-.^_`|~", s[i]) == NULL &&
		    !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

/*
 * Walk "Name: value, Name2: value": add each to r when it is not NULL.
 * -1 with *cause when the list is malformed.
 */
static int
headers_parse(const char *label, const char *list, struct http_request *r,
    char **cause)
{
	const char	*p = list, *colon, *end, *v;
	char		*name, *value;
	size_t		 nlen, vlen;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		end = p + strcspn(p, ",");
		if ((colon = memchr(p, ':', (size_t)(end - p))) == NULL) {
			*cause = xasprintf("backend '%s': option 'headers': "
			    "'%.*s' is not 'Name: value'", label,
			    (int)(end - p), p);
			return -1;
		}
		nlen = (size_t)(colon - p);
		while (nlen > 0 && (p[nlen - 1] == ' ' || p[nlen - 1] == '\t'))
			nlen--;
		if (!header_name_valid(p, nlen)) {
			*cause = xasprintf("backend '%s': option 'headers': "
			    "'%.*s' is not a header name", label, (int)nlen, p);
			return -1;
		}
		for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
			;
		vlen = (size_t)(end - v);
		while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
			vlen--;
		if (r != NULL) {
			name = xstrndup(p, nlen);
			value = xstrndup(v, vlen);
			http_header(r, name, value, header_name_secret(name, nlen) ?
			    HTTP_SECRET : 0);
			free(name);
			freezero_str(value);
		}
		p = end;
	}
	return 0;
}

static int
webhook_check(const struct target *t, char **cause)
{
	const char	*v;

	if (webhook_url_check(t, "url", 0, cause) == -1)
		return -1;
	v = target_opt(t, "method");
	if (strcmp(v, "POST") != 0 && strcmp(v, "PUT") != 0 &&
	    strcmp(v, "PATCH") != 0) {
		*cause = xasprintf("backend '%s': option 'method' must be "
		    "POST, PUT or PATCH, not '%s'", t->name, v);
		return -1;
	}
	if ((target_opt(t, "user") == NULL) !=
	    (target_opt(t, "password") == NULL)) {
		*cause = xasprintf("backend '%s': options 'user' and "
		    "'password' go together", t->name);
		return -1;
	}
	if ((v = target_opt(t, "headers")) != NULL &&
	    headers_parse(t->name, v, NULL, cause) == -1)
		return -1;
	return 0;
}

static int
webhook_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const struct message	*m = n->msg;
	const char		*v, *method;
	json_t			*o;
	char			*body;

	o = json_object();
	json_object_set_new(o, "title", json_text(n->title));
	json_object_set_new(o, "message", json_text(m->body));
	json_object_set_new(o, "retcode", m->has_status ?
	    json_integer(m->retcode) : json_null());
	json_object_set_new(o, "duration", m->duration >= 0 ?
	    json_real(m->duration) : json_null());
	json_object_set_new(o, "host", m->host ? json_text(m->host) :
	    json_null());
	json_object_set_new(o, "command", m->command ?
	    json_text(m->command) : json_null());
	json_object_set_new(o, "time", json_integer((json_int_t)m->time));
	body = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (body == NULL) {
		*cause = xstrdup("cannot build the JSON body");
		return -1;
	}
	/* The method is one of three literals, checked before. */
	v = notif_opt(n, "method");
	method = strcmp(v, "PUT") == 0 ? "PUT" : strcmp(v, "PATCH") == 0 ?
	    "PATCH" : "POST";
	http_request_init(r, method, notif_opt(n, "url"));
	http_body(r, body, strlen(body), "application/json");
	free(body);
	if ((v = notif_opt(n, "headers")) != NULL &&
	    headers_parse(n->target->name, v, r, cause) == -1) {
		http_request_release(r);
		return -1;
	}
	if ((v = notif_opt(n, "token")) != NULL)
		r->bearer = xstrdup(v);
	else if ((v = notif_opt(n, "user")) != NULL) {
		r->user = xstrdup(v);
		r->password = xstrdup(notif_opt(n, "password"));
	}
	return 0;
}
