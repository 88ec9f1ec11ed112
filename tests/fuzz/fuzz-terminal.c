/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the one cleaner of text bound for a terminal, as
 * terminal_clean (escape sequences) and terminal_line (stderr), and the
 * encoders.  Whatever the text, what is cleaned is valid UTF-8 with no
 * C0, DEL or C1 control and no BiDi override; the encoded notification
 * holds only the control bytes of its own framing, and tmux's passthrough
 * doubles every ESC.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ntfy.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Control bytes: C0, DEL, the two-byte UTF-8 forms of C1 and the BiDi
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). */
static size_t
controls(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n = 0;

	for (i = 0; i < len; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			n++;
		else if (p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9f)
			n++;
		else if (p[i] == 0xe2 && i + 2 < len && ((p[i + 1] == 0x80 &&
		    p[i + 2] >= 0xaa && p[i + 2] <= 0xae) || (p[i + 1] == 0x81 &&
		    p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9)))
			n++;
	}
	return n;
}

/* terminal_line: no control at all, valid UTF-8, nothing lost but
 * controls (each a '?'). */
static void
check_line(const char *raw)
{
	char	*line = terminal_line(raw);
	size_t	 len = strlen(line);

	if (controls(line, len) != 0 || utf8_valid(line, len) != len)
		abort();
	if (utf8_valid(raw, strlen(raw)) == strlen(raw) &&
	    len > strlen(raw))
		abort();
	free(line);
}

static void
check_wrap(const struct buf *seq)
{
	struct buf	w = BUF_INIT;
	size_t		i;

	terminal_tmux_wrap(&w, seq->data, seq->len);
	if (w.len < 9 || memcmp(w.data, "\033Ptmux;", 7) != 0 ||
	    memcmp(w.data + w.len - 2, "\033\\", 2) != 0)
		abort();
	for (i = 7; i < w.len - 2; i++) {
		if (w.data[i] != '\033')
			continue;
		if (w.data[i + 1] != '\033')
			abort();
		i++;
	}
	buf_release(&w);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum term_proto protos[] = { TERM_BEL, TERM_OSC9,
	    TERM_OSC777, TERM_OSC99 };
	const char	*split;
	char		*raw, *title, *body;
	struct buf	 seq;
	size_t		 i, max, want;

	if (size < 1)
		return 0;
	max = data[0];
	raw = xstrndup((const char *)data + 1, size - 1);
	check_line(raw);
	/* Title and body are the two halves around the first '|'. */
	if ((split = strchr(raw, '|')) != NULL) {
		title = terminal_clean(split + 1, max);
		raw[split - raw] = '\0';
	} else
		title = terminal_clean("", max);
	body = terminal_clean(raw, max);
	free(raw);
	if (controls(title, strlen(title)) != 0 ||
	    controls(body, strlen(body)) != 0)
		abort();
	if (utf8_valid(title, strlen(title)) != strlen(title) ||
	    utf8_valid(body, strlen(body)) != strlen(body) ||
	    (max >= 3 && strlen(body) > max))
		abort();
	for (i = 0; i < sizeof protos / sizeof protos[0]; i++) {
		memset(&seq, 0, sizeof seq);
		buf_adds(&seq, "");
		terminal_encode(&seq, protos[i], "ntfy1", title, body,
		    (int)(max % 4) - 1);
		switch (protos[i]) {
		case TERM_BEL:
			want = 1;
			break;
		case TERM_OSC99:
			/* ESC ] ... ESC \, twice when there is a body. */
			want = *title != '\0' && *body != '\0' ? 4 : 2;
			break;
		default:
			want = 2;	/* ESC ] ... BEL */
			break;
		}
		if (controls(seq.data, seq.len) != want)
			abort();
		check_wrap(&seq);
		buf_release(&seq);
	}
	free(title);
	free(body);
	return 0;
}
