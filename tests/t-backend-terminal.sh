#!/bin/sh
# The terminal backend: the exact bytes each protocol writes to /dev/tty,
# read from a pty this test owns (tests/ptyrun.py), and through a real tmux.
. "$TEST_SRCDIR/lib.sh"

[ -x /usr/bin/python3 ] || skip_all "/usr/bin/python3 missing"
PTYRUN=$TEST_SRCDIR/ptyrun.py

check 'osc99: title and body chunks, the terminal decides focus' '
	on_pty tty -t Build -b terminal -o protocol osc99 send "all done"
	bytes_are tty "\x1b]99;i=ID:d=0:a=focus:o=unfocused;Build\x1b\\\\\x1b]99;i=ID:p=body;all done\x1b\\\\"
'

check 'osc99: one id per terminal so that it replaces; a=focus' '
	on_pty tty -t T -b terminal -o protocol osc99 send B
	grep -q "i=ntfy-tty[0-9]*:d=0:a=focus:o=unfocused;T" tty
	on_pty tty -t T -b terminal -o protocol osc99 -o replace false send B
	grep -q "i=ntfy-[0-9]*-0:d=0:a=focus" tty
	refute grep -q "i=ntfy-tty" tty
'

check 'osc99 withdraw: no waiter where nothing tells the focus; bad values' '
	on_pty tty -v -t T -b terminal -o protocol osc99 send B 2> err
	grep -q "the notification stays: neither tmux, sway nor X11" err
	refute grep -q "detached" err
	on_pty tty -v -b terminal -o protocol osc99 -o withdraw false send B 2> err
	refute grep -q "notification stays" err
	expect_status 78 on_pty tty -b terminal -o withdraw maybe send B 2> err
	grep -q "withdraw" err
	expect_status 1 on_pty tty -b terminal -o action_timeout 0 send B 2> err
	grep -q "action_timeout" err
'

check 'osc99: urgency option' '
	on_pty tty -t T -b terminal -o protocol osc99 -o urgency critical send B
	bytes_are tty "\x1b]99;i=ID:d=0:a=focus:o=unfocused:u=2;T\x1b\\\\\x1b]99;i=ID:p=body;B\x1b\\\\"
	on_pty tty -t T -b terminal -o protocol osc99 -o urgency low send B
	bytes_has tty ":a=focus:o=unfocused:u=0;T"
'

check 'osc777: notify, title, body' '
	on_pty tty -t "a;b" -b terminal -o protocol osc777 send "x;y"
	bytes_are tty "\x1b]777;notify;a,b;x;y\x07"
'

check 'osc9: title and body in one text' '
	on_pty tty -t T -b terminal -o protocol osc9 send body
	bytes_are tty "\x1b]9;T: body\x07"
'

check 'osc9: text never starts with digits and ;' '
	on_pty tty -t "" -b terminal -o protocol osc9 send "9;4;1;50"
	bytes_are tty "\x1b]9; 9;4;1;50\x07"
'

check 'bel: one BEL and nothing else' '
	on_pty tty -t T -b terminal -o protocol bel send B
	bytes_are tty "\x07"
'

check 'hostile text: no ESC, BEL, ST or C1 gets through' '
	t=$(printf "ev\033]0;x\007il")
	b=$(printf "a\033\\\\b\007c\302\233d\302\2340\nsecond\177 9;4")
	on_pty tty -t "$t" -b terminal -o protocol osc777 send "$b"
	bytes_are tty "\x1b]777;notify;ev ]0,x il;a\\\\bcd0 second 9;4\x07"
	on_pty tty -t "$t" -b terminal -o protocol osc99 send "$b"
	bytes_are tty "\x1b]99;i=ID:d=0:a=focus:o=unfocused;ev ]0;x il\x1b\\\\\x1b]99;i=ID:p=body;a\\\\bcd0 second 9;4\x1b\\\\"
	printf "%s" "$b" | on_pty tty -t "" -b terminal -o protocol osc9 send
	bytes_are tty "\x1b]9;a\\\\bcd0 second 9;4\x07"
