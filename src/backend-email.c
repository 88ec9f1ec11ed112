/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend.h"
#include "backend-util.h"

#ifndef NTFY_MODULE
static int	email_check(const struct target *, char **);
static int	email_url(struct http_url *, struct optlist *, char **);
static int	url_headers(struct http_url *, struct optlist *, char **);

static const struct backend_option email_options[] = {
	{ "smtp_url", OPT_REQUIRED, NULL, "smtp://HOST:587 (STARTTLS) or "
	    "smtps://HOST:465 (TLS)" },
	{ "from", OPT_REQUIRED, NULL, "sender, address or Name <address>" },
	{ "to", OPT_REQUIRED, NULL, "recipients, joined by commas" },
	{ "cc", 0, NULL, "copy recipients, joined by commas" },
	{ "bcc", 0, NULL, "blind copy recipients, joined by commas" },
	{ "reply_to", 0, NULL, "Reply-To addresses, joined by commas" },
	{ "user", 0, NULL, "SMTP login (with password)" },
	{ "password", OPT_SECRET, NULL, "SMTP password" },
	{ "starttls", 0, "yes", "smtp://: yes (required), try, or no" },
	{ "headers", OPT_HEADERS, NULL, "extra mail headers, \"Name: value, "
	    "Name2: value\"" },
	{ NULL, 0, NULL, NULL }
};

/* The headers that ntfy writes itself, each from an option or the
 * message: one of them twice would make a mail ambiguous. */
static const char *const email_own_headers[] = { "from", "to", "cc", "bcc",
	"reply-to", "subject", "date", "message-id", "mime-version",
	"content-type", "content-transfer-encoding", "x-mailer", NULL };

static const char *const email_schemes[] = { "mailto", "mailtos", NULL };

const struct backend backend_email = {
	.name = "email",
	.desc = "send an e-mail through an SMTP server",
	.flags = BACKEND_NETWORK,
	.options = email_options,
	.module = "net",
	.check = email_check,
	.schemes = email_schemes,
	.url = email_url
};

struct header_check {
	const char	*label;
	char		*cause;
};

/* A header of the headers option that ntfy writes itself, or too long for
 * a line of mail: the first is kept in the cause. */
static void
header_check(void *arg, const char *name, const char *value)
{
	struct header_check	*hc = arg;
	size_t			 i;

	if (hc->cause != NULL)
		return;
	for (i = 0; email_own_headers[i] != NULL; i++)
		if (strcasecmp(name, email_own_headers[i]) == 0)
			hc->cause = xasprintf("backend '%s': option 'headers': "
			    "ntfy writes '%s' itself (see the options from, "
			    "to, cc, bcc and reply_to)", hc->label, name);
	if (hc->cause == NULL && strlen(name) + strlen(value) > 900)
		hc->cause = xasprintf("backend '%s': option 'headers': the "
		    "value of '%s' is longer than a mail header line",
		    hc->label, name);
}

/* One address of a list: no line breaks, an @, and no spaces outside a
 * display name. */
static int
address_valid(const char *s, size_t len)
{
	const char	*lt, *at;

	if (len == 0 || memchr(s, '\r', len) != NULL ||
	    memchr(s, '\n', len) != NULL)
		return 0;
	if ((lt = memchr(s, '<', len)) != NULL) {
		if (s[len - 1] != '>')
			return 0;
		len = (size_t)(s + len - 1 - (lt + 1));
		s = lt + 1;
	}
	at = memchr(s, '@', len);
	return at != NULL && at != s && at != s + len - 1 &&
	    memchr(s, ' ', len) == NULL;
}

