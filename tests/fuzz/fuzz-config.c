/* SPDX-License-Identifier: ISC */
/* libFuzzer target: the config reader and the option checks after it. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 c;
	char		*text, *cause = NULL;

	log_level = -1;
	if (size > 65536)
		return 0;
	text = xstrndup((const char *)data, size);
	memset(&c, 0, sizeof c);
	if (config_parse_string(&c, "fuzz.ini", text, &cause) == 0 &&
	    config_validate(&c, &cause) == 0) {
		/* Every section must either resolve or say why not. */
		struct ntfy	 nt;
		struct target	*t;
		size_t		 i, n;

		for (i = 0; i < c.nsections; i++) {
			memset(&nt, 0, sizeof nt);
			nt.config = c;
			nt.config_loaded = 1;
			nt.backends = (const char **)&c.sections[i].name;
			nt.nbackends = 1;
			if (targets_resolve(&nt, &t, &n, &cause) == 0)
				targets_free(t, n);
			free(cause);
			cause = NULL;
		}
	}
	free(cause);
	config_release(&c);
	secrets_clear();
	free(text);
	return 0;
}
