#!/bin/sh
# systemlog: RFC 3164 records, one per line, on a socket the test owns.
. "$TEST_SRCDIR/lib.sh"

sock=$TEST_TMP/log.sock
recs=$TEST_TMP/records
: > "$recs"
/usr/bin/python3 "$TEST_SRCDIR/fakesyslogd.py" "$sock" "$recs" "$TEST_TMP/ready" &
test_cleanup_cmds="$test_cleanup_cmds kill $! 2>/dev/null;"
wait_for test -e "$TEST_TMP/ready"

# rec N: record N as sent.
rec() {
	/usr/bin/python3 -c 'import json, sys
print(json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1]))' "$recs" "$1"
}

sl() {
	ntfy -b systemlog -o socket "$sock" "$@"
}

check 'default: <169> (LOCAL5.ALERT), date, ntfy[pid], [title] message' '
	sl -t "build box" send "done"
	wait_for test "$(wc -l < "$recs")" -ge 1
	rec 1 > got
	grep -Eq "^<169>[A-Z][a-z]{2} [ 1-3][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} ntfy\[[0-9]+\]: \[build box\] done$" got
	month=$(LC_ALL=C date +%b)
	grep -q "^<169>$month " got
'

check 'one record per line, empty lines skipped' '
	: > "$recs"
	sl -t T send "one

two"
	wait_for test "$(wc -l < "$recs")" -ge 2
	sleep 0.2
	[ "$(wc -l < "$recs")" = 2 ]
	rec 1 | grep -q "ntfy\[[0-9]*\]: \[T\] one$"
	rec 2 | grep -q "ntfy\[[0-9]*\]: two$"
'

check 'prio, facility (any case, LOG_ prefix), fmt and ident' '
	: > "$recs"
	sl -o prio info -o facility LOG_USER -o fmt "{message} ({title})" \
		-o ident builder -t T send "m"
	wait_for test "$(wc -l < "$recs")" -ge 1
	rec 1 | grep -q "^<14>.* builder\[[0-9]*\]: m (T)$"
	: > "$recs"
	sl -o prio EMERG -o facility local0 send "m"
	wait_for test "$(wc -l < "$recs")" -ge 1
	rec 1 | grep -q "^<128>"
'

check 'unknown prio or facility refused' '
	expect_status 78 sl -o prio LOUD send x 2> err
	grep -q "option .prio. must be EMERG" err
	expect_status 78 sl -o facility LOCAL9 send x 2> err
	grep -q "option .facility. must be KERN" err
'

check 'no syslog socket: a failure naming it' '
	expect_status 1 ntfy -b systemlog -o socket "$TEST_TMP/none.sock" send x 2> err
	grep -q "cannot write to the syslog socket .*none.sock.: No such file" err
'

done_testing
