#!/bin/sh
# Slack: chat.postMessage as a bot; "ok" in the reply decides, 429 waits.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

T=xoxb-1234-5678-abcdefghijkl
start_httpd ok --body '{"ok":true,"channel":"C123","ts":"1503435956.000247"}'
start_httpd notok --body '{"ok":false,"error":"channel_not_found"}'
start_httpd auth --script 401 --body '{"ok":false,"error":"invalid_auth"}'
start_httpd limited --script 429,200 --header 'Retry-After: 1' \
	--body '{"ok":true}'
OK=http://127.0.0.1:$(httpd_port ok)

check 'channel and text as JSON to /chat.postMessage, Bearer token' '
	ntfy -b slack -o endpoint "$OK" -o token "$T" -o recipient "#builds" \
		-t title send "done <!channel> & co"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /chat.postMessage ]
	[ "$(req ok 1 "r[\"headers\"][\"authorization\"]")" = "Bearer $T" ]
	req ok 1 "r[\"headers\"][\"content-type\"]" | grep -q "^application/json"
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"channel\"]")" = "#builds" ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"text\"]")" = "done &lt;!channel&gt; &amp; co" ]
'

check 'token and recipient are required, by those names' '
	expect_status 78 ntfy -b slack -o endpoint "$OK" -o recipient C1 send x 2> err
	grep -q "needs option .token." err
	expect_status 78 ntfy -b slack -o endpoint "$OK" -o token "$T" -o channel C1 send x 2> err
	grep -q "needs option .recipient." err
'

check 'HTTP 200 with ok:false is a failure with Slack.s error' '
	expect_status 1 ntfy -b slack -o endpoint "http://127.0.0.1:$(httpd_port notok)" \
		-o token "$T" -o recipient C1 send x 2> err
	grep -q "^ntfy: slack: refused: channel_not_found$" err
	[ "$(requests notok)" = 1 ]
'

check '401 invalid_auth: exit 1, no retry' '
	expect_status 1 ntfy -b slack -o endpoint "http://127.0.0.1:$(httpd_port auth)" \
		-o token "$T" -o recipient C1 send x 2> err
	grep -q "HTTP 401: invalid_auth" err
	[ "$(requests auth)" = 1 ]
'

check '429: waits Retry-After, then delivers' '
	ntfy -v -b slack -o endpoint "http://127.0.0.1:$(httpd_port limited)" \
		-o token "$T" -o recipient C1 send x 2> err
	[ "$(requests limited)" = 2 ]
	grep -q "trying again in 1 s" err
'

check 'the token never shows in -v output' '
	expect_status 1 ntfy -v -b slack -o endpoint "http://127.0.0.1:$(httpd_port notok)" \
		-o token "$T" -o recipient C1 send x 2> err
	grep -q "POST http://127.0.0.1:[0-9]*/chat.postMessage: HTTP 200" err
	refute grep -q "$T" err
'

done_testing
