#!/bin/sh
# The spool: what cannot be delivered now waits, and goes out once.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

spool=$XDG_STATE_HOME/ntfy/spool
# One server for the whole file, down until a check brings it up: its port
# stays the same, as the spool needs, and no other test can take it.
touch "$TEST_TMP/srv.down"
start_httpd srv --down-file "$TEST_TMP/srv.down"
P=$(httpd_port srv)
start_httpd refuse --script 404
R=$(httpd_port refuse)
server_up() {
	: > srv/log
	rm -f "$TEST_TMP/srv.down"
}
server_down() {
	touch "$TEST_TMP/srv.down"
}
cat > cfg.ini <<EOF2
retry_budget = 0
[ntfy_sh]
topic = spooltest
endpoint = http://127.0.0.1:$P
[bad]
backend = ntfy_sh
topic = spooltest
endpoint = http://127.0.0.1:$R
EOF2
chmod 600 cfg.ini

queued() {
	ls "$spool" 2>/dev/null | grep -c "\.json$" || true
}

# messages DIR: the bodies the server got, one a line, sorted.
messages() {
	/usr/bin/python3 -c 'import json,sys
for l in open(sys.argv[1]):
    print(json.loads(l)["body"])' "$1/log" | sort
}

check 'server down: queued, exit 1, a 0600 file in a 0700 dir' '
	expect_status 1 ntfy -c cfg.ini -b ntfy_sh send first 2> err
	grep -q "queued after 1 attempt, the next ntfy run sends it" err
	is "$(queued)" 1
	[ "$(stat -c %a "$spool")" = 700 ]
	[ "$(stat -c %a "$spool"/*.json)" = 600 ]
	ntfy -c cfg.ini queue > list
	grep -q "ntfy_sh  1 attempt, first .*  first$" list
	grep -q "last error: .*onnect" list
'

check 'queue flush with the server up delivers it exactly once' '
	server_up
	ntfy -c cfg.ini queue flush
	is "$(requests srv)" 1
	is "$(req srv 1 "r[\"body\"]")" first
	is "$(queued)" 0
	ntfy -c cfg.ini queue flush
	is "$(requests srv)" 1
	server_down
'

check 'the next send resends what waits first, oldest first' '
	expect_status 1 ntfy -c cfg.ini -b ntfy_sh send second 2> err
	expect_status 1 ntfy -c cfg.ini -b ntfy_sh send third 2> err
	is "$(queued)" 2
	server_up
	ntfy -c cfg.ini -b ntfy_sh send fourth
	is "$(requests srv)" 3
	is "$(req srv 1 "r[\"body\"]")" second
	is "$(req srv 2 "r[\"body\"]")" third
	is "$(req srv 3 "r[\"body\"]")" fourth
	is "$(queued)" 0
	server_down
'

check 'PERMFAIL is never queued' '
	expect_status 1 ntfy -c cfg.ini -b bad send refused 2> err
	grep -q "HTTP 404" err
	is "$(queued)" 0
'

check 'queue drop ID, queue drop' '
	expect_status 1 ntfy -c cfg.ini -b ntfy_sh send d1 2> /dev/null
	expect_status 1 ntfy -c cfg.ini -b ntfy_sh send d2 2> /dev/null
	is "$(queued)" 2
	id=$(ntfy -c cfg.ini queue | head -1 | cut -d" " -f1)
	ntfy -c cfg.ini queue drop "$id"
	is "$(queued)" 1
	expect_status 1 ntfy -c cfg.ini queue drop nosuch 2> err
	grep -q "no queued notification .nosuch." err
	ntfy -c cfg.ini queue drop
	is "$(queued)" 0
	expect_status 64 ntfy queue frob 2> /dev/null
'

check 'entries older than spool_max_age are dropped with a line' '
	expect_status 1 ntfy -c cfg.ini -b ntfy_sh send old 2> /dev/null
	is "$(queued)" 1
	sleep 2
	{ echo "spool_max_age = 1s"; cat cfg.ini; } > age.ini
	chmod 600 age.ini
	server_up
	ntfy -c age.ini -b ntfy_sh send new 2> err
	grep -q "dropped: older than spool_max_age" err
	is "$(requests srv)" 1
	is "$(req srv 1 "r[\"body\"]")" new
	is "$(queued)" 0
	server_down
'

