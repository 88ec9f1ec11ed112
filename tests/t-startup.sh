#!/bin/sh
# Paths that need no network and no desktop load neither libcurl nor GLib,
# and start about as fast as an empty C program.
. "$TEST_SRCDIR/lib.sh"

check 'the core binary links only libc, inih and jansson' '
	ldd "$NTFY_BIN" > libs
	refute grep -E "libcurl|libglib|libnotify|libgio|libssl" libs
'

check 'sending to the file backend loads no heavy library' '
	LD_DEBUG=files "$NTFY_BIN" -b file -o path "$TEST_TMP/r" send x 2> trace
	refute grep -E "file=.*(libcurl|libglib|libnotify)" trace
'

check 'the desktop backend loads its module only when it sends' '
	LD_DEBUG=files "$NTFY_BIN" backends > /dev/null 2> trace
	refute grep -q "desktop.so" trace
'

if [ -n "${NTFY_VALGRIND:-}" ] || ldd "$NTFY_BIN" | grep -q libasan; then
	skip 'start-up within 2x an empty C program' 'instrumented build'
elif ! command -v cc >/dev/null; then
	skip 'start-up within 2x an empty C program' 'no C compiler'
else
	check 'start-up within 2x an empty C program' '
		printf "int main(void) { return 0; }\n" > empty.c
		cc -O2 -o empty empty.c
		/usr/bin/python3 "$TEST_SRCDIR/startup-ratio.py" 2.0 ./empty \
			"$NTFY_BIN --version" \
			"$NTFY_BIN -b file -o path $TEST_TMP/r send x"
	'
fi

done_testing
