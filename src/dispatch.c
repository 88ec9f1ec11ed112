/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend.h"

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The send() of a target, from its module when it lives in one. */
static int
target_bind(struct target *t, char **cause)
{
	char	*symbol;

	if (t->send != NULL)
		return 0;
	if (t->backend->module == NULL) {
		*cause = xasprintf("backend '%s' cannot send", t->name);
		return -1;
	}
	symbol = xasprintf("backend_%s_send", t->backend->name);
	t->send = (enum backend_result (*)(const struct notification *,
	    char **))module_symbol(t->backend->module, symbol, cause);
	free(symbol);
	return t->send ? 0 : -1;
}

/* Send to every target; 0 when all delivered, 1 otherwise. */
int
notify_targets(struct target *t, size_t n, const struct message *m)
{
	struct notification	 nf;
	enum backend_result	 r;
	char			*cause;
	size_t			 i;
	int			 failed = 0;
	double			 start;

	for (i = 0; i < n; i++) {
		cause = NULL;
		start = now();
		if (target_bind(&t[i], &cause) == -1)
			r = BACKEND_PERMFAIL;
		else {
			nf.msg = m;
			nf.title = t[i].title;
			nf.target = &t[i];
			r = t[i].send(&nf, &cause);
		}
		if (r == BACKEND_OK)
			log_info("%s: delivered in %.0f ms", t[i].name,
			    (now() - start) * 1000);
		else {
			log_error("%s: %s", t[i].name,
			    cause ? cause : "not delivered");
			failed = 1;
		}
		free(cause);
	}
	return failed ? EXIT_NOTIFY_FAILED : 0;
}

/* Resolve the targets of this invocation and notify them. */
int
notify(struct ntfy *nt, const struct message *m)
{
	struct target	*t;
	size_t		 n;
	char		*cause = NULL;
	int		 r;

	if ((r = ntfy_load_config(nt)) != 0)
		return r;
	if ((r = targets_resolve(nt, &t, &n, &cause)) != 0) {
		log_error("%s", cause);
		free(cause);
		return r;
	}
	r = notify_targets(t, n, m);
	targets_free(t, n);
	return r;
}
