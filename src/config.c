/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ntfy.h"

#define CONFIG_MAX_SIZE	(1024 * 1024)
/* Debian's libinih is built with INI_MAX_LINE 200; never rely on more. */
#define INIH_LINE_MAX	200
#define LONG_VALUE_MARK	'\001'

/* What the inih reader and handler share while one file is parsed. */
struct parse_state {
	struct config	*config;
	const char	*name;		/* file name for messages */
	const char	*data;
	size_t		 len;
	size_t		 pos;
	int		 line;
	int		 indented;	/* the last line began with blank */
	int		 section_line;	/* line of the last [section] */
	char		**long_values;	/* values of lines too long for inih */
	size_t		 nlong;
	int		 error_line;
	char		*error;
	struct section	*current;
	char		*last_key;
};

static void
parse_error(struct parse_state *ps, int line, const char *text)
{
	if (ps->error != NULL)
		return;
	ps->error_line = line;
	ps->error = xstrdup(text);
}

static char *
trim(char *s)
{
	char	*end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r'))
		*--end = '\0';
	return s;
}

/*
 * Hand inih a line longer than it can hold as `key=<mark>N`, keeping the
 * value aside, so that long tokens and URLs are never cut.
 */
static char *
shorten_line(struct parse_state *ps, const char *line, size_t len,
    char *out, int size)
{
	char	*copy, *sep, *key, *value, *comment;
	int	 n;

	copy = xstrndup(line, len);
	key = trim(copy);
	sep = strpbrk(key, "=:");
	if (*key == '[' || sep == NULL || ps->indented) {
		parse_error(ps, ps->line, "line too long");
		free(copy);
		return NULL;
	}
	*sep = '\0';
	value = trim(sep + 1);
	key = trim(key);
	for (comment = value; (comment = strchr(comment, ';')) != NULL;
	    comment++) {
		if (comment > value && (comment[-1] == ' ' ||
		    comment[-1] == '\t')) {
			*comment = '\0';
			value = trim(value);
			break;
		}
	}
	n = snprintf(out, (size_t)size, "%s=%c%zu\n", key, LONG_VALUE_MARK,
	    ps->nlong);
	if (n < 0 || n >= size) {
		parse_error(ps, ps->line, "key too long");
		free(copy);
		return NULL;
	}
	ps->long_values = xreallocarray(ps->long_values, ps->nlong + 1,
	    sizeof *ps->long_values);
	ps->long_values[ps->nlong++] = xstrdup(value);
	explicit_bzero(copy, len);
	free(copy);
	return out;
}

/* inih's fgets: one physical line per call, so its line numbers hold. */
static char *
read_line(char *out, int size, void *arg)
{
	struct parse_state	*ps = arg;
	const char		*start, *nl;
	size_t			 len;

	if (ps->pos >= ps->len || ps->error != NULL)
		return NULL;
	start = ps->data + ps->pos;
	nl = memchr(start, '\n', ps->len - ps->pos);
	len = nl ? (size_t)(nl - start) + 1 : ps->len - ps->pos;
	ps->pos += len;
	ps->line++;
	for (nl = start; nl < start + len && (*nl == ' ' || *nl == '\t'); nl++)
		;
	if (nl < start + len && *nl == '[')
		ps->section_line = ps->line;
	nl = memchr(start, '\n', len);
	if (len + 1 <= (size_t)size && len + 1 <= INIH_LINE_MAX) {
		memcpy(out, start, len);
		out[len] = '\0';
		ps->indented = (len > 0 && (*start == ' ' || *start == '\t'));
		return out;
	}
	return shorten_line(ps, start, nl ? len - 1 : len, out, size);
}

static struct section *
section_get(struct config *c, const char *name, int line)
{
	size_t	i;

	for (i = 0; i < c->nsections; i++)
		if (strcmp(c->sections[i].name, name) == 0)
			return &c->sections[i];
	c->sections = xreallocarray(c->sections, c->nsections + 1,
	    sizeof *c->sections);
	memset(&c->sections[c->nsections], 0, sizeof c->sections[0]);
	c->sections[c->nsections].name = xstrdup(name);
	c->sections[c->nsections].line = line;
	return &c->sections[c->nsections++];
}

