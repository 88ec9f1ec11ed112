/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"

#define SYSLOG_LINE_MAX	2048	/* bytes of one record's text */

static enum backend_result systemlog_send(const struct notification *,
		    char **);
static int	systemlog_check(const struct target *, char **);
static int	systemlog_url(struct http_url *, struct optlist *, char **);

static const struct backend_option systemlog_options[] = {
	{ "prio", 0, "ALERT", "EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, "
	    "INFO or DEBUG, or AUTO (CRIT, NOTICE or INFO as the command "
	    "failed, succeeded or none ran)" },
	{ "facility", 0, "LOCAL5", "KERN, USER, MAIL, DAEMON, AUTH, LPR, NEWS, "
	    "UUCP, CRON, SYSLOG or LOCAL0 to LOCAL7" },
	{ "fmt", 0, "[{title}] {message}", "the text; {title} and {message} "
	    "are replaced" },
	{ "ident", 0, "ntfy", "the program name in each record" },
	{ "socket", 0, "/dev/log", "the syslog daemon's socket" },
	{ "host", 0, NULL, "a syslog server to send to over UDP instead of "
	    "the socket" },
	{ "port", 0, "514", "the UDP port of host" },
	{ "logpid", 0, "yes", "the process id after ident" },
	{ NULL, 0, NULL, NULL }
};

static const char *const systemlog_schemes[] = { "syslog", NULL };

const struct backend backend_systemlog = {
	.name = "systemlog",
	.desc = "one syslog record per line of the notification",
	.options = systemlog_options,
	.check = systemlog_check,
	.send = systemlog_send,
	.schemes = systemlog_schemes,
	.url = systemlog_url
};

struct syslog_name {
	const char	*name;
	int		 value;
};

static const struct syslog_name prios[] = {
	{ "EMERG", 0 }, { "ALERT", 1 }, { "CRIT", 2 }, { "ERR", 3 },
	{ "WARNING", 4 }, { "NOTICE", 5 }, { "INFO", 6 }, { "DEBUG", 7 },
	{ NULL, 0 }
};

static const struct syslog_name facilities[] = {
	{ "KERN", 0 }, { "USER", 1 }, { "MAIL", 2 }, { "DAEMON", 3 },
	{ "AUTH", 4 }, { "SYSLOG", 5 }, { "LPR", 6 }, { "NEWS", 7 },
	{ "UUCP", 8 }, { "CRON", 9 }, { "LOCAL0", 16 }, { "LOCAL1", 17 },
	{ "LOCAL2", 18 }, { "LOCAL3", 19 }, { "LOCAL4", 20 },
	{ "LOCAL5", 21 }, { "LOCAL6", 22 }, { "LOCAL7", 23 }, { NULL, 0 }
};

/* A name, any case, with or without LOG_; -1 when unknown. */
static int
syslog_lookup(const struct syslog_name *names, const char *v)
{
	size_t	i;

	if (strncasecmp(v, "LOG_", 4) == 0)
		v += 4;
	for (i = 0; names[i].name != NULL; i++)
		if (strcasecmp(names[i].name, v) == 0)
			return names[i].value;
	return -1;
}

static int
systemlog_check(const struct target *t, char **cause)
{
	const char	*v;
	int		 b;

	v = target_opt(t, "prio");
	if (syslog_lookup(prios, v) == -1 && strcasecmp(v, "AUTO") != 0) {
		*cause = xasprintf("backend '%s': option 'prio' must be EMERG, "
		    "ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG or AUTO, "
		    "not '%s'", t->name, v);
		return -1;
	}
	v = target_opt(t, "logpid");
	if (parse_bool(v, &b) == -1) {
		*cause = xasprintf("backend '%s': option 'logpid' must be yes "
		    "or no, not '%s'", t->name, v);
		return -1;
	}
	v = target_opt(t, "port");
	if (strspn(v, "0123456789") != strlen(v) || *v == '\0' ||
	    strlen(v) > 5 || atoi(v) < 1 || atoi(v) > 65535) {
		*cause = xasprintf("backend '%s': option 'port' must be a port "
		    "number, not '%s'", t->name, v);
		return -1;
	}
	v = target_opt(t, "facility");
	if (syslog_lookup(facilities, v) == -1) {
		*cause = xasprintf("backend '%s': option 'facility' must be "
		    "KERN, USER, MAIL, DAEMON, AUTH, LPR, NEWS, UUCP, CRON, "
		    "SYSLOG or LOCAL0 to LOCAL7, not '%s'", t->name, v);
		return -1;
	}
	if (strlen(target_opt(t, "socket")) >= sizeof ((struct sockaddr_un *)
	    NULL)->sun_path) {
		*cause = xasprintf("backend '%s': option 'socket' is too long",
		    t->name);
		return -1;
	}
	return 0;
}