static int
email_check(const struct target *t, char **cause)
{
	static const char *const	 lists[] = { "to", "cc", "bcc",
					    "reply_to", NULL };
	const char *const		*k;
	const char			*v, *p, *end;
	struct header_check		 hc;
	size_t				 len;

	v = target_opt(t, "smtp_url");
	if (strncmp(v, "smtp://", 7) != 0 && strncmp(v, "smtps://", 8) != 0) {
		*cause = xasprintf("backend '%s': option 'smtp_url' must be an "
		    "smtp:// or smtps:// URL, not '%s'", t->name, v);
		return -1;
	}
	v = target_opt(t, "starttls");
	if (strcmp(v, "yes") != 0 && strcmp(v, "try") != 0 &&
	    strcmp(v, "no") != 0) {
		*cause = xasprintf("backend '%s': option 'starttls' must be "
		    "yes, try or no, not '%s'", t->name, v);
		return -1;
	}
	v = target_opt(t, "from");
	if (strchr(v, ',') != NULL || !address_valid(v, strlen(v))) {
		*cause = xasprintf("backend '%s': option 'from' is not an "
		    "address: '%s'", t->name, v);
		return -1;
	}
	for (k = lists; *k != NULL; k++) {
		if ((p = target_opt(t, *k)) == NULL)
			continue;
		for (; *p != '\0'; p = end) {
			p += strspn(p, " \t,");
			end = p + strcspn(p, ",");
			len = (size_t)(end - p);
			while (len > 0 && (p[len - 1] == ' ' ||
			    p[len - 1] == '\t'))
				len--;
			if (len > 0 && !address_valid(p, len)) {
				*cause = xasprintf("backend '%s': option '%s': "
				    "'%.*s' is not an address", t->name, *k,
				    (int)len, p);
				return -1;
			}
		}
	}
	if ((target_opt(t, "user") == NULL) !=
	    (target_opt(t, "password") == NULL)) {
		*cause = xasprintf("backend '%s': options 'user' and "
		    "'password' go together", t->name);
		return -1;
	}
	if ((v = target_opt(t, "headers")) != NULL) {
		hc.label = t->name;
		hc.cause = NULL;
		if (headers_walk(t->name, v, header_check, &hc, cause) == -1) {
			free(hc.cause);
			return -1;
		}
		if (hc.cause != NULL) {
			*cause = hc.cause;
			return -1;
		}
	}
	return 0;
}

/* Apprise's ?+NAME=VALUE (the + maybe read as a blank) as the headers
 * option; a comma would end the value there, a colon the name. */
static int
url_headers(struct http_url *u, struct optlist *opts, char **cause)
{
	struct buf	 b = BUF_INIT;
	const char	*name, *value;
	size_t		 i;
	int		 r = 0;

	for (i = 0; r == 0 && i < u->nquery; i++) {
		name = u->query[i].name;
		value = u->query[i].value;
		if (*name != '+' && *name != ' ')
			continue;
		u->query[i].flags |= HTTP_TAKEN;
		name++;
		if (header_name_secret(name, strlen(name)))
			secret_add(value);
		if (name[strcspn(name, ":, \t")] != '\0' ||
		    strchr(value, ',') != NULL) {
			*cause = xasprintf("%s://: header '%s': a name with "
			    "':' or ',', or a value with ',', cannot be "
			    "given in a URL", u->scheme, name);
			r = -1;
		} else
			buf_printf(&b, "%s%s: %s", b.len ? ", " : "", name,
			    value);
	}
	if (r == 0 && b.len > 0)
		optlist_set(opts, "headers", b.data, "URL", 0);
	buf_release(&b);
	return r;
}

/*
 * mailto[s]://[USER[:PASSWORD]@]HOST[:PORT][/TO...], as Apprise reads it:
 * the SMTP server is HOST (or ?smtp=), port 25 in the clear for mailto,
 * 587 with STARTTLS for mailtos, 465 with ?mode=ssl; the sender is ?from=
 * (with ?name=), or USER@HOST; the recipients are the path and ?to=, or
 * the sender; each ?+NAME=VALUE is a header.
 */
