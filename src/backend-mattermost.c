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

static const struct backend_option mattermost_options[] = {
	{ "url", OPT_REQUIRED | OPT_SECRET, NULL, "the incoming webhook URL, "
	    "https://HOST/hooks/KEY" },
	{ "channel", 0, NULL, "channel name or @user instead of the "
	    "webhook's" },
	{ "username", 0, NULL, "name shown instead of the webhook's" },
	{ "icon_url", 0, NULL, "URL of the picture shown instead of the "
	    "webhook's" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_mattermost = {
	.name = "mattermost",
	.desc = "post to a Mattermost channel through an incoming webhook",
	.flags = BACKEND_NETWORK,
	.options = mattermost_options,
	.check = mattermost_check,
	.request = mattermost_request
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
	static const char	*keys[] = { "channel", "username", "icon_url" };
	json_t			*o;
	const char		*v;
	char			*text;
	size_t			 i;

	(void)cause;
	text = markdown_text(n, MATTERMOST_TEXT_MAX);
	o = json_object();
	json_object_set_new(o, "text", json_text(text));
	free(text);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if ((v = notif_opt(n, keys[i])) != NULL && *v != '\0')
			json_object_set_new(o, keys[i], json_text(v));
	http_request_init(r, "POST", notif_opt(n, "url"));
	http_json(r, o);
	return 0;
}
