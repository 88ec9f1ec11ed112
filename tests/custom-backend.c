/* SPDX-License-Identifier: ISC */
/* A user's own backend, built as a shared object, for the tests. */
#include "config.h"

#include <stdio.h>

#include "backend.h"

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
