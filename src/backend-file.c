/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "backend-util.h"

static enum backend_result	file_send(const struct notification *, char **);

static const struct backend_option file_options[] = {
	{ "path", 0, NULL, "file to append to, ~/ for $HOME "
	    "[$XDG_STATE_HOME/ntfy/notifications.jsonl]" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_file = {
	.name = "file",
	.desc = "append one JSON line per notification to a file",
	.options = file_options,
	.send = file_send
};

/* The default path, creating its directory (0700) when missing. */
static char *
default_path(char **cause)
{
	char	*dir, *path;

	if ((dir = state_dir(NULL, cause)) == NULL)
		return NULL;
	path = xasprintf("%s/notifications.jsonl", dir);
	free(dir);
	return path;
}

/*
 * Open path to append, creating it 0600.  A FIFO is fine when a process
 * reads it (with none, fail at once rather than wait), and so is a
 * character device such as /dev/stderr; a socket or a directory is not.
 */
static int
file_open_append(const char *path, char **cause)
{
	struct stat	st;
	int		fd, flags;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC, 0600);
	if (fd == -1 && errno == ENXIO && stat(path, &st) == 0) {
		*cause = xasprintf("cannot open '%s': %s", path,
		    S_ISFIFO(st.st_mode) ? "it is a FIFO that no process reads"
		    : file_kind(st.st_mode));
		return -1;
	}
	if (fd == -1) {
		*cause = xasprintf("cannot open '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	memset(&st, 0, sizeof st);
	if (fstat(fd, &st) == -1 || !(S_ISREG(st.st_mode) ||
	    S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
		*cause = xasprintf("cannot write '%s': %s", path,
		    file_kind(st.st_mode));
		close(fd);
		return -1;
	}
	if ((flags = fcntl(fd, F_GETFL)) != -1)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

/* One line of JSON, written with one write() under O_APPEND so that lines
 * from concurrent writers never interleave. */
static enum backend_result
file_send(const struct notification *n, char **cause)
{
	const struct message	*m = n->msg;
	json_t			*o;
	char			*line, *path;
	size_t			 len;
	ssize_t			 w;
	int			 fd;

	if (notif_opt(n, "path") != NULL)
		path = expand_home(notif_opt(n, "path"));
	else if ((path = default_path(cause)) == NULL)
		return BACKEND_PERMFAIL;
	o = json_object();
	json_object_set_new(o, "title", json_text(n->title));
	json_object_set_new(o, "message", json_text(m->body));
	json_object_set_new(o, "retcode", m->has_status ?
	    json_integer(m->retcode) : json_null());
	json_object_set_new(o, "signal", m->signal ?
	    json_integer(m->signal) : json_null());
	json_object_set_new(o, "duration", m->duration >= 0 ?
	    json_real(m->duration) : json_null());
	json_object_set_new(o, "command", m->command ?
	    json_text(m->command) : json_null());
	json_object_set_new(o, "host", json_text(m->host));
	json_object_set_new(o, "time", json_integer((json_int_t)m->time));
	json_object_set_new(o, "backend", json_text(n->target->name));
	line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (line == NULL) {
		*cause = xstrdup("cannot encode the notification as JSON");
		free(path);
		return BACKEND_PERMFAIL;
	}
	len = strlen(line);
	line = xreallocarray(line, len + 2, 1);
	line[len++] = '\n';
	line[len] = '\0';
	if ((fd = file_open_append(path, cause)) == -1) {
		free(line);
		free(path);
		return BACKEND_PERMFAIL;
	}
	w = write(fd, line, len);
	if (w != (ssize_t)len) {
		*cause = xasprintf("cannot write '%s': %s", path,
		    w == -1 ? strerror(errno) : "short write");
		close(fd);
		free(line);
		free(path);
		return BACKEND_TEMPFAIL;
	}
	if (close(fd) == -1) {
		*cause = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		free(line);
		free(path);
		return BACKEND_TEMPFAIL;
	}
	free(line);
	free(path);
	return BACKEND_OK;
}
