/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend-util.h"

#define MATRIX_API		"_matrix"
#define MATRIX_TEXT_MAX		16000	/* bytes of message in one event */
#define MATRIX_HTML_MAX		40000	/* bytes of formatted_body */

static int	matrix_check(const struct target *, char **);
static int	matrix_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result matrix_response(const struct notification *,
		    const struct http_response *, char **);
static int	matrix_url(struct http_url *, struct optlist *, char **);

static const struct backend_option matrix_options[] = {
	{ "url", OPT_REQUIRED, NULL, "the homeserver's base URL "
	    "(https://matrix.example.org)" },
	{ "roomId", OPT_REQUIRED | OPT_LIST, NULL, "room to post to: "
	    "!id:server or #alias:server; several joined by commas get one "
	    "event each" },
	{ "token", OPT_SECRET, NULL, "access token (or userId and password)" },
	{ "userId", 0, NULL, "user to log in as: @name:server or name" },
	{ "password", OPT_SECRET, NULL, "password of userId; ntfy logs in "
	    "once and keeps the access token" },
	{ "msgtype", 0, "m.text", "m.text, or m.notice for messages that "
	    "never notify" },
	{ NULL, 0, NULL, NULL }
};

static const char *const matrix_schemes[] = { "matrix", "matrixs", NULL };

const struct backend backend_matrix = {
	.name = "matrix",
	.desc = "post to a Matrix room",
	.flags = BACKEND_NETWORK,
	.options = matrix_options,
	.check = matrix_check,
	.request = matrix_request,
	.response = matrix_response,
	.schemes = matrix_schemes,
	.url = matrix_url
};

static int
matrix_check(const struct target *t, char **cause)
{
	const char	*user = target_opt(t, "userId");
	const char	*pw = target_opt(t, "password");
	const char	*type = target_opt(t, "msgtype");

	if (target_opt(t, "token") == NULL && (user == NULL || pw == NULL)) {
		*cause = xasprintf("backend '%s' needs option 'token', or "
		    "'userId' and 'password'", t->name);
		return -1;
	}
	if (pw != NULL && user == NULL) {
		*cause = xasprintf("backend '%s': option 'password' needs "
		    "'userId'", t->name);
		return -1;
	}
	if (type != NULL && strcmp(type, "m.text") != 0 &&
	    strcmp(type, "m.notice") != 0) {
		*cause = xasprintf("backend '%s': option 'msgtype' must be "
		    "m.text or m.notice, not '%s'", t->name, type);
		return -1;
	}
	return 0;
}

/* A value kept between steps; "" counts as none. */
static const char *
var(const struct notification *n, const char *key)
{
	const char	*v = optlist_get(n->vars, key);

	return v != NULL && *v != '\0' ? v : NULL;
}

static void
var_set(const struct notification *n, const char *key, const char *value)
{
	optlist_set(n->vars, key, value, "matrix", 0);
}

/* Where the access token of url and userId is kept: one 0600 file per
 * pair in the state directory. */
static char *
token_path(const struct notification *n, char **cause)
{
	char	*key, *path;

	key = xasprintf("%s\n%s", notif_opt(n, "url"), notif_opt(n,
	    "userId"));
	path = state_key_path("matrix", key, ".json", cause);
	free(key);
	return path;
}

/* The kept access token for url and userId, or NULL. */
static char *
token_load(const struct notification *n)
{
	json_t		*o;
	const char	*hs, *user, *tok, *why;
	char		*path, *cause = NULL, *out = NULL;
	int		 fd;

	if ((path = token_path(n, &cause)) == NULL) {
		free(cause);
		return NULL;
	}
	o = NULL;
	if ((fd = file_open_read(path, &why)) != -1) {
		o = json_loadfd(fd, 0, NULL);
		close(fd);
	}
	hs = json_string_value(json_object_get(o, "homeserver"));
	user = json_string_value(json_object_get(o, "user"));
	tok = json_string_value(json_object_get(o, "access_token"));
	if (hs != NULL && user != NULL && tok != NULL && *tok != '\0' &&
	    strcmp(hs, notif_opt(n, "url")) == 0 &&
	    strcmp(user, notif_opt(n, "userId")) == 0) {
		out = xstrdup(tok);
		secret_add(out);
		log_debug("%s: access token from %s", n->target->name, path);
	}
	json_decref(o);
	free(path);
	return out;
}

