/* SPDX-License-Identifier: ISC */
/* A user's own backend, built as a shared object, for the tests. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "backend.h"

/* Code in a module runs as soon as it is loaded: leave a mark when asked,
 * so that the tests see which runs load it. */
__attribute__((constructor)) static void
custom_loaded(void)
{
	const char	*mark = getenv("NTFY_TEST_MODULE_MARK");
	FILE		*f;

	if (mark != NULL && (f = fopen(mark, "a")) != NULL) {
		fputs("loaded\n", f);
		fclose(f);
	}
}

static enum backend_result
custom_send(const struct notification *n, char **cause)
{
	/* A token makes it fail with the token in the cause: the core must
	 * mask it. */
	if (notif_opt(n, "token") != NULL) {
		*cause = xasprintf("refused token %s", notif_opt(n, "token"));
		return BACKEND_PERMFAIL;
	}
	printf("custom backend: %s / %s\n", notif_opt(n, "greeting"),
	    n->msg->body);
	fflush(stdout);
	return BACKEND_OK;
}

static const struct backend_option custom_options[] = {
	{ "greeting", OPT_REQUIRED, NULL, "what to say first" },
	{ "token", OPT_SECRET, NULL, "a secret it never prints" },
	{ NULL, 0, NULL, NULL }
};

extern const int		ntfy_backend_abi;
extern const struct backend	ntfy_backend;

const int ntfy_backend_abi = NTFY_BACKEND_ABI;

const struct backend ntfy_backend = {
	.name = "custom",
	.desc = "test backend",
	.options = custom_options,
	.send = custom_send
};
