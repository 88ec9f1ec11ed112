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
static int	webhook_url(struct http_url *, struct optlist *, char **);

static const char *const methods[] = { "POST", "PUT", "PATCH", "GET",
	"DELETE", "HEAD", NULL };
static const char *const payloads[] = { "ntfy", "json", "form", NULL };

static const struct backend_option webhook_options[] = {
	{ "url", OPT_REQUIRED, NULL, "the URL the JSON is sent to" },
	{ "method", 0, "POST", "POST, PUT, PATCH, GET, DELETE or HEAD" },
	{ "payload", 0, "ntfy", "ntfy (our JSON), json or form (Apprise's "
	    "fields)" },
	{ "fields", 0, NULL, "a JSON object of fields added to the payload, "
	    "or replacing its own" },
	{ "query", 0, NULL, "a JSON object of parameters added to the URL" },
	{ "headers", OPT_HEADERS, NULL, "extra headers, \"Name: value, Name2: "
	    "value\"" },
	{ "token", OPT_SECRET, NULL, "sent as Authorization: Bearer" },
	{ "user", 0, NULL, "HTTP Basic user (with password)" },
	{ "password", OPT_SECRET, NULL, "HTTP Basic password" },
	{ NULL, 0, NULL, NULL }
};

static const char *const webhook_schemes[] = { "json", "jsons", "form",
	"forms", NULL };

const struct backend backend_webhook = {
	.name = "webhook",
	.desc = "POST the notification as JSON to any URL",
	.flags = BACKEND_NETWORK,
	.options = webhook_options,
	.check = webhook_check,
	.request = webhook_request,
	.schemes = webhook_schemes,
	.url = webhook_url
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

/* A header's value holds no control character but tab: a line break
 * would start a header of its own. */
static int
header_value_valid(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    s[i] == 0x7f)
			return 0;
	return 1;
}

/*
 * Walk the headers option, "Name: value, Name2: value": each header to fn
 * (when not NULL).  -1 with *cause, naming backend label, when the list is
 * malformed: a name that is not a token, a value with a line break.
 */
int
headers_walk(const char *label, const char *list, header_fn fn, void *arg,
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
		if (!header_value_valid(v, vlen)) {
			*cause = xasprintf("backend '%s': option 'headers': the "
			    "value of '%.*s' holds a line break or another "
			    "control character", label, (int)nlen, p);
			return -1;
		}
		if (fn != NULL) {
			name = xstrndup(p, nlen);
			value = xstrndup(v, vlen);
			fn(arg, name, value);
			free(name);
			freezero_str(value);
		}
		p = end;
	}
	return 0;
}

static void
request_header(void *arg, const char *name, const char *value)
{
	http_header(arg, name, value, header_name_secret(name,
	    strlen(name)) ? HTTP_SECRET : 0);
}

/* The index of v in a NULL-terminated list of words, or -1. */
static int
word_index(const char *const *words, const char *v)
{
	int	i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], v) == 0)
			return i;
	return -1;
}

/* Option key, when set, is a JSON object of strings: 0 with it in *out
 * (when out is not NULL), or -1 with *cause. */
static int
string_object(const struct target *t, const char *key, json_t **out,
    char **cause)
{
	const char	*v = target_opt(t, key), *name;
	json_t		*o, *value;

	if (out != NULL)
		*out = NULL;
	if (v == NULL)
		return 0;
	o = json_loads(v, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(o)) {
		*cause = xasprintf("backend '%s': option '%s' must be a JSON "
		    "object, {\"name\": \"value\"}", t->name, key);
		json_decref(o);
		return -1;
	}
	json_object_foreach(o, name, value) {
		if (!json_is_string(value)) {
			*cause = xasprintf("backend '%s': option '%s': the "
			    "value of '%s' must be a string", t->name, key,
			    name);
			json_decref(o);
			return -1;
		}
	}
	if (out != NULL)
		*out = o;
	else
		json_decref(o);
	return 0;
}

static int
webhook_check(const struct target *t, char **cause)
{
	const char	*v;

	if (webhook_url_check(t, "url", 0, cause) == -1)
		return -1;
	if (word_index(methods, target_opt(t, "method")) == -1) {
		*cause = xasprintf("backend '%s': option 'method' must be "
		    "POST, PUT, PATCH, GET, DELETE or HEAD, not '%s'", t->name,
		    target_opt(t, "method"));
		return -1;
	}
	if (word_index(payloads, target_opt(t, "payload")) == -1) {
		*cause = xasprintf("backend '%s': option 'payload' must be "
		    "ntfy, json or form, not '%s'", t->name,
		    target_opt(t, "payload"));
		return -1;
	}
	if (string_object(t, "fields", NULL, cause) == -1 ||
	    string_object(t, "query", NULL, cause) == -1)
		return -1;
	if ((target_opt(t, "user") == NULL) !=
	    (target_opt(t, "password") == NULL)) {
		*cause = xasprintf("backend '%s': options 'user' and "
		    "'password' go together", t->name);
		return -1;
	}
	if ((v = target_opt(t, "headers")) != NULL &&
	    headers_walk(t->name, v, NULL, NULL, cause) == -1)
		return -1;
	return 0;
}

/* Apprise's type: how the command ended, when there was one. */
static const char *
notify_type(const struct message *m)
{
	if (!m->has_status)
		return "info";
	return m->retcode == 0 ? "success" : "failure";
}