static int
handle_pair(void *arg, const char *section, const char *key, const char *value)
{
	struct parse_state	*ps = arg;
	struct optlist		*opts;
	const char		*old;
	char			*joined, *end;
	unsigned long		 idx;

	if (value[0] == LONG_VALUE_MARK) {
		idx = strtoul(value + 1, &end, 10);
		if (*end != '\0' || idx >= ps->nlong) {
			parse_error(ps, ps->line, "control character in value");
			return 0;
		}
		value = ps->long_values[idx];
	}
	if (*key == '\0') {
		parse_error(ps, ps->line, "empty key");
		return 0;
	}
	if (*section == '\0') {
		ps->current = NULL;
		opts = &ps->config->top;
	} else {
		if (ps->current == NULL || strcmp(ps->current->name, section))
			ps->current = section_get(ps->config, section,
			    ps->section_line);
		opts = &ps->current->opts;
	}
	old = optlist_get(opts, key);
	if (old != NULL && ps->indented && ps->last_key != NULL &&
	    strcmp(ps->last_key, key) == 0) {
		/* inih's continuation line: the value goes on. */
		joined = xasprintf("%s\n%s", old, value);
		optlist_set(opts, key, joined, ps->name, ps->line);
		freezero_str(joined);
		return 1;
	}
	if (old != NULL)
		log_warn("%s:%d: '%s' set again, the later value wins",
		    ps->name, ps->line, key);
	optlist_set(opts, key, value, ps->name, ps->line);
	free(ps->last_key);
	ps->last_key = xstrdup(key);
	return 1;
}

static void
parse_state_release(struct parse_state *ps)
{
	size_t	i;

	for (i = 0; i < ps->nlong; i++)
		freezero_str(ps->long_values[i]);
	free(ps->long_values);
	free(ps->last_key);
	free(ps->error);
}

/* Parse INI text; name is used in messages.  Returns 0 or -1 with *cause. */
int
config_parse_string(struct config *c, const char *name, const char *data,
    char **cause)
{
	struct parse_state	 ps;
	int			 r, line;

	memset(&ps, 0, sizeof ps);
	ps.config = c;
	ps.name = name;
	ps.data = data;
	ps.len = strlen(data);
	r = ini_parse_stream(read_line, &ps, handle_pair, &ps);
	if (ps.error != NULL) {
		*cause = xasprintf("%s:%d: %s", name, ps.error_line, ps.error);
		parse_state_release(&ps);
		return -1;
	}
	if (r != 0) {
		line = r;
		*cause = xasprintf("%s:%d: expected 'key = value', "
		    "'[section]' or a comment", name, line);
		parse_state_release(&ps);
		return -1;
	}
	parse_state_release(&ps);
	return 0;
}

