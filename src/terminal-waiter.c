/* SPDX-License-Identifier: ISC */
/* The terminal backend's detached waiter: when the user comes back to the
 * terminal (or tmux pane) an OSC 99 notification came from, it closes it
 * there with p=close. */
#include "config.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "backend-util.h"

#define MAX_PIDS	64

/* The path of our controlling terminal: a standard descriptor on it names
 * it, else it is a pseudo-terminal /dev/pts/N (the shell hook runs us with
 * all three on /dev/null). */
static char *
tty_path(void)
{
	struct stat	 sb;
	const char	*name;
	char		*path;
	unsigned int	 maj, min;
	int		 nr = ctty_number(), i;

	if (nr == 0)
		return NULL;
	maj = ((unsigned int)nr >> 8) & 0xfff;
	min = ((unsigned int)nr & 0xff) | (((unsigned int)nr >> 12) & 0xfff00);
	for (i = 0; i < 3; i++) {
		if (isatty(i) && fstat(i, &sb) == 0 &&
		    major(sb.st_rdev) == maj && minor(sb.st_rdev) == min &&
		    (name = ttyname(i)) != NULL)
			return xstrdup(name);
	}
	if (maj < 136 || maj > 143)
		return NULL;
	path = xasprintf("/dev/pts/%u", (maj - 136) * 256 + min);
	if (stat(path, &sb) == -1 || !S_ISCHR(sb.st_mode) ||
	    major(sb.st_rdev) != maj || minor(sb.st_rdev) != min) {
		free(path);
		return NULL;
	}
	return path;
}

/*
 * After OSC 99 notification id was written to the terminal, with withdraw
 * on: when tmux, sway or X11 can tell that the user is back, start a
 * detached waiter that closes it then, or gives up after timeout seconds.
 * Nothing it does fails the send.
 */
void
terminal_waiter_spawn(const struct term_choice *tc, const char *id,
    long timeout)
{
	json_t	*req, *pids;
	long	 anc[MAX_PIDS];
	size_t	 i, nanc;
	char	*text, *reply = NULL, *path, *why = NULL;

	if (!focus_watch_possible(&why)) {
		log_debug("terminal: the notification stays: %s", why);
		free(why);
		return;
	}
	if ((path = tty_path()) == NULL) {
		log_debug("terminal: the notification stays: cannot name "
		    "the terminal");
		return;
	}
	req = json_object();
	json_object_set_new(req, "id", json_string(id));
	json_object_set_new(req, "tty", json_string(path));
	json_object_set_new(req, "tmux", json_boolean(tc->tmux));
	json_object_set_new(req, "action_timeout", json_integer(timeout));
	pids = json_array();
	nanc = proc_ancestors((long)getpid(), anc, MAX_PIDS);
	for (i = 0; i < nanc; i++)
		json_array_append_new(pids, json_integer(anc[i]));
	json_object_set_new(req, "pids", pids);
	text = json_dumps(req, JSON_COMPACT);
	json_decref(req);
	free(path);
	if (detach_spawn("core", "terminal_waiter", text, &reply,
	    &why) == -1) {
		log_debug("terminal: the notification stays: %s", why);
		free(why);
	} else if (strcmp(reply, "ok") != 0)
		log_debug("terminal: the notification stays: %s",
		    strncmp(reply, "error ", 6) == 0 ? reply + 6 : reply);
	else
		log_debug("terminal: a detached waiter closes notification "
		    "%s when you come back", id);
	free(reply);
	free(text);
}

/* Where the waiter of notification id writes its pid: a newer one with the
 * same id (replace) ends it. */
static char *
pid_file(const char *id)
{
	char	*name, *path;

	name = xasprintf("osc99-%s", id);
	path = runtime_path(name);
	free(name);
	return path;
}

static long
pid_file_read(const char *path)
{
	FILE	*f;
	long	 pid = 0;

	if (path == NULL || (f = fopen(path, "re")) == NULL)
		return 0;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	return pid;
}

