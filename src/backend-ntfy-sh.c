/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"

#define NTFY_SH_BODY_MAX	4096	/* bytes; more becomes an attachment */

static int	ntfy_sh_check(const struct target *, char **);
static int	ntfy_sh_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result ntfy_sh_response(const struct notification *,
		    const struct http_response *, char **);
static int	ntfy_sh_url(struct http_url *, struct optlist *,
		    char **);

static const struct backend_option ntfy_sh_options[] = {
	{ "topic", OPT_REQUIRED | OPT_SECRET, NULL, "topic to publish to "
	    "(whoever knows it can read it)" },
	{ "priority", 0, NULL, "1 (min) to 5 (max) or min, low, default, "
	    "high, max, urgent; or Apprise's low, moderate, normal, high, "
	    "emergency [3]" },
	{ "tags", 0, NULL, "comma list of tags or emoji short codes "
	    "[white_check_mark or x by the command's result]" },
	{ "click", 0, NULL, "URL opened when the notification is tapped" },
	{ "icon", 0, NULL, "URL of a JPEG or PNG icon" },
	{ "markdown", 0, "false", "the message is Markdown" },
	{ "delay", 0, NULL, "deliver later: 30m, 2h, a Unix time, "
	    "\"tomorrow, 10am\"" },
	{ "email", 0, NULL, "also forward to this e-mail address" },
	{ "token", OPT_SECRET, NULL, "access token (Bearer)" },
	{ "user", 0, NULL, "user name (Basic, with password)" },
	{ "password", OPT_SECRET, NULL, "password (Basic, with user)" },
	{ "host", 0, NULL, "server host name, as the Python ntfy's host: "
	    "https://HOST (an http:// or https:// URL is taken as it is)" },
	{ "endpoint", 0, NULL, "server base URL; wins over host "
	    "[https://ntfy.sh]" },
	{ NULL, 0, NULL, NULL }
};

static const char *const ntfy_sh_schemes[] = { "ntfy", "ntfys", NULL };

const struct backend backend_ntfy_sh = {
	.name = "ntfy_sh",
	.desc = "publish to a topic of ntfy.sh or a self-hosted ntfy server",
	.flags = BACKEND_NETWORK,
	.options = ntfy_sh_options,
	.check = ntfy_sh_check,
	.request = ntfy_sh_request,
	.response = ntfy_sh_response,
	.schemes = ntfy_sh_schemes,
	.url = ntfy_sh_url
};

/* ntfy's names, "urgent", and Apprise's low to emergency. */
static const struct level_name priority_names[] = {
	{ "min", 1 }, { "low", 2 }, { "default", 3 }, { "high", 4 },
	{ "max", 5 }, { "urgent", 5 }, { "moderate", 2 }, { "normal", 3 },
	{ "emergency", 5 }, { NULL, 0 }
};

/* The server: endpoint, else host as the Python ntfy took it, else
 * ntfy.sh itself. */
static char *
ntfy_sh_base(const char *endpoint, const char *host)
{
	if (endpoint != NULL)
		return xstrdup(endpoint);
	if (host == NULL)
		return xstrdup("https://ntfy.sh");
	if (strstr(host, "://") != NULL)
		return xstrdup(host);
	return xasprintf("https://%s", host);
}

