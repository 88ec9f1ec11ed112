/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "backend.h"
#include "../tap.h"

static int
parse(struct config *c, const char *text, char **cause)
{
	memset(c, 0, sizeof *c);
	*cause = NULL;
	return config_parse_string(c, "t.ini", text, cause);
}

static void
test_parse(void)
{
	struct config		 c;
	const struct section	*s;
	char			*cause;
	int			 r;

	r = parse(&c, "backends = file, linux\ntitle = T\n\n"
	    "[file]\npath = /tmp/x ; a comment\n# comment\n"
	    "[phone]\nbackend = pushover\nuser_key = u\n", &cause);
	tap_is_int(r, 0, "good config parses");
	tap_is_str(optlist_get(&c.top, "backends"), "file, linux",
	    "top-level key");
	s = config_section(&c, "file");
	tap_is_str(s ? optlist_get(&s->opts, "path") : NULL, "/tmp/x",
	    "inline comment stripped");
	s = config_section(&c, "phone");
	tap_ok(s != NULL && optlist_find(&s->opts, "user_key")->line == 9,
	    "line numbers kept");
	config_release(&c);

	r = parse(&c, "[file]\npath = a\nthis line is wrong\n", &cause);
	tap_ok(r == -1 && cause && strcmp(cause, "t.ini:3: expected 'key = "
	    "value', '[section]' or a comment") == 0, "malformed line: file:line");
	if (cause)
		printf("# %s\n", cause);
	free(cause);
	config_release(&c);

	r = parse(&c, "[file\npath = a\n", &cause);
	tap_ok(r == -1 && cause && strncmp(cause, "t.ini:1:", 8) == 0,
	    "unclosed section: file:line");
	free(cause);
	config_release(&c);

	r = parse(&c, "[x]\nfmt = one\n  two\n", &cause);
	s = config_section(&c, "x");
	tap_is_str(s ? optlist_get(&s->opts, "fmt") : NULL, "one\ntwo",
	    "continuation line joins");
	config_release(&c);
}

static void
test_long_line(void)
{
	struct config		 c;
	const struct section	*s;
	struct buf		 text = BUF_INIT, token = BUF_INIT;
	char			*cause;
	int			 i, r;

	for (i = 0; i < 1000; i++)
		buf_addc(&token, (char)('a' + i % 26));
	buf_printf(&text, "[pushover]\ntoken = %s\nuser_key = u\n",
	    token.data);
	r = parse(&c, text.data, &cause);
	s = config_section(&c, "pushover");
	tap_is_int(r, 0, "1000-character value parses");
	tap_is_str(s ? optlist_get(&s->opts, "token") : NULL, token.data,
	    "1000-character value kept whole");
	tap_ok(s && optlist_find(&s->opts, "user_key")->line == 3,
	    "line numbers right after a long line");
	config_release(&c);
	buf_release(&text);

	buf_printf(&text, "[%s]\n", token.data);
	r = parse(&c, text.data, &cause);
	tap_ok(r == -1 && cause && strcmp(cause, "t.ini:1: line too long") == 0,
	    "long section line is an error, not cut");
	free(cause);
	config_release(&c);
	buf_release(&text);

	buf_printf(&text, "[x]\n%s\n", token.data);
	r = parse(&c, text.data, &cause);
	tap_ok(r == -1 && cause && strcmp(cause, "t.ini:2: line too long") == 0,
	    "long line without '=' is an error");
	free(cause);
	config_release(&c);
	buf_release(&text);
	buf_release(&token);
}

static void
test_validate(void)
{
	struct config	 c;
	char		*cause;
	int		 r;

	parse(&c, "[nosuch]\na = b\n", &cause);
	r = config_validate(&c, &cause);
	tap_ok(r == -1 && cause && strstr(cause, "unknown backend 'nosuch'") &&
	    strstr(cause, "known: default, file"), "unknown backend named "
	    "with the known ones");
	if (cause)
		printf("# %s\n", cause);
	free(cause);
	config_release(&c);

	parse(&c, "[mine]\nbackend = file\npath = /x\n", &cause);
	tap_is_int(config_validate(&c, &cause), 0, "named section of a type");
	config_release(&c);
}

static void
test_find(void)
{
	char		 dir[] = "/tmp/t-config.XXXXXX", *path, *p;
	const char	*reason;
	FILE		*f;

	if (mkdtemp(dir) == NULL)
		return;
	unsetenv("NTFY_CONFIG");
	setenv("HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", "relative/ignored", 1);
	setenv("XDG_CONFIG_DIRS", dir, 1);
	tap_is_int(config_find(NULL, &path, &reason), 1, "no file anywhere");

	p = xasprintf("%s/ntfy", dir);
	mkdir(p, 0700);
	free(p);
	p = xasprintf("%s/ntfy/ntfy.ini", dir);
	f = fopen(p, "w");
	fclose(f);
	config_find(NULL, &path, &reason);
	tap_is_str(path, p, "XDG_CONFIG_DIRS file found last");
	free(path);
	free(p);

	p = xasprintf("%s/.ntfy.ini", dir);
	f = fopen(p, "w");
	fclose(f);
	config_find(NULL, &path, &reason);
	tap_is_str(path, p, "~/.ntfy.ini before the system file");
	free(path);
	free(p);

	p = xasprintf("%s/.config/ntfy", dir);
	path = xasprintf("%s/.config", dir);
	mkdir(path, 0700);
	free(path);
	mkdir(p, 0700);
	free(p);
	p = xasprintf("%s/.config/ntfy/ntfy.ini", dir);
	f = fopen(p, "w");
	fclose(f);
	config_find(NULL, &path, &reason);
	tap_is_str(path, p, "~/.config/ntfy/ntfy.ini when XDG_CONFIG_HOME is "
	    "not absolute");
	free(path);
	free(p);

	setenv("NTFY_CONFIG", "/from/env.ini", 1);
	config_find(NULL, &path, &reason);
	tap_is_str(path, "/from/env.ini", "$NTFY_CONFIG before the files");
	free(path);
	config_find("/from/cli.ini", &path, &reason);
	tap_is_str(path, "/from/cli.ini", "-c before everything");
	free(path);
	unsetenv("NTFY_CONFIG");
}

