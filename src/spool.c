/* SPDX-License-Identifier: ISC */
/*
 * The spool: one JSON file per notification and target that could not be
 * delivered yet, in $XDG_STATE_HOME/ntfy/spool (0700), each written whole
 * (temporary file, then rename) with mode 0600.  A file keeps the target's
 * name and the -o values that applied, not its resolved options: they are
 * resolved again from the config when it is resent, so a corrected config
 * applies.  Those -o values and a URL target may hold secrets, which is why
 * the files are private.
 */
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "backend-util.h"

#define SPOOL_FILE_MAX	(4 * 1024 * 1024)

/* The spool directory, whether it exists or not. */
char *
spool_path(void)
{
	const char	*state = getenv("XDG_STATE_HOME");
	const char	*home = getenv("HOME");

	if (state != NULL && *state == '/')
		return xasprintf("%s/ntfy/spool", state);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.local/state/ntfy/spool", home);
	return NULL;
}

/*
 * Lock the spool: a descriptor, -2 when there is no spool or (without
 * wait) another run holds it, -1 on error.
 */
int
spool_lock(int wait)
{
	struct stat	 st;
	char		*dir, *path;
	int		 fd;

	if ((dir = spool_path()) == NULL)
		return -2;
	if (stat(dir, &st) == -1) {
		free(dir);
		return -2;
	}
	path = xasprintf("%s/.lock", dir);
	free(dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd == -1) {
		log_error("cannot open '%s': %s", path, strerror(errno));
		free(path);
		return -1;
	}
	while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) == -1) {
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK)
			log_error("cannot lock '%s': %s", path,
			    strerror(errno));
		else
			log_debug("another ntfy is sending the queue");
		close(fd);
		free(path);
		return errno == EWOULDBLOCK ? -2 : -1;
	}
	free(path);
	return fd;
}

void
spool_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* "2h", "30m", "86400", "1d": seconds; -1 when malformed. */
int
parse_duration(const char *s, double *out)
{
	char	*num;
	size_t	 len = strlen(s);
	double	 mult = 1;

	if (len == 0)
		return -1;
	switch (s[len - 1]) {
	case 's':
		len--;
		break;
	case 'm':
		mult = 60;
		len--;
		break;
	case 'h':
		mult = 3600;
		len--;
		break;
	case 'd':
		mult = 86400;
		len--;
		break;
	}
	num = xstrndup(s, len);
	if (parse_seconds(num, out) == -1) {
		free(num);
		return -1;
	}
	free(num);
	*out *= mult;
	return 0;
}

/* A target name fit for output: a URL shows its scheme only. */
char *
target_label(const char *name)
{
	const char	*sep = strstr(name, "://");

	if (sep == NULL)
		return xstrdup(name);
	return xasprintf("%.*s://...", (int)(sep - name), name);
}

/*
 * A value that must come back byte for byte (a target, an -o value: a
 * password need not be UTF-8): a string when it is valid UTF-8, else an
 * array of its bytes, since a JSON string cannot hold it.
 */
static json_t *
json_bytes(const char *s)
{
	json_t	*a;
	size_t	 i, len = strlen(s);

	if (utf8_valid(s, len) == len)
		return json_string(s);
	a = json_array();
	for (i = 0; i < len; i++)
		json_array_append_new(a, json_integer((unsigned char)s[i]));
	return a;
}

/* What json_bytes() wrote, or NULL when v is neither form. */
static char *
bytes_value(json_t *v)
{
	struct buf	 b = BUF_INIT;
	json_t		*x;
	json_int_t	 c;
	size_t		 i;

	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (!json_is_array(v))
		return NULL;
	buf_adds(&b, "");
	json_array_foreach(v, i, x) {
		c = json_is_integer(x) ? json_integer_value(x) : 0;
		if (c < 1 || c > 255) {
			freezero_str(buf_detach(&b));
			return NULL;
		}
		buf_addc(&b, (char)c);
	}
	return buf_detach(&b);
}

