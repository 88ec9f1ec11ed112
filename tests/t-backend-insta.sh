#!/bin/sh
# Instapush (the service is gone): its documented JSON, for compatibility.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

A=55a8c12ca4c48a2f0d8b4567
S=4a5c2e2f8d27cc5da4b9a8bd31b0c5c7
start_httpd ok --body '{"msg":"Notification sent successfully","error":false,"status":200}'
start_httpd bad --script 401 --body '{"msg":"Invalid app id or secret","error":true,"status":401}'
start_httpd refused --body '{"msg":"Event not found","error":true,"status":404}'
OK=http://127.0.0.1:$(httpd_port ok)

ip() {
	ntfy -b insta -o endpoint "$OK" -o appid "$A" -o secret "$S" -o event_name build "$@"
}

check 'event and trackers from the message split at ":", app headers' '
	ip -o trackers "status, host" -t ignored send "passed:box\:1"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /post ]
	[ "$(req ok 1 "r[\"headers\"][\"x-instapush-appid\"]")" = "$A" ]
	[ "$(req ok 1 "r[\"headers\"][\"x-instapush-appsecret\"]")" = "$S" ]
	req ok 1 "r[\"headers\"][\"content-type\"]" | grep -q "^application/json"
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"event\"]")" = build ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"trackers\"][\"status\"]")" = passed ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"trackers\"][\"host\"]")" = "box:1" ]
	[ "$(req ok 1 "len(json.loads(r[\"body\"])[\"trackers\"])")" = 2 ]
'

check 'as many values as trackers, or nothing is sent' '
	: > ok/log
	expect_status 1 ip -o trackers "a,b,c" send "one:two" 2> err
	grep -q "the message has 2 values, but 3 trackers" err
	[ "$(requests ok)" = 0 ]
'

check 'appid, secret, event_name and trackers are required' '
	expect_status 78 ntfy -b insta -o secret "$S" -o event_name e -o trackers t send x 2> err
	grep -q "needs option .appid." err
	expect_status 78 ntfy -b insta -o appid "$A" -o event_name e -o trackers t send x 2> err
	grep -q "needs option .secret." err
	expect_status 78 ntfy -b insta -o appid "$A" -o secret "$S" -o event e -o trackers t send x 2> err
	grep -q "needs option .event_name." err
	expect_status 78 ntfy -b insta -o appid "$A" -o secret "$S" -o event_name e send x 2> err
	grep -q "needs option .trackers." err
'

check '401: the service message shown, exit 1' '
	expect_status 1 ntfy -b insta -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o appid "$A" -o secret "$S" -o event_name e -o trackers t send x 2> err
	grep -q "^ntfy: insta: HTTP 401: Invalid app id or secret$" err
	[ "$(requests bad)" = 1 ]
'

check 'HTTP 200 with a status other than 200 is a refusal' '
	expect_status 1 ntfy -b insta -o endpoint "http://127.0.0.1:$(httpd_port refused)" \
		-o appid "$A" -o secret "$S" -o event_name e -o trackers t send x 2> err
	grep -q "refused: Event not found" err
'

check 'appid and secret never show in -v output' '
	expect_status 1 ntfy -v -b insta -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o appid "$A" -o secret "$S" -o event_name e -o trackers t send x 2> err
	grep -q "POST http://127.0.0.1:[0-9]*/post: HTTP 401" err
	refute grep -q "$A" err
	refute grep -q "$S" err
'

done_testing
