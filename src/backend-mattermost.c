/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "backend-util.h"

#define MATTERMOST_TEXT_MAX	16383	/* characters of a post */

static int	mattermost_check(const struct target *, char **);
static int	mattermost_request(const struct notification *,
		    struct http_request *, char **);
static int	mattermost_url(struct http_url *, struct optlist *, char **);

static const struct backend_option mattermost_options[] = {
	{ "url", OPT_REQUIRED | OPT_SECRET, NULL, "the incoming webhook URL, "
	    "https://HOST/hooks/KEY" },
	{ "channel", OPT_LIST, NULL, "channel name or @user instead of the "
	    "webhook's; several joined by commas get one post each" },
	{ "username", 0, NULL, "name shown instead of the webhook's" },
	{ "icon_url", 0, NULL, "URL of the picture shown instead of the "
	    "webhook's" },
	{ NULL, 0, NULL, NULL }
};

static const char *const mattermost_schemes[] = { "mmost", "mmosts", NULL };

const struct backend backend_mattermost = {
	.name = "mattermost",
	.desc = "post to a Mattermost channel through an incoming webhook",
	.flags = BACKEND_NETWORK,
	.options = mattermost_options,
	.check = mattermost_check,
	.request = mattermost_request,
	.schemes = mattermost_schemes,
	.url = mattermost_url
};

static int
mattermost_check(const struct target *t, char **cause)
{
	return webhook_url_check(t, "url", 1, cause);
}

static int
mattermost_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	static const char	*keys[] = { "username", "icon_url" };
	json_t			*o;
	const char		*v;
	char			*text;
	size_t			 i;

	(void)cause;
	text = markdown_text(n, MATTERMOST_TEXT_MAX);
	o = json_object();
	json_object_set_new(o, "text", json_text(text));
	free(text);
	if ((v = notif_opt(n, "channel")) != NULL && *v != '\0')
		json_object_set_new(o, "channel", json_text(v + (*v == '#')));
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if ((v = notif_opt(n, keys[i])) != NULL && *v != '\0')
			json_object_set_new(o, keys[i], json_text(v));
	http_request_init(r, "POST", notif_opt(n, "url"));
	http_json(r, o);
	return 0;
}

/* mmost[s]://[BOTNAME@]HOST[:PORT][/PATH]/TOKEN is the hook
 * http[s]://HOST:PORT[/PATH]/hooks/TOKEN; mmost:// is on port 8065; each
 * ?channel=, ?channels= and ?to= item is a target. */
static int
mattermost_url(struct http_url *u, struct optlist *opts, char **cause)
{
	static const char	*params[] = { "channel", "channels", "to" };
	const char		*v;
	char			*base, *hook, **to = NULL;
	size_t			 i, n = 0;

	if (u->host == NULL || u->npath == 0) {
		*cause = xasprintf("a %s:// URL is %s://[BOTNAME@]HOST[:PORT]"
		    "[/PATH]/TOKEN", u->scheme, u->scheme);
		return -1;
	}
	if (url_bool(u, "image", 0, cause) == -1)
		return -1;
	if (u->port == NULL && strcmp(u->scheme, "mmost") == 0)
		u->port = xstrdup("8065");
	base = http_url_base(u, u->npath - 1);
	hook = xasprintf("%s/hooks/%s", base, u->path[u->npath - 1]);
	secret_add(u->path[u->npath - 1]);
	optlist_set(opts, "url", hook, "URL", 0);
	freezero_str(hook);
	free(base);
	if (u->user != NULL && *u->user != '\0')
		optlist_set(opts, "username", u->user, "URL", 0);
	for (i = 0; i < sizeof params / sizeof params[0]; i++)
		if ((v = url_param(u, params[i])) != NULL)
			split_names(v, &to, &n);
	for (i = 0; i < n; i++) {
		url_target(opts, i, "channel", to[i]);
		free(to[i]);
	}
	free(to);
	return 0;
}
