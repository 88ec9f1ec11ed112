/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <limits.h>
#include <pwd.h>
#include <signal.h>
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

/* One line for titles and headers: valid UTF-8, as bodies are (a title
 * naming a directory may not be), with control characters as spaces. */
char *
text_flatten(const char *s)
{
	char	*out = utf8_repair(s, strlen(s)), *p;

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

/* 1 when a shell would take c literally in a word. */
static int
shell_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("@%+=:,./_-", c) != NULL;
}

static void
quote_word(struct buf *b, const char *s)
{
	const unsigned char	*p;
	int			 plain = *s != '\0', ctrl = 0;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (!shell_safe(*p))
			plain = 0;
		if (*p < 0x20 || *p == 0x7f)
			ctrl = 1;
	}
	if (plain) {
		buf_adds(b, s);
		return;
	}
	if (!ctrl) {
		buf_addc(b, '\'');
		for (p = (const unsigned char *)s; *p != '\0'; p++) {
			if (*p == '\'')
				buf_adds(b, "'\\''");
			else
				buf_addc(b, (char)*p);
		}
		buf_addc(b, '\'');
		return;
	}
	/* Control characters: $'...' so the text stays on one line. */
	buf_adds(b, "$'");
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '\\':
		case '\'':
			buf_addc(b, '\\');
			buf_addc(b, (char)*p);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_printf(b, "\\x%02x", *p);
			else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '\'');
}

/* The words of argv joined by spaces, each quoted as a shell would need it,
 * as valid UTF-8. */
char *
command_quote(int argc, char *const *argv)
{
	struct buf	 b = BUF_INIT;
	char		*out;
	int		 i;

	buf_adds(&b, "");
	for (i = 0; i < argc; i++) {
		if (i > 0)
			buf_addc(&b, ' ');
		quote_word(&b, argv[i]);
	}
	out = utf8_repair(b.data, b.len);
	buf_release(&b);
	return out;
}

/* Whether word is an option of wrapper that takes the next word as its
 * value (sudo -u USER, nice -n N, env -u NAME, exec -a NAME). */
static int
wrapper_option_has_value(const char *wrapper, const char *word)
{
	static const struct {
		const char	*wrapper;
		const char	*letters;
	} with_value[] = {
		{ "sudo", "ugCDhprtUT" }, { "nice", "n" }, { "env", "uCS" },
		{ "exec", "a" }
	};
	size_t	i;

	if (word[0] != '-' || word[1] == '\0' || word[2] != '\0')
		return 0;
	for (i = 0; i < sizeof with_value / sizeof with_value[0]; i++)
		if (strcmp(wrapper, with_value[i].wrapper) == 0)
			return strchr(with_value[i].letters, word[1]) != NULL;
	return 0;
}

/* Whether word is NAME=value, a variable set for the command. */
static int
is_assignment(const char *word)
{
	size_t	n;

	n = strspn(word, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "_0123456789");
	return n > 0 && word[n] == '=' && !(word[0] >= '0' && word[0] <= '9');
}

/* The next word of *line (split at blanks) without quotes and
 * backslashes, *line moved past it; NULL at the end. */
static char *
next_word(const char **line)
{
	const char	*p = *line + strspn(*line, " \t\n\v\f\r");
	size_t		 len = strcspn(p, " \t\n\v\f\r");
	char		*word, *q, *w;

	if (len == 0)
		return NULL;
	word = xstrndup(p, len);
	*line = p + len;
	for (q = w = word; *q != '\0'; q++)
		if (*q != '"' && *q != '\'' && *q != '\\')
			*w++ = *q;
	*w = '\0';
	return word;
}

/*
 * The program a command line runs, as the shell hooks judge it for their
 * ignore list: past NAME=value words and the wrappers sudo, env, nice,
 * time, command, exec and nohup with their options, quotes and backslashes
 * dropped, directories and anything from ;&|<>() on cut off.  NULL when
 * the line names none.
 */
char *
command_program(const char *line)
{
	static const char	*wrappers[] = { "sudo", "env", "nice", "time",
				    "command", "exec", "nohup", NULL };
	const char		*wrap = NULL, *name;
	char			*word, *program;
	size_t			 i;
	int			 skip = 0;

	while ((word = next_word(&line)) != NULL) {
		if (skip)
			skip = 0;
		else if (wrap != NULL && word[0] == '-')
			skip = wrapper_option_has_value(wrap, word);
		else if (!is_assignment(word)) {
			name = strrchr(word, '/') ? strrchr(word, '/') + 1 : word;
			program = xstrndup(name, strcspn(name, ";&|<>()"));
			free(word);
			for (i = 0; wrappers[i] != NULL &&
			    strcmp(program, wrappers[i]) != 0; i++)
				;
			if (wrappers[i] == NULL && *program != '\0')
				return program;
			free(program);
			if (wrappers[i] == NULL)
				return NULL;
			wrap = wrappers[i];
			continue;
		}
		free(word);
	}
	return NULL;
}

