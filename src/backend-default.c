/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "backend.h"

static enum backend_result	default_send(const struct notification *,
				    char **);

extern const struct backend	backend_linux;
/* Whatever default sends with reads its options. */
extern const struct backend_option linux_options[];

const struct backend backend_default = {
	.name = "default",
	.desc = "the desktop when a notification server answers, else a "
	    "terminal bell and a line on standard error",
	.options = linux_options,
	.send = default_send
};

/* The last resort: BEL on the terminal and one line on stderr. */
static enum backend_result
bell_send(const struct notification *n)
{
	int	fd;

	if ((fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC)) != -1) {
		(void)!write(fd, "\a", 1);
		close(fd);
	}
	fprintf(stderr, "ntfy: %s: %s\n", n->title, n->msg->body);
	return BACKEND_OK;
}

static enum backend_result
default_send(const struct notification *n, char **cause)
{
	int		(*available)(char **);
	enum backend_result (*send)(const struct notification *, char **);
	char		*why = NULL;

	if (backend_compiled(&backend_linux)) {
		available = (int (*)(char **))module_symbol("desktop",
		    "backend_linux_available", &why);
		if (available != NULL && available(&why)) {
			send = (enum backend_result (*)(const struct
			    notification *, char **))module_symbol("desktop",
			    "backend_linux_send", cause);
			if (send == NULL)
				return BACKEND_PERMFAIL;
			log_debug("default: using the desktop (a notification "
			    "server answers)");
			return send(n, cause);
		}
		log_debug("default: no desktop: %s", why);
		free(why);
	} else
		log_debug("default: built without libnotify");
	log_debug("default: terminal bell and standard error");
	return bell_send(n);
}
