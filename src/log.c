/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ntfy.h"

int	log_level = LOG_WARNING;

static char	**secrets;
static size_t	  nsecrets;

static const char *level_names[] = {
	"critical", "error", "warning", "info", "debug"
};

/* Accept the Python tool's names (CRITICAL... DEBUG) in any case. */
int
log_parse_level(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof level_names / sizeof level_names[0]; i++)
		if (strcasecmp(name, level_names[i]) == 0)
			return (int)i;
	if (strcasecmp(name, "warn") == 0)
		return LOG_WARNING;
	return -1;
}

/* Remember a secret so that no log line ever shows it. */
void
secret_add(const char *value)
{
	size_t	i;

	if (value == NULL || strlen(value) < 3)
		return;
	for (i = 0; i < nsecrets; i++)
		if (strcmp(secrets[i], value) == 0)
			return;
	secrets = xreallocarray(secrets, nsecrets + 1, sizeof *secrets);
	secrets[nsecrets++] = xstrdup(value);
}

void
secrets_clear(void)
{
	size_t	i;

	for (i = 0; i < nsecrets; i++)
		freezero_str(secrets[i]);
	free(secrets);
	secrets = NULL;
	nsecrets = 0;
}

/* Copy s with every registered secret replaced by asterisks; where secrets
 * overlap, the longest one that starts at a place wins. */
char *
secret_mask(const char *s)
{
	struct buf	 b = BUF_INIT;
	const char	*p = s;
	size_t		 i, len, best;

	while (*p != '\0') {
		best = 0;
		for (i = 0; i < nsecrets; i++) {
			len = strlen(secrets[i]);
			if (len > best && strncmp(p, secrets[i], len) == 0)
				best = len;
		}
		if (best > 0) {
			buf_adds(&b, "********");
			p += best;
		} else
			buf_addc(&b, *p++);
	}
	if (b.data == NULL)
		return xstrdup("");
	return buf_detach(&b);
}

/* Write prefix and text to f as one line: the secrets in text masked, as
 * written, then cleaned by terminal_line() so that what it quotes cannot
 * send escapes to the terminal. */
static void
put_clean(FILE *f, const char *prefix, const char *text)
{
	char	*masked, *line;

	masked = secret_mask(text);
	line = terminal_line(masked);
	fprintf(f, "%s%s\n", prefix, line);
	free(line);
	free(masked);
}

void
log_vmsg(enum log_level level, const char *fmt, va_list ap)
{
	char	*text;

	if ((int)level > log_level)
		return;
	if (vasprintf(&text, fmt, ap) == -1)
		fatal("out of memory");
	put_clean(stderr, level == LOG_WARNING ? "ntfy: warning: " :
	    level == LOG_DEBUG ? "ntfy: debug: " : "ntfy: ", text);
	free(text);
}

/* A line of output that quotes text from elsewhere, cleaned as a log line
 * (the newline is added). */
void
print_line(FILE *f, const char *fmt, ...)
{
	va_list	 ap;
	char	*text;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) == -1)
		fatal("out of memory");
	va_end(ap);
	put_clean(f, "", text);
	free(text);
}

void
log_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vmsg(LOG_ERROR, fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vmsg(LOG_WARNING, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vmsg(LOG_INFO, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vmsg(LOG_DEBUG, fmt, ap);
	va_end(ap);
}

/* For impossible states and exhausted memory only. */
void
fatal(const char *fmt, ...)
{
	va_list	ap;

	fputs("ntfy: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}