/* The body as the payload option says, fields merged in. */
static json_t *
payload_object(const struct notification *n, const char *payload,
    json_t *fields)
{
	const struct message	*m = n->msg;
	json_t			*o;

	o = json_object();
	if (strcmp(payload, "ntfy") != 0)
		json_object_set_new(o, "version", json_string("1.0"));
	json_object_set_new(o, "title", json_text(n->title ? n->title : ""));
	json_object_set_new(o, "message", json_text(m->body ? m->body : ""));
	if (strcmp(payload, "json") == 0)
		json_object_set_new(o, "attachments", json_array());
	if (strcmp(payload, "ntfy") != 0) {
		json_object_set_new(o, "type", json_string(notify_type(m)));
	} else {
		json_object_set_new(o, "retcode", m->has_status ?
		    json_integer(m->retcode) : json_null());
		json_object_set_new(o, "duration", m->duration >= 0 ?
		    json_real(m->duration) : json_null());
		json_object_set_new(o, "host", m->host ? json_text(m->host) :
		    json_null());
		json_object_set_new(o, "command", m->command ?
		    json_text(m->command) : json_null());
		json_object_set_new(o, "time",
		    json_integer((json_int_t)m->time));
	}
	if (fields != NULL)
		json_object_update(o, fields);
	return o;
}

/*
 * payload ntfy and json: a JSON body; form: the fields urlencoded, in the
 * query for GET, as Apprise sends them.
 */
static int
webhook_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const char	*v, *payload = notif_opt(n, "payload"), *name;
	json_t		*o, *fields, *query, *value;
	int		 i;

	if (string_object(n->target, "fields", &fields, cause) == -1)
		return -1;
	if (string_object(n->target, "query", &query, cause) == -1) {
		json_decref(fields);
		return -1;
	}
	o = payload_object(n, payload, fields);
	json_decref(fields);
	/* The method is one of the literals, checked before. */
	i = word_index(methods, notif_opt(n, "method"));
	http_request_init(r, methods[i < 0 ? 0 : i], notif_opt(n, "url"));
	if (strcmp(payload, "form") != 0)
		http_json(r, o);
	else {
		json_object_foreach(o, name, value) {
			if (strcmp(r->method, "GET") == 0)
				http_query(r, name, json_string_value(value),
				    0);
			else
				http_form(r, name, json_string_value(value),
				    0);
		}
		json_decref(o);
	}
	json_object_foreach(query, name, value) {
		http_query(r, name, json_string_value(value), 0);
	}
	json_decref(query);
	if ((v = notif_opt(n, "headers")) != NULL &&
	    headers_walk(n->target->name, v, request_header, r, cause) == -1) {
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

/* Add name and value to the JSON object option key of opts. */
static void
object_add(struct optlist *opts, const char *key, const char *name,
    const char *value)
{
	const char	*v = optlist_get(opts, key);
	json_t		*o;
	char		*s;

	if (v == NULL || (o = json_loads(v, 0, NULL)) == NULL)
		o = json_object();
	json_object_set_new(o, name, json_text(value));
	if ((s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER)) == NULL)
		fatal("out of memory");
	optlist_set(opts, key, s, "URL", 0);
	json_decref(o);
	free(s);
}

/*
 * json[s]:// and form[s]://[USER[:PASSWORD]@]HOST[:PORT][/PATH]: Apprise's
 * payloads at http[s]://HOST[:PORT][/PATH]; ?+Name=value is a header (the
 * '+' of a query reads as a space), ?-name=value a parameter of the URL,
 * ?:name=value a field of the payload.
 */
static int
webhook_url(struct http_url *u, struct optlist *opts, char **cause)
{
	struct buf	 headers = BUF_INIT;
	const char	*name, *value;
	char		*url;
	size_t		 i;
	int		 m;

	if (u->host == NULL) {
		*cause = xasprintf("a %s:// URL is %s://[USER[:PASSWORD]@]HOST"
		    "[:PORT][/PATH]", u->scheme, u->scheme);
		return -1;
	}
	if ((m = url_choice(u, "method", methods, 0, cause)) == -1)
		return -1;
	url = http_url_base(u, u->npath);
	optlist_set(opts, "url", url, "URL", 0);
	free(url);
	optlist_set(opts, "method", methods[m], "URL", 0);
	optlist_set(opts, "payload", strncmp(u->scheme, "form", 4) == 0 ?
	    "form" : "json", "URL", 0);
	if (u->user != NULL && *u->user != '\0') {
		optlist_set(opts, "user", u->user, "URL", 0);
		optlist_set(opts, "password", u->password ? u->password : "",
		    "URL", 0);
	}
	for (i = 0; i < u->nquery; i++) {
		name = u->query[i].name;
		value = u->query[i].value;
		if (*name != ' ' && *name != '+' && *name != '-' &&
		    *name != ':')
			continue;
		u->query[i].flags |= HTTP_TAKEN;
		if (*name == '-')
			object_add(opts, "query", name + 1, value);
		else if (*name == ':')
			object_add(opts, "fields", name + 1, value);
		else if (strchr(value, ',') != NULL) {
			*cause = xasprintf("%s://: header '%s': a value with a "
			    "comma cannot be given in a URL", u->scheme,
			    name + 1);
			buf_release(&headers);
			return -1;
		} else {
			/* The URL, shown as the target's name, has it too. */
			if (header_name_secret(name + 1, strlen(name + 1)))
				secret_add(value);
			buf_printf(&headers, "%s%s: %s", headers.len ? ", " :
			    "", name + 1, value);
		}
	}
	if (headers.len > 0)
		optlist_set(opts, "headers", headers.data, "URL", 0);
	buf_release(&headers);
	return 0;
}
