#!/bin/sh
# The network core: retries, timeouts, TLS, parallel sends, odd messages,
# redirects and secrets in logs.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

start_httpd flaky --script 503,503,200
start_httpd slow --delay 30
start_httpd par --delay 3
start_httpd ok
start_httpd e500 --script 500
start_httpd moved --script 302 --header 'Location: https://elsewhere.example/x'
start_httpd tofile --script 301 --header 'Location: file:///etc/passwd'
start_httpd huge --mode huge
start_httpd cut --mode cut
start_httpd garbage --mode garbage
start_httpd badjson --body '{"id": "x", "event": '
port() { httpd_port "$1"; }

# now_ms: wall clock in milliseconds.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

check '503 twice then 200: delivered, exit 0, three requests' '
	ntfy -v -b ntfy_sh -o topic t -o endpoint "http://127.0.0.1:$(port flaky)" send x 2> err
	[ "$(requests flaky)" = 3 ]
	grep -q "HTTP 503.*trying again in 1 s" err
	grep -q "trying again in 2 s" err
	grep -q "ntfy_sh: delivered" err
'

check 'a slow server past the timeout: given up in time, exit 1' '
	start=$(now_ms)
	expect_status 1 ntfy -b ntfy_sh -o topic t -o endpoint "http://127.0.0.1:$(port slow)" \
		-o timeout 1 -o retry_budget 0 send x 2> err
	end=$(now_ms)
	took_under 15000 "$start" "$end"	# the server answers after 30 s
	grep -q "no answer in time" err
	grep -q "queued" err
'

check 'four backends whose server takes 3 s finish together, not in 12 s' '
	cat > par.ini <<-INI
	backends = a, b, c, d
	[a]
	backend = ntfy_sh
	topic = a
	endpoint = http://127.0.0.1:$(port par)
	[b]
	backend = ntfy_sh
	topic = b
	endpoint = http://127.0.0.1:$(port par)
	[c]
	backend = pushjet
	secret = abcdefghijklmnopqrstuvwxyzABCDEF
	endpoint = http://127.0.0.1:$(port par)
	[d]
	backend = ntfy_sh
	topic = d
	endpoint = http://127.0.0.1:$(port par)
	INI
	chmod 600 par.ini
	ntfy queue drop 2> /dev/null	# nothing queued may join this send
	start=$(now_ms)
	ntfy -c par.ini send x
	end=$(now_ms)
	[ "$(requests par)" = 4 ]
	# One at a time takes 12 s or more; ASan on a busy machine adds a few
	# seconds of start-up, so 9 s still tells them apart.
	took_under 9000 "$start" "$end"
'

