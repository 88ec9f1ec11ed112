/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ntfy.h"

#define TAIL_KEEP	(4 * OUTPUT_TAIL_BYTES)	/* raw bytes kept of output */
#define TEE_CHECK_MS	100			/* has the command exited? */

/* One captured stream: the pipe from the command and where it is shown. */
struct tee {
	int	from;		/* read end, -1 once closed */
	int	to;		/* our stdout or stderr, -1 once it failed */
};

double
monotonic_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write all of p, again after a signal; -1 on an error. */
int
write_all(int fd, const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Undo the signal state a parent may leave us.  SIGCHLD ignored makes the
 * kernel reap our children before we can wait for them; SIGPIPE, SIGALRM
 * or another signal ignored, or a blocked mask, would pass on to the
 * command we run as no shell would pass them.  What a shell does keep
 * stays: SIGHUP (nohup), SIGINT and SIGQUIT (a background job), SIGTERM
 * and the job-control stops, when ignored on entry.
 */
void
signals_reset(void)
{
	static const int	keep[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM,
				    SIGTSTP, SIGTTIN, SIGTTOU, SIGKILL,
				    SIGSTOP };
	struct sigaction	dfl, old;
	sigset_t		none;
	size_t			i;
	int			sig;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	/* Unconditionally: SA_NOCLDWAIT alone would reap our children. */
	sigaction(SIGCHLD, &dfl, NULL);
	for (sig = 1; sig < NSIG; sig++) {
		for (i = 0; i < sizeof keep / sizeof keep[0]; i++)
			if (keep[i] == sig)
				break;
		if (i < sizeof keep / sizeof keep[0])
			continue;
		if (sigaction(sig, NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			sigaction(sig, &dfl, NULL);
	}
}

/* Keep only the last TAIL_KEEP bytes of what was captured. */
static void
tail_add(struct buf *tail, const char *p, size_t len)
{
	if (len >= TAIL_KEEP) {
		p += len - TAIL_KEEP;
		len = TAIL_KEEP;
		tail->len = 0;
	}
	buf_add(tail, p, len);
	if (tail->len > 2 * TAIL_KEEP) {
		memmove(tail->data, tail->data + tail->len - TAIL_KEEP,
		    TAIL_KEEP);
		tail->len = TAIL_KEEP;
		tail->data[tail->len] = '\0';
	}
}

/* 1 once the child has exited, leaving it to be reaped. */
static int
child_exited(pid_t pid)
{
	siginfo_t	si;

	memset(&si, 0, sizeof si);
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == -1)
		return errno != EINTR;
	return si.si_pid == pid;
}

/* Read what is there on one stream: 1 when it read some, 0 at its end,
 * -1 when nothing was there. */
static int
tee_read(struct tee *t, struct buf *tail)
{
	char	chunk[16384];
	ssize_t	n;

	n = read(t->from, chunk, sizeof chunk);
	if (n == -1 && (errno == EINTR || errno == EAGAIN))
		return -1;
	if (n <= 0) {
		close(t->from);
		t->from = -1;
		return 0;
	}
	tail_add(tail, chunk, (size_t)n);
	if (t->to != -1 && write_all(t->to, chunk, (size_t)n) == -1) {
		if (errno == EPIPE) {
			close(t->from);
			t->from = -1;
		}
		t->to = -1;
	}
	return 1;
}

/*
 * Copy what the command writes to the terminal as it comes and keep its
 * tail, until the streams end or the command exits (a daemon it left
 * behind may hold them open: what is already written is still read; we
 * look every TEE_CHECK_MS).  When our own output is gone (EPIPE), the pipe
 * is closed, so that the command meets the same broken pipe it would have
 * met without us.
 */
static void
tee_loop(struct tee *t, size_t nt, struct buf *tail, pid_t pid)
{
	struct pollfd	pfd[2];
	size_t		i, open;
	int		exited = 0;

	while (!exited) {
		open = 0;
		for (i = 0; i < nt; i++) {
			pfd[i].fd = t[i].from;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
			if (t[i].from != -1)
				open++;
		}
		if (open == 0)
			break;
		if (poll(pfd, nt, TEE_CHECK_MS) == -1) {
			if (errno == EINTR)
				continue;
			log_error("poll: %s", strerror(errno));
			break;
		}
		for (i = 0; i < nt; i++)
			if (t[i].from != -1 && pfd[i].revents != 0)
				tee_read(&t[i], tail);
		if (child_exited(pid))
			exited = 1;
	}
	/* Gone: take what is left in the pipes without waiting. */
	for (i = 0; exited && i < nt; i++) {
		if (t[i].from == -1)
			continue;
		fcntl(t[i].from, F_SETFL, fcntl(t[i].from, F_GETFL) |
		    O_NONBLOCK);
		while (t[i].from != -1 && tee_read(&t[i], tail) == 1)
			;
	}
}

/* In the child: put the streams in place and exec; report errno through
 * the close-on-exec pipe when exec fails. */
__attribute__((noreturn)) static void
run_child(char *const *argv, int flags, const int out[2], const int err[2],
    int report, const struct sigaction *oint, const struct sigaction *oquit,
    const struct sigaction *opipe)
{
	int	e;

	sigaction(SIGINT, oint, NULL);
	sigaction(SIGQUIT, oquit, NULL);
	sigaction(SIGPIPE, opipe, NULL);
	if (((flags & RUN_STDOUT) && dup2(out[1], STDOUT_FILENO) == -1) ||
	    ((flags & RUN_STDERR) && dup2(err[1], STDERR_FILENO) == -1)) {
		e = errno;
		(void)!write(report, &e, sizeof e);
		_exit(126);
	}
	execvp(argv[0], argv);
	e = errno;
	(void)!write(report, &e, sizeof e);
	_exit(e == ENOENT || e == ENOTDIR ? 127 : 126);
}

static void
close_pair(int p[2])
{
	if (p[0] != -1)
		close(p[0]);
	if (p[1] != -1)
		close(p[1]);
	p[0] = p[1] = -1;
}

/* Why exec failed, the way a shell says it. */
static void
exec_failed(const char *cmd, int e)
{
	if (e == ENOENT && strchr(cmd, '/') == NULL)
		log_error("'%s': command not found", cmd);
	else if (e == EACCES)
		log_error("'%s': permission denied", cmd);
	else
		log_error("cannot run '%s': %s", cmd, strerror(e));
}

/*
 * Run argv in the foreground, on the terminal as it is.  While it runs we
 * ignore SIGINT and SIGQUIT, as a shell does, so that Ctrl-C stops the
 * command and we live to report it.  Returns 0 with *r filled, or -1 when
 * the command could not be started (then r->status is 126 or 127).
 */
int
run_command(char *const *argv, int flags, struct run_result *r)
{
	struct sigaction	 ign, oint, oquit, opipe;
	struct buf		 tail = BUF_INIT;
	struct tee		 t[2];
	int			 report[2], out[2] = { -1, -1 };
	int			 err[2] = { -1, -1 }, st, e = 0;
	size_t			 nt = 0;
	ssize_t			 n;
	double			 start;
	pid_t			 pid;

	memset(r, 0, sizeof *r);
	if (pipe2(report, O_CLOEXEC) == -1 ||
	    ((flags & RUN_STDOUT) && pipe2(out, O_CLOEXEC) == -1) ||
	    ((flags & RUN_STDERR) && pipe2(err, O_CLOEXEC) == -1))
		fatal("pipe: %s", strerror(errno));
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	sigaction(SIGPIPE, &ign, &opipe);
	start = monotonic_now();
	if ((pid = fork()) == -1)
		fatal("fork: %s", strerror(errno));
	if (pid == 0)
		run_child(argv, flags, out, err, report[1], &oint, &oquit,
		    &opipe);
	close(report[1]);
	if (flags & RUN_STDOUT) {
		close(out[1]);
		out[1] = -1;
		t[nt].from = out[0];
		t[nt++].to = STDOUT_FILENO;
		out[0] = -1;
	}
	if (flags & RUN_STDERR) {
		close(err[1]);
		err[1] = -1;
		t[nt].from = err[0];
		t[nt++].to = STDERR_FILENO;
		err[0] = -1;
	}
	do
		n = read(report[0], &e, sizeof e);
	while (n == -1 && errno == EINTR);
	close(report[0]);
	if (n != (ssize_t)sizeof e)
		e = 0;
	if (nt > 0)
		tee_loop(t, nt, &tail, pid);
	while (waitpid(pid, &st, 0) == -1) {
		if (errno != EINTR)
			fatal("waitpid: %s", strerror(errno));
	}
	r->duration = monotonic_now() - start;
	while (nt > 0)
		if (t[--nt].from != -1)
			close(t[nt].from);
	close_pair(out);
	close_pair(err);
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	sigaction(SIGPIPE, &opipe, NULL);
	if (WIFSIGNALED(st)) {
		r->signal = WTERMSIG(st);
		r->status = 128 + r->signal;
	} else
		r->status = WEXITSTATUS(st);
	if (e != 0) {
		exec_failed(argv[0], e);
		buf_release(&tail);
		return -1;
	}
	if (flags & (RUN_STDOUT | RUN_STDERR))
		r->output = output_tail(tail.data ? tail.data : "", tail.len);
	buf_release(&tail);
	return 0;
}
