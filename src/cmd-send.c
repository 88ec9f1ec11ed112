/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"

static int	cmd_send_exec(struct ntfy *, int, char **);

const struct cmd_entry cmd_send_entry = {
	.name = "send",
	.usage = "[MESSAGE | -]",
	.summary = "send MESSAGE (or standard input)",
	.flags = CMD_CONFIG,
	.exec = cmd_send_exec
};

/* Read standard input up to MESSAGE_MAX bytes; the rest is dropped. */
static char *
read_stdin(size_t *len)
{
	struct buf	b = BUF_INIT;
	char		chunk[65536];
	ssize_t		n;
	int		cut = 0;

	for (;;) {
		n = read(STDIN_FILENO, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			log_error("cannot read standard input: %s",
			    strerror(errno));
			buf_release(&b);
			return NULL;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > MESSAGE_MAX) {
			n = (ssize_t)(MESSAGE_MAX - b.len);
			cut = 1;
		}
		buf_add(&b, chunk, (size_t)n);
		if (cut)
			break;
	}
	if (cut)
		log_warn("message longer than %d KiB, the rest is dropped",
		    MESSAGE_MAX / 1024);
	*len = b.len;
	return buf_detach(&b);
}

static int
cmd_send_exec(struct ntfy *nt, int argc, char **argv)
{
	struct message	 m;
	char		*raw;
	size_t		 len;
	int		 r, arg = 1;

	if (arg < argc && strcmp(argv[arg], "--") == 0)
		arg++;
	if (argc - arg > 1 || (arg < argc && argv[arg][0] == '-' &&
	    strcmp(argv[arg], "-") != 0 && arg == 1)) {
		cmd_usage(&cmd_send_entry);
		return EXIT_USAGE;
	}
	message_init(&m);
	if (arg < argc && strcmp(argv[arg], "-") != 0) {
		len = strlen(argv[arg]);
		if (len > MESSAGE_MAX)
			log_warn("message longer than %d KiB, the rest is "
			    "dropped", MESSAGE_MAX / 1024);
		m.body = message_text(argv[arg], len, !nt->no_emoji);
	} else {
		if (arg >= argc && isatty(STDIN_FILENO)) {
			log_error("no message: give one, or pipe it in");
			cmd_usage(&cmd_send_entry);
			message_release(&m);
			return EXIT_USAGE;
		}
		if ((raw = read_stdin(&len)) == NULL) {
			message_release(&m);
			return EXIT_NOTIFY_FAILED;
		}
		/* A trailing newline from `echo x |` is not part of it. */
		while (len > 0 && (raw[len - 1] == '\n' || raw[len - 1] == '\r'))
			len--;
		m.body = message_text(raw, len, !nt->no_emoji);
		free(raw);
	}
	r = notify(nt, &m);
	message_release(&m);
	return r;
}