'

check 'long text is cut at a character boundary' '
	long=$(/usr/bin/python3 -c "print(\"\u00e9\" * 2000)")
	on_pty tty -t "$long" -b terminal -o protocol osc777 send "$long"
	/usr/bin/python3 -c "
import sys
d = open(\"tty\", \"rb\").read()
t, b = d[len(b\"\x1b]777;notify;\"):-1].split(b\";\")
assert len(t) <= 256 and len(b) <= 1024, (len(t), len(b))
t.decode(); b.decode()
assert t.endswith(\"\u2026\".encode()) and b.endswith(\"\u2026\".encode())
"
'

check 'auto: kitty gets osc99, and -v says why' '
	KITTY_WINDOW_ID=3 on_pty tty -v -t T -b terminal send B 2> err
	bytes_are tty "\x1b]99;i=ID:d=0:a=focus:o=unfocused;T\x1b\\\\\x1b]99;i=ID:p=body;B\x1b\\\\"
	grep -q "terminal: osc99 for kitty (\$KITTY_WINDOW_ID is set)" err
	TERM=xterm-kitty on_pty tty -t T -b terminal send B
	bytes_has tty "\x1b]99;"
'

check 'auto: foot, WezTerm, Ghostty, Windows Terminal get osc777' '
	for v in TERM=foot TERM=foot-extra WEZTERM_PANE=0 TERM_PROGRAM=WezTerm \
		TERM=xterm-ghostty GHOSTTY_RESOURCES_DIR=/x WT_SESSION=1; do
		eval "export $v"
		on_pty tty -t T -b terminal send B
		bytes_are tty "\x1b]777;notify;T;B\x07" || { echo "$v"; exit 1; }
		unset "${v%%=*}"
		export TERM=dumb
	done
'

check 'auto: iTerm2 gets osc9' '
	TERM_PROGRAM=iTerm.app on_pty tty -t T -b terminal send B
	bytes_are tty "\x1b]9;T: B\x07"
	ITERM_SESSION_ID=w0t0p0 on_pty tty -t T -b terminal send B
	bytes_are tty "\x1b]9;T: B\x07"
'

check 'auto: VTE and unknown terminals get a bell' '
	VTE_VERSION=7006 on_pty tty -v -t T -b terminal send B 2> err
	bytes_are tty "\x07"
	grep -q "terminal: bel for a VTE terminal" err
	TERM=xterm-256color on_pty tty -v -t T -b terminal send B 2> err
	bytes_are tty "\x07"
	grep -q "terminal: bel for no terminal known" err
'

check 'inside tmux: wrapped for passthrough, every ESC doubled' '
	TMUX=$TEST_TMP/no-such-tmux,1,0 TMUX_PANE=%0 \
		on_pty tty -t T -b terminal -o protocol osc99 send B
	bytes_are tty "\x1bPtmux;\x1b\x1b]99;i=ID:d=0:a=focus:o=unfocused;T\x1b\x1b\\\\\x1b\x1b]99;i=ID:p=body;B\x1b\x1b\\\\\x1b\\\\"
	TMUX=$TEST_TMP/no-such-tmux,1,0 \
		on_pty tty -t T -b terminal -o protocol bel send B
	bytes_are tty "\x07"
'

check 'standard output stays clean' '
	on_pty tty -t T -b terminal -o protocol osc777 send B > out 2> err
	[ ! -s out ]
	[ ! -s err ]
	bytes_are tty "\x1b]777;notify;T;B\x07"
'

check 'no terminal: clear error, exit 1' '
	expect_status 1 no_tty -b terminal send B 2> err
	grep -q "terminal: no terminal to write to: cannot open ./dev/tty." err
'

check 'bad protocol or urgency: names the option, exit 1' '
	expect_status 1 on_pty tty -b terminal -o protocol osc8 send B 2> err
	grep -q "option .protocol. must be auto, osc99, osc777, osc9 or bel" err
	expect_status 1 on_pty tty -b terminal -o urgency loud send B 2> err
	grep -q "option .urgency. must be low, normal or critical" err
	[ ! -s tty ]
'

# A real tmux whose client is attached to a pty we read.
if ! command -v tmux >/dev/null; then
	skip "tmux passes the sequence through" "tmux missing"
	skip "tmux without allow-passthrough: hint" "tmux missing"
	done_testing
	exit
fi

TS=$TEST_TMP/tmux.sock
test_cleanup_cmds='tmux -S "$TS" kill-server 2>/dev/null'

# in_tmux OUT CLIENT_TERM NTFY_ARGS...: run ntfy in a pane of a fresh
# tmux server whose client is attached to a pty; its bytes go to OUT, the
# pane's ntfy stderr and status to pane.err and pane.rc.
in_tmux() {
	out=$1 term=$2
	shift 2
	: > "$out"
	rm -f pane.rc pane.err
	{
		echo 'tmux wait-for go'
		printf '"%s"' "$NTFY_BIN"
		printf " '%s'" "$@"
		echo " 2> '$TEST_TMP/pane.err'"
		echo "echo \$? > '$TEST_TMP/pane.rc'"
		echo 'tmux wait-for -S sent'
		echo 'exec sleep 60'
	} > pane.sh
	tmux -S "$TS" -f "$TEST_TMP/tmux.conf" new-session -d -s t \
		-x 80 -y 24 "sh '$TEST_TMP/pane.sh'"
	TERM=$term TERMINFO=$TEST_TMP/terminfo \
		/usr/bin/python3 "$PTYRUN" --stdio --out "$out" -- \
		tmux -S "$TS" attach -t t &
	client=$!
	wait_for sh -c "tmux -S '$TS' list-clients | grep -q ."
	tmux -S "$TS" wait-for -S go
	timeout 10 tmux -S "$TS" wait-for sent
	tmux -S "$TS" kill-server
	wait "$client" || :
}

printf 'set -g allow-passthrough on\nset -g status off\n' > tmux.conf
# The client's terminal, whatever terminfo is installed.
printf 'xterm-kitty|kitty look-alike,\n\tuse=xterm-256color,\n' > kitty.ti
tic -x -o "$TEST_TMP/terminfo" kitty.ti 2>/dev/null || :

check 'tmux passes the sequence through, byte-exact' '
	in_tmux outer xterm-256color -t T -o protocol osc777 send "B 9;1"
	[ "$(cat pane.rc)" = 0 ] || { cat pane.err; exit 1; }
	bytes_has outer "\x1b]777;notify;T;B 9;1\x07"
	in_tmux outer xterm-256color -t T -o protocol osc99 send B
	bytes_has outer "\x1b]99;i=ID:d=0:a=focus:o=unfocused;T\x1b\\\\\x1b]99;i=ID:p=body;B\x1b\\\\"
'

if TERMINFO=$TEST_TMP/terminfo infocmp xterm-kitty >/dev/null 2>&1; then
	check 'tmux: auto finds kitty from the client terminal' '
		in_tmux outer xterm-kitty -v -t T send B
		[ "$(cat pane.rc)" = 0 ] || { cat pane.err; exit 1; }
		grep -q "osc99 for kitty (tmux client_termname xterm-kitty)" \
			pane.err
		bytes_has outer "\x1b]99;i=ID:d=0:a=focus:o=unfocused;T\x1b\\\\"
	'
else
	skip "tmux: auto finds kitty from the client terminal" \
		"no xterm-kitty terminfo"
fi

check 'tmux without allow-passthrough: fails with the fix' '
	printf "set -g status off\n" > tmux.conf
	in_tmux outer xterm-256color -b terminal -t T -o protocol osc777 send B
	[ "$(cat pane.rc)" = 1 ]
	grep -q "allow-passthrough is off; add .set -g allow-passthrough on." \
		pane.err
	refute bytes_has outer "]777;" 2>/dev/null
'

done_testing