static void
token_forget(const struct notification *n)
{
	char	*path, *cause = NULL;

	if ((path = token_path(n, &cause)) == NULL) {
		free(cause);
		return;
	}
	if (unlink(path) == -1 && errno != ENOENT)
		log_warn("%s: cannot remove '%s': %s", n->target->name, path,
		    strerror(errno));
	free(path);
}

/* Keep the access token, written whole to a new 0600 file and renamed. */
static void
token_save(const struct notification *n, const char *token)
{
	json_t	*o;
	char	*path, *s, *cause = NULL;

	if ((path = token_path(n, &cause)) == NULL) {
		log_warn("%s: cannot keep the access token: %s",
		    n->target->name, cause);
		free(cause);
		return;
	}
	o = json_object();
	json_object_set_new(o, "homeserver", json_text(notif_opt(n, "url")));
	json_object_set_new(o, "user", json_text(notif_opt(n, "userId")));
	json_object_set_new(o, "access_token", json_text(token));
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (s == NULL || state_file_write(path, s) == -1)
		log_warn("%s: cannot keep the access token in '%s': %s",
		    n->target->name, path, strerror(errno));
	else
		log_debug("%s: access token kept in %s", n->target->name,
		    path);
	freezero_str(s);
	free(path);
}

/* The access token to use, or NULL when we must log in. */
static const char *
matrix_token(const struct notification *n)
{
	const char	*v;
	char		*kept;

	if ((v = notif_opt(n, "token")) != NULL)
		return v;
	if ((v = var(n, "token")) != NULL)
		return v;
	if (var(n, "relogin") == NULL && (kept = token_load(n)) != NULL) {
		var_set(n, "token", kept);
		freezero_str(kept);
		return var(n, "token");
	}
	return NULL;
}

static void
matrix_path(struct http_request *r, const char *const *segs)
{
	http_path(r, MATRIX_API, 0);
	http_path(r, "client", 0);
	http_path(r, "v3", 0);
	for (; *segs != NULL; segs++)
		http_path(r, *segs, 0);
}

static void
login_request(const struct notification *n, struct http_request *r)
{
	static const char *const	 segs[] = { "login", NULL };
	json_t				*o, *id;

	matrix_path(r, segs);
	id = json_object();
	json_object_set_new(id, "type", json_string("m.id.user"));
	json_object_set_new(id, "user", json_text(notif_opt(n, "userId")));
	o = json_object();
	json_object_set_new(o, "type", json_string("m.login.password"));
	json_object_set_new(o, "identifier", id);
	json_object_set_new(o, "password", json_text(notif_opt(n,
	    "password")));
	json_object_set_new(o, "initial_device_display_name",
	    json_string("ntfy"));
	http_json(r, o);
}

