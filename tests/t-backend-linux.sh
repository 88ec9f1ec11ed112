#!/bin/sh
# The desktop backend against a real session bus with a recording
# notification server (python3-dbusmock's notification_daemon template).
. "$TEST_SRCDIR/lib.sh"

"$NTFY_BIN" backends --names >/dev/null
"$NTFY_BIN" backends | grep -q '^linux  (not compiled in)' &&
	skip_all "built without libnotify"
command -v dbus-run-session >/dev/null || skip_all "dbus-run-session missing"
/usr/bin/python3 -c 'import dbusmock, dbus' 2>/dev/null ||
	skip_all "python3-dbusmock missing"

if [ -z "${IN_TEST_BUS:-}" ]; then
	IN_TEST_BUS=1 exec dbus-run-session \
	    --config-file="$TEST_SRCDIR/data/session-bus.conf" \
	    -- sh "$TEST_SRCDIR/t-backend-linux.sh"
fi

/usr/bin/python3 -m dbusmock --template notification_daemon \
	> "$TEST_TMP/mock.log" 2>&1 &
mock=$!
test_cleanup_cmds="kill $mock 2>/dev/null"
calls() { /usr/bin/python3 "$TEST_SRCDIR/dbus-notify-calls.py"; }
wait_for calls > /dev/null

field() { /usr/bin/python3 -c 'import json,sys
rec = json.loads(sys.stdin.read().splitlines()[int(sys.argv[1]) - 1])
for k in sys.argv[2].split("."):
    rec = rec[k]
print(rec)' "$@"; }

check 'send: app_name, summary, body, normal urgency, icon' '
	ntfy -b linux -t "Build box" send "all <done> & dusted"
	calls > calls
	[ "$(wc -l < calls)" -eq 1 ]
	[ "$(field 1 app_name < calls)" = ntfy ]
	[ "$(field 1 summary < calls)" = "Build box" ]
	body=$(field 1 body < calls)
	[ "$body" = "all <done> & dusted" ] || [ "$body" = "all &lt;done&gt; &amp; dusted" ]
	[ "$(field 1 hints.urgency < calls)" = 1 ]
	[ "$(field 1 hint_types.urgency < calls)" = Byte ]
	[ "$(field 1 icon < calls)" = dialog-information ]
	[ "$(field 1 timeout < calls)" = -1 ]
'

check 'options: urgency, transient, timeout, app_name, icon, soundfile' '
	ntfy -b linux -o urgency low -o transient true -o timeout 3000 \
		-o app_name builder -o icon utilities-terminal \
		-o soundfile /usr/share/sounds/x.oga send "opts"
	calls > calls
	[ "$(field 2 hints.urgency < calls)" = 0 ]
	[ "$(field 2 hints.transient < calls)" = True ]
	[ "$(field 2 hint_types.transient < calls)" = Boolean ]
	[ "$(field 2 timeout < calls)" = 3000 ]
	[ "$(field 2 app_name < calls)" = builder ]
	[ "$(field 2 icon < calls)" = utilities-terminal ]
	[ "$(field 2 hints.sound-file < calls)" = /usr/share/sounds/x.oga ]
'

check 'no transient hint unless asked' '
	ntfy -b linux send "plain"
	calls > calls
	refute field 3 hints.transient < calls
'

check 'default backend uses the desktop when a server answers' '
	ntfy -v send "via default" 2> err
	grep -q "default: using the desktop" err
	calls > calls
	[ "$(field 4 body < calls)" = "via default" ]
'

check 'bad urgency: clear error, exit 1' '
	expect_status 1 ntfy -b linux -o urgency loud send x 2> err
	grep -q "urgency.*low, normal or critical" err
'

check 'bad timeout: names the option' '
	expect_status 1 ntfy -b linux -o timeout soon send x 2> err
	grep -q "option .timeout. must be a whole number" err
'

kill "$mock"
wait "$mock" 2>/dev/null
test_cleanup_cmds=

check 'no notification server: clear error, exit 1, no hang' '
	start=$(date +%s)
	expect_status 1 ntfy -b linux send x 2> err
	grep -q "no notification server answers" err
	[ $(( $(date +%s) - start )) -lt 10 ]
'

check 'no session bus at all: clear error, exit 1' '
	DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent
	export DBUS_SESSION_BUS_ADDRESS
	expect_status 1 ntfy -b linux send x 2> err
	grep -q "session bus" err
'

check 'default falls back to bell and stderr without a server' '
	ntfy -t T send "fallback" 2> err
	grep -q "^ntfy: T: fallback$" err
'

done_testing
