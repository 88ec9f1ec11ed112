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

/* Copy s with every registered secret replaced by asterisks. */
char *
secret_mask(const char *s)
{
	struct buf	 b = BUF_INIT;
	const char	*p = s;
	size_t		 i, len;
	int		 hit;

	while (*p != '\0') {
		hit = 0;
		for (i = 0; i < nsecrets; i++) {
			len = strlen(secrets[i]);
			if (strncmp(p, secrets[i], len) == 0) {
				buf_adds(&b, "********");
				p += len;
				hit = 1;
				break;
			}
		}
		if (!hit)
			buf_addc(&b, *p++);
	}
	if (b.data == NULL)
		return xstrdup("");
	return buf_detach(&b);
}

void
log_vmsg(enum log_level level, const char *fmt, va_list ap)
{
	char	*text, *masked, *nl;

	if ((int)level > log_level)
		return;
	if (vasprintf(&text, fmt, ap) == -1)
		fatal("out of memory");
	/* One message is one line, and the text it quotes cannot send
	 * escapes to the terminal. */
	for (nl = text; *nl != '\0'; nl++) {
		if (*nl == '\n' || *nl == '\r' || *nl == '\t')
			*nl = ' ';
		else if ((unsigned char)*nl < 0x20 || *nl == 0x7f)
			*nl = '?';
	}
	masked = secret_mask(text);
	switch (level) {
	case LOG_WARNING:
		fprintf(stderr, "ntfy: warning: %s\n", masked);
		break;
	case LOG_DEBUG:
		fprintf(stderr, "ntfy: debug: %s\n", masked);
		break;
	default:
		fprintf(stderr, "ntfy: %s\n", masked);
		break;
	}
	free(masked);
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