/* The event: "**title** message", and the same as escaped HTML. */
static void
send_request(const struct notification *n, struct http_request *r)
{
	const char	*segs[] = { "rooms", NULL, "send", "m.room.message",
			    NULL, NULL };
	const char	*body = notif_body(n), *p;
	struct buf	 html = BUF_INIT;
	json_t		*o;
	char		*msg, *plain, *esc;
	size_t		 len;
	int		 title = n->title != NULL && *n->title != '\0';

	segs[1] = var(n, "room");
	segs[4] = var(n, "txn");
	matrix_path(r, segs);
	len = utf8_truncate(body, MATRIX_TEXT_MAX);
	if (body[len] != '\0')
		log_warn("%s: message longer than %d bytes, cut",
		    n->target->name, MATRIX_TEXT_MAX);
	msg = xstrndup(body, len);
	plain = title ? xasprintf("**%s** %s", n->title, msg) : xstrdup(msg);
	if (title) {
		esc = markup_escape(n->title, 1);
		buf_printf(&html, "<b>%s</b> ", esc);
		free(esc);
	}
	esc = markup_escape(msg, 1);
	for (p = esc; *p != '\0'; p++) {
		if (*p == '\n')
			buf_adds(&html, "<br>");
		else
			buf_addc(&html, *p);
	}
	free(esc);
	o = json_object();
	json_object_set_new(o, "msgtype", json_text(notif_opt(n, "msgtype")));
	json_object_set_new(o, "body", json_text(plain));
	if (html.len <= MATRIX_HTML_MAX) {
		json_object_set_new(o, "format",
		    json_string("org.matrix.custom.html"));
		json_object_set_new(o, "formatted_body", json_text(html.data));
	}
	http_json(r, o);
	buf_release(&html);
	free(plain);
	free(msg);
}

/*
 * Log in when there is no access token yet, join the room (which also
 * turns an alias into the room's id), then send the event with one
 * transaction id for every attempt, so that a retry never posts twice.
 */
static int
matrix_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	static const char *const	 join[] = { "join", NULL, NULL };
	const char			*segs[3];
	const char			*token;
	struct timespec			 ts;
	char				*txn;

	(void)cause;
	http_request_init(r, "POST", notif_opt(n, "url"));
	if ((token = matrix_token(n)) == NULL) {
		var_set(n, "phase", "login");
		login_request(n, r);
		return 0;
	}
	r->bearer = xstrdup(token);
	if (var(n, "room") == NULL) {
		var_set(n, "phase", "join");
		memcpy(segs, join, sizeof segs);
		segs[1] = notif_opt(n, "roomId");
		matrix_path(r, segs);
		http_json(r, json_object());
		var_set(n, "target", segs[1]);
		return 0;
	}
	if (var(n, "txn") == NULL) {
		clock_gettime(CLOCK_REALTIME, &ts);
		txn = xasprintf("ntfy.%lld.%09ld.%ld", (long long)ts.tv_sec,
		    ts.tv_nsec, (long)getpid());
		var_set(n, "txn", txn);
		free(txn);
	}
	var_set(n, "phase", "send");
	r->method = "PUT";
	send_request(n, r);
	return 0;
}

/* The server's errcode and error, or the generic text. */
static char *
matrix_error(const struct http_response *resp, const char **errcode)
{
	json_t		*o;
	const char	*code, *err;
	char		*out;

	*errcode = NULL;
	o = response_json(resp);
	code = json_string_value(json_object_get(o, "errcode"));
	err = json_string_value(json_object_get(o, "error"));
	if (code == NULL) {
		json_decref(o);
		return http_error_text(resp);
	}
	if (strcmp(code, "M_UNKNOWN_TOKEN") == 0)
		*errcode = "M_UNKNOWN_TOKEN";
	out = xasprintf("HTTP %ld: %s%s%s", resp->status, code,
	    err ? ": " : "", err ? err : "");
	json_decref(o);
	return out;
}

/* A reply's string field, or NULL. */
static char *
reply_string(const struct http_response *resp, const char *key)
{
	json_t		*o;
	const char	*v;
	char		*out = NULL;

	o = response_json(resp);
	if ((v = json_string_value(json_object_get(o, key))) != NULL &&
	    *v != '\0')
		out = xstrdup(v);
	json_decref(o);
	return out;
}

