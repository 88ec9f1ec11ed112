#!/bin/sh
# darwin: osascript with the text as arguments of an `on run argv` script.
. "$TEST_SRCDIR/lib.sh"

mkdir -p bin
cat > bin/osascript <<SH
#!/usr/bin/python3
import json, sys
with open("$TEST_TMP/argv", "a") as f:
    f.write(json.dumps(sys.argv[1:]) + "\n")
if "fail" in sys.argv:
    sys.stderr.write("execution error: Not authorised (-1743)\n")
    sys.exit(1)
SH
chmod +x bin/osascript
PATH=$TEST_TMP/bin:$PATH

# call N EXPR: a Python expression over the arguments of call N as a.
call() {
	/usr/bin/python3 -c 'import json, sys
a = json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1])
print(eval(sys.argv[3]))' "$TEST_TMP/argv" "$1" "$2"
}

check 'an on run argv script; message, title, subtitle, sound after --' '
	ntfy -b darwin -t "build box" send "done"
	[ "$(call 1 "a[1]")" = "on run argv" ]
	[ "$(call 1 "a[-5]")" = -- ]
	[ "$(call 1 "\"|\".join(a[-4:])")" = "done|build box||" ]
	[ "$(call 1 "all(a[i] == \"-e\" for i in range(0, len(a) - 5, 2))")" = True ]
	call 1 "\" \".join(a[1:-5:2])" | grep -q "display notification msg with title ttl subtitle sub"
'

check 'quotes and backslashes never reach the script source' '
	: > argv
	ntfy -b darwin -o subtitle sub -o sound Glass -t "a\" & do shell script \"touch pwned" send "x\\\"y"
	[ ! -e pwned ]
	[ "$(call 1 "\"|\".join(a[-4:])")" = "x\\\"y|a\" & do shell script \"touch pwned|sub|Glass" ]
	call 1 "\" \".join(a[:-5])" | refute grep -q pwned
'

check 'a failing osascript: exit 1 with its error' '
	expect_status 1 ntfy -b darwin send fail 2> err
	grep -q "darwin: .osascript. exited with status 1: execution error: Not authorised (-1743)" err
'

check 'no such program: a clear failure' '
	expect_status 1 ntfy -b darwin -o program no-osascript-here send x 2> err
	grep -q "cannot run .no-osascript-here.: No such file" err
'

done_testing
