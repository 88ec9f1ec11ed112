/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"

#ifndef NTFY_MODULE
static int	xmpp_check(const struct target *, char **);

static const struct backend_option xmpp_options[] = {
	{ "jid", OPT_REQUIRED, NULL, "the account that sends, "
	    "user@example.org" },
	{ "password", OPT_REQUIRED | OPT_SECRET, NULL, "its password" },
	{ "recipient", OPT_REQUIRED, NULL, "the JID the message goes to" },
	{ "hostname", 0, NULL, "server to connect to [from DNS SRV records of "
	    "the jid's domain]" },
	{ "port", 0, "5222", "port on hostname" },
	{ "mtype", 0, "chat", "message type: chat, normal or headline" },
	{ "path_to_certs", 0, NULL, "directory or PEM file of the CAs to "
	    "trust [the system's]" },
	{ "tls", 0, "yes", "yes (STARTTLS required), try, no, or direct "
	    "(TLS from the start, port 5223)" },
	{ "timeout", 0, "30", "seconds to connect and deliver" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_xmpp = {
	.name = "xmpp",
	.desc = "a Jabber/XMPP message (libstrophe)",
	.flags = BACKEND_QUEUE,
	.options = xmpp_options,
	.module = "xmpp",
	.check = xmpp_check,
#ifndef HAVE_LIBSTROPHE
	.requires = "--with-libstrophe",
#endif
};

static int
xmpp_check(const struct target *t, char **cause)
{
	static const char	*types[] = { "chat", "normal", "headline" };
	static const char	*tls[] = { "yes", "try", "no", "direct" };
	const char		*v;
	long			 port;
	size_t			 i;

	v = target_opt(t, "mtype");
	for (i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(v, types[i]) == 0)
			break;
	if (i == sizeof types / sizeof types[0]) {
		*cause = xasprintf("backend '%s': option 'mtype' must be chat, "
		    "normal or headline, not '%s'", t->name, v);
		return -1;
	}
	v = target_opt(t, "tls");
	for (i = 0; i < sizeof tls / sizeof tls[0]; i++)
		if (strcmp(v, tls[i]) == 0)
			break;
	if (i == sizeof tls / sizeof tls[0]) {
		*cause = xasprintf("backend '%s': option 'tls' must be yes, "
		    "try, no or direct, not '%s'", t->name, v);
		return -1;
	}
	if (parse_long(target_opt(t, "port"), 1, 65535, &port) == -1) {
		*cause = xasprintf("backend '%s': option 'port' must be a port "
		    "number, not '%s'", t->name, target_opt(t, "port"));
		return -1;
	}
	if (strchr(target_opt(t, "jid"), '@') == NULL ||
	    strchr(target_opt(t, "recipient"), '@') == NULL) {
		*cause = xasprintf("backend '%s': options 'jid' and "
		    "'recipient' are JIDs, user@example.org", t->name);
		return -1;
	}
	return 0;
}
#else /* NTFY_MODULE */

#include <strophe.h>
#include <sys/stat.h>
#include <time.h>

#define XMPP_PING_ID	"ntfy-ping"
#define XMPP_MSG_ID	"ntfy-msg"

enum backend_result	backend_xmpp_send(const struct notification *,
			    char **);

struct xmpp_state {
	const struct notification	*n;
	int				 connected;
	int				 delivered;	/* the server answered
							   the ping after it */
	int				 done;
	char				*error;
	int				 sock_error;	/* connect's errno */
	int				 no_tls;	/* not offered */
	int				 auth_failed;
	char				*cert_error;	/* why the TLS
							   certificate failed */
};

/* The send in progress, for the certificate handler, which gets no
 * argument of its own. */
static struct xmpp_state	*cert_state;

static double
clock_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * libstrophe's log: warnings and errors at -v (its debug level shows the
 * stream, password exchange included); what went wrong is read from it
 * too, since the connection handler is not told.
 */
static void
ntfy_xmpp_log(void *arg, xmpp_log_level_t level, const char *area,
    const char *msg)
{
	struct xmpp_state	*s = arg;
	const char		*p;

	if (level >= XMPP_LEVEL_WARN)
		log_debug("xmpp: %s: %s", area, msg);
	if ((p = strstr(msg, "connection failed, error ")) != NULL)
		s->sock_error = (int)strtol(p + 25, NULL, 10);
	else if (strstr(msg, "TLS is not supported") != NULL)
		s->no_tls = 1;
	else if (strstr(msg, "auth failed") != NULL ||
	    strstr(msg, "Cannot authenticate") != NULL)
		s->auth_failed = 1;
}

/* A certificate that does not verify: remember why and hang up. */
static int
on_certfail(const xmpp_tlscert_t *cert, const char *const why)
{
	(void)cert;
	if (cert_state != NULL && cert_state->cert_error == NULL)
		cert_state->cert_error = xstrdup(why ? why : "not trusted");
	return 0;
}

/* The condition of an error stanza, "item-not-found" or so. */
static char *
stanza_error(xmpp_stanza_t *st)
{
	xmpp_stanza_t	*err, *c;
	const char	*name;

	if ((err = xmpp_stanza_get_child_by_name(st, "error")) != NULL)
		for (c = xmpp_stanza_get_children(err); c != NULL;
		    c = xmpp_stanza_get_next(c))
			if ((name = xmpp_stanza_get_name(c)) != NULL &&
			    strcmp(name, "text") != 0)
				return xstrdup(name);
	return xstrdup("error");
}

/* A message bounced: the recipient does not exist or refuses. */
static int
on_bounce(xmpp_conn_t *conn, xmpp_stanza_t *st, void *arg)
{
	struct xmpp_state	*s = arg;
	const char		*id = xmpp_stanza_get_id(st);
	char			*why;

	(void)conn;
	if (id == NULL || strcmp(id, XMPP_MSG_ID) != 0 || s->error != NULL)
		return 1;
	why = stanza_error(st);
	s->error = xasprintf("the server refused the message to '%s': %s",
	    notif_opt(s->n, "recipient"), why);
	free(why);
	return 1;
}

/* The server answered the ping sent after the message: it was routed. */
static int
on_ping(xmpp_conn_t *conn, xmpp_stanza_t *st, void *arg)
{
	struct xmpp_state	*s = arg;

	(void)st;
	s->delivered = 1;
	xmpp_disconnect(conn);
	return 0;
}

static void
send_message(xmpp_conn_t *conn, struct xmpp_state *s)
{
	const struct notification	*n = s->n;
	xmpp_ctx_t			*ctx = xmpp_conn_get_context(conn);
	xmpp_stanza_t			*m, *sub, *text, *iq, *ping;
	char				*domain;

	m = xmpp_message_new(ctx, notif_opt(n, "mtype"),
	    notif_opt(n, "recipient"), XMPP_MSG_ID);
	if (n->title != NULL && *n->title != '\0') {
		sub = xmpp_stanza_new(ctx);
		xmpp_stanza_set_name(sub, "subject");
		text = xmpp_stanza_new(ctx);
		xmpp_stanza_set_text(text, n->title);
		xmpp_stanza_add_child(sub, text);
		xmpp_stanza_release(text);
		xmpp_stanza_add_child(m, sub);
		xmpp_stanza_release(sub);
	}
	xmpp_message_set_body(m, n->msg->body && *n->msg->body ?
	    n->msg->body : "(no message)");
	xmpp_send(conn, m);
	xmpp_stanza_release(m);

	domain = xmpp_jid_domain(ctx, notif_opt(n, "jid"));
	iq = xmpp_iq_new(ctx, "get", XMPP_PING_ID);
	xmpp_stanza_set_to(iq, domain);
	xmpp_free(ctx, domain);
	ping = xmpp_stanza_new(ctx);
	xmpp_stanza_set_name(ping, "ping");
	xmpp_stanza_set_ns(ping, "urn:xmpp:ping");
	xmpp_stanza_add_child(iq, ping);
	xmpp_stanza_release(ping);
	xmpp_id_handler_add(conn, on_ping, XMPP_PING_ID, s);
	xmpp_send(conn, iq);
	xmpp_stanza_release(iq);
}

static void
on_conn(xmpp_conn_t *conn, xmpp_conn_event_t ev, int error,
    xmpp_stream_error_t *se, void *arg)
{
	struct xmpp_state	*s = arg;

	if (ev == XMPP_CONN_CONNECT) {
		s->connected = 1;
		xmpp_handler_add(conn, on_bounce, NULL, "message", "error", s);
		send_message(conn, s);
		return;
	}
	if (ev == XMPP_CONN_RAW_CONNECT)
		return;
	s->done = 1;
	if (s->delivered || s->error != NULL)
		return;
	if (se != NULL && se->text != NULL)
		s->error = xasprintf("the server closed the stream: %s",
		    se->text);
	else if (error != 0 || s->sock_error != 0)
		s->error = xasprintf("cannot connect: %s", strerror(error ?
		    error : s->sock_error));
	else if (s->no_tls)
		s->error = xstrdup("the server offers no TLS (set tls = no "
		    "only for a server on a network you trust)");
	else if (s->auth_failed)
		s->error = xstrdup("the server refused the login: wrong jid "
		    "or password");
	else if (!s->connected)
		s->error = xstrdup("the server closed the connection before "
		    "the login ended");
	else
		s->error = xstrdup("the connection closed before the server "
		    "confirmed the message");
}

/* The domain of a JID, user@domain/resource. */
static char *
jid_domain(const char *jid)
{
	const char	*at = strchr(jid, '@');

	at = at ? at + 1 : jid;
	return xstrndup(at, strcspn(at, "/"));
}

static long
tls_flags(const char *v)
{
	if (strcmp(v, "no") == 0)
		return XMPP_CONN_FLAG_DISABLE_TLS;
	if (strcmp(v, "try") == 0)
		return 0;
	if (strcmp(v, "direct") == 0)
		return XMPP_CONN_FLAG_LEGACY_SSL;
	return XMPP_CONN_FLAG_MANDATORY_TLS;
}

enum backend_result
backend_xmpp_send(const struct notification *n, char **cause)
{
	struct xmpp_state	 s;
	xmpp_log_t		 logger = { ntfy_xmpp_log, &s };
	xmpp_ctx_t		*ctx;
	xmpp_conn_t		*conn;
	struct stat		 sb;
	const char		*v, *host;
	char			*where;
	double			 timeout = 30, deadline;
	long			 port = 5222;
	int			 late = 0, i;

	if (notif_seconds(n, "timeout", &timeout, cause) == -1 ||
	    notif_long(n, "port", 1, 65535, &port, cause) == -1)
		return BACKEND_PERMFAIL;
	memset(&s, 0, sizeof s);
	s.n = n;
	xmpp_initialize();
	ctx = xmpp_ctx_new(NULL, &logger);
	conn = xmpp_conn_new(ctx);
	xmpp_conn_set_flags(conn, tls_flags(notif_opt(n, "tls")) |
	    XMPP_CONN_FLAG_DISABLE_SM);
	xmpp_conn_set_jid(conn, notif_opt(n, "jid"));
	xmpp_conn_set_pass(conn, notif_opt(n, "password"));
	cert_state = &s;
	xmpp_conn_set_certfail_handler(conn, on_certfail);
	if ((v = notif_opt(n, "path_to_certs")) != NULL && *v != '\0') {
		if (stat(v, &sb) == 0 && S_ISDIR(sb.st_mode))
			xmpp_conn_set_capath(conn, v);
		else
			xmpp_conn_set_cafile(conn, v);
	}
	host = notif_opt(n, "hostname");
	if (strcmp(notif_opt(n, "tls"), "no") == 0) {
		where = host ? xstrdup(host) : jid_domain(notif_opt(n, "jid"));
		plaintext_warn(n->target->name, where, "the login and the "
		    "messages", "tls = no");
		free(where);
	}
	log_debug("%s: connecting to %s port %ld as %s", n->target->name,
	    host ? host : "the jid's domain", port, notif_opt(n, "jid"));
	if (xmpp_connect_client(conn, host, (unsigned short)port, on_conn,
	    &s) != XMPP_EOK) {
		s.error = xstrdup("cannot connect to the XMPP server");
		s.done = 1;
	}
	deadline = clock_now() + (timeout > 0 ? timeout : 1e9);
	while (!s.done && clock_now() < deadline)
		xmpp_run_once(ctx, 100);
	if (!s.done) {
		late = 1;
		xmpp_disconnect(conn);
		for (i = 0; i < 10 && !s.done; i++)
			xmpp_run_once(ctx, 100);
	}
	xmpp_conn_release(conn);
	xmpp_ctx_free(ctx);
	xmpp_shutdown();
	cert_state = NULL;
	if (s.cert_error != NULL) {
		free(s.error);
		*cause = xasprintf("TLS certificate problem: %s (for a server "
		    "with a private CA, set path_to_certs)", s.cert_error);
		free(s.cert_error);
		return BACKEND_PERMFAIL;
	}
	if (late && !s.delivered) {
		free(s.error);
		*cause = xasprintf("no answer from the XMPP server in %g s",
		    timeout);
		return BACKEND_TEMPFAIL;
	}
	if (s.error != NULL) {
		*cause = s.error;
		return s.connected || s.auth_failed || s.no_tls ?
		    BACKEND_PERMFAIL : BACKEND_TEMPFAIL;
	}
	return BACKEND_OK;
}
#endif /* NTFY_MODULE */