static int
email_url(struct http_url *u, struct optlist *opts, char **cause)
{
	static const char *const	 modes[] = { "starttls", "ssl", NULL };
	static const char *const	 lists[] = { "cc", "bcc", "reply" };
	struct buf			 to = BUF_INIT, from = BUF_INIT;
	const char			*smtp, *v, *name, *port;
	char				*url;
	size_t				 i;
	int				 ssl, secure;

	if ((ssl = url_choice(u, "mode", modes, 0, cause)) == -1)
		return -1;
	secure = strcmp(u->scheme, "mailtos") == 0;
	if ((smtp = url_param(u, "smtp")) == NULL || *smtp == '\0')
		smtp = u->host;
	if (smtp == NULL) {
		*cause = xasprintf("a %s:// URL is %s://[USER[:PASSWORD]@]HOST"
		    "[:PORT][/TO...]", u->scheme, u->scheme);
		return -1;
	}
	if ((port = u->port) == NULL)
		port = !secure ? "25" : ssl ? "465" : "587";
	url = xasprintf("%s://%s:%s", secure && ssl ? "smtps" : "smtp", smtp,
	    port);
	optlist_set(opts, "smtp_url", url, "URL", 0);
	free(url);
	optlist_set(opts, "starttls", secure ? "yes" : "try", "URL", 0);
	if (u->user != NULL && *u->user != '\0') {
		optlist_set(opts, "user", u->user, "URL", 0);
		optlist_set(opts, "password", u->password ? u->password : "",
		    "URL", 0);
	}
	name = url_param(u, "name");
	if ((v = url_param(u, "from")) != NULL && *v != '\0')
		buf_adds(&from, v);
	else if (u->user != NULL && strchr(u->user, '@') != NULL)
		buf_adds(&from, u->user);
	else if (u->user != NULL && *u->user != '\0' && u->host != NULL)
		buf_printf(&from, "%s@%s", u->user, u->host);
	if (from.len > 0) {
		if (name != NULL && *name != '\0' && strchr(from.data, '<') ==
		    NULL) {
			url = xasprintf("%s <%s>", name, from.data);
			optlist_set(opts, "from", url, "URL", 0);
			free(url);
		} else
			optlist_set(opts, "from", from.data, "URL", 0);
	}
	for (i = 0; i < u->npath; i++)
		buf_printf(&to, "%s%s", to.len ? "," : "", u->path[i]);
	if ((v = url_param(u, "to")) != NULL && *v != '\0')
		buf_printf(&to, "%s%s", to.len ? "," : "", v);
	if (to.len == 0 && from.len > 0)
		buf_adds(&to, from.data);
	if (to.len > 0)
		optlist_set(opts, "to", to.data, "URL", 0);
	for (i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if ((v = url_param(u, lists[i])) != NULL && *v != '\0')
			optlist_set(opts, i == 2 ? "reply_to" : lists[i], v,
			    "URL", 0);
	buf_release(&to);
	buf_release(&from);
	return url_headers(u, opts, cause);
}
#else /* NTFY_MODULE */

#include <curl/curl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define EMAIL_LINE_MAX		998	/* octets of a line, RFC 5322 */
#define EMAIL_SUBJECT_MAX	250	/* characters kept of the title */
#define EMAIL_HEADER_MAX	900	/* and of a header of option headers */
#define EMAIL_WORD_BYTES	42	/* UTF-8 bytes per encoded word */

enum backend_result	backend_email_send(const struct notification *,
			    char **);

struct upload {
	const char	*data;
	size_t		 len;
	size_t		 off;
};

static size_t
read_cb(char *out, size_t size, size_t n, void *arg)
{
	struct upload	*u = arg;
	size_t		 len = size * n;

	if (len > u->len - u->off)
		len = u->len - u->off;
	memcpy(out, u->data + u->off, len);
	u->off += len;
	return len;
}

static char *
base64(const void *data, size_t len)
{
	char	*out;

	out = xmalloc(4 * ((len + 2) / 3) + 1);
	EVP_EncodeBlock((unsigned char *)out, data, (int)len);
	return out;
}

/* The address inside "Name <address>", or the whole entry. */
static char *
mailbox(const char *s, size_t len)
{
	const char	*lt;

	if ((lt = memchr(s, '<', len)) != NULL)
		return xstrndup(lt + 1, strcspn(lt + 1, ">"));
	return xstrndup(s, len);
}

/* Walk a comma list: its addresses added to rcpt (with rcpt_add) for
 * RCPT TO, and the header's value (when header is not NULL). */
static struct curl_slist *
recipients(struct curl_slist *rcpt, int rcpt_add, const char *list,
    struct buf *header)
{
	char			*item, *box, *angle;
	size_t			 i;

	for (i = 0; (item = list_nth(list, i)) != NULL; i++) {
		box = mailbox(item, strlen(item));
		angle = xasprintf("<%s>", box);
		if (rcpt_add)
			rcpt = curl_slist_append(rcpt, angle);
		free(angle);
		free(box);
		if (header != NULL)
			buf_printf(header, "%s%s", header->len ? ",\r\n " :
			    "", item);
		free(item);
	}
	return rcpt;
}

/* A field of one line (a line break in the text would start a header of
 * its own), cut to max characters, RFC 2047 encoded words when not ASCII. */
static void
add_field(struct buf *b, const char *name, const char *text, size_t max)
{
	const unsigned char	*p;
	char			*s, *word, *valid, *flat;
	size_t			 len, off, n;
	int			 ascii = 1, cut;

	valid = utf8_repair(text, strlen(text));
	flat = text_flatten(valid);
	s = text_truncate(flat, max, &cut);
	free(flat);
	free(valid);
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p >= 0x80 || *p < 0x20)
			ascii = 0;
	if (ascii) {
		buf_printf(b, "%s: %s\r\n", name, s);
		free(s);
		return;
	}
	buf_printf(b, "%s:", name);
	len = strlen(s);
	for (off = 0; off < len; off += n) {
		n = len - off;
		if (n > EMAIL_WORD_BYTES) {
			n = EMAIL_WORD_BYTES;
			while (n > 0 && ((unsigned char)s[off + n] & 0xc0) ==
			    0x80)
				n--;
		}
		word = base64(s + off, n);
		buf_printf(b, "%s=?UTF-8?B?%s?=", off ? "\r\n " : " ", word);
		free(word);
	}
	buf_adds(b, "\r\n");
	free(s);
}

