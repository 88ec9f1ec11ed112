#!/bin/sh
# The way back under sway: a real sway (headless) with two foot terminals
# and a real notification server (dunst, on Wayland).  A click focuses the
# container of the terminal the command ran in; coming back to it withdraws
# the bubble, and an OSC 99 notification is closed (p=close).  sway will
# not run as root: then the whole session runs as nobody.
. "$TEST_SRCDIR/lib.sh"

py=/usr/bin/python3
"$NTFY_BIN" backends | grep -q '^linux  (not compiled in)' &&
	skip_all "built without libnotify"
for p in sway swaymsg foot dbus-daemon dunst dunstctl gdbus setpriv; do
	command -v "$p" > /dev/null || skip_all "no $p"
done
[ -z "${NTFY_VALGRIND:-}" ] ||
	skip_all "Wayland clients are too slow under valgrind"

# Everything of the session runs as one unprivileged user, in $sw.
sw=$TEST_TMP/sw
mkdir -m 700 "$sw" "$sw/run"
# $asu runs a command as that user, and is that command for $!.
asu=
if [ "$(id -u)" = 0 ]; then
	chmod 711 "$TEST_TMP"
	chown -R nobody "$sw"
	asu="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups"
fi
as_user() { $asu "$@"; }
as_user test -x "$NTFY_BIN" ||
	skip_all "the session's user cannot run $NTFY_BIN"
XDG_RUNTIME_DIR=$sw/run
HOME=$sw
export XDG_RUNTIME_DIR HOME
cd "$sw" || exit 99

printf 'output HEADLESS-1 resolution 1024x768\n' > config
WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
	$asu sway -c "$sw/config" > sway.log 2>&1 &
test_cleanup_cmds="kill $! 2>/dev/null;"
sway_up() { ls "$XDG_RUNTIME_DIR"/sway-ipc.*.sock > /dev/null 2>&1 &&
	[ -S "$XDG_RUNTIME_DIR/wayland-1" ]; }
wait_for sway_up || { cat sway.log >&2; skip_all "sway does not start here"; }
SWAYSOCK=$(ls "$XDG_RUNTIME_DIR"/sway-ipc.*.sock)
WAYLAND_DISPLAY=wayland-1
export SWAYSOCK WAYLAND_DISPLAY
as_user dbus-daemon --session --fork --print-address=3 --print-pid=4 \
	3> bus.addr 4> bus.pid
test_cleanup_cmds="kill $(cat bus.pid) 2>/dev/null; $test_cleanup_cmds"
DBUS_SESSION_BUS_ADDRESS=$(cat bus.addr)
export DBUS_SESSION_BUS_ADDRESS
# No mouse action and no stacking: the bubbles stay as they are sent.
printf '[global]\nmouse_left_click = none\nstack_duplicates = false\nnotification_limit = 0\n' > dunstrc
$asu dunst -config dunstrc > dunst.log 2>&1 &
test_cleanup_cmds="kill $! 2>/dev/null; $test_cleanup_cmds"
# Owning the name, not asked through dunstctl (that would start another).
dunst_up() {
	as_user gdbus call --session --dest org.freedesktop.DBus \
		--object-path /org/freedesktop/DBus \
		--method org.freedesktop.DBus.NameHasOwner \
		org.freedesktop.Notifications | grep -q true
}
wait_for dunst_up || { cat dunst.log >&2; skip_all "dunst does not start"; }

# A terminal NAME runs each NAME.cmd that appears, then writes NAME.done.
cat > term.sh << 'EOS'
echo $PPID > "$1.pid"
while :; do
	if [ -e "$1.cmd" ]; then
		sh "$1.cmd" > "$1.out" 2>&1
		echo $? > "$1.done"
		rm -f "$1.cmd"
	fi
	sleep 0.1
