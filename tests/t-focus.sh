#!/bin/sh
# Focus detection: ntfy focus, and done -u, against a real Xvfb, a real
# tmux, a recorded sway IPC reply and stand-in Hyprland and niri sockets.
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

# comp_start KIND NAME PID [MODE]: a stand-in Hyprland (its socket under
# $XDG_RUNTIME_DIR/hypr/NAME, or DIR/NAME with HYPR_DIR=DIR) or niri
# ($TEST_TMP/NAME.sock) whose focused window belongs to PID.
comp_start() {
	kind=$1 name=$2
	shift 2
	if [ "$kind" = hyprland ]; then
		sock=${HYPR_DIR:-$XDG_RUNTIME_DIR/hypr}/$name/.socket.sock
		mkdir -p "${sock%/*}"
	else
		sock=$TEST_TMP/$name.sock
	fi
	"$py" "$TEST_SRCDIR/fake-compositor.py" "$kind" "$sock" "$@" \
		> /dev/null 2>&1 &
	test_cleanup_cmds="$test_cleanup_cmds kill $! 2>/dev/null;"
	wait_for test -S "$sock"
}

if [ -x "$py" ]; then
	comp_start hyprland h-in $$
	comp_start hyprland h-other 1234567
	comp_start hyprland h-none $$ none
	comp_start hyprland h-bad $$ garbage
	comp_start hyprland h-silent $$ silent
	comp_start niri n-in $$
	comp_start niri n-other 1234567
	comp_start niri n-none $$ none
	comp_start niri n-err $$ error
	comp_start niri n-bad $$ garbage
	comp_start niri n-silent $$ silent

	check 'hyprland: our window is active: focused, what it said cleaned' '
		HYPRLAND_INSTANCE_SIGNATURE=h-in ntfy focus > out
		terminal_safe out
		grep -q "^hyprland *focused: Hyprland.s focused window (.kitty., .vim ?\]0;pwned? ?evil.) belongs to PID $$, an ancestor of ours" out
		grep -q "^decision: focused (by hyprland)" out
		[ "$(cat "$XDG_RUNTIME_DIR/hypr/h-in/.socket.sock.requests")" = "j/activewindow" ]
		HYPRLAND_INSTANCE_SIGNATURE=h-in refute notified true
	'
	check 'hyprland: another window is active: not focused, done -u notifies' '
		HYPRLAND_INSTANCE_SIGNATURE=h-other ntfy focus > out
		grep -q "^hyprland *not focused: .*belongs to PID 1234567, not one of our ancestors" out
		grep -q "^decision: not focused (by hyprland)" out
		HYPRLAND_INSTANCE_SIGNATURE=h-other notified true
	'
	check 'hyprland: no active window ({}): not focused' '
		HYPRLAND_INSTANCE_SIGNATURE=h-none ntfy focus > out
		grep -q "^hyprland *not focused: Hyprland has no active window" out
	'
	check 'hyprland: not JSON, no socket, a bad signature: unknown, it notifies' '
		HYPRLAND_INSTANCE_SIGNATURE=h-bad ntfy focus > out
		grep -q "^hyprland *unknown: Hyprland.s answer is not a JSON object" out
		HYPRLAND_INSTANCE_SIGNATURE=h-bad notified true
		HYPRLAND_INSTANCE_SIGNATURE=h-gone ntfy focus > out
		grep -q "^hyprland *unknown: no Hyprland socket .$XDG_RUNTIME_DIR/hypr/h-gone/.socket.sock. nor ./tmp/hypr/h-gone/.socket.sock." out
		HYPRLAND_INSTANCE_SIGNATURE=../h-in ntfy focus > out
		grep -q "^hyprland *unknown: .HYPRLAND_INSTANCE_SIGNATURE .../h-in. is not a signature" out
	'
	check 'hyprland: no answer: unknown after a second, no hang' '
		start=$(date +%s%3N)
		HYPRLAND_INSTANCE_SIGNATURE=h-silent ntfy focus > out
		end=$(date +%s%3N)
		grep -q "^hyprland *unknown: Hyprland did not answer on .* within 1000 ms" out
		took_under 5000 "$start" "$end"
		HYPRLAND_INSTANCE_SIGNATURE=h-silent notified true
	'
	hsig=ntfy-test-$$
	if mkdir -p "/tmp/hypr/$hsig" 2>/dev/null; then
		test_cleanup_cmds="$test_cleanup_cmds rm -rf /tmp/hypr/$hsig;"
		HYPR_DIR=/tmp/hypr comp_start hyprland "$hsig" $$
		check 'hyprland: the socket of older versions, under /tmp/hypr' '
			HYPRLAND_INSTANCE_SIGNATURE=$hsig ntfy focus > out
			grep -q "^decision: focused (by hyprland)" out
		'
	else
		skip 'hyprland: the socket of older versions, under /tmp/hypr' \
			'cannot write /tmp/hypr'
	fi

	check 'niri: our window is focused, what it said cleaned' '
		NIRI_SOCKET=$TEST_TMP/n-in.sock ntfy focus > out
		terminal_safe out
		grep -q "^niri *focused: niri.s focused window (.foot., .vim ?\]0;pwned? ?evil.) belongs to PID $$, an ancestor of ours" out
		grep -q "^decision: focused (by niri)" out
		[ "$(cat "$TEST_TMP/n-in.sock.requests")" = "\"FocusedWindow\"" ]
		NIRI_SOCKET=$TEST_TMP/n-in.sock refute notified true
	'
	check 'niri: another window is focused: not focused, done -u notifies' '
		NIRI_SOCKET=$TEST_TMP/n-other.sock ntfy focus > out
		grep -q "^niri *not focused: .*belongs to PID 1234567, not one of our ancestors" out
		NIRI_SOCKET=$TEST_TMP/n-other.sock notified true
	'
	check 'niri: no focused window (null): not focused' '
		NIRI_SOCKET=$TEST_TMP/n-none.sock ntfy focus > out
		grep -q "^niri *not focused: niri has no focused window" out
	'
	check 'niri: an Err, not JSON, no socket: unknown, it notifies' '
		NIRI_SOCKET=$TEST_TMP/n-err.sock ntfy focus > out
		terminal_safe out
		grep -q "^niri *unknown: niri answered an error: the compositor is ?\[2J shutting down" out
		NIRI_SOCKET=$TEST_TMP/n-bad.sock ntfy focus > out
		grep -q "^niri *unknown: niri.s answer is not a JSON object" out
		NIRI_SOCKET=$TEST_TMP/n-bad.sock notified true
		NIRI_SOCKET=$TEST_TMP/n-gone.sock ntfy focus > out
		grep -q "^niri *unknown: cannot connect to .*n-gone.sock" out
	'
	check 'niri: no answer: unknown after a second, no hang' '
		start=$(date +%s%3N)
		NIRI_SOCKET=$TEST_TMP/n-silent.sock ntfy focus > out
		end=$(date +%s%3N)
		grep -q "^niri *unknown: niri did not answer on .* within 1000 ms" out
		took_under 5000 "$start" "$end"
	'
	check 'hyprland and niri come before the other Wayland compositors' '
		WAYLAND_DISPLAY=wayland-1 NIRI_SOCKET=$TEST_TMP/n-in.sock ntfy focus > out
		grep -q "^decision: focused (by niri)" out
		grep -q "^wayland *unknown" out
		WAYLAND_DISPLAY=wayland-1 HYPRLAND_INSTANCE_SIGNATURE=h-other ntfy -v \
			-b file -o path "$rec" done -u true 2> err
		grep -q "focus: hyprland says not focused" err
	'
else
	skip 'hyprland and niri' 'no /usr/bin/python3'
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
