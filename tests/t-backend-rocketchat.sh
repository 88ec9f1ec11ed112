#!/bin/sh
# Rocket.Chat: log in, post, log out; or one post to an incoming webhook.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

PW=hunter2-hunter2
AUTH=9HqLlyZOugoStsXCUfD_0YdwnNnunAJF8V47U3QHXSq
# One body answers login (data), post and logout (success).
start_httpd ok --body '{"status":"success","data":{"authToken":"'"$AUTH"'","userId":"aobEdbYhXfu5hkeqG"},"success":true}'
start_httpd badlogin --script 401 --body '{"status":"error","error":"Unauthorized","message":"Unauthorized"}'
start_httpd badpost --script 200,400 --body '{"status":"success","data":{"authToken":"'"$AUTH"'","userId":"u1"},"success":false,"error":"error-not-allowed"}'
start_httpd hook --body '{"success":true}'
start_httpd badhook --script 404 --body '{"success":false,"error":"Invalid integration id or token provided."}'
OK=http://127.0.0.1:$(httpd_port ok)
HP=hooks/6YrCbNv3Ak5axvMEP/xq3pKbKfHiJ7GkZsZG6oTyMszY2FtaXr4y8pKXzdT6rNKQWw

rc() {
	ntfy -b rocketchat -o url "$OK" -o username bot -o password "$PW" -o room "#general" "$@"
}

