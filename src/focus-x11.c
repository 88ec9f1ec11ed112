/* SPDX-License-Identifier: ISC */
/* The focusx11 module: which X11 window is active, through libxcb. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xcb/xcb.h>

#include "ntfy.h"

enum focus_state	focus_x11_decide(char **);

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

/* Compare the root's _NET_ACTIVE_WINDOW with $WINDOWID, or without it the
 * active window's _NET_WM_PID with our ancestors. */
enum focus_state
focus_x11_decide(char **why)
{
	xcb_connection_t	*c;
	xcb_screen_iterator_t	 it;
	enum focus_state	 s;
	int			 screen = 0, i;

	c = xcb_connect(NULL, &screen);
	if (c == NULL || xcb_connection_has_error(c)) {
		*why = xasprintf("cannot connect to the X display '%s'",
		    getenv("DISPLAY"));
		if (c != NULL)
			xcb_disconnect(c);
		return FOCUS_UNKNOWN;
	}
	it = xcb_setup_roots_iterator(xcb_get_setup(c));
	for (i = 0; i < screen && it.rem > 0; i++)
		xcb_screen_next(&it);
	if (it.rem == 0) {
		*why = xstrdup("the X display has no such screen");
		xcb_disconnect(c);
		return FOCUS_UNKNOWN;
	}
	s = x11_compare(c, it.data->root, why);
	xcb_disconnect(c);
	return s;
}
