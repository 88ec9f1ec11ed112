/* SPDX-License-Identifier: ISC */
/* The focusx11 module: which X11 window is active, through libxcb. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xcb/xcb.h>

#include "ntfy.h"

enum focus_state	focus_x11_decide(char **);
int			focus_x11_activate(const char *, const long *, size_t,
			    char **);

static xcb_atom_t
x11_atom(xcb_connection_t *c, const char *name)
{
	xcb_intern_atom_reply_t	*r;
	xcb_atom_t		 a;

	r = xcb_intern_atom_reply(c, xcb_intern_atom(c, 1,
	    (uint16_t)strlen(name), name), NULL);
	if (r == NULL)
		return XCB_ATOM_NONE;
	a = r->atom;
	free(r);
	return a;
}

/* A 32-bit property of a window: 0 with *out, -1 when it has none. */
static int
x11_card32(xcb_connection_t *c, xcb_window_t w, xcb_atom_t prop,
    xcb_atom_t type, uint32_t *out)
{
	xcb_get_property_reply_t	*r;
	int				 found = -1;

	if (prop == XCB_ATOM_NONE)
		return -1;
	r = xcb_get_property_reply(c, xcb_get_property(c, 0, w, prop, type,
	    0, 1), NULL);
	if (r == NULL)
		return -1;
	if (r->format == 32 && xcb_get_property_value_length(r) >= 4) {
		memcpy(out, xcb_get_property_value(r), 4);
		found = 0;
	}
	free(r);
	return found;
}

/* 1 when active is w or one of its parents: $WINDOWID may name a widget
 * inside the terminal's top-level window. */
static int
x11_within(xcb_connection_t *c, xcb_window_t w, xcb_window_t active,
    xcb_window_t root)
{
	xcb_query_tree_reply_t	*r;
	int			 depth;

	for (depth = 0; depth < 32 && w != XCB_WINDOW_NONE; depth++) {
		if (w == active)
			return 1;
		if (w == root)
			return 0;
		r = xcb_query_tree_reply(c, xcb_query_tree(c, w), NULL);
		if (r == NULL)
			return 0;
		w = r->parent;
		free(r);
	}
	return 0;
}

static enum focus_state
x11_compare(xcb_connection_t *c, xcb_window_t root, char **why)
{
	const char	*env = getenv("WINDOWID");
	uint32_t	 active, pid;
	unsigned long	 wid;
	char		*end;

	if (x11_card32(c, root, x11_atom(c, "_NET_ACTIVE_WINDOW"),
	    XCB_ATOM_WINDOW, &active) == -1) {
		*why = xstrdup("the root window has no _NET_ACTIVE_WINDOW (no "
		    "EWMH window manager)");
		return FOCUS_UNKNOWN;
	}
	if (active == XCB_WINDOW_NONE) {
		*why = xstrdup("no window is active");
		return FOCUS_UNFOCUSED;
	}
	if (env != NULL && *env != '\0') {
		wid = strtoul(env, &end, 0);
		if (*end != '\0' || wid == 0 || wid > UINT32_MAX) {
			*why = xasprintf("$WINDOWID '%s' is not a window", env);
			return FOCUS_UNKNOWN;
		}
		if (x11_within(c, (xcb_window_t)wid, active, root)) {
			*why = xasprintf("the active window 0x%x %s $WINDOWID "
			    "0x%lx", active, active == wid ? "is" : "holds",
			    wid);
			return FOCUS_FOCUSED;
		}
		*why = xasprintf("the active window 0x%x is not $WINDOWID "
		    "0x%lx", active, wid);
		return FOCUS_UNFOCUSED;
	}
	if (x11_card32(c, active, x11_atom(c, "_NET_WM_PID"),
	    XCB_ATOM_CARDINAL, &pid) == -1) {
		*why = xasprintf("$WINDOWID is not set and the active window "
		    "0x%x has no _NET_WM_PID", active);
		return FOCUS_UNKNOWN;
	}
	if (proc_is_ancestor((long)pid)) {
		*why = xasprintf("the active window 0x%x belongs to PID %u, an "
		    "ancestor of ours", active, pid);
		return FOCUS_FOCUSED;
	}
	*why = xasprintf("the active window 0x%x belongs to PID %u, not one "
	    "of our ancestors", active, pid);
	return FOCUS_UNFOCUSED;
}

/* Connect to $DISPLAY; the root of its screen in *root. */
static xcb_connection_t *
x11_open(xcb_window_t *root, char **why)
{
	xcb_connection_t	*c;
	xcb_screen_iterator_t	 it;
	int			 screen = 0, i;

	c = xcb_connect(NULL, &screen);
	if (c == NULL || xcb_connection_has_error(c)) {
		*why = xasprintf("cannot connect to the X display '%s'",
		    getenv("DISPLAY"));
		if (c != NULL)
			xcb_disconnect(c);
		return NULL;
	}
	it = xcb_setup_roots_iterator(xcb_get_setup(c));
	for (i = 0; i < screen && it.rem > 0; i++)
		xcb_screen_next(&it);
	if (it.rem == 0) {
		*why = xstrdup("the X display has no such screen");
		xcb_disconnect(c);
		return NULL;
	}
	*root = it.data->root;
	return c;
}

