/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: every HTTP backend's reply parser (Pushover, ntfy.sh,
 * Gotify... JSON, Prowl's XML, Matrix's and Rocket.Chat's log-in steps).
 *
 * Input: one byte picks the backend, one its options (a token, or a user
 * and password that log in first); then up to four replies separated by
 * "\n--\n", each "STATUS\nName: value\n...\n\nBODY".  The backend's
 * request() and response() run in turn as the dispatcher calls them, and
 * every verdict must be one the dispatcher knows, with a cause on failure.
 */
#include "config.h"

#include <sys/stat.h>

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "net-crypto.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define REPLIES_MAX	4

static const struct backend	**http;
static size_t			  nhttp;
static char			  state[] = "/tmp/ntfy-fuzz.XXXXXX";
static char			  vapid_dir[] = "/tmp/ntfy-fuzz-vapid.XXXXXX";
static char			 *vapid_pem;	/* webpush's VAPID key */

/* Values that pass each backend's checks, for one backend or any (NULL);
 * "when" is ALWAYS, LOGIN (variant 1) or TOKEN (variant 0). */
enum { ALWAYS, LOGIN, TOKEN };
static const struct {
	const char	*backend;
	const char	*key;
	const char	*value;
	int		 when;
} values[] = {
	{ "telegram", "token", "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
	    ALWAYS },
	{ "prowl", "api_key", "0123456789abcdef0123456789abcdef01234567",
	    ALWAYS },
	{ "notifico", "project", "1234", LOGIN },
	{ "notifico", "hook", "hookTOKEN123", LOGIN },
	{ "webpush", "subscription", "{\"endpoint\": \"http://127.0.0.1:9/"
	    "push/x\", \"keys\": {\"p256dh\": \"BC-pYrlgoTokiiIo3PlwNbHgZolpF1"
	    "PHFX-hm686mgycl7gTtEXE5U1PXPyW9YlR3HdPxyXZpcgYVEbyPZbmnSQ\", "
	    "\"auth\": \"hrb4LnNj31nHtsDe3LFy7g\"}}", ALWAYS },
	{ "webpush", "vapid_subject", "mailto:fuzz@example.org", ALWAYS },
	{ NULL, "url", "http://127.0.0.1:9/hooks/abc/def", TOKEN },
	{ NULL, "endpoint", "http://127.0.0.1:9", ALWAYS },
	{ NULL, "token", "azGDORePK8gMaC0QOYAMyEEuzJnyUi", TOKEN },
	{ NULL, "webhook", "http://127.0.0.1:9/hooks/abc/def", TOKEN },
	{ NULL, "user_key", "uQiRzpo4DXghDmr9QzzfQu27cmVRsG", ALWAYS },
	{ NULL, "api_token", "azGDORePK8gMaC0QOYAMyEEuzJnyUi", ALWAYS },
	{ NULL, "roomId", "!room:example.org", ALWAYS },
	{ NULL, "chat_id", "12345", ALWAYS },
	{ NULL, "recipient", "#general", ALWAYS },
	{ NULL, "trackers", "a,b", ALWAYS },
	{ NULL, "url", "http://127.0.0.1:9", LOGIN },
	{ NULL, "userId", "@bot:example.org", LOGIN },
	{ NULL, "user", "bot", LOGIN },
	{ NULL, "username", "bot", LOGIN },
	{ NULL, "password", "hunter2hunter2", LOGIN },
	{ NULL, "room", "#general", LOGIN },
	{ NULL, "roomId", "!room:example.org", LOGIN },
};

static int
remove_below(const char *path, const struct stat *sb, int flag,
    struct FTW *f)
{
	(void)sb;
	(void)flag;
	if (f->level > 0)
		remove(path);
	return 0;
}

/* Each input starts from an empty state directory, so runs repeat. */
static void
state_clear(void)
{
	nftw(state, remove_below, 8, FTW_DEPTH | FTW_PHYS);
}

/* At exit the directories go too, not left in /tmp by every run. */
static void
state_remove(void)
{
	state_clear();
	rmdir(state);
	if (vapid_pem != NULL)
		unlink(vapid_pem);
	rmdir(vapid_dir);
}

/* A VAPID key file for webpush, made by the net module once. */
static void
vapid_make(void)
{
	net_webpush_keygen_fn	 keygen;
	char			*pem = NULL, *pub = NULL, *cause = NULL;
	FILE			*f;

	keygen = (net_webpush_keygen_fn)module_symbol("net",
	    "net_webpush_keygen", &cause);
	if (keygen == NULL || keygen(&pem, &pub, &cause) == -1 ||
	    mkdtemp(vapid_dir) == NULL) {
		fprintf(stderr, "no VAPID key: %s\n", cause ? cause : "?");
		abort();
	}
	vapid_pem = xasprintf("%s/vapid.pem", vapid_dir);
	if ((f = fopen(vapid_pem, "w")) == NULL || fputs(pem, f) == EOF ||
	    fclose(f) == EOF)
		abort();
	free(pem);
	free(pub);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const struct backend	**b;

	(void)argc;
	(void)argv;
	log_level = -1;
	/* Matrix keeps its access token in the state directory. */
	if (mkdtemp(state) == NULL)
		abort();
	atexit(state_remove);
	setenv("NTFY_MODULE_DIR", BUILD_DIR "/.libs", 0);
	vapid_make();
	setenv("HOME", state, 1);
	setenv("XDG_STATE_HOME", state, 1);
	for (b = backends; *b != NULL; b++) {
		if ((*b)->request == NULL)
			continue;
		http = xreallocarray(http, nhttp + 1, sizeof *http);
		http[nhttp++] = *b;
	}
	return 0;
}

