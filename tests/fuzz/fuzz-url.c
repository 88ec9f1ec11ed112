/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: Apprise-style URLs, parsed by libcurl in the net module
 * and turned into options by each backend's url().  The first byte picks
 * the scheme, so every backend's url() is reached.  Every secret option a
 * URL sets must be masked in log lines afterwards.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char	**schemes;
static size_t		  nschemes;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const struct backend	**b;
	const char *const	 *s;

	(void)argc;
	(void)argv;
	log_level = -1;
	/* The net module of this build, not an installed one. */
	setenv("NTFY_MODULE_DIR", BUILD_DIR "/.libs", 0);
	for (b = backends; *b != NULL; b++) {
		if ((*b)->schemes == NULL || !backend_compiled(*b))
			continue;
		for (s = (*b)->schemes; *s != NULL; s++) {
			schemes = xreallocarray(schemes, nschemes + 1,
			    sizeof *schemes);
			schemes[nschemes++] = *s;
		}
	}
	if (nschemes == 0)
		abort();
	return 0;
}

static void
check_masked(const struct target *t)
{
	const struct backend_option	*o;
	size_t				 i;
	char				*m;

	for (i = 0; i < t->opts.n; i++) {
		o = backend_option(t->backend, t->opts.v[i].key);
		if (o == NULL || !(o->flags & OPT_SECRET) ||
		    strlen(t->opts.v[i].value) < 3)
			continue;
		m = secret_mask(t->opts.v[i].value);
		if (strcmp(m, "********") != 0)
			abort();
		free(m);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct target	 t;
	struct optlist	 per = { NULL, 0 };
	char		*url, *cause = NULL;
	size_t		 k, n;

	if (size < 1 || size > 4096 ||
	    memchr(data + 1, '\0', size - 1) != NULL)
		return 0;
	url = xasprintf("%s://%.*s", schemes[data[0] % nschemes],
	    (int)(size - 1), (const char *)data + 1);
	memset(&t, 0, sizeof t);
	t.name = url;
	/* The scheme came from the table: a failure is a URL that no backend
	 * of the scheme reads, and says why. */
	if ((t.backend = url_backend(url, &cause)) == NULL) {
		if (cause == NULL || strstr(cause, "unknown URL scheme") !=
		    NULL || strstr(cause, "cannot load module") != NULL)
			abort();
	} else if (url_options(&t, url, &per, &cause) == 0) {
		/* Each target of the URL, its own keys masked too. */
		n = url_pick(&t, &per, 0);
		for (k = 1; k < n && k < 64; k++)
			url_pick(&t, &per, k);
		check_masked(&t);
	} else if (cause == NULL || strstr(cause, "cannot load module") != NULL)
		abort();	/* a failure says why; the module loads */
	free(cause);
	optlist_release(&per);
	optlist_release(&t.opts);
	optlist_release(&t.cli);
	secrets_clear();
	free(url);
	return 0;
}
