#!/bin/sh
# Matrix: join and send with a token; log in once with a password and keep
# the access token; one transaction id for every attempt.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

TOK=syt_YWxpY2U_aGVsbG8gd29ybGQ_1a2b3c
PW=correct-horse-battery
# One body answers login, join and send (each reads its own field), and
# carries the error fields for the scripted 401.
BODY='{"access_token":"syt_from_login_xyz","user_id":"@bot:hs","device_id":"DEV","room_id":"!abc:hs","event_id":"$ev1:hs","errcode":"M_UNKNOWN_TOKEN","error":"Unknown access token"}'
start_httpd ok --body "$BODY"
start_httpd stale --script 200,200,200,401,200,200,200 --body "$BODY"
start_httpd flaky --script 200,503,200 --body "$BODY"
start_httpd forbidden --script 403 --body '{"errcode":"M_FORBIDDEN","error":"You are not invited to this room."}'
start_httpd badlogin --script 403 --body '{"errcode":"M_FORBIDDEN","error":"Invalid username or password"}'
OK=http://127.0.0.1:$(httpd_port ok)

body() {
	req "$1" "$2" "json.loads(r[\"body\"])$3"
}

check 'token: join the room, then PUT the event with a transaction id' '
	ntfy -b matrix -o url "$OK" -o roomId "#ops:hs" -o token "$TOK" \
		-t "box <1>" send "a & b
