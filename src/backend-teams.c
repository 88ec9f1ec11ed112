/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "backend-util.h"

#define TEAMS_TEXT_MAX	20000	/* characters of the card's body text */

static int	teams_check(const struct target *, char **);
static int	teams_request(const struct notification *,
		    struct http_request *, char **);
static int	teams_url(struct http_url *, struct optlist *, char **);

static const struct backend_option teams_options[] = {
	{ "url", OPT_REQUIRED | OPT_SECRET, NULL, "the Power Automate "
	    "workflow's HTTP trigger URL, with its sig parameter" },
	{ "endpoint", 0, NULL, "send to this scheme://host:port instead of "
	    "url's (a proxy, tests)" },
	{ NULL, 0, NULL, NULL }
};

static const char *const teams_schemes[] = { "msteams", NULL };

const struct backend backend_teams = {
	.name = "teams",
	.desc = "post an Adaptive Card to Microsoft Teams through a Power "
	    "Automate workflow webhook",
	.flags = BACKEND_NETWORK,
	.options = teams_options,
	.check = teams_check,
	.request = teams_request,
	.schemes = teams_schemes,
	.url = teams_url
};

/* The signature in the query is the secret; mask it in -v output. */
static int
teams_check(const struct target *t, char **cause)
{
	const char	*url = target_opt(t, "url"), *p;
	char		*sig;
	size_t		 len;

	if (webhook_url_check(t, "url", 0, cause) == -1)
		return -1;
	if (strstr(url, "/IncomingWebhook/") != NULL)
		url_secret_path(url);
	if ((p = strstr(url, "sig=")) != NULL) {
		len = strcspn(p + 4, "&#");
		sig = xstrndup(p + 4, len);
		secret_add(sig);
		free(sig);
	}
	return 0;
}

static json_t *
text_block(const char *text, int heading)
{
	if (heading)
		return json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "type",
		    "TextBlock", "text", text, "weight", "Bolder", "size",
		    "Large", "style", "heading", "wrap", 1);
	return json_pack("{s:s, s:s, s:b}", "type", "TextBlock", "text", text,
	    "wrap", 1);
}

static int
teams_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	json_t	*o, *card, *items;
	char	*text, *url;

	items = json_array();
	if (n->title != NULL && *n->title != '\0')
		json_array_append_new(items, text_block(n->title, 1));
	text = text_limited(n, "message", *notif_body(n) != '\0' ?
	    notif_body(n) : "(no message)", TEAMS_TEXT_MAX);
	json_array_append_new(items, text_block(text, 0));
	free(text);
	card = json_pack("{s:s, s:s, s:s, s:o, s:{s:s}}",
	    "$schema", "http://adaptivecards.io/schemas/adaptive-card.json",
	    "type", "AdaptiveCard", "version", "1.4", "body", items,
	    "msteams", "width", "Full");
	o = json_pack("{s:s, s:[{s:s, s:n, s:o}]}", "type", "message",
	    "attachments", "contentType",
	    "application/vnd.microsoft.card.adaptive", "contentUrl", "content",
	    card);
	if (o == NULL) {
		*cause = xstrdup("cannot build the JSON body");
		return -1;
	}
	url = url_rebase(n, "url");
	http_request_init(r, "POST", url);
	freezero_str(url);
	http_json(r, o);
	return 0;
}

/* msteams://TEAM/TOKEN_A/TOKEN_B/TOKEN_C, or msteams://TOKEN_A/TOKEN_B/
 * TOKEN_C (TOKEN_A holds an @) for the older outlook.office.com hooks: an
 * Office 365 connector's incoming webhook. */
static int
teams_url(struct http_url *u, struct optlist *opts, char **cause)
{
	char	*url;
	size_t	 i;

	/* Every part but the team is a secret. */
	for (i = 0; i < u->npath; i++)
		secret_add(u->path[i]);
	if (u->user != NULL)
		secret_add(u->user);
	if (u->host != NULL && u->user != NULL && u->password == NULL &&
	    u->npath == 2)
		url = xasprintf("https://outlook.office.com/webhook/%s@%s/"
		    "IncomingWebhook/%s/%s", u->user, u->host, u->path[0],
		    u->path[1]);
	else if (u->host != NULL && u->user == NULL && u->npath == 3)
		url = xasprintf("https://%s.webhook.office.com/webhookb2/%s/"
		    "IncomingWebhook/%s/%s", u->host, u->path[0], u->path[1],
		    u->path[2]);
	else {
		*cause = xstrdup("a msteams:// URL is msteams://TEAM/TOKEN_A/"
		    "TOKEN_B/TOKEN_C");
		return -1;
	}
	optlist_set(opts, "url", url, "URL", 0);
	freezero_str(url);
	return 0;
}
