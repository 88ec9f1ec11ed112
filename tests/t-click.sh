#!/bin/sh
# A click on the bubble brings the user back: a real notification server
# (dunst) on Xvfb with an EWMH window manager (openbox), real xterms and a
# real tmux; the waiter that acts on the click runs detached.
. "$TEST_SRCDIR/lib.sh"

py=/usr/bin/python3
"$NTFY_BIN" backends | grep -q '^linux  (not compiled in)' &&
	skip_all "built without libnotify"
[ -e "$(dirname "$NTFY_BIN")/.libs/focusx11.so" ] ||
	skip_all "built without libxcb"
for p in dbus-run-session Xvfb openbox dunst dunstctl xterm tmux; do
	command -v "$p" > /dev/null || skip_all "no $p"
done
"$py" -c "import Xlib" 2> /dev/null || skip_all "no python3-xlib"
[ -z "${NTFY_VALGRIND:-}" ] || skip_all "X clients are too slow under valgrind"

if [ -z "${IN_TEST_BUS:-}" ]; then
	IN_TEST_BUS=1 exec dbus-run-session -- sh "$TEST_SRCDIR/t-click.sh"
fi

ew() { "$py" "$TEST_SRCDIR/ewmh.py" "$@"; }
# Where the last bubble of each terminal is remembered.
XDG_RUNTIME_DIR=$TEST_TMP/run
mkdir -m 700 "$XDG_RUNTIME_DIR"
export XDG_RUNTIME_DIR
tsock=ntfy-click$$
tx() { tmux -L "$tsock" -f /dev/null "$@"; }

Xvfb -displayfd 3 -nolisten tcp -noreset 3> xdisplay > /dev/null 2>&1 &
test_cleanup_cmds="kill $! 2>/dev/null; tmux -L $tsock kill-server 2>/dev/null;"
wait_for test -s xdisplay
DISPLAY=:$(cat xdisplay)
export DISPLAY
openbox --sm-disable > openbox.log 2>&1 &
test_cleanup_cmds="kill $! 2>/dev/null; $test_cleanup_cmds"
# No mouse action and no stacking: the bubbles stay as they are sent.
printf '[global]\nmouse_left_click = none\nmouse_middle_click = none\nmouse_right_click = none\nstack_duplicates = false\nnotification_limit = 0\n' > dunstrc
dunst -config dunstrc > dunst.log 2>&1 &
test_cleanup_cmds="kill $! 2>/dev/null; $test_cleanup_cmds"
# Owning the name, not asked through dunstctl (that would start another).
dunst_up() {
	gdbus call --session --dest org.freedesktop.DBus \
		--object-path /org/freedesktop/DBus \
		--method org.freedesktop.DBus.NameHasOwner \
		org.freedesktop.Notifications | grep -q true
}
wait_for dunst_up

# A terminal NAME runs each NAME.cmd that appears, then writes NAME.done.
cat > term.sh << 'EOS'
echo "$WINDOWID" > "$1.wid"
while :; do
	if [ -e "$1.cmd" ]; then
		sh "$1.cmd" > "$1.out" 2>&1
		echo $? > "$1.done"
		rm "$1.cmd"
	fi
	sleep 0.1
done
EOS
# in_term NAME COMMAND: run COMMAND in terminal NAME, wait for it.
in_term() {
	rm -f "$1.done"
	echo "$2" > "$1.cmd.tmp"
	mv "$1.cmd.tmp" "$1.cmd"
	wait_for test -s "$1.done" || { echo "$1: timed out" >&2; cat "$1.out" >&2; return 1; }
	[ "$(cat "$1.done")" = 0 ] || { cat "$1.out" >&2; return 1; }
}
displayed() { [ "$(dunstctl count displayed)" = "$1" ]; }
active_is() { [ "$(ew active)" = "$1" ]; }
no_waiter() { [ -z "$(ew waiters)" ]; }

for t in one two; do
	xterm -title "$t" -e sh term.sh "$t" &
	test_cleanup_cmds="kill $! 2>/dev/null; $test_cleanup_cmds"
done
wait_for test -s one.wid
wait_for test -s two.wid
wait_for sh -c "[ \$($py $TEST_SRCDIR/ewmh.py clients) -ge 2 ]"
c1=$(ew client "$(cat one.wid)")
c2=$(ew client "$(cat two.wid)")
send="\"$NTFY_BIN\" -v -b linux"

check 'the click on a bubble sent from one xterm activates that xterm' '
	ew activate "$c2"
	wait_for active_is "$c2"
	in_term one "$send send \"from one\""
	grep -q "a detached waiter acts on its click" one.out
	wait_for displayed 1
	w=$(ew waiters)
	[ -n "$w" ]
	dunstctl action 0
	wait_for active_is "$c1"
	wait_for no_waiter
'

check 'the waiter: own session, no terminal, nothing of ours open' '
	dunstctl close-all
	in_term one "$send send \"fds\""
	w=$(ew waiters)
	[ "$(echo "$w" | wc -l)" -eq 1 ]
	[ "$(ps -o sid= -p "$w" | tr -d " ")" = "$w" ] ||
		[ "$(ps -o sid= -p "$w" | tr -d " ")" != "$(ps -o sid= -p $$ | tr -d " ")" ]
	[ "$(ps -o tty= -p "$w" | tr -d " ")" = "?" ]
	for fd in 0 1 2; do
		[ "$(readlink /proc/$w/fd/$fd)" = /dev/null ]
	done
	ls -l /proc/$w/fd | refute grep -E "pts|pipe:|\.out|\.log"