static void
target_fill(struct target *t, const struct backend *b, int login)
{
	const struct backend_option	*o;
	const char			*v;
	size_t				 i;

	memset(t, 0, sizeof *t);
	t->name = xstrdup(b->name);
	t->backend = b;
	for (o = b->options; o->key != NULL; o++) {
		v = o->def;
		for (i = sizeof values / sizeof values[0]; i-- > 0; )
			if (strcmp(values[i].key, o->key) == 0 &&
			    (values[i].backend == NULL ||
			    strcmp(values[i].backend, b->name) == 0) &&
			    (values[i].when == ALWAYS ||
			    values[i].when == (login ? LOGIN : TOKEN) ||
			    (o->flags & OPT_REQUIRED)))
				v = values[i].value;
		if (v == NULL && (o->flags & OPT_REQUIRED))
			v = "value12345";
		if (v != NULL)
			optlist_set(&t->opts, o->key, v, "fuzz", 0);
	}
	if (strcmp(b->name, "webpush") == 0)
		optlist_set(&t->opts, "vapid_private_key", vapid_pem, "fuzz",
		    0);
	for (o = network_options; o->key != NULL; o++)
		if (o->def != NULL)
			optlist_set(&t->opts, o->key, o->def, "default", 0);
}

/* One reply from "STATUS\nheaders\n\nbody"; the input is NUL-free. */
static void
reply_parse(struct http_response *r, const char *s, size_t len)
{
	const char	*end = s + len, *nl, *colon;
	char		*line;

	memset(r, 0, sizeof *r);
	nl = memchr(s, '\n', len);
	if (nl == NULL)
		nl = end;
	line = xstrndup(s, (size_t)(nl - s));
	r->status = strtol(line, NULL, 10) % 1000;
	free(line);
	if (r->status < 0)
		r->status = 0;
	if (r->status == 0)
		r->neterr = 1;
	s = nl < end ? nl + 1 : end;
	while (s < end && *s != '\n' && r->nheaders < HTTP_HEADERS_MAX) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		if ((colon = memchr(s, ':', (size_t)(nl - s))) != NULL) {
			r->headers = xreallocarray(r->headers, r->nheaders + 1,
			    sizeof *r->headers);
			r->headers[r->nheaders].name = xstrndup(s,
			    (size_t)(colon - s));
			colon++;
			while (colon < nl && *colon == ' ')
				colon++;
			r->headers[r->nheaders].value = xstrndup(colon,
			    (size_t)(nl - colon));
			r->headers[r->nheaders++].flags = 0;
		}
		s = nl < end ? nl + 1 : end;
	}
	if (s < end && *s == '\n')
		s++;
	r->body = xstrndup(s, (size_t)(end - s));
	r->bodylen = (size_t)(end - s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct backend	*b;
	struct target		 t;
	struct message		 msg;
	struct optlist		 vars = { NULL, 0 };
	struct notification	 n;
	struct http_request	 req;
	struct http_response	 resp;
	enum backend_result	 v;
	const char		*p, *end, *sep;
	char			*cause = NULL;
	int			 i;

	if (size < 2 || size > 65536 ||
	    memchr(data + 2, '\0', size - 2) != NULL)
		return 0;
	b = http[data[0] % nhttp];
	target_fill(&t, b, data[1] & 1);
	if (b->check != NULL && b->check(&t, &cause) == -1) {
		fprintf(stderr, "%s: the fuzz options fail the check: %s\n",
		    b->name, cause);
		abort();
	}
	message_init(&msg);
	msg.body = xstrdup("backup done");
	msg.command = xstrdup("make -j8");
	msg.has_status = 1;
	msg.retcode = 2;
	msg.duration = 61.5;
	memset(&n, 0, sizeof n);
	n.msg = &msg;
	n.title = "host: done";
	n.target = &t;
	n.vars = &vars;
	p = (const char *)data + 2;
	end = (const char *)data + size;
	state_clear();
	for (i = 0; i < REPLIES_MAX; i++, n.step++) {
		free(cause);
		cause = NULL;
		memset(&req, 0, sizeof req);
		if (b->request(&n, &req, &cause) == -1) {
			http_request_release(&req);
			if (cause == NULL)
				abort();
			break;
		}
		http_request_release(&req);
		sep = memmem(p, (size_t)(end - p), "\n--\n", 4);
		reply_parse(&resp, p, (size_t)((sep ? sep : end) - p));
		v = b->response ? b->response(&n, &resp, &cause) :
		    http_verdict(&resp, &cause);
		http_response_release(&resp);
		if (v != BACKEND_OK && v != BACKEND_TEMPFAIL &&
		    v != BACKEND_PERMFAIL && v != BACKEND_NEXT)
			abort();
		if ((v == BACKEND_TEMPFAIL || v == BACKEND_PERMFAIL) &&
		    cause == NULL)
			abort();	/* a failure always says why */
		if (v != BACKEND_NEXT || sep == NULL)
			break;
		p = sep + 4;
	}
	free(cause);
	optlist_release(&vars);
	optlist_release(&t.opts);
	free(t.name);
	message_release(&msg);
	secrets_clear();
	return 0;
}
