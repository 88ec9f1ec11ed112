/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend.h"

static int	cmd_queue_exec(struct ntfy *, int, char **);

const struct cmd_entry cmd_queue_entry = {
	.name = "queue",
	.usage = "[flush | drop [ID]]",
	.summary = "list, resend or drop queued notifications",
	.flags = CMD_CONFIG,
	.exec = cmd_queue_exec
};

static void
print_entry(const struct spool_entry *e, time_t now)
{
	char	*label = target_label(e->target), *text;
	size_t	 len;

	text = secret_mask(e->msg.body);
	len = utf8_truncate(text, 60);
	text[len] = '\0';
	print_line(stdout, "%s  %s  %d attempt%s, first %lds ago  %s", e->id,
	    label, e->attempts, e->attempts == 1 ? "" : "s",
	    (long)(now - e->first_failure), text);
	if (e->last_error != NULL)
		print_line(stdout, "    last error: %s", e->last_error);
	free(text);
	free(label);
}

static int
queue_list(void)
{
	struct spool_entry	*e;
	size_t			 n, i;
	char			*cause = NULL;
	time_t			 now = time(NULL);

	if (spool_list(&e, &n, &cause) == -1) {
		log_error("%s", cause);
		free(cause);
		return EXIT_NOTIFY_FAILED;
	}
	for (i = 0; i < n; i++)
		print_entry(&e[i], now);
	if (n == 0)
		log_info("nothing is queued");
	spool_entries_free(e, n);
	return 0;
}

static int
queue_drop(const char *id)
{
	struct spool_entry	*e;
	size_t			 n, i;
	char			*cause = NULL;
	int			 fd, found = 0;

	if ((fd = spool_lock(1)) == -1)
		return EXIT_NOTIFY_FAILED;
	if (spool_list(&e, &n, &cause) == -1) {
		log_error("%s", cause);
		free(cause);
		spool_unlock(fd);
		return EXIT_NOTIFY_FAILED;
	}
	for (i = 0; i < n; i++) {
		if (id != NULL && strcmp(e[i].id, id) != 0)
			continue;
		if (spool_remove(&e[i]) == 0) {
			log_info("dropped %s", e[i].id);
			found++;
		}
	}
	spool_entries_free(e, n);
	spool_unlock(fd);
	if (id != NULL && found == 0) {
		log_error("no queued notification '%s'; see 'ntfy queue'", id);
		return EXIT_NOTIFY_FAILED;
	}
	return 0;
}

static int
cmd_queue_exec(struct ntfy *nt, int argc, char **argv)
{
	if (argc == 1)
		return queue_list();
	if (strcmp(argv[1], "flush") == 0 && argc == 2)
		return spool_flush(nt, 1);
	if (strcmp(argv[1], "drop") == 0 && argc <= 3)
		return queue_drop(argc == 3 ? argv[2] : NULL);
	cmd_usage(&cmd_queue_entry);
	return EXIT_USAGE;
}
