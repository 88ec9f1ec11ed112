/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "../tap.h"

static void
test_clean(void)
{
	static const struct {
		const char	*in;
		size_t		 max;
		const char	*out;
	} cases[] = {
		{ "plain text", 100, "plain text" },
		{ "a\nb\tc\r\n", 100, "a b c" },
		{ "x\033]0;owned\007y", 100, "x]0;ownedy" },
		{ "end\033\\early", 100, "end\\early" },
		{ "c1\xc2\x9b" "31m\xc2\x9c\xc2\x80", 100, "c131m" },
		{ "nbsp\xc2\xa0kept", 100, "nbsp\xc2\xa0kept" },
		{ "raw\x9b" "c1", 100, "raw\xef\xbf\xbd" "c1" },
		{ "del\x7f!", 100, "del!" },
		{ "nul-free\x01\x02\x1f", 100, "nul-free" },
		{ "abcdefghij", 6, "abc\xe2\x80\xa6" },
		{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 6,
		    "\xc3\xa9\xe2\x80\xa6" },
		{ "\xc3\xa9\xc3\xa9\xc3\xa9", 6, "\xc3\xa9\xc3\xa9\xc3\xa9" },
		{ "", 10, "" },
		{ "rlo\xe2\x80\xaegnp.exe", 100, "rlognp.exe" },
		{ "lri\xe2\x81\xa6x\xe2\x81\xa9 lre\xe2\x80\xaa", 100,
		    "lrix lre" },
		{ "ls\xe2\x80\xa8ps\xe2\x80\xa9", 100, "ls ps" },
		{ "lrm\xe2\x80\x8e kept", 100, "lrm\xe2\x80\x8e kept" },
	};
	size_t	i;
	char	*s, name[80];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = terminal_clean(cases[i].in, cases[i].max);
		snprintf(name, sizeof name, "clean case %zu", i);
		tap_is_str(s, cases[i].out, name);
		free(s);
	}
}

/* The same cleaner for a line of stderr: each control shows as '?'. */
static void
test_line(void)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ "plain", "plain" },
		{ "a\nb\tc\r", "a b c " },
		{ "A\033]52;c;cHduZWQ=\007B\033[2J", "A?]52;c;cHduZWQ=?B?[2J" },
		{ "c1\xc2\x9b" "31m\xc2\x85", "c1?31m?" },
		{ "bad\xff\xc2", "bad\xef\xbf\xbd\xef\xbf\xbd" },
		{ "rlo\xe2\x80\xae!", "rlo?!" },
		{ "fsi\xe2\x81\xa8pdf\xe2\x80\xac", "fsi?pdf?" },
		{ "del\x7f", "del?" },
		{ "\xc3\xa9\xe2\x82\xac", "\xc3\xa9\xe2\x82\xac" },
		{ "", "" },
	};
	size_t	i;
	char	*s, name[80];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = terminal_line(cases[i].in);
		snprintf(name, sizeof name, "line case %zu", i);
		tap_is_str(s, cases[i].out, name);
		free(s);
	}
}

static void
is_encoded(enum term_proto p, const char *title, const char *body,
    int urgency, const char *want, const char *what)
{
	struct buf	b = BUF_INIT;

	buf_adds(&b, "");
	terminal_encode(&b, p, "ID", title, body, urgency);
	tap_is_str(b.data, want, what);
	buf_release(&b);
}

