#!/bin/sh
# Files ntfy reads that are FIFOs (or worse): refused at once, never waited on.
. "$TEST_SRCDIR/lib.sh"

rec=$TEST_TMP/rec.jsonl

# unblock FIFO: should ntfy wait on FIFO, open and close it every second
# after a few, so that the wait ends and the check fails instead of hanging
# the suite.
unblock() {
	( sleep 3; i=0; while [ "$i" -lt 30 ] && [ -p "$1" ]; do
		exec 3<> "$1"; exec 3>&-; sleep 1; i=$((i + 1)); done
	) 2> /dev/null &
	echo $! >> "$TEST_TMP/unblock.pids"
}
unblock_cleanup() {
	[ -f "$TEST_TMP/unblock.pids" ] || return 0
	while read -r pid; do
		kill "$pid" 2> /dev/null
	done < "$TEST_TMP/unblock.pids"
}
test_cleanup_cmds="$test_cleanup_cmds unblock_cleanup;"

# fifo_config HOW FIFO: a FIFO as config, given by -c, $NTFY_CONFIG or
# found in the XDG directory: exit 78 at once, one line naming the file.
fifo_config() {
	mkdir -p "$(dirname "$2")"
	mkfifo "$2"
	unblock "$2"
	case $1 in
	-c)	expect_status 78 ntfy -c "$2" -b file -o path "$rec" send x \
			2> err ;;
	env)	NTFY_CONFIG=$2 expect_status 78 ntfy -b file -o path "$rec" \
			send x 2> err ;;
	xdg)	expect_status 78 ntfy -b file -o path "$rec" send x 2> err ;;
	esac
	rm "$2"
	same err "ntfy: cannot read config '$2': it is a FIFO, not a regular file"
}

check 'a FIFO given with -c: exit 78 at once, naming it' '
	fifo_config -c "$TEST_TMP/c.fifo"
	[ ! -e "$rec" ]
'

check 'a FIFO in $NTFY_CONFIG: exit 78 at once' '
	fifo_config env "$TEST_TMP/env.fifo"
'

check 'a FIFO at ~/.config/ntfy/ntfy.ini: exit 78 at once, done too' '
	fifo_config xdg "$XDG_CONFIG_HOME/ntfy/ntfy.ini"
	mkfifo "$XDG_CONFIG_HOME/ntfy/ntfy.ini"
	unblock "$XDG_CONFIG_HOME/ntfy/ntfy.ini"
	expect_status 78 ntfy done true 2> err
	rm "$XDG_CONFIG_HOME/ntfy/ntfy.ini"
	grep -q "it is a FIFO, not a regular file" err
'

check 'a device as config is no config either' '
	expect_status 78 ntfy -c /dev/null send x 2> err
	same err "ntfy: cannot read config '\''/dev/null'\'': it is a device, not a regular file"
'

check 'config import from a FIFO: exit 78 at once' '
	mkfifo in.fifo
	unblock in.fifo
	start=$(date +%s%3N)
	expect_status 78 ntfy config import -o out.ini in.fifo 2> err
	took_under 2500 "$start" "$(date +%s%3N)"
	grep -q "cannot read .in.fifo.: not a regular file" err
	[ ! -e out.ini ]
'

check 'a FIFO as ca_file: exit 78 naming backend and option' '
	mkfifo ca.fifo
	unblock ca.fifo
	expect_status 78 ntfy -b webhook -o url http://127.0.0.1:9/ \
		-o ca_file ca.fifo send x 2> err
	same err "ntfy: backend '\''webhook'\'': option '\''ca_file'\'': cannot read '\''ca.fifo'\'': it is a FIFO, not a regular file"
'

check 'a FIFO in the spool is skipped, the queue still listed' '
	spool=$XDG_STATE_HOME/ntfy/spool
	mkdir -p "$spool"
	mkfifo "$spool/0001.json"
	unblock "$spool/0001.json"
	start=$(date +%s%3N)
	ntfy queue > out 2> err
	took_under 2500 "$start" "$(date +%s%3N)"
	rm "$spool/0001.json"
	grep -q "0001.json. is not a queued notification; ignored" err
'

check 'file backend: a FIFO nobody reads fails at once, exit 1' '
	mkfifo out.fifo
	unblock out.fifo
	expect_status 1 ntfy -b file -o path out.fifo send x 2> err
	grep -q "cannot open .out.fifo.: it is a FIFO that no process reads" err
'

check 'file backend: a FIFO with a reader gets the line' '
	mkfifo read.fifo
	cat read.fifo > got &
	reader=$!
	i=0
	until ntfy -b file -o path read.fifo send "through a pipe" 2> err; do
		i=$((i + 1)); [ "$i" -lt 50 ] || { cat err; exit 1; }
		sleep 0.1
	done
	wait "$reader"
	[ "$(json_field got 1 message)" = "through a pipe" ]
'

check 'file backend: a directory or socket is refused, exit 1' '
	mkdir adir
	expect_status 1 ntfy -b file -o path adir send x 2> err
	grep -q "cannot open .adir.: Is a directory" err
	/usr/bin/python3 -c "import socket; socket.socket(socket.AF_UNIX).bind(\"sock\")"
	expect_status 1 ntfy -b file -o path sock send x 2> err
	grep -q "cannot open .sock.: it is a socket, not a regular file" err
'

done_testing
