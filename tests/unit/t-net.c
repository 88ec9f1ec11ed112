/* SPDX-License-Identifier: ISC */
/* The retry decision and the payload builders of the network backends. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "../tap.h"

extern const struct backend	backend_pushover;
extern const struct backend	backend_pushjet;
extern const struct backend	backend_ntfy_sh;

#define USER	"uQiRzpo4DXghDmr9QzzfQu27cmVRsG"
#define TOKEN	"azGDORePK8gMaC0QOYAMyEEuzJnyUi"

static const char *
pair(const struct http_pair *p, size_t n, const char *name)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(p[i].name, name) == 0)
			return p[i].value;
	return NULL;
}

static struct http_response
response(long status, const char *body, const char *hname, const char *hval)
{
	struct http_response	r;

	memset(&r, 0, sizeof r);
	r.status = status;
	r.body = xstrdup(body);
	r.bodylen = strlen(body);
	if (hname != NULL) {
		r.headers = xcalloc(1, sizeof *r.headers);
		r.headers[0].name = xstrdup(hname);
		r.headers[0].value = xstrdup(hval);
		r.nheaders = 1;
	}
	return r;
}

static enum backend_result
verdict(const struct backend *b, struct http_response *r, char **cause)
{
	struct notification	n;
	enum backend_result	v;

	memset(&n, 0, sizeof n);
	*cause = NULL;
	v = b->response ? b->response(&n, r, cause) : http_verdict(r, cause);
	http_response_release(r);
	return v;
}

static void
test_retry(void)
{
	struct http_response	r;
	char			*cause;

	tap_ok(retry_delay(1, -1, 0, 20) == 1, "first retry after 1 s");
	tap_ok(retry_delay(2, -1, 0, 20) == 2, "then 2 s");
	tap_ok(retry_delay(3, -1, 0, 20) == 4, "then 4 s");
	tap_ok(retry_delay(5, -1, 0, 20) == 16, "then 16 s");
	tap_ok(retry_delay(6, -1, 0, 20) == -1, "not past the budget");
	tap_ok(retry_delay(12, -1, 0, 1000) == 60, "backoff capped at 60 s");
	tap_ok(retry_delay(1, 7, 0, 20) == 7, "Retry-After honoured");
	tap_ok(retry_delay(1, 30, 0, 20) == -1, "Retry-After past budget");
	tap_ok(retry_delay(1, -1, 5, 20) == 5, "service minimum honoured");
	tap_ok(retry_delay(1, -1, 0, 0) == -1, "no budget, no retry");

	tap_ok(http_retry_after("120", 0) == 120, "Retry-After seconds");
	tap_ok(http_retry_after("Thu, 01 Jan 1970 00:01:40 GMT", 40) == 60,
	    "Retry-After date");
	tap_ok(http_retry_after("soon", 0) == -1, "Retry-After garbage");

	memset(&r, 0, sizeof r);
	r.neterr = 1;
	r.error = xstrdup("Connection refused");
	tap_is_int(verdict(&backend_pushjet, &r, &cause), BACKEND_TEMPFAIL,
	    "connection refused: TEMPFAIL");
	free(cause);
	memset(&r, 0, sizeof r);
	r.timeout = 1;
	r.error = xstrdup("Operation timed out");
	tap_is_int(verdict(&backend_pushjet, &r, &cause), BACKEND_TEMPFAIL,
	    "timeout: TEMPFAIL");
	free(cause);
	memset(&r, 0, sizeof r);
	r.tls = 1;
	r.error = xstrdup("self-signed certificate");
	tap_is_int(verdict(&backend_pushjet, &r, &cause), BACKEND_PERMFAIL,
	    "untrusted certificate: PERMFAIL");
	tap_ok(cause && strstr(cause, "ca_file") != NULL, "hint at ca_file");
	free(cause);
	r = response(503, "busy", NULL, NULL);
	tap_is_int(verdict(&backend_pushjet, &r, &cause), BACKEND_TEMPFAIL,
	    "503: TEMPFAIL");
	free(cause);
	r = response(429, "{}", "Retry-After", "3");
	tap_is_int(verdict(&backend_ntfy_sh, &r, &cause), BACKEND_TEMPFAIL,
	    "429 with Retry-After: TEMPFAIL");
	free(cause);
	r = response(400, "{\"code\":40007,\"http\":400,\"error\":\"invalid "
	    "priority parameter\"}", NULL, NULL);
	tap_is_int(verdict(&backend_ntfy_sh, &r, &cause), BACKEND_PERMFAIL,
	    "400: PERMFAIL");
	tap_is_str(cause, "HTTP 400: invalid priority parameter",
	    "the service's own error text");
	free(cause);
	r = response(301, "", "Location", "https://elsewhere/");
	tap_is_int(verdict(&backend_pushjet, &r, &cause), BACKEND_PERMFAIL,
	    "redirect: PERMFAIL, never followed");
	free(cause);

	r = response(200, "{\"status\":1,\"request\":\"x\"}", NULL, NULL);
	tap_is_int(verdict(&backend_pushover, &r, &cause), BACKEND_OK,
	    "pushover: 200 and status 1 is delivered");
	r = response(200, "{\"status\":0,\"errors\":[\"nope\"]}", NULL, NULL);
	tap_is_int(verdict(&backend_pushover, &r, &cause), BACKEND_PERMFAIL,
	    "pushover: 200 and status 0 is refused");
	free(cause);
	r = response(400, "{\"user\":\"invalid\",\"errors\":[\"user identifier"
	    " is invalid\"],\"status\":0}", NULL, NULL);
	tap_is_int(verdict(&backend_pushover, &r, &cause), BACKEND_PERMFAIL,
	    "pushover: 400 is refused");
	tap_is_str(cause, "HTTP 400: user identifier is invalid",
	    "pushover: its errors are the cause");
	free(cause);
	/* Found by fuzz-reply: an errors list of empty strings leaked. */
	r = response(200, "{\"errors\":[\"\"]}", NULL, NULL);
	tap_is_int(verdict(&backend_pushover, &r, &cause), BACKEND_PERMFAIL,
	    "pushover: errors of empty strings, no status 1: refused");
	tap_is_str(cause, "refused: the reply has no status 1",
	    "pushover: empty errors are no cause");
	free(cause);
	r = response(429, "{}", "X-Limit-App-Reset", "1393653600");
	tap_is_int(verdict(&backend_pushover, &r, &cause), BACKEND_PERMFAIL,
	    "pushover: 429 is the monthly quota, PERMFAIL");
	free(cause);
	r = response(500, "", NULL, NULL);
	tap_is_int(verdict(&backend_pushover, &r, &cause), BACKEND_TEMPFAIL,
	    "pushover: 500 is TEMPFAIL");
	free(cause);
	tap_ok(backend_pushover.retry_min >= 5, "pushover: 5 s between tries");
	r = response(200, "<html>portal</html>", NULL, NULL);
	tap_is_int(verdict(&backend_ntfy_sh, &r, &cause), BACKEND_PERMFAIL,
	    "ntfy_sh: a reply that is not ntfy's is not delivered");
	free(cause);
}

