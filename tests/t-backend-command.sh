#!/bin/sh
# command: a program of the user's with NTFY_* in its environment, no shell.
. "$TEST_SRCDIR/lib.sh"

mkdir -p bin
cat > bin/record <<SH
#!/usr/bin/python3
import json, os, sys
rec = {"argv": sys.argv[1:]}
rec.update({k: v for k, v in os.environ.items() if k.startswith("NTFY_")})
with open("$TEST_TMP/rec", "a") as f:
    f.write(json.dumps(rec) + "\n")
SH
cat > bin/failing <<'SH'
#!/bin/sh
echo "first line" >&2
echo "the service said no" >&2
exit 3
SH
cat > bin/slow <<'SH'
#!/bin/sh
sleep 30
SH
chmod +x bin/record bin/failing bin/slow
PATH=$TEST_TMP/bin:$PATH

check 'NTFY_TITLE, NTFY_MESSAGE, NTFY_HOST; no retcode for send' '
	ntfy -b command -o command record -t "build box" send "hello é"
	[ "$(json_field rec 1 NTFY_TITLE)" = "build box" ]
	[ "$(json_field rec 1 NTFY_MESSAGE)" = "hello é" ]
	[ "$(json_field rec 1 NTFY_RETCODE)" = "" ]
	[ "$(json_field rec 1 NTFY_DURATION)" = "" ]
	[ "$(json_field rec 1 NTFY_COMMAND)" = "" ]
	[ "$(json_field rec 1 NTFY_HOST)" = "$(uname -n)" ]
	[ "$(json_field rec 1 argv)" = "[]" ]
'

check 'done: NTFY_RETCODE, NTFY_DURATION, NTFY_COMMAND' '
	: > rec
	expect_status 4 ntfy -b command -o command record done sh -c "exit 4"
	[ "$(json_field rec 1 NTFY_RETCODE)" = 4 ]
	json_field rec 1 NTFY_DURATION | grep -Eq "^[0-9]+\.[0-9]{3}$"
	[ "$(json_field rec 1 NTFY_COMMAND)" = "sh -c '\''exit 4'\''" ]
'

check 'arguments split at white space, no shell: quotes and $ stay text' '
	: > rec
	ntfy -b command -o command "record  one \"two \$HOME" send "\$(touch pwned)"
	[ ! -e pwned ]
	/usr/bin/python3 -c "import json,sys; a = json.loads(open(\"rec\").readline())[\"argv\"]; sys.exit(a != [\"one\", \"\\\"two\", \"\$HOME\"])"
	[ "$(json_field rec 1 NTFY_MESSAGE)" = "\$(touch pwned)" ]
'

check 'a failing program: exit 1 with the last line of its stderr' '
	expect_status 1 ntfy -b command -o command failing send x 2> err
	grep -q "^ntfy: command: .failing. exited with status 3: the service said no$" err
'

check 'a program that runs too long is killed after timeout' '
	start=$(date +%s)
	expect_status 1 ntfy -b command -o command slow -o timeout 0.5 send x 2> err
	[ $(($(date +%s) - start)) -lt 10 ]
	grep -q "took longer than 0.5 s and was killed" err
'

check 'command is required; a missing program is a failure' '
	expect_status 78 ntfy -b command send x 2> err
	grep -q "needs option .command." err
	expect_status 78 ntfy -b command -o command "  " send x 2> err
	grep -q "option .command. is empty" err
	expect_status 1 ntfy -b command -o command no-such-program-here send x 2> err
	grep -q "cannot run .no-such-program-here.: No such file" err
'

check 'a command of only blanks: a clear error, no crash' '
	expect_status 78 ntfy -b command -o command "   " send x 2> err
	grep -q "option .command. is empty" err
'

done_testing
