/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "backend-util.h"

#define PUSHOVER_KEY_LEN	30

static int	pushover_check(const struct target *, char **);
static int	pushover_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result pushover_response(const struct notification *,
		    const struct http_response *, char **);
static int	pushover_url(struct http_url *, struct optlist *,
		    char **);

static const struct backend_option pushover_options[] = {
	{ "user_key", OPT_REQUIRED | OPT_SECRET, NULL, "user or group key, "
	    "or several joined by commas" },
	{ "api_token", OPT_SECRET, NULL, "your application's API token "
	    "(required; register one at https://pushover.net/apps/build)" },
	{ "device", 0, NULL, "device name(s), comma separated [all]" },
	{ "priority", 0, "0", "-2 (silent) to 2 (emergency), or low, "
	    "moderate, normal, high, emergency" },
	{ "priority_on_failure", 0, NULL, "priority when the command failed" },
	{ "retry", 0, "60", "priority 2: seconds between repeats, at least "
	    "30" },
	{ "expire", 0, "3600", "priority 2: seconds of repeats, at most "
	    "10800" },
	{ "callback", 0, NULL, "priority 2: URL called on acknowledgement" },
	{ "sound", 0, NULL, "sound name [the user's default]" },
	{ "url", 0, NULL, "supplementary URL" },
	{ "url_title", 0, NULL, "title of the supplementary URL" },
	{ "html", 0, "false", "the message is HTML already, sent as it is" },
	{ "format", 0, "text", "text (or markdown, shown as text), or html: "
	    "the text made HTML (escaped, line breaks kept)" },
	{ "monospace", 0, "false", "show the message in a monospace font" },
	{ "ttl", 0, NULL, "seconds before the message is deleted" },
	{ "timestamp", 0, NULL, "Unix time shown instead of the time sent" },
	{ "endpoint", 0, "https://api.pushover.net", "API base URL" },
	{ NULL, 0, NULL, NULL }
};

static const char *const pushover_schemes[] = { "pover", NULL };

const struct backend backend_pushover = {
	.name = "pushover",
	.desc = "push to phones and desktops through pushover.net",
	.flags = BACKEND_NETWORK,
	.options = pushover_options,
	.check = pushover_check,
	.request = pushover_request,
	.response = pushover_response,
	.schemes = pushover_schemes,
	.url = pushover_url,
	.retry_min = 5
};

/* -2..2, or Apprise's names for them. */
static const struct level_name priority_names[] = {
	{ "low", -2 }, { "moderate", -1 }, { "normal", 0 }, { "high", 1 },
	{ "emergency", 2 }, { NULL, 0 }
};