check 'a 1 MB message, invalid UTF-8 and a title with newlines' '
	head -c 1048576 /dev/zero | tr "\0" a | ntfy -b pushjet -o secret s3cr3t \
		-o endpoint "http://127.0.0.1:$(port ok)" send
	[ "$(req ok 1 "len(r[\"form\"][\"message\"])")" = 1048576 ]
	printf "bad \377 byte" | ntfy -b ntfy_sh -o topic t -o endpoint "http://127.0.0.1:$(port ok)" send
	[ "$(req ok 2 "r[\"body_valid_utf8\"]")" = True ]
	[ "$(req ok 2 "r[\"body\"]")" = "bad � byte" ]
	ntfy -b ntfy_sh -o topic t -o endpoint "http://127.0.0.1:$(port ok)" -t "two
lines" send x
	[ "$(req ok 3 "r[\"headers\"][\"x-title\"]")" = "two lines" ]
'

check 'redirects are not followed' '
	expect_status 1 ntfy -b ntfy_sh -o topic t -o endpoint "http://127.0.0.1:$(port moved)" send x 2> err
	grep -q "HTTP 302: redirected to https://elsewhere.example/x" err
	[ "$(requests moved)" = 1 ]
'

check 'a redirect to file:// is refused, not followed' '
	expect_status 1 ntfy -b ntfy_sh -o topic t -o endpoint "http://127.0.0.1:$(port tofile)" send x 2> err
	grep -q "HTTP 301: redirected to file:///etc/passwd" err
	refute grep -q root: err
	[ "$(requests tofile)" = 1 ]
'

check 'a 100 MB reply: read up to 1 MiB, then the connection is dropped' '
	expect_status 1 ntfy -b ntfy_sh -o topic t -o endpoint "http://127.0.0.1:$(port huge)" send x 2> err
	grep -q "HTTP 200, but the reply is not an ntfy message" err
	[ "$(requests huge)" = 1 ]
	wait_for test -s huge/log.sent
	[ "$(cat huge/log.sent)" -lt $((32 * 1024 * 1024)) ]
'

check 'a server that closes mid-reply: a clear error, queued, no crash' '
	expect_status 1 ntfy -b ntfy_sh -o topic t -o endpoint "http://127.0.0.1:$(port cut)" \
		-o retry_budget 0 send x 2> err
	grep -q "ntfy_sh: .*closed\|ntfy_sh: .*transfer" err
	grep -q "queued" err
	[ $(wc -l < err) -le 3 ]
'

check 'a server that does not speak HTTP: a clear error, no crash' '
	expect_status 1 ntfy -b ntfy_sh -o topic t -o endpoint "http://127.0.0.1:$(port garbage)" \
		-o retry_budget 0 send x 2> err
	grep -q "ntfy_sh: " err
	[ $(wc -l < err) -le 3 ]
'

check 'malformed JSON in a 200 reply: each parser says what is wrong' '
	e="http://127.0.0.1:$(port badjson)"
	while read -r name opts; do
		# shellcheck disable=SC2086
		expect_status 1 ntfy -b "$name" $opts -o retry_budget 0 send x 2> err
		[ "$(wc -l < err)" = 1 ] || { cat err; false; }
		grep -q "^ntfy: $name: .*reply" err || { cat err; false; }
	done <<-EOF
	pushover -o endpoint $e -o user_key uQiRzpo4DXghDmr9QzzfQu27cmVRsG -o api_token azGDORePK8gMaC0QOYAMyEEuzJnyUi
	ntfy_sh -o endpoint $e -o topic t
	gotify -o endpoint $e -o token abc
	telegram -o endpoint $e -o token 123:abc -o chat_id 1
	matrix -o url $e -o roomId !r:x -o token abc
	rocketchat -o url $e -o username u -o password p -o room #g
	slack -o endpoint $e -o token xoxb-1 -o recipient #g
	simplepush -o endpoint $e -o key abc
	insta -o endpoint $e -o appid a -o secret s -o event_name e -o trackers t
	pushjet -o endpoint $e -o secret abc
	prowl -o endpoint $e -o api_key 0123456789abcdef0123456789abcdef01234567
	EOF
'

check 'only http and https endpoints' '
	expect_status 1 ntfy -b ntfy_sh -o topic t -o endpoint "file:///etc/passwd" send x 2> err
	grep -q "must be an http:// or https:// URL" err
	expect_status 1 ntfy -b ntfy_sh -o topic t -o endpoint "ftp://127.0.0.1/" send x 2> err
	grep -q "must be an http:// or https:// URL" err
'

check 'bad timeout values are named' '
	expect_status 1 ntfy -b ntfy_sh -o topic t -o endpoint "http://127.0.0.1:$(port ok)" \
		-o timeout soon send x 2> err
	grep -q "option .timeout. must be a number of seconds" err
'

check 'timeout keys at the top of the config apply' '
	printf "timeout = 1\nretry_budget = 0\n[ntfy_sh]\ntopic = t\nendpoint = http://127.0.0.1:%s\n" \
		"$(port slow)" > top.ini
	start=$(now_ms)
	expect_status 1 ntfy -c top.ini -b ntfy_sh send x 2> err
	end=$(now_ms)
	took_under 15000 "$start" "$end"	# the server answers after 30 s
'

check 'secrets never in the output of a failing run with -v' '
	cat > sec.ini <<-INI
	retry_budget = 1
	[ntfy_sh]
	topic = t
	token = tk_verysecret123
	endpoint = http://127.0.0.1:$(port e500)
	[po]
	backend = pushover
	user_key = uQiRzpo4DXghDmr9QzzfQu27cmVRsG
	api_token = azGDORePK8gMaC0QOYAMyEEuzJnyUi
	endpoint = http://127.0.0.1:$(port e500)
	retry_budget = 0
	INI
	chmod 600 sec.ini
	expect_status 1 ntfy -v -c sec.ini -b ntfy_sh -b po \
		-b "ntfy://me:hunter2pw@127.0.0.1:$(port e500)/t" send x > out 2>&1
	grep -q "POST http://127.0.0.1:[0-9]*/\*\*\*\*\*\*\*\*: HTTP 500" out
	refute grep -e tk_verysecret123 -e uQiRzpo4DXghDmr9QzzfQu27cmVRsG \
		-e azGDORePK8gMaC0QOYAMyEEuzJnyUi -e hunter2pw out
	ntfy -c sec.ini queue > q 2>&1
	refute grep -e tk_verysecret123 -e hunter2pw q
'

check 'a secret over http:// to another host: one warning that names the backend' '
	: > ok/log
	# 0.0.0.0 is no loopback name, yet Linux connects it to this machine.
	ntfy -b ntfy_sh -o topic alerts -o endpoint "http://0.0.0.0:$(port ok)" send x 2> err
	[ "$(requests ok)" = 1 ]
	grep -q "^ntfy: warning: ntfy_sh: its secrets go unencrypted to 0.0.0.0 (endpoint is http://, not https://)$" err
	expect_status 1 ntfy -b ntfy_sh -o topic alerts -o retry_budget 2 \
		-o endpoint "http://0.0.0.0:$(port e500)" send x 2> err
	grep -q "queued after [2-9] attempts" err
	[ "$(grep -c unencrypted err)" = 1 ]
	ntfy queue drop
'

check 'no warning without a secret, or for a host on this machine' '
	ntfy -b webhook -o url "http://0.0.0.0:$(port ok)/hook" send x 2> err
	for h in 127.0.0.1 localhost "[::1]" 127.0.0.2; do
		ntfy -b ntfy_sh -o topic alerts -o retry_budget 0 \
			-o endpoint "http://$h:$(port ok)" send x 2>> err || :
	done
	ntfy queue drop
	refute grep -q unencrypted err
'

openssl req -x509 -newkey rsa:2048 -nodes -keyout tls.key -out tls.crt \
	-days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
	> /dev/null 2>&1
start_httpd tls --tls tls.crt tls.key

check 'TLS: a self-signed certificate is refused without ca_file' '
	expect_status 1 ntfy -b ntfy_sh -o topic t -o endpoint "https://127.0.0.1:$(port tls)" send x 2> err
	grep -q "set ca_file" err
'

check 'TLS: delivered with ca_file, or with CURL_CA_BUNDLE' '
	: > tls/log
	# Generous timeouts: a TLS handshake under valgrind is slow.
	ntfy -b ntfy_sh -o topic t -o endpoint "https://127.0.0.1:$(port tls)" \
		-o connect_timeout 60 -o timeout 90 \
		-o ca_file "$TEST_TMP/tls.crt" send x
	[ "$(requests tls)" = 1 ]
	CURL_CA_BUNDLE=$TEST_TMP/tls.crt ntfy -b ntfy_sh -o topic t \
		-o connect_timeout 60 -o timeout 90 \
		-o endpoint "https://127.0.0.1:$(port tls)" send y
	[ "$(requests tls)" = 2 ]
'

done_testing
