/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ntfy.h"

#define ESC	"\033"
#define ST	ESC "\\"

static const char	*proto_names[] = {
	[TERM_BEL] = "bel",
	[TERM_OSC9] = "osc9",
	[TERM_OSC777] = "osc777",
	[TERM_OSC99] = "osc99"
};

const char *
terminal_proto_name(enum term_proto p)
{
	return proto_names[p];
}

/* 0 and *out set for a protocol name, 1 for "auto", -1 otherwise. */
int
terminal_proto_parse(const char *s, enum term_proto *out)
{
	size_t	i;

	if (strcmp(s, "auto") == 0)
		return 1;
	for (i = 0; i < sizeof proto_names / sizeof proto_names[0]; i++) {
		if (strcmp(s, proto_names[i]) == 0) {
			*out = (enum term_proto)i;
			return 0;
		}
	}
	return -1;
}

/* U+202A to U+202E and U+2066 to U+2069: the BiDi embeddings, overrides
 * and isolates, which reorder what follows them on the screen. */
static int
bidi_control(const unsigned char *p)
{
	return p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa &&
	    p[2] <= 0xae) || (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9));
}

/*
 * The one cleaner of text bound for a terminal, whether in an escape
 * sequence or on a line of standard error: append s to b as valid UTF-8
 * (bad bytes become U+FFFD) on one line (line and paragraph breaks and tabs
 * become spaces), with every other C0, DEL or C1 control and every BiDi
 * override shown as mark, or dropped when mark is 0.
 */
static void
clean_into(struct buf *b, const char *s, char mark)
{
	const unsigned char	*p;
	char			*fixed;
	size_t			 n;

	fixed = utf8_repair(s, strlen(s));
	for (p = (const unsigned char *)fixed; *p != '\0'; p += n) {
		n = 1;
		if (*p == '\n' || *p == '\r' || *p == '\t')
			buf_addc(b, ' ');
		else if (p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9)) {
			buf_addc(b, ' ');	/* U+2028, U+2029 */
			n = 3;
		} else if (*p < 0x20 || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) ||
		    bidi_control(p)) {
			n = *p < 0x80 ? 1 : *p == 0xc2 ? 2 : 3;
			if (mark != '\0')
				buf_addc(b, mark);
		} else
			buf_addc(b, (char)*p);
	}
	free(fixed);
}

/*
 * Text safe inside an escape sequence: cleaned as above with controls
 * dropped (so nothing can end the sequence or start another), trailing
 * spaces dropped, at most max bytes with an ellipsis when cut.
 */
char *
terminal_clean(const char *s, size_t max)
{
	struct buf	 b = BUF_INIT;
	size_t		 len;

	buf_adds(&b, "");
	clean_into(&b, s, '\0');
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	if (b.len > max && max >= 3) {
		len = utf8_truncate(b.data, max - 3);
		b.len = len;
		buf_adds(&b, "\xe2\x80\xa6");
	}
	return buf_detach(&b);
}

/* Text safe on a line of standard error or output: cleaned as above, with
 * each control or BiDi override shown as '?'. */
char *
terminal_line(const char *s)
{
	struct buf	b = BUF_INIT;

	buf_adds(&b, "");
	clean_into(&b, s, '?');
	return buf_detach(&b);
}

/* OSC 777 splits title from body at a ';'. */
static char *
no_semicolons(const char *s)
{
	char	*out = xstrdup(s), *p;

	for (p = out; *p != '\0'; p++)
		if (*p == ';')
			*p = ',';
	return out;
}

/*
 * Append the notification sequence for proto to out.  Title and body must
 * have been through terminal_clean(); id names the OSC 99 notification;
 * urgency is 0, 1 or 2, or -1 to leave it to the terminal.
 */
void
terminal_encode(struct buf *out, enum term_proto proto, const char *id,
    const char *title, const char *body, int urgency)
{
	char	*t;

	switch (proto) {
	case TERM_BEL:
		buf_addc(out, '\a');
		break;
	case TERM_OSC9:
		buf_adds(out, ESC "]9;");
		if (*title != '\0' && *body != '\0')
			t = xasprintf("%s: %s", title, body);
		else
			t = xstrdup(*title != '\0' ? title : body);
		/* ConEmu's 9;N;... forms: never start with a digit. */
		if (isdigit((unsigned char)*t))
			buf_addc(out, ' ');
		buf_adds(out, t);
		buf_addc(out, '\a');
		free(t);
		break;
	case TERM_OSC777:
		t = no_semicolons(title);
		buf_printf(out, ESC "]777;notify;%s;%s\a", t, body);
		free(t);
		break;
	case TERM_OSC99:
		if (*title == '\0') {
			title = body;
			body = "";
		}
		/* a=focus: a click on it focuses the window it came from. */
		buf_printf(out, ESC "]99;i=%s%s:a=focus:o=unfocused", id,
		    *body != '\0' ? ":d=0" : "");
		if (urgency >= 0)
			buf_printf(out, ":u=%d", urgency);
		buf_printf(out, ";%s" ST, title);
		if (*body != '\0')
			buf_printf(out, ESC "]99;i=%s:p=body;%s" ST, id, body);
		break;
	}
}

/* Append OSC 99 p=close for notification id: the terminal withdraws it. */
void
terminal_encode_close(struct buf *out, const char *id)
{
	buf_printf(out, ESC "]99;i=%s:p=close;" ST, id);
}

/* tmux's passthrough: ESC P tmux; then the sequence with every ESC
 * doubled, then ST. */
void
terminal_tmux_wrap(struct buf *out, const char *seq, size_t len)
{
	size_t	i;

	buf_adds(out, ESC "Ptmux;");
	for (i = 0; i < len; i++) {
		if (seq[i] == '\033')
			buf_addc(out, '\033');
		buf_addc(out, seq[i]);
	}
	buf_adds(out, ST);
}