done
EOS
# start_in NAME COMMAND: have terminal NAME run COMMAND; done_in NAME: wait
# for it to end well; in_term NAME COMMAND: both.
start_in() {
	rm -f "$1.done"
	echo "$2" > "$1.cmd.tmp"
	mv "$1.cmd.tmp" "$1.cmd"
}
done_in() {
	wait_for test -s "$1.done" ||
		{ echo "$1: timed out" >&2; cat "$1.out" >&2; return 1; }
	[ "$(cat "$1.done")" = 0 ] || { cat "$1.out" >&2; return 1; }
}
in_term() { start_in "$1" "$2" && done_in "$1"; }
sm() { as_user swaymsg "$@"; }
dc() { as_user dunstctl "$@"; }
# tree WHAT [PID]: "focused" (the focused container) or "con" (the
# container of PID) from sway's tree.
tree() {
	sm -t get_tree | "$py" -c '
import json, sys
def walk(n):
    yield n
    for c in n.get("nodes", []) + n.get("floating_nodes", []):
        yield from walk(c)
what = sys.argv[1]
for n in walk(json.load(sys.stdin)):
    if (what == "focused" and n.get("focused")) or \
       (what == "con" and n.get("pid") == int(sys.argv[2])):
        print(n["id"])
        break' "$@"
}
focused_is() { [ "$(tree focused)" = "$1" ]; }
focus() { sm "[con_id=$1] focus" > /dev/null && wait_for focused_is "$1"; }
displayed() { [ "$(dc count displayed)" = "$1" ]; }
# Our waiters: other tests may have theirs.
waiters() {
	for p in $(pgrep -f "^ntfy __detached"); do
		tr '\0' '\n' < "/proc/$p/environ" 2> /dev/null |
			grep -qx "SWAYSOCK=$SWAYSOCK" && echo "$p"
	done
}
no_waiter() { [ -z "$(waiters)" ]; }

for t in one two; do
	$asu foot -e sh term.sh "$t" > "foot-$t.log" 2>&1 &
	test_cleanup_cmds="kill $! 2>/dev/null; $test_cleanup_cmds"
	wait_for test -s "$t.pid" || { cat "foot-$t.log" >&2; exit 1; }
done
c1=$(tree con "$(cat one.pid)")
c2=$(tree con "$(cat two.pid)")
send="\"$NTFY_BIN\" -v"
# Bubbles that never expire: only a click or a withdrawal ends them.
lsend="$send -b linux -o timeout 0"

check 'the two terminals are two containers' '
	[ -n "$c1" ] && [ -n "$c2" ] && [ "$c1" != "$c2" ]
'

check 'sway: the click focuses the container of the terminal it came from' '
	focus "$c2"
	in_term one "$lsend send \"from one\""
	grep -q "a detached waiter acts on its click" one.out
	wait_for displayed 1
	focused_is "$c2"
	dc action 0
	wait_for focused_is "$c1"
	wait_for no_waiter
'

check 'sway: coming back to the terminal withdraws its bubble' '
	dc close-all
	focus "$c2"
	in_term one "$lsend send \"come back\""
	wait_for displayed 1
	sleep 0.5
	displayed 1
	focus "$c1"
	wait_for displayed 0
	wait_for no_waiter
'

check 'sway: withdraw = false keeps it' '
	focus "$c2"
	in_term one "$lsend -o withdraw false send \"stay\""
	wait_for displayed 1
	focus "$c1"
	sleep 1
	displayed 1
	dc close-all
	wait_for no_waiter
'

# The terminal backend on a pty whose bytes go to FILE; the shell keeps the
# pty open until p=close came or 10 s passed.
osc99_cmd="$py $TEST_SRCDIR/ptyrun.py --out \$PWD/cap -- sh -c '$send -b terminal -o protocol osc99 send hello; i=0; while ! grep -q p=close cap && [ \$i -lt 100 ]; do sleep 0.1; i=\$((i+1)); done'"

check 'OSC 99: coming back closes the notification with its id' '
	focus "$c2"
	rm -f cap
	start_in one "$osc99_cmd"
	wait_for grep -q "a=focus" cap
	sleep 0.5
	refute grep -q p=close cap
	focus "$c1"
	done_in one
	grep -q "a detached waiter closes notification" one.out
	bytes_has cap "\x1b]99;i=ID:p=close;\x1b\\\\"
	wait_for no_waiter
'

check 'OSC 99: withdraw = false, no waiter' '
	focus "$c2"
	rm -f cap
	in_term one "$py $TEST_SRCDIR/ptyrun.py --out \$PWD/cap -- $send -b terminal -o protocol osc99 -o withdraw false send hello"
	refute grep -q "detached waiter" one.out
	no_waiter
'

done_testing
