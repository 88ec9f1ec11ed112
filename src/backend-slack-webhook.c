/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "backend-util.h"

#define SLACK_WEBHOOK_TEXT_MAX	40000

static int	slack_webhook_check(const struct target *, char **);
static int	slack_webhook_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result slack_webhook_response(
		    const struct notification *, const struct http_response *,
		    char **);
static int	slack_webhook_url(struct http_url *, struct optlist *,
		    char **);

static const struct backend_option slack_webhook_options[] = {
	{ "url", OPT_REQUIRED | OPT_SECRET, NULL, "the incoming webhook URL "
	    "(https://hooks.slack.com/services/...)" },
	{ "user", 0, NULL, "channel or @user to post to (legacy webhooks "
	    "only) [the webhook's channel]" },
	{ "username", 0, "ntfy", "name shown as the sender (legacy webhooks "
	    "only)" },
	{ "icon_url", 0, "https://ntfy.readthedocs.io/en/latest/_static/"
	    "logo.png", "sender icon (legacy webhooks only)" },
	{ "endpoint", 0, NULL, "send to this scheme://host:port instead of "
	    "url's (a proxy, tests)" },
	{ NULL, 0, NULL, NULL }
};

static const char *const slack_webhook_schemes[] = { "slack", NULL };

const struct backend backend_slack_webhook = {
	.name = "slack_webhook",
	.desc = "post to Slack through an incoming webhook",
	.flags = BACKEND_NETWORK,
	.options = slack_webhook_options,
	.check = slack_webhook_check,
	.request = slack_webhook_request,
	.response = slack_webhook_response,
	.schemes = slack_webhook_schemes,
	.url = slack_webhook_url,
	.retry_min = 1
};

static int
slack_webhook_check(const struct target *t, char **cause)
{
	const char	*url = target_opt(t, "url");

	if (strncmp(url, "https://", 8) != 0 &&
	    strncmp(url, "http://", 7) != 0) {
		*cause = xasprintf("backend '%s': option 'url' must be the "
		    "webhook's https:// URL", t->name);
		return -1;
	}
	url_secret_path(url);
	return 0;
}

static int
slack_webhook_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const char	*v;
	json_t		*o, *blocks, *section, *text;
	char		*title, *body, *plain, *mrkdwn, *cut, *url;
	int		 cutoff;

	(void)cause;
	url_secret_path(notif_opt(n, "url"));
	url = url_rebase(n, "url");
	http_request_init(r, "POST", url);
	freezero_str(url);
	/* & < > escaped, so command output mentions nobody. */
	title = markup_escape(n->title ? n->title : "", 0);
	body = markup_escape(notif_body(n), 0);
	plain = xasprintf("%s\n%s", title, body);
	cut = text_limited(n, "message", plain, SLACK_WEBHOOK_TEXT_MAX);
	mrkdwn = xasprintf("*%s* %s", title, body);
	o = json_object();
	if ((v = notif_opt(n, "username")) != NULL && *v != '\0')
		json_object_set_new(o, "username", json_text(v));
	if ((v = notif_opt(n, "icon_url")) != NULL && *v != '\0')
		json_object_set_new(o, "icon_url", json_text(v));
	json_object_set_new(o, "text", json_text(cut));
	if ((v = notif_opt(n, "user")) != NULL && *v != '\0')
		json_object_set_new(o, "channel", json_text(v));
	free(cut);
	/* A section's text holds at most 3000 characters. */
	cut = text_truncate(mrkdwn, 3000, &cutoff);
	text = json_object();
	json_object_set_new(text, "type", json_string("mrkdwn"));
	json_object_set_new(text, "text", json_text(cut));
	section = json_object();
	json_object_set_new(section, "type", json_string("section"));
	json_object_set_new(section, "text", text);
	blocks = json_array();
	json_array_append_new(blocks, section);
	json_object_set_new(o, "blocks", blocks);
	http_json(r, o);
	free(cut);
	free(mrkdwn);
	free(plain);
	free(body);
	free(title);
	return 0;
}

static enum backend_result
slack_webhook_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	enum backend_result	 r;
	size_t			 len;

	(void)n;
	if ((r = http_verdict(resp, cause)) != BACKEND_OK)
		return r;
	/* Success is the plain text "ok". */
	len = resp->bodylen;
	while (len > 0 && (resp->body[len - 1] == '\n' ||
	    resp->body[len - 1] == '\r'))
		len--;
	if (len == 2 && strncmp(resp->body, "ok", 2) == 0)
		return BACKEND_OK;
	*cause = http_error_text(resp);
	return BACKEND_PERMFAIL;
}

/* slack://[BOTNAME@]TOKEN_A/TOKEN_B/TOKEN_C[/#CHANNEL|/@USER...]: one
 * message per channel, or one to the webhook's own channel. */
static int
slack_webhook_url(struct http_url *u, struct optlist *opts,
    char **cause)
{
	char	*url, **to;
	size_t	 i, n;

	if (u->host == NULL || u->npath < 2 || u->password != NULL) {
		*cause = xstrdup("a slack:// URL is slack://[BOTNAME@]TOKEN_A/"
		    "TOKEN_B/TOKEN_C[/#CHANNEL...] or slack://xoxb-TOKEN/"
		    "#CHANNEL[/#CHANNEL...]");
		return -1;
	}
	secret_add(u->path[0]);
	secret_add(u->path[1]);
	url = xasprintf("https://hooks.slack.com/services/%s/%s/%s", u->host,
	    u->path[0], u->path[1]);
	optlist_set(opts, "url", url, "URL", 0);
	freezero_str(url);
	if (u->user != NULL)
		optlist_set(opts, "username", u->user, "URL", 0);
	to = url_targets(u, 2, &n);
	for (i = 0; i < n; i++)
		url_target(opts, i, "user", to[i]);
	url_targets_free(to);
	return 0;
}
