#!/bin/sh
# ntfy test: one test notification per backend, a line for each, exit 1 when
# any failed, never a retry or a queued notification.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

rec=$TEST_TMP/rec.jsonl

check 'the file backend: delivered in N ms, and the notification is there' '
	ntfy -b file -o path "$rec" test > out
	grep -Eqx "file: delivered in [0-9]+ ms" out
	[ "$(wc -l < out)" -eq 1 ]
	json_field "$rec" 1 message | grep -q "Test notification from ntfy through .file."
'

check 'a failing path: failed with the reason, exit 1' '
	expect_status 1 ntfy -b file -o path /nonexistent/dir/x test > out
	grep -qx "file: failed: cannot open .*/nonexistent/dir/x.*" out
'

check 'test -b: only those, one line each, the failure does not stop the rest' '
	cat > "$HOME/bad.ini" <<INI
backends = ok
[ok]
backend = file
path = $rec
[bad]
backend = file
path = /nonexistent/dir/y
INI
	expect_status 1 ntfy -c "$HOME/bad.ini" test -b bad -b ok > out
	sed -n 1p out | grep -q "^bad: failed: cannot open"
	sed -n 2p out | grep -Eq "^ok: delivered in [0-9]+ ms$"
	[ "$(wc -l < out)" -eq 2 ]
	ntfy -c "$HOME/bad.ini" test > out
	grep -Eqx "ok: delivered in [0-9]+ ms" out
'

check 'the configured backends by default, NTFY_BACKENDS too' '
	NTFY_BACKENDS=file ntfy -o path "$rec" test > out
	grep -Eqx "file: delivered in [0-9]+ ms" out
'

check 'an unknown backend: exit 78; stray arguments: exit 64' '
	expect_status 78 ntfy test -b nosuch 2> err
	grep -q "unknown backend .nosuch." err
	expect_status 64 ntfy test extra 2> err
	grep -q "usage: ntfy \[options\] test" err
	expect_status 64 ntfy test -x 2> err
'

if ntfy backends --names | grep -qx ntfy_sh; then
	check 'a network backend that cannot connect: failed at once, nothing queued' '
		port=$(/usr/bin/python3 -c "import socket
s = socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])")
		start=$(date +%s)
		expect_status 1 ntfy -b ntfy_sh -o topic t \
			-o endpoint "http://127.0.0.1:$port" \
			-o retry_budget 30 test > out
		[ $(($(date +%s) - start)) -lt 10 ]
		grep -q "^ntfy_sh: failed: " out
		[ -z "$(find "$XDG_STATE_HOME" -type f 2>/dev/null)" ]
	'
	check 'a server error with escapes and C1 controls: each a ?' '
		start_httpd evil --script 400 \
			--body "$(printf "no\033]52;c;eA==\007pe\302\2332J\342\200\256")"
		expect_status 1 ntfy -b ntfy_sh -o topic t -o endpoint \
			"http://127.0.0.1:$(httpd_port evil)" test > out
		terminal_safe out
		grep -qx "ntfy_sh: failed: HTTP 400: no ]52;c;eA== pe?2J?" out
	'
else
	skip 'a network backend that cannot connect' 'no ntfy_sh backend'
	skip 'a server error with escapes and C1 controls' 'no ntfy_sh backend'
fi

done_testing
