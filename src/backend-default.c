/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "local-options.h"

static enum backend_result	default_send(const struct notification *,
				    char **);

extern const struct backend	backend_linux;

/* Whatever default sends with reads its options: those of linux, then
 * those of terminal (tests/unit/t-terminal.c checks they stay the same). */
static const struct backend_option default_options[] = {
	DESKTOP_OPTIONS,
	PROTOCOL_OPTION,
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_default = {
	.name = "default",
	.desc = "the desktop when a notification server answers, else a "
	    "Windows toast in WSL, else the terminal when it shows "
	    "notifications, else a terminal bell and a line on standard error",
	.options = default_options,
	.send = default_send
};

/* The last resort: BEL on the terminal and one line on stderr, cleaned
 * as every line ntfy writes there. */
static enum backend_result
bell_send(const struct notification *n)
{
	int	fd;

	if ((fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC)) != -1) {
		(void)!write(fd, "\a", 1);
		close(fd);
	}
	print_line(stderr, "ntfy: %s: %s", n->title ? n->title : "",
	    n->msg->body ? n->msg->body : "");
	return BACKEND_OK;
}

/* A session bus to ask: autolaunching one would only fail, slowly. */
static int
bus_reachable(char **why)
{
	struct stat	 sb;
	const char	*v;
	char		*path;
	int		 found;

	if ((v = getenv("DBUS_SESSION_BUS_ADDRESS")) != NULL && *v != '\0')
		return 1;
	if ((v = getenv("XDG_RUNTIME_DIR")) == NULL || *v == '\0') {
		*why = xstrdup("$DBUS_SESSION_BUS_ADDRESS and $XDG_RUNTIME_DIR "
		    "are unset");
		return 0;
	}
	path = xasprintf("%s/bus", v);
	found = stat(path, &sb) == 0 && S_ISSOCK(sb.st_mode);
	if (!found)
		*why = xasprintf("$DBUS_SESSION_BUS_ADDRESS is unset and there "
		    "is no socket '%s'", path);
	free(path);
	return found;
}

/* The desktop when a server answers: 1 and *r set when it was tried. */
static int
desktop_send(const struct notification *n, enum backend_result *r,
    char **cause)
{
	int		(*available)(char **);
	enum backend_result (*send)(const struct notification *, char **);
	char		*why = NULL;

	if (!backend_compiled(&backend_linux)) {
		log_debug("default: no desktop: built without libnotify");
		return 0;
	}
	if (!bus_reachable(&why)) {
		log_debug("default: no desktop: %s", why);
		free(why);
		return 0;
	}
	available = (int (*)(char **))module_symbol("desktop",
	    "backend_linux_available", &why);
	if (available == NULL || !available(&why)) {
		log_debug("default: no desktop: %s", why);
		free(why);
		return 0;
	}
	send = (enum backend_result (*)(const struct notification *,
	    char **))module_symbol("desktop", "backend_linux_send", cause);
	if (send == NULL)
		*r = BACKEND_PERMFAIL;
	else {
		log_debug("default: using the desktop (a notification server "
		    "answers)");
		*r = send(n, cause);
	}
	return 1;
}

/* In WSL, a Windows toast (with wsl's defaults) when powershell.exe is
 * there: 1 and *r set when tried. */
static int
default_wsl(const struct notification *n, enum backend_result *r,
    char **cause)
{
	char	*why = NULL;

	if (!wsl_detect(&why)) {
		log_debug("default: no Windows toast: %s", why);
		free(why);
		return 0;
	}
	if (!wsl_program(n, cause)) {
		log_debug("default: WSL (%s) but no Windows toast: %s", why,
		    *cause);
		free(why);
		free(*cause);
		*cause = NULL;
		return 0;
	}
	log_debug("default: using a Windows toast: WSL (%s)", why);
	free(why);
	*r = wsl_deliver(n, cause);
	return 1;
}

/* The terminal when it shows notifications: 1 and *r set when tried. */
static int
default_terminal(const struct notification *n, enum backend_result *r,
    char **cause)
{
	struct term_choice	tc;
	int			proto, fd, tried = 0;

	if (terminal_protocol(n, &proto, cause) == -1) {
		*r = BACKEND_PERMFAIL;
		return 1;
	}
	if ((fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC)) == -1) {
		log_debug("default: no terminal: cannot open '/dev/tty': %s",
		    strerror(errno));
		return 0;
	}
	close(fd);
	terminal_detect(&tc, proto);
	if (tc.proto == TERM_BEL)
		log_debug("default: no terminal notifications: %s", tc.why);
	else if (tc.tmux && tc.tmux_drop != NULL)
		log_info("default: not through tmux: %s", tc.tmux_drop);
	else {
		log_debug("default: using the terminal: %s for %s%s",
		    terminal_proto_name(tc.proto), tc.why, tc.tmux ?
		    ", through tmux passthrough" : "");
		*r = terminal_deliver(n, &tc, cause);
		tried = 1;
	}
	terminal_choice_release(&tc);
	return tried;
}

static enum backend_result
default_send(const struct notification *n, char **cause)
{
	enum backend_result	r;

	if (desktop_send(n, &r, cause) || default_wsl(n, &r, cause) ||
	    default_terminal(n, &r, cause))
		return r;
	log_debug("default: terminal bell and standard error");
	return bell_send(n);
}
