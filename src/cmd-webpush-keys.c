/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend.h"
#include "net-crypto.h"

static int	cmd_webpush_keys_exec(struct ntfy *, int, char **);

const struct cmd_entry cmd_webpush_keys_entry = {
	.name = "webpush-keys",
	.usage = "FILE [-f]",
	.summary = "write a new VAPID key to FILE, print its public key",
	.flags = 0,
	.exec = cmd_webpush_keys_exec
};

/* Write the PEM text to a new file only we can read, with -f in place of
 * a regular file only (a temporary file renamed over it); 0 or -1. */
static int
key_write(const char *path, const char *pem, int force)
{
	struct stat	 st;
	char		*tmp;
	int		 fd, saved, ok;

	if (lstat(path, &st) == 0 && (!force || !S_ISREG(st.st_mode))) {
		errno = force ? EPERM : EEXIST;
		return -1;
	}
	tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		free(tmp);
		return -1;
	}
	ok = write_all(fd, pem, strlen(pem)) == 0 && fsync(fd) == 0;
	saved = errno;
	if (close(fd) == -1 && ok) {
		ok = 0;
		saved = errno;
	}
	if (ok && rename(tmp, path) == -1) {
		ok = 0;
		saved = errno;
	}
	if (!ok) {
		unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	free(tmp);
	return 0;
}

static int
cmd_webpush_keys_exec(struct ntfy *nt, int argc, char **argv)
{
	net_webpush_keygen_fn	 keygen;
	static const char	 bad[] = "";
	const char		*path = NULL;
	char			*pem = NULL, *pub = NULL, *cause = NULL, *shown;
	int			 force = 0, i;

	(void)nt;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-f") == 0)
			force = 1;
		else if (path == NULL && argv[i][0] != '\0' &&
		    (argv[i][0] != '-' || argv[i][1] == '\0'))
			path = argv[i];
		else
			path = bad;
	}
	if (path == NULL || path == bad) {
		cmd_usage(&cmd_webpush_keys_entry);
		return EXIT_USAGE;
	}
	keygen = (net_webpush_keygen_fn)module_symbol("net",
	    "net_webpush_keygen", &cause);
	if (keygen == NULL || keygen(&pem, &pub, &cause) == -1) {
		log_error("webpush-keys: %s", cause);
		free(cause);
		return EXIT_NOTIFY_FAILED;
	}
	shown = terminal_line(path);
	if (key_write(path, pem, force) == -1) {
		if (errno == EPERM)
			log_error("webpush-keys: '%s' is not a regular file; "
			    "-f replaces only a key file", shown);
		else if (errno == EEXIST)
			log_error("webpush-keys: '%s' exists: keep it, or "
			    "replace it with -f (browsers subscribed with its "
			    "public key must then subscribe again)", shown);
		else
			log_error("webpush-keys: cannot write '%s': %s", shown,
			    strerror(errno));
		freezero_str(pem);
		free(pub);
		free(shown);
		return EXIT_NOTIFY_FAILED;
	}
	freezero_str(pem);
	printf("%s\n", pub);
	fprintf(stderr, "ntfy: wrote the private key to %s: set "
	    "vapid_private_key to it in [webpush], and give the public key "
	    "above to the page that subscribes\n", shown);
	free(shown);
	free(pub);
	return 0;
}
