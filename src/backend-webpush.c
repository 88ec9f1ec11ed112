/* SPDX-License-Identifier: ISC */
/*
 * Web Push: a notification to a browser's PushSubscription, encrypted for
 * it (RFC 8291) and signed with our VAPID key (RFC 8292).  The push service
 * is the subscription's endpoint; the cryptography is in the net module.
 */
#include "config.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend.h"
#include "backend-util.h"
#include "net-crypto.h"

#define PAYLOAD_MAX	3993	/* 4096 minus the aes128gcm header, the
				   delimiter and the tag */
#define PAYLOAD_SHORT	1024	/* after a 413 */
#define TTL_MAX		2419200	/* 28 days, what push services keep */
#define TOPIC_MAX	32
#define VAPID_EXP	(12 * 3600)	/* RFC 8292: at most 24 hours */

static int	webpush_check(const struct target *, char **);
static int	webpush_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result webpush_response(const struct notification *,
		    const struct http_response *, char **);

static const struct backend_option webpush_options[] = {
	{ "subscription", OPT_REQUIRED | OPT_SECRET_JSON, NULL,
	    "the browser's PushSubscription JSON, or a file holding it" },
	{ "vapid_private_key", OPT_REQUIRED, NULL,
	    "PEM file of the VAPID key ('ntfy webpush-keys' makes one)" },
	{ "vapid_subject", OPT_REQUIRED, NULL,
	    "a mailto: or https: URL the push service can reach you at" },
	{ "ttl", 0, "86400", "seconds the push service keeps an undelivered "
	    "message (0 to 2419200)" },
	{ "urgency", 0, NULL, "very-low, low, normal or high [high for "
	    "failures, normal otherwise]" },
	{ "topic", 0, NULL, "up to 32 URL-safe base64 characters: a newer "
	    "message replaces an undelivered one of the same topic" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_webpush = {
	.name = "webpush",
	.desc = "Web Push to a browser's push subscription (VAPID)",
	.flags = BACKEND_NETWORK,
	.options = webpush_options,
	.check = webpush_check,
	.request = webpush_request,
	.response = webpush_response
};

static const char *const urgencies[] = {
	"very-low", "low", "normal", "high", NULL
};

/* A subscription as the browser gives it; the strings point into json. */
struct subscription {
	json_t		*json;
	const char	*endpoint;
	const char	*p256dh;
	const char	*auth;
};

/* "FILE:LINE: " where an option was set, or "". */
static char *
opt_where(const struct target *t, const char *key)
{
	const struct option_value	*v;

	v = optlist_find(&t->opts, key);
	if (v != NULL && v->line > 0)
		return xasprintf("%s:%d: ", v->origin, v->line);
	return xstrdup("");
}

static int
opt_error(const struct target *t, const char *key, char **cause,
    const char *what)
{
	char	*where = opt_where(t, key);

	*cause = xasprintf("%sbackend '%s': option '%s': %s", where, t->name,
	    key, what);
	free(where);
	return -1;
}

/* Whether an endpoint is one we send to: https://, or http:// to this
 * machine (for tests and local push services). */
static int
endpoint_ok(const char *url)
{
	char	*host;
	int	 ok;

	if (strncasecmp(url, "https://", 8) == 0)
		return url[8] != '\0' && url[8] != '/';
	if (strncasecmp(url, "http://", 7) != 0)
		return 0;
	host = url_host(url);
	ok = host != NULL && host_is_loopback(host);
	free(host);
	return ok;
}

/* Read the subscription: inline JSON or a file; 0 or -1 with *cause. */
static int
subscription_load(const struct target *t, struct subscription *s,
    char **cause)
{
	const char	*v = target_opt(t, "subscription"), *p;
	json_error_t	 err;
	json_t		*keys;
	char		*path, *what;

	memset(s, 0, sizeof *s);
	for (p = v; isspace((unsigned char)*p); p++)
		;
	if (*p == '{') {
		if ((s->json = json_loads(p, 0, &err)) == NULL) {
			/* Not the text: it holds the endpoint and keys. */
			what = xasprintf("not valid JSON (line %d: %s)",
			    err.line, err.text);
			opt_error(t, "subscription", cause, what);
			free(what);
			return -1;
		}
	} else {
		path = expand_home(p);
		if ((s->json = json_load_file(path, 0, &err)) == NULL) {
			what = err.line > 0 ? xasprintf("%s:%d: not valid "
			    "JSON: %s; paste what the page's 'Copy' gives",
			    path, err.line, err.text) : xasprintf("cannot read "
			    "'%s': %s", path, err.text);
			opt_error(t, "subscription", cause, what);
			free(what);
			free(path);
			return -1;
		}
		free(path);
	}
	s->endpoint = json_string_value(json_object_get(s->json, "endpoint"));
	keys = json_object_get(s->json, "keys");
	s->p256dh = json_string_value(json_object_get(keys, "p256dh"));
	s->auth = json_string_value(json_object_get(keys, "auth"));
	if (s->endpoint == NULL || s->p256dh == NULL || s->auth == NULL) {
		json_decref(s->json);
		s->json = NULL;
		return opt_error(t, "subscription", cause, "not a push "
		    "subscription: it needs \"endpoint\" and \"keys\" with "
		    "\"p256dh\" and \"auth\", as PushSubscription.toJSON() "
		    "gives them");
	}
	/* The endpoint's path and the auth secret are bearer secrets; the
	 * push service's host is not, and -v shows it. */
	url_secret_path(s->endpoint);
	if ((p = strchr(s->endpoint, '?')) != NULL && p[1] != '\0')
		secret_add(p + 1);
	secret_add(s->auth);
	return 0;
}

static void
subscription_release(struct subscription *s)
{
	json_decref(s->json);
	s->json = NULL;
}

static int
urgency_ok(const char *v)
{
	size_t	i;

	for (i = 0; urgencies[i] != NULL; i++)
		if (strcmp(v, urgencies[i]) == 0)
			return 1;
	return 0;
}

static int
topic_ok(const char *topic)
{
	size_t	len = strlen(topic);

	return len > 0 && len <= TOPIC_MAX &&
	    strspn(topic, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == len;
}

static int
webpush_check(const struct target *t, char **cause)
{
	struct subscription	 s;
	net_webpush_check_fn	 check;
	const char		*v;
	char			*pem, *why = NULL;
	long			 ttl;
	int			 r;

	v = target_opt(t, "vapid_subject");
	if (strncmp(v, "mailto:", 7) != 0 && strncmp(v, "https://", 8) != 0)
		return opt_error(t, "vapid_subject", cause, "must be a mailto: "
		    "or https:// URL");
	if (parse_long(target_opt(t, "ttl"), 0, TTL_MAX, &ttl) == -1)
		return opt_error(t, "ttl", cause, "must be a whole number of "
		    "seconds from 0 to 2419200");
	if ((v = target_opt(t, "urgency")) != NULL && !urgency_ok(v))
		return opt_error(t, "urgency", cause, "must be very-low, low, "
		    "normal or high");
	if ((v = target_opt(t, "topic")) != NULL && !topic_ok(v))
		return opt_error(t, "topic", cause, "must be 1 to 32 letters, "
		    "digits, '-' or '_'");
	if (subscription_load(t, &s, cause) == -1)
		return -1;
	if (!endpoint_ok(s.endpoint)) {
		subscription_release(&s);
		return opt_error(t, "subscription", cause, "the endpoint must "
		    "be an https:// URL (http:// only to this machine)");
	}
	check = (net_webpush_check_fn)module_symbol("net", "net_webpush_check",
	    cause);
	if (check == NULL) {
		subscription_release(&s);
		return -1;
	}
	if ((r = check(s.p256dh, s.auth, NULL, &why)) == -1)
		opt_error(t, "subscription", cause, why);
	subscription_release(&s);
	if (r == -1) {
		free(why);
		return -1;
	}
	pem = expand_home(target_opt(t, "vapid_private_key"));
	r = check(NULL, NULL, pem, &why);
	free(pem);
	if (r == -1) {
		opt_error(t, "vapid_private_key", cause, why);
		free(why);
	}
	return r;
}

/* Cut the longest of the payload's texts so that it loses over bytes. */
static int
payload_cut(json_t *o, size_t over)
{
	static const char	*keys[] = { "body", "command", "title" };
	const char		*longest = NULL, *s;
	size_t			 i, max = 0, keep;
	char			*cut;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		s = json_string_value(json_object_get(o, keys[i]));
		if (s != NULL && strlen(s) > max) {
			max = strlen(s);
			longest = keys[i];
		}
	}
	if (longest == NULL || max < 4)
		return -1;
	s = json_string_value(json_object_get(o, longest));
	keep = max > over + 3 ? utf8_truncate(s, max - over - 3) : 0;
	cut = xasprintf("%.*s\xe2\x80\xa6", (int)keep, s);
	json_object_set_new(o, longest, json_string(cut));
	free(cut);
	return 0;
}

/* The payload the service worker reads, at most max bytes of JSON. */
static char *
webpush_payload(const struct notification *n, size_t max)
{
	const struct message	*m = n->msg;
	json_t			*o;
	char			*text;
	size_t			 len;

	o = json_object();
	json_object_set_new(o, "title", json_text(n->title ? n->title : ""));
	json_object_set_new(o, "body", json_text(notif_body(n)));
	json_object_set_new(o, "status", m->has_status ?
	    json_integer(m->retcode) : json_null());
	json_object_set_new(o, "command", m->command ?
	    json_text(m->command) : json_null());
	json_object_set_new(o, "duration", m->duration >= 0 ?
	    json_real(m->duration) : json_null());
	json_object_set_new(o, "host", json_text(m->host ? m->host : ""));
	for (;;) {
		text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (text == NULL || (len = strlen(text)) <= max)
			break;
		free(text);
		text = NULL;
		if (payload_cut(o, len - max) == -1)
			break;
	}
	json_decref(o);
	return text;
}

/* The VAPID claims: the push service's origin, an expiry, our contact. */
static char *
vapid_claims(const struct notification *n, const char *endpoint)
{
	const char	*p;
	json_t		*o;
	char		*aud, *text;
	size_t		 len;

	p = strstr(endpoint, "://") + 3;
	len = (size_t)(p - endpoint) + strcspn(p, "/?#");
	aud = xasprintf("%.*s", (int)len, endpoint);
	o = json_pack("{s:s, s:I, s:s}", "aud", aud, "exp",
	    (json_int_t)(time(NULL) + VAPID_EXP), "sub",
	    notif_opt(n, "vapid_subject"));
	free(aud);
	text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	return text;
}

static int
webpush_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	struct subscription	 s;
	net_webpush_seal_fn	 seal;
	net_webpush_vapid_fn	 vapid;
	const char		*urgency;
	unsigned char		*body = NULL;
	char			*payload = NULL, *claims = NULL, *auth = NULL;
	char			*pem;
	size_t			 bodylen = 0;
	int			 ret = -1;

	seal = (net_webpush_seal_fn)module_symbol("net", "net_webpush_seal",
	    cause);
	vapid = (net_webpush_vapid_fn)module_symbol("net",
	    "net_webpush_vapid", cause);
	if (seal == NULL || vapid == NULL ||
	    subscription_load(n->target, &s, cause) == -1)
		return -1;
	payload = webpush_payload(n, n->step > 0 ? PAYLOAD_SHORT :
	    PAYLOAD_MAX);
	if (payload == NULL) {
		*cause = xstrdup("cannot build the push message");
		goto out;
	}
	if (seal(s.p256dh, s.auth, payload, strlen(payload), &body, &bodylen,
	    cause) == -1)
		goto out;
	claims = vapid_claims(n, s.endpoint);
	pem = expand_home(notif_opt(n, "vapid_private_key"));
	auth = claims ? vapid(pem, claims, cause) : NULL;
	free(pem);
	if (auth == NULL) {
		if (*cause == NULL)
			*cause = xstrdup("cannot build the VAPID claims");
		goto out;
	}
	http_request_init(r, "POST", s.endpoint);
	http_body(r, (const char *)body, bodylen, "application/octet-stream");
	http_header(r, "Content-Encoding", "aes128gcm", 0);
	http_header(r, "TTL", notif_opt(n, "ttl"), 0);
	if ((urgency = notif_opt(n, "urgency")) == NULL)
		urgency = message_failed(n->msg) ? "high" : "normal";
	http_header(r, "Urgency", urgency, 0);
	if (notif_opt(n, "topic") != NULL)
		http_header(r, "Topic", notif_opt(n, "topic"), 0);
	http_header(r, "Authorization", auth, HTTP_SECRET);
	ret = 0;
out:
	subscription_release(&s);
	free(payload);
	free(claims);
	free(auth);
	free(body);
	return ret;
}

static enum backend_result
webpush_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	switch (resp->status) {
	case 200:
	case 201:
	case 202:
		return BACKEND_OK;
	case 404:
	case 410:
		*cause = xasprintf("HTTP %ld: subscription expired: subscribe "
		    "again in the browser and update option 'subscription'",
		    resp->status);
		return BACKEND_PERMFAIL;
	case 413:
		/* Once more with a shorter message. */
		if (n->step == 0)
			return BACKEND_NEXT;
		*cause = xstrdup("HTTP 413: the push service refuses even a "
		    "1 KB message");
		return BACKEND_PERMFAIL;
	default:
		return http_verdict(resp, cause);
	}
}