static void
test_encode(void)
{
	is_encoded(TERM_BEL, "T", "B", -1, "\a", "bel");
	is_encoded(TERM_OSC9, "T", "B", -1, "\033]9;T: B\a", "osc9");
	is_encoded(TERM_OSC9, "", "9;4;1;50", -1, "\033]9; 9;4;1;50\a",
	    "osc9: digits; never start the text");
	is_encoded(TERM_OSC9, "42", "", -1, "\033]9; 42\a",
	    "osc9: a title of digits too");
	is_encoded(TERM_OSC777, "T", "B", -1, "\033]777;notify;T;B\a",
	    "osc777");
	is_encoded(TERM_OSC777, "a;b", "c;d", -1,
	    "\033]777;notify;a,b;c;d\a", "osc777: no ';' in the title");
	is_encoded(TERM_OSC99, "T", "B", -1,
	    "\033]99;i=ID:d=0:a=focus:o=unfocused;T\033\\"
	    "\033]99;i=ID:p=body;B\033\\", "osc99: title and body chunks");
	is_encoded(TERM_OSC99, "T", "B", 2,
	    "\033]99;i=ID:d=0:a=focus:o=unfocused:u=2;T\033\\"
	    "\033]99;i=ID:p=body;B\033\\", "osc99: u=2 for a failure");
	is_encoded(TERM_OSC99, "T", "", 0,
	    "\033]99;i=ID:a=focus:o=unfocused:u=0;T\033\\", "osc99: title only");
	is_encoded(TERM_OSC99, "", "B", -1,
	    "\033]99;i=ID:a=focus:o=unfocused;B\033\\", "osc99: body as the title");
}

static void
test_wrap(void)
{
	struct buf	b = BUF_INIT;
	const char	*seq = "\033]99;i=1:d=0;T\033\\";

	terminal_tmux_wrap(&b, seq, strlen(seq));
	tap_is_str(b.data, "\033Ptmux;\033\033]99;i=1:d=0;T\033\033\\\033\\",
	    "tmux passthrough doubles every ESC");
	buf_release(&b);
	buf_adds(&b, "");
	terminal_tmux_wrap(&b, "\033]9;x\a", 6);
	tap_is_str(b.data, "\033Ptmux;\033\033]9;x\a\033\\",
	    "tmux passthrough around a BEL-terminated OSC");
	buf_release(&b);
}

static void
test_parse(void)
{
	enum term_proto	p = TERM_BEL;

	tap_is_int(terminal_proto_parse("auto", &p), 1, "parse auto");
	tap_is_int(terminal_proto_parse("osc99", &p), 0, "parse osc99");
	tap_is_int(p, TERM_OSC99, "osc99 value");
	tap_is_int(terminal_proto_parse("osc777", &p), 0, "parse osc777");
	tap_is_int(p, TERM_OSC777, "osc777 value");
	tap_is_int(terminal_proto_parse("OSC9", &p), -1, "parse is exact");
	tap_is_int(terminal_proto_parse("", &p), -1, "parse empty");
}

static const char *env_vars[] = {
	"TMUX", "TERM", "TERM_PROGRAM", "KITTY_WINDOW_ID",
	"GHOSTTY_RESOURCES_DIR", "WEZTERM_PANE", "ITERM_SESSION_ID",
	"WT_SESSION", "VTE_VERSION", NULL
};

static void
detected(const char *var, const char *value, enum term_proto want)
{
	struct term_choice	 tc;
	const char		**v;
	char			 name[128];

	for (v = env_vars; *v != NULL; v++)
		unsetenv(*v);
	if (var != NULL)
		setenv(var, value, 1);
	terminal_detect(&tc, -1);
	snprintf(name, sizeof name, "detect %s=%s: %s (%s)", var ? var : "-",
	    value ? value : "-", terminal_proto_name(want), tc.why);
	tap_is_int(tc.proto, want, name);
	terminal_choice_release(&tc);
}

static void
test_detect(void)
{
	detected("KITTY_WINDOW_ID", "1", TERM_OSC99);
	detected("TERM", "xterm-kitty", TERM_OSC99);
	detected("TERM", "foot", TERM_OSC777);
	detected("TERM", "foot-extra", TERM_OSC777);
	detected("WEZTERM_PANE", "0", TERM_OSC777);
	detected("TERM_PROGRAM", "WezTerm", TERM_OSC777);
	detected("GHOSTTY_RESOURCES_DIR", "/usr/share/ghostty", TERM_OSC777);
	detected("TERM", "xterm-ghostty", TERM_OSC777);
	detected("TERM_PROGRAM", "ghostty", TERM_OSC777);
	detected("ITERM_SESSION_ID", "w0t0p0", TERM_OSC9);
	detected("TERM_PROGRAM", "iTerm.app", TERM_OSC9);
	detected("WT_SESSION", "abc", TERM_OSC777);
	detected("VTE_VERSION", "7006", TERM_BEL);
	detected("TERM", "xterm-256color", TERM_BEL);
	detected("KITTY_WINDOW_ID", "", TERM_BEL);
	detected(NULL, NULL, TERM_BEL);
}