/* RFC 5322 date in the local zone, in English whatever the locale. */
static void
add_date(struct buf *b, time_t t)
{
	static const char	*days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
				    "Fri", "Sat" };
	static const char	*months[] = { "Jan", "Feb", "Mar", "Apr",
				    "May", "Jun", "Jul", "Aug", "Sep", "Oct",
				    "Nov", "Dec" };
	struct tm		 tm;
	long			 off;

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	buf_printf(b, "Date: %s, %d %s %d %02d:%02d:%02d %c%02ld%02ld\r\n",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
}

static void
add_message_id(struct buf *b, const char *from)
{
	unsigned char	 rnd[12];
	const char	*at;
	char		*box;
	size_t		 i;

	box = mailbox(from, strlen(from));
	at = strchr(box, '@');
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		fatal("getrandom failed");
	buf_adds(b, "Message-ID: <");
	for (i = 0; i < sizeof rnd; i++)
		buf_printf(b, "%02x", rnd[i]);
	buf_printf(b, ".%lld.ntfy@%s>\r\n", (long long)time(NULL),
	    at ? at + 1 : "localhost");
	free(box);
}

/*
 * The text with every line end, CR LF, a bare LF or a bare CR, made CR LF
 * and the last line ended too: a bare CR or LF must not reach the server,
 * where it could end the DATA early (SMTP smuggling).
 */
static struct buf
crlf_lines(const char *text, size_t *longest)
{
	struct buf	 b = BUF_INIT;
	const char	*p = text;
	size_t		 n;

	*longest = 0;
	while (*p != '\0') {
		n = strcspn(p, "\r\n");
		if (n > *longest)
			*longest = n;
		buf_add(&b, p, n);
		buf_adds(&b, "\r\n");
		p += n;
		if (p[0] == '\r' && p[1] == '\n')
			p += 2;
		else if (*p != '\0')
			p++;
	}
	return b;
}

/* The body with CRLF line ends; base64 when a line is too long for SMTP. */
static void
add_body(struct buf *b, const char *text)
{
	struct buf	 lines;
	char		*enc;
	size_t		 len, i, n, longest;

	lines = crlf_lines(text, &longest);
	if (longest <= EMAIL_LINE_MAX) {
		buf_adds(b, "Content-Transfer-Encoding: 8bit\r\n\r\n");
		buf_add(b, lines.data ? lines.data : "", lines.len);
		buf_release(&lines);
		return;
	}
	buf_adds(b, "Content-Transfer-Encoding: base64\r\n\r\n");
	enc = base64(lines.data, lines.len);
	len = strlen(enc);
	for (i = 0; i < len; i += n) {
		n = len - i < 76 ? len - i : 76;
		buf_add(b, enc + i, n);
		buf_adds(b, "\r\n");
	}
	free(enc);
	buf_release(&lines);
}

