/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "ntfy.h"
#include "../tap.h"

static void
test_emojize(void)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ ":tada: hi :100:", "\xf0\x9f\x8e\x89 hi \xf0\x9f\x92\xaf" },
		{ ":white_check_mark: ok", "\xe2\x9c\x85 ok" },
		{ ":x:", "\xe2\x9d\x8c" },
		{ ":+1:", "\xf0\x9f\x91\x8d" },
		{ ":not_an_emoji_name: stays", ":not_an_emoji_name: stays" },
		{ "time 12:30:45", "time 12:30:45" },
		{ "::", "::" },
		{ ":tada", ":tada" },
		{ "a:tada:b", "a\xf0\x9f\x8e\x89" "b" },
		{ "", "" },
	};
	size_t	i;
	char	*s, name[80];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = emojize(cases[i].in);
		snprintf(name, sizeof name, "emojize '%s'", cases[i].in);
		tap_is_str(s, cases[i].out, name);
		free(s);
	}
}

static void
test_emoji_table(void)
{
	size_t	i;
	int	sorted = 1;

	for (i = 1; i < emoji_count; i++)
		if (strcmp(emoji_table[i - 1].name, emoji_table[i].name) >= 0)
			sorted = 0;
	tap_ok(sorted, "emoji table strictly sorted");
	tap_ok(emoji_count > 1000, "emoji table has the full data set");
}

static void
test_utf8(void)
{
	char	*s;

	s = utf8_repair("caf\xc3\xa9", 5);
	tap_is_str(s, "caf\xc3\xa9", "valid UTF-8 untouched");
	free(s);
	s = utf8_repair("a\xff" "b", 3);
	tap_is_str(s, "a\xef\xbf\xbd" "b", "bad byte replaced");
	free(s);
	s = utf8_repair("a\0b", 3);
	tap_is_str(s, "a\xef\xbf\xbd" "b", "NUL replaced");
	free(s);
	s = utf8_repair("\xe2\x9c", 2);
	tap_is_str(s, "\xef\xbf\xbd\xef\xbf\xbd", "cut sequence replaced");
	free(s);
	s = utf8_repair("\xed\xa0\x80", 3);
	tap_is_str(s, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	    "surrogate replaced");
	free(s);
	s = utf8_repair("\xc0\xaf", 2);
	tap_is_str(s, "\xef\xbf\xbd\xef\xbf\xbd", "overlong replaced");
	free(s);
	tap_is_int((long)utf8_truncate("ab\xc3\xa9", 3), 2,
	    "truncate does not split a character");
	tap_is_int((long)utf8_truncate("abc", 10), 3, "short text untouched");
	tap_is_int((long)utf8_truncate("\xe2\x9c\x85x", 3), 3,
	    "truncate keeps a whole character");
}

static void
test_flatten(void)
{
	char	*s = text_flatten("a\nb\tc\x1b[31m");

	tap_is_str(s, "a b c [31m", "control characters flattened");
	free(s);
}

static void
test_title(void)
{
	char	*t, *want, *cwd;
	char	 host[256];

	gethostname(host, sizeof host);
	setenv("LOGNAME", "alice", 1);
	cwd = getcwd(NULL, 0);
	setenv("HOME", cwd, 1);
	t = default_title();
	want = xasprintf("alice@%s:~", host);
	tap_is_str(t, want, "title in $HOME is ~ without a slash");
	free(t);
	free(want);
	setenv("HOME", "/nonexistent-home", 1);
	t = default_title();
	want = xasprintf("alice@%s:%s", host, cwd);
	tap_is_str(t, want, "title outside $HOME is absolute");
	free(t);
	free(want);
	if (chdir("/") == 0) {
		setenv("HOME", "/", 1);
		t = default_title();
		want = xasprintf("alice@%s:/", host);
		tap_is_str(t, want, "HOME=/ is not treated as a prefix");
		free(t);
		free(want);
	}
	free(cwd);
}

static void
test_message_text(void)
{
	char	*s;

	s = message_text(":tada: \xff", 8, 1);
	tap_is_str(s, "\xf0\x9f\x8e\x89 \xef\xbf\xbd", "message: emoji and repair");
	free(s);
	s = message_text(":tada:", 6, 0);
	tap_is_str(s, ":tada:", "message: -E keeps shortcodes");
	free(s);
}

int
main(void)
{
	test_emojize();
	test_emoji_table();
	test_utf8();
	test_flatten();
	test_title();
	test_message_text();
	return tap_done();
}