static void
write_file(const char *path, const char *text)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		abort();
	fputs(text, f);
	fclose(f);
}

static void
test_notifies_itself(void)
{
	char	dir[] = "/tmp/ntfy-unit.XXXXXX", *p, *why = NULL;

	if (mkdtemp(dir) == NULL)
		abort();
	unsetenv("KITTY_WINDOW_ID");
	unsetenv("GHOSTTY_RESOURCES_DIR");
	unsetenv("TERM_PROGRAM");
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("KITTY_CONFIG_DIRECTORY", dir, 1);
	tap_is_int(terminal_notifies_itself(NULL), 0, "no terminal: no");

	setenv("KITTY_WINDOW_ID", "1", 1);
	tap_is_int(terminal_notifies_itself(NULL), 0, "kitty without config");
	p = xasprintf("%s/kitty.conf", dir);
	write_file(p, "font_size 12\nnotify_on_cmd_finish invisible 15.0\n");
	tap_is_int(terminal_notifies_itself(&why), 1,
	    "kitty with notify_on_cmd_finish");
	tap_ok(why != NULL && strstr(why, "invisible") != NULL, "says why");
	free(why);
	write_file(p, "notify_on_cmd_finish unfocused\n"
	    "notify_on_cmd_finish never\n");
	tap_is_int(terminal_notifies_itself(NULL), 0, "the last line wins");
	unlink(p);
	free(p);
	unsetenv("KITTY_WINDOW_ID");

	setenv("GHOSTTY_RESOURCES_DIR", "/usr/share/ghostty", 1);
	p = xasprintf("%s/ghostty", dir);
	mkdir(p, 0700);
	free(p);
	p = xasprintf("%s/ghostty/config", dir);
	write_file(p, "# notify-on-command-finish = always\n");
	tap_is_int(terminal_notifies_itself(NULL), 0, "ghostty: commented");
	write_file(p, "notify-on-command-finish = unfocused\n");
	tap_is_int(terminal_notifies_itself(NULL), 1, "ghostty: unfocused");
	unlink(p);
	free(p);
	p = xasprintf("%s/ghostty", dir);
	rmdir(p);
	free(p);
	rmdir(dir);
	unsetenv("GHOSTTY_RESOURCES_DIR");
}

/* default takes exactly the options of linux and of terminal. */
static void
test_default_options(void)
{
	const char			*names[] = { "linux", "terminal" };
	const struct backend		*d = backend_find("default"), *b;
	const struct backend_option	*o, *e;
	size_t				 i, n = 0, want = 0;
	int				 good = 1;

	for (i = 0; i < 2; i++) {
		b = backend_find(names[i]);
		for (o = b->options; o->key != NULL; o++) {
			e = backend_option(d, o->key);
			if (e == NULL || (e->def == NULL) != (o->def == NULL) ||
			    (e->def && strcmp(e->def, o->def) != 0) ||
			    strcmp(e->help, o->help) != 0) {
				printf("# default: '%s' differs from %s\n",
				    o->key, names[i]);
				good = 0;
			}
			if (i == 0 || backend_option(backend_find("linux"),
			    o->key) == NULL)
				want++;
		}
	}
	for (o = d->options; o->key != NULL; o++)
		n++;
	tap_ok(good, "default has every option of linux and terminal");
	tap_is_int((long)n, (long)want, "and no other");
}

int
main(void)
{
	test_clean();
	test_line();
	test_encode();
	test_wrap();
	test_parse();
	test_detect();
	test_notifies_itself();
	test_default_options();
	return tap_done();
}
