#!/bin/sh
# Gotify: POST /message with the app token in X-Gotify-Key, JSON body.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

T=AsWIJhvlHb.xgKe
start_httpd ok --body '{"id":25,"appid":5,"message":"m","title":"t","priority":5}'
start_httpd bad --script 401 --body '{"error":"Unauthorized","errorCode":401,"errorDescription":"you need to provide a valid access token or user credentials to access this api"}'
start_httpd notgotify --body '{"status":"ok"}'
OK=http://127.0.0.1:$(httpd_port ok)

check 'title, message and token at /message' '
	ntfy -b gotify -o endpoint "$OK" -o token "$T" -t "build box" send "hello é"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /message ]
	[ "$(req ok 1 "r[\"headers\"][\"content-type\"]")" = application/json ]
	[ "$(req ok 1 "r[\"headers\"][\"x-gotify-key\"]")" = "$T" ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"title\"]")" = "build box" ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"message\"]")" = "hello é" ]
	[ "$(req ok 1 "\",\".join(sorted(json.loads(r[\"body\"])))")" = message,title ]
'

check 'priority (number or name), markdown, an endpoint with a path' '
	: > ok/log
	ntfy -b gotify -o endpoint "$OK/gotify/" -o token "$T" -o priority 8 \
		-o markdown yes send x
	[ "$(req ok 1 "r[\"path\"]")" = /gotify/message ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"priority\"]")" = 8 ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"extras\"][\"client::display\"][\"contentType\"]")" = text/markdown ]
	ntfy -b gotify -o endpoint "$OK" -o token "$T" -o priority emergency send x
	[ "$(req ok 2 "json.loads(r[\"body\"])[\"priority\"]")" = 10 ]
	expect_status 78 ntfy -b gotify -o endpoint "$OK" -o token "$T" -o priority 11 send x 2> err
	grep -q "option .priority. must be 0 to 10 or one of low, moderate, normal, high, emergency" err
	[ "$(requests ok)" = 2 ]
'

check 'endpoint and token are required' '
	expect_status 78 ntfy -b gotify -o token "$T" send x 2> err
	grep -q "needs option .endpoint." err
	expect_status 78 ntfy -b gotify -o endpoint "$OK" send x 2> err
	grep -q "needs option .token." err
'

check '401: the server explanation, no retry' '
	expect_status 1 ntfy -b gotify -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o token "$T" send x 2> err
	grep -q "gotify: HTTP 401: you need to provide a valid access token" err
	[ "$(requests bad)" = 1 ]
'

check 'a 200 that is not a Gotify message is a failure' '
	expect_status 1 ntfy -b gotify -o endpoint "http://127.0.0.1:$(httpd_port notgotify)" \
		-o token "$T" send x 2> err
	grep -q "not a Gotify message" err
'

check 'gotify://host:port/path/TOKEN; the token never in -v output' '
	: > ok/log
	ntfy -v -b "gotify://127.0.0.1:$(httpd_port ok)/sub/$T" send url 2> err
	[ "$(req ok 1 "r[\"path\"]")" = /sub/message ]
	[ "$(req ok 1 "r[\"headers\"][\"x-gotify-key\"]")" = "$T" ]
	grep -q "HTTP 200" err
	refute grep -q "$T" err
'

check 'a title that is not UTF-8 is repaired, never dropped' '
	: > ok/log
	ntfy -b gotify -o endpoint "$OK" -o token "$T" -t "$(printf "T\377")" send hi
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"title\"]")" = "$(printf "T\357\277\275")" ]
'

done_testing
