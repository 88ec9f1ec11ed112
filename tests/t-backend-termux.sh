#!/bin/sh
# termux: termux-notification run with arguments, never through a shell.
. "$TEST_SRCDIR/lib.sh"

mkdir -p bin
cat > bin/termux-notification <<SH
#!/usr/bin/python3
import json, sys
with open("$TEST_TMP/argv", "a") as f:
    f.write(json.dumps(sys.argv[1:]) + "\n")
if "fail" in sys.argv:
    sys.stderr.write("Termux:API is not installed\n")
    sys.exit(1)
SH
chmod +x bin/termux-notification
PATH=$TEST_TMP/bin:$PATH

# arg N: the argument list of call N, as JSON.
arg() {
	/usr/bin/python3 -c 'import json, sys
print(json.dumps(json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1])))' "$TEST_TMP/argv" "$1"
}

check '--title and --content as arguments' '
	ntfy -b termux -t "build box" send "done"
	[ "$(arg 1)" = "[\"--title\", \"build box\", \"--content\", \"done\"]" ]
'

check 'shell characters stay text' '
	: > argv
	ntfy -b termux -t "\$(touch pwned)" send "\`touch pwned\`; rm -rf x"
	[ ! -e pwned ]
	[ "$(arg 1)" = "[\"--title\", \"\$(touch pwned)\", \"--content\", \"\`touch pwned\`; rm -rf x\"]" ]
'

check 'id, priority, vibrate, led_color, sound' '
	: > argv
	ntfy -b termux -o id 7 -o priority high -o vibrate 500,100 -o led_color ff0000 \
		-o sound yes -t T send m
	[ "$(arg 1)" = "[\"--title\", \"T\", \"--content\", \"m\", \"--id\", \"7\", \"--priority\", \"high\", \"--vibrate\", \"500,100\", \"--led-color\", \"ff0000\", \"--sound\"]" ]
'

check 'a bad priority refused' '
	expect_status 78 ntfy -b termux -o priority loud send x 2> err
	grep -q "option .priority. must be max, high, default, low or min" err
'

check 'a failing command: exit 1 with its stderr' '
	expect_status 1 ntfy -b termux send fail 2> err
	grep -q "termux: .termux-notification. exited with status 1: Termux:API is not installed" err
'

check 'no such program: a clear failure' '
	expect_status 1 ntfy -b termux -o program no-termux-here send x 2> err
	grep -q "cannot run .no-termux-here.: No such file" err
'

done_testing
