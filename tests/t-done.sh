#!/bin/sh
# ntfy done: run a command, report a finished one, wait for a PID.
. "$TEST_SRCDIR/lib.sh"

rec=$TEST_TMP/rec.jsonl
py=/usr/bin/python3
# Seconds a watched process lives: ntfy must be watching before it ends,
# even under ASan on a busy machine, and valgrind takes a while to start.
life=1.5
[ -z "${NTFY_VALGRIND:-}" ] || life=4

# nd ARGS...: ntfy done, recording to $rec (emptied first), no emoji.
nd() {
	rm -f "$rec"
	ntfy -E -b file -o path "$rec" done "$@"
}

# field KEY: KEY of the only notification recorded.
field() {
	[ "$(wc -l < "$rec")" -eq 1 ] || {
		echo "want one notification, have:" >&2
		cat "$rec" >&2
		return 1
	}
	json_field "$rec" 1 "$1"
}

check 'exit 0: succeeded, status 0' '
	expect_status 0 nd true
	[ "$(field message)" = "\"true\" succeeded in 0:00 minutes" ]
	[ "$(field retcode)" = 0 ]
	[ "$(field signal)" = null ]
	[ "$(field command)" = true ]
'

check 'exit 1 and 3: failed (code N), the same exit status' '
	expect_status 1 nd false
	[ "$(field message)" = "\"false\" failed (code 1) in 0:00 minutes" ]
	[ "$(field retcode)" = 1 ]
	expect_status 3 nd sh -c "exit 3"
	[ "$(field message)" = "\"sh -c '\''exit 3'\''\" failed (code 3) in 0:00 minutes" ]
	[ "$(field retcode)" = 3 ]
'

check 'the duration is measured' '
	nd sleep 0.3
	/usr/bin/python3 -c "import sys; d = float(sys.argv[1]); sys.exit(not 0.3 <= d < 5)" "$(field duration)"
'

check 'command not found: 127, the usual message, still reported' '
	expect_status 127 nd no-such-command-here 2> err
	same err "ntfy: '\''no-such-command-here'\'': command not found"
	[ "$(field retcode)" = 127 ]
	expect_status 127 nd ./no/such/file 2> err
	grep -q "No such file or directory" err
'

check 'not executable: 126, permission denied' '
	printf "#!/bin/sh\necho no\n" > noexec.sh
	chmod 644 noexec.sh
	expect_status 126 nd ./noexec.sh 2> err
	same err "ntfy: '\''./noexec.sh'\'': permission denied"
	[ "$(field retcode)" = 126 ]
	expect_status 126 nd "$TEST_TMP" 2> err
'

check 'killed by SIGTERM: 143 and the signal named' '
	expect_status 143 nd sh -c "kill -TERM \$\$"
	[ "$(field message)" = "\"sh -c '\''kill -TERM \$\$'\''\" was killed by signal 15 (SIGTERM) in 0:00 minutes" ]
	[ "$(field retcode)" = 143 ]
	[ "$(field signal)" = 15 ]
'

check 'killed by SIGKILL: 137' '
	expect_status 137 nd sh -c "kill -KILL \$\$"
	[ "$(field signal)" = 9 ]
	field message | grep -q "was killed by signal 9 (SIGKILL)"
'

check 'emoji prefix unless -E' '
	rm -f "$rec"
	ntfy -b file -o path "$rec" done true
	[ "$(field message)" = "✅ \"true\" succeeded in 0:00 minutes" ]
	rm -f "$rec"
	expect_status 2 ntfy -b file -o path "$rec" done sh -c "exit 2"
	field message | grep -q "^❌ "
	rm -f "$rec"
	ntfy -b file -o path "$rec" done echo :tada: > out
	field message | grep -q "\"echo :tada:\""
'

check 'arguments with spaces, quotes and newlines reach the command intact' '
	nd sh -c "printf \"[%s]\" \"\$@\" > args" sh "a b" "it'\''s" "x
y" "" "\"q\""
	printf "[a b][it'\''s][x\ny][][\"q\"]" > want
	cmp want args
	[ "$(field command)" = "sh -c '\''printf \"[%s]\" \"\$@\" > args'\'' sh '\''a b'\'' '\''it'\''\'\'''\''s'\'' \$'\''x\\ny'\'' '\'''\'' '\''\"q\"'\''" ]
'

check 'ntfy done -- cmd runs cmd; options after the command are its own' '
	nd -- true
	[ "$(field command)" = true ]
	nd echo -L 5 -H > out
	same out "-L 5 -H"
	[ "$(field command)" = "echo -L 5 -H" ]
'

check 'standard input reaches the command' '
	echo piped | nd cat > out
	same out piped
