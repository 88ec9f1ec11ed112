#!/bin/sh
# The spool: what cannot be delivered now waits, and goes out once.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

spool=$XDG_STATE_HOME/ntfy/spool
# A free port: start a server to get one, then stop it.
start_httpd probe
P=$(httpd_port probe)
stop_httpd probe
cat > cfg.ini <<EOF2
retry_budget = 0
[ntfy_sh]
topic = spooltest
endpoint = http://127.0.0.1:$P
[bad]
backend = ntfy_sh
topic = spooltest
endpoint = http://127.0.0.1:$P/refuse
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
	[ "$(queued)" = 1 ]
	[ "$(stat -c %a "$spool")" = 700 ]
	[ "$(stat -c %a "$spool"/*.json)" = 600 ]
	ntfy -c cfg.ini queue > list
	grep -q "ntfy_sh  1 attempt, first .*  first$" list
	grep -q "last error: .*onnect" list
'

check 'queue flush with the server up delivers it exactly once' '
	start_httpd srv --port "$P"
	ntfy -c cfg.ini queue flush
	[ "$(requests srv)" = 1 ]
	[ "$(req srv 1 "r[\"body\"]")" = first ]
	[ "$(queued)" = 0 ]
	ntfy -c cfg.ini queue flush
	[ "$(requests srv)" = 1 ]
	stop_httpd srv
'

check 'the next send resends what waits first, oldest first' '
	expect_status 1 ntfy -c cfg.ini -b ntfy_sh send second 2> err
	expect_status 1 ntfy -c cfg.ini -b ntfy_sh send third 2> err
	[ "$(queued)" = 2 ]
	start_httpd srv --port "$P"
	ntfy -c cfg.ini -b ntfy_sh send fourth
	[ "$(requests srv)" = 3 ]
	[ "$(req srv 1 "r[\"body\"]")" = second ]
	[ "$(req srv 2 "r[\"body\"]")" = third ]
	[ "$(req srv 3 "r[\"body\"]")" = fourth ]
	[ "$(queued)" = 0 ]
	stop_httpd srv
'

check 'PERMFAIL is never queued' '
	start_httpd srv --port "$P" --script 404
	expect_status 1 ntfy -c cfg.ini -b bad send refused 2> err
	grep -q "HTTP 404" err
	[ "$(queued)" = 0 ]
	stop_httpd srv
'

check 'queue drop ID, queue drop' '
	expect_status 1 ntfy -c cfg.ini -b ntfy_sh send d1 2> /dev/null
	expect_status 1 ntfy -c cfg.ini -b ntfy_sh send d2 2> /dev/null
	[ "$(queued)" = 2 ]
	id=$(ntfy -c cfg.ini queue | head -1 | cut -d" " -f1)
	ntfy -c cfg.ini queue drop "$id"
	[ "$(queued)" = 1 ]
	expect_status 1 ntfy -c cfg.ini queue drop nosuch 2> err
	grep -q "no queued notification .nosuch." err
	ntfy -c cfg.ini queue drop
	[ "$(queued)" = 0 ]
	expect_status 64 ntfy queue frob 2> /dev/null
'

check 'entries older than spool_max_age are dropped with a line' '
	expect_status 1 ntfy -c cfg.ini -b ntfy_sh send old 2> /dev/null
	[ "$(queued)" = 1 ]
	sleep 2
	{ echo "spool_max_age = 1s"; cat cfg.ini; } > age.ini
	chmod 600 age.ini
	start_httpd srv --port "$P"
	ntfy -c age.ini -b ntfy_sh send new 2> err
	grep -q "dropped: older than spool_max_age" err
	[ "$(requests srv)" = 1 ]
	[ "$(req srv 1 "r[\"body\"]")" = new ]
	[ "$(queued)" = 0 ]
	stop_httpd srv
'

check 'a URL target and its -o survive the spool' '
	expect_status 1 ntfy -c cfg.ini -b "ntfy://tk_spooled@127.0.0.1:$P/urltopic" \
		-o priority 5 send viaurl 2> err
	refute grep -q tk_spooled err
	[ "$(queued)" = 1 ]
	start_httpd srv --port "$P"
	ntfy -c cfg.ini queue flush
	[ "$(req srv 1 "r[\"path\"]")" = /urltopic ]
	[ "$(req srv 1 "r[\"headers\"][\"authorization\"]")" = "Bearer tk_spooled" ]
	[ "$(req srv 1 "r[\"headers\"][\"x-priority\"]")" = 5 ]
	stop_httpd srv
'

check '50 concurrent sends, server down then up: 50 delivered, none twice' '
	i=0
	pids=
	while [ $i -lt 50 ]; do
		ntfy -c cfg.ini -b ntfy_sh send "m$i" 2> /dev/null &
		pids="$pids $!"
		i=$((i + 1))
	done
	for p in $pids; do wait "$p" || true; done
	[ "$(queued)" = 50 ]
	start_httpd srv --port "$P"
	i=0
	pids=
	while [ $i -lt 10 ]; do
		ntfy -c cfg.ini queue flush &
		pids="$pids $!"
		i=$((i + 1))
	done
	for p in $pids; do wait "$p"; done
	[ "$(requests srv)" = 50 ]
	messages srv > got
	i=0
	while [ $i -lt 50 ]; do echo "m$i"; i=$((i + 1)); done | sort > want
	diff want got
	[ "$(queued)" = 0 ]
	stop_httpd srv
'

done_testing
