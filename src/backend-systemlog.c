/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
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

static const struct backend_option systemlog_options[] = {
	{ "prio", 0, "ALERT", "EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, "
	    "INFO or DEBUG" },
	{ "facility", 0, "LOCAL5", "KERN, USER, MAIL, DAEMON, AUTH, LPR, NEWS, "
	    "UUCP, CRON, SYSLOG or LOCAL0 to LOCAL7" },
	{ "fmt", 0, "[{title}] {message}", "the text; {title} and {message} "
	    "are replaced" },
	{ "ident", 0, "ntfy", "the program name in each record" },
	{ "socket", 0, "/dev/log", "the syslog daemon's socket" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_systemlog = {
	.name = "systemlog",
	.desc = "one syslog record per line of the notification",
	.options = systemlog_options,
	.check = systemlog_check,
	.send = systemlog_send
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

	v = target_opt(t, "prio");
	if (syslog_lookup(prios, v) == -1) {
		*cause = xasprintf("backend '%s': option 'prio' must be EMERG, "
		    "ALERT, CRIT, ERR, WARNING, NOTICE, INFO or DEBUG, not "
		    "'%s'", t->name, v);
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
	struct buf		 rec = BUF_INIT;
	struct tm		 tm;
	time_t			 now;
	char			*text;
	size_t			 len;
	int			 pri, sent = 0;

	pri = syslog_lookup(facilities, notif_opt(n, "facility")) * 8 +
	    syslog_lookup(prios, notif_opt(n, "prio"));
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
		buf_printf(&rec, "<%d>%s %2d %02d:%02d:%02d %s[%ld]: %.*s",
		    pri, months[tm.tm_mon], tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec, notif_opt(n, "ident"), (long)getpid(),
		    (int)len, p);
		if (send_record(path, rec.data, rec.len, cause) == -1) {
			buf_release(&rec);
			free(text);
			return sent ? BACKEND_PERMFAIL : BACKEND_TEMPFAIL;
		}
		sent++;
	}
	buf_release(&rec);
	free(text);
	return BACKEND_OK;
}