/* Compare the root's _NET_ACTIVE_WINDOW with $WINDOWID, or without it the
 * active window's _NET_WM_PID with our ancestors. */
enum focus_state
focus_x11_decide(char **why)
{
	xcb_connection_t	*c;
	xcb_window_t		 root;
	enum focus_state	 s;

	if ((c = x11_open(&root, why)) == NULL)
		return FOCUS_UNKNOWN;
	s = x11_compare(c, root, why);
	xcb_disconnect(c);
	return s;
}

/* The windows of _NET_CLIENT_LIST, *n of them; NULL when there is none. */
static xcb_window_t *
x11_clients(xcb_connection_t *c, xcb_window_t root, size_t *n)
{
	xcb_get_property_reply_t	*r;
	xcb_window_t			*w = NULL;
	int				 len;

	*n = 0;
	r = xcb_get_property_reply(c, xcb_get_property(c, 0, root,
	    x11_atom(c, "_NET_CLIENT_LIST"), XCB_ATOM_WINDOW, 0, 4096), NULL);
	if (r == NULL)
		return NULL;
	len = xcb_get_property_value_length(r);
	if (r->format == 32 && len >= 4) {
		w = xmalloc((size_t)len);
		memcpy(w, xcb_get_property_value(r), (size_t)len);
		*n = (size_t)len / 4;
	}
	free(r);
	return w;
}

/* The managed window that holds wid ($WINDOWID may be a widget inside). */
static xcb_window_t
x11_client_of(xcb_connection_t *c, xcb_window_t root, xcb_window_t wid,
    const xcb_window_t *cl, size_t ncl)
{
	xcb_query_tree_reply_t	*r;
	size_t			 i;
	int			 depth;

	for (depth = 0; depth < 32 && wid != XCB_WINDOW_NONE && wid != root;
	    depth++) {
		for (i = 0; i < ncl; i++)
			if (cl[i] == wid)
				return wid;
		r = xcb_query_tree_reply(c, xcb_query_tree(c, wid), NULL);
		if (r == NULL)
			break;
		wid = r->parent;
		free(r);
	}
	return XCB_WINDOW_NONE;
}

/* The managed window whose _NET_WM_PID comes first in pids. */
static xcb_window_t
x11_client_by_pid(xcb_connection_t *c, const xcb_window_t *cl, size_t ncl,
    const long *pids, size_t npids)
{
	xcb_atom_t	 a = x11_atom(c, "_NET_WM_PID");
	xcb_window_t	 best = XCB_WINDOW_NONE;
	size_t		 i, j, best_j = npids;
	uint32_t	 pid;

	for (i = 0; i < ncl; i++) {
		if (x11_card32(c, cl[i], a, XCB_ATOM_CARDINAL, &pid) == -1)
			continue;
		for (j = 0; j < best_j; j++)
			if (pids[j] == (long)pid) {
				best = cl[i];
				best_j = j;
				break;
			}
	}
	return best;
}

static void
x11_message(xcb_connection_t *c, xcb_window_t root, xcb_window_t w,
    const char *type, uint32_t d0, uint32_t d1, uint32_t d2)
{
	xcb_client_message_event_t	ev;

	memset(&ev, 0, sizeof ev);
	ev.response_type = XCB_CLIENT_MESSAGE;
	ev.format = 32;
	ev.window = w;
	ev.type = x11_atom(c, type);
	ev.data.data32[0] = d0;
	ev.data.data32[1] = d1;
	ev.data.data32[2] = d2;
	xcb_send_event(c, 0, root, XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT |
	    XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY, (const char *)&ev);
}

/* The terminal's managed window, from windowid or else from pids. */
static xcb_window_t
x11_terminal(xcb_connection_t *c, xcb_window_t root, const char *windowid,
    const long *pids, size_t npids, char **why)
{
	xcb_window_t	*cl, w = XCB_WINDOW_NONE;
	unsigned long	 wid;
	size_t		 ncl;
	char		*end;

	if ((cl = x11_clients(c, root, &ncl)) == NULL) {
		*why = xstrdup("the root window has no _NET_CLIENT_LIST (no "
		    "EWMH window manager)");
		return XCB_WINDOW_NONE;
	}
	if (windowid != NULL && *windowid != '\0') {
		wid = strtoul(windowid, &end, 0);
		if (*end == '\0' && wid != 0 && wid <= UINT32_MAX)
			w = x11_client_of(c, root, (xcb_window_t)wid, cl, ncl);
	}
	if (w == XCB_WINDOW_NONE)
		w = x11_client_by_pid(c, cl, ncl, pids, npids);
	free(cl);
	if (w == XCB_WINDOW_NONE)
		*why = xstrdup("no managed window is our terminal's");
	return w;
}

