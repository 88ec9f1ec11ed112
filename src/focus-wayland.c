/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/un.h>

#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"

/*
 * The Wayland compositors that say which window has the focus over a Unix
 * socket: sway (i3 IPC), Hyprland and niri (JSON).  Each answer's pid is
 * matched against our process tree.  No hyprctl or niri msg is run.
 */

#define IPC_MAX		(16 << 20)	/* largest answer read */
#define IPC_WAIT_MS	1000		/* longest wait for a whole answer */
#define IPC_SHOWN	80		/* bytes of a window's title shown */

/* A stream socket connected to path, with send and receive timeouts; -1
 * with *why. */
int
ipc_connect(const char *path, char **why)
{
	struct sockaddr_un	 sun;
	struct timeval		 tv = { IPC_WAIT_MS / 1000, 0 };
	int			 fd;

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	if (path == NULL || *path == '\0') {
		*why = xstrdup("no socket to connect to");
		return -1;
	}
	if (strlen(path) >= sizeof sun.sun_path) {
		*why = xasprintf("socket path '%s' is too long", path);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) == -1 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof sun) == -1) {
		*why = xasprintf("cannot connect to '%s': %s", path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	return fd;
}

/* Read or write all of len bytes; -1 on an error, a timeout or the end. */
int
ipc_io_all(int fd, void *p, size_t len, int reading)
{
	ssize_t	n;

	while (len > 0) {
		n = reading ? read(fd, p, len) : send(fd, p, len,
		    MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p = (char *)p + n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Send request on path and read the answer: up to the first newline when
 * line is set, else to the end; NULL with *why when there is none within
 * IPC_WAIT_MS in all, so a compositor that never answers costs a second.
 */
static char *
ipc_ask(const char *who, const char *path, const char *request, int line,
    char **why)
{
	struct pollfd	 pfd;
	struct buf	 b = BUF_INIT;
	char		 chunk[4096], *nl;
	double		 deadline = monotonic_now() + IPC_WAIT_MS / 1000.0;
	ssize_t		 n = 0;
	int		 fd, left;

	if ((fd = ipc_connect(path, why)) == -1)
		return NULL;
	if (ipc_io_all(fd, (char *)request, strlen(request), 0) == -1) {
		*why = xasprintf("cannot ask %s on '%s': %s", who, path,
		    strerror(errno));
		close(fd);
		return NULL;
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		left = (int)((deadline - monotonic_now()) * 1000);
		if (left > 0 && (n = poll(&pfd, 1, left)) == -1 &&
		    errno == EINTR)
			continue;
		if (left <= 0 || n <= 0) {
			*why = xasprintf("%s did not answer on '%s' within "
			    "%d ms", who, path, IPC_WAIT_MS);
			break;
		}
		if ((n = read(fd, chunk, sizeof chunk)) == -1 &&
		    errno == EINTR)
			continue;
		if (n == -1) {
			*why = xasprintf("cannot read %s's answer on '%s': %s",
			    who, path, strerror(errno));
			break;
		}
		if (n > 0)
			buf_add(&b, chunk, (size_t)n);
		if (b.len > IPC_MAX) {
			*why = xasprintf("%s's answer is too long", who);
			break;
		}
		if (line && b.data != NULL &&
		    (nl = memchr(b.data, '\n', b.len)) != NULL) {
			b.len = (size_t)(nl - b.data);
			b.data[b.len] = '\0';
			n = 0;
		}
		if (n == 0) {
			close(fd);
			if (b.data == NULL) {
				*why = xasprintf("%s closed '%s' without an "
				    "answer", who, path);
				return NULL;
			}
			return buf_detach(&b);
		}
	}
	close(fd);
	buf_release(&b);
	return NULL;
}

/* The pid of a window answered as JSON, and the decision it makes. */
static enum focus_state
pid_decide(const char *who, long pid, const char *name, const char *title,
    char **why)
{
	size_t	len = title != NULL ? utf8_truncate(title, IPC_SHOWN) : 0;
	char	*what;

	what = xasprintf("%s's focused window ('%s'%s%.*s%s)", who,
	    name != NULL ? name : "", title != NULL ? ", '" : "", (int)len,
	    title != NULL ? title : "", title != NULL ? "'" : "");
	if (proc_is_ancestor(pid)) {
		*why = xasprintf("%s belongs to PID %ld, an ancestor of ours",
		    what, pid);
		free(what);
		return FOCUS_FOCUSED;
	}
	*why = xasprintf("%s belongs to PID %ld, not one of our ancestors",
	    what, pid);
	free(what);
	return FOCUS_UNFOCUSED;
}

int
sway_applies(char **why)
{
	if (!env_set("SWAYSOCK")) {
		*why = xstrdup("$SWAYSOCK is not set");
		return 0;
	}
	return 1;
}

/* Focused when the focused window's process is one of our ancestors. */
enum focus_state
sway_decide(char **why)
{
	long	pid;

	if ((pid = sway_focused_pid(why)) == -1)
		return FOCUS_UNKNOWN;
	if (pid == 0) {
		*why = xstrdup("sway has no focused window with a pid");
		return FOCUS_UNFOCUSED;
	}
	if (proc_is_ancestor(pid)) {
		*why = xasprintf("sway's focused window belongs to PID %ld, "
		    "an ancestor of ours", pid);
		return FOCUS_FOCUSED;
	}
	*why = xasprintf("sway's focused window belongs to PID %ld, not one "
	    "of our ancestors", pid);
	return FOCUS_UNFOCUSED;
}

int
hyprland_applies(char **why)
{
	if (!env_set("HYPRLAND_INSTANCE_SIGNATURE")) {
		*why = xstrdup("$HYPRLAND_INSTANCE_SIGNATURE is not set");
		return 0;
	}
	return 1;
}

/* Hyprland's request socket: $XDG_RUNTIME_DIR/hypr/SIG/.socket.sock, or
 * /tmp/hypr/SIG/.socket.sock for older versions; NULL with *why. */
static char *
hyprland_socket(char **why)
{
	const char	*sig = getenv("HYPRLAND_INSTANCE_SIGNATURE");
	const char	*run = getenv("XDG_RUNTIME_DIR");
	char		*paths[2];
	size_t		 i, n = 0;

	if (sig == NULL) {
		*why = xstrdup("$HYPRLAND_INSTANCE_SIGNATURE is not set");
		return NULL;
	}
	if (strchr(sig, '/') != NULL || strcmp(sig, "..") == 0) {
		*why = xasprintf("$HYPRLAND_INSTANCE_SIGNATURE '%s' is not a "
		    "signature", sig);
		return NULL;
	}
	if (run != NULL && *run == '/')
		paths[n++] = xasprintf("%s/hypr/%s/.socket.sock", run, sig);
	paths[n++] = xasprintf("/tmp/hypr/%s/.socket.sock", sig);
	for (i = 0; i < n; i++) {
		if (access(paths[i], F_OK) == 0) {
			if (n == 2)
				free(paths[1 - i]);
			return paths[i];
		}
	}
	if (n == 2)
		*why = xasprintf("no Hyprland socket '%s' nor '%s'", paths[0],
		    paths[1]);
	else
		*why = xasprintf("no Hyprland socket '%s'", paths[0]);
	for (i = 0; i < n; i++)
		free(paths[i]);
	return NULL;
}

/* Ask Hyprland for its active window (j/activewindow), as hyprctl does. */
enum focus_state
hyprland_decide(char **why)
{
	enum focus_state s;
	json_t		*w;
	json_error_t	 err;
	char		*path, *body;
	json_int_t	 pid;

	if ((path = hyprland_socket(why)) == NULL)
		return FOCUS_UNKNOWN;
	body = ipc_ask("Hyprland", path, "j/activewindow", 0, why);
	free(path);
	if (body == NULL)
		return FOCUS_UNKNOWN;
	w = json_loads(body, 0, &err);
	free(body);
	if (!json_is_object(w)) {
		*why = xasprintf("Hyprland's answer is not a JSON object: %s",
		    w == NULL ? err.text : "another JSON value");
		json_decref(w);
		return FOCUS_UNKNOWN;
	}
	pid = json_integer_value(json_object_get(w, "pid"));
	if (pid <= 0) {
		*why = xstrdup("Hyprland has no active window with a pid");
		json_decref(w);
		return FOCUS_UNFOCUSED;
	}
	s = pid_decide("Hyprland", (long)pid,
	    json_string_value(json_object_get(w, "class")),
	    json_string_value(json_object_get(w, "title")), why);
	json_decref(w);
	return s;
}

int
niri_applies(char **why)
{
	if (!env_set("NIRI_SOCKET")) {
		*why = xstrdup("$NIRI_SOCKET is not set");
		return 0;
	}
	return 1;
}

/* Ask niri for its focused window: the request "FocusedWindow" on a line,
 * the reply {"Ok":{"FocusedWindow":WINDOW or null}} or {"Err":TEXT}. */
enum focus_state
niri_decide(char **why)
{
	enum focus_state	 s;
	json_t			*reply, *w;
	json_error_t		 err;
	char			*body;
	json_int_t		 pid;

	body = ipc_ask("niri", getenv("NIRI_SOCKET"), "\"FocusedWindow\"\n",
	    1, why);
	if (body == NULL)
		return FOCUS_UNKNOWN;
	reply = json_loads(body, 0, &err);
	free(body);
	if (!json_is_object(reply)) {
		*why = xasprintf("niri's answer is not a JSON object: %s",
		    reply == NULL ? err.text : "another JSON value");
		json_decref(reply);
		return FOCUS_UNKNOWN;
	}
	if (json_is_string(w = json_object_get(reply, "Err"))) {
		*why = xasprintf("niri answered an error: %s",
		    json_string_value(w));
		json_decref(reply);
		return FOCUS_UNKNOWN;
	}
	w = json_object_get(json_object_get(reply, "Ok"), "FocusedWindow");
	if (w == NULL || (!json_is_null(w) && !json_is_object(w))) {
		*why = xstrdup("niri's answer has no FocusedWindow");
		s = FOCUS_UNKNOWN;
	} else if ((pid = json_integer_value(json_object_get(w, "pid"))) <=
	    0) {
		*why = xstrdup("niri has no focused window with a pid");
		s = FOCUS_UNFOCUSED;
	} else
		s = pid_decide("niri", (long)pid,
		    json_string_value(json_object_get(w, "app_id")),
		    json_string_value(json_object_get(w, "title")), why);
	json_decref(reply);
	return s;
}

int
wayland_applies(char **why)
{
	if (!env_set("WAYLAND_DISPLAY")) {
		*why = xstrdup("$WAYLAND_DISPLAY is not set");
		return 0;
	}
	return 1;
}

enum focus_state
wayland_decide(char **why)
{
	*why = xstrdup("this Wayland compositor cannot be asked which "
	    "window has the focus");
	return FOCUS_UNKNOWN;
}

