/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ntfy.h"
#include "../tap.h"

static char *
msg(const char *cmd, int has_status, int retcode, int sig, double secs,
    int emoji, int hide)
{
	struct message	m;
	char		*s;

	memset(&m, 0, sizeof m);
	m.command = (char *)cmd;
	m.has_status = has_status;
	m.retcode = retcode;
	m.signal = sig;
	m.duration = secs;
	s = done_message(&m, emoji, hide);
	return s;
}

static void
test_durations(void)
{
	static const struct {
		double		 secs;
		const char	*want;
	} cases[] = {
		{ 0, "0:00 minutes" },
		{ 0.999, "0:00 minutes" },
		{ 59.9, "0:59 minutes" },
		{ 60, "1:00 minutes" },
		{ 100, "1:40 minutes" },
		{ 3599, "59:59 minutes" },
		{ 3600, "1:00:00 hours" },
		{ 3725, "1:02:05 hours" },
		{ 90061, "25:01:01 hours" },
		{ -1, "0:00 minutes" },
	};
	size_t	i;
	char	*s, name[64];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = duration_text(cases[i].secs);
		snprintf(name, sizeof name, "duration %g", cases[i].secs);
		tap_is_str(s, cases[i].want, name);
		free(s);
	}
}

static void
test_messages(void)
{
	char	*s;

	s = msg("make -j8", 1, 0, 0, 42, 0, 0);
	tap_is_str(s, "\"make -j8\" succeeded in 0:42 minutes", "success");
	free(s);
	s = msg("false", 1, 1, 0, 0.2, 0, 0);
	tap_is_str(s, "\"false\" failed (code 1) in 0:00 minutes", "failure");
	free(s);
	s = msg("sleep 100", 1, 143, 15, 100, 0, 0);
	tap_is_str(s, "\"sleep 100\" was killed by signal 15 (SIGTERM) in "
	    "1:40 minutes", "killed by SIGTERM");
	free(s);
	s = msg("x", 1, 137, 9, 3725, 0, 0);
	tap_is_str(s, "\"x\" was killed by signal 9 (SIGKILL) in 1:02:05 hours",
	    "killed by SIGKILL, over an hour");
	free(s);
	s = msg("x", 1, 128 + 50, 50, 1, 0, 0);
	tap_is_str(s, "\"x\" was killed by signal 50 in 0:01 minutes",
	    "a signal without a name");
	free(s);
	s = msg("true", 1, 0, 0, 1, 1, 0);
	tap_is_str(s, "\xe2\x9c\x85 \"true\" succeeded in 0:01 minutes",
	    "emoji for success");
	free(s);
	s = msg("false", 1, 1, 0, 1, 1, 0);
	tap_is_str(s, "\xe2\x9d\x8c \"false\" failed (code 1) in 0:01 minutes",
	    "emoji for failure");
	free(s);
	s = msg("kill", 1, 130, 2, 1, 1, 0);
	tap_is_str(s, "\xe2\x9d\x8c \"kill\" was killed by signal 2 (SIGINT) "
	    "in 0:01 minutes", "emoji for a signal");
	free(s);
	s = msg("secret --token x", 1, 3, 0, 61, 0, 1);
	tap_is_str(s, "Your command failed (code 3) in 1:01 minutes",
	    "hidden command");
	free(s);
	s = msg("bad \xff byte", 1, 0, 0, 0, 0, 0);
	tap_is_str(s, "\"bad \xef\xbf\xbd byte\" succeeded in 0:00 minutes",
	    "invalid UTF-8 in the command is repaired");
	free(s);
	s = msg("tail -f log", 0, 0, 0, 5, 1, 0);
	tap_is_str(s, "\"tail -f log\" finished in 0:05 minutes",
	    "unknown status: no emoji, no verdict");
	free(s);
}

static void
test_pid_message(void)
{
	struct message	m;
	char		*s;

	memset(&m, 0, sizeof m);
	m.command = (char *)"rsync -a src dst";
	m.duration = 723;
	s = pid_message(&m, 6379, 0);
	tap_is_str(s, "PID 6379 (\"rsync -a src dst\") finished in 12:03 "
	    "minutes", "pid message");
	free(s);
	s = pid_message(&m, 6379, 1);
	tap_is_str(s, "PID 6379 finished in 12:03 minutes",
	    "pid message, hidden command");
	free(s);
}