/*
 * Activate the terminal's window as a pager would: switch to its desktop,
 * ask for _NET_ACTIVE_WINDOW, raise it.  0, or -1 with *why.
 */
int
focus_x11_activate(const char *windowid, const long *pids, size_t npids,
    char **why)
{
	xcb_connection_t	*c;
	xcb_window_t		 root, w;
	uint32_t		 desk, active = XCB_WINDOW_NONE, above;

	if ((c = x11_open(&root, why)) == NULL)
		return -1;
	if ((w = x11_terminal(c, root, windowid, pids, npids, why)) ==
	    XCB_WINDOW_NONE) {
		xcb_disconnect(c);
		return -1;
	}
	if (x11_card32(c, w, x11_atom(c, "_NET_WM_DESKTOP"),
	    XCB_ATOM_CARDINAL, &desk) == 0 && desk != 0xffffffff)
		x11_message(c, root, root, "_NET_CURRENT_DESKTOP", desk,
		    XCB_CURRENT_TIME, 0);
	x11_card32(c, root, x11_atom(c, "_NET_ACTIVE_WINDOW"),
	    XCB_ATOM_WINDOW, &active);
	/* Source 2: a pager, which focus-stealing prevention lets through. */
	x11_message(c, root, w, "_NET_ACTIVE_WINDOW", 2, XCB_CURRENT_TIME,
	    active);
	above = XCB_STACK_MODE_ABOVE;
	xcb_configure_window(c, w, XCB_CONFIG_WINDOW_STACK_MODE, &above);
	/* A round trip: every request above has reached the server. */
	free(xcb_get_input_focus_reply(c, xcb_get_input_focus(c), NULL));
	xcb_disconnect(c);
	return 0;
}

/* Watching for the terminal's window to become active again. */
struct x11_watch {
	xcb_connection_t	*c;
	xcb_window_t		 root, w;
	xcb_atom_t		 active;
	int			 was;
};

void	*focus_x11_watch(const char *, const long *, size_t, int *,
	    char **);
int	 focus_x11_watch_event(void *);
void	 focus_x11_watch_free(void *);

/* 1 when the terminal is active, 0 when another window is, -1 when none
 * is (a window manager passing the focus on) or a notification bubble is
 * (showing one is not the user going away). */
static int
x11_is_active(struct x11_watch *x)
{
	uint32_t	a = XCB_WINDOW_NONE, type;

	x11_card32(x->c, x->root, x->active, XCB_ATOM_WINDOW, &a);
	if (a == XCB_WINDOW_NONE)
		return -1;
	if (a == x->w)
		return 1;
	if (x11_card32(x->c, a, x11_atom(x->c, "_NET_WM_WINDOW_TYPE"),
	    XCB_ATOM_ATOM, &type) == 0 && type == x11_atom(x->c,
	    "_NET_WM_WINDOW_TYPE_NOTIFICATION"))
		return -1;
	return 0;
}

/* Start watching the root's _NET_ACTIVE_WINDOW (PropertyNotify events, no
 * polling): the connection's descriptor goes in *fd for the caller's loop. */
void *
focus_x11_watch(const char *windowid, const long *pids, size_t npids,
    int *fd, char **why)
{
	struct x11_watch	*x;
	uint32_t		 mask = XCB_EVENT_MASK_PROPERTY_CHANGE;

	x = xcalloc(1, sizeof *x);
	if ((x->c = x11_open(&x->root, why)) == NULL) {
		free(x);
		return NULL;
	}
	if ((x->w = x11_terminal(x->c, x->root, windowid, pids, npids,
	    why)) == XCB_WINDOW_NONE) {
		focus_x11_watch_free(x);
		return NULL;
	}
	x->active = x11_atom(x->c, "_NET_ACTIVE_WINDOW");
	xcb_change_window_attributes(x->c, x->root, XCB_CW_EVENT_MASK, &mask);
	x->was = x11_is_active(x) != 0;
	xcb_flush(x->c);
	*fd = xcb_get_file_descriptor(x->c);
	return x;
}

/* After the descriptor was readable: 1 when the terminal's window has just
 * become the active one, 0 when not, -1 when the display went away. */
int
focus_x11_watch_event(void *h)
{
	struct x11_watch		*x = h;
	xcb_generic_event_t		*ev;
	xcb_property_notify_event_t	*pn;
	int				 back = 0, now;

	while ((ev = xcb_poll_for_event(x->c)) != NULL) {
		if ((ev->response_type & 0x7f) == XCB_PROPERTY_NOTIFY) {
			pn = (xcb_property_notify_event_t *)ev;
			if (pn->window == x->root && pn->atom == x->active) {
				if ((now = x11_is_active(x)) != -1) {
					back |= now && !x->was;
					x->was = now;
				}
			}
		}
		free(ev);
	}
	if (xcb_connection_has_error(x->c))
		return -1;
	return back;
}

void
focus_x11_watch_free(void *h)
{
	struct x11_watch	*x = h;

	if (x == NULL)
		return;
	if (x->c != NULL)
		xcb_disconnect(x->c);
	free(x);
}