/* fmt with {title} and {message} replaced; other braces stay. */
static char *
format_text(const char *fmt, const char *title, const char *message)
{
	struct buf	b = BUF_INIT;
	const char	*p;

	for (p = fmt; *p != '\0'; p++) {
		if (strncmp(p, "{title}", 7) == 0) {
			buf_adds(&b, title);
			p += 6;
		} else if (strncmp(p, "{message}", 9) == 0) {
			buf_adds(&b, message);
			p += 8;
		} else
			buf_addc(&b, *p);
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	return buf_detach(&b);
}

/* Send one datagram, or over a stream socket with a NUL after it. */
static int
send_record(const char *path, const char *rec, size_t len, char **cause)
{
	struct sockaddr_un	sun;
	int			fd, e;

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	strncpy(sun.sun_path, path, sizeof sun.sun_path - 1);
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		fatal("socket: %s", strerror(errno));
	if (sendto(fd, rec, len, 0, (struct sockaddr *)&sun,
	    sizeof sun) == (ssize_t)len) {
		close(fd);
		return 0;
	}
	e = errno;
	close(fd);
	if (e == EPROTOTYPE) {
		if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC,
		    0)) == -1)
			fatal("socket: %s", strerror(errno));
		if (connect(fd, (struct sockaddr *)&sun, sizeof sun) == 0 &&
		    send(fd, rec, len + 1, MSG_NOSIGNAL) == (ssize_t)len + 1) {
			close(fd);
			return 0;
		}
		e = errno;
		close(fd);
	}
	*cause = xasprintf("cannot write to the syslog socket '%s': %s", path,
	    strerror(e));
	return -1;
}

/* Send one datagram to a syslog server; its address is looked up once. */
static int
send_remote(const struct notification *n, struct addrinfo **ai,
    const char *rec, size_t len, char **cause)
{
	struct addrinfo	 hints, *a;
	const char	*host = notif_opt(n, "host");
	int		 fd, e = 0, rc;

	if (*ai == NULL) {
		memset(&hints, 0, sizeof hints);
		hints.ai_family = AF_UNSPEC;
		hints.ai_socktype = SOCK_DGRAM;
		rc = getaddrinfo(host, notif_opt(n, "port"), &hints, ai);
		if (rc != 0) {
			*cause = xasprintf("cannot find the syslog server "
			    "'%s': %s", host, gai_strerror(rc));
			*ai = NULL;
			return -1;
		}
	}
	for (a = *ai; a != NULL; a = a->ai_next) {
		if ((fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC,
		    a->ai_protocol)) == -1) {
			e = errno;
			continue;
		}
		if (sendto(fd, rec, len, 0, a->ai_addr, a->ai_addrlen) ==
		    (ssize_t)len) {
			close(fd);
			return 0;
		}
		e = errno;
		close(fd);
	}
	*cause = xasprintf("cannot send to the syslog server '%s' port %s: "
	    "%s", host, notif_opt(n, "port"), strerror(e));
	return -1;
}

/* The priority: prio, or for AUTO how the command ended, as Apprise's
 * types map: failure CRIT, success NOTICE, anything else INFO. */
static int
record_prio(const struct notification *n)
{
	const char	*v = notif_opt(n, "prio");

	if (strcasecmp(v, "AUTO") != 0)
		return syslog_lookup(prios, v);
	if (!n->msg->has_status)
		return syslog_lookup(prios, "INFO");
	return syslog_lookup(prios, n->msg->retcode == 0 ? "NOTICE" : "CRIT");
}

/*
 * Each line becomes one RFC 3164 record as syslog(3) writes it:
 * "<PRI>Mmm dd hh:mm:ss IDENT[PID]: TEXT".
 */