check 'a URL target and its -o survive the spool' '
	expect_status 1 ntfy -c cfg.ini -b "ntfy://tk_spooled@127.0.0.1:$P/urltopic" \
		-o priority 5 send viaurl 2> err
	refute grep -q tk_spooled err
	is "$(queued)" 1
	server_up
	ntfy -c cfg.ini queue flush
	is "$(req srv 1 "r[\"path\"]")" /urltopic
	[ "$(req srv 1 "r[\"headers\"][\"authorization\"]")" = "Bearer tk_spooled" ]
	is "$(req srv 1 "r[\"headers\"][\"x-priority\"]")" 5
	server_down
'

check 'a title and -o values that are not UTF-8 survive the spool' '
	# A spool and server of its own: a failure here leaves nothing behind.
	XDG_STATE_HOME=$TEST_TMP/state-nonutf8
	export XDG_STATE_HOME
	touch "$TEST_TMP/nonutf8.down"
	start_httpd nonutf8 --down-file "$TEST_TMP/nonutf8.down"
	e=http://127.0.0.1:$(httpd_port nonutf8)
	d=$(printf "build\377dir")
	mkdir -p "$d"
	(cd "$d" && expect_status 1 ntfy -c "$TEST_TMP/cfg.ini" -b ntfy_sh \
		-o endpoint "$e" -o tags "$(printf "t\377")" send nonutf8 2> err)
	grep -q "queued after" "$d/err"
	# Text is repaired; an option value is kept byte for byte.
	/usr/bin/python3 -c "import json, sys
e = json.load(open(sys.argv[1]))
assert e[\"title\"].endswith(\"build\ufffddir\"), e
assert e[\"options\"][\"tags\"] == [116, 255], e" \
		"$XDG_STATE_HOME"/ntfy/spool/*.json
	rm "$TEST_TMP/nonutf8.down"
	ntfy -c cfg.ini queue flush
	refute ls "$XDG_STATE_HOME"/ntfy/spool/*.json 2> /dev/null
	is "$(req nonutf8 1 "r[\"body\"]")" nonutf8
	req nonutf8 1 "r[\"headers\"][\"x-tags\"]" | grep -q "^=?UTF-8?B?"
'

# Under valgrind fewer senders: 100 of them at once would slow every other
# test running beside this one for a minute.
many=50 more=100
[ -z "${NTFY_VALGRIND:-}" ] || many=20 more=25

check "$many concurrent sends, server down then up: each delivered once" '
	i=0
	pids=
	while [ $i -lt $many ]; do
		ntfy -c cfg.ini -b ntfy_sh send "m$i" 2> /dev/null &
		pids="$pids $!"
		i=$((i + 1))
	done
	for p in $pids; do wait "$p" || true; done
	is "$(queued)" $many
	server_up
	i=0
	pids=
	while [ $i -lt 10 ]; do
		ntfy -c cfg.ini queue flush &
		pids="$pids $!"
		i=$((i + 1))
	done
	for p in $pids; do wait "$p"; done
	is "$(requests srv)" $many
	messages srv > got
	i=0
	while [ $i -lt $many ]; do echo "m$i"; i=$((i + 1)); done | sort > want
	diff want got
	is "$(queued)" 0
	server_down
'

check 'a service failing for now is tried once per run, not once per queued one' '
	start_httpd busy --script 503
	b="http://127.0.0.1:$(httpd_port busy)"
	for m in a b c; do
		expect_status 1 ntfy -c cfg.ini -b ntfy_sh -o endpoint "$b" send "$m" 2> /dev/null
	done
	is "$(queued)" 3
	# a; then a again and b; then a again, b skipped, c.
	is "$(requests busy)" 5
	ntfy -c cfg.ini queue > list
	grep -q "not tried: the service failed just before" list
	ntfy -c cfg.ini queue drop
'

check "$more concurrent sends, 30% of requests failing: each delivered once" '
	start_httpd rnd --fail-rate 0.3
	e="http://127.0.0.1:$(httpd_port rnd)"
	i=0
	pids=
	while [ $i -lt $more ]; do
		ntfy -c cfg.ini -b ntfy_sh -o endpoint "$e" send "r$i" 2> /dev/null &
		pids="$pids $!"
		i=$((i + 1))
	done
	for p in $pids; do wait "$p" || true; done
	n=0
	while [ "$(queued)" != 0 ] && [ $n -lt 40 ]; do
		ntfy -c cfg.ini queue flush 2> /dev/null || true
		n=$((n + 1))
	done
	is "$(queued)" 0
	[ -z "$(ls -A "$spool" | grep -v "^\.lock$")" ] || { ls -A "$spool"; false; }
	/usr/bin/python3 -c "import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r[\"status\"] == 200:
        print(r[\"body\"])" rnd/log | sort > got
	i=0
	while [ $i -lt $more ]; do echo "r$i"; i=$((i + 1)); done | sort > want
	diff want got
	grep -q "\"status\": 503" rnd/log
'

check 'queue: the text, target and error it lists are cleaned' '
	mkdir -p "$spool"
	# The error text came from a server, the rest from a command.
	cat > "$spool/1-000000001-1-0.json" <<EOF2
{"version":1,"target":"ev\u001b]0;il","options":{"odd":{}},"title":"T",
 "message":"m\u009b2J\u202eg","command":null,"retcode":null,"signal":0,
 "duration":-1,"host":"h","time":1,"attempts":1,"first_failure":1,
 "last_attempt":1,"last_error":"HTTP 400: \u001b]52;c;eA==\u0007\u009b31m"}
EOF2
	ntfy -c cfg.ini queue > list 2> err
	rm "$spool/1-000000001-1-0.json"
	grep -q "1-000000001-1-0.json.: option .odd. is not text; ignored" err
	terminal_safe list
	grep -q "^1-000000001-1-0  ev?\]0;il  1 attempt, .*  m?2J?g$" list
	grep -q "^    last error: HTTP 400: ?\]52;c;eA==??31m$" list
'

done_testing
