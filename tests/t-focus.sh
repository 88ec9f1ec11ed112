#!/bin/sh
# Focus detection: ntfy focus, and done -u, against a real Xvfb, a real
# tmux and a recorded sway IPC reply.
. "$TEST_SRCDIR/lib.sh"

rec=$TEST_TMP/rec.jsonl
py=/usr/bin/python3

# decision: the last line of `ntfy focus`.
decision() {
	ntfy focus > focus.out
	sed -n "s/^decision: //p" focus.out
}

# notified ARGS...: 0 when `done -u ARGS` sent a notification.
notified() {
	rm -f "$rec"
	ntfy -b file -o path "$rec" done -u "$@"
	[ -s "$rec" ]
}

check 'no probe applies: unknown, and done -u notifies' '
	[ "$(decision)" = "unknown (no probe applies)" ]
	grep -q "^x11 *does not apply: .DISPLAY is not set" focus.out
	notified true
'

check 'ntfy focus takes no arguments' '
	expect_status 64 ntfy focus extra 2> err
'

check 'another Wayland compositor: unknown' '
	WAYLAND_DISPLAY=wayland-0 ntfy focus > out
	grep -q "^decision: unknown (by wayland)" out
'

# sway_start NAME PID [garbage]: a socket $TEST_TMP/NAME.sock answering
# GET_TREE with the recorded tree, PID owning the focused window.
sway_start() {
	name=$1
	shift
	"$py" "$TEST_SRCDIR/fake-sway.py" "$TEST_TMP/$name.sock" \
		"$TEST_SRCDIR/data/sway-tree.json" "$@" > /dev/null 2>&1 &
	test_cleanup_cmds="$test_cleanup_cmds kill $! 2>/dev/null;"
	wait_for test -S "$TEST_TMP/$name.sock"
}

if [ -x "$py" ]; then
	# $$ (this shell) is an ancestor of ntfy; 1234567 is not.
	sway_start sway-in $$
	sway_start sway-other 1234567
	sway_start sway-bad $$ garbage
	sway_in=$TEST_TMP/sway-in.sock
	sway_other=$TEST_TMP/sway-other.sock
	sway_bad=$TEST_TMP/sway-bad.sock

	check 'sway: our window is focused' '
		SWAYSOCK=$sway_in ntfy focus > out
		grep -q "^sway *focused: .*PID $$, an ancestor of ours" out
		grep -q "^decision: focused (by sway)" out
		SWAYSOCK=$sway_in refute notified true
	'
	check 'sway: another window is focused' '
		SWAYSOCK=$sway_other ntfy focus > out
		grep -q "^decision: not focused (by sway)" out
		SWAYSOCK=$sway_other notified true
	'
	# nfy INI ARGS...: 0 when `done -u ARGS` with config INI notified.
	nfy() {
		rm -f "$rec"
		ini=$1
		shift
		ntfy -c "$ini" -b file -o path "$rec" done -u "$@"
		[ -s "$rec" ]
	}
	check 'always: listed programs notify past the threshold when focused' '
		printf "always = make, cargo\n" > always.ini
		export SWAYSOCK=$sway_in
		refute nfy always.ini -L 1 --formatter "ninja" 0 5
		nfy always.ini -L 1 --formatter "make -j8" 0 5
		nfy always.ini -L 1 --formatter "sudo nice -n 5 /usr/bin/make" 0 5
		nfy always.ini -L 1 --formatter "/usr/bin/cargo build" 0 5
		refute nfy always.ini -L 10 --formatter "make" 0 5
		export AUTO_NTFY_DONE_ALWAYS="ninja meson"
		nfy always.ini -L 1 --formatter "ninja -C build" 0 5
		nfy always.ini -L 1 --formatter "make" 0 5
		unset AUTO_NTFY_DONE_ALWAYS SWAYSOCK
	'
	check 'notify_failures = always: a failure notifies when focused' '
		: > empty.ini
		printf "notify_failures = always\n" > nf.ini
		export SWAYSOCK=$sway_in
		refute nfy empty.ini -L 10 --formatter "false" 1 0.1
		nfy nf.ini -L 10 --formatter "false" 1 0.1
		nfy nf.ini -L 10 --formatter "false" 1 0.1
		refute nfy nf.ini -L 10 --formatter "sleep 9" 130 0.1
		refute nfy nf.ini -L 10 --formatter "true" 0 0.1
		export AUTO_NTFY_DONE_NOTIFY_FAILURES=always
		nfy empty.ini -L 10 --formatter "false" 1 0.1
		export AUTO_NTFY_DONE_NOTIFY_FAILURES=normal
		refute nfy nf.ini -L 10 --formatter "false" 1 0.1
		export AUTO_NTFY_DONE_NOTIFY_FAILURES=sometimes
		refute nfy empty.ini -L 10 --formatter "false" 1 0.1 2> err
		grep -q "AUTO_NTFY_DONE_NOTIFY_FAILURES .sometimes. is not always or normal; ignored" err
		unset AUTO_NTFY_DONE_NOTIFY_FAILURES SWAYSOCK
	'
	check 'sway: no socket, or a bad answer, is unknown' '
		SWAYSOCK=$TEST_TMP/none.sock ntfy focus > out
		grep -q "^decision: unknown (by sway)" out
		SWAYSOCK=$sway_bad ntfy focus > out
		grep -q "^sway *unknown: sway.s tree is not JSON" out
		SWAYSOCK=$sway_bad notified true
	'
else
	skip 'sway' 'no /usr/bin/python3'
fi

