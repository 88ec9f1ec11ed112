/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"

/*
 * A key that a backend does not know is only a warning, except where it may
 * leak: in a target that sends a secret over the network, a misspelt or
 * foreign key that was meant to name the server (host, hostname, server...)
 * would leave the default server in place and send the secret there.
 */

/* 1 when t talks to a server and one of its secret options is set. */
static int
target_carries_secret(const struct target *t)
{
	const struct backend_option	*o;
	const char			*v;

	if (!(t->backend->flags & (BACKEND_NETWORK | BACKEND_QUEUE)) ||
	    t->backend->options == NULL)
		return 0;
	for (o = t->backend->options; o->key != NULL; o++)
		if ((o->flags & OPT_SECRET) &&
		    (v = optlist_get(&t->opts, o->key)) != NULL && *v != '\0')
			return 1;
	return 0;
}

/* Edit distance of two short keys, capped at 3. */
static size_t
key_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, prev, cur, up;
	size_t	row[64];

	if (la >= sizeof row / sizeof row[0] || lb >= sizeof row /
	    sizeof row[0])
		return 3;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			cur = prev + (a[i - 1] != b[j - 1]);
			if (up + 1 < cur)
				cur = up + 1;
			if (row[j - 1] + 1 < cur)
				cur = row[j - 1] + 1;
			row[j] = cur;
			prev = up;
		}
	}
	return row[lb] < 3 ? row[lb] : 3;
}

/* What to write instead of key: the nearest option of b, if near. */
static char *
key_advice(const struct backend *b, const char *key, int cli)
{
	const struct backend_option	*o, *best = NULL;
	size_t				 d, bestd = 3;

	for (o = b->options; o->key != NULL; o++)
		if ((d = key_distance(key, o->key)) < bestd) {
			bestd = d;
			best = o;
		}
	if (best != NULL)
		return xasprintf("write %s%s instead, or see 'ntfy backends'",
		    cli ? "-o " : "", best->key);
	return xasprintf("remove it or use one of the options 'ntfy "
	    "backends' lists for '%s'", b->name);
}

static char *
refusal(const struct target *t, const char *where, const char *key, int cli)
{
	char	*advice, *cause;

	advice = key_advice(t->backend, key, cli);
	cause = xasprintf("%s: [%s]: backend '%s' has no option '%s', and "
	    "this backend sends a secret: not sending it, lest it go to a "
	    "server you did not name; %s", where, t->name, t->backend->name,
	    key, advice);
	free(advice);
	return cause;
}

/* 0, or -1 with *cause when a key of section s or an -o given for this
 * target is unknown to its backend and the target carries a secret. */
int
target_check_keys(const struct target *t, const struct section *s,
    const struct ntfy *nt, char **cause)
{
	const struct option_value	*v;
	char				*where;
	size_t				 i;

	if (!target_carries_secret(t))
		return 0;
	for (i = 0; s != NULL && i < s->opts.n; i++) {
		v = &s->opts.v[i];
		if (backend_option(t->backend, v->key) != NULL)
			continue;
		where = xasprintf("%s:%d", v->origin, v->line);
		*cause = refusal(t, where, v->key, 0);
		free(where);
		return -1;
	}
	for (i = 0; i < nt->noptions; i++) {
		if (nt->options[i].backend == NULL ||
		    strcmp(nt->options[i].backend, t->name) != 0 ||
		    backend_option(t->backend, nt->options[i].key) != NULL)
			continue;
		where = xasprintf("-o %s", nt->options[i].key);
		*cause = refusal(t, where, nt->options[i].key, 1);
		free(where);
		return -1;
	}
	return 0;
}

/* An -o for every backend that none of them knows is a typo too: refuse it
 * when one of them carries a secret. */
int
targets_check_global_keys(const struct target *t, size_t n,
    const struct ntfy *nt, char **cause)
{
	const struct target	*holder;
	const char		*key;
	char			*where;
	size_t			 i, j;

	for (i = 0; i < nt->noptions; i++) {
		if (nt->options[i].backend != NULL)
			continue;
		key = nt->options[i].key;
		holder = NULL;
		for (j = 0; j < n; j++) {
			if (t[j].backend->options == NULL ||
			    backend_option(t[j].backend, key) != NULL)
				break;
			if (holder == NULL && target_carries_secret(&t[j]))
				holder = &t[j];
		}
		if (j < n || holder == NULL)
			continue;
		where = xasprintf("-o %s", key);
		*cause = refusal(holder, where, key, 1);
		free(where);
		return -1;
	}
	return 0;
}
