/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "local-options.h"

#define TITLE_MAX	256	/* bytes of title in a sequence */
#define BODY_MAX	1024	/* bytes of body in a sequence */
#define TTY_WAIT_MS	2000	/* longest wait for a stopped terminal */

static enum backend_result	terminal_send(const struct notification *,
				    char **);

static const struct backend_option terminal_options[] = {
	PROTOCOL_OPTION,
	URGENCY_OPTION,
	REPLACE_OPTION,
	WITHDRAW_OPTION,
	ACTION_TIMEOUT_OPTION,
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_terminal = {
	.name = "terminal",
	.desc = "a notification escape sequence written to the terminal "
	    "(kitty, foot, WezTerm, Ghostty, iTerm2...), through tmux and SSH",
	.options = terminal_options,
	.send = terminal_send
};

/* Write all of data to the controlling terminal, never to stdout. */
static enum backend_result
tty_write(const char *data, size_t len, char **cause)
{
	struct pollfd	pfd;
	sigset_t	ttou, old;
	ssize_t		n;
	size_t		off = 0;
	int		fd, r, error = 0;

	fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (fd == -1) {
		*cause = xasprintf("no terminal to write to: cannot open "
		    "'/dev/tty': %s", strerror(errno));
		return BACKEND_PERMFAIL;
	}
	/* A background job may write even when the terminal has tostop. */
	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, &old);
	pfd.fd = fd;
	pfd.events = POLLOUT;
	while (off < len) {
		if ((n = write(fd, data + off, len - off)) > 0) {
			off += (size_t)n;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN) {
			if ((r = poll(&pfd, 1, TTY_WAIT_MS)) > 0 ||
			    (r == -1 && errno == EINTR))
				continue;
			error = r == 0 ? ETIMEDOUT : errno;
		} else
			error = n == -1 ? errno : EIO;
		break;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(fd);
	if (error != 0) {
		*cause = xasprintf("cannot write to '/dev/tty': %s",
		    strerror(error));
		return BACKEND_PERMFAIL;
	}
	return BACKEND_OK;
}

/* OSC 99 urgency: the option, else critical when the command failed. */
static int
osc99_urgency(const struct notification *n, int *urgency, char **cause)
{
	static const char	*names[] = { "low", "normal", "critical" };
	const char		*v = notif_opt(n, "urgency");
	int			 i;

	*urgency = message_failed(n->msg) ? 2 : -1;
	if (v == NULL)
		return 0;
	for (i = 0; i < 3; i++) {
		if (strcmp(v, names[i]) == 0) {
			*urgency = i;
			return 0;
		}
	}
	*cause = xasprintf("option 'urgency' must be low, normal or critical, "
	    "not '%s'", v);
	return -1;
}

/* The protocol option: 0 with *proto set (-1 for auto), or -1. */
static int
protocol_option(const struct notification *n, int *proto, char **cause)
{
	const char	*v = notif_opt(n, "protocol");
	enum term_proto	 p;

	*proto = -1;
	if (v == NULL)
		return 0;
	switch (terminal_proto_parse(v, &p)) {
	case 0:
		*proto = (int)p;
		return 0;
	case 1:
		return 0;
	}
	*cause = xasprintf("option 'protocol' must be auto, osc99, osc777, "
	    "osc9 or bel, not '%s'", v);
	return -1;
}

/* The number of our controlling terminal (stat's tty_nr), 0 when none. */
int
ctty_number(void)
{
	char	 line[1024], *p;
	FILE	*f;
	int	 tty = 0;

	if ((f = fopen("/proc/self/stat", "re")) == NULL)
		return 0;
	p = fgets(line, sizeof line, f);
	fclose(f);
	if (p == NULL || (p = strrchr(line, ')')) == NULL ||
	    sscanf(p + 1, " %*c %*d %*d %*d %d", &tty) != 1)
		return 0;
	return tty;
}

/* Send with the protocol tc chose; the default backend calls it too. */
enum backend_result
terminal_deliver(const struct notification *n, const struct term_choice *tc,
    char **cause)
{
	static unsigned int	 count;
	struct buf		 seq = BUF_INIT, out = BUF_INIT;
	enum backend_result	 r;
	char			*title, *body, *id;
	long			 timeout;
	int			 urgency, replace, withdraw, tty;

	if (osc99_urgency(n, &urgency, cause) == -1 ||
	    notif_bool(n, "withdraw", &withdraw, cause) == -1 ||
	    notif_long(n, "action_timeout", 1, 7 * 86400, &timeout,
	    cause) == -1)
		return BACKEND_PERMFAIL;
	if (tc->proto != TERM_BEL && tc->tmux && tc->tmux_drop != NULL) {
		*cause = xstrdup(tc->tmux_drop);
		return BACKEND_PERMFAIL;
	}
	title = terminal_clean(n->title ? n->title : "", TITLE_MAX);
	body = terminal_clean(n->msg->body ? n->msg->body : "", BODY_MAX);
	if (notif_bool(n, "replace", &replace, cause) == -1) {
		free(body);
		free(title);
		return BACKEND_PERMFAIL;
	}
	/* One OSC 99 id per terminal (a tmux pane has its own), so that the
	 * terminal replaces the one still shown. */
	if (replace && (tty = ctty_number()) != 0)
		id = xasprintf("ntfy-tty%d", tty);
	else
		id = xasprintf("ntfy-%ld-%u", (long)getpid(), count++);
	buf_adds(&seq, "");
	terminal_encode(&seq, tc->proto, id, title, body, urgency);
	if (tc->tmux && tc->proto != TERM_BEL) {
		terminal_tmux_wrap(&out, seq.data, seq.len);
		r = tty_write(out.data, out.len, cause);
		buf_release(&out);
	} else
		r = tty_write(seq.data, seq.len, cause);
	if (r == BACKEND_OK && tc->proto == TERM_OSC99 && withdraw)
		terminal_waiter_spawn(tc, id, timeout);
	buf_release(&seq);
	free(id);
	free(body);
	free(title);
	return r;
}

static enum backend_result
terminal_send(const struct notification *n, char **cause)
{
	struct term_choice	tc;
	enum backend_result	r;
	int			proto;

	if (protocol_option(n, &proto, cause) == -1)
		return BACKEND_PERMFAIL;
	terminal_detect(&tc, proto);
	log_debug("terminal: %s for %s%s", terminal_proto_name(tc.proto),
	    tc.why, tc.tmux && tc.proto != TERM_BEL ? ", through tmux "
	    "passthrough" : "");
	r = terminal_deliver(n, &tc, cause);
	terminal_choice_release(&tc);
	return r;
}

/* The protocol option as the default backend reads it. */
int
terminal_protocol(const struct notification *n, int *proto, char **cause)
{
	return protocol_option(n, proto, cause);
}