static json_t *
entry_json(const struct spool_entry *e)
{
	const struct message	*m = &e->msg;
	json_t			*o, *opts;
	char			*key;
	size_t			 i;

	opts = json_object();
	for (i = 0; i < e->options.n; i++) {
		/* Keys are option names, checked against the backend's. */
		key = utf8_repair(e->options.v[i].key,
		    strlen(e->options.v[i].key));
		json_object_set_new(opts, key,
		    json_bytes(e->options.v[i].value));
		free(key);
	}
	o = json_object();
	json_object_set_new(o, "version", json_integer(1));
	json_object_set_new(o, "target", json_bytes(e->target));
	json_object_set_new(o, "options", opts);
	json_object_set_new(o, "title", json_text(e->title));
	json_object_set_new(o, "message", json_text(m->body));
	json_object_set_new(o, "command", m->command ?
	    json_text(m->command) : json_null());
	json_object_set_new(o, "retcode", m->has_status ?
	    json_integer(m->retcode) : json_null());
	json_object_set_new(o, "signal", json_integer(m->signal));
	json_object_set_new(o, "duration", json_real(m->duration));
	json_object_set_new(o, "host", json_text(m->host));
	json_object_set_new(o, "time", json_integer((json_int_t)m->time));
	json_object_set_new(o, "attempts", json_integer(e->attempts));
	json_object_set_new(o, "first_failure",
	    json_integer((json_int_t)e->first_failure));
	json_object_set_new(o, "last_attempt",
	    json_integer((json_int_t)e->last_attempt));
	json_object_set_new(o, "last_error", e->last_error ?
	    json_text(e->last_error) : json_null());
	return o;
}

/* Write e to its path through a temporary file; 0 or -1 with *cause. */
static int
entry_save(const struct spool_entry *e, const char *dir, char **cause)
{
	json_t	*o = entry_json(e);
	char	*text, *tmp;
	size_t	 len;
	ssize_t	 w;
	int	 fd;

	text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (text == NULL) {
		*cause = xstrdup("cannot encode the notification as JSON");
		return -1;
	}
	len = strlen(text);
	tmp = xasprintf("%s/.tmp-%s", dir, e->id);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd == -1) {
		*cause = xasprintf("cannot create '%s': %s", tmp,
		    strerror(errno));
		goto fail;
	}
	w = write(fd, text, len);
	if (w != (ssize_t)len || fsync(fd) == -1) {
		*cause = xasprintf("cannot write '%s': %s", tmp,
		    w == -1 || w == (ssize_t)len ? strerror(errno) :
		    "short write");
		close(fd);
		unlink(tmp);
		goto fail;
	}
	if (close(fd) == -1 || rename(tmp, e->path) == -1) {
		*cause = xasprintf("cannot write '%s': %s", e->path,
		    strerror(errno));
		unlink(tmp);
		goto fail;
	}
	freezero_str(text);
	free(tmp);
	return 0;
fail:
	freezero_str(text);
	free(tmp);
	return -1;
}

/* Queue a notification for target t; 0 or -1 with *cause. */
int
spool_write(const struct target *t, const char *title,
    const struct message *m, int attempts, const char *error, char **cause)
{
	static unsigned int	 seq;
	struct spool_entry	 e;
	struct timespec		 ts;
	char			*dir;
	int			 r;

	if ((dir = state_dir("spool", cause)) == NULL)
		return -1;
	memset(&e, 0, sizeof e);
	clock_gettime(CLOCK_REALTIME, &ts);
	e.id = xasprintf("%lld-%09ld-%ld-%u", (long long)ts.tv_sec,
	    ts.tv_nsec, (long)getpid(), seq++);
	e.path = xasprintf("%s/%s.json", dir, e.id);
	e.target = t->name;
	e.options = t->cli;
	e.title = (char *)title;
	e.msg = *m;
	e.attempts = attempts;
	e.first_failure = e.last_attempt = ts.tv_sec;
	e.last_error = (char *)error;
	r = entry_save(&e, dir, cause);
	free(e.id);
	free(e.path);
	free(dir);
	return r;
}

