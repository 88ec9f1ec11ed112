#!/bin/bash
# What the click costs the sender: `ntfy -b linux send` with actions (the
# bubble shown by a detached waiter, which ntfy starts and waits for only
# until the server took the notification) against actions = false, to a
# real dunst on Xvfb in a private session bus.  The shell hook runs ntfy in
# the background, so the prompt never waits for either; this is the time
# `ntfy done COMMAND` adds.  Then what the user waits for, the prompt: a
# bash that runs the hook after a command past the threshold, with actions
# on and off in the same run.  Medians of wall time.  Exits 1 when the send
# with actions costs more than 2x the plain send plus 50 ms, or when the
# prompt with actions takes more than 1.1x the prompt without.
#
# Usage: NTFY_BIN=src/ntfy bash bench/actions.sh   (or `make bench`)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -eu
for p in dbus-run-session Xvfb dunst; do
	command -v "$p" > /dev/null ||
		{ echo "actions: skipped, no $p"; exit 0; }
done
if [ -z "${IN_BENCH_BUS:-}" ]; then
	IN_BENCH_BUS=1 exec dbus-run-session -- bash "$0" "$@"
fi
bus=$DBUS_SESSION_BUS_ADDRESS
. "$(dirname "$0")/lib.bash"
DBUS_SESSION_BUS_ADDRESS=$bus
export DBUS_SESSION_BUS_ADDRESS
N=${BENCH_RUNS:-31}
"$NTFY_BIN" backends | grep -q '^linux  (not compiled in)' &&
	{ echo "actions: skipped, built without libnotify"; exit 0; }

Xvfb -displayfd 3 -nolisten tcp -noreset 3> "$tmp/xdisplay" \
	> /dev/null 2>&1 &
bench_pids="$bench_pids $!"
while [ ! -s "$tmp/xdisplay" ]; do sleep 0.1; done
DISPLAY=:$(cat "$tmp/xdisplay")
export DISPLAY
printf '[global]\nnotification_limit = 1\n' > "$tmp/dunstrc"
dunst -config "$tmp/dunstrc" > /dev/null 2>&1 &
bench_pids="$bench_pids $!"
# Wait for dunst to own the name: asking dunstctl would start another.
while ! gdbus call --session --dest org.freedesktop.DBus \
    --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner \
    org.freedesktop.Notifications 2> /dev/null | grep -q true; do
	sleep 0.1
done

set -- $($MEASURE run "$N" \
    plain "'$NTFY_BIN' -b linux -o actions false send x" \
    actions "'$NTFY_BIN' -b linux -o actions true -o action_timeout 5 send x")
row "median of $N, wall time" "ms"
row "ntfy -b linux send, actions = false:" "$2"
row "ntfy -b linux send, with the click waited for:" "$7"
status=0
[ "$5" = 0 ] && [ "${10}" = 0 ] || { echo "FAIL: sends failed"; status=1; }
awk -v a="$7" -v p="$2" 'BEGIN { exit !(a <= 2 * p + 50) }' ||
	{ echo "FAIL: the waiter costs more than 2x + 50 ms"; status=1; }

# The prompt: the hook as bash runs it after a 20 s command that failed,
# in one bash, actions off and on in turn; microseconds from the command's
# end to the prompt (the hook sends in the background).
"$NTFY_BIN" shell-integration -s bash -L 10 > "$tmp/hook.bash"
cat > "$tmp/prompt.bash" << 'EOS'
. "$1"
for ((i = 0; i < $2; i++)); do
	for a in false true; do
		AUTO_NTFY_DONE_OPTS="-b linux -o actions $a -o action_timeout 2"
		__ntfy_t0=$(( ${EPOCHREALTIME//[!0-9]/} - 20000000 ))
		__ntfy_armed=1
		__ntfy_debug make
		t0=${EPOCHREALTIME//[!0-9]/}
		false
		__ntfy_precmd
		__ntfy_tail
		echo "$a $(( ${EPOCHREALTIME//[!0-9]/} - t0 ))"
		sleep 0.05
	done
done
EOS
bash "$tmp/prompt.bash" "$tmp/hook.bash" "$N" > "$tmp/prompt.out"
med() {
	awk -v m="$1" '$1 == m { print $2 }' "$tmp/prompt.out" | sort -n |
		awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
off=$(med false)
on=$(med true)
ratio=$(awk -v a="$on" -v p="$off" 'BEGIN { printf "%.2f", a / p }')
row "the prompt after a long command, actions = false:" \
	"$(awk -v v="$off" 'BEGIN { printf "%.3f", v / 1000 }')"
row "the prompt after a long command, with actions:" \
	"$(awk -v v="$on" 'BEGIN { printf "%.3f", v / 1000 }')"
row "prompt with actions / without (at most 1.1):" "$ratio"
awk -v r="$ratio" 'BEGIN { exit !(r <= 1.1) }' ||
	{ echo "FAIL: actions slow the prompt down"; status=1; }
# Let the last waiters go before dunst does.
sleep 2
exit $status
