/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"

extern const struct backend	backend_default;
extern const struct backend	backend_file;
extern const struct backend	backend_linux;
extern const struct backend	backend_terminal;
extern const struct backend	backend_pushover;
extern const struct backend	backend_pushjet;
extern const struct backend	backend_ntfy_sh;
extern const struct backend	backend_pushbullet;
extern const struct backend	backend_simplepush;
extern const struct backend	backend_slack;
extern const struct backend	backend_slack_webhook;
extern const struct backend	backend_telegram;
extern const struct backend	backend_matrix;
extern const struct backend	backend_rocketchat;
extern const struct backend	backend_prowl;
extern const struct backend	backend_notifico;
extern const struct backend	backend_pushalot;
extern const struct backend	backend_insta;
extern const struct backend	backend_gotify;
extern const struct backend	backend_discord;
extern const struct backend	backend_mattermost;
extern const struct backend	backend_teams;
extern const struct backend	backend_webhook;
extern const struct backend	backend_webpush;
extern const struct backend	backend_email;
extern const struct backend	backend_systemlog;
extern const struct backend	backend_termux;
extern const struct backend	backend_darwin;
extern const struct backend	backend_wsl;
extern const struct backend	backend_command;
extern const struct backend	backend_xmpp;

/* The Python ntfy's name for Windows notifications: in WSL, wsl's toasts. */
static const struct backend backend_win32 = {
	.name = "win32",
	.desc = "the Python ntfy's name for wsl",
	.flags = BACKEND_HIDDEN,
	.alias_of = "wsl"
};

/* The Python ntfy's external Web Push module (ntfy-webpush). */
static const struct backend backend_ntfy_webpush = {
	.name = "ntfy_webpush",
	.desc = "the Python ntfy's name for webpush",
	.flags = BACKEND_HIDDEN,
	.alias_of = "webpush"
};

/* Every backend, compiled in or not; see backend.h to add one. */
const struct backend *backends[] = {
	&backend_default,
	&backend_file,
	&backend_linux,
	&backend_terminal,
	&backend_pushover,
	&backend_pushjet,
	&backend_ntfy_sh,
	&backend_pushbullet,
	&backend_simplepush,
	&backend_slack,
	&backend_slack_webhook,
	&backend_telegram,
	&backend_matrix,
	&backend_rocketchat,
	&backend_prowl,
	&backend_notifico,
	&backend_pushalot,
	&backend_insta,
	&backend_gotify,
	&backend_discord,
	&backend_mattermost,
	&backend_teams,
	&backend_webhook,
	&backend_webpush,
	&backend_email,
	&backend_systemlog,
	&backend_termux,
	&backend_darwin,
	&backend_wsl,
	&backend_win32,
	&backend_ntfy_webpush,
	&backend_command,
	&backend_xmpp,
	NULL
};

/* Keys every backend section accepts. */
static const struct backend_option common_options[] = {
	{ "backend", 0, NULL, "the backend type of a named section" },
	{ "title", 0, NULL, "title for this backend only" },
	{ NULL, 0, NULL, NULL }
};

/* Keys of every network backend, also accepted at the top of ntfy.ini. */
const struct backend_option network_options[] = {
	{ "timeout", 0, "15", "seconds one request may take" },
	{ "connect_timeout", 0, "5", "seconds to connect" },
	{ "ca_file", 0, NULL, "PEM file of the CAs to trust (a self-hosted "
	    "server with a private CA)" },
	{ "retry_budget", 0, "20", "seconds to keep retrying before the "
	    "notification is queued" },
	{ NULL, 0, NULL, NULL }
};

/* The first backend after prev (NULL: from the start) that a URL scheme
 * (pover, ntfys...) stands for. */
const struct backend *
backend_by_scheme(const char *scheme, const struct backend *prev)
{
	const char *const	*s;
	size_t			 i = 0;

	if (prev != NULL)
		while (backends[i] != NULL && backends[i++] != prev)
			;
	for (; backends[i] != NULL; i++)
		for (s = backends[i]->schemes; s != NULL && *s; s++)
			if (strcmp(*s, scheme) == 0)
				return backends[i];
	return NULL;
}

const struct backend *
backend_find(const char *name)
{
	size_t	i;

	for (i = 0; backends[i] != NULL; i++) {
		if (strcmp(backends[i]->name, name) != 0)
			continue;
		if (backends[i]->alias_of != NULL)
			return backend_find(backends[i]->alias_of);
		return backends[i];
	}
	return NULL;
}

