/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"

#define COMMAND_ENV_MAX		(64 * 1024)	/* bytes of NTFY_MESSAGE */
#define COMMAND_STDERR_KEEP	4096		/* bytes of stderr kept */
#define COMMAND_KILL_WAIT	2.0		/* seconds from TERM to KILL */

extern char	**environ;

static enum backend_result command_send(const struct notification *,
		    char **);
static int	command_check(const struct target *, char **);

static const struct backend_option command_options[] = {
	{ "command", OPT_REQUIRED, NULL, "program and arguments, split at "
	    "white space, run with no shell" },
	{ "timeout", 0, "30", "seconds before the program is killed" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_command = {
	.name = "command",
	.desc = "run a program of yours with the notification in NTFY_* "
	    "environment variables",
	.options = command_options,
	.check = command_check,
	.send = command_send
};

static int
command_check(const struct target *t, char **cause)
{
	const char	*v = target_opt(t, "command");

	if (v[strspn(v, " \t")] == '\0') {
		*cause = xasprintf("backend '%s': option 'command' is empty",
		    t->name);
		return -1;
	}
	return 0;
}

static double
clock_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The last non-empty line of what the program wrote on stderr. */
static char *
last_line(const struct buf *b)
{
	const char	*end, *start;
	char		*raw, *out;

	if (b->len == 0)
		return NULL;
	end = b->data + b->len;
	while (end > b->data && (end[-1] == '\n' || end[-1] == '\r' ||
	    end[-1] == ' '))
		end--;
	for (start = end; start > b->data && start[-1] != '\n'; start--)
		;
	if (start == end)
		return NULL;
	raw = utf8_repair(start, (size_t)(end - start));
	out = text_flatten(raw);
	free(raw);
	return out;
}

/* Keep the tail of stderr; 0 at EOF. */
static int
read_stderr(int fd, struct buf *b)
{
	char	chunk[4096];
	ssize_t	n;

	if ((n = read(fd, chunk, sizeof chunk)) <= 0)
		return n < 0 && errno == EINTR ? 1 : 0;
	buf_add(b, chunk, (size_t)n);
	if (b->len > COMMAND_STDERR_KEEP) {
		memmove(b->data, b->data + b->len - COMMAND_STDERR_KEEP,
		    COMMAND_STDERR_KEEP);
		b->len = COMMAND_STDERR_KEEP;
		b->data[b->len] = '\0';
	}
	return 1;
}

/* Wait for pid until deadline, reading its stderr; 0 with *status, or -1
 * when the deadline passed. */
static int
wait_child(pid_t pid, int fd, double deadline, struct buf *err, int *status)
{
	struct pollfd	pfd;
	double		left;
	int		open = 1;

	for (;;) {
		if (waitpid(pid, status, WNOHANG) == pid)
			break;
		if ((left = deadline - clock_now()) <= 0)
			return -1;
		if (left > 0.1)
			left = 0.1;
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (open && poll(&pfd, 1, (int)(left * 1000) + 1) > 0)
			open = read_stderr(fd, err);
		else if (!open)
			nanosleep(&(struct timespec){ 0, 20000000 }, NULL);
	}
	/* The program is gone; take what it wrote, never blocking on a
	 * child of its own that kept the pipe. */
	fcntl(fd, F_SETFL, O_NONBLOCK);
	while (open && read_stderr(fd, err))
		;
	return 0;
}

/* The file a program name stands for: itself when it has a slash, else
 * the first executable of that name in PATH; NULL with errno set. */
char *
command_path(const char *name)
{
	const char	*path, *p, *end;
	char		*try;
	size_t		 len;

	if (strchr(name, '/') != NULL) {
		if (access(name, X_OK) == -1)
			return NULL;
		return xstrdup(name);
	}
	if ((path = getenv("PATH")) == NULL)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = end + 1) {
		end = p + strcspn(p, ":");
		len = (size_t)(end - p);
		try = xasprintf("%.*s%s%s", (int)len, p, len ? "/" : "./",
		    name);
		if (access(try, X_OK) == 0)
			return try;
		free(try);
		if (*end == '\0')
			break;
	}
	errno = ENOENT;
	return NULL;
}

/*
 * Run argv[0] found in PATH, never through a shell, with env added to the
 * environment, stdin and stdout on /dev/null, in a process group of its
 * own that is killed after timeout seconds.  A non-zero exit is a failure
 * with the last line of its stderr as the cause.
 */
enum backend_result
command_run(char *const *argv, char *const *env, double timeout,
    char **cause)
{
	posix_spawn_file_actions_t	 fa;
	posix_spawnattr_t		 attr;
	struct buf			 err = BUF_INIT;
	char				**envp, *line, *prog;
	size_t				 n = 0, i, j, len;
	pid_t				 pid;
	int				 fds[2], rc, status;

	if ((prog = command_path(argv[0])) == NULL) {
		*cause = xasprintf("cannot run '%s': %s", argv[0],
		    strerror(errno));
		return BACKEND_PERMFAIL;
	}
	for (i = 0; environ[i] != NULL; i++)
		;
	for (j = 0; env != NULL && env[j] != NULL; j++)
		;
	envp = xcalloc(i + j + 1, sizeof *envp);
	for (i = 0; environ[i] != NULL; i++) {
		for (j = 0; env != NULL && env[j] != NULL; j++) {
			len = strcspn(env[j], "=") + 1;
			if (strncmp(environ[i], env[j], len) == 0)
				break;
		}
		if (env == NULL || env[j] == NULL)
			envp[n++] = environ[i];
	}
	for (j = 0; env != NULL && env[j] != NULL; j++)
		envp[n++] = env[j];
	if (pipe2(fds, O_CLOEXEC) == -1)
		fatal("pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	log_debug("running '%s'", prog);
	rc = posix_spawn(&pid, prog, &fa, &attr, argv, envp);
	free(prog);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	free(envp);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		*cause = xasprintf("cannot run '%s': %s", argv[0],
		    strerror(rc));
		return BACKEND_PERMFAIL;
	}
	if (wait_child(pid, fds[0], clock_now() + timeout, &err,
	    &status) == -1) {
		kill(-pid, SIGTERM);
		if (wait_child(pid, fds[0], clock_now() + COMMAND_KILL_WAIT,
		    &err, &status) == -1) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
		}
		close(fds[0]);
		buf_release(&err);
		*cause = xasprintf("'%s' took longer than %g s and was killed",
		    argv[0], timeout);
		return BACKEND_TEMPFAIL;
	}
	close(fds[0]);
	line = last_line(&err);
	buf_release(&err);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		free(line);
		return BACKEND_OK;
	}
	if (WIFEXITED(status))
		*cause = xasprintf("'%s' exited with status %d%s%s", argv[0],
		    WEXITSTATUS(status), line ? ": " : "", line ? line : "");
	else
		*cause = xasprintf("'%s' was killed by %s%s%s", argv[0],
		    signal_name(WTERMSIG(status)), line ? ": " : "",
		    line ? line : "");
	free(line);
	return BACKEND_PERMFAIL;
}

