/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ntfy.h"

void
message_init(struct message *m)
{
	char	host[HOST_NAME_MAX + 1];

	memset(m, 0, sizeof *m);
	m->duration = -1;
	if (gethostname(host, sizeof host) == -1)
		strcpy(host, "localhost");
	host[sizeof host - 1] = '\0';
	m->host = xstrdup(host);
	m->time = time(NULL);
}

void
message_release(struct message *m)
{
	free(m->body);
	free(m->command);
	free(m->host);
	memset(m, 0, sizeof *m);
}

int
message_failed(const struct message *m)
{
	return m->has_status && m->retcode != 0;
}

static const char *
user_name(void)
{
	const char	*names[] = { "LOGNAME", "USER", "LNAME", "USERNAME" };
	struct passwd	*pw;
	const char	*v;
	size_t		 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if ((v = getenv(names[i])) != NULL && *v != '\0')
			return v;
	if ((pw = getpwuid(getuid())) != NULL)
		return pw->pw_name;
	return "unknown";
}

/* user@host:~/dir below $HOME, user@host:/abs/dir elsewhere. */
char *
default_title(void)
{
	char		 host[HOST_NAME_MAX + 1], *cwd, *title;
	const char	*home;
	size_t		 hl;

	if (gethostname(host, sizeof host) == -1)
		strcpy(host, "localhost");
	host[sizeof host - 1] = '\0';
	if ((cwd = getcwd(NULL, 0)) == NULL)
		cwd = xstrdup("?");
	home = getenv("HOME");
	hl = home ? strlen(home) : 0;
	while (hl > 1 && home[hl - 1] == '/')
		hl--;
	if (hl > 1 && strncmp(cwd, home, hl) == 0 &&
	    (cwd[hl] == '\0' || cwd[hl] == '/'))
		title = xasprintf("%s@%s:~%s", user_name(), host, cwd + hl);
	else
		title = xasprintf("%s@%s:%s", user_name(), host, cwd);
	free(cwd);
	return title;
}

static int
emoji_compare(const void *key, const void *elem)
{
	const struct emoji	*e = elem;

	return strcmp(key, e->name);
}

/* The Unicode text for a shortcode name (without colons), or NULL. */
const char *
emoji_lookup(const char *name, size_t len)
{
	const struct emoji	*e;
	char			 key[64];

	if (len == 0 || len >= sizeof key)
		return NULL;
	memcpy(key, name, len);
	key[len] = '\0';
	e = bsearch(key, emoji_table, emoji_count, sizeof emoji_table[0],
	    emoji_compare);
	return e ? e->utf8 : NULL;
}

static int
shortcode_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-';
}

/* Replace :shortcode: with its emoji; unknown codes stay as written. */
char *
emojize(const char *s)
{
	struct buf	 b = BUF_INIT;
	const char	*p = s, *end, *u;

	buf_adds(&b, "");
	while (*p != '\0') {
		if (*p == ':') {
			end = p + 1;
			while (shortcode_char(*end))
				end++;
			if (*end == ':' && end > p + 1 &&
			    (u = emoji_lookup(p + 1, (size_t)(end - p - 1)))) {
				buf_adds(&b, u);
				p = end + 1;
				continue;
			}
		}
		buf_addc(&b, *p++);
	}
	return buf_detach(&b);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
utf8_sequence(const unsigned char *s, size_t n)
{
	size_t		need, i;
	unsigned int	cp;

	if (s[0] < 0x80)
		return s[0] != 0;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (n < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return need;
}

/* The offset of the first byte that is not valid UTF-8 (or a NUL), or len. */
size_t
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n;

	while (i < len && (n = utf8_sequence(p + i, len - i)) != 0)
		i += n;
	return i;
}

/* Copy len bytes as valid UTF-8: each bad byte or NUL becomes U+FFFD. */
char *
utf8_repair(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b = BUF_INIT;
	size_t			 i = 0, n;

	buf_adds(&b, "");
	while (i < len) {
		n = utf8_sequence(p + i, len - i);
		if (n == 0) {
			buf_adds(&b, "\xef\xbf\xbd");
			i++;
		} else {
			buf_add(&b, p + i, n);
			i += n;
		}
	}
	return buf_detach(&b);
}

/* The longest prefix of valid UTF-8 s of at most max bytes, not cutting a
 * character in two. */
size_t
utf8_truncate(const char *s, size_t max)
{
	size_t	len = strlen(s);

	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/* One line for titles and headers: control characters become spaces. */
char *
text_flatten(const char *s)
{
	char	*out = xstrdup(s), *p;

	for (p = out; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return out;
}

/* A message as it is sent: at most MESSAGE_MAX bytes of valid UTF-8, with
 * :shortcodes: made emoji when asked. */
char *
message_text(const char *raw, size_t len, int emoji)
{
	char	*fixed, *out;

	fixed = utf8_repair(raw, len > MESSAGE_MAX ? MESSAGE_MAX : len);
	if (!emoji)
		return fixed;
	out = emojize(fixed);
	free(fixed);
	return out;
}