if command -v tmux >/dev/null && [ -x "$py" ]; then
	tsock=test$$
	tx() { tmux -L "$tsock" -f /dev/null "$@"; }
	tx new-session -d -s t -x 80 -y 24
	test_cleanup_cmds="$test_cleanup_cmds tmux -L $tsock kill-server 2>/dev/null;"
	tx split-window -t t
	TMUX=$(tx display-message -p "#{socket_path},#{pid},#{session_id}" | tr -d '$')
	export TMUX
	# After the split, %1 is the active pane and %0 is not.
	check 'tmux: no client attached, not focused' '
		TMUX_PANE=%1 ntfy focus > out
		grep -q "^tmux *not focused: no tmux client is attached" out
		TMUX_PANE=%1 notified true
	'
	mkfifo "$TEST_TMP/ctl"
	"$py" "$TEST_SRCDIR/pty-client.py" "$TEST_TMP/ctl" \
		tmux -L "$tsock" -f /dev/null attach -t t > /dev/null 2>&1 &
	wait_for sh -c "[ \"\$(tmux -L $tsock display -p -t %1 \"#{session_attached}\")\" = 1 ]"
	check 'tmux: attached, active pane, no focus events: focused' '
		TMUX_PANE=%1 ntfy focus > out
		grep -q "^tmux *focused: .*no focus events" out
		TMUX_PANE=%1 refute notified true
	'
	check 'tmux: the other pane is not focused' '
		TMUX_PANE=%0 ntfy focus > out
		grep -q "^tmux *not focused: tmux pane %0 is not the active pane" out
		TMUX_PANE=%0 notified true
	'
	check 'tmux: with focus events, the client losing the focus counts' '
		tx set -g focus-events on
		echo in > "$TEST_TMP/ctl"
		wait_for sh -c "tmux -L $tsock display -p -t %1 \"#{client_flags}\" | grep -q focused"
		TMUX_PANE=%1 ntfy focus > out
		grep -q "^tmux *focused: tmux pane %1 is active and its client has the focus" out
		echo out > "$TEST_TMP/ctl"
		wait_for sh -c "! tmux -L $tsock display -p -t %1 \"#{client_flags}\" | grep -q focused"
		TMUX_PANE=%1 ntfy focus > out
		grep -q "^tmux *not focused: the tmux client has lost the focus" out
		TMUX_PANE=%1 notified true
	'
	check 'tmux: a dead server is unknown' '
		TMUX=/nonexistent/sock,1,0 TMUX_PANE=%1 ntfy focus > out
		grep -q "^decision: unknown (by tmux)" out
	'
	unset TMUX
else
	skip 'tmux' 'no tmux or /usr/bin/python3'
fi

check 'the core binary does not link libxcb' '
	if command -v ldd >/dev/null; then
		ldd "$NTFY_BIN" | refute grep -q xcb
	fi
'

if ! command -v Xvfb >/dev/null; then
	skip 'x11' 'no Xvfb (package xvfb)'
	done_testing
	exit
fi
if ! "$py" -c "import Xlib" 2>/dev/null; then
	skip 'x11' 'no python3-xlib'
	done_testing
	exit
fi
if [ ! -e "$(dirname "$NTFY_BIN")/.libs/focusx11.so" ]; then
	skip 'x11' 'built without libxcb'
	done_testing
	exit
fi

Xvfb -displayfd 3 -nolisten tcp -noreset 3> xdisplay > /dev/null 2>&1 &
xvfb=$!
test_cleanup_cmds="$test_cleanup_cmds kill $xvfb 2>/dev/null;"
wait_for test -s xdisplay
DISPLAY=:$(cat xdisplay)
export DISPLAY
xw() { "$py" "$TEST_SRCDIR/x11-windows.py" "$@"; }
# shellcheck disable=SC2046
set -- $(xw create)
w1=$1 w2=$2 child=$3

check 'x11: the active window is $WINDOWID: focused' '
	xw active "$w1"
	WINDOWID=$w1 ntfy focus > out
	grep -q "^decision: focused (by x11)" out
	WINDOWID=$w1 refute notified true
'

check 'x11: $WINDOWID inside the active window: focused' '
	xw active "$w1"
	WINDOWID=$child ntfy focus > out
	grep -q "^x11 *focused: .* holds .WINDOWID" out
'

check 'x11: another window is active: not focused, done -u notifies' '
	xw active "$w2"
	WINDOWID=$w1 ntfy focus > out
	grep -q "^decision: not focused (by x11)" out
	WINDOWID=$w1 notified true
	[ "$(json_field "$rec" 1 retcode)" = 0 ]
'

check 'x11: no $WINDOWID, _NET_WM_PID of an ancestor: focused' '
	xw pid "$w1" $$
	xw active "$w1"
	ntfy focus > out
	grep -q "^x11 *focused: .*belongs to PID $$, an ancestor" out
	refute notified true
'

check 'x11: no $WINDOWID, _NET_WM_PID of another process: not focused' '
	xw pid "$w2" "$xvfb"
	xw active "$w2"
	ntfy focus > out
	grep -q "^x11 *not focused: .*belongs to PID $xvfb, not one" out
	notified true
'

check 'x11: no _NET_ACTIVE_WINDOW, or no server: unknown, it notifies' '
	xw active none
	WINDOWID=$w1 ntfy focus > out
	grep -q "^x11 *unknown: the root window has no _NET_ACTIVE_WINDOW" out
	WINDOWID=$w1 notified true
	DISPLAY=:999 ntfy focus > out
	grep -q "^decision: unknown (by x11)" out
'

check 'x11: -v says what decided during done -u' '
	xw active "$w2"
	rm -f "$rec"
	WINDOWID=$w1 ntfy -v -b file -o path "$rec" done -u true 2> err
	grep -q "focus: x11 says not focused" err
	[ -s "$rec" ]
'

done_testing