static char *
env_text(const char *name, const char *value)
{
	size_t	len = strlen(value);

	if (len > COMMAND_ENV_MAX)
		len = utf8_truncate(value, COMMAND_ENV_MAX);
	return xasprintf("%s=%.*s", name, (int)len, value);
}

static enum backend_result
command_send(const struct notification *n, char **cause)
{
	const struct message	*m = n->msg;
	enum backend_result	 r;
	char			*copy, *tok, *save = NULL, **argv = NULL;
	char			*env[8];
	double			 timeout = 30;
	size_t			 argc = 0, i;

	if (notif_seconds(n, "timeout", &timeout, cause) == -1)
		return BACKEND_PERMFAIL;
	copy = xstrdup(notif_opt(n, "command"));
	argv = xreallocarray(NULL, 1, sizeof *argv);
	for (tok = strtok_r(copy, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		argv = xreallocarray(argv, argc + 2, sizeof *argv);
		argv[argc++] = tok;
	}
	argv[argc] = NULL;
	if (argc == 0) {
		*cause = xstrdup("option 'command' names no program");
		free(argv);
		free(copy);
		return BACKEND_PERMFAIL;
	}
	i = 0;
	env[i++] = env_text("NTFY_TITLE", n->title ? n->title : "");
	env[i++] = env_text("NTFY_MESSAGE", m->body ? m->body : "");
	env[i++] = m->has_status ? xasprintf("NTFY_RETCODE=%d", m->retcode) :
	    xstrdup("NTFY_RETCODE=");
	env[i++] = m->duration >= 0 ? xasprintf("NTFY_DURATION=%.3f",
	    m->duration) : xstrdup("NTFY_DURATION=");
	env[i++] = env_text("NTFY_COMMAND", m->command ? m->command : "");
	env[i++] = env_text("NTFY_HOST", m->host ? m->host : "");
	env[i++] = xasprintf("NTFY_BACKEND=%s", n->target->name);
	env[i] = NULL;
	r = command_run(argv, env, timeout > 0 ? timeout : 1e9, cause);
	for (i = 0; env[i] != NULL; i++)
		free(env[i]);
	free(argv);
	free(copy);
	return r;
}