/* A comma list of 30-character keys of letters and digits. */
static int
key_list_valid(const char *v, size_t max)
{
	size_t	n = 0, keys = 0;

	for (;; v++) {
		if (*v == ',' || *v == '\0') {
			if (n != PUSHOVER_KEY_LEN || ++keys > max)
				return 0;
			if (*v == '\0')
				return 1;
			n = 0;
			continue;
		}
		if (!((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') ||
		    (*v >= '0' && *v <= '9')))
			return 0;
		n++;
	}
}

static int
device_list_valid(const char *v)
{
	size_t	n = 0;

	for (;; v++) {
		if (*v == ',' || *v == '\0') {
			if (n == 0 || n > 25)
				return 0;
			if (*v == '\0')
				return 1;
			n = 0;
			continue;
		}
		if (!((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') ||
		    (*v >= '0' && *v <= '9') || *v == '_' || *v == '-'))
			return 0;
		n++;
	}
}

static int
pushover_check(const struct target *t, char **cause)
{
	const char	*v;

	if (target_level(t, "priority", priority_names, -2, 2, cause) == -1 ||
	    target_level(t, "priority_on_failure", priority_names, -2, 2,
	    cause) == -1)
		return -1;

	if ((v = target_opt(t, "api_token")) == NULL) {
		*cause = xasprintf("backend '%s' needs option 'api_token': "
		    "register your own application at "
		    "https://pushover.net/apps/build (free) and set its token "
		    "as api_token in [%s] of ntfy.ini", t->name, t->name);
		return -1;
	}
	if (!key_list_valid(v, 1)) {
		*cause = xasprintf("backend '%s': option 'api_token' is "
		    "malformed: a Pushover token is 30 letters and digits",
		    t->name);
		return -1;
	}
	if (!key_list_valid(target_opt(t, "user_key"), 50)) {
		*cause = xasprintf("backend '%s': option 'user_key' is "
		    "malformed: a Pushover user or group key is 30 letters and "
		    "digits (several joined by commas)", t->name);
		return -1;
	}
	v = target_opt(t, "format");
	if (strcmp(v, "text") != 0 && strcmp(v, "markdown") != 0 &&
	    strcmp(v, "html") != 0) {
		*cause = xasprintf("backend '%s': option 'format' must be text, "
		    "markdown or html, not '%s'", t->name, v);
		return -1;
	}
	if ((v = target_opt(t, "device")) != NULL && *v != '\0' &&
	    !device_list_valid(v)) {
		*cause = xasprintf("backend '%s': option 'device' must be "
		    "device names of up to 25 letters, digits, _ or -, joined "
		    "by commas, not '%s'", t->name, v);
		return -1;
	}
	return 0;
}

/* A level checked by pushover_check(). */
static void
priority_value(const struct notification *n, const char *key, long *out)
{
	const char	*v = notif_opt(n, key);

	if (v != NULL)
		level_parse(v, priority_names, -2, 2, out);
}

/* Add a field cut to the service's limit, with a warning when cut. */
static void
form_limited(const struct notification *n, struct http_request *r,
    const char *name, const char *value, size_t max)
{
	char	*v;
	int	 cut;

	v = text_truncate(value, max, &cut);
	if (cut)
		log_warn("%s: %s longer than Pushover's %zu characters, cut",
		    n->target->name, name, max);
	http_form(r, name, v, 0);
	free(v);
}

/*
 * Text as Pushover's HTML: &, <, > and " escaped, each line end a <br>;
 * cut, with an ellipsis, where more would pass max characters (an entity
 * is never cut).
 */
static char *
html_limited(const struct notification *n, const char *text, size_t max)
{
	struct buf	 b = BUF_INIT;
	const char	*p, *piece;
	char		*esc;
	size_t		 len, plen, width, chars = 0, keep = 0;

	esc = markup_escape(text, 1);
	buf_adds(&b, "");
	for (p = esc; *p != '\0'; p += len) {
		if (*p == '&') {
			len = strcspn(p, ";") + 1;
			piece = p;
			plen = width = len;
		} else if (*p == '\r' || *p == '\n') {
			len = *p == '\r' && p[1] == '\n' ? 2 : 1;
			piece = "<br>";
			plen = width = 4;
		} else {
			for (len = 1; (p[len] & 0xc0) == 0x80; len++)
				;
			piece = p;
			plen = len;
			width = 1;
		}
		if (chars + width > max) {
			log_warn("%s: message longer than Pushover's %zu "
			    "characters as HTML, cut", n->target->name, max);
			b.len = keep;
			buf_adds(&b, "\xe2\x80\xa6");
			break;
		}
		buf_add(&b, piece, plen);
		if ((chars += width) < max)
			keep = b.len;
	}
	free(esc);
	return buf_detach(&b);
}

/* Where a 429's reset time is kept, per endpoint and application. */
static char *
limit_path(const struct notification *n)
{
	char	*key, *path, *cause = NULL;

	key = xasprintf("%s\n%s", notif_opt(n, "endpoint"),
	    notif_opt(n, "api_token"));
	path = state_key_path("pushover", key, ".limit", &cause);
	freezero_str(key);
	free(cause);
	return path;
}

/* When the application's monthly limit resets, if an earlier 429 said so
 * and that time is still ahead; else 0. */
static time_t
limit_reset(const struct notification *n)
{
	FILE		*f;
	const char	*why;
	char		*path, line[32];
	time_t		 t = 0;

	if ((path = limit_path(n)) == NULL)
		return 0;
	if ((f = file_fopen_read(path, &why)) != NULL) {
		if (fgets(line, sizeof line, f) != NULL)
			t = (time_t)strtoll(line, NULL, 10);
		fclose(f);
		if (t <= time(NULL)) {
			unlink(path);
			t = 0;
		}
	}
	free(path);
	return t;
}

/* Remember a 429's reset time, so that no run asks again before it. */
static void
limit_keep(const struct notification *n, time_t t)
{
	char	*path, line[32];

	if (t <= time(NULL) || (path = limit_path(n)) == NULL)
		return;
	snprintf(line, sizeof line, "%lld\n", (long long)t);
	if (state_file_write(path, line) == -1)
		log_warn("%s: cannot keep the limit's reset time in '%s'",
		    n->target->name, path);
	free(path);
}

/* " (until DATE)" for a reset time, or "" when there is none. */
static void
until_text(time_t t, char *out, size_t size)
{
	struct tm	tm;

	out[0] = '\0';
	if (t > 0 && localtime_r(&t, &tm) != NULL)
		strftime(out, size, " (until %Y-%m-%d %H:%M)", &tm);
}

static int
pushover_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const char	*v, *body;
	long		 prio = 0, retry, expire, ttl, ts;
	int		 html, tohtml, mono;
	char		 num[32], when[64], *conv;
	time_t		 reset;

	if ((reset = limit_reset(n)) != 0) {
		until_text(reset, when, sizeof when);
		*cause = xasprintf("this application used up its monthly "
		    "messages%s: not sent, so as not to ask again before "
		    "then; see https://pushover.net/apps", when);
		return -1;
	}
	priority_value(n, "priority", &prio);
	if (message_failed(n->msg))
		priority_value(n, "priority_on_failure", &prio);
	if (notif_long(n, "retry", 30, 10800, &retry, cause) == -1 ||
	    notif_long(n, "expire", 30, 10800, &expire, cause) == -1 ||
	    notif_bool(n, "html", &html, cause) == -1 ||
	    notif_bool(n, "monospace", &mono, cause) == -1)
		return -1;
	v = notif_opt(n, "format");
	tohtml = !html && v != NULL && strcmp(v, "html") == 0;
	if (html && mono) {
		*cause = xasprintf("backend '%s': options 'html' and "
		    "'monospace' cannot both be true", n->target->name);
		return -1;
	}
	if (tohtml && mono) {
		*cause = xasprintf("backend '%s': option 'monospace' cannot "
		    "go with format = html", n->target->name);
		return -1;
	}
	http_request_init(r, "POST", notif_opt(n, "endpoint"));
	http_path(r, "1", 0);
	http_path(r, "messages.json", 0);
	http_form(r, "token", notif_opt(n, "api_token"), HTTP_SECRET);
	http_form(r, "user", notif_opt(n, "user_key"), HTTP_SECRET);
	body = n->msg->body != NULL && *n->msg->body != '\0' ?
	    n->msg->body : "(no message)";
	if (tohtml) {
		conv = html_limited(n, body, 1024);
		http_form(r, "message", conv, 0);
		free(conv);
	} else
		form_limited(n, r, "message", body, 1024);
	if (n->title != NULL && *n->title != '\0')
		form_limited(n, r, "title", n->title, 250);
	if ((v = notif_opt(n, "device")) != NULL && *v != '\0')
		http_form(r, "device", v, 0);
	if ((v = notif_opt(n, "sound")) != NULL && *v != '\0')
		http_form(r, "sound", v, 0);
	if ((v = notif_opt(n, "url")) != NULL && *v != '\0') {
		form_limited(n, r, "url", v, 512);
		if ((v = notif_opt(n, "url_title")) != NULL && *v != '\0')
			form_limited(n, r, "url_title", v, 100);
	}
	if (html || tohtml)
		http_form(r, "html", "1", 0);
	if (mono)
		http_form(r, "monospace", "1", 0);
	if (prio != 0) {
		snprintf(num, sizeof num, "%ld", prio);
		http_form(r, "priority", num, 0);
	}
	if (prio == 2) {
		snprintf(num, sizeof num, "%ld", retry);
		http_form(r, "retry", num, 0);
		snprintf(num, sizeof num, "%ld", expire);
		http_form(r, "expire", num, 0);
		if ((v = notif_opt(n, "callback")) != NULL && *v != '\0')
			http_form(r, "callback", v, 0);
	} else if (notif_opt(n, "ttl") != NULL) {
		if (notif_long(n, "ttl", 1, 100L * 365 * 86400, &ttl,
		    cause) == -1) {
			http_request_release(r);
			return -1;
		}
		snprintf(num, sizeof num, "%ld", ttl);
		http_form(r, "ttl", num, 0);
	}
	if (notif_opt(n, "timestamp") != NULL) {
		if (notif_long(n, "timestamp", 0, 0x7fffffffL, &ts,
		    cause) == -1) {
			http_request_release(r);
			return -1;
		}
		snprintf(num, sizeof num, "%ld", ts);
		http_form(r, "timestamp", num, 0);
	}
	return 0;
}

/* Pushover's "errors" list as one line, or NULL. */
static char *
pushover_errors(const char *body)
{
	json_t		*o, *errs, *e;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	if ((o = json_loads(body, 0, NULL)) == NULL)
		return NULL;
	errs = json_object_get(o, "errors");
	json_array_foreach(errs, i, e)
		if (json_is_string(e))
			buf_printf(&b, "%s%s", b.len ? "; " : "",
			    json_string_value(e));
	json_decref(o);
	if (b.len == 0) {
		buf_release(&b);	/* only empty strings */
		return NULL;
	}
	return buf_detach(&b);
}

static enum backend_result
pushover_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	enum backend_result	 r;
	json_t			*o, *status;
	const char		*reset;
	char			*errs, when[64];
	time_t			 t = 0;
	int			 ok;

	if (resp->status == 429) {
		if ((reset = http_response_header(resp,
		    "X-Limit-App-Reset")) != NULL)
			t = (time_t)strtoll(reset, NULL, 10);
		until_text(t, when, sizeof when);
		limit_keep(n, t);
		*cause = xasprintf("HTTP 429: this application used up its "
		    "monthly messages%s; see https://pushover.net/apps", when);
		return BACKEND_PERMFAIL;
	}
	if ((r = http_verdict(resp, cause)) != BACKEND_OK) {
		if (resp->status >= 400 && resp->status < 500 &&
		    (errs = pushover_errors(resp->body)) != NULL) {
			free(*cause);
			*cause = xasprintf("HTTP %ld: %s", resp->status, errs);
			free(errs);
		}
		return r;
	}
	o = json_loads(resp->body, 0, NULL);
	status = json_object_get(o, "status");
	ok = json_is_integer(status) && json_integer_value(status) == 1;
	json_decref(o);
	if (ok)
		return BACKEND_OK;
	errs = pushover_errors(resp->body);
	*cause = xasprintf("refused: %s", errs ? errs : "the reply has no "
	    "status 1");
	free(errs);
	return BACKEND_PERMFAIL;
}

/* pover://USER_KEY@API_TOKEN[/DEVICE...][?to=DEVICE,...] */
static int
pushover_url(struct http_url *u, struct optlist *opts, char **cause)
{
	struct buf	  b = BUF_INIT;
	char		**dev;
	size_t		  i, n;

	if (u->user == NULL || u->host == NULL) {
		*cause = xstrdup("a pover:// URL is pover://USER_KEY@API_TOKEN"
		    "[/DEVICE...]");
		return -1;
	}
	optlist_set(opts, "user_key", u->user, "URL", 0);
	optlist_set(opts, "api_token", u->host, "URL", 0);
	/* Pushover takes several devices in one request. */
	dev = url_targets(u, 0, &n);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "," : "", dev[i]);
	url_targets_free(dev);
	if (b.len > 0)
		optlist_set(opts, "device", b.data, "URL", 0);
	buf_release(&b);
	return 0;
}
