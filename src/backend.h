/* SPDX-License-Identifier: ISC */
#ifndef NTFY_BACKEND_H
#define NTFY_BACKEND_H

/*
 * The backend interface.
 *
 * Adding a new backend:
 *  1. write src/backend-NAME.c defining `const struct backend backend_NAME`
 *     with designated initializers: name, desc, an option table ending in
 *     { NULL }, and send();
 *  2. add `extern` and a table entry in src/backend.c (the table lists
 *     every backend, compiled in or not);
 *  3. add the file to the right _SOURCES in Makefile.am: the core when it
 *     needs only libc, a module when it needs a heavy library (see below);
 *  4. document it with an `.Ss NAME` section in man/ntfy.ini.5 (the docs
 *     test fails otherwise) and a row in README.md;
 *  5. add tests/t-backend-NAME.sh checking every field the service needs.
 *
 * A backend that needs libcurl, libnotify or another heavy library keeps
 * its descriptor in the core (so `ntfy backends`, config checks and the docs
 * test never load the library) and its send() in a module: the file is
 * compiled twice, once plain for the descriptor with `.module` set, once
 * with -DNTFY_MODULE where it defines `backend_NAME_send()` instead.  The
 * core opens the module with dlopen the first time such a backend sends.
 */

#include "ntfy.h"

/* A user's compiled backend exports `const int ntfy_backend_abi` with this
 * value and `const struct backend ntfy_backend`. */
#define NTFY_BACKEND_ABI	1

enum backend_result {
	BACKEND_OK = 0,
	BACKEND_TEMPFAIL,	/* worth trying again later */
	BACKEND_PERMFAIL	/* the same request will never succeed */
};

/* One configurable key of a backend. */
struct backend_option {
	const char	*key;
	int		 flags;
#define OPT_REQUIRED	0x1
#define OPT_SECRET	0x2	/* never logged, masked in every output */
	const char	*def;	/* default as config text, or NULL */
	const char	*help;	/* one line; man/ntfy.ini.5 says the same */
};

struct target;
struct notification;

struct backend {
	const char			*name;
	const char			*desc;
	int				 flags;
#define BACKEND_NETWORK	0x1	/* talks to a server: endpoint, timeouts... */
#define BACKEND_HIDDEN	0x2	/* not listed (aliases) */
	const struct backend_option	*options;	/* ends with { NULL } */
	const char			*module;	/* send() lives there */
	const char			*requires;	/* configure flag when
							   compiled out */
	const char			*alias_of;	/* another backend's name */

	/* Optional: validate options before anything is sent. */
	int	(*check)(const struct target *, char **);
	/* Deliver one notification; *cause is set on failure. */
	enum backend_result
		(*send)(const struct notification *, char **);
};

/* A backend as configured for this run: one -b name or config entry. */
struct target {
	char			*name;		/* "pushover", "cellphone" */
	const struct backend	*backend;
	struct optlist		 opts;		/* defaults < file < -o */
	char			*title;		/* resolved title */
	enum backend_result	(*send)(const struct notification *,
				    char **);	/* resolved, maybe dlsym'd */
};

struct notification {
	const struct message	*msg;
	const char		*title;
	const struct target	*target;
};

/* backend.c */
extern const struct backend	*backends[];
const struct backend	*backend_find(const char *);
const struct backend_option *backend_option(const struct backend *,
			    const char *);
int			 backend_compiled(const struct backend *);
const char		*target_opt(const struct target *, const char *);
const char		*notif_opt(const struct notification *, const char *);
int			 notif_bool(const struct notification *, const char *,
			    int *, char **);
int			 notif_long(const struct notification *, const char *,
			    long, long, long *, char **);

/* target.c: from -b, -o, NTFY_BACKENDS and the config to targets. */
int	config_validate(const struct config *, char **);
int	targets_resolve(struct ntfy *, struct target **, size_t *, char **);
void	targets_free(struct target *, size_t);

/* module.c */
void	*module_symbol(const char *, const char *, char **);
const struct backend *module_load_backend(const char *, char **);

/* dispatch.c */
int	notify_targets(struct target *, size_t, const struct message *);
int	notify(struct ntfy *, const struct message *);

/* Defined by a module: the probe the default backend asks. */
int	backend_linux_available(char **);

#endif
