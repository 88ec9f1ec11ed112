/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "backend-util.h"

static int	gotify_check(const struct target *, char **);
static int	gotify_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result gotify_response(const struct notification *,
		    const struct http_response *, char **);
static int	gotify_url(struct http_url *, struct optlist *,
		    char **);

static const struct backend_option gotify_options[] = {
	{ "endpoint", OPT_REQUIRED, NULL, "the Gotify server's base URL" },
	{ "token", OPT_REQUIRED | OPT_SECRET, NULL, "an application token" },
	{ "priority", 0, NULL, "0 to 10, or low, moderate, normal, high, "
	    "emergency [the application's default]" },
	{ "markdown", 0, "false", "the message is Markdown" },
	{ NULL, 0, NULL, NULL }
};

static const char *const gotify_schemes[] = { "gotify", "gotifys", NULL };

const struct backend backend_gotify = {
	.name = "gotify",
	.desc = "push to a self-hosted Gotify server",
	.flags = BACKEND_NETWORK,
	.options = gotify_options,
	.check = gotify_check,
	.request = gotify_request,
	.response = gotify_response,
	.schemes = gotify_schemes,
	.url = gotify_url
};

/* 0..10, or Apprise's names for 0, 3, 5, 8 and 10. */
static const struct level_name priority_names[] = {
	{ "low", 0 }, { "moderate", 3 }, { "normal", 5 }, { "high", 8 },
	{ "emergency", 10 }, { NULL, 0 }
};

static int
gotify_check(const struct target *t, char **cause)
{
	return target_level(t, "priority", priority_names, 0, 10, cause);
}

static int
gotify_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	json_t	*o, *display, *extras;
	char	*body;
	long	 prio = -1;
	int	 markdown;

	if (notif_bool(n, "markdown", &markdown, cause) == -1)
		return -1;
	if (notif_opt(n, "priority") != NULL)
		level_parse(notif_opt(n, "priority"), priority_names, 0, 10,
		    &prio);
	o = json_object();
	if (n->title != NULL && *n->title != '\0')
		json_object_set_new(o, "title", json_text(n->title));
	json_object_set_new(o, "message", json_text(n->msg->body &&
	    *n->msg->body ? n->msg->body : "(no message)"));
	if (prio >= 0)
		json_object_set_new(o, "priority", json_integer(prio));
	if (markdown) {
		display = json_pack("{s:s}", "contentType", "text/markdown");
		extras = json_object();
		json_object_set_new(extras, "client::display", display);
		json_object_set_new(o, "extras", extras);
	}
	body = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (body == NULL) {
		*cause = xstrdup("cannot build the JSON body");
		return -1;
	}
	http_request_init(r, "POST", notif_opt(n, "endpoint"));
	http_path(r, "message", 0);
	http_body(r, body, strlen(body), "application/json");
	free(body);
	http_header(r, "X-Gotify-Key", notif_opt(n, "token"), HTTP_SECRET);
	return 0;
}

static enum backend_result
gotify_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	enum backend_result	 r;
	json_t			*o, *d;
	int			 ok;

	(void)n;
	o = json_loads(resp->body ? resp->body : "", 0, NULL);
	if ((r = http_verdict(resp, cause)) != BACKEND_OK) {
		/* Gotify's errorDescription says more than its error. */
		d = json_object_get(o, "errorDescription");
		if (resp->status >= 400 && json_is_string(d)) {
			free(*cause);
			*cause = xasprintf("HTTP %ld: %s", resp->status,
			    json_string_value(d));
		}
		json_decref(o);
		return r;
	}
	ok = json_is_integer(json_object_get(o, "id"));
	json_decref(o);
	if (ok)
		return BACKEND_OK;
	*cause = xasprintf("HTTP %ld, but the reply is not a Gotify message; "
	    "is endpoint a Gotify server?", resp->status);
	return BACKEND_PERMFAIL;
}

/* gotify[s]://HOST[:PORT][/PATH]/TOKEN */
static int
gotify_url(struct http_url *u, struct optlist *opts, char **cause)
{
	char	*endpoint;

	if (u->host == NULL || u->npath == 0) {
		*cause = xasprintf("a %s:// URL is %s://HOST[:PORT][/PATH]/"
		    "TOKEN", u->scheme, u->scheme);
		return -1;
	}
	endpoint = http_url_base(u, u->npath - 1);
	optlist_set(opts, "endpoint", endpoint, "URL", 0);
	free(endpoint);
	optlist_set(opts, "token", u->path[u->npath - 1], "URL", 0);
	return 0;
}
