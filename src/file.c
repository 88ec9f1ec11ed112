/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ntfy.h"

/* Why a file that is not a regular one cannot be read, for messages. */
const char *
file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "it is a directory";
	if (S_ISFIFO(mode))
		return "it is a FIFO, not a regular file";
	if (S_ISSOCK(mode))
		return "it is a socket, not a regular file";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "it is a device, not a regular file";
	return "it is not a regular file";
}

/*
 * Open path for reading, refusing anything but a regular file: the open
 * never blocks (a FIFO with no writer would hang every run) and never makes
 * a terminal ours.  The fd or -1 with *why (errno's text or the kind of
 * file); *why is static text.
 */
int
file_open_read(const char *path, const char **why)
{
	struct stat	st;
	int		fd, flags;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd == -1) {
		*why = strerror(errno);
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		*why = strerror(errno);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = file_kind(st.st_mode);
		close(fd);
		return -1;
	}
	if ((flags = fcntl(fd, F_GETFL)) != -1)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

/* file_open_read() as a stdio stream; NULL with *why. */
FILE *
file_fopen_read(const char *path, const char **why)
{
	FILE	*f;
	int	 fd;

	if ((fd = file_open_read(path, why)) == -1)
		return NULL;
	if ((f = fdopen(fd, "r")) == NULL) {
		*why = strerror(errno);
		close(fd);
	}
	return f;
}

/* $XDG_RUNTIME_DIR/ntfy/NAME, the directory made (0700) when missing; NULL
 * when there is no usable $XDG_RUNTIME_DIR. */
char *
runtime_path(const char *name)
{
	const char	*run = getenv("XDG_RUNTIME_DIR");
	char		*dir, *path;

	if (run == NULL || *run != '/')
		return NULL;
	dir = xasprintf("%s/ntfy", run);
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		free(dir);
		return NULL;
	}
	path = xasprintf("%s/%s", dir, name);
	free(dir);
	return path;
}
