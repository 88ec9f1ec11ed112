/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend-util.h"

/* The message text, never NULL. */
const char *
notif_body(const struct notification *n)
{
	return n->msg->body != NULL ? n->msg->body : "";
}

/*
 * A webhook URL is a secret as a whole, but -v shows the URL the way the
 * net module rebuilt it: register everything after the host too, so that
 * the logs show only the scheme and the host.
 */
void
url_secret_path(const char *url)
{
	const char	*p;

	if (url == NULL || (p = strstr(url, "://")) == NULL)
		return;
	if ((p = strchr(p + 3, '/')) == NULL)
		return;
	while (*p == '/')
		p++;
	secret_add(p);
}

/* The webhook URL in option key, sent to the option endpoint's scheme,
 * host and port instead of its own when endpoint is set. */
char *
url_rebase(const struct notification *n, const char *key)
{
	const char	*url = notif_opt(n, key), *ep, *path;
	size_t		 len;

	ep = notif_opt(n, "endpoint");
	if (ep == NULL || *ep == '\0' || (path = strstr(url, "://")) == NULL)
		return xstrdup(url);
	path += 3;
	path += strcspn(path, "/?");
	len = strlen(ep);
	while (len > 0 && ep[len - 1] == '/')
		len--;
	return xasprintf("%.*s%s", (int)len, ep, path);
}

/* Set o as the JSON body of r and drop the reference. */
void
http_json(struct http_request *r, json_t *o)
{
	char	*s;

	if ((s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER)) == NULL)
		fatal("out of memory");
	http_body(r, s, strlen(s), "application/json");
	json_decref(o);
	free(s);
}

/* The reply as a JSON object, or NULL when it is not one. */
json_t *
response_json(const struct http_response *resp)
{
	json_t	*o;

	if (resp->body == NULL || resp->bodylen == 0)
		return NULL;
	if ((o = json_loads(resp->body, 0, NULL)) == NULL)
		return NULL;
	if (!json_is_object(o)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * The verdict on a reply that is a JSON object on success and holds an
 * "error" member on refusal (Pushbullet, Pushjet): http_verdict() first,
 * then PERMFAIL with the service's words.  With server set, a 2xx reply that
 * is not JSON fails too, asking whether endpoint is such a server.
 */
enum backend_result
json_error_verdict(const struct http_response *resp, const char *server,
    char **cause)
{
	enum backend_result	 r;
	json_t			*o;
	int			 refused;

	if ((r = http_verdict(resp, cause)) != BACKEND_OK)
		return r;
	if ((o = response_json(resp)) == NULL && server != NULL) {
		*cause = xasprintf("HTTP %ld, but the reply is not JSON; is "
		    "endpoint a %s server?", resp->status, server);
		return BACKEND_PERMFAIL;
	}
	refused = o != NULL && json_object_get(o, "error") != NULL;
	json_decref(o);
	if (!refused)
		return BACKEND_OK;
	*cause = http_error_text(resp);
	return BACKEND_PERMFAIL;
}

/* A JSON string of text that may not be valid UTF-8. */
json_t *
json_text(const char *s)
{
	json_t	*o;
	char	*fixed;

	fixed = utf8_repair(s != NULL ? s : "", s != NULL ? strlen(s) : 0);
	o = json_string(fixed);
	free(fixed);
	return o;
}

/* s with &, <, > (and " when quotes) as HTML entities, which is also how
 * Slack wants its text. */
char *
markup_escape(const char *s, int quotes)
{
	struct buf	b = BUF_INIT;

	buf_adds(&b, "");
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			buf_adds(&b, "&amp;");
			break;
		case '<':
			buf_adds(&b, "&lt;");
			break;
		case '>':
			buf_adds(&b, "&gt;");
			break;
		case '"':
			buf_adds(&b, quotes ? "&quot;" : "\"");
			break;
		default:
			buf_addc(&b, *s);
			break;
		}
	}
	return buf_detach(&b);
}

/* value cut to max characters, with a warning naming field when cut. */
char *
text_limited(const struct notification *n, const char *field,
    const char *value, size_t max)
{
	char	*v;
	int	 cut;

	v = text_truncate(value, max, &cut);
	if (cut)
		log_warn("%s: %s longer than %zu characters, cut",
		    n->target->name, field, max);
	return v;
}

/* The title in bold and the body below it, in the Markdown of chat services,
 * cut to max characters; "(no message)" when both are empty. */
char *
markdown_text(const struct notification *n, size_t max)
{
	char	*text, *v;

	if (n->title != NULL && *n->title != '\0')
		text = xasprintf("**%s**\n%s", n->title, notif_body(n));
	else
		text = xstrdup(*notif_body(n) != '\0' ? notif_body(n) :
		    "(no message)");
	v = text_limited(n, "message", text, max);
	free(text);
	return v;
}

/* A file in the state directory of backend sub named after key, hashed
 * (FNV-1a) so that no secret becomes a file name; NULL with *cause.  The
 * directory is made by state_file_write(), not here. */
char *
state_key_path(const char *sub, const char *key, const char *suffix,
    char **cause)
{
	const char	*p;
	uint64_t	 h = 0xcbf29ce484222325ULL;
	char		*dir, *path;

	for (p = key; *p != '\0'; p++) {
		h ^= (unsigned char)*p;
		h *= 0x100000001b3ULL;
	}
	if ((dir = state_path(sub, cause)) == NULL)
		return NULL;
	path = xasprintf("%s/%016llx%s", dir, (unsigned long long)h, suffix);
	free(dir);
	return path;
}

/* Replace path with data whole: a new 0600 file, synced, renamed over it,
 * its directory made 0700 first when missing.  -1 with errno set. */
int
state_file_write(const char *path, const char *data)
{
	char	*tmp, *dir;
	size_t	 len = strlen(data);
	int	 fd, ok, saved;

	tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd == -1 && errno == ENOENT && strrchr(path, '/') != NULL) {
		dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
		if (mkdir_parents(dir, 0700) == 0)
			fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
			    O_NOFOLLOW, 0600);
		saved = errno;
		free(dir);
		errno = saved;
	}
	if (fd == -1) {
		free(tmp);
		return -1;
	}
	ok = write(fd, data, len) == (ssize_t)len && fsync(fd) == 0;
	if (close(fd) == -1)
		ok = 0;
	if (ok && rename(tmp, path) == -1)
		ok = 0;
	saved = errno;
	if (!ok)
		unlink(tmp);
	free(tmp);
	errno = saved;
	return ok ? 0 : -1;
}

/* Item i of a comma list, blanks around it dropped; NULL past the end. */
char *
list_nth(const char *list, size_t i)
{
	const char	*p, *end;
	size_t		 len;

	for (p = list; *p != '\0'; p = end) {
		p += strspn(p, " \t,");
		end = p + strcspn(p, ",");
		len = (size_t)(end - p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len > 0 && i-- == 0)
			return xstrndup(p, len);
	}
	return NULL;
}
