#!/bin/sh
# Mattermost incoming webhook: JSON text, channel, username, icon_url.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

KEY=xr4h1mst1pb8jdhq3rf8h5gyqe
start_httpd ok --body ok
start_httpd bad --script 400 --body '{"id":"web.incoming_webhook.text.app_error","message":"No text specified.","status_code":400}'
URL=http://127.0.0.1:$(httpd_port ok)/hooks/$KEY

check 'text with the title at the hook URL' '
	ntfy -b mattermost -o url "$URL" -t "build box" send "done"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = "/hooks/$KEY" ]
	[ "$(req ok 1 "r[\"headers\"][\"content-type\"]")" = application/json ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"text\"]")" = "**build box**
done" ]
	[ "$(req ok 1 "\",\".join(sorted(json.loads(r[\"body\"])))")" = text ]
'

check 'channel, username, icon_url' '
	: > ok/log
	ntfy -b mattermost -o url "$URL" -o channel town-square -o username bot \
		-o icon_url https://x/i.png send x
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"channel\"]")" = town-square ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"username\"]")" = bot ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"icon_url\"]")" = https://x/i.png ]
'

check 'url is required' '
	expect_status 78 ntfy -b mattermost send x 2> err
	grep -q "needs option .url." err
'

check '400: the server message, no retry' '
	expect_status 1 ntfy -b mattermost -o url "http://127.0.0.1:$(httpd_port bad)/hooks/$KEY" \
		send x 2> err
	grep -q "mattermost: HTTP 400: No text specified." err
	[ "$(requests bad)" = 1 ]
'

check 'the hook key never in -v output' '
	: > ok/log
	ntfy -v -b mattermost -o url "$URL" send x 2> err
	grep -q "HTTP 200" err
	refute grep -q "$KEY" err
'

done_testing