static void
test_quote(void)
{
	static const struct {
		const char	*argv[4];
		const char	*want;
	} cases[] = {
		{ { "make", "-j8" }, "make -j8" },
		{ { "sh", "-c", "true \"a b\"" }, "sh -c 'true \"a b\"'" },
		{ { "echo", "it's" }, "echo 'it'\\''s'" },
		{ { "echo", "" }, "echo ''" },
		{ { "printf", "a\nb" }, "printf $'a\\nb'" },
		{ { "x", "tab\there", "q'\\" }, "x $'tab\\there' 'q'\\''\\'" },
		{ { "ls", "a=b,c:d/e@f%g+h" }, "ls a=b,c:d/e@f%g+h" },
		{ { "cat", "*.c", "$HOME" }, "cat '*.c' '$HOME'" },
	};
	size_t	i;
	int	n;
	char	*s, name[80];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (n = 0; n < 4 && cases[i].argv[n] != NULL; n++)
			;
		s = command_quote(n, (char *const *)cases[i].argv);
		snprintf(name, sizeof name, "quote %s", cases[i].want);
		tap_is_str(s, cases[i].want, name);
		free(s);
	}
}

static void
test_tail(void)
{
	struct buf	 b = BUF_INIT;
	char		*s;
	int		 i;

	s = output_tail("one\ntwo\n\n", 9);
	tap_is_str(s, "one\ntwo", "tail: final newlines dropped");
	free(s);
	for (i = 1; i <= 25; i++)
		buf_printf(&b, "line %d\n", i);
	s = output_tail(b.data, b.len);
	tap_is_str(s, "line 16\nline 17\nline 18\nline 19\nline 20\nline 21\n"
	    "line 22\nline 23\nline 24\nline 25", "tail: the last 10 lines");
	free(s);
	buf_release(&b);
	/* 600 two-byte characters on one line: cut to 1 KiB, not mid-way. */
	for (i = 0; i < 600; i++)
		buf_adds(&b, "\xc3\xa9");
	buf_adds(&b, "x");
	s = output_tail(b.data, b.len);
	tap_is_int((long)strlen(s), 1023, "tail: at most 1 KiB");
	tap_is_int(utf8_valid(s, strlen(s)) == strlen(s), 1,
	    "tail: still valid UTF-8");
	tap_is_int(s[strlen(s) - 1], 'x', "tail: keeps the end");
	free(s);
	buf_release(&b);
	s = output_tail("a\xff\x00z", 4);
	tap_is_str(s, "a\xef\xbf\xbd\xef\xbf\xbdz", "tail: bad bytes repaired");
	free(s);
	s = output_tail("", 0);
	tap_is_str(s, "", "tail: empty");
	free(s);
}

static void
test_program(void)
{
	static const struct {
		const char	*line;
		const char	*want;
	} cases[] = {
		{ "vim notes.txt", "vim" },
		{ "/usr/bin/vim", "vim" },
		{ "  \tFOO=1 _BAR=2 vim x", "vim" },
		{ "sudo -u root vim /etc/hosts", "vim" },
		{ "sudo -E vim", "vim" },
		{ "sudo -- vim", "vim" },
		{ "env -u HOME FOO=1 htop", "htop" },
		{ "nice -n 5 make -j8", "make" },
		{ "time make", "make" },
		{ "command ls", "ls" },
		{ "exec -a name vim", "vim" },
		{ "nohup ./build.sh &", "build.sh" },
		{ "'vim' x", "vim" },
		{ "\\vim x", "vim" },
		{ "vim;ls", "vim" },
		{ "make|tee log", "make" },
		{ "1A=2 make", "1A=2" },
		{ "(vim)", NULL },
		{ "A=1", NULL },
		{ "sudo", NULL },
		{ "", NULL },
		{ " \n ", NULL },
	};
	char	*got, what[128];
	size_t	 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = command_program(cases[i].line);
		snprintf(what, sizeof what, "program of '%s'", cases[i].line);
		tap_is_str(got, cases[i].want, what);
		free(got);
	}
}

int
main(void)
{
	test_durations();
	test_messages();
	test_pid_message();
	test_quote();
	test_tail();
	test_program();
	return tap_done();
}
