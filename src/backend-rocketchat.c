/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "backend-util.h"

static int	rocketchat_check(const struct target *, char **);
static int	rocketchat_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result rocketchat_response(const struct notification *,
		    const struct http_response *, char **);
static int	rocketchat_url(struct http_url *, struct optlist *, char **);

static const struct backend_option rocketchat_options[] = {
	{ "url", 0, NULL, "the server's base URL (https://chat.example.org)" },
	{ "username", 0, NULL, "user to log in as" },
	{ "password", OPT_SECRET, NULL, "that user's password" },
	{ "room", OPT_LIST, NULL, "#channel, @user or a room id; several "
	    "joined by commas get one post each" },
	{ "webhook", OPT_SECRET, NULL, "an incoming webhook URL "
	    "(https://HOST/hooks/ID/TOKEN), instead of url, username and "
	    "password" },
	{ NULL, 0, NULL, NULL }
};

static const char *const rocketchat_schemes[] = { "rocket", "rockets",
	NULL };

const struct backend backend_rocketchat = {
	.name = "rocketchat",
	.desc = "post to a Rocket.Chat room, as a user or through a webhook",
	.flags = BACKEND_NETWORK | BACKEND_SLASHED_USERINFO,
	.options = rocketchat_options,
	.check = rocketchat_check,
	.request = rocketchat_request,
	.response = rocketchat_response,
	.schemes = rocketchat_schemes,
	.url = rocketchat_url
};

static int
rocketchat_check(const struct target *t, char **cause)
{
	static const char *const	 keys[] = { "url", "username",
					    "password", "room", NULL };
	const char *const		*k;
	const char			*hook = target_opt(t, "webhook");

	if (hook != NULL) {
		if (strncmp(hook, "https://", 8) != 0 &&
		    strncmp(hook, "http://", 7) != 0) {
			*cause = xasprintf("backend '%s': option 'webhook' "
			    "must be an https:// URL", t->name);
			return -1;
		}
		url_secret_path(hook);
		return 0;
	}
	for (k = keys; *k != NULL; k++) {
		if (target_opt(t, *k) == NULL) {
			*cause = xasprintf("backend '%s' needs option '%s' "
			    "(or a 'webhook' URL)", t->name, *k);
			return -1;
		}
	}
	return 0;
}

static void
api_path(struct http_request *r, const char *method)
{
	http_path(r, "api", 0);
	http_path(r, "v1", 0);
	http_path(r, method, 0);
}

/* The Python ntfy's text: "**title:** message". */
static char *
rocketchat_text(const struct notification *n)
{
	if (n->title == NULL || *n->title == '\0')
		return xstrdup(notif_body(n));
	return xasprintf("**%s:** %s", n->title, notif_body(n));
}

/* A webhook takes one post; an account logs in, posts, logs out. */
static int
rocketchat_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const char	*hook = notif_opt(n, "webhook");
	const char	*phase = optlist_get(n->vars, "phase");
	const char	*room = notif_opt(n, "room");
	json_t		*o;
	char		*text;

	(void)cause;
	if (hook != NULL) {
		url_secret_path(hook);
		http_request_init(r, "POST", hook);
	} else
		http_request_init(r, "POST", notif_opt(n, "url"));
	if (hook == NULL && phase == NULL) {
		optlist_set(n->vars, "phase", "login", "rocketchat", 0);
		api_path(r, "login");
		http_form(r, "username", notif_opt(n, "username"), 0);
		http_form(r, "password", notif_opt(n, "password"),
		    HTTP_SECRET);
		return 0;
	}
	if (hook == NULL) {
		http_header(r, "X-Auth-Token", optlist_get(n->vars, "auth"),
		    HTTP_SECRET);
		http_header(r, "X-User-Id", optlist_get(n->vars, "user"), 0);
	}
	if (phase != NULL && strcmp(phase, "logout") == 0) {
		api_path(r, "logout");
		return 0;
	}
	if (hook == NULL) {
		optlist_set(n->vars, "phase", "post", "rocketchat", 0);
		api_path(r, "chat.postMessage");
	}
	text = rocketchat_text(n);
	o = json_object();
	/* An account posts to a bare room id by roomId, as Apprise does. */
	if (room != NULL && *room != '\0')
		json_object_set_new(o, hook == NULL && *room != '#' &&
		    *room != '@' ? "roomId" : "channel", json_text(room));
	json_object_set_new(o, "text", json_text(text));
	http_json(r, o);
	free(text);
	return 0;
}

