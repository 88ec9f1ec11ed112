/* SPDX-License-Identifier: ISC */
/* sway's IPC (the i3 protocol) on $SWAYSOCK: which window has the focus,
 * focusing ours, and its window events. */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"

#define IPC_MAX		(16 << 20)	/* largest sway reply read */
#define IPC_RUN_COMMAND	0
#define IPC_SUBSCRIBE	2
#define IPC_GET_TREE	4
#define IPC_EV_WORKSPACE 0x80000000U	/* a workspace event */
#define IPC_EV_WINDOW	0x80000003U	/* a window event */

struct sway_watch {
	int		fd;
	long long	con;		/* the container of our terminal */
	int		was;		/* focused at the last event */
};

/* A connection to $SWAYSOCK where no read or write waits past a second. */
static int
sway_connect(char **why)
{
	const char	*path = getenv("SWAYSOCK");

	if (path == NULL || *path == '\0') {
		*why = xstrdup("$SWAYSOCK is not set");
		return -1;
	}
	return ipc_connect(path, why);
}

static int
sway_send(int fd, uint32_t type, const char *payload)
{
	unsigned char	h[14];
	uint32_t	len = (uint32_t)strlen(payload);

	memcpy(h, "i3-ipc", 6);
	memcpy(h + 6, &len, 4);
	memcpy(h + 10, &type, 4);
	if (ipc_io_all(fd, h, sizeof h, 0) == -1)
		return -1;
	return ipc_io_all(fd, (void *)payload, len, 0);
}

/* The next message on fd, parsed, and its type in *type. */
static json_t *
sway_read(int fd, uint32_t *type, char **why)
{
	unsigned char	 h[14];
	json_error_t	 err;
	json_t		*j;
	uint32_t	 len;
	char		*body;

	if (ipc_io_all(fd, h, sizeof h, 1) == -1 || memcmp(h, "i3-ipc", 6) != 0) {
		*why = xasprintf("no i3 IPC answer on '%s'", getenv("SWAYSOCK"));
		return NULL;
	}
	memcpy(&len, h + 6, 4);
	memcpy(type, h + 10, 4);
	if (len > IPC_MAX) {
		*why = xasprintf("sway's answer is too long (%u bytes)", len);
		return NULL;
	}
	body = xmalloc((size_t)len + 1);
	if (ipc_io_all(fd, body, len, 1) == -1) {
		*why = xasprintf("short i3 IPC answer on '%s'",
		    getenv("SWAYSOCK"));
		free(body);
		return NULL;
	}
	body[len] = '\0';
	j = json_loads(body, 0, &err);
	free(body);
	if (j == NULL)
		*why = xasprintf("sway's %s is not JSON: %s", *type ==
		    IPC_GET_TREE ? "tree" : "answer", err.text);
	return j;
}

/* Send one request on fd and read its answer. */
static json_t *
sway_exchange(int fd, uint32_t type, const char *payload, char **why)
{
	json_t		*j;
	uint32_t	 got;

	if (sway_send(fd, type, payload) == -1) {
		*why = xasprintf("cannot write to '%s': %s",
		    getenv("SWAYSOCK"), strerror(errno));
		return NULL;
	}
	do {
		if ((j = sway_read(fd, &got, why)) == NULL)
			return NULL;
		if (got != type)
			json_decref(j);
	} while (got != type);
	return j;
}

/* One request on a connection of its own. */
static json_t *
sway_ask(uint32_t type, const char *payload, char **why)
{
	json_t	*j;
	int	 fd;

	if ((fd = sway_connect(why)) == -1)
		return NULL;
	j = sway_exchange(fd, type, payload, why);
	close(fd);
	return j;
}

/* Call fn on every node of a tree, depth first, until it returns one. */
static json_t *
sway_find(json_t *node, int depth, int (*fn)(json_t *, const void *),
    const void *arg)
{
	const char	*lists[] = { "nodes", "floating_nodes" };
	json_t		*a, *child, *found;
	size_t		 i, j;

	if (!json_is_object(node) || depth > 64)
		return NULL;
	if (fn(node, arg))
		return node;
	for (i = 0; i < 2; i++) {
		a = json_object_get(node, lists[i]);
		json_array_foreach(a, j, child) {
			if ((found = sway_find(child, depth + 1, fn,
			    arg)) != NULL)
				return found;
		}
	}
	return NULL;
}

static int
is_focused(json_t *node, const void *arg)
{
	(void)arg;
	return json_is_true(json_object_get(node, "focused"));
}

static int
has_pid(json_t *node, const void *arg)
{
	return json_integer_value(json_object_get(node, "pid")) ==
	    *(const long *)arg;
}

/* The pid of sway's focused window: 0 when it has none, -1 with *why when
 * sway cannot be asked. */
