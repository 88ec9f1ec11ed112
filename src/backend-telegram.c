/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "backend-util.h"

#define TELEGRAM_TEXT_MAX	4096

static int	telegram_check(const struct target *, char **);
static int	telegram_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result telegram_response(const struct notification *,
		    const struct http_response *, char **);
static int	telegram_url(struct http_url *, struct optlist *,
		    char **);

static const struct backend_option telegram_options[] = {
	{ "token", OPT_REQUIRED | OPT_SECRET, NULL, "the bot's token from "
	    "@BotFather (123456:ABC-...)" },
	{ "chat_id", OPT_REQUIRED, NULL, "chat to write to: a number ('ntfy "
	    "telegram-setup' lists them) or @channelname" },
	{ "silent", 0, "false", "deliver without a sound "
	    "(disable_notification)" },
	{ "preview", 0, NULL, "show a preview of the first link: true or "
	    "false [Telegram's default, shown]" },
	{ "topic", 0, NULL, "forum topic (message_thread_id) to write in: "
	    "a number" },
	{ "endpoint", 0, "https://api.telegram.org", "Bot API base URL" },
	{ NULL, 0, NULL, NULL }
};

static const char *const telegram_schemes[] = { "tgram", NULL };

const struct backend backend_telegram = {
	.name = "telegram",
	.desc = "send a message from your Telegram bot",
	.flags = BACKEND_NETWORK,
	.options = telegram_options,
	.check = telegram_check,
	.request = telegram_request,
	.response = telegram_response,
	.schemes = telegram_schemes,
	.url = telegram_url,
	.retry_min = 1
};

/* A bot token is digits, a colon, then letters, digits, - and _. */
int
telegram_token_valid(const char *v)
{
	const char	*p = v;

	while (*p >= '0' && *p <= '9')
		p++;
	if (p == v || *p++ != ':' || *p == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return 0;
	return 1;
}

/* The path of a Bot API method: /bot<TOKEN>/<method>, the token masked in
 * every log line. */
void
telegram_method(struct http_request *r, const char *token,
    const char *method)
{
	char	*seg;

	secret_add(token);
	seg = xasprintf("bot%s", token);
	http_path(r, seg, HTTP_SECRET | HTTP_VERBATIM);
	freezero_str(seg);
	http_path(r, method, 0);
}

static int
chat_id_valid(const char *v)
{
	const char	*p = v;

	if (*p == '@')
		return p[1] != '\0';
	if (*p == '-')
		p++;
	if (*p == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

static int
telegram_check(const struct target *t, char **cause)
{
	const char	*v;

	if (!telegram_token_valid(target_opt(t, "token"))) {
		*cause = xasprintf("backend '%s': option 'token' is "
		    "malformed: a bot token is digits, ':' and letters, as "
		    "@BotFather gives it", t->name);
		return -1;
	}
	v = target_opt(t, "chat_id");
	if (!chat_id_valid(v)) {
		*cause = xasprintf("backend '%s': option 'chat_id' must be a "
		    "chat number or @channelname, not '%s'; 'ntfy "
		    "telegram-setup' lists the chats that wrote to the bot",
		    t->name, v);
		return -1;
	}
	v = target_opt(t, "topic");
	if (v != NULL && (*v == '\0' || strlen(v) > 18 ||
	    strspn(v, "0123456789") != strlen(v))) {
		*cause = xasprintf("backend '%s': option 'topic' must be a "
		    "forum topic number, not '%s'", t->name, v);
		return -1;
	}
	return 0;
}

static int
telegram_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	json_t		*o;
	const char	*v;
	char		*text;
	int		 silent, preview;

	if (notif_bool(n, "silent", &silent, cause) == -1 ||
	    notif_bool(n, "preview", &preview, cause) == -1)
		return -1;
	http_request_init(r, "POST", notif_opt(n, "endpoint"));
	telegram_method(r, notif_opt(n, "token"), "sendMessage");
	/* As in the Python ntfy only the message is sent, as plain text. */
	text = text_limited(n, "message", *notif_body(n) != '\0' ?
	    notif_body(n) : "(no message)", TELEGRAM_TEXT_MAX);
	o = json_object();
	json_object_set_new(o, "chat_id", json_text(notif_opt(n,
	    "chat_id")));
	json_object_set_new(o, "text", json_text(text));
	if (silent)
		json_object_set_new(o, "disable_notification", json_true());
	if ((v = notif_opt(n, "topic")) != NULL)
		json_object_set_new(o, "message_thread_id",
		    json_integer(strtoll(v, NULL, 10)));
	if (notif_opt(n, "preview") != NULL)
		json_object_set_new(o, "link_preview_options",
		    json_pack("{s:b}", "is_disabled", !preview));
	http_json(r, o);
	free(text);
	return 0;
}

static enum backend_result
telegram_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	enum backend_result	 r;
	json_t			*o;
	const char		*desc;

	(void)n;
	if ((r = http_verdict(resp, cause)) != BACKEND_OK)
		return r;
	o = response_json(resp);
	if (json_is_true(json_object_get(o, "ok"))) {
		json_decref(o);
		return BACKEND_OK;
	}
	desc = json_string_value(json_object_get(o, "description"));
	*cause = xasprintf("refused: %s", desc ? desc : "the reply has no "
	    "ok:true; is endpoint the Telegram Bot API?");
	json_decref(o);
	return BACKEND_PERMFAIL;
}

/* tgram://BOT_TOKEN/CHAT_ID[/CHAT_ID...]: the token's colon makes it a
 * user and password (see url_prepare); one request per chat.  As with
 * Apprise, no link preview unless ?preview=yes. */
static int
telegram_url(struct http_url *u, struct optlist *opts, char **cause)
{
	const char	*user = u->user, *v;
	char		*token, **chats;
	size_t		 i, n;
	int		 preview, silent;

	if (user != NULL && strncmp(user, "bot", 3) == 0)
		user += 3;
	chats = url_targets(u, 0, &n);
	if (user == NULL || u->password == NULL || n == 0) {
		url_targets_free(chats);
		*cause = xstrdup("a tgram:// URL is tgram://BOT_TOKEN/CHAT_ID"
		    "[/CHAT_ID...]");
		return -1;
	}
	if ((preview = url_bool(u, "preview", 0, cause)) == -1 ||
	    (silent = url_bool(u, "silent", 0, cause)) == -1) {
		url_targets_free(chats);
		return -1;
	}
	optlist_set(opts, "preview", preview ? "true" : "false", "URL", 0);
	optlist_set(opts, "silent", silent ? "true" : "false", "URL", 0);
	if ((v = url_param(u, "thread")) != NULL)
		optlist_set(opts, "topic", v, "URL", 0);
	token = xasprintf("%s:%s", user, u->password);
	secret_add(token);
	optlist_set(opts, "token", token, "URL", 0);
	freezero_str(token);
	for (i = 0; i < n; i++)
		url_target(opts, i, "chat_id", chats[i]);
	url_targets_free(chats);
	return 0;
}
