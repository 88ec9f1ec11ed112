/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ntfy.h"

const struct option_value *
optlist_find(const struct optlist *l, const char *key)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return &l->v[i];
	return NULL;
}

const char *
optlist_get(const struct optlist *l, const char *key)
{
	const struct option_value	*v = optlist_find(l, key);

	return v ? v->value : NULL;
}

/* Set key to value, replacing an earlier value of the same key. */
void
optlist_set(struct optlist *l, const char *key, const char *value,
    const char *origin, int line)
{
	struct option_value	*v = (struct option_value *)optlist_find(l, key);

	if (v == NULL) {
		l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
		v = &l->v[l->n++];
		v->key = xstrdup(key);
	} else
		freezero_str(v->value);
	v->value = xstrdup(value);
	v->origin = origin;
	v->line = line;
}

void
optlist_release(struct optlist *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].key);
		freezero_str(l->v[i].value);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* true/false, yes/no, on/off, 1/0; returns -1 for anything else. */
int
parse_bool(const char *s, int *out)
{
	static const char	*yes[] = { "true", "yes", "on", "1" };
	static const char	*no[] = { "false", "no", "off", "0" };
	size_t			 i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

/* A whole decimal number within [min, max]; returns -1 otherwise. */
int
parse_long(const char *s, long min, long max, long *out)
{
	char	*end;
	long	 v;

	if (*s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* A non-negative number of seconds, fractions allowed. */
int
parse_seconds(const char *s, double *out)
{
	char	*end;
	double	 v;

	if (*s == '\0')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v) || v < 0 || v > 1e9)
		return -1;
	*out = v;
	return 0;
}

/* Split "a, b c" into names, appended to *names. */
void
split_names(const char *list, char ***names, size_t *n)
{
	char	*copy = xstrdup(list), *tok, *save = NULL;

	for (tok = strtok_r(copy, ", \t", &save); tok != NULL;
	    tok = strtok_r(NULL, ", \t", &save)) {
		*names = xreallocarray(*names, *n + 1, sizeof **names);
		(*names)[(*n)++] = xstrdup(tok);
	}
	free(copy);
}

/* Where the URL in s[0..len) starts (its scheme), or NULL. */
static const char *
url_start(const char *s, size_t len)
{
	const char	*sep, *p;

	for (sep = s; sep + 3 <= s + len; sep++) {
		if (strncmp(sep, "://", 3) != 0)
			continue;
		for (p = sep; p > s && (isalnum((unsigned char)p[-1]) ||
		    p[-1] == '+' || p[-1] == '-' || p[-1] == '.'); p--)
			;
		if (p < sep)
			return p;
	}
	return NULL;
}

/*
 * Split a list of targets: commas and blanks separate plain names, but a
 * URL (SCHEME://...) keeps its commas and runs to the next blank, or to
 * the end when whole is set (one -b argument); commas that end it are the
 * list's.
 */
void
split_targets(const char *list, int whole, char ***names, size_t *n)
{
	const char	*p = list, *end, *url;
	char		*plain;
	size_t		 len;

	while (*p != '\0') {
		len = whole ? strlen(p) : strcspn(p, " \t\n");
		end = p + len;
		if ((url = url_start(p, len)) != NULL) {
			plain = xstrndup(p, (size_t)(url - p));
			split_names(plain, names, n);
			free(plain);
			/* "a://x, b://y": the comma ends the list item. */
			for (len = (size_t)(end - url); len > 0 &&
			    url[len - 1] == ','; len--)
				;
			*names = xreallocarray(*names, *n + 1,
			    sizeof **names);
			(*names)[(*n)++] = xstrndup(url, len);
		} else {
			plain = xstrndup(p, len);
			split_names(plain, names, n);
			free(plain);
		}
		p = end + strspn(end, " \t\n");
	}
}

/* A path from the config with a leading ~/ made absolute from $HOME. */
char *
expand_home(const char *path)
{
	const char	*home = getenv("HOME");

	if (strncmp(path, "~/", 2) == 0 && home != NULL && *home != '\0')
		return xasprintf("%s/%s", home, path + 2);
	return xstrdup(path);
}
