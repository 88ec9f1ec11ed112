/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"

static int	cmd_test_exec(struct ntfy *, int, char **);

const struct cmd_entry cmd_test_entry = {
	.name = "test",
	.usage = "[-b BACKEND]...",
	.summary = "send a test notification through each backend",
	.flags = CMD_CONFIG,
	.exec = cmd_test_exec
};

static double
elapsed_ms(const struct timespec *start)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)(ts.tv_sec - start->tv_sec) * 1000 +
	    (double)(ts.tv_nsec - start->tv_nsec) / 1e6;
}

/* One target: send once, no retry, nothing queued; 0 when delivered. */
static int
test_target(struct ntfy *nt, struct target *t)
{
	struct message		 m;
	struct timespec		 start;
	enum backend_result	 r;
	char			*text, *cause = NULL;
	double			 ms;

	message_init(&m);
	text = xasprintf(":bell: Test notification from ntfy through '%s'",
	    t->name);
	m.body = message_text(text, strlen(text), !nt->no_emoji);
	free(text);
	clock_gettime(CLOCK_MONOTONIC, &start);
	r = notify_once(t, &m, &cause);
	ms = elapsed_ms(&start);
	message_release(&m);
	if (r == BACKEND_OK) {
		print_line(stdout, "%s: delivered in %.0f ms", t->name, ms);
		free(cause);
		return 0;
	}
	print_line(stdout, "%s: failed: %s", t->name, cause != NULL ? cause :
	    "not delivered");
	free(cause);
	return -1;
}

static int
cmd_test_exec(struct ntfy *nt, int argc, char **argv)
{
	struct target	*t;
	const char	**names = NULL;
	size_t		  n, i, nnames = 0;
	char		 *cause = NULL;
	int		  ch, r, failed = 0;

	optind = 0;
	opterr = 0;
	while ((ch = getopt(argc, argv, "+b:")) != -1) {
		if (ch != 'b') {
			free(names);
			cmd_usage(&cmd_test_entry);
			return EXIT_USAGE;
		}
		names = xreallocarray(names, nnames + 1, sizeof *names);
		names[nnames++] = optarg;
	}
	if (optind != argc) {
		free(names);
		cmd_usage(&cmd_test_entry);
		return EXIT_USAGE;
	}
	if (nnames > 0) {
		free(nt->backends);
		nt->backends = names;
		nt->nbackends = nnames;
	}
	if ((r = targets_resolve(nt, &t, &n, &cause)) != 0) {
		log_error("%s", cause);
		free(cause);
		return r;
	}
	for (i = 0; i < n; i++) {
		if (test_target(nt, &t[i]) == -1)
			failed = 1;
		fflush(stdout);
	}
	targets_free(t, n);
	return failed ? EXIT_NOTIFY_FAILED : 0;
}