/* The name of a signal, "SIGTERM", or NULL when it has none here. */
const char *
signal_name(int sig)
{
	static const struct {
		int		 sig;
		const char	*name;
	} names[] = {
		{ SIGHUP, "SIGHUP" }, { SIGINT, "SIGINT" },
		{ SIGQUIT, "SIGQUIT" }, { SIGILL, "SIGILL" },
		{ SIGTRAP, "SIGTRAP" }, { SIGABRT, "SIGABRT" },
		{ SIGBUS, "SIGBUS" }, { SIGFPE, "SIGFPE" },
		{ SIGKILL, "SIGKILL" }, { SIGUSR1, "SIGUSR1" },
		{ SIGSEGV, "SIGSEGV" }, { SIGUSR2, "SIGUSR2" },
		{ SIGPIPE, "SIGPIPE" }, { SIGALRM, "SIGALRM" },
		{ SIGTERM, "SIGTERM" }, { SIGCHLD, "SIGCHLD" },
		{ SIGCONT, "SIGCONT" }, { SIGSTOP, "SIGSTOP" },
		{ SIGTSTP, "SIGTSTP" }, { SIGTTIN, "SIGTTIN" },
		{ SIGTTOU, "SIGTTOU" }, { SIGURG, "SIGURG" },
		{ SIGXCPU, "SIGXCPU" }, { SIGXFSZ, "SIGXFSZ" },
		{ SIGVTALRM, "SIGVTALRM" }, { SIGPROF, "SIGPROF" },
		{ SIGWINCH, "SIGWINCH" }, { SIGSYS, "SIGSYS" },
	};
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].sig == sig)
			return names[i].name;
	return NULL;
}

/* "0:42 minutes" below an hour, "1:02:05 hours" from an hour on; seconds
 * are truncated, as the Python ntfy does. */
char *
duration_text(double secs)
{
	unsigned long long	t;

	t = secs > 0 && secs < 1e15 ? (unsigned long long)secs : 0;
	if (t < 3600)
		return xasprintf("%llu:%02llu minutes", t / 60, t % 60);
	return xasprintf("%llu:%02llu:%02llu hours", t / 3600,
	    (t / 60) % 60, t % 60);
}

/* How a command ended, for `ntfy done`: what m says, in words. */
char *
done_message(const struct message *m, int emoji, int hide_command)
{
	struct buf	 b = BUF_INIT;
	char		*d = duration_text(m->duration), *cmd;
	const char	*name;

	if (emoji && m->has_status)
		buf_adds(&b, m->retcode == 0 ? "\xe2\x9c\x85 " :
		    "\xe2\x9d\x8c ");
	if (hide_command || m->command == NULL)
		buf_adds(&b, "Your command");
	else {
		cmd = utf8_repair(m->command, strlen(m->command));
		buf_printf(&b, "\"%s\"", cmd);
		free(cmd);
	}
	if (!m->has_status)
		buf_adds(&b, " finished");
	else if (m->signal != 0) {
		buf_printf(&b, " was killed by signal %d", m->signal);
		if ((name = signal_name(m->signal)) != NULL)
			buf_printf(&b, " (%s)", name);
	} else if (m->retcode == 0)
		buf_adds(&b, " succeeded");
	else
		buf_printf(&b, " failed (code %d)", m->retcode);
	buf_printf(&b, " in %s", d);
	free(d);
	return buf_detach(&b);
}

/* How a watched process ended: `PID 6379 ("rsync -a src dst") finished in
 * 12:03 minutes`. */
char *
pid_message(const struct message *m, long pid, int hide_command)
{
	char	*d = duration_text(m->duration), *cmd, *out;

	if (hide_command || m->command == NULL)
		out = xasprintf("PID %ld finished in %s", pid, d);
	else {
		cmd = utf8_repair(m->command, strlen(m->command));
		out = xasprintf("PID %ld (\"%s\") finished in %s", pid, cmd,
		    d);
		free(cmd);
	}
	free(d);
	return out;
}

/* The last lines of a command's output for a message: at most
 * OUTPUT_TAIL_LINES lines and OUTPUT_TAIL_BYTES bytes of valid UTF-8,
 * without the final newline. */
char *
output_tail(const char *raw, size_t len)
{
	char	*fixed, *out;
	size_t	 end, start, lines = 0;

	fixed = utf8_repair(raw, len);
	end = strlen(fixed);
	while (end > 0 && (fixed[end - 1] == '\n' || fixed[end - 1] == '\r'))
		end--;
	start = end;
	while (start > 0) {
		if (fixed[start - 1] == '\n' && ++lines == OUTPUT_TAIL_LINES)
			break;
		start--;
	}
	if (end - start > OUTPUT_TAIL_BYTES) {
		start = end - OUTPUT_TAIL_BYTES;
		while (start < end && ((unsigned char)fixed[start] & 0xc0) ==
		    0x80)
			start++;
	}
	out = xstrndup(fixed + start, end - start);
	free(fixed);
	return out;
}
