#!/bin/sh
# The default chain: the desktop when a notification server answers (a
# python3-dbusmock server on a private bus), else the terminal when it shows
# notifications, else a bell and one line on standard error.
. "$TEST_SRCDIR/lib.sh"

[ -x /usr/bin/python3 ] || skip_all "/usr/bin/python3 missing"

have_bus=
if "$NTFY_BIN" backends | grep -q '^linux  (not compiled in)'; then
	:
elif command -v dbus-run-session >/dev/null &&
	/usr/bin/python3 -c 'import dbusmock, dbus' 2>/dev/null; then
	if [ -z "${IN_TEST_BUS:-}" ]; then
		IN_TEST_BUS=1 exec dbus-run-session \
		    --config-file="$TEST_SRCDIR/data/session-bus.conf" \
		    -- sh "$TEST_SRCDIR/t-default.sh"
	fi
	have_bus=1
fi
bus_address=${DBUS_SESSION_BUS_ADDRESS:-}
unset DBUS_SESSION_BUS_ADDRESS

if [ -n "$have_bus" ]; then
	DBUS_SESSION_BUS_ADDRESS=$bus_address /usr/bin/python3 -m dbusmock \
		--template notification_daemon > "$TEST_TMP/mock.log" 2>&1 &
	mock=$!
	test_cleanup_cmds="kill $mock 2>/dev/null"
	calls() {
		DBUS_SESSION_BUS_ADDRESS=$bus_address \
			/usr/bin/python3 "$TEST_SRCDIR/dbus-notify-calls.py"
	}
	wait_for calls > /dev/null

	check 'a notification server answers: the desktop, even in kitty' '
		DBUS_SESSION_BUS_ADDRESS=$bus_address KITTY_WINDOW_ID=1 \
			on_pty tty -v -t T send "to the desktop" 2> err
		grep -q "default: using the desktop" err
		calls | grep -q "to the desktop"
		[ ! -s tty ]
	'

	case $bus_address in
	unix:path=*)
		check 'no address but $XDG_RUNTIME_DIR/bus: the desktop' '
			p=${bus_address#unix:path=}
			ln -sf "${p%%,*}" "$XDG_RUNTIME_DIR/bus"
			ntfy -v send "by the runtime dir" 2> err
			rm "$XDG_RUNTIME_DIR/bus"
			grep -q "default: using the desktop" err
			calls | grep -q "by the runtime dir"
		'
		;;
	*)
		skip 'no address but $XDG_RUNTIME_DIR/bus: the desktop' \
			"the bus has no socket path"
		;;
	esac
else
	skip 'a notification server answers: the desktop, even in kitty' \
		"no libnotify, dbus-run-session or python3-dbusmock"
	skip 'no address but $XDG_RUNTIME_DIR/bus: the desktop' \
		"no libnotify, dbus-run-session or python3-dbusmock"
fi

check 'no bus, kitty: the terminal, and -v says why' '
	KITTY_WINDOW_ID=1 on_pty tty -v -t T send "over ssh" 2> err
	bytes_are tty "\x1b]99;i=ID:d=0:a=focus:o=unfocused;T\x1b\\\\\x1b]99;i=ID:p=body;over ssh\x1b\\\\"
	grep -q "default: no desktop: .DBUS_SESSION_BUS_ADDRESS and .XDG_RUNTIME_DIR are unset\|default: no desktop: .DBUS_SESSION_BUS_ADDRESS is unset and there is no socket\|default: no desktop: built without libnotify" err
	grep -q "default: using the terminal: osc99 for kitty (.KITTY_WINDOW_ID is set)" err
	refute grep -q "^ntfy: T: over ssh" err
'

check 'no bus, TERM=foot over SSH: osc777' '
	TERM=foot SSH_CONNECTION="10.0.0.1 1 10.0.0.2 22" \
		on_pty tty -t T send "remote"
	bytes_are tty "\x1b]777;notify;T;remote\x07"
'

check 'no bus, protocol forced: that sequence' '
	on_pty tty -t T -o protocol osc9 send "forced"
	bytes_are tty "\x1b]9;T: forced\x07"
'

check 'no bus, unknown terminal: bell and one line on stderr' '
	on_pty tty -v -t T send "fallback" 2> err
	bytes_are tty "\x07"
	grep -q "default: no terminal notifications: no terminal known" err
	grep -q "default: terminal bell and standard error" err
	[ "$(grep -c "^ntfy: T: fallback$" err)" = 1 ]
'

check 'no bus, no terminal at all: one line on stderr, exit 0' '
	KITTY_WINDOW_ID=1 no_tty -t T send "nowhere" 2> err
	[ "$(cat err)" = "ntfy: T: nowhere" ]
'

# An OSC 52 clipboard write, a screen clear, a C1 CSI and a BiDi override.
evil=$(printf 'A\033]52;c;cHduZWQ=\007B\033[2J\302\23331m\342\200\256C')
export evil

check 'stderr fallback: escapes in the text never reach the terminal' '
	TERM=xterm-256color on_pty tty -t T send "$evil" 2> err
	bytes_are tty "\x07"
	terminal_safe err
	[ "$(cat err)" = "ntfy: T: A?]52;c;cHduZWQ=?B?[2J?31m?C" ]
	TERM=xterm-256color on_pty tty -t "$evil" send x 2> err
	terminal_safe err
	printf "%s\n" "$evil" | TERM=xterm-256color on_pty tty -t T send 2> err
	terminal_safe err
	grep -q "^ntfy: T: A?]52" err
'

check 'stderr fallback: ntfy done -o output is cleaned' '
	TERM=xterm-256color on_pty tty -t T done -o printf "%s" "$evil" \
		> out 2> err
	terminal_safe err
	grep -q "A?]52;c;cHduZWQ=?B?\[2J?31m?C" err
'

check 'stderr fallback: the [comm] of a zombie is cleaned' '
	rm -f zpid
	# A child names itself with escapes and exits; its parent never
	# reaps it, so /proc has its name but no command line.
	/usr/bin/python3 -c "import os, sys, time
pid = os.fork()
if pid == 0:
    open(\"/proc/self/comm\", \"wb\").write(b\"\x1b]0;X\x07\xc2\x9b2J\xff\")
    os._exit(0)
time.sleep(0.2)
open(\"zpid\", \"w\").write(str(pid))
time.sleep(30)" &
	parent=$!
	wait_for test -s zpid
	TERM=xterm-256color on_pty tty -t T done --pid "$(cat zpid)" 2> err
	kill "$parent"
	terminal_safe err
	grep -qF "(\"[?]0;X??2J$(printf "\357\277\275")]\") finished" err
'

check 'no bus: the bus is not even tried' '
	ntfy -v -t T send x 2> err
	refute grep -q "no notification server answers" err
'

check 'bad protocol: names the option, exit 1' '
	expect_status 1 ntfy -o protocol osc8 send x 2> err
	grep -q "option .protocol. must be" err
'

check 'default takes the options of linux and terminal' '
	ntfy backends --keys | sed -n "s/^default //p" > keys
	for k in icon urgency transient soundfile timeout app_name protocol; do
		grep -q "^$k\$" keys || { echo "$k missing"; exit 1; }
	done
	ntfy -b default -o protocol bel -o urgency low send x 2> err
	refute grep -q "has no option" err
'

done_testing
