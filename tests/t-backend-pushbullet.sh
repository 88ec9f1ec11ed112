#!/bin/sh
# Pushbullet: a note pushed as JSON with the Access-Token header.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

T=o.cG5ijsZlw8AhYbOfqAaKmQsbVXH6G3lu
start_httpd ok --body '{"active":true,"iden":"ujpah72o0sjAoRtnM0jc","type":"note"}'
start_httpd bad --script 401 \
	--body '{"error":{"code":"invalid_access_token","type":"invalid_request","message":"Access token is missing or invalid.","cat":"~(=^‥^)"}}'
start_httpd err200 --body '{"error":{"message":"pushbullet_pro_required"}}'
OK=http://127.0.0.1:$(httpd_port ok)

pb() {
	ntfy -b pushbullet -o endpoint "$OK" -o access_token "$T" "$@"
}

check 'a note: POST /v2/pushes, JSON type, title, body, Access-Token' '
	pb -t "build box" send "hello world"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /v2/pushes ]
	[ "$(req ok 1 "r[\"headers\"][\"access-token\"]")" = "$T" ]
	req ok 1 "r[\"headers\"][\"content-type\"]" | grep -q "^application/json"
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"type\"]")" = note ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"title\"]")" = "build box" ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"body\"]")" = "hello world" ]
	[ "$(req ok 1 "\",\".join(sorted(json.loads(r[\"body\"])))")" = body,title,type ]
'

check 'device_iden or email picks the target' '
	: > ok/log
	pb -o device_iden ujpah72o0sjAoRtnM0jc send x
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"device_iden\"]")" = ujpah72o0sjAoRtnM0jc ]
	pb -o email a@example.org send x
	[ "$(req ok 2 "json.loads(r[\"body\"])[\"email\"]")" = a@example.org ]
	[ "$(req ok 2 "json.loads(r[\"body\"]).get(\"device_iden\")")" = null ]
'

check 'device_iden and email together refused' '
	expect_status 78 pb -o device_iden d -o email a@example.org send x 2> err
	grep -q "set one of .device_iden., .email. and .channel_tag., not several" err
'

check 'access_token is required, by that name' '
	expect_status 78 ntfy -b pushbullet -o endpoint "$OK" send x 2> err
	grep -q "needs option .access_token." err
	expect_status 78 ntfy -b pushbullet -o endpoint "$OK" -o token "$T" send x 2> err
	grep -q "needs option .access_token." err
'

check '401: the service error shown, exit 1, no retry' '
	expect_status 1 ntfy -b pushbullet -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o access_token "$T" send x 2> err
	grep -q "^ntfy: pushbullet: HTTP 401: Access token is missing or invalid.$" err
	[ "$(requests bad)" = 1 ]
'

check '200 with an error object is a refusal' '
	expect_status 1 ntfy -b pushbullet -o endpoint "http://127.0.0.1:$(httpd_port err200)" \
		-o access_token "$T" send x 2> err
	grep -q "pushbullet_pro_required" err
'

check 'the token never shows in -v output' '
	expect_status 1 ntfy -v -b pushbullet -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o access_token "$T" send x 2> err
	grep -q "POST http://127.0.0.1:[0-9]*/v2/pushes: HTTP 401" err
	refute grep -q "$T" err
'

done_testing