static enum backend_result
matrix_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	enum backend_result	 r;
	const char		*phase = var(n, "phase"), *errcode;
	char			*v, *why;

	if ((r = http_verdict(resp, cause)) != BACKEND_OK) {
		if (resp->status < 400 || resp->status >= 500)
			return r;
		why = matrix_error(resp, &errcode);
		free(*cause);
		*cause = xasprintf("%s%s", strcmp(phase, "login") == 0 ?
		    "login refused: " : "", why);
		free(why);
		/* A kept token that expired: log in again, once. */
		if (errcode != NULL && strcmp(phase, "login") != 0 &&
		    notif_opt(n, "token") == NULL &&
		    var(n, "relogin") == NULL) {
			log_info("%s: %s; logging in again", n->target->name,
			    *cause);
			free(*cause);
			*cause = NULL;
			token_forget(n);
			var_set(n, "relogin", "1");
			var_set(n, "token", "");
			return BACKEND_NEXT;
		}
		return r;
	}
	if (strcmp(phase, "login") == 0) {
		if ((v = reply_string(resp, "access_token")) == NULL) {
			*cause = xstrdup("login: the reply has no "
			    "access_token");
			return BACKEND_PERMFAIL;
		}
		secret_add(v);
		var_set(n, "token", v);
		token_save(n, v);
		freezero_str(v);
		return BACKEND_NEXT;
	}
	if (strcmp(phase, "join") == 0) {
		v = reply_string(resp, "room_id");
		var_set(n, "room", v ? v : var(n, "target"));
		free(v);
		return BACKEND_NEXT;
	}
	if ((v = reply_string(resp, "event_id")) == NULL) {
		*cause = xasprintf("HTTP %ld, but the reply has no event_id; "
		    "is url a Matrix homeserver?", resp->status);
		return BACKEND_PERMFAIL;
	}
	log_debug("%s: event %s", n->target->name, v);
	free(v);
	return BACKEND_OK;
}

/* A room of a URL: '#' before a bare name, ":host" after a name without a
 * server. */
static char *
url_room(const char *room, const char *host)
{
	const char	*server = strchr(room, ':') == NULL ? host : NULL;

	return xasprintf("%s%s%s%s", *room == '#' || *room == '!' ? "" : "#",
	    room, server != NULL ? ":" : "", server != NULL ? server : "");
}

/*
 * matrix[s]://[USER:PASSWORD@]HOST[:PORT]/ROOM...: the homeserver
 * http[s]://HOST[:PORT], ?token= instead of a password.  A room is
 * #alias or !id; without ":server" it is on HOST.
 */
static int
matrix_url(struct http_url *u, struct optlist *opts, char **cause)
{
	static const char *const	 modes[] = { "off", NULL };
	static const char *const	 types[] = { "text", "notice", "m.text",
					    "m.notice", NULL };
	const char			*tok;
	char				*base, *room, **to;
	size_t				 i, n;
	int				 type;

	if (url_choice(u, "mode", modes, 0, cause) == -1 ||
	    (type = url_choice(u, "msgtype", types, 0, cause)) == -1 ||
	    url_bool(u, "image", 0, cause) == -1)
		return -1;
	tok = url_param(u, "token");
	if (u->host == NULL || (tok == NULL && (u->user == NULL ||
	    u->password == NULL))) {
		*cause = xasprintf("a %s:// URL is %s://USER:PASSWORD@HOST"
		    "[:PORT]/ROOM... or %s://HOST[:PORT]/ROOM...?token=TOKEN",
		    u->scheme, u->scheme, u->scheme);
		return -1;
	}
	base = http_url_base(u, 0);
	optlist_set(opts, "url", base, "URL", 0);
	free(base);
	if (tok != NULL) {
		secret_add(tok);
		optlist_set(opts, "token", tok, "URL", 0);
	}
	if (u->user != NULL && *u->user != '\0')
		optlist_set(opts, "userId", u->user, "URL", 0);
	if (u->password != NULL && tok == NULL)
		optlist_set(opts, "password", u->password, "URL", 0);
	optlist_set(opts, "msgtype", type % 2 ? "m.notice" : "m.text", "URL",
	    0);
	to = url_targets(u, 0, &n);
	for (i = 0; i < n; i++) {
		room = url_room(to[i], u->host);
		url_target(opts, i, "roomId", room);
		free(room);
	}
	url_targets_free(to);
	return 0;
}
