/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "backend-util.h"

static int	pushbullet_check(const struct target *, char **);
static int	pushbullet_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result pushbullet_response(const struct notification *,
		    const struct http_response *, char **);
static int	pushbullet_url(struct http_url *, struct optlist *,
		    char **);

static const struct backend_option pushbullet_options[] = {
	{ "access_token", OPT_REQUIRED | OPT_SECRET, NULL, "access token "
	    "from Settings, Account on pushbullet.com" },
	{ "device_iden", 0, NULL, "push to this device only [all devices]" },
	{ "email", 0, NULL, "push to this person's account instead" },
	{ "channel_tag", 0, NULL, "push to the subscribers of this channel "
	    "of yours instead" },
	{ "endpoint", 0, "https://api.pushbullet.com", "API base URL" },
	{ NULL, 0, NULL, NULL }
};

static const char *const pushbullet_schemes[] = { "pbul", NULL };

const struct backend backend_pushbullet = {
	.name = "pushbullet",
	.desc = "push a note to phones and browsers through pushbullet.com",
	.flags = BACKEND_NETWORK,
	.options = pushbullet_options,
	.check = pushbullet_check,
	.request = pushbullet_request,
	.response = pushbullet_response,
	.schemes = pushbullet_schemes,
	.url = pushbullet_url
};

static int
pushbullet_check(const struct target *t, char **cause)
{
	static const char	*keys[] = { "device_iden", "email",
				    "channel_tag" };
	const char		*v;
	size_t			 i, set = 0;

	for (i = 0; i < 3; i++)
		if ((v = target_opt(t, keys[i])) != NULL && *v != '\0')
			set++;
	if (set > 1) {
		*cause = xasprintf("backend '%s': set one of 'device_iden', "
		    "'email' and 'channel_tag', not several", t->name);
		return -1;
	}
	return 0;
}

static int
pushbullet_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const char	*v;
	json_t		*o;

	(void)cause;
	http_request_init(r, "POST", notif_opt(n, "endpoint"));
	http_path(r, "v2", 0);
	http_path(r, "pushes", 0);
	http_header(r, "Access-Token", notif_opt(n, "access_token"),
	    HTTP_SECRET);
	o = json_object();
	json_object_set_new(o, "type", json_string("note"));
	json_object_set_new(o, "title", json_text(n->title));
	json_object_set_new(o, "body", json_text(notif_body(n)));
	if ((v = notif_opt(n, "device_iden")) != NULL && *v != '\0')
		json_object_set_new(o, "device_iden", json_text(v));
	else if ((v = notif_opt(n, "email")) != NULL && *v != '\0')
		json_object_set_new(o, "email", json_text(v));
	else if ((v = notif_opt(n, "channel_tag")) != NULL && *v != '\0')
		json_object_set_new(o, "channel_tag", json_text(v));
	http_json(r, o);
	return 0;
}

static enum backend_result
pushbullet_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	(void)n;
	/* 200 with the push object; an "error" object is a refusal. */
	return json_error_verdict(resp, NULL, cause);
}

/* pbul://ACCESS_TOKEN[/TARGET...]: a target is #CHANNEL, an e-mail address
 * or a device; one push per target, to every device without one. */
static int
pushbullet_url(struct http_url *u, struct optlist *opts, char **cause)
{
	char	**to;
	size_t	  i, n;

	if (u->host == NULL || u->user != NULL) {
		*cause = xstrdup("a pbul:// URL is pbul://ACCESS_TOKEN"
		    "[/#CHANNEL|/EMAIL|/DEVICE...]");
		return -1;
	}
	optlist_set(opts, "access_token", u->host, "URL", 0);
	to = url_targets(u, 0, &n);
	for (i = 0; i < n; i++) {
		if (to[i][0] == '#')
			url_target(opts, i, "channel_tag", to[i] + 1);
		else if (strchr(to[i], '@') != NULL)
			url_target(opts, i, "email", to[i]);
		else
			url_target(opts, i, "device_iden", to[i]);
	}
	url_targets_free(to);
	return 0;
}