/* Take over notification id from the waiter of the one it replaced. */
static void
pid_file_take(const char *path)
{
	char	*line;
	long	 old;

	if (path == NULL)
		return;
	if ((old = pid_file_read(path)) > 0 && detach_is_helper(old))
		kill((pid_t)old, SIGTERM);
	line = xasprintf("%ld\n", (long)getpid());
	(void)state_file_write(path, line);
	free(line);
}

/* OSC 99 p=close for id, through tmux when it came that way. */
static void
close_notification(const char *tty, const char *id, int tmux)
{
	struct buf	 seq = BUF_INIT, out = BUF_INIT;
	int		 fd;

	if ((fd = open(tty, O_WRONLY | O_NOCTTY | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		return;
	buf_adds(&seq, "");
	terminal_encode_close(&seq, id);
	if (tmux) {
		terminal_tmux_wrap(&out, seq.data, seq.len);
		(void)write_all(fd, out.data, out.len);
		buf_release(&out);
	} else
		(void)write_all(fd, seq.data, seq.len);
	buf_release(&seq);
	close(fd);
}

/* A notification id as the terminal backend makes them: nothing that
 * could end an escape sequence or a file name. */
static int
id_valid(const char *id)
{
	return id != NULL && *id != '\0' && strlen(id) < 64 &&
	    strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(id);
}

/*
 * Entry point of the detached waiter (see detach_spawn): start watching,
 * answer "ok" or "error TEXT", then close the notification when the user
 * comes back, or give up after action_timeout.
 */
int
terminal_waiter(const char *request)
{
	struct focus_watch	*fw;
	struct pollfd		 pfd;
	json_error_t		 jerr;
	json_t			*req, *v;
	const char		*id, *tty;
	char			*why = NULL, *line, *pf;
	long			 pids[MAX_PIDS], timeout;
	size_t			 i, npids = 0;
	double			 end;
	int			 fd, poll_ms, left, r = 0;

	if ((req = json_loads(request, 0, &jerr)) == NULL ||
	    !id_valid(id = json_string_value(json_object_get(req, "id"))) ||
	    (tty = json_string_value(json_object_get(req, "tty"))) == NULL ||
	    strncmp(tty, "/dev/", 5) != 0) {
		detach_reply("error bad request to the waiter");
		json_decref(req);
		return 1;
	}
	json_array_foreach(json_object_get(req, "pids"), i, v) {
		if (npids < MAX_PIDS)
			pids[npids++] = (long)json_integer_value(v);
	}
	timeout = (long)json_integer_value(json_object_get(req,
	    "action_timeout"));
	if ((fw = focus_watch_start(pids, npids, &fd, &poll_ms,
	    &why)) == NULL) {
		line = xasprintf("error %s", why);
		detach_reply(line);
		free(line);
		free(why);
		json_decref(req);
		return 1;
	}
	pf = pid_file(id);
	pid_file_take(pf);
	detach_reply("ok");
	end = monotonic_now() + (double)(timeout > 0 ? timeout : 1);
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (r == 0 && (left = (int)((end - monotonic_now()) *
	    1000)) > 0) {
		if (fd == -1 && left > poll_ms)
			left = poll_ms;
		if (poll(fd == -1 ? NULL : &pfd, fd == -1 ? 0 : 1, left) == -1 &&
		    errno != EINTR)
			break;
		if (fd == -1 || (pfd.revents & (POLLIN | POLLHUP)) != 0)
			r = focus_watch_check(fw);
	}
	if (r == 1)
		close_notification(tty, id, json_is_true(json_object_get(req,
		    "tmux")));
	if (pf != NULL && pid_file_read(pf) == (long)getpid())
		unlink(pf);
	free(pf);
	focus_watch_free(fw);
	json_decref(req);
	return 0;
}