/* A host name with an optional port, or an http(s) URL. */
static int
host_valid(const char *h)
{
	if (strncmp(h, "https://", 8) == 0 || strncmp(h, "http://", 7) == 0)
		return 1;
	return *h != '\0' && strspn(h, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") == strlen(h);
}

static int
ntfy_sh_check(const struct target *t, char **cause)
{
	const char	*p, *v = target_opt(t, "topic"), *h;
	char		*base;

	if ((h = target_opt(t, "host")) != NULL && !host_valid(h)) {
		*cause = xasprintf("backend '%s': option 'host' must be a host "
		    "name (ntfy.example.org, as https://ntfy.example.org) or "
		    "an http:// or https:// URL, not '%s'", t->name, h);
		return -1;
	}
	base = ntfy_sh_base(target_opt(t, "endpoint"), h);
	log_debug("%s: server %s", t->name, base);
	free(base);

	if (target_level(t, "priority", priority_names, 1, 5, cause) == -1)
		return -1;

	for (p = v; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			break;
	if (*p != '\0' || p == v || p - v > 64) {
		*cause = xasprintf("backend '%s': option 'topic' must be 1 to "
		    "64 letters, digits, - or _, not '%s'", t->name, v);
		return -1;
	}
	if ((target_opt(t, "user") == NULL) !=
	    (target_opt(t, "password") == NULL)) {
		*cause = xasprintf("backend '%s': options 'user' and "
		    "'password' go together", t->name);
		return -1;
	}
	return 0;
}


static int
ntfy_sh_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const char	*v, *body;
	long		 prio = 0;
	int		 markdown;
	size_t		 len;
	char		 num[16], *cut, *base;

	if (notif_bool(n, "markdown", &markdown, cause) == -1)
		return -1;
	if ((v = notif_opt(n, "priority")) != NULL)
		level_parse(v, priority_names, 1, 5, &prio);
	base = ntfy_sh_base(notif_opt(n, "endpoint"), notif_opt(n, "host"));
	http_request_init(r, "POST", base);
	free(base);
	http_path(r, notif_opt(n, "topic"), HTTP_SECRET);
	body = n->msg->body ? n->msg->body : "";
	len = strlen(body);
	if (len > NTFY_SH_BODY_MAX) {
		log_warn("%s: message longer than ntfy's %d bytes, cut",
		    n->target->name, NTFY_SH_BODY_MAX);
		len = utf8_truncate(body, NTFY_SH_BODY_MAX - 3);
		cut = xasprintf("%.*s\xe2\x80\xa6", (int)len, body);
		http_body(r, cut, strlen(cut), "text/plain; charset=utf-8");
		free(cut);
	} else
		http_body(r, body, len, "text/plain; charset=utf-8");
	if (n->title != NULL && *n->title != '\0')
		http_header(r, "X-Title", n->title, HTTP_RFC2047);
	if (prio != 0) {
		snprintf(num, sizeof num, "%ld", prio);
		http_header(r, "X-Priority", num, 0);
	}
	if ((v = notif_opt(n, "tags")) != NULL)
		http_header(r, "X-Tags", v, HTTP_RFC2047);
	else if (n->msg->has_status)
		http_header(r, "X-Tags", message_failed(n->msg) ? "x" :
		    "white_check_mark", 0);
	if ((v = notif_opt(n, "click")) != NULL)
		http_header(r, "X-Click", v, HTTP_RFC2047);
	if ((v = notif_opt(n, "icon")) != NULL)
		http_header(r, "X-Icon", v, HTTP_RFC2047);
	if (markdown)
		http_header(r, "X-Markdown", "yes", 0);
	if ((v = notif_opt(n, "delay")) != NULL)
		http_header(r, "X-Delay", v, HTTP_RFC2047);
	if ((v = notif_opt(n, "email")) != NULL)
		http_header(r, "X-Email", v, HTTP_RFC2047);
	if ((v = notif_opt(n, "token")) != NULL)
		r->bearer = xstrdup(v);
	else if ((v = notif_opt(n, "user")) != NULL) {
		r->user = xstrdup(v);
		r->password = xstrdup(notif_opt(n, "password"));
	}
	return 0;
}

static enum backend_result
ntfy_sh_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	enum backend_result	 r;
	json_t			*o;
	int			 ok;

	(void)n;
	if ((r = http_verdict(resp, cause)) != BACKEND_OK)
		return r;
	o = json_loads(resp->body, JSON_DISABLE_EOF_CHECK, NULL);
	ok = json_is_string(json_object_get(o, "id"));
	json_decref(o);
	if (ok)
		return BACKEND_OK;
	*cause = xasprintf("HTTP %ld, but the reply is not an ntfy message;"
	    " is endpoint an ntfy server?", resp->status);
	return BACKEND_PERMFAIL;
}

/* ntfy[s]://[USER:PASSWORD@|TOKEN@]HOST[:PORT]/TOPIC[/TOPIC...], or
 * ntfy://TOPIC for ntfy.sh itself; one request per topic. */
static int
ntfy_sh_url(struct http_url *u, struct optlist *opts, char **cause)
{
	char	*endpoint, **topics;
	size_t	 i, n;

	if (u->host == NULL) {
		*cause = xasprintf("a %s:// URL is %s://[USER:PASSWORD@]HOST"
		    "[:PORT]/TOPIC[/TOPIC...]", u->scheme, u->scheme);
		return -1;
	}
	topics = url_targets(u, 0, &n);
	if (u->npath == 0 && n == 0) {
		url_targets_free(topics);
		optlist_set(opts, "topic", u->host, "URL", 0);
		return 0;
	}
	for (i = 0; i < n; i++)
		url_target(opts, i, "topic", topics[i]);
	url_targets_free(topics);
	endpoint = http_url_base(u, 0);
	optlist_set(opts, "endpoint", endpoint, "URL", 0);
	free(endpoint);
	if (u->user != NULL && u->password == NULL)
		optlist_set(opts, "token", u->user, "URL", 0);
	else if (u->user != NULL) {
		optlist_set(opts, "user", u->user, "URL", 0);
		optlist_set(opts, "password", u->password, "URL", 0);
	}
	return 0;
}
