/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "backend-util.h"

#define DISCORD_CONTENT_MAX	2000	/* characters of content */
#define DISCORD_USERNAME_MAX	80
#define DISCORD_TITLE_MAX	256	/* characters of an embed's title */
#define DISCORD_DESC_MAX	4096	/* and of its description */

static int	discord_check(const struct target *, char **);
static int	discord_request(const struct notification *,
		    struct http_request *, char **);
static int	discord_url(struct http_url *, struct optlist *,
		    char **);

static const struct backend_option discord_options[] = {
	{ "url", OPT_REQUIRED | OPT_SECRET, NULL, "the webhook URL, "
	    "https://discord.com/api/webhooks/ID/TOKEN" },
	{ "username", 0, NULL, "name shown instead of the webhook's" },
	{ "avatar_url", 0, NULL, "URL of the avatar shown instead of the "
	    "webhook's" },
	{ "tts", 0, "false", "read the message aloud" },
	{ "thread", 0, NULL, "ID of a thread of the webhook's channel to post "
	    "in" },
	{ "footer", 0, "false", "post the message as an embed with the footer "
	    "\"ntfy\"" },
	{ "endpoint", 0, NULL, "send to this scheme://host:port instead of "
	    "url's (a proxy, tests)" },
	{ NULL, 0, NULL, NULL }
};

static const char *const discord_schemes[] = { "discord", NULL };

const struct backend backend_discord = {
	.name = "discord",
	.desc = "post to a Discord channel through its webhook",
	.flags = BACKEND_NETWORK,
	.options = discord_options,
	.check = discord_check,
	.request = discord_request,
	.schemes = discord_schemes,
	.url = discord_url
};

static int
discord_check(const struct target *t, char **cause)
{
	const char	*v = target_opt(t, "thread");

	if (v != NULL && (*v == '\0' || v[strspn(v, "0123456789")] != '\0')) {
		*cause = xasprintf("backend '%s': option 'thread' must be a "
		    "thread's ID, digits, not '%s'", t->name, v);
		return -1;
	}
	return webhook_url_check(t, "url", 1, cause);
}

/* The message as an embed: title, description and the footer. */
static json_t *
discord_embed(const struct notification *n)
{
	json_t	*e;
	char	*v;

	e = json_object();
	if (n->title != NULL && *n->title != '\0') {
		v = text_limited(n, "title", n->title, DISCORD_TITLE_MAX);
		json_object_set_new(e, "title", json_text(v));
		free(v);
	}
	if (*notif_body(n) != '\0' || json_object_size(e) == 0) {
		v = text_limited(n, "message", *notif_body(n) != '\0' ?
		    notif_body(n) : "(no message)", DISCORD_DESC_MAX);
		json_object_set_new(e, "description", json_text(v));
		free(v);
	}
	json_object_set_new(e, "footer", json_pack("{s:s}", "text", "ntfy"));
	return e;
}

static int
discord_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	json_t		*o;
	const char	*v;
	char		*content, *name, *url;
	int		 tts, footer, cut;

	if (notif_bool(n, "tts", &tts, cause) == -1 ||
	    notif_bool(n, "footer", &footer, cause) == -1)
		return -1;
	o = json_object();
	if (footer)
		json_object_set_new(o, "embeds", json_pack("[o]",
		    discord_embed(n)));
	else {
		content = markdown_text(n, DISCORD_CONTENT_MAX);
		json_object_set_new(o, "content", json_text(content));
		free(content);
	}
	if ((v = notif_opt(n, "username")) != NULL && *v != '\0') {
		name = text_truncate(v, DISCORD_USERNAME_MAX, &cut);
		json_object_set_new(o, "username", json_text(name));
		free(name);
	}
	if ((v = notif_opt(n, "avatar_url")) != NULL && *v != '\0')
		json_object_set_new(o, "avatar_url", json_text(v));
	if (tts)
		json_object_set_new(o, "tts", json_true());
	/* Command output must not ping @everyone, roles or users. */
	json_object_set_new(o, "allowed_mentions", json_pack("{s:[]}",
	    "parse"));
	url = url_rebase(n, "url");
	http_request_init(r, "POST", url);
	freezero_str(url);
	if ((v = notif_opt(n, "thread")) != NULL)
		http_query(r, "thread_id", v, 0);
	http_json(r, o);
	return 0;
}

/* discord://[BOTNAME@]WEBHOOK_ID/WEBHOOK_TOKEN; ?avatar=no drops the
 * avatar, as with Apprise. */
static int
discord_url(struct http_url *u, struct optlist *opts, char **cause)
{
	const char	*v;
	char		*url;
	int		 avatar;

	if (u->host == NULL || u->npath != 1 || u->password != NULL) {
		*cause = xstrdup("a discord:// URL is discord://[BOTNAME@]"
		    "WEBHOOK_ID/WEBHOOK_TOKEN");
		return -1;
	}
	secret_add(u->path[0]);
	url = xasprintf("https://discord.com/api/webhooks/%s/%s", u->host,
	    u->path[0]);
	optlist_set(opts, "url", url, "URL", 0);
	freezero_str(url);
	if (u->user != NULL)
		optlist_set(opts, "username", u->user, "URL", 0);
	if ((avatar = url_bool(u, "avatar", 1, cause)) == -1)
		return -1;
	if ((v = url_param(u, "avatar_url")) != NULL && avatar)
		optlist_set(opts, "avatar_url", v, "URL", 0);
	return 0;
}