second line"
	[ "$(requests ok)" = 2 ]
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = "/_matrix/client/v3/join/#ops:hs" ]
	[ "$(req ok 1 "r[\"rawpath\"].lower()")" = "/_matrix/client/v3/join/%23ops%3ahs" ]
	[ "$(req ok 1 "r[\"headers\"][\"authorization\"]")" = "Bearer $TOK" ]
	[ "$(req ok 2 "r[\"method\"]")" = PUT ]
	req ok 2 "r[\"path\"]" | grep -q "^/_matrix/client/v3/rooms/!abc:hs/send/m.room.message/ntfy\.[0-9.]*$"
	[ "$(req ok 2 "r[\"headers\"][\"authorization\"]")" = "Bearer $TOK" ]
	[ "$(body ok 2 "[\"msgtype\"]")" = m.text ]
	[ "$(body ok 2 "[\"body\"]")" = "**box <1>** a & b
second line" ]
	[ "$(body ok 2 "[\"format\"]")" = org.matrix.custom.html ]
	[ "$(body ok 2 "[\"formatted_body\"]")" = "<b>box &lt;1&gt;</b> a &amp; b<br>second line" ]
'

check 'msgtype m.notice; anything else refused' '
	: > ok/log
	ntfy -b matrix -o url "$OK" -o roomId "!abc:hs" -o token "$TOK" -o msgtype m.notice send x
	[ "$(body ok 2 "[\"msgtype\"]")" = m.notice ]
	expect_status 78 ntfy -b matrix -o url "$OK" -o roomId "!abc:hs" -o token "$TOK" -o msgtype m.image send x 2> err
	grep -q "option .msgtype. must be m.text or m.notice" err
'

check 'userId and password: log in once, the token kept 0600' '
	: > ok/log
	ntfy -b matrix -o url "$OK" -o roomId "!abc:hs" -o userId @bot:hs -o password "$PW" send one
	[ "$(requests ok)" = 3 ]
	[ "$(req ok 1 "r[\"path\"]")" = /_matrix/client/v3/login ]
	[ "$(body ok 1 "[\"type\"]")" = m.login.password ]
	[ "$(body ok 1 "[\"identifier\"][\"type\"]")" = m.id.user ]
	[ "$(body ok 1 "[\"identifier\"][\"user\"]")" = @bot:hs ]
	[ "$(body ok 1 "[\"password\"]")" = "$PW" ]
	[ "$(req ok 3 "r[\"headers\"][\"authorization\"]")" = "Bearer syt_from_login_xyz" ]
	f=$(ls "$XDG_STATE_HOME"/ntfy/matrix/*.json)
	[ "$(stat -c %a "$f")" = 600 ]
	[ "$(stat -c %a "$XDG_STATE_HOME/ntfy/matrix")" = 700 ]
	grep -q syt_from_login_xyz "$f"
	refute grep -q "$PW" "$f"
	ntfy -b matrix -o url "$OK" -o roomId "!abc:hs" -o userId @bot:hs -o password "$PW" send two
	[ "$(requests ok)" = 5 ]
	[ "$(req ok 4 "r[\"path\"]")" = "/_matrix/client/v3/join/!abc:hs" ]
	[ "$(req ok 4 "r[\"headers\"][\"authorization\"]")" = "Bearer syt_from_login_xyz" ]
'

check 'a kept token the server forgot: log in again, once' '
	S=http://127.0.0.1:$(httpd_port stale)
	ntfy -b matrix -o url "$S" -o roomId "!abc:hs" -o userId @bot:hs -o password "$PW" send one
	[ "$(requests stale)" = 3 ]
	ntfy -v -b matrix -o url "$S" -o roomId "!abc:hs" -o userId @bot:hs -o password "$PW" send two 2> err
	[ "$(requests stale)" = 7 ]
	[ "$(req stale 4 "r[\"path\"]")" = "/_matrix/client/v3/join/!abc:hs" ]
	[ "$(req stale 5 "r[\"path\"]")" = /_matrix/client/v3/login ]
	[ "$(req stale 7 "r[\"method\"]")" = PUT ]
	grep -q "M_UNKNOWN_TOKEN.*logging in again" err
'

check 'a token option the server refuses: no login, exit 1' '
	: > stale/log
	expect_status 1 ntfy -b matrix -o url "http://127.0.0.1:$(httpd_port forbidden)" \
		-o roomId "!abc:hs" -o token "$TOK" send x 2> err
	grep -q "^ntfy: matrix: HTTP 403: M_FORBIDDEN: You are not invited to this room.$" err
	[ "$(requests forbidden)" = 1 ]
'

check 'a wrong password: login refused, exit 1, nothing kept' '
	rm -rf "$XDG_STATE_HOME/ntfy/matrix"
	expect_status 1 ntfy -b matrix -o url "http://127.0.0.1:$(httpd_port badlogin)" \
		-o roomId "!abc:hs" -o userId @bot:hs -o password "$PW" send x 2> err
	grep -q "login refused: HTTP 403: M_FORBIDDEN: Invalid username or password" err
	[ -z "$(ls "$XDG_STATE_HOME/ntfy/matrix" 2>/dev/null)" ]
'

check 'a retried send keeps its transaction id' '
	ntfy -b matrix -o url "http://127.0.0.1:$(httpd_port flaky)" -o roomId "!abc:hs" \
		-o token "$TOK" send x 2> err
	[ "$(requests flaky)" = 3 ]
	[ "$(req flaky 2 "r[\"method\"]")" = PUT ]
	[ "$(req flaky 2 "r[\"path\"]")" = "$(req flaky 3 "r[\"path\"]")" ]
'

check 'url, roomId and a token or userId and password are required' '
	expect_status 78 ntfy -b matrix -o roomId "!a:hs" -o token "$TOK" send x 2> err
	grep -q "needs option .url." err
	expect_status 78 ntfy -b matrix -o url "$OK" -o room "!a:hs" -o token "$TOK" send x 2> err
	grep -q "needs option .roomId." err
	expect_status 78 ntfy -b matrix -o url "$OK" -o roomId "!a:hs" send x 2> err
	grep -q "needs option .token., or .userId. and .password." err
	expect_status 78 ntfy -b matrix -o url "$OK" -o roomId "!a:hs" -o userId @a:hs send x 2> err
	grep -q "needs option .token., or .userId. and .password." err
	expect_status 78 ntfy -b matrix -o url "$OK" -o roomId "!a:hs" -o user @a:hs -o password "$PW" send x 2> err
	grep -q "needs option .token., or .userId. and .password." err
	expect_status 78 ntfy -b matrix -o url "$OK" -o roomId "!a:hs" -o token "$TOK" -o password "$PW" send x 2> err
	grep -q "option .password. needs .userId." err
'

check 'token, password and the kept token never show in -v output' '
	rm -rf "$XDG_STATE_HOME/ntfy/matrix"
	expect_status 1 ntfy -v -b matrix -o url "http://127.0.0.1:$(httpd_port forbidden)" \
		-o roomId "!abc:hs" -o token "$TOK" send x 2> err
	grep -qi "POST http://127.0.0.1:[0-9]*/_matrix/client/v3/join/%21abc%3Ahs: HTTP 403" err
	refute grep -q "$TOK" err
	: > ok/log
	ntfy -v -b matrix -o url "$OK" -o roomId "!abc:hs" -o userId @bot:hs -o password "$PW" send x 2> err
	[ "$(requests ok)" = 3 ]
	refute grep -q "$PW" err
	refute grep -q syt_from_login_xyz err
'

check 'a comma list of rooms: one event each; a queued one goes to its room alone' '
	start_httpd flakyjoin --script 200,200,503,200 --body "$BODY"
	cat > mx.ini <<EOF
retry_budget = 0
[rooms]
backend = matrix
url = http://127.0.0.1:$(httpd_port flakyjoin)
token = $TOK
roomId = #ops:hs, !xyz:hs
EOF
	chmod 600 mx.ini
	expect_status 1 ntfy -c mx.ini -b rooms send x 2> err
	grep -q "queued after 1 attempt" err
	ntfy -c mx.ini queue flush
	# The room of each event is the one joined just before it.
	/usr/bin/python3 -c "import json,sys
room = None
for l in open(sys.argv[1]):
    r = json.loads(l)
    if \"/join/\" in r[\"path\"]:
        room = r[\"path\"].split(\"/join/\")[1]
    elif r[\"method\"] == \"PUT\":
        print(room)" flakyjoin/log > got
	same got "$(printf "%s\n" "#ops:hs" "!xyz:hs")"
	ntfy -c mx.ini queue > list
	refute grep -q . list
'

PORT=$(httpd_port ok)

check 'matrix://USER:PASSWORD@HOST:PORT/#alias/!id?to=room: log in once, join and send per room' '
	rm -rf "$XDG_STATE_HOME/ntfy/matrix"
	: > ok/log
	ntfy -v -b "matrix://bot:$PW@127.0.0.1:$PORT/#ops/!xyz:hs?to=alerts" -t box send hi 2> err
	[ "$(requests ok)" = 7 ]
	[ "$(req ok 1 "r[\"path\"]")" = /_matrix/client/v3/login ]
	[ "$(body ok 1 "[\"identifier\"][\"user\"]")" = bot ]
	[ "$(body ok 1 "[\"password\"]")" = "$PW" ]
	[ "$(req ok 2 "r[\"path\"]")" = "/_matrix/client/v3/join/#ops:127.0.0.1" ]
	[ "$(req ok 4 "r[\"path\"]")" = "/_matrix/client/v3/join/!xyz:hs" ]
	[ "$(req ok 6 "r[\"path\"]")" = "/_matrix/client/v3/join/#alerts:127.0.0.1" ]
	for i in 3 5 7; do
		[ "$(req ok $i "r[\"method\"]")" = PUT ]
		req ok $i "r[\"path\"]" | grep -q "^/_matrix/client/v3/rooms/!abc:hs/send/m.room.message/ntfy\.[0-9.]*$"
		[ "$(req ok $i "r[\"headers\"][\"authorization\"]")" = "Bearer syt_from_login_xyz" ]
		[ "$(body ok $i "[\"msgtype\"]")" = m.text ]
		[ "$(body ok $i "[\"body\"]")" = "**box** hi" ]
	done
	[ "$(req ok 3 "r[\"path\"]")" != "$(req ok 5 "r[\"path\"]")" ]
	refute grep -q "$PW" err
	refute grep -q syt_from_login_xyz err
'

check 'matrix://HOST:PORT/ROOM?token=&msgtype=notice: no login; the token never in -v output' '
	: > ok/log
	ntfy -v -b "matrix://127.0.0.1:$PORT/%21abc:hs?token=$TOK&msgtype=notice" send x 2> err
	[ "$(requests ok)" = 2 ]
	[ "$(req ok 1 "r[\"path\"]")" = "/_matrix/client/v3/join/!abc:hs" ]
	[ "$(req ok 1 "r[\"headers\"][\"authorization\"]")" = "Bearer $TOK" ]
	[ "$(req ok 2 "r[\"headers\"][\"authorization\"]")" = "Bearer $TOK" ]
	[ "$(body ok 2 "[\"msgtype\"]")" = m.notice ]
	grep -q "HTTP 200" err
	refute grep -q "$TOK" err
	ntfy -b "matrix://127.0.0.1:$PORT/%21abc:hs?token=$TOK&msgtype=m.notice" send x
	[ "$(body ok 4 "[\"msgtype\"]")" = m.notice ]
'

check 'matrix:// bad mode or msgtype, no credentials: config errors' '
	expect_status 78 ntfy -b "matrix://bot:$PW@127.0.0.1/%23a?mode=t2bot" send x 2> err
	grep -q "matrix://: parameter .mode. must be off, not " err
	refute grep -q "$PW" err
	expect_status 78 ntfy -b "matrixs://bot:$PW@127.0.0.1/%23a?msgtype=image" send x 2> err
	grep -q "matrixs://: parameter .msgtype. must be text, notice, m.text or m.notice, not .image." err
	expect_status 78 ntfy -b "matrix://127.0.0.1/%23a" send x 2> err
	grep -q "matrix://USER:PASSWORD@HOST\[:PORT\]/ROOM... or" err
	expect_status 78 ntfy -b "matrix://bot:$PW@127.0.0.1" send x 2> err
	grep -q "needs option .roomId." err
'

done_testing
