/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend-util.h"

static int	pushalot_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result pushalot_response(const struct notification *,
		    const struct http_response *, char **);

static const struct backend_option pushalot_options[] = {
	{ "auth_token", OPT_REQUIRED | OPT_SECRET, NULL, "the "
	    "AuthorizationToken of your Pushalot account" },
	{ "source", 0, NULL, "sender name shown" },
	{ "url", 0, NULL, "link sent along" },
	{ "url_title", 0, NULL, "title of the link" },
	{ "image", 0, NULL, "URL of an image" },
	{ "ttl", 0, NULL, "minutes before the message is deleted" },
	{ "important", 0, "false", "mark the message important" },
	{ "silent", 0, "false", "deliver without a sound" },
	{ "endpoint", 0, "https://pushalot.com/api", "API base URL (the "
	    "service is gone)" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_pushalot = {
	.name = "pushalot",
	.desc = "push to Windows through Pushalot (the service is gone)",
	.flags = BACKEND_NETWORK,
	.options = pushalot_options,
	.request = pushalot_request,
	.response = pushalot_response
};

static int
pushalot_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const char	*v;
	long		 ttl = 0;
	int		 important, silent;
	char		 num[32], *s;

	if (notif_bool(n, "important", &important, cause) == -1 ||
	    notif_bool(n, "silent", &silent, cause) == -1)
		return -1;
	if (notif_opt(n, "ttl") != NULL && notif_long(n, "ttl", 1,
	    0x7fffffffL, &ttl, cause) == -1)
		return -1;
	http_request_init(r, "POST", notif_opt(n, "endpoint"));
	http_path(r, "sendmessage", 0);
	s = text_limited(n, "title", n->title ? n->title : "", 250);
	http_form(r, "Title", s, 0);
	free(s);
	s = text_limited(n, "message", *notif_body(n) != '\0' ?
	    notif_body(n) : "(no message)", 32768);
	http_form(r, "Body", s, 0);
	free(s);
	http_form(r, "AuthorizationToken", notif_opt(n, "auth_token"),
	    HTTP_SECRET);
	if ((v = notif_opt(n, "source")) != NULL && *v != '\0')
		http_form(r, "Source", v, 0);
	if ((v = notif_opt(n, "url")) != NULL && *v != '\0') {
		http_form(r, "Link", v, 0);
		if ((v = notif_opt(n, "url_title")) != NULL && *v != '\0') {
			s = text_limited(n, "url_title", v, 100);
			http_form(r, "LinkTitle", s, 0);
			free(s);
		}
	}
	if ((v = notif_opt(n, "image")) != NULL && *v != '\0')
		http_form(r, "Image", v, 0);
	if (notif_opt(n, "ttl") != NULL) {
		snprintf(num, sizeof num, "%ld", ttl);
		http_form(r, "TimeToLive", num, 0);
	}
	if (important)
		http_form(r, "IsImportant", "True", 0);
	if (silent)
		http_form(r, "IsSilent", "True", 0);
	return 0;
}

static enum backend_result
pushalot_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	enum backend_result	 r;

	(void)n;
	r = http_verdict(resp, cause);
	/* 406: the throttle limit, which passes. */
	if (resp->status == 406)
		return BACKEND_TEMPFAIL;
	if (resp->status == 410) {
		free(*cause);
		*cause = xstrdup("HTTP 410: the AuthorizationToken is no "
		    "longer valid");
	}
	return r;
}