static enum backend_result
login_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	json_t		*o, *data;
	const char	*auth, *user;

	o = response_json(resp);
	data = json_object_get(o, "data");
	auth = json_string_value(json_object_get(data, "authToken"));
	user = json_string_value(json_object_get(data, "userId"));
	if (auth == NULL || user == NULL) {
		*cause = xasprintf("login: HTTP %ld, but the reply has no "
		    "authToken; is url a Rocket.Chat server?", resp->status);
		json_decref(o);
		return BACKEND_PERMFAIL;
	}
	secret_add(auth);
	optlist_set(n->vars, "auth", auth, "rocketchat", 0);
	optlist_set(n->vars, "user", user, "rocketchat", 0);
	optlist_set(n->vars, "phase", "send", "rocketchat", 0);
	json_decref(o);
	return BACKEND_NEXT;
}

static enum backend_result
rocketchat_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	enum backend_result	 r;
	const char		*phase = optlist_get(n->vars, "phase");
	json_t			*o;
	char			*why;
	int			 ok;

	if (phase != NULL && strcmp(phase, "logout") == 0) {
		/* Delivered already: a failed logout only leaves a session. */
		if (http_verdict(resp, &why) != BACKEND_OK) {
			log_info("%s: logout: %s", n->target->name, why);
			free(why);
		}
		return BACKEND_OK;
	}
	if ((r = http_verdict(resp, cause)) != BACKEND_OK) {
		if (phase != NULL && strcmp(phase, "login") == 0) {
			why = *cause;
			*cause = xasprintf("login refused: %s", why);
			free(why);
		}
		return r;
	}
	if (phase != NULL && strcmp(phase, "login") == 0)
		return login_response(n, resp, cause);
	o = response_json(resp);
	ok = json_is_true(json_object_get(o, "success"));
	json_decref(o);
	if (!ok) {
		*cause = http_error_text(resp);
		return BACKEND_PERMFAIL;
	}
	if (phase == NULL)
		return BACKEND_OK;
	optlist_set(n->vars, "phase", "logout", "rocketchat", 0);
	return BACKEND_NEXT;
}

/*
 * rocket[s]://USER:PASSWORD@HOST[:PORT]/TARGET... logs in;
 * rocket[s]://[USER:]ID/TOKEN@HOST[:PORT][/TARGET...] (the '/' maybe %2F)
 * is the incoming webhook HOST/hooks/ID/TOKEN.  A target is #channel,
 * @user or a room id.
 */
static int
rocketchat_url(struct http_url *u, struct optlist *opts, char **cause)
{
	static const char *const	 modes[] = { "basic", "webhook", NULL };
	const char			*hook;
	char				*base, *url, **to;
	size_t				 i, n;
	int				 mode;

	if ((hook = url_param(u, "webhook")) == NULL)
		hook = u->password != NULL && strchr(u->password, '/') ?
		    u->password : u->user != NULL && u->password == NULL &&
		    strchr(u->user, '/') ? u->user : NULL;
	if ((mode = url_choice(u, "mode", modes, hook != NULL, cause)) == -1 ||
	    url_bool(u, "avatar", 0, cause) == -1)
		return -1;
	if (u->host == NULL || (mode == 1 && hook == NULL) || (mode == 0 &&
	    (u->user == NULL || u->password == NULL))) {
		*cause = xasprintf("a %s:// URL is %s://USER:PASSWORD@HOST"
		    "[:PORT]/TARGET... or %s://[USER:]ID/TOKEN@HOST[:PORT]"
		    "[/TARGET...]", u->scheme, u->scheme, u->scheme);
		return -1;
	}
	base = http_url_base(u, 0);
	if (mode == 1) {
		secret_add(hook);
		url = xstrndup(hook, strcspn(hook, "/"));
		secret_add(url);
		free(url);
		if (strchr(hook, '/') != NULL)
			secret_add(strchr(hook, '/') + 1);
		url = xasprintf("%s/hooks/%s", base, hook);
		optlist_set(opts, "webhook", url, "URL", 0);
		freezero_str(url);
	} else {
		optlist_set(opts, "url", base, "URL", 0);
		optlist_set(opts, "username", u->user, "URL", 0);
		optlist_set(opts, "password", u->password, "URL", 0);
	}
	free(base);
	to = url_targets(u, 0, &n);
	for (i = 0; i < n; i++)
		url_target(opts, i, "room", to[i]);
	url_targets_free(to);
	return 0;
}
