/* SPDX-License-Identifier: ISC */
/* libFuzzer target: message building, emoji, UTF-8 repair and truncation,
 * and the program a command line runs. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ntfy.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*text, *flat, *program;
	size_t	 len, cut;

	text = message_text((const char *)data, size, size % 2);
	len = strlen(text);
	if (utf8_valid(text, len) != len)
		abort();
	cut = utf8_truncate(text, size % 97);
	if (cut > len || utf8_valid(text, cut) != cut)
		abort();
	flat = text_flatten(text);
	for (char *p = flat; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20)
			abort();
	free(flat);
	/* A program name is one non-empty word without a cut character. */
	if ((program = command_program(text)) != NULL) {
		if (*program == '\0' || strpbrk(program, " \t\n/;&|<>()'\"\\") !=
		    NULL)
			abort();
		free(program);
	}
	free(text);
	return 0;
}
