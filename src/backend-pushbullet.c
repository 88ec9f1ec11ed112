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

static const struct backend_option pushbullet_options[] = {
	{ "access_token", OPT_REQUIRED | OPT_SECRET, NULL, "access token "
	    "from Settings, Account on pushbullet.com" },
	{ "device_iden", 0, NULL, "push to this device only [all devices]" },
	{ "email", 0, NULL, "push to this person's account instead" },
	{ "endpoint", 0, "https://api.pushbullet.com", "API base URL" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_pushbullet = {
	.name = "pushbullet",
	.desc = "push a note to phones and browsers through pushbullet.com",
	.flags = BACKEND_NETWORK,
	.options = pushbullet_options,
	.check = pushbullet_check,
	.request = pushbullet_request,
	.response = pushbullet_response
};

static int
pushbullet_check(const struct target *t, char **cause)
{
	const char	*dev = target_opt(t, "device_iden");
	const char	*email = target_opt(t, "email");

	if (dev != NULL && *dev != '\0' && email != NULL && *email != '\0') {
		*cause = xasprintf("backend '%s': set 'device_iden' or "
		    "'email', not both", t->name);
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