static void
test_truncate(void)
{
	char	*s;
	int	 cut;

	s = text_truncate("hello", 5, &cut);
	tap_is_str(s, "hello", "short text kept");
	tap_ok(!cut, "not cut");
	free(s);
	s = text_truncate("h\xc3\xa9llo world", 5, &cut);
	tap_is_str(s, "h\xc3\xa9ll\xe2\x80\xa6", "cut by characters, with an "
	    "ellipsis");
	tap_ok(cut, "cut");
	free(s);
}

static void
target_set(struct target *t, const struct backend *b)
{
	const struct backend_option	*o;

	memset(t, 0, sizeof *t);
	t->name = xstrdup(b->name);
	t->backend = b;
	for (o = b->options; o->key != NULL; o++)
		if (o->def != NULL)
			optlist_set(&t->opts, o->key, o->def, "default", 0);
}

static void
test_pushover(void)
{
	struct target		t;
	struct message		m;
	struct notification	n;
	struct http_request	r;
	char			*cause = NULL, *big;

	target_set(&t, &backend_pushover);
	optlist_set(&t.opts, "user_key", USER, "-o", 0);
	optlist_set(&t.opts, "api_token", "short", "-o", 0);
	tap_ok(backend_pushover.check(&t, &cause) == -1 && cause &&
	    strstr(cause, "'api_token' is malformed"), "malformed token named");
	free(cause);
	cause = NULL;
	optlist_set(&t.opts, "api_token", TOKEN, "-o", 0);
	tap_ok(backend_pushover.check(&t, &cause) == 0, "good keys pass");
	message_init(&m);
	big = xmalloc(2001);
	memset(big, 'a', 2000);
	big[2000] = '\0';
	m.body = big;
	m.has_status = 1;
	m.retcode = 2;
	memset(&n, 0, sizeof n);
	n.msg = &m;
	n.title = "T";
	n.target = &t;
	optlist_set(&t.opts, "priority_on_failure", "2", "-o", 0);
	optlist_set(&t.opts, "sound", "magic", "-o", 0);
	tap_ok(backend_pushover.request(&n, &r, &cause) == 0, "request built");
	tap_is_str(r.method, "POST", "POST");
	tap_is_str(r.path[0], "1", "path /1/messages.json");
	tap_is_str(r.path[1], "messages.json", "path /1/messages.json");
	tap_is_str(pair(r.form, r.nform, "token"), TOKEN, "token");
	tap_is_str(pair(r.form, r.nform, "user"), USER, "user");
	tap_ok(pair(r.form, r.nform, "token") != NULL &&
	    (r.form[0].flags & HTTP_SECRET), "token is marked secret");
	tap_is_int((long)strlen(pair(r.form, r.nform, "message")), 1023 + 3,
	    "message cut to 1024 characters");
	tap_is_str(pair(r.form, r.nform, "priority"), "2",
	    "priority_on_failure applies to a failed command");
	tap_is_str(pair(r.form, r.nform, "retry"), "60", "retry default 60");
	tap_is_str(pair(r.form, r.nform, "expire"), "3600",
	    "expire default 3600");
	tap_is_str(pair(r.form, r.nform, "sound"), "magic", "sound");
	http_request_release(&r);
	optlist_set(&t.opts, "expire", "86400", "-o", 0);
	tap_ok(backend_pushover.request(&n, &r, &cause) == -1 && cause &&
	    strstr(cause, "'expire'"), "expire past 10800 refused");
	free(cause);
	cause = NULL;
	optlist_set(&t.opts, "expire", "600", "-o", 0);
	optlist_set(&t.opts, "html", "true", "-o", 0);
	optlist_set(&t.opts, "monospace", "yes", "-o", 0);
	tap_ok(backend_pushover.request(&n, &r, &cause) == -1,
	    "html and monospace together refused");
	free(cause);
	message_release(&m);
	free(t.name);
	optlist_release(&t.opts);
}

