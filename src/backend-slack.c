/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "backend-util.h"

#define SLACK_TEXT_MAX	40000	/* characters Slack keeps */

static int	slack_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result slack_response(const struct notification *,
		    const struct http_response *, char **);
static int	slack_url(struct http_url *, struct optlist *,
		    char **);

static const struct backend_option slack_options[] = {
	{ "token", OPT_REQUIRED | OPT_SECRET, NULL, "bot token (xoxb-...) "
	    "with the chat:write scope" },
	{ "recipient", OPT_REQUIRED, NULL, "channel (#name or its ID) or "
	    "user ID to post to" },
	{ "endpoint", 0, "https://slack.com/api", "Web API base URL" },
	{ NULL, 0, NULL, NULL }
};

static const char *const slack_schemes[] = { "slack", NULL };

const struct backend backend_slack = {
	.name = "slack",
	.desc = "post to a Slack channel or user as a bot (chat.postMessage)",
	.flags = BACKEND_NETWORK,
	.options = slack_options,
	.request = slack_request,
	.response = slack_response,
	.schemes = slack_schemes,
	.url = slack_url,
	.retry_min = 1
};

static int
slack_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	json_t	*o;
	char	*text, *esc;

	(void)cause;
	http_request_init(r, "POST", notif_opt(n, "endpoint"));
	http_path(r, "chat.postMessage", 0);
	r->bearer = xstrdup(notif_opt(n, "token"));
	/* As in the Python ntfy the title is not sent; & < > are escaped so
	 * that command output cannot mention @channel or fake links. */
	esc = markup_escape(notif_body(n), 0);
	text = text_limited(n, "message", esc, SLACK_TEXT_MAX);
	o = json_object();
	json_object_set_new(o, "channel", json_text(notif_opt(n,
	    "recipient")));
	json_object_set_new(o, "text", json_text(text));
	http_json(r, o);
	free(r->content_type);
	r->content_type = xstrdup("application/json; charset=utf-8");
	free(text);
	free(esc);
	return 0;
}

static enum backend_result
slack_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	enum backend_result	 r;
	json_t			*o;
	const char		*err;

	(void)n;
	if ((r = http_verdict(resp, cause)) != BACKEND_OK)
		return r;
	/* Slack answers 200 to most errors: "ok" says what happened. */
	if ((o = response_json(resp)) == NULL) {
		*cause = xasprintf("HTTP %ld, but the reply is not JSON; is "
		    "endpoint the Slack Web API?", resp->status);
		return BACKEND_PERMFAIL;
	}
	if (json_is_true(json_object_get(o, "ok"))) {
		json_decref(o);
		return BACKEND_OK;
	}
	err = json_string_value(json_object_get(o, "error"));
	*cause = xasprintf("refused: %s", err ? err : "the reply has no "
	    "ok:true");
	r = err != NULL && (strcmp(err, "ratelimited") == 0 ||
	    strcmp(err, "rate_limited") == 0 ||
	    strcmp(err, "service_unavailable") == 0 ||
	    strcmp(err, "internal_error") == 0 ||
	    strcmp(err, "fatal_error") == 0) ? BACKEND_TEMPFAIL :
	    BACKEND_PERMFAIL;
	json_decref(o);
	return r;
}

/* slack://[BOTNAME@]xoxb-TOKEN/#CHANNEL[/@USER|/ID...]: a bot token (the
 * webhook form is slack_webhook's); one message per channel or user. */
static int
slack_url(struct http_url *u, struct optlist *opts, char **cause)
{
	char	**to;
	size_t	  i, n;

	if (u->host == NULL || strncmp(u->host, "xox", 3) != 0) {
		*cause = xstrdup("a slack:// URL is slack://[BOTNAME@]TOKEN_A/"
		    "TOKEN_B/TOKEN_C[/#CHANNEL...] or slack://xoxb-TOKEN/"
		    "#CHANNEL[/#CHANNEL...]");
		return -1;
	}
	to = url_targets(u, 0, &n);
	if (n == 0) {
		url_targets_free(to);
		*cause = xstrdup("a slack:// URL with a bot token names its "
		    "channels: slack://xoxb-TOKEN/#CHANNEL[/#CHANNEL...]");
		return -1;
	}
	optlist_set(opts, "token", u->host, "URL", 0);
	for (i = 0; i < n; i++)
		url_target(opts, i, "recipient", to[i]);
	url_targets_free(to);
	return 0;
}