static char *
read_file(const char *path, char **cause)
{
	struct buf	 b = BUF_INIT;
	const char	*why;
	char		 chunk[8192], *p;
	ssize_t		 n;
	int		 fd;
	size_t		 line, bad;

	if ((fd = file_open_read(path, &why)) == -1) {
		*cause = xasprintf("cannot read config '%s': %s", path, why);
		return NULL;
	}
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1) {
			*cause = xasprintf("cannot read config '%s': %s", path,
			    strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		buf_add(&b, chunk, (size_t)n);
		if (b.len > CONFIG_MAX_SIZE) {
			*cause = xasprintf("config '%s' is larger than %d KiB;"
			    " is it the right file?", path,
			    CONFIG_MAX_SIZE / 1024);
			goto fail;
		}
	}
	close(fd);
	if (b.data != NULL && (bad = utf8_valid(b.data, b.len)) < b.len) {
		line = 1;
		for (p = b.data; p < b.data + bad; p++)
			line += (*p == '\n');
		*cause = xasprintf("%s:%zu: %s; is it a text file?", path, line,
		    b.data[bad] == '\0' ? "NUL byte in config" :
		    "config is not UTF-8 text");
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
fail:
	close(fd);
	buf_release(&b);
	return NULL;
}

/* Which config file to read: 0 and *path, 1 for none, -1 with *path set
 * to the name that was asked for but cannot be used. */
int
config_find(const char *explicit_path, char **path, const char **reason)
{
	const char	*env, *home, *dirs;
	char		*p, *end;
	struct stat	 st;

	*path = NULL;
	if (explicit_path != NULL) {
		*path = xstrdup(explicit_path);
		*reason = "-c";
		return 0;
	}
	if ((env = getenv("NTFY_CONFIG")) != NULL && *env != '\0') {
		*path = xstrdup(env);
		*reason = "$NTFY_CONFIG";
		return 0;
	}
	home = getenv("HOME");
	env = getenv("XDG_CONFIG_HOME");
	if (env != NULL && *env == '/')
		p = xasprintf("%s/ntfy/ntfy.ini", env);
	else if (home != NULL && *home != '\0')
		p = xasprintf("%s/.config/ntfy/ntfy.ini", home);
	else
		p = NULL;
	if (p != NULL && lstat(p, &st) == 0) {
		*path = p;
		*reason = "$XDG_CONFIG_HOME";
		return 0;
	}
	free(p);
	if (home != NULL && *home != '\0') {
		p = xasprintf("%s/.ntfy.ini", home);
		if (lstat(p, &st) == 0) {
			*path = p;
			*reason = "~/.ntfy.ini";
			return 0;
		}
		free(p);
	}
	dirs = getenv("XDG_CONFIG_DIRS");
	if (dirs == NULL || *dirs != '/')
		dirs = "/etc/xdg";
	end = strchr(dirs, ':');
	p = xasprintf("%.*s/ntfy/ntfy.ini",
	    (int)(end ? (size_t)(end - dirs) : strlen(dirs)), dirs);
	if (lstat(p, &st) == 0) {
		*path = p;
		*reason = "$XDG_CONFIG_DIRS";
		return 0;
	}
	free(p);
	return 1;
}

/* Find and read the config; no file at all is fine (built-in defaults). */
int
config_load(struct config *c, const char *explicit_path, char **cause)
{
	char	*data;
	int	 r;

	memset(c, 0, sizeof *c);
	if (config_find(explicit_path, &c->path, &c->reason) == 1)
		return 0;
	if ((data = read_file(c->path, cause)) == NULL)
		return -1;
	r = config_parse_string(c, c->path, data, cause);
	explicit_bzero(data, strlen(data));
	free(data);
	return r;
}

const struct section *
config_section(const struct config *c, const char *name)
{
	size_t	i;

	for (i = 0; i < c->nsections; i++)
		if (strcmp(c->sections[i].name, name) == 0)
			return &c->sections[i];
	return NULL;
}

void
config_release(struct config *c)
{
	size_t	i;

	for (i = 0; i < c->nsections; i++) {
		free(c->sections[i].name);
		optlist_release(&c->sections[i].opts);
	}
	free(c->sections);
	optlist_release(&c->top);
	free(c->path);
	memset(c, 0, sizeof *c);
}

/* Create dir and its missing parents with mode; 0 or -1 with errno. */
int
mkdir_parents(const char *dir, mode_t mode)
{
	char	*copy = xstrdup(dir), *p;
	int	 r = 0;

	for (p = copy + 1; r == 0 && *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, mode) == -1 && errno != EEXIST)
			r = -1;
		*p = '/';
	}
	if (r == 0 && mkdir(copy, mode) == -1 && errno != EEXIST)
		r = -1;
	free(copy);
	return r;
}

/*
 * $XDG_STATE_HOME/ntfy (default ~/.local/state/ntfy), or a directory below
 * it; NULL with *cause when neither variable is set.
 */
char *
state_path(const char *sub, char **cause)
{
	const char	*state = getenv("XDG_STATE_HOME");
	const char	*home = getenv("HOME");

	if (state != NULL && *state == '/')
		return xasprintf("%s/ntfy%s%s", state, sub ? "/" : "",
		    sub ? sub : "");
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.local/state/ntfy%s%s", home,
		    sub ? "/" : "", sub ? sub : "");
	*cause = xstrdup("neither HOME nor XDG_STATE_HOME is set");
	return NULL;
}

/* state_path(), created 0700; NULL with *cause when it cannot be made. */
char *
state_dir(const char *sub, char **cause)
{
	char	*dir;

	if ((dir = state_path(sub, cause)) == NULL)
		return NULL;
	if (mkdir_parents(dir, 0700) == -1) {
		*cause = xasprintf("cannot create '%s': %s", dir,
		    strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}
