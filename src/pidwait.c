/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/syscall.h>
#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ntfy.h"

#define POLL_FIRST_NS	1000000L	/* fallback: first interval, 1 ms */
#define POLL_MAX_NS	50000000L	/* and the longest, 50 ms */

/* A pidfd for pid (readable once it has exited), or -1 without one. */
static int
pidfd_of(long pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, (pid_t)pid, 0);
#else
	(void)pid;
	errno = ENOSYS;
	return -1;
#endif
}

/* A PID given on the command line: -1 with *cause when it cannot be one. */
int
pid_parse(const char *s, long *pid, char **cause)
{
	const char	*p;

	for (p = s; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p))
			break;
	if (*s == '\0' || *p != '\0' || parse_long(s, 1, INT_MAX, pid) == -1) {
		*cause = xasprintf("'%s' is not a process id (a number from 1 "
		    "to %d)", s, INT_MAX);
		return -1;
	}
	if (*pid == (long)getpid()) {
		*cause = xasprintf("PID %ld is ntfy itself", *pid);
		return -1;
	}
	return 0;
}

/*
 * Get hold of a process before anything is read about it: a pidfd when the
 * kernel has them (so the PID cannot be reused under us), else -1 in *fd.
 * Returns -1 with *cause when there is no such process.
 */
int
pid_open(long pid, int *fd, char **cause)
{
	*fd = pidfd_of(pid);
	if (*fd == -1 && errno != ESRCH) {
		log_debug("no pidfd for PID %ld (%s): polling", pid,
		    strerror(errno));
		if (kill((pid_t)pid, 0) == 0 || errno == EPERM)
			return 0;
	}
	if (*fd == -1) {
		*cause = xasprintf("no process with PID %ld", pid);
		return -1;
	}
	return 0;
}

static char *
read_file(const char *path, size_t *len)
{
	struct buf	b = BUF_INIT;
	char		chunk[4096];
	ssize_t		n;
	int		fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || b.len > 65536)
			break;
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	buf_adds(&b, "");
	*len = b.len;
	return buf_detach(&b);
}

/* The fields of /proc/PID/stat after the command name, or NULL. */
static char *
proc_stat(long pid, char **comm)
{
	char	*path, *s, *lp, *rp;
	size_t	 len;

	path = xasprintf("/proc/%ld/stat", pid);
	s = read_file(path, &len);
	free(path);
	if (s == NULL)
		return NULL;
	if ((lp = strchr(s, '(')) == NULL ||
	    (rp = strrchr(s, ')')) == NULL || rp < lp) {
		free(s);
		return NULL;
	}
	if (comm != NULL)
		*comm = xstrndup(lp + 1, (size_t)(rp - lp - 1));
	memmove(s, rp + 1, strlen(rp + 1) + 1);
	return s;
}

/* Field n (3 for the state) of /proc/PID/stat as a string, or NULL. */
static char *
stat_field(const char *rest, int n)
{
	const char	*p = rest;
	size_t		 len;
	int		 i;

	for (i = 3; ; i++) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return NULL;
		len = strcspn(p, " \n");
		if (i == n)
			return xstrndup(p, len);
		p += len;
	}
}

/*
 * What a process runs and how long it has been running, from /proc: its
 * command line (quoted as a shell would need it; its name in brackets
 * when it has none) and its age in seconds (-1 when unknown).
 */
void
pid_describe(long pid, char **cmd, double *age)
{
	struct timespec	  ts;
	char		 *path, *s, *rest, *comm = NULL, *start, **argv = NULL;
	size_t		  len, i, argc = 0;
	long		  tck;

	*cmd = NULL;
	*age = -1;
	path = xasprintf("/proc/%ld/cmdline", pid);
	s = read_file(path, &len);
	free(path);
	if (s != NULL && len > 0) {
		for (i = 0; i < len; i += strlen(s + i) + 1) {
			argv = xreallocarray(argv, argc + 1, sizeof *argv);
			argv[argc++] = s + i;
		}
		*cmd = command_quote((int)argc, argv);
		free(argv);
	}
	free(s);
	if ((rest = proc_stat(pid, &comm)) == NULL)
		return;
	if (*cmd == NULL) {
		/* Any process names itself: valid UTF-8, as a command line. */
		s = xasprintf("[%s]", comm);
		*cmd = utf8_repair(s, strlen(s));
		free(s);
	}
	free(comm);
	/* Field 22: start time in clock ticks after boot. */
	start = stat_field(rest, 22);
	tck = sysconf(_SC_CLK_TCK);
	if (start != NULL && tck > 0 &&
	    clock_gettime(CLOCK_BOOTTIME, &ts) == 0) {
		*age = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 -
		    strtod(start, NULL) / (double)tck;
		if (*age < 0)
			*age = 0;
	}
	free(start);
	free(rest);
}

/* 1 while pid exists and is not a zombie. */
static int
pid_alive(long pid)
{
	char	*rest, *state;
	int	 zombie = 0;

	if (kill((pid_t)pid, 0) == -1 && errno == ESRCH)
		return 0;
	if ((rest = proc_stat(pid, NULL)) != NULL) {
		state = stat_field(rest, 3);
		zombie = state != NULL && (*state == 'Z' || *state == 'X');
		free(state);
		free(rest);
	}
	return !zombie;
}

/*
 * Wait until the process ends: poll on its pidfd, or without one check
 * every 1 ms, doubling up to every 50 ms.
 */
void
pid_wait(long pid, int fd)
{
	struct pollfd	pfd;
	struct timespec	ts;
	long		ns = POLL_FIRST_NS;

	if (fd != -1) {
		pfd.fd = fd;
		pfd.events = POLLIN;
		while (poll(&pfd, 1, -1) == -1 && errno == EINTR)
			;
		return;
	}
	while (pid_alive(pid)) {
		ts.tv_sec = 0;
		ts.tv_nsec = ns;
		while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
			;
		if ((ns *= 2) > POLL_MAX_NS)
			ns = POLL_MAX_NS;
	}
}