static void
test_ntfy_sh(void)
{
	struct target		t;
	struct message		m;
	struct notification	n;
	struct http_request	r;
	char			*cause = NULL;

	target_set(&t, &backend_ntfy_sh);
	optlist_set(&t.opts, "topic", "my-topic", "-o", 0);
	optlist_set(&t.opts, "token", "tk_secret", "-o", 0);
	optlist_set(&t.opts, "priority", "high", "-o", 0);
	message_init(&m);
	m.body = xstrdup("caf\xc3\xa9");
	m.has_status = 1;
	memset(&n, 0, sizeof n);
	n.msg = &m;
	n.title = "T\xc3\xaftle";
	n.target = &t;
	tap_ok(backend_ntfy_sh.request(&n, &r, &cause) == 0, "request built");
	tap_is_str(r.path[0], "my-topic", "topic is the path");
	tap_is_str(r.body, "caf\xc3\xa9", "UTF-8 body");
	tap_is_str(pair(r.headers, r.nheaders, "X-Priority"), "4",
	    "priority name to number");
	tap_is_str(pair(r.headers, r.nheaders, "X-Tags"), "white_check_mark",
	    "success tag added");
	tap_ok(pair(r.headers, r.nheaders, "X-Title") != NULL &&
	    (r.headers[0].flags & HTTP_RFC2047), "title RFC 2047 encoded");
	tap_is_str(r.bearer, "tk_secret", "token as Bearer");
	http_request_release(&r);
	optlist_set(&t.opts, "topic", "bad/topic", "-o", 0);
	tap_ok(backend_ntfy_sh.check(&t, &cause) == -1, "bad topic refused");
	free(cause);
	message_release(&m);
	free(t.name);
	optlist_release(&t.opts);
}

static void
test_loopback(void)
{
	static const char	*local[] = { "localhost", "LocalHost.",
				    "relay.localhost", "127.0.0.1", "127.9.8.7",
				    "[::1]", "[0:0:0:0:0:0:0:1]",
				    "[::ffff:127.0.0.1]", NULL };
	static const char	*remote[] = { "example.org", "localhost.example",
				    "mylocalhost", "0.0.0.0", "128.0.0.1",
				    "10.127.0.1", "127.0.0.1.example.org", "[::]",
				    "[::2]", "[::ffff:10.0.0.1]", "::1", "", NULL };
	const char		**h;
	char			 *s;

	for (h = local; *h != NULL; h++)
		tap_ok(host_is_loopback(*h), *h);
	for (h = remote; *h != NULL; h++)
		tap_ok(!host_is_loopback(*h), *h);

	tap_is_str(s = url_host("http://u:p@host.example:8080/a?b#c"),
	    "host.example", "url_host: no user, no port");
	free(s);
	tap_is_str(s = url_host("http://[::1]:80/x"), "[::1]",
	    "url_host: IPv6 in brackets");
	free(s);
	tap_is_str(s = url_host("smtp://a@b@mail.example"), "mail.example",
	    "url_host: the last @ ends the user");
	free(s);
	tap_is_str(s = url_host("http://h.example?x=@evil"), "h.example",
	    "url_host: an @ in the query is no user");
	free(s);
	tap_ok(url_host("http:///path") == NULL, "url_host: none");
	tap_ok(url_host("no-scheme") == NULL, "url_host: not a URL");
}

int
main(void)
{
	log_level = LOG_CRITICAL;
	test_retry();
	test_truncate();
	test_pushover();
	test_ntfy_sh();
	test_loopback();
	return tap_done();
}
