/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>

#include "ntfy.h"
#include "../tap.h"

static void
test_bool(void)
{
	static const struct {
		const char	*text;
		int		 ret;
		int		 value;
	} cases[] = {
		{ "true", 0, 1 }, { "YES", 0, 1 }, { "on", 0, 1 },
		{ "1", 0, 1 }, { "false", 0, 0 }, { "No", 0, 0 },
		{ "off", 0, 0 }, { "0", 0, 0 }, { "", -1, 0 },
		{ "truthy", -1, 0 }, { "2", -1, 0 },
	};
	size_t	i;
	int	v;
	char	name[64];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		v = 0;
		snprintf(name, sizeof name, "parse_bool '%s'", cases[i].text);
		tap_ok(parse_bool(cases[i].text, &v) == cases[i].ret &&
		    v == cases[i].value, name);
	}
}

static void
test_long(void)
{
	long	v = 0;

	tap_ok(parse_long("42", 0, 100, &v) == 0 && v == 42, "parse_long 42");
	tap_ok(parse_long("-2", -2, 2, &v) == 0 && v == -2,
	    "parse_long -2 in -2..2");
	tap_ok(parse_long("3", -2, 2, &v) == -1, "parse_long out of range");
	tap_ok(parse_long("2.5", 0, 10, &v) == -1, "parse_long fraction");
	tap_ok(parse_long("", 0, 10, &v) == -1, "parse_long empty");
	tap_ok(parse_long("12abc", 0, 100, &v) == -1, "parse_long junk");
	tap_ok(parse_long("99999999999999999999", 0, 10, &v) == -1,
	    "parse_long overflow");
}

static void
test_seconds(void)
{
	double	v = 0;

	tap_ok(parse_seconds("1.5", &v) == 0 && v == 1.5, "seconds 1.5");
	tap_ok(parse_seconds("-1", &v) == -1, "seconds negative");
	tap_ok(parse_seconds("nan", &v) == -1, "seconds nan");
	tap_ok(parse_seconds("10s", &v) == -1, "seconds with unit");
}

static void
test_optlist(void)
{
	struct optlist			 l = { NULL, 0 };
	const struct option_value	*v;

	optlist_set(&l, "a", "1", "default", 0);
	optlist_set(&l, "b", "2", "f.ini", 3);
	optlist_set(&l, "a", "3", "-o", 0);
	tap_is_int((long)l.n, 2, "optlist replaces a key");
	tap_is_str(optlist_get(&l, "a"), "3", "later value wins");
	v = optlist_find(&l, "b");
	tap_ok(v != NULL && v->line == 3 && strcmp(v->origin, "f.ini") == 0,
	    "optlist keeps origin and line");
	tap_ok(optlist_get(&l, "c") == NULL, "missing key is NULL");
	optlist_release(&l);
}

static void
test_secret_mask(void)
{
	char	*s;

	secret_add("hunter2");
	secret_add("xy");	/* too short to mask safely: ignored */
	s = secret_mask("token hunter2 and hunter2x, xy");
	tap_is_str(s, "token ******** and ********x, xy", "secrets masked");
	free(s);
	secret_add("abc");
	secret_add("abcdef");	/* a longer secret with a shorter prefix */
	s = secret_mask("key abcdef, abcxyz");
	tap_is_str(s, "key ********, ********xyz",
	    "the longest secret at a place is masked whole");
	free(s);
	secrets_clear();
	s = secret_mask("hunter2");
	tap_is_str(s, "hunter2", "cleared secrets are not masked");
	free(s);
}

int
main(void)
{
	test_bool();
	test_long();
	test_seconds();
	test_optlist();
	test_secret_mask();
	return tap_done();
}