'

check '-o: 100 kB of output still shown in full, the tail in the message' '
	nd -o seq 1 20000 > out 2> err
	seq 1 20000 | cmp - out
	[ ! -s err ]
	field message > msg
	printf "\"seq 1 20000\" succeeded in 0:00 minutes:\n" > want
	seq 19991 20000 >> want
	cmp want msg
'

check '-e: stderr tail in the message, stdout untouched' '
	nd -e sh -c "echo to-out; echo to-err >&2" > out 2> err
	same out to-out
	same err to-err
	[ "$(field message)" = "\"sh -c '\''echo to-out; echo to-err >&2'\''\" succeeded in 0:00 minutes:
to-err" ]
'

check '-o -e: both streams, each to its own place' '
	nd -o -e sh -c "echo a; echo b >&2; echo c" > out 2> err
	printf "a\nc\n" > want
	cmp want out
	same err b
	field message | tail -n 3 | sort > got
	printf "a\nb\nc\n" > want
	cmp want got
'

check '-o: at most 1 KiB, long lines cut at a character boundary' '
	nd -o /usr/bin/python3 -c "print(\"é\" * 2000)" > out
	field message | tail -n 1 > msg
	[ "$(wc -c < msg)" -le 1025 ]
	/usr/bin/python3 -c "import sys; s = open(sys.argv[1], encoding=\"utf-8\").read().strip(); sys.exit(set(s) != {\"é\"})" msg
'

check '-o: non-UTF-8 output shown as is, repaired in the message' '
	nd -o printf "bad \377 byte\n" > out
	printf "bad \377 byte\n" | cmp - out
	[ "$(field message)" = "\"printf '\''bad \\377 byte\\n'\''\" succeeded in 0:00 minutes:
bad � byte" ] || [ "$(field message | tail -n 1)" = "bad � byte" ]
'

check '-o: a command with no output adds nothing' '
	nd -o true
	[ "$(field message)" = "\"true\" succeeded in 0:00 minutes" ]
'

check '-o: a daemon holding the pipe does not keep us waiting' '
	start=$(date +%s)
	nd -o sh -c "sleep 5 & echo started" > out
	[ $(( $(date +%s) - start )) -lt 4 ]
	same out started
	field message | grep -q started
'

check '--formatter reports without running, exit status of the delivery' '
	nd --formatter "make -j8" 2 3725.5
	[ "$(field message)" = "\"make -j8\" failed (code 2) in 1:02:05 hours" ]
	[ "$(field retcode)" = 2 ]
	[ "$(field duration)" = 3725.5 ]
	[ "$(field command)" = "make -j8" ]
	nd --formatter "sleep 100" 130 2.013
	[ "$(field message)" = "\"sleep 100\" was killed by signal 2 (SIGINT) in 0:02 minutes" ]
	[ "$(field signal)" = 2 ]
	nd --formatter "ssh host" 255 1
	[ "$(field message)" = "\"ssh host\" failed (code 255) in 0:01 minutes" ]
	rm -f "$rec"
	expect_status 1 ntfy -b file -o path /nonexistent/x done --formatter x 0 1 2> err
'

check '--formatter with -u -L, as the shell hook calls it' '
	nd -u -L 1 --formatter "sleep 2" 0 2.013
	[ "$(field message)" = "\"sleep 2\" succeeded in 0:02 minutes" ]
	nd -u -L 10 --formatter "sleep 2" 0 2.013
	[ ! -e "$rec" ]
'

check '--formatter: the ignore list of the config, past wrappers and variables' '
	printf "ignore = code, emacsclient\tlazygit\n" > ign.ini
	for line in "code ." "sudo -u me FOO=1 /usr/bin/emacsclient x" \
	    "lazygit" "nice -n 5 code"; do
		rm -f "$rec"
		ntfy -c ign.ini -E -b file -o path "$rec" done \
			--formatter "$line" 0 20 2> err
		[ ! -e "$rec" ]
		[ ! -s err ]
	done
	ntfy -v -c ign.ini -E -b file -o path "$rec" done --formatter "code" 0 20 2> err
	grep -q "'\''code'\'' is in the config'\''s ignore list: no notification" err
	ntfy -c ign.ini -E -b file -o path "$rec" done --formatter "make code" 0 20
	[ "$(field command)" = "make code" ]
	# A command run by done itself is what the user asked about.
	rm -f "$rec"
	ntfy -c ign.ini -E -b file -o path "$rec" done sh -c ":" 2> err
	[ "$(field command)" = "sh -c :" ]
'

check 'notify_failures = always: a failure under the threshold notifies' '
	printf "notify_failures = always\n" > nf.ini
	rm -f "$rec"
	expect_status 3 ntfy -c nf.ini -E -b file -o path "$rec" done -L 10 \
		sh -c "exit 3"
	[ "$(field retcode)" = 3 ]
	rm -f "$rec"
	ntfy -c nf.ini -E -b file -o path "$rec" done -L 10 true
	[ ! -e "$rec" ]
	ntfy -c nf.ini -E -b file -o path "$rec" done -L 10 --formatter \
		"make" 2 0.5
	[ "$(field retcode)" = 2 ]
	rm -f "$rec"
	expect_status 1 nd -L 10 false
	[ ! -e "$rec" ]
'

check '--formatter: bad RETCODE or DURATION is a usage error' '
	for bad in "x 256 1" "x -1 1" "x abc 1" "x 0 -1" "x 0 abc" "x 0"; do
		set -- $bad
		expect_status 64 nd --formatter "$@" 2> err
		[ -s err ]
	done
	[ ! -e "$rec" ]
'

check '-L: notify only when it ran longer' '
	nd -L 5 true
	[ ! -e "$rec" ]
	nd -L 0.05 sleep 0.2
	[ "$(field retcode)" = 0 ]
	expect_status 3 nd --longer-than 5 sh -c "exit 3"
	[ ! -e "$rec" ]
	expect_status 64 nd -L abc true 2> err
	grep -q "not a number of seconds" err
'

check 'config longer_than, -L wins over it' '
	mkdir -p "$XDG_CONFIG_HOME/ntfy"
	echo "longer_than = 5" > "$XDG_CONFIG_HOME/ntfy/ntfy.ini"
	nd true
	[ ! -e "$rec" ]
	nd -L 0 sleep 0.01
	[ "$(field retcode)" = 0 ]
	rm "$XDG_CONFIG_HOME/ntfy/ntfy.ini"
'

check '-H and config hide_command: Your command' '
	nd -H sh -c "exit 4" || :
	[ "$(field message)" = "Your command failed (code 4) in 0:00 minutes" ]
	[ "$(field retcode)" = 4 ]
	mkdir -p "$XDG_CONFIG_HOME/ntfy"
	echo "hide_command = true" > "$XDG_CONFIG_HOME/ntfy/ntfy.ini"
	nd true
	[ "$(field message)" = "Your command succeeded in 0:00 minutes" ]
	echo "hide_command = false" > "$XDG_CONFIG_HOME/ntfy/ntfy.ini"
	nd --hide-command true
	[ "$(field message)" = "Your command succeeded in 0:00 minutes" ]
	rm "$XDG_CONFIG_HOME/ntfy/ntfy.ini"
'

check '-u / -b with no focus probe: unknown, so it notifies' '
	nd -u true
	[ "$(field retcode)" = 0 ]
	nd -b true
	[ "$(field retcode)" = 0 ]
	rm -f "$rec"
	ntfy -v -E -b file -o path "$rec" done --unfocused-only true 2> err
	grep -q "focus: unknown" err
'

check 'a failed notification never changes the exit status' '
	expect_status 0 ntfy -b file -o path /nonexistent/x done true 2> err
	grep -q "cannot open" err
	expect_status 5 ntfy -b file -o path /nonexistent/x done sh -c "exit 5" 2> err
'

check 'usage errors: no command, two modes, -o without a command' '
	expect_status 64 nd 2> err
	grep -q "no command" err
	expect_status 64 nd --pid 1 true 2> err
	expect_status 64 nd --pid 1 --formatter x 0 1 2> err
	expect_status 64 nd -o --formatter x 0 1 2> err
	expect_status 64 nd --nope true 2> err
	grep -q "unknown option" err
	expect_status 64 nd -L 2> err
	[ ! -e "$rec" ]
'

check 'Ctrl-C: the command dies of SIGINT, ntfy reports it and exits 130' '
	rm -f "$rec" pg started
	# A background job of sh starts with SIGINT ignored: restore it, as
	# an interactive shell does for a foreground command.
	setsid -w /usr/bin/python3 -c "import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
open(\"pg\", \"w\").write(str(os.getpid()))
os.execv(sys.argv[1], sys.argv[1:])" "$NTFY_BIN" -E \
		-b file -o path "$rec" done sh -c ": > started; exec sleep 5" &
	wait_for test -e started
	wait_for test -s pg
	sleep 0.1
	"$py" -c "import os, signal, sys
os.killpg(int(sys.argv[1]), signal.SIGINT)" "$(cat pg)"
	st=0
	wait $! || st=$?
	[ "$st" -eq 130 ]
	[ "$(field signal)" = 2 ]
	field message | grep -q "was killed by signal 2 (SIGINT)"
'

# watching PID: an ntfy done is in the process list for PID; it may need
# `settle` seconds more to look at PID (valgrind starts slowly).
watching() {
	pgrep -f -- "done (--pid|-p) $1( |\$)" > /dev/null
}
settle=1.5
[ -z "${NTFY_VALGRIND:-}" ] || settle=5

# The process ends once ntfy has been watching it for a while, not after a
# fixed time: on a loaded machine ntfy could start after it ended.
check '--pid: waits for a process that is not ours, exit status unknown' '
	sleep 60 &
	p=$!
	nd --pid "$p" &
	n=$!
	wait_for watching "$p"
	sleep "$settle"
	kill "$p"
	wait "$n"
	field message | grep -Eqx "PID $p \(\"sleep 60\"\) finished in 0:[0-5][0-9] minutes"
	[ "$(field retcode)" = null ]
	[ "$(field command)" = "sleep 60" ]
	"$py" -c "import sys; d = float(sys.argv[1]); sys.exit(not 1.4 <= d < 30)" "$(field duration)"
	sh -c "sleep 60; exit 7" < /dev/null > /dev/null 2>&1 &
	p=$!
	nd -p "$p" -H &
	n=$!
	wait_for watching "$p"
	sleep "$settle"
	kill "$p"
	st=0
	wait "$n" || st=$?
	[ "$st" = 0 ]
	field message | grep -Eqx "PID $p finished in 0:[0-5][0-9] minutes"
'

check '--pid of a zombie: its [comm], repaired, never dropped' '
	rm -f zpid
	/usr/bin/python3 -c "import os, time
pid = os.fork()
if pid == 0:
    open(\"/proc/self/comm\", \"wb\").write(b\"z\xff\")
    os._exit(0)
time.sleep(0.2)
open(\"zpid\", \"w\").write(str(pid))
time.sleep(30)" &
	parent=$!
	wait_for test -s zpid
	nd --pid "$(cat zpid)"
	kill "$parent"
	[ "$(field command)" = "[z$(printf "\357\277\275")]" ]
'

check '--pid: the duration counts from the process start' '
	sleep "$life" 1 &
	p=$!
	sleep 0.8
	nd --pid "$p"
	"$py" -c "import sys; d = float(sys.argv[1]); sys.exit(not $life + 0.9 <= d < 12)" "$(field duration)"
'

check '--pid: the notification is written within 300 ms of the exit' '
	rm -f "$rec"
	sh -c "sleep $life; date +%s.%N > exited" &
	p=$!
	ntfy -E -b file -o path "$rec" done --pid "$p"
	# When the record was written, not when ntfy had torn itself down.
	stat -c %.9Y "$rec" > notified
	limit=0.3
	# Under valgrind, for memory errors only: see took_under in lib.sh.
	[ -z "${NTFY_VALGRIND:-}" ] || limit=60
	/usr/bin/python3 -c "import sys
a, b = float(open(\"exited\").read()), float(open(\"notified\").read())
print(\"latency\", b - a)
sys.exit(not b - a < float(sys.argv[1]))" "$limit"
'

check '--pid with -L: below the threshold nothing is sent' '
	sleep "$life" &
	nd --pid $! -L 10
	[ ! -e "$rec" ]
'

check '--pid: bad PIDs are usage errors, no wait' '
	for bad in 0 -1 abc 12x "" 99999999999 " 5" +5; do
		expect_status 64 nd --pid "$bad" 2> err
		grep -q "is not a process id" err
	done
	expect_status 64 sh -c "exec \"$NTFY_BIN\" done --pid \$\$" 2> err
	grep -q "is ntfy itself" err
	[ ! -e "$rec" ]
'

check '--pid: a PID that does not exist: exit 1, no wait' '
	max=$(cat /proc/sys/kernel/pid_max 2>/dev/null || echo 4194304)
	expect_status 1 nd --pid "$max" 2> err
	grep -qx "ntfy: no process with PID $max" err
	sh -c "exit 0" &
	p=$!
	wait "$p"
	if ! kill -0 "$p" 2>/dev/null; then
		expect_status 1 nd --pid "$p" 2> err
	fi
	[ ! -e "$rec" ]
'

if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	check '--pid: a process of another user' '
		setpriv --reuid=65534 --regid=65534 --clear-groups sleep "$life" &
		p=$!
		sleep 0.1
		[ "$(stat -c %u /proc/$p)" = 65534 ]
		nd --pid "$p"
		field message | grep -Eqx "PID $p \(\"sleep $life\"\) finished in 0:0[0-9] minutes"
	'
else
	skip '--pid: a process of another user' 'needs root and setpriv'
fi

done_testing