long
sway_focused_pid(char **why)
{
	json_t	*tree, *node;
	long	 pid = 0;

	if ((tree = sway_ask(IPC_GET_TREE, "", why)) == NULL)
		return -1;
	if ((node = sway_find(tree, 0, is_focused, NULL)) != NULL)
		pid = (long)json_integer_value(json_object_get(node, "pid"));
	json_decref(tree);
	return pid;
}

/* The container of the window of the nearest of pids (a process and its
 * ancestors, nearest first) in tree, or 0. */
static long long
sway_con(json_t *tree, const long *pids, size_t npids, int *focused)
{
	json_t	*node;
	size_t	 i;

	for (i = 0; i < npids; i++) {
		if ((node = sway_find(tree, 0, has_pid, &pids[i])) != NULL) {
			*focused = is_focused(node, NULL);
			return json_integer_value(json_object_get(node, "id"));
		}
	}
	return 0;
}

static long long
sway_con_of(const long *pids, size_t npids, int *focused, char **why)
{
	json_t		*tree;
	long long	 con;

	if ((tree = sway_ask(IPC_GET_TREE, "", why)) == NULL)
		return 0;
	if ((con = sway_con(tree, pids, npids, focused)) == 0)
		*why = xstrdup("no sway window belongs to the terminal");
	json_decref(tree);
	return con;
}

/* Focus the container of our terminal: [con_id=N] focus. */
int
sway_activate(const long *pids, size_t npids, char **why)
{
	json_t		*r, *first;
	long long	 con;
	char		*cmd;
	int		 focused, ok;

	if ((con = sway_con_of(pids, npids, &focused, why)) == 0)
		return -1;
	cmd = xasprintf("[con_id=%lld] focus", con);
	r = sway_ask(IPC_RUN_COMMAND, cmd, why);
	free(cmd);
	if (r == NULL)
		return -1;
	first = json_array_get(r, 0);
	ok = json_is_true(json_object_get(first, "success"));
	if (!ok)
		*why = xasprintf("sway cannot focus container %lld: %s", con,
		    json_string_value(json_object_get(first, "error")) ?
		    json_string_value(json_object_get(first, "error")) :
		    "no reason given");
	json_decref(r);
	return ok ? 0 : -1;
}

/* Subscribe to sway's window events, to learn when the focus comes back to
 * our terminal's container: its descriptor goes in *fd. */
struct sway_watch *
sway_watch_start(const long *pids, size_t npids, int *fd, char **why)
{
	struct sway_watch	*sw;
	json_t			*r;
	long long		 con;
	int			 focused, ok;

	if ((con = sway_con_of(pids, npids, &focused, why)) == 0)
		return NULL;
	sw = xcalloc(1, sizeof *sw);
	sw->con = con;
	sw->was = focused;
	if ((sw->fd = sway_connect(why)) == -1) {
		free(sw);
		return NULL;
	}
	if ((r = sway_exchange(sw->fd, IPC_SUBSCRIBE,
	    "[\"window\",\"workspace\"]", why)) == NULL) {
		sway_watch_free(sw);
		return NULL;
	}
	ok = json_is_true(json_object_get(r, "success"));
	json_decref(r);
	if (!ok) {
		*why = xstrdup("sway refused to send window events");
		sway_watch_free(sw);
		return NULL;
	}
	*fd = sw->fd;
	return sw;
}

/* After the descriptor was readable: 1 when our container has just got
 * the focus, 0 when not, -1 when it closed or sway went away. */
int
sway_watch_event(struct sway_watch *sw)
{
	json_t		*ev, *con;
	const char	*change;
	char		*why = NULL;
	uint32_t	 type;
	int		 now, r = 0;

	if ((ev = sway_read(sw->fd, &type, &why)) == NULL) {
		free(why);
		return -1;
	}
	change = json_string_value(json_object_get(ev, "change"));
	con = json_object_get(ev, "container");
	/* Off to another workspace: its window, if any, comes next. */
	if (type == IPC_EV_WORKSPACE && change != NULL &&
	    strcmp(change, "focus") == 0)
		sw->was = 0;
	if (type == IPC_EV_WINDOW && change != NULL && con != NULL) {
		now = json_integer_value(json_object_get(con, "id")) ==
		    sw->con;
		if (strcmp(change, "focus") == 0) {
			r = now && !sw->was;
			sw->was = now;
		} else if (strcmp(change, "close") == 0 && now)
			r = -1;
	}
	json_decref(ev);
	return r;
}

void
sway_watch_free(struct sway_watch *sw)
{
	if (sw == NULL)
		return;
	if (sw->fd != -1)
		close(sw->fd);
	free(sw);
}
