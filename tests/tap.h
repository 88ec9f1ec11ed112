/* SPDX-License-Identifier: ISC */
/* A few TAP helpers for the C unit tests; automake's tap-driver reads them. */
#ifndef NTFY_TAP_H
#define NTFY_TAP_H

#include <stdio.h>
#include <string.h>

static int	tap_count;
static int	tap_failed;

static void
tap_ok(int good, const char *what)
{
	tap_count++;
	if (!good)
		tap_failed++;
	printf("%sok %d - %s\n", good ? "" : "not ", tap_count, what);
}

static void
tap_is_int(long got, long want, const char *what)
{
	tap_ok(got == want, what);
	if (got != want)
		printf("#   got %ld, want %ld\n", got, want);
}

static void
tap_is_str(const char *got, const char *want, const char *what)
{
	int	good;

	good = (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);
	tap_ok(good, what);
	if (!good)
		printf("#   got '%s'\n#  want '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
}

static int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed != 0;
}

#endif