check 'login (form), chat.postMessage with the session headers, logout' '
	rc -t box send "hello"
	[ "$(requests ok)" = 3 ]
	[ "$(req ok 1 "r[\"path\"]")" = /api/v1/login ]
	[ "$(req ok 1 "r[\"form\"][\"username\"]")" = bot ]
	[ "$(req ok 1 "r[\"form\"][\"password\"]")" = "$PW" ]
	[ "$(req ok 2 "r[\"path\"]")" = /api/v1/chat.postMessage ]
	[ "$(req ok 2 "r[\"headers\"][\"x-auth-token\"]")" = "$AUTH" ]
	[ "$(req ok 2 "r[\"headers\"][\"x-user-id\"]")" = aobEdbYhXfu5hkeqG ]
	[ "$(req ok 2 "json.loads(r[\"body\"])[\"channel\"]")" = "#general" ]
	[ "$(req ok 2 "json.loads(r[\"body\"])[\"text\"]")" = "**box:** hello" ]
	[ "$(req ok 3 "r[\"path\"]")" = /api/v1/logout ]
	[ "$(req ok 3 "r[\"headers\"][\"x-auth-token\"]")" = "$AUTH" ]
'

check 'webhook: one POST of text and channel to the hook URL' '
	ntfy -b rocketchat -o webhook "http://127.0.0.1:$(httpd_port hook)/$HP" -o room "@ann" \
		-t box send "hello"
	[ "$(requests hook)" = 1 ]
	[ "$(req hook 1 "r[\"path\"]")" = "/$HP" ]
	[ "$(req hook 1 "json.loads(r[\"body\"])[\"text\"]")" = "**box:** hello" ]
	[ "$(req hook 1 "json.loads(r[\"body\"])[\"channel\"]")" = "@ann" ]
	[ "$(req hook 1 "r[\"headers\"].get(\"x-auth-token\")")" = null ]
'

check 'url, username, password and room are required without a webhook' '
	for k in url username password room; do
		args=""
		for o in url username password room; do
			[ "$o" = "$k" ] || args="$args -o $o x$o"
		done
		# shellcheck disable=SC2086
		expect_status 78 ntfy -b rocketchat $args send x 2> err
		grep -q "needs option .$k. (or a .webhook. URL)" err
	done
	expect_status 78 ntfy -b rocketchat -o webhook "ftp://x/$HP" send x 2> err
	grep -q "option .webhook. must be" err
'

check 'login refused: exit 1, nothing posted' '
	expect_status 1 ntfy -b rocketchat -o url "http://127.0.0.1:$(httpd_port badlogin)" \
		-o username bot -o password "$PW" -o room "#general" send x 2> err
	grep -q "^ntfy: rocketchat: login refused: HTTP 401: Unauthorized$" err
	[ "$(requests badlogin)" = 1 ]
'

check 'post refused: the error shown, exit 1' '
	expect_status 1 ntfy -b rocketchat -o url "http://127.0.0.1:$(httpd_port badpost)" \
		-o username bot -o password "$PW" -o room "#general" send x 2> err
	grep -q "rocketchat: HTTP 400: error-not-allowed" err
	[ "$(requests badpost)" = 2 ]
'

check 'webhook refused: exit 1' '
	expect_status 1 ntfy -b rocketchat -o webhook "http://127.0.0.1:$(httpd_port badhook)/$HP" send x 2> err
	grep -q "HTTP 404: Invalid integration id" err
'

check 'password, session token and webhook never show in -v output' '
	: > ok/log
	rc -v send x 2> err
	grep -q "POST http://127.0.0.1:[0-9]*/api/v1/chat.postMessage: HTTP 200" err
	refute grep -q "$PW" err
	refute grep -q "$AUTH" err
	expect_status 1 ntfy -v -b rocketchat -o webhook "http://127.0.0.1:$(httpd_port badhook)/$HP" send x 2> err
	grep -q "POST .*: HTTP 404" err
	refute grep -q "xq3pKbKfHiJ7" err
'

HID=6YrCbNv3Ak5axvMEP
HTOK=xq3pKbKfHiJ7GkZsZG6oTyMszY2FtaXr4y8pKXzdT6rNKQWw

check 'rocket://USER:PASSWORD@HOST:PORT/#chan/@user/ROOMID: one post each, roomId for a room' '
	: > ok/log
	ntfy -v -b "rocket://bot:$PW@127.0.0.1:$(httpd_port ok)/#general/@ann/GENERALroom1" \
		-t box send hello 2> err
	# Each target is a send of its own: log in, post, log out.
	[ "$(requests ok)" = 9 ]
	for i in 1 4 7; do
		[ "$(req ok $i "r[\"path\"]")" = /api/v1/login ]
		[ "$(req ok $i "r[\"form\"][\"username\"]")" = bot ]
		[ "$(req ok $i "r[\"form\"][\"password\"]")" = "$PW" ]
		[ "$(req ok $((i + 2)) "r[\"path\"]")" = /api/v1/logout ]
	done
	for i in 2 5 8; do
		[ "$(req ok $i "r[\"path\"]")" = /api/v1/chat.postMessage ]
		[ "$(req ok $i "r[\"headers\"][\"x-auth-token\"]")" = "$AUTH" ]
		[ "$(req ok $i "r[\"headers\"][\"x-user-id\"]")" = aobEdbYhXfu5hkeqG ]
		[ "$(req ok $i "json.loads(r[\"body\"])[\"text\"]")" = "**box:** hello" ]
	done
	[ "$(req ok 2 "json.loads(r[\"body\"])[\"channel\"]")" = "#general" ]
	[ "$(req ok 5 "json.loads(r[\"body\"])[\"channel\"]")" = "@ann" ]
	[ "$(req ok 8 "json.loads(r[\"body\"])[\"roomId\"]")" = GENERALroom1 ]
	[ "$(req ok 8 "\"channel\" in json.loads(r[\"body\"])")" = False ]
	refute grep -q "$PW" err
	refute grep -q "$AUTH" err
'

check 'rocket://ID%2FTOKEN@HOST:PORT/#chan?to=@ann: the webhook, one post per target' '
	: > hook/log
	ntfy -v -b "rocket://$HID%2F$HTOK@127.0.0.1:$(httpd_port hook)/%23ops?to=@ann" \
		-t box send hello 2> err
	[ "$(requests hook)" = 2 ]
	[ "$(req hook 1 "r[\"path\"]")" = "/$HP" ]
	[ "$(req hook 1 "json.loads(r[\"body\"])[\"channel\"]")" = "#ops" ]
	[ "$(req hook 2 "json.loads(r[\"body\"])[\"channel\"]")" = "@ann" ]
	[ "$(req hook 2 "json.loads(r[\"body\"])[\"text\"]")" = "**box:** hello" ]
	[ "$(req hook 2 "r[\"headers\"].get(\"x-auth-token\")")" = null ]
	grep -q "HTTP 200" err
	refute grep -q "$HTOK" err
	refute grep -q "$HID" err
	: > hook/log
	ntfy -b "rocket://bot:$HID%2F$HTOK@127.0.0.1:$(httpd_port hook)" send x
	ntfy -b "rocket://127.0.0.1:$(httpd_port hook)?webhook=$HID%2F$HTOK" send x
	[ "$(requests hook)" = 2 ]
	[ "$(req hook 2 "r[\"path\"]")" = "/$HP" ]
	[ "$(req hook 2 "\"channel\" in json.loads(r[\"body\"])")" = False ]
'

check 'two rooms in a URL: one post each; a queued one goes to its room alone' '
	start_httpd flakyhook --script 200,503,200 --body "{\"success\":true}"
	expect_status 1 ntfy -b "rocket://$HID%2F$HTOK@127.0.0.1:$(httpd_port flakyhook)/%23ops/@ann" \
		-o retry_budget 0 send x 2> err
	grep -q "queued after 1 attempt" err
	refute grep -q "$HTOK" err
	ntfy queue flush
	/usr/bin/python3 -c "import json,sys
for l in open(sys.argv[1]):
    print(json.loads(json.loads(l)[\"body\"])[\"channel\"])" flakyhook/log > got
	same got "$(printf "%s\n" "#ops" @ann @ann)"
	ntfy queue > list
	refute grep -q . list
'

check 'rocket:// bad mode, missing credentials: config errors' '
	expect_status 78 ntfy -b "rocket://bot:$PW@127.0.0.1/%23a?mode=oauth" send x 2> err
	grep -q "rocket://: parameter .mode. must be basic or webhook, not .oauth." err
	refute grep -q "$PW" err
	expect_status 78 ntfy -b "rockets://127.0.0.1/%23a" send x 2> err
	grep -q "rockets://USER:PASSWORD@HOST" err
	expect_status 78 ntfy -b "rocket://bot:$PW@127.0.0.1/%23a?mode=webhook" send x 2> err
	grep -q "ID/TOKEN@HOST" err
'

done_testing
