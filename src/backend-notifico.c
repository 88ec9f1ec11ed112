/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend-util.h"

static int	notifico_check(const struct target *, char **);
static int	notifico_request(const struct notification *,
		    struct http_request *, char **);

static const struct backend_option notifico_options[] = {
	{ "webhook", OPT_REQUIRED | OPT_SECRET, NULL, "the plain text hook "
	    "URL of a Notifico project (https://HOST/h/PROJECT/TOKEN)" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_notifico = {
	.name = "notifico",
	.desc = "send to IRC through a (self-hosted) Notifico hook",
	.flags = BACKEND_NETWORK,
	.options = notifico_options,
	.check = notifico_check,
	.request = notifico_request
};

static int
notifico_check(const struct target *t, char **cause)
{
	const char	*url = target_opt(t, "webhook");

	if (strncmp(url, "https://", 8) != 0 &&
	    strncmp(url, "http://", 7) != 0) {
		*cause = xasprintf("backend '%s': option 'webhook' must be "
		    "the hook's https:// URL", t->name);
		return -1;
	}
	url_secret_path(url);
	return 0;
}

/* GET WEBHOOK?payload=TITLE\nMESSAGE; each line becomes an IRC message. */
static int
notifico_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	char	*payload;

	(void)cause;
	url_secret_path(notif_opt(n, "webhook"));
	http_request_init(r, "GET", notif_opt(n, "webhook"));
	payload = xasprintf("%s\n%s", n->title ? n->title : "",
	    notif_body(n));
	http_query(r, "payload", payload, 0);
	free(payload);
	return 0;
}
