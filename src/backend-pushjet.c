/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "backend-util.h"

static int	pushjet_check(const struct target *, char **);
static int	pushjet_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result pushjet_response(const struct notification *,
		    const struct http_response *, char **);
static int	pushjet_url(struct http_url *, struct optlist *,
		    char **);

static const struct backend_option pushjet_options[] = {
	{ "secret", OPT_REQUIRED | OPT_SECRET, NULL, "the service's secret "
	    "key" },
	{ "level", 0, "3", "importance from 1 (low) to 5 (high)" },
	{ "link", 0, NULL, "URL opened from the notification" },
	{ "user", 0, NULL, "HTTP Basic user of a server behind a proxy" },
	{ "password", OPT_SECRET, NULL, "HTTP Basic password" },
	{ "endpoint", 0, "https://api.pushjet.io", "server base URL (the "
	    "hosted service is gone: set your own)" },
	{ NULL, 0, NULL, NULL }
};

static const char *const pushjet_schemes[] = { "pjet", "pjets", NULL };

const struct backend backend_pushjet = {
	.name = "pushjet",
	.desc = "push through a (self-hosted) Pushjet server",
	.flags = BACKEND_NETWORK,
	.options = pushjet_options,
	.check = pushjet_check,
	.request = pushjet_request,
	.response = pushjet_response,
	.schemes = pushjet_schemes,
	.url = pushjet_url
};

static int
pushjet_check(const struct target *t, char **cause)
{
	return target_level(t, "level", NULL, 1, 5, cause);
}

static int
pushjet_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const char	*v;
	long		 level = 3;
	char		 num[16], *title;
	int		 cut;

	if (notif_long(n, "level", 1, 5, &level, cause) == -1)
		return -1;
	http_request_init(r, "POST", notif_opt(n, "endpoint"));
	http_path(r, "message", 0);
	/* The server cuts titles at 255 characters itself; do it here so
	 * that the ellipsis shows. */
	title = text_truncate(n->title ? n->title : "", 255, &cut);
	http_form(r, "title", title, 0);
	free(title);
	http_form(r, "message", n->msg->body ? n->msg->body : "", 0);
	snprintf(num, sizeof num, "%ld", level);
	http_form(r, "level", num, 0);
	http_form(r, "secret", notif_opt(n, "secret"), HTTP_SECRET);
	if ((v = notif_opt(n, "link")) != NULL && *v != '\0')
		http_form(r, "link", v, 0);
	if ((v = notif_opt(n, "user")) != NULL) {
		r->user = xstrdup(v);
		v = notif_opt(n, "password");
		r->password = xstrdup(v ? v : "");
	}
	return 0;
}

static enum backend_result
pushjet_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	(void)n;
	/* Success is {"status": "ok"}; an "error" object is a refusal. */
	return json_error_verdict(resp, "Pushjet", cause);
}

/* pjet[s]://[USER:PASSWORD@]HOST[:PORT][/PATH]/SECRET */
static int
pushjet_url(struct http_url *u, struct optlist *opts, char **cause)
{
	char	*endpoint;

	if (u->host == NULL || u->npath == 0) {
		*cause = xasprintf("a %s:// URL is %s://[USER:PASSWORD@]HOST"
		    "[:PORT]/SECRET", u->scheme, u->scheme);
		return -1;
	}
	endpoint = http_url_base(u, u->npath - 1);
	optlist_set(opts, "endpoint", endpoint, "URL", 0);
	free(endpoint);
	optlist_set(opts, "secret", u->path[u->npath - 1], "URL", 0);
	if (u->user != NULL)
		optlist_set(opts, "user", u->user, "URL", 0);
	if (u->password != NULL)
		optlist_set(opts, "password", u->password, "URL", 0);
	return 0;
}
