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
	{ "topic", OPT_REQUIRED, NULL, "topic to publish to" },
	{ "priority", 0, NULL, "1 (min) to 5 (max) or min, low, default, "
	    "high, max [3]" },
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
	{ "endpoint", 0, "https://ntfy.sh", "server base URL" },
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

static int
ntfy_sh_check(const struct target *t, char **cause)
{
	const char	*p, *v = target_opt(t, "topic");

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
priority_value(const struct notification *n, long *out, char **cause)
{
	static const char	*names[] = { "min", "low", "default", "high",
				    "max" };
	const char		*v = notif_opt(n, "priority");
	size_t			 i;

	if (v != NULL && strcmp(v, "urgent") == 0)
		v = "max";
	for (i = 0; v != NULL && i < 5; i++) {
		if (strcmp(v, names[i]) == 0) {
			*out = (long)i + 1;
			return 0;
		}
	}
	return notif_long(n, "priority", 1, 5, out, cause);
}

static int
ntfy_sh_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const char	*v, *body;
	long		 prio = 0;
	int		 markdown;
	size_t		 len;
	char		 num[16], *cut;

	if (priority_value(n, &prio, cause) == -1 ||
	    notif_bool(n, "markdown", &markdown, cause) == -1)
		return -1;
	http_request_init(r, "POST", notif_opt(n, "endpoint"));
	http_path(r, notif_opt(n, "topic"), 0);
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

/* ntfy[s]://[USER:PASSWORD@|TOKEN@]HOST[:PORT]/TOPIC, or ntfy://TOPIC for
 * ntfy.sh itself. */
static int
ntfy_sh_url(struct http_url *u, struct optlist *opts, char **cause)
{
	char	*endpoint;

	if (u->host == NULL || u->npath > 1) {
		*cause = xasprintf("a %s:// URL is %s://[USER:PASSWORD@]HOST"
		    "[:PORT]/TOPIC", u->scheme, u->scheme);
		return -1;
	}
	if (u->npath == 0) {
		optlist_set(opts, "topic", u->host, "URL", 0);
		return 0;
	}
	endpoint = http_url_base(u, 0);
	optlist_set(opts, "endpoint", endpoint, "URL", 0);
	free(endpoint);
	optlist_set(opts, "topic", u->path[0], "URL", 0);
	if (u->user != NULL && u->password == NULL)
		optlist_set(opts, "token", u->user, "URL", 0);
	else if (u->user != NULL) {
		optlist_set(opts, "user", u->user, "URL", 0);
		optlist_set(opts, "password", u->password, "URL", 0);
	}
	return 0;
}