'

check 'the waiter exits when the bubble is closed' '
	dunstctl close-all
	wait_for no_waiter
'

check 'the waiter exits after action_timeout' '
	dunstctl close-all
	in_term one "$send -o action_timeout 3 -o timeout 0 send \"short\""
	[ -n "$(ew waiters)" ]
	WAIT_TRIES=300 wait_for no_waiter
	displayed 1
	dunstctl close-all
'

check 'actions = false: no waiter' '
	in_term one "$send -o actions false send \"plain\""
	refute grep -q "detached waiter" one.out
	no_waiter
	wait_for displayed 1
	dunstctl close-all
'

check 'replace: one bubble per terminal, one waiter per bubble' '
	# One after the other, as the commands of a terminal end: the first has
	# its bubble and waiter before the second is sent.
	in_term one "$send send \"first\""
	wait_for displayed 1
	wait_for sh -c "[ \$($py $TEST_SRCDIR/ewmh.py waiters | wc -l) -eq 1 ]"
	in_term one "$send send \"second\""
	sleep 1
	wait_for displayed 1
	wait_for sh -c "[ \$($py $TEST_SRCDIR/ewmh.py waiters | wc -l) -eq 1 ]"
	in_term two "$send send \"from two\""
	wait_for displayed 2
	[ "$(ew waiters | wc -l)" -eq 2 ]
	dunstctl close-all
	wait_for no_waiter
'

check 'replace = false: a bubble of its own' '
	in_term one "$send send \"first\""
	in_term one "$send -o replace false send \"second\""
	wait_for displayed 2
	dunstctl close-all
	wait_for no_waiter
'

check 'withdraw: coming back to the terminal closes its bubble' '
	ew activate "$c2"
	wait_for active_is "$c2"
	in_term one "$send send \"come back\""
	wait_for displayed 1
	sleep 0.5
	displayed 1
	ew activate "$c1"
	wait_for active_is "$c1"
	wait_for displayed 0
	wait_for no_waiter
	ew activate "$c2"
	wait_for active_is "$c2"
	in_term one "$send -o withdraw false send \"stay\""
	wait_for displayed 1
	ew activate "$c1"
	wait_for active_is "$c1"
	sleep 1
	displayed 1
	dunstctl close-all
	wait_for no_waiter
'

# The terminal backend on a pty whose bytes go to $PWD/cap, from terminal
# one; the shell keeps the pty open until p=close came or 10 s passed.
osc99_cmd="$py $TEST_SRCDIR/ptyrun.py --out \$PWD/cap -- sh -c '\"$NTFY_BIN\" -v -b terminal -o protocol osc99 send first; \"$NTFY_BIN\" -v -b terminal -o protocol osc99 send second; i=0; while ! grep -q p=close cap && [ \$i -lt 100 ]; do sleep 0.1; i=\$((i+1)); done'"

check 'OSC 99: coming back closes it there; one waiter per id' '
	ew activate "$c2"
	wait_for active_is "$c2"
	rm -f cap one.done
	echo "$osc99_cmd" > one.cmd.tmp
	mv one.cmd.tmp one.cmd
	wait_for grep -q "p=body;second" cap
	wait_for sh -c "[ \$($py $TEST_SRCDIR/ewmh.py waiters | wc -l) -eq 1 ]"
	sleep 0.5
	refute grep -q p=close cap
	ew activate "$c1"
	wait_for active_is "$c1"
	wait_for test -s one.done
	[ "$(cat one.done)" = 0 ]
	[ "$(grep -c "a detached waiter closes notification" one.out)" = 2 ]
	bytes_has cap "\x1b]99;i=ID:p=close;\x1b\\\\"
	[ "$(grep -o p=close cap | wc -l)" = 1 ]
	wait_for no_waiter
'

check 'tmux: the click selects the pane and switches the client to it' '
	tx new-session -d -s s -x 80 -y 20
	tx new-window -t s:1
	tx new-window -t s:2
	tx split-window -t s:2
	[ "$(tx display -p -t s:2.1 "#{pane_index}")" = 1 ]
	rm -f tmux.done
	tx send-keys -t s:2.1 "$send send \"from tmux\" > tmux.out 2>&1; echo \$? > tmux.done" Enter
	wait_for test -s tmux.done
	grep -q "a detached waiter acts on its click" tmux.out
	tx select-window -t s:1
	tx select-pane -t s:2.0
	in_term two "true"
	xterm -title client -e tmux -L "$tsock" -f /dev/null attach -t s &
	xt=$!
	test_cleanup_cmds="kill $xt 2>/dev/null; $test_cleanup_cmds"
	wait_for sh -c "[ \$($py $TEST_SRCDIR/ewmh.py clients) -ge 3 ]"
	wait_for sh -c "tmux -L $tsock list-clients | grep -q ."
	[ "$(tx display -p -t s "#{window_index}")" = 1 ]
	ew activate "$c2"
	wait_for active_is "$c2"
	dunstctl action 0
	wait_for sh -c "[ \"\$(tmux -L $tsock display -p -t s \"#{window_index}.#{pane_index}\")\" = 2.1 ]"
	c3=$(ew bypid "$xt")
	[ -n "$c3" ]
	wait_for active_is "$c3"
	wait_for no_waiter
'

done_testing