/* A backend with neither send() nor a module was configured out. */
int
backend_compiled(const struct backend *b)
{
	return b->requires == NULL;
}

const struct backend_option *
backend_option(const struct backend *b, const char *key)
{
	const struct backend_option	*o;

	for (o = b->options; o != NULL && o->key != NULL; o++)
		if (strcmp(o->key, key) == 0)
			return o;
	for (o = common_options; o->key != NULL; o++)
		if (strcmp(o->key, key) == 0)
			return o;
	if (b->flags & BACKEND_NETWORK)
		for (o = network_options; o->key != NULL; o++)
			if (strcmp(o->key, key) == 0)
				return o;
	return NULL;
}

const char *
target_opt(const struct target *t, const char *key)
{
	return optlist_get(&t->opts, key);
}

const char *
notif_opt(const struct notification *n, const char *key)
{
	return optlist_get(&n->target->opts, key);
}

/* Where an option's value came from, for error messages. */
static char *
opt_place(const struct notification *n, const char *key)
{
	const struct option_value	*v;

	v = optlist_find(&n->target->opts, key);
	if (v != NULL && v->line > 0)
		return xasprintf("%s:%d: ", v->origin, v->line);
	return xstrdup("");
}

/* Read a boolean option; 0, or -1 with *cause naming backend and key. */
int
notif_bool(const struct notification *n, const char *key, int *out,
    char **cause)
{
	const char	*v = notif_opt(n, key);
	char		*place;

	*out = 0;
	if (v == NULL || parse_bool(v, out) == 0)
		return 0;
	place = opt_place(n, key);
	*cause = xasprintf("%sbackend '%s': option '%s' must be true or false,"
	    " not '%s'", place, n->target->name, key, v);
	free(place);
	return -1;
}

int
notif_long(const struct notification *n, const char *key, long min,
    long max, long *out, char **cause)
{
	const char	*v = notif_opt(n, key);
	char		*place;

	if (v == NULL || parse_long(v, min, max, out) == 0)
		return 0;
	place = opt_place(n, key);
	*cause = xasprintf("%sbackend '%s': option '%s' must be a whole number"
	    " from %ld to %ld, not '%s'", place, n->target->name, key, min,
	    max, v);
	free(place);
	return -1;
}

/* A number of seconds, fractions allowed; 0 or -1 with *cause. */
int
notif_seconds(const struct notification *n, const char *key, double *out,
    char **cause)
{
	const char	*v = notif_opt(n, key);
	char		*place;

	if (v == NULL || parse_seconds(v, out) == 0)
		return 0;
	place = opt_place(n, key);
	*cause = xasprintf("%sbackend '%s': option '%s' must be a number of "
	    "seconds, not '%s'", place, n->target->name, key, v);
	free(place);
	return -1;
}

/* A level (priority) in v: a whole number from min to max or one of names
 * (ending with { NULL }); 0 or -1. */
int
level_parse(const char *v, const struct level_name *names, long min,
    long max, long *out)
{
	size_t	i;

	for (i = 0; names != NULL && names[i].name != NULL; i++) {
		if (strcmp(v, names[i].name) == 0) {
			*out = names[i].value;
			return 0;
		}
	}
	return parse_long(v, min, max, out);
}

/* Check a level option before anything is sent: a bad one is a
 * configuration error that names the values accepted. */
int
target_level(const struct target *t, const char *key,
    const struct level_name *names, long min, long max, char **cause)
{
	const struct option_value	*v;
	struct buf			 b = BUF_INIT;
	char				*place;
	size_t				 i;
	long				 l;

	v = optlist_find(&t->opts, key);
	if (v == NULL || level_parse(v->value, names, min, max, &l) == 0)
		return 0;
	for (i = 0; names != NULL && names[i].name != NULL; i++)
		buf_printf(&b, ", %s", names[i].name);
	place = v->line > 0 ? xasprintf("%s:%d: ", v->origin, v->line) :
	    xstrdup("");
	*cause = xasprintf("%sbackend '%s': option '%s' must be %ld to %ld%s%s,"
	    " not '%s'", place, t->name, key, min, max, b.len ? " or one of" :
	    "", b.len ? b.data + 1 : "", v->value);
	free(place);
	buf_release(&b);
	return -1;
}