static const char *
jstr(json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static long long
jint(json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
}

/* Read one spool file; 0, or -1 when it is not a spool entry. */
static int
entry_load(const char *dir, const char *file, struct spool_entry *e)
{
	json_error_t	 err;
	json_t		*o, *opts, *v;
	const char	*key, *why;
	char		*value;
	int		 fd;

	memset(e, 0, sizeof *e);
	e->path = xasprintf("%s/%s", dir, file);
	o = NULL;
	if ((fd = file_open_read(e->path, &why)) != -1) {
		o = json_loadfd(fd, 0, &err);
		close(fd);
	}
	if (o == NULL || !json_is_object(o) || jstr(o, "message") == NULL ||
	    (e->target = bytes_value(json_object_get(o, "target"))) == NULL) {
		log_warn("'%s' is not a queued notification; ignored", e->path);
		json_decref(o);
		free(e->path);
		return -1;
	}
	e->id = xstrndup(file, strlen(file) - 5);
	if ((opts = json_object_get(o, "options")) != NULL &&
	    json_is_object(opts)) {
		json_object_foreach(opts, key, v) {
			if ((value = bytes_value(v)) == NULL) {
				log_warn("'%s': option '%s' is not text; "
				    "ignored", e->path, key);
				continue;
			}
			optlist_set(&e->options, key, value, "-o", 0);
			freezero_str(value);
		}
	}
	e->title = xstrdup(jstr(o, "title") ? jstr(o, "title") : "");
	message_init(&e->msg);
	e->msg.body = xstrdup(jstr(o, "message"));
	if (jstr(o, "command") != NULL)
		e->msg.command = xstrdup(jstr(o, "command"));
	v = json_object_get(o, "retcode");
	e->msg.has_status = json_is_integer(v);
	e->msg.retcode = (int)jint(o, "retcode");
	e->msg.signal = (int)jint(o, "signal");
	v = json_object_get(o, "duration");
	e->msg.duration = json_is_number(v) ? json_number_value(v) : -1;
	if (jstr(o, "host") != NULL) {
		free(e->msg.host);
		e->msg.host = xstrdup(jstr(o, "host"));
	}
	e->msg.time = (time_t)jint(o, "time");
	e->attempts = (int)jint(o, "attempts");
	e->first_failure = (time_t)jint(o, "first_failure");
	e->last_attempt = (time_t)jint(o, "last_attempt");
	if (jstr(o, "last_error") != NULL)
		e->last_error = xstrdup(jstr(o, "last_error"));
	json_decref(o);
	return 0;
}

static int
entry_compare(const void *a, const void *b)
{
	const struct spool_entry	*x = a, *y = b;

	if (x->first_failure != y->first_failure)
		return x->first_failure < y->first_failure ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* What waits, oldest first; 0, or -1 with *cause. */
int
spool_list(struct spool_entry **out, size_t *nout, char **cause)
{
	struct spool_entry	*e = NULL;
	struct dirent		*d;
	size_t			 n = 0, len;
	char			*dir;
	DIR			*dp;

	*out = NULL;
	*nout = 0;
	if ((dir = spool_path()) == NULL)
		return 0;
	if ((dp = opendir(dir)) == NULL) {
		if (errno == ENOENT) {
			free(dir);
			return 0;
		}
		*cause = xasprintf("cannot read '%s': %s", dir,
		    strerror(errno));
		free(dir);
		return -1;
	}
	while ((d = readdir(dp)) != NULL) {
		len = strlen(d->d_name);
		if (d->d_name[0] == '.' || len <= 5 ||
		    strcmp(d->d_name + len - 5, ".json") != 0)
			continue;
		e = xreallocarray(e, n + 1, sizeof *e);
		if (entry_load(dir, d->d_name, &e[n]) == 0)
			n++;
	}
	closedir(dp);
	free(dir);
	if (n > 0)
		qsort(e, n, sizeof *e, entry_compare);
	*out = e;
	*nout = n;
	return 0;
}

/* Save a failed attempt at e. */
int
spool_update(struct spool_entry *e, const char *error, char **cause)
{
	char	*dir, *why = NULL;
	int	 r;

	free(e->last_error);
	e->last_error = error ? xstrdup(error) : NULL;
	e->last_attempt = time(NULL);
	if ((dir = spool_path()) == NULL)
		return -1;
	r = entry_save(e, dir, cause ? cause : &why);
	if (r == -1 && cause == NULL) {
		log_warn("%s", why);
		free(why);
	}
	free(dir);
	return r;
}

int
spool_remove(const struct spool_entry *e)
{
	if (unlink(e->path) == -1 && errno != ENOENT) {
		log_warn("cannot remove '%s': %s", e->path, strerror(errno));
		return -1;
	}
	return 0;
}

void
spool_entries_free(struct spool_entry *e, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(e[i].id);
		free(e[i].path);
		freezero_str(e[i].target);
		optlist_release(&e[i].options);
		free(e[i].title);
		message_release(&e[i].msg);
		free(e[i].last_error);
	}
	free(e);
}