/* A header of the headers option, checked by email_check(). */
static void
extra_header(void *arg, const char *name, const char *value)
{
	add_field(arg, name, value, EMAIL_HEADER_MAX);
}

static char *
email_build(const struct notification *n, struct buf *to)
{
	struct buf	 b = BUF_INIT, h = BUF_INIT;
	const char	*body = n->msg->body ? n->msg->body : "", *v;
	char		*cause = NULL;

	buf_printf(&b, "From: %s\r\n", notif_opt(n, "from"));
	buf_printf(&b, "To: %s\r\n", to->data);
	if ((v = notif_opt(n, "cc")) != NULL) {
		recipients(NULL, 0, v, &h);
		if (h.len > 0)
			buf_printf(&b, "Cc: %s\r\n", h.data);
		h.len = 0;
	}
	if ((v = notif_opt(n, "reply_to")) != NULL) {
		recipients(NULL, 0, v, &h);
		if (h.len > 0)
			buf_printf(&b, "Reply-To: %s\r\n", h.data);
	}
	buf_release(&h);
	add_field(&b, "Subject", n->title && *n->title ? n->title : "ntfy",
	    EMAIL_SUBJECT_MAX);
	add_date(&b, n->msg->time ? n->msg->time : time(NULL));
	add_message_id(&b, notif_opt(n, "from"));
	buf_printf(&b, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "X-Mailer: ntfy %s\r\n", PACKAGE_VERSION);
	if ((v = notif_opt(n, "headers")) != NULL &&
	    headers_walk(n->target->name, v, extra_header, &b, &cause) == -1)
		free(cause);	/* checked by email_check() */
	add_body(&b, body);
	return buf_detach(&b);
}

/* libcurl shows the SMTP server's reply lines only to a debug callback:
 * keep the last refusal (4xx or 5xx; QUIT's answer comes after it); what
 * ntfy sends, the login among it, is not looked at. */
static int
reply_cb(CURL *c, curl_infotype type, char *data, size_t len, void *arg)
{
	struct buf	*last = arg;

	(void)c;
	if (type == CURLINFO_HEADER_IN && len > 0 &&
	    (data[0] == '4' || data[0] == '5')) {
		buf_release(last);
		buf_add(last, data, len);
	}
	return 0;
}

/* "SMTP 530: Must issue a STARTTLS command first", in the server's words
 * when it said any, cleaned and cut. */
static char *
smtp_refusal(long code, const struct buf *reply, const char *why)
{
	char		*text, *flat, *out;
	const char	*p;
	size_t		 len;

	if (reply->len < 4 || strtol(reply->data, NULL, 10) != code)
		return xasprintf("SMTP %ld: %s", code, why);
	p = reply->data + 4;
	len = reply->len - 4;
	while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
		len--;
	text = utf8_repair(p, len);
	flat = text_flatten(text);
	len = utf8_truncate(flat, 200);
	out = xasprintf("SMTP %ld: %.*s%s", code, (int)len, flat,
	    flat[len] != '\0' ? "..." : "");
	free(flat);
	free(text);
	return out;
}

/* How a failed transfer ends: SMTP 4xx and no answer are worth another
 * try, the rest is final. */
