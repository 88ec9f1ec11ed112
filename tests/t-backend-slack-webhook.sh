#!/bin/sh
# Slack incoming webhooks: the Python ntfy's JSON, and the plain "ok".
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

start_httpd ok --body ok
start_httpd gone --script 404 --body channel_not_found
start_httpd odd --body '{"ok":true}'
P=services/T0123/B0456/abcdefghijklmnopqrstuvwx
URL=http://127.0.0.1:$(httpd_port ok)/$P

check 'text, blocks, username, icon_url and channel to the URL' '
	ntfy -b slack_webhook -o url "$URL" -o user "#ops" -t box send "a <b> & c"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = "/$P" ]
	req ok 1 "r[\"headers\"][\"content-type\"]" | grep -q "^application/json"
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"text\"]")" = "box
a &lt;b&gt; &amp; c" ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"channel\"]")" = "#ops" ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"username\"]")" = ntfy ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"icon_url\"]")" = https://ntfy.readthedocs.io/en/latest/_static/logo.png ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"blocks\"][0][\"type\"]")" = section ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"blocks\"][0][\"text\"][\"type\"]")" = mrkdwn ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"blocks\"][0][\"text\"][\"text\"]")" = "*box* a &lt;b&gt; &amp; c" ]
'

check 'no user: no channel, the webhook.s own' '
	: > ok/log
	ntfy -b slack_webhook -o url "$URL" send x
	[ "$(req ok 1 "json.loads(r[\"body\"]).get(\"channel\")")" = null ]
'

check 'url is required, by that name, and must be http(s)' '
	expect_status 78 ntfy -b slack_webhook -o webhook "$URL" send x 2> err
	grep -q "needs option .url." err
	expect_status 78 ntfy -b slack_webhook -o url "hooks.slack.com/$P" send x 2> err
	grep -q "option .url. must be" err
	refute grep -q "$P" err
'

check '404 channel_not_found: exit 1, the text shown' '
	expect_status 1 ntfy -b slack_webhook -o url "http://127.0.0.1:$(httpd_port gone)/$P" send x 2> err
	grep -q "^ntfy: slack_webhook: HTTP 404: channel_not_found$" err
	[ "$(requests gone)" = 1 ]
'

check '200 whose body is not "ok" is a failure' '
	expect_status 1 ntfy -b slack_webhook -o url "http://127.0.0.1:$(httpd_port odd)/$P" send x 2> err
	grep -q "slack_webhook: HTTP 200" err
'

check 'the webhook path never shows in -v output' '
	expect_status 1 ntfy -v -b slack_webhook -o url "http://127.0.0.1:$(httpd_port gone)/$P" send x 2> err
	grep -q "POST .*: HTTP 404" err
	refute grep -q "abcdefghijklmnopqrstuvwx" err
	refute grep -q "T0123" err
'

done_testing
