/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend-util.h"

static int	notifico_check(const struct target *, char **);
static int	notifico_request(const struct notification *,
		    struct http_request *, char **);
static int	notifico_url(struct http_url *, struct optlist *, char **);

static const struct backend_option notifico_options[] = {
	{ "webhook", OPT_SECRET, NULL, "the plain text hook URL of a Notifico "
	    "project (https://HOST/h/PROJECT/TOKEN)" },
	{ "project", 0, NULL, "project id, with hook, instead of webhook" },
	{ "hook", OPT_SECRET, NULL, "the hook's token, with project" },
	{ "endpoint", 0, "https://n.tkte.ch", "base URL of project and hook" },
	{ "prefix", 0, "no", "start with \"[i] ntfy: \" as Apprise does" },
	{ "color", 0, "no", "IRC colours and bold in the prefix" },
	{ NULL, 0, NULL, NULL }
};

static const char *const notifico_schemes[] = { "notifico", NULL };

const struct backend backend_notifico = {
	.name = "notifico",
	.desc = "send to IRC through a (self-hosted) Notifico hook",
	.flags = BACKEND_NETWORK,
	.options = notifico_options,
	.check = notifico_check,
	.request = notifico_request,
	.schemes = notifico_schemes,
	.url = notifico_url
};

static int
notifico_check(const struct target *t, char **cause)
{
	const char	*url = target_opt(t, "webhook");

	if (url == NULL) {
		if (target_opt(t, "project") == NULL ||
		    target_opt(t, "hook") == NULL) {
			*cause = xasprintf("backend '%s' needs option "
			    "'webhook' (or 'project' and 'hook')", t->name);
			return -1;
		}
		return 0;
	}
	if (strncmp(url, "https://", 8) != 0 &&
	    strncmp(url, "http://", 7) != 0) {
		*cause = xasprintf("backend '%s': option 'webhook' must be "
		    "the hook's https:// URL", t->name);
		return -1;
	}
	url_secret_path(url);
	return 0;
}

/* GET WEBHOOK?payload=TITLE\nMESSAGE; each line becomes an IRC message.
 * The prefix is Apprise's: "[i] ntfy: ", in teal and bold with colour. */
static int
notifico_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const char	*hook = notif_opt(n, "webhook");
	char		*payload, *prefix = NULL;
	int		 pre, color;

	if (notif_bool(n, "prefix", &pre, cause) == -1 ||
	    notif_bool(n, "color", &color, cause) == -1)
		return -1;
	if (pre)
		prefix = color ? xstrdup("\00310[i]\003 \002ntfy\017: ") :
		    xstrdup("[i] ntfy: ");
	if (hook != NULL) {
		url_secret_path(hook);
		http_request_init(r, "GET", hook);
	} else {
		http_request_init(r, "GET", notif_opt(n, "endpoint"));
		http_path(r, "h", 0);
		http_path(r, notif_opt(n, "project"), 0);
		http_path(r, notif_opt(n, "hook"), HTTP_SECRET);
	}
	payload = xasprintf("%s%s\n%s%s", prefix ? prefix : "",
	    n->title ? n->title : "", notif_body(n), pre && color ? "\017" :
	    "");
	http_query(r, "payload", payload, 0);
	free(payload);
	free(prefix);
	return 0;
}

/* notifico://PROJECT/HOOK; prefix and colour on, as in Apprise.  libcurl
 * reads a number as host as an IPv4 address: 1234 comes as 0.0.4.210. */
static int
notifico_url(struct http_url *u, struct optlist *opts, char **cause)
{
	struct in_addr	a;
	char		project[16];
	int		prefix, color;

	if (u->host == NULL || u->npath != 1) {
		*cause = xstrdup("a notifico:// URL is notifico://PROJECT/HOOK");
		return -1;
	}
	if ((prefix = url_bool(u, "prefix", 1, cause)) == -1 ||
	    (color = url_bool(u, "color", 1, cause)) == -1)
		return -1;
	if (inet_pton(AF_INET, u->host, &a) == 1) {
		snprintf(project, sizeof project, "%lu",
		    (unsigned long)ntohl(a.s_addr));
		optlist_set(opts, "project", project, "URL", 0);
	} else
		optlist_set(opts, "project", u->host, "URL", 0);
	optlist_set(opts, "hook", u->path[0], "URL", 0);
	optlist_set(opts, "prefix", prefix ? "yes" : "no", "URL", 0);
	optlist_set(opts, "color", color ? "yes" : "no", "URL", 0);
	return 0;
}
