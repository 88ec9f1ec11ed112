/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "backend-util.h"

static int	insta_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result insta_response(const struct notification *,
		    const struct http_response *, char **);

static const struct backend_option insta_options[] = {
	{ "appid", OPT_REQUIRED | OPT_SECRET, NULL, "the application id" },
	{ "secret", OPT_REQUIRED | OPT_SECRET, NULL, "the application "
	    "secret" },
	{ "event_name", OPT_REQUIRED, NULL, "the event to trigger" },
	{ "trackers", OPT_REQUIRED, NULL, "the event's trackers, joined by "
	    "commas; the message holds one value each, split at ':'" },
	{ "endpoint", 0, "https://api.instapush.im/v1", "API base URL (the "
	    "service is gone)" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_insta = {
	.name = "insta",
	.desc = "trigger an Instapush event (the service is gone)",
	.flags = BACKEND_NETWORK,
	.options = insta_options,
	.request = insta_request,
	.response = insta_response
};

/* The message split at each ':' not escaped as '\:'. */
static json_t *
insta_values(const char *msg)
{
	json_t		*a = json_array();
	struct buf	 b = BUF_INIT;
	const char	*p;

	buf_adds(&b, "");
	for (p = msg; *p != '\0'; p++) {
		if (p[0] == '\\' && p[1] == ':') {
			buf_addc(&b, ':');
			p++;
		} else if (*p == ':') {
			json_array_append_new(a, json_text(b.data));
			b.len = 0;
			b.data[0] = '\0';
		} else
			buf_addc(&b, *p);
	}
	json_array_append_new(a, json_text(b.data));
	buf_release(&b);
	return a;
}

static int
insta_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	json_t		*o, *trackers, *values;
	const char	*list = notif_opt(n, "trackers"), *p, *end, *q, *e;
	char		*name;
	size_t		 i = 0, count = 1;

	for (p = list; *p != '\0'; p++)
		if (*p == ',')
			count++;
	values = insta_values(notif_body(n));
	if (json_array_size(values) != count) {
		*cause = xasprintf("backend '%s': the message has %zu "
		    "value%s, but %zu tracker%s: separate the values with ':' "
		    "(write '\\:' for a colon)", n->target->name,
		    json_array_size(values), json_array_size(values) == 1 ?
		    "" : "s", count, count == 1 ? "" : "s");
		json_decref(values);
		return -1;
	}
	trackers = json_object();
	for (p = list;; p = end + 1) {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		for (q = p; q < end && *q == ' '; q++)
			;
		for (e = end; e > q && e[-1] == ' '; e--)
			;
		/* jansson drops a key that is not UTF-8. */
		name = utf8_repair(q, (size_t)(e - q));
		json_object_set(trackers, name, json_array_get(values, i++));
		free(name);
		if (*end == '\0')
			break;
	}
	json_decref(values);
	http_request_init(r, "POST", notif_opt(n, "endpoint"));
	http_path(r, "post", 0);
	http_header(r, "x-instapush-appid", notif_opt(n, "appid"),
	    HTTP_SECRET);
	http_header(r, "x-instapush-appsecret", notif_opt(n, "secret"),
	    HTTP_SECRET);
	o = json_object();
	json_object_set_new(o, "event", json_text(notif_opt(n,
	    "event_name")));
	json_object_set_new(o, "trackers", trackers);
	http_json(r, o);
	return 0;
}

static enum backend_result
insta_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	enum backend_result	 r;
	json_t			*o, *status;
	const char		*msg;

	(void)n;
	r = http_verdict(resp, cause);
	/* {"msg": ..., "error": false, "status": 200} */
	o = response_json(resp);
	if (r != BACKEND_OK) {
		if (resp->status != 0 && (msg = json_string_value(
		    json_object_get(o, "msg"))) != NULL) {
			free(*cause);
			*cause = xasprintf("HTTP %ld: %s", resp->status, msg);
		}
		json_decref(o);
		return r;
	}
	status = json_object_get(o, "status");
	if (json_is_integer(status) && json_integer_value(status) == 200 &&
	    !json_is_true(json_object_get(o, "error"))) {
		json_decref(o);
		return BACKEND_OK;
	}
	msg = json_string_value(json_object_get(o, "msg"));
	*cause = xasprintf("refused: %s", msg ? msg : "the reply has no "
	    "status 200");
	json_decref(o);
	return BACKEND_PERMFAIL;
}
