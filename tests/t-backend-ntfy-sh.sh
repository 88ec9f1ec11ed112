#!/bin/sh
# ntfy.sh: body, headers, tags, auth and the JSON reply.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

start_httpd ok
start_httpd bad --script 400 \
	--body '{"code":40007,"http":400,"error":"invalid priority parameter"}'
start_httpd html --body '<html>captive portal</html>'
OK=http://127.0.0.1:$(httpd_port ok)

nt() {
	ntfy -b ntfy_sh -o endpoint "$OK" -o topic alerts "$@"
}

check 'POST /topic with a UTF-8 body and the title' '
	nt -t "plain title" send "café ✅"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /alerts ]
	[ "$(req ok 1 "r[\"body\"]")" = "café ✅" ]
	[ "$(req ok 1 "r[\"body_valid_utf8\"]")" = True ]
	[ "$(req ok 1 "r[\"headers\"][\"x-title\"]")" = "plain title" ]
	[ "$(req ok 1 "r[\"headers\"].get(\"x-tags\")")" = null ]
	[ "$(req ok 1 "r[\"headers\"].get(\"authorization\")")" = null ]
'

check 'a non-ASCII title is RFC 2047 encoded' '
	: > ok/log
	nt -t "Tïtle ✅" send x
	[ "$(req ok 1 "r[\"headers\"][\"x-title\"]")" = "=?UTF-8?B?VMOvdGxlIOKchQ==?=" ]
	/usr/bin/python3 -c "import email.header,sys; print(str(email.header.make_header(email.header.decode_header(sys.argv[1]))))" \
		"$(req ok 1 "r[\"headers\"][\"x-title\"]")" > t
	same t "Tïtle ✅"
'

check 'priority, tags, click, icon, markdown, delay, email' '
	: > ok/log
	nt -o priority high -o tags "warning,skull" -o click https://example.org/c \
		-o icon https://example.org/i.png -o markdown yes -o delay 30m \
		-o email me@example.org send x
	[ "$(req ok 1 "r[\"headers\"][\"x-priority\"]")" = 4 ]
	[ "$(req ok 1 "r[\"headers\"][\"x-tags\"]")" = warning,skull ]
	[ "$(req ok 1 "r[\"headers\"][\"x-click\"]")" = https://example.org/c ]
	[ "$(req ok 1 "r[\"headers\"][\"x-icon\"]")" = https://example.org/i.png ]
	[ "$(req ok 1 "r[\"headers\"][\"x-markdown\"]")" = yes ]
	[ "$(req ok 1 "r[\"headers\"][\"x-delay\"]")" = 30m ]
	[ "$(req ok 1 "r[\"headers\"][\"x-email\"]")" = me@example.org ]
	nt -o priority 1 send y
	[ "$(req ok 2 "r[\"headers\"][\"x-priority\"]")" = 1 ]
	expect_status 78 nt -o priority 6 send z 2> err
	grep -q "option .priority." err
'

check 'token is Bearer, user and password Basic' '
	: > ok/log
	nt -o token tk_abcdefg send a
	nt -o user me -o password secretpw send b
	[ "$(req ok 1 "r[\"headers\"][\"authorization\"]")" = "Bearer tk_abcdefg" ]
	[ "$(req ok 2 "r[\"headers\"][\"authorization\"]")" = "Basic bWU6c2VjcmV0cHc=" ]
	expect_status 78 nt -o user me send c 2> err
	grep -q "user.*password.*go together" err
'

openssl req -x509 -newkey rsa:2048 -nodes -keyout tls.key -out tls.crt \
	-days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
	> /dev/null 2>&1
start_httpd tls --tls tls.crt tls.key

check 'host as the Python ntfy took it: a name means https://NAME' '
	cat > host.ini <<-EOF
	[selfhosted]
	backend = ntfy_sh
	host = 127.0.0.1:$(httpd_port tls)
	topic = builds
	user = alice
	password = s3cr3t-pw
	connect_timeout = 60
	timeout = 90
	ca_file = $TEST_TMP/tls.crt
	EOF
	chmod 600 host.ini
	ntfy -c host.ini -b selfhosted send hi
	[ "$(requests tls)" = 1 ]
	[ "$(req tls 1 "r[\"path\"]")" = /builds ]
	[ "$(req tls 1 "r[\"headers\"][\"authorization\"]")" = "Basic YWxpY2U6czNjcjN0LXB3" ]
	: > ok/log
	ntfy -b ntfy_sh -o host "$OK" -o topic t2 send url
	[ "$(req ok 1 "r[\"path\"]")" = /t2 ]
	ntfy -b ntfy_sh -o host nowhere.invalid -o endpoint "$OK" -o topic t3 send both
	[ "$(req ok 2 "r[\"path\"]")" = /t3 ]
	expect_status 78 ntfy -b ntfy_sh -o host "a/b" -o topic t send x 2> err
	grep -q "option .host. must be a host name" err
'

check 'a key ntfy_sh lacks, with a password: exit 78, nothing sent' '
	: > ok/log
	printf "[sh]\nbackend = ntfy_sh\nendpoint = %s\nhots = x.example.org\ntopic = t\nuser = alice\npassword = s3cr3t-pw\n" "$OK" > typo.ini
	chmod 600 typo.ini
	expect_status 78 ntfy -c typo.ini -b sh send hi 2> err
	grep -q "^ntfy: typo.ini:4: \[sh\]: backend .ntfy_sh. has no option .hots., and this backend sends a secret: not sending it" err
	grep -q "write host instead" err
	refute grep -q s3cr3t-pw err
	expect_status 78 ntfy -c typo.ini config check 2> err
	grep -q "typo.ini:4: \[sh\]" err
	expect_status 78 ntfy -b ntfy_sh -o endpoint "$OK" -o topic t -o token tk_x \
		-o servr x.example.org send hi 2> err
	grep -q "^ntfy: -o servr: \[ntfy_sh\]: backend .ntfy_sh. has no option .servr." err
	expect_status 78 ntfy -o servr x.example.org -b ntfy_sh -o endpoint "$OK" \
		-o topic t -o token tk_x send hi 2> err
	grep -q "^ntfy: -o servr: \[ntfy_sh\]" err
	[ "$(requests ok)" = 0 ]
	# The topic is a read credential too: even without a password, a
	# typo keeps it from the default server.
	expect_status 78 ntfy -b ntfy_sh -o endpoint "$OK" -o topic t \
		-o servr x.example.org send nosecret 2> err
	grep -q "has no option .servr." err
	[ "$(requests ok)" = 0 ]
	# A network backend that sends no secret only warns.
	ntfy -b webhook -o url "$OK/hook" -o servr x.example.org send nosecret 2> err
	grep -q "has no option .servr." err
	[ "$(requests ok)" = 1 ]
'

check 'topic required and checked' '
	expect_status 78 ntfy -b ntfy_sh send x 2> err
	grep -q "needs option .topic." err
	expect_status 78 ntfy -b ntfy_sh -o topic "a/b" send x 2> err
	grep -q "option .topic. must be" err
'

check 'a body over 4096 bytes is cut with a warning' '
	: > ok/log
	head -c 100000 /dev/zero | tr "\0" "é" | nt send 2> err
	grep -q "longer than ntfy.s 4096 bytes" err
	[ "$(req ok 1 "r[\"length\"] <= 4096")" = True ]
	[ "$(req ok 1 "r[\"body_valid_utf8\"]")" = True ]
'

check '4xx: the error text shown, no retry' '
	expect_status 1 ntfy -b ntfy_sh -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o topic t send x 2> err
	grep -q "ntfy_sh: HTTP 400: invalid priority parameter" err
	[ "$(requests bad)" = 1 ]
'

check 'a reply that is not ntfy JSON is not a delivery' '
	expect_status 1 ntfy -b ntfy_sh -o endpoint "http://127.0.0.1:$(httpd_port html)" \
		-o topic t send x 2> err
	grep -q "not an ntfy message" err
'

check 'the topic, a read credential, never in -v output or an error' '
	expect_status 1 ntfy -v -b ntfy_sh -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o topic s3cr3t-topic send x 2> err
	grep -q "POST http://127.0.0.1:[0-9]*/\*\*\*\*\*\*\*\*: HTTP 400" err
	grep -q "ntfy_sh: HTTP 400: invalid priority parameter" err
	expect_status 1 ntfy -v -b "ntfy://127.0.0.1:$(httpd_port bad)/url-s3cr3t" send x 2>> err
	printf "[n]\nbackend = ntfy_sh\ntopic = ini-s3cr3t\nendpoint = %s\n" \
		"http://127.0.0.1:$(httpd_port bad)" > n.ini
	chmod 600 n.ini
	expect_status 1 ntfy -v -c n.ini -b n send x 2>> err
	ntfy -c n.ini config show >> err
	refute grep -e s3cr3t-topic -e url-s3cr3t -e ini-s3cr3t err
'

check 'ntfy://TOKEN@host:port/topic and ntfy://topic URLs' '
	: > ok/log
	ntfy -b "ntfy://tk_zzz@127.0.0.1:$(httpd_port ok)/urltopic" send a
	[ "$(req ok 1 "r[\"path\"]")" = /urltopic ]
	[ "$(req ok 1 "r[\"headers\"][\"authorization\"]")" = "Bearer tk_zzz" ]
	ntfy -b "ntfy://cloudtopic" -o endpoint "$OK" send b
	[ "$(req ok 2 "r[\"path\"]")" = /cloudtopic ]
	ntfy -b "ntfy://u:p@127.0.0.1:$(httpd_port ok)/t3?priority=5" send c
	[ "$(req ok 3 "r[\"headers\"][\"x-priority\"]")" = 5 ]
	[ "$(req ok 3 "r[\"headers\"][\"authorization\"]")" = "Basic dTpw" ]
	expect_status 78 ntfy -b "nope://x/y" send d 2> err
	grep -q "unknown URL scheme .nope://." err
'

done_testing
