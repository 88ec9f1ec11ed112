/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"

#define DETACH_ARG	"__detached"	/* argv[1] of a detached helper */
#define REQUEST_MAX	(1 << 20)	/* largest request a helper reads */
#define REPLY_WAIT_MS	10000		/* longest wait for the first reply */

/* Close every descriptor from 3 up: a helper inherits none of ours. */
static void
close_from_3(void)
{
	struct rlimit	rl;
	long		fd, max = 1024;

#ifdef SYS_close_range
	if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0)
		return;
#endif
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		max = (long)rl.rlim_cur;
	for (fd = 3; fd < max; fd++)
		close((int)fd);
}

/*
 * Start symbol of module as a helper that outlives us: its own session, no
 * controlling terminal, none of our descriptors, /dev/null on 0-2 once it
 * has read request and written its first reply line.  The reply (up to
 * 4 KiB) comes back in *reply.  -1 with *cause when it cannot start or does
 * not answer.
 */
int
detach_spawn(const char *module, const char *symbol, const char *request,
    char **reply, char **cause)
{
	struct sigaction	 ign, opipe;
	struct pollfd		 pfd;
	char			 self[PATH_MAX], b[4096];
	const char		*argv[5];
	size_t			 len = 0;
	ssize_t			 n;
	pid_t			 pid;
	int			 in[2], out[2], st, nul, r;
	double			 start;

	*reply = NULL;
	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) <= 0) {
		*cause = xasprintf("cannot find our own program: %s",
		    strerror(errno));
		return -1;
	}
	self[n] = '\0';
	argv[0] = "ntfy";
	argv[1] = DETACH_ARG;
	argv[2] = module;
	argv[3] = symbol;
	argv[4] = NULL;
	if (pipe2(in, O_CLOEXEC) == -1) {
		*cause = xasprintf("pipe: %s", strerror(errno));
		return -1;
	}
	if (pipe2(out, O_CLOEXEC) == -1) {
		*cause = xasprintf("pipe: %s", strerror(errno));
		close(in[0]);
		close(in[1]);
		return -1;
	}
	if ((pid = fork()) == -1) {
		*cause = xasprintf("fork: %s", strerror(errno));
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		return -1;
	}
	if (pid == 0) {
		/* Only async-signal-safe calls from here to execv. */
		setsid();
		if (fork() != 0)
			_exit(0);
		if ((nul = open("/dev/null", O_RDWR)) == -1 ||
		    dup2(in[0], 0) == -1 || dup2(out[1], 1) == -1 ||
		    dup2(nul, 2) == -1)
			_exit(127);
		close_from_3();
		execv(self, (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &opipe);
	r = write_all(in[1], request, strlen(request));
	close(in[1]);
	sigaction(SIGPIPE, &opipe, NULL);
	pfd.fd = out[0];
	pfd.events = POLLIN;
	start = monotonic_now();
	while (len < sizeof b - 1) {
		int	left = REPLY_WAIT_MS -
			    (int)((monotonic_now() - start) * 1000);

		if (left <= 0 || poll(&pfd, 1, left) == 0)
			break;
		n = read(out[0], b + len, sizeof b - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (memchr(b, '\n', len) != NULL)
			break;
	}
	close(out[0]);
	b[len] = '\0';
	b[strcspn(b, "\n")] = '\0';
	if (r == -1 || len == 0) {
		*cause = xstrdup("the helper that waits for the click did not "
		    "answer");
		return -1;
	}
	*reply = xstrdup(b);
	return 0;
}

/* 1 when pid is a detached helper of ours (e.g. the waiter of an older
 * notification). */
int
detach_is_helper(long pid)
{
	char	*path, args[256];
	FILE	*f;
	size_t	 n;

	if (pid <= 1 || pid == (long)getpid())
		return 0;
	path = xasprintf("/proc/%ld/cmdline", pid);
	f = fopen(path, "re");
	free(path);
	if (f == NULL)
		return 0;
	n = fread(args, 1, sizeof args - 1, f);
	fclose(f);
	args[n] = '\0';
	return n > 0 && strlen(args) + 1 < n &&
	    strcmp(args + strlen(args) + 1, DETACH_ARG) == 0;
}

/* The first reply line of a helper; then its standard output is /dev/null. */
void
detach_reply(const char *line)
{
	int	nul;

	write_all(1, line, strlen(line));
	write_all(1, "\n", 1);
	if ((nul = open("/dev/null", O_WRONLY)) != -1) {
		dup2(nul, 1);
		close(nul);
	}
}

/*
 * Run as a helper when argv is ntfy __detached MODULE SYMBOL: read the
 * request from standard input, then call SYMBOL(request).  Returns -1 when
 * argv is not that.
 */
int
detach_main(int argc, char **argv)
{
	int		(*fn)(const char *);
	struct buf	 b = BUF_INIT;
	struct sigaction sa;
	sigset_t	 none;
	char		 chunk[4096], *cause = NULL, *req;
	ssize_t		 n;
	int		 nul, r;

	if (argc != 4 || strcmp(argv[1], DETACH_ARG) != 0)
		return -1;
	signals_reset();
	/* Only a module of ntfy's own directory, by name: never a path. */
	if (strchr(argv[2], '/') != NULL || argv[2][0] == '.') {
		detach_reply("a module is named, not a path");
		return 1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	buf_adds(&b, "");
	while (b.len < REQUEST_MAX) {
		n = read(0, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_add(&b, chunk, (size_t)n);
	}
	if ((nul = open("/dev/null", O_RDONLY)) != -1) {
		dup2(nul, 0);
		close(nul);
	}
	req = buf_detach(&b);
	/* "core": a helper of the program itself, from a fixed list. */
	if (strcmp(argv[2], "core") == 0) {
		fn = NULL;
		if (strcmp(argv[3], "terminal_waiter") == 0)
			fn = terminal_waiter;
		else
			cause = xasprintf("no helper '%s'", argv[3]);
	} else
		fn = (int (*)(const char *))module_symbol(argv[2], argv[3],
		    &cause);
	if (fn == NULL) {
		detach_reply(cause);
		free(cause);
		free(req);
		return 1;
	}
	r = fn(req);
	free(req);
	return r;
}