static void
test_precedence(void)
{
	struct ntfy		 nt;
	struct target		*t;
	size_t			 n;
	char			*cause = NULL;
	char			 global[] = "/global", second[] = "/second";
	struct cli_option	 opts[] = {
		{ NULL, "path", global },
		{ "second", "path", second },
	};
	const char		*names[] = { "file", "second" };

	memset(&nt, 0, sizeof nt);
	parse(&nt.config, "title = Top\n[second]\nbackend = file\n"
	    "path = /section\ntitle = Second\n[file]\npath = /filesec\n",
	    &cause);
	nt.config_loaded = 1;
	nt.backends = names;
	nt.nbackends = 2;
	nt.options = opts;
	nt.noptions = 2;
	tap_is_int(targets_resolve(&nt, &t, &n, &cause), 0, "targets resolve");
	tap_is_int((long)n, 2, "two targets");
	tap_is_str(target_opt(&t[0], "path"), "/global",
	    "global -o beats the section");
	tap_is_str(target_opt(&t[1], "path"), "/second",
	    "-o after -b beats global -o");
	tap_is_str(t[0].title, "Top", "global title when section has none");
	tap_is_str(t[1].title, "Second", "section title beats global title");
	targets_free(t, n);

	nt.title = "Cli";
	targets_resolve(&nt, &t, &n, &cause);
	tap_is_str(t[1].title, "Cli", "-t beats every title");
	targets_free(t, n);

	names[0] = "nosuch";
	tap_is_int(targets_resolve(&nt, &t, &n, &cause), EXIT_CONFIG,
	    "unknown -b backend: config error");
	tap_ok(cause && strstr(cause, "unknown backend 'nosuch'"),
	    "unknown -b backend named");
	free(cause);
	config_release(&nt.config);
}

static void
test_list_targets(void)
{
	struct ntfy		 nt;
	struct target		*t;
	size_t			 n;
	char			*cause = NULL;
	const char		*names[] = { "mm" };

	memset(&nt, 0, sizeof nt);
	parse(&nt.config, "[mm]\nbackend = mattermost\n"
	    "url = https://chat.example.org/hooks/k\n"
	    "channel = town-square, ,#ops ,\n", &cause);
	nt.config_loaded = 1;
	nt.backends = names;
	nt.nbackends = 1;
	tap_is_int(targets_resolve(&nt, &t, &n, &cause), 0,
	    "a channel list resolves");
	tap_is_int((long)n, 2, "one target per item, empty ones dropped");
	tap_is_str(target_opt(&t[0], "channel"), "town-square", "first item");
	tap_is_str(target_opt(&t[1], "channel"), "#ops", "blanks dropped");
	tap_is_str(optlist_get(&t[1].cli, "channel"), "#ops",
	    "the item kept for the spool");
	targets_free(t, n);
	config_release(&nt.config);

	parse(&nt.config, "[mm]\nbackend = mattermost\n"
	    "url = https://chat.example.org/hooks/k\nchannel = ops\n",
	    &cause);
	tap_is_int(targets_resolve(&nt, &t, &n, &cause), 0,
	    "one channel resolves");
	tap_is_int((long)n, 1, "one channel, one target");
	tap_ok(optlist_get(&t[0].cli, "channel") == NULL,
	    "a single item is no -o");
	targets_free(t, n);
	config_release(&nt.config);
}

/* Where url_authority puts the host: after *at, else right after "://". */
static void
test_url_authority(void)
{
	static const struct {
		const char	*url;
		const char	*host;	/* NULL: no userinfo */
		const char	*rest;	/* where the authority ends */
	} cases[] = {
		{ "rocket://ID1/TOK2@h.example:3000/#a", "h.example:3000",
		    "/#a" },
		{ "rocket://bot:ID1/TOK2@h/@ann", "h", "/@ann" },
		{ "rocket://bot:pw@h/x@y", "h", "/x@y" },
		{ "rocket://chat.example.org/TOK2@h", NULL, "/TOK2@h" },
		{ "rocket://ID1/TOK-2@h", NULL, "/TOK-2@h" },
		{ "rocket://ID1/@h", NULL, "/@h" },
		{ "rocket://h/#ops?to=@ann", NULL, "/#ops?to=@ann" },
		{ "pbul://TOK1/ann@example.org", NULL, "/ann@example.org" },
		{ "https://a:b@c@h/p", "h", "/p" },
	};
	const char	*at, *end;
	char		*what;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		end = url_authority(cases[i].url, &at);
		what = xasprintf("url_authority %s", cases[i].url);
		tap_is_str(end, cases[i].rest, what);
		if (cases[i].host == NULL)
			tap_ok(at == NULL, what);
		else
			tap_ok(at != NULL && strncmp(at + 1, cases[i].host,
			    (size_t)(end - at - 1)) == 0 &&
			    strlen(cases[i].host) == (size_t)(end - at - 1),
			    what);
		free(what);
	}
}

int
main(void)
{
	log_level = LOG_ERROR;
	test_parse();
	test_long_line();
	test_validate();
	test_find();
	test_precedence();
	test_list_targets();
	test_url_authority();
	return tap_done();
}