static enum backend_result
systemlog_send(const struct notification *n, char **cause)
{
	static const char	*months[] = { "Jan", "Feb", "Mar", "Apr",
				    "May", "Jun", "Jul", "Aug", "Sep", "Oct",
				    "Nov", "Dec" };
	const char		*p, *nl, *path = notif_opt(n, "socket");
	const char		*host = notif_opt(n, "host");
	struct addrinfo		*ai = NULL;
	struct buf		 rec = BUF_INIT;
	struct tm		 tm;
	time_t			 now;
	char			*text, self[256] = "localhost", pid[32] = "";
	size_t			 len;
	int			 pri, sent = 0, logpid = 1, rc;

	pri = syslog_lookup(facilities, notif_opt(n, "facility")) * 8 +
	    record_prio(n);
	(void)parse_bool(notif_opt(n, "logpid"), &logpid);
	if (logpid)
		snprintf(pid, sizeof pid, "[%ld]", (long)getpid());
	/* A server far away is told which host the record is from. */
	if (host != NULL && *host != '\0') {
		if (gethostname(self, sizeof self - 1) == -1)
			strcpy(self, "localhost");
		self[strcspn(self, " \t\r\n")] = '\0';
	} else
		host = NULL;
	text = format_text(notif_opt(n, "fmt"), n->title ? n->title : "",
	    n->msg->body ? n->msg->body : "");
	for (p = text; *p != '\0'; p = *nl ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		len = (size_t)(nl - p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len == 0)
			continue;
		if (len > SYSLOG_LINE_MAX)
			len = utf8_truncate(p, SYSLOG_LINE_MAX);
		now = time(NULL);
		localtime_r(&now, &tm);
		rec.len = 0;
		buf_printf(&rec, "<%d>%s %2d %02d:%02d:%02d %s%s%s%s: %.*s",
		    pri, months[tm.tm_mon], tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec, host ? self : "", host ? " " : "",
		    notif_opt(n, "ident"), pid, (int)len, p);
		rc = host ? send_remote(n, &ai, rec.data, rec.len, cause) :
		    send_record(path, rec.data, rec.len, cause);
		if (rc == -1) {
			buf_release(&rec);
			free(text);
			if (ai != NULL)
				freeaddrinfo(ai);
			return sent ? BACKEND_PERMFAIL : BACKEND_TEMPFAIL;
		}
		sent++;
	}
	if (ai != NULL)
		freeaddrinfo(ai);
	buf_release(&rec);
	free(text);
	return BACKEND_OK;
}

/*
 * syslog://[FACILITY] writes to the local socket, syslog://HOST[:PORT]
 * [/FACILITY] to a server over UDP: a host that is no facility name, or
 * has a port or a path, is a server, as Apprise reads it.  The priority
 * follows how the command ended and the text is "title: message".
 */
static int
systemlog_url(struct http_url *u, struct optlist *opts, char **cause)
{
	static const char *const	 modes[] = { "local", "remote", NULL };
	const char			*facility = NULL, *v;
	int				 remote, logpid, perror;
	char				*up;
	size_t				 i;

	remote = u->host != NULL && *u->host != '\0' && (u->port != NULL ||
	    u->npath > 0 || syslog_lookup(facilities, u->host) == -1);
	if ((remote = url_choice(u, "mode", modes, remote, cause)) == -1 ||
	    (logpid = url_bool(u, "logpid", 1, cause)) == -1)
		return -1;
	if ((perror = url_bool(u, "logperror", 0, cause)) == -1)
		return -1;
	if (perror) {
		*cause = xasprintf("%s://: parameter 'logperror' must be no: "
		    "ntfy writes no copy to standard error", u->scheme);
		return -1;
	}
	if (u->npath > 0)
		facility = u->path[u->npath - 1];
	else if (!remote && u->host != NULL && *u->host != '\0')
		facility = u->host;
	if ((v = url_param(u, "facility")) != NULL)
		facility = v;
	if (facility != NULL && syslog_lookup(facilities, facility) == -1) {
		*cause = xasprintf("%s://: '%s' is no facility: kern, user, "
		    "mail, daemon, auth, syslog, lpr, news, uucp, cron or "
		    "local0 to local7", u->scheme, facility);
		return -1;
	}
	if (remote && (u->host == NULL || *u->host == '\0')) {
		*cause = xasprintf("a remote %s:// URL is %s://HOST[:PORT]"
		    "[/FACILITY]", u->scheme, u->scheme);
		return -1;
	}
	up = xstrdup(facility ? facility : "user");
	for (i = 0; up[i] != '\0'; i++)
		if (up[i] >= 'a' && up[i] <= 'z')
			up[i] = (char)(up[i] - 'a' + 'A');
	optlist_set(opts, "facility", up, "URL", 0);
	free(up);
	optlist_set(opts, "prio", "AUTO", "URL", 0);
	optlist_set(opts, "fmt", "{title}: {message}", "URL", 0);
	optlist_set(opts, "logpid", logpid ? "yes" : "no", "URL", 0);
	if (remote) {
		/* libcurl keeps an IPv6 address in brackets. */
		up = *u->host == '[' ? xstrndup(u->host + 1,
		    strcspn(u->host + 1, "]")) : xstrdup(u->host);
		optlist_set(opts, "host", up, "URL", 0);
		free(up);
		if (u->port != NULL)
			optlist_set(opts, "port", u->port, "URL", 0);
	}
	return 0;
}