static enum backend_result
email_verdict(CURL *c, CURLcode rc, const char *errbuf,
    const struct buf *reply, char **cause)
{
	const char	*why = *errbuf ? errbuf : curl_easy_strerror(rc);
	long		 code = 0;

	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (code >= 400 && code < 600 && rc != CURLE_LOGIN_DENIED) {
		*cause = smtp_refusal(code, reply, why);
		return code < 500 ? BACKEND_TEMPFAIL : BACKEND_PERMFAIL;
	}
	switch (rc) {
	case CURLE_LOGIN_DENIED:
		*cause = xasprintf("the SMTP server refused the login: %s",
		    why);
		return BACKEND_PERMFAIL;
	case CURLE_USE_SSL_FAILED:
		*cause = xasprintf("%s (the server offers no STARTTLS; use "
		    "smtps:// or set starttls = no)", why);
		return BACKEND_PERMFAIL;
	case CURLE_PEER_FAILED_VERIFICATION:
		*cause = xasprintf("%s (for a server with a private CA, set "
		    "ca_file)", why);
		return BACKEND_PERMFAIL;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
		*cause = xstrdup(why);
		return BACKEND_TEMPFAIL;
	default:
		break;
	}
	*cause = xstrdup(why);
	return BACKEND_PERMFAIL;
}

enum backend_result
backend_email_send(const struct notification *n, char **cause)
{
	struct curl_slist	*rcpt;
	struct upload		 up;
	struct buf		 to = BUF_INIT, reply = BUF_INIT;
	enum backend_result	 r = BACKEND_OK;
	const char		*url = notif_opt(n, "smtp_url"), *v;
	char			*msg, *from, *host, errbuf[CURL_ERROR_SIZE] = "";
	double			 timeout = 15, connect = 5;
	long			 ssl;
	CURLcode		 rc;
	CURL			*c;

	if (notif_seconds(n, "timeout", &timeout, cause) == -1 ||
	    notif_seconds(n, "connect_timeout", &connect, cause) == -1)
		return BACKEND_PERMFAIL;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    (c = curl_easy_init()) == NULL) {
		*cause = xstrdup("cannot initialise libcurl");
		return BACKEND_TEMPFAIL;
	}
	rcpt = recipients(NULL, 1, notif_opt(n, "to"), &to);
	if ((v = notif_opt(n, "cc")) != NULL)
		rcpt = recipients(rcpt, 1, v, NULL);
	if ((v = notif_opt(n, "bcc")) != NULL)
		rcpt = recipients(rcpt, 1, v, NULL);
	if (to.len == 0) {
		*cause = xasprintf("backend '%s': option 'to' names no "
		    "recipient", n->target->name);
		curl_slist_free_all(rcpt);
		curl_easy_cleanup(c);
		buf_release(&to);
		return BACKEND_PERMFAIL;
	}
	msg = email_build(n, &to);
	v = notif_opt(n, "from");
	from = mailbox(v, strlen(v));
	up.data = msg;
	up.len = strlen(msg);
	up.off = 0;
	v = notif_opt(n, "starttls");
	ssl = strcmp(v, "no") == 0 ? CURLUSESSL_NONE : strcmp(v, "try") == 0 ?
	    CURLUSESSL_TRY : CURLUSESSL_ALL;
	if (strncmp(url, "smtps://", 8) == 0)
		ssl = CURLUSESSL_ALL;
	else if (ssl == CURLUSESSL_NONE && notif_opt(n, "user") != NULL) {
		host = url_host(url);
		plaintext_warn(n->target->name, host, "the SMTP login and the "
		    "messages", "starttls = no");
		free(host);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)up.len);
	curl_easy_setopt(c, CURLOPT_USE_SSL, ssl);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, reply_cb);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, &reply);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (timeout > 0)
		curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(timeout * 1000));
	if (connect > 0)
		curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
		    (long)(connect * 1000));
	if ((v = notif_opt(n, "ca_file")) != NULL && *v != '\0')
		curl_easy_setopt(c, CURLOPT_CAINFO, v);
	if ((v = notif_opt(n, "user")) != NULL) {
		curl_easy_setopt(c, CURLOPT_USERNAME, v);
		curl_easy_setopt(c, CURLOPT_PASSWORD, notif_opt(n,
		    "password"));
	}
	log_debug("%s: SMTP %s, %zu bytes from %s", n->target->name, url,
	    up.len, from);
	if ((rc = curl_easy_perform(c)) != CURLE_OK)
		r = email_verdict(c, rc, errbuf, &reply, cause);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	explicit_bzero(msg, up.len);
	free(msg);
	free(from);
	buf_release(&to);
	buf_release(&reply);
	return r;
}
#endif /* NTFY_MODULE */
