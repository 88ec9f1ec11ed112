#!/bin/sh
# systemlog: RFC 3164 records, one per line, on a socket the test owns.
. "$TEST_SRCDIR/lib.sh"

sock=$TEST_TMP/log.sock
recs=$TEST_TMP/records
: > "$recs"
/usr/bin/python3 "$TEST_SRCDIR/fakesyslogd.py" "$sock" "$recs" "$TEST_TMP/ready" &
test_cleanup_cmds="$test_cleanup_cmds kill $! 2>/dev/null;"
wait_for test -e "$TEST_TMP/ready"
udprecs=$TEST_TMP/udprecords
: > "$udprecs"
/usr/bin/python3 "$TEST_SRCDIR/fakesyslogd.py" --udp "$TEST_TMP/udp.port" "$udprecs" "$TEST_TMP/udpready" &
test_cleanup_cmds="$test_cleanup_cmds kill $! 2>/dev/null;"
wait_for test -e "$TEST_TMP/udpready"
UDP=$(cat "$TEST_TMP/udp.port")

# rec N: record N as sent.
rec() {
	/usr/bin/python3 -c 'import json, sys
print(json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1]))' "${2:-$recs}" "$1"
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

check 'syslog://FACILITY: the local socket, priority from the command, title: message' '
	: > "$recs"
	ntfy -b syslog://local3 -o socket "$sock" -t box send "hello"
	wait_for test "$(wc -l < "$recs")" -ge 1
	rec 1 | grep -Eq "^<158>[A-Z][a-z]{2} [ 1-3][0-9] [0-9:]{8} ntfy\[[0-9]+\]: box: hello$"
	: > "$recs"
	expect_status 3 ntfy -b "syslog://?logpid=no" -o socket "$sock" -t box done sh -c "exit 3"
	wait_for test "$(wc -l < "$recs")" -ge 1
	rec 1 | grep -Eq "^<10>[A-Z][a-z]{2} [ 1-3][0-9] [0-9:]{8} ntfy: box: "
	: > "$recs"
	ntfy -b "syslog://?facility=daemon" -o socket "$sock" -t box done true
	wait_for test "$(wc -l < "$recs")" -ge 1
	rec 1 | grep -q "^<29>"
'

check 'syslog://HOST:PORT/FACILITY: UDP to the server, with our host name' '
	: > "$udprecs"
	ntfy -b "syslog://127.0.0.1:$UDP/local1" -t box send "one
two"
	wait_for test "$(wc -l < "$udprecs")" -ge 2
	rec 1 "$udprecs" | grep -Eq "^<142>[A-Z][a-z]{2} [ 1-3][0-9] [0-9:]{8} $(uname -n) ntfy\[[0-9]+\]: box: one$"
	rec 2 "$udprecs" | grep -Eq "^<142>.* ntfy\[[0-9]+\]: two$"
	: > "$udprecs"
	ntfy -b "syslog://127.0.0.1:$UDP?facility=kern&mode=remote" -t box send "x"
	wait_for test "$(wc -l < "$udprecs")" -ge 1
	rec 1 "$udprecs" | grep -q "^<6>"
	: > "$udprecs"
	ntfy -b systemlog -o host 127.0.0.1 -o port "$UDP" -o socket "$TEST_TMP/none.sock" send "y"
	wait_for test "$(wc -l < "$udprecs")" -ge 1
	rec 1 "$udprecs" | grep -q "^<169>.*: \[.*\] y$"
'

check 'syslog:// bad facility, mode, logpid, logperror: config errors' '
	expect_status 78 ntfy -b "syslog://127.0.0.1:$UDP/local9" send x 2> err
	grep -q "syslog://: .*is no facility: kern, user" err
	expect_status 78 ntfy -b "syslog://?facility=mail2" send x 2> err
	grep -q "syslog://: .mail2. is no facility" err
	expect_status 78 ntfy -b "syslog://local1?mode=tcp" send x 2> err
	grep -q "syslog://: parameter .mode. must be local or remote, not .tcp." err
	expect_status 78 ntfy -b "syslog://local1?logpid=maybe" send x 2> err
	grep -q "syslog://: parameter .logpid. must be yes or no, not .maybe." err
	expect_status 78 ntfy -b "syslog://local1?logperror=yes" send x 2> err
	grep -q "syslog://: parameter .logperror. must be no" err
	expect_status 78 ntfy -b "syslog://?mode=remote" send x 2> err
	grep -q "a remote syslog:// URL is syslog://HOST" err
	expect_status 78 sl -o port 70000 send x 2> err
	grep -q "option .port. must be a port number" err
'

done_testing
