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

# channels DIR: the channel of each post the server got, one a line.
channels() {
	/usr/bin/python3 -c 'import json,sys
for l in open(sys.argv[1]):
    print(json.loads(json.loads(l)["body"]).get("channel"))' "$1/log"
}

check 'a comma list of channels: one post each; a queued one goes to its channel alone' '
	start_httpd flaky --script 200,503,200 --body ok
	cat > mm.ini <<EOF
retry_budget = 0
[team]
backend = mattermost
url = http://127.0.0.1:$(httpd_port flaky)/hooks/$KEY
channel = town-square, #ops
EOF
	chmod 600 mm.ini
	expect_status 1 ntfy -c mm.ini -b team send x 2> err
	grep -q "queued after 1 attempt" err
	ntfy -c mm.ini queue flush
	channels flaky > got
	same got "$(printf "%s\n" town-square ops ops)"
	ntfy -c mm.ini queue > list
	refute grep -q . list
'

PORT=$(httpd_port ok)

check 'mmost://BOT@HOST:PORT/PATH/TOKEN: the hook, username; key never in -v output' '
	: > ok/log
	ntfy -v -b "mmost://ci-bot@127.0.0.1:$PORT/mm/$KEY" -t box send done 2> err
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = "/mm/hooks/$KEY" ]
	[ "$(req ok 1 "r[\"headers\"][\"content-type\"]")" = application/json ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"text\"]")" = "**box**
done" ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"username\"]")" = ci-bot ]
	[ "$(req ok 1 "\",\".join(sorted(json.loads(r[\"body\"])))")" = text,username ]
	grep -q "HTTP 200" err
	refute grep -q "$KEY" err
'

check 'mmost:// channels: one post per channel, # dropped, in order' '
	: > ok/log
	ntfy -b "mmost://127.0.0.1:$PORT/$KEY/?channel=%23dev%2Cops&to=@alice&image=no" -t box send x
	[ "$(requests ok)" = 3 ]
	[ "$(req ok 1 "r[\"path\"]")" = "/hooks/$KEY" ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"channel\"]")" = dev ]
	[ "$(req ok 2 "json.loads(r[\"body\"])[\"channel\"]")" = ops ]
	[ "$(req ok 3 "json.loads(r[\"body\"])[\"channel\"]")" = @alice ]
	[ "$(req ok 3 "json.loads(r[\"body\"])[\"text\"]")" = "**box**
x" ]
'

check 'an -o channel list stands for the channels of the URL' '
	: > ok/log
	ntfy -o channel "alpha, beta" -b "mmost://127.0.0.1:$PORT/$KEY/?to=c1,c2" send x
	channels ok > got
	same got "$(printf "%s\n" alpha beta)"
'

check 'mmost:// defaults to port 8065; a bad parameter or form is a config error' '
	expect_status 1 ntfy -v -b "mmost://127.0.0.1/$KEY" -o retry_budget 0 send x 2> err
	grep -q "127.0.0.1 port 8065" err
	expect_status 78 ntfy -b "mmost://127.0.0.1:$PORT/$KEY?image=maybe" send x 2> err
	grep -q "mmost://: parameter .image. must be yes or no, not .maybe." err
	expect_status 78 ntfy -b "mmosts://127.0.0.1" send x 2> err
	grep -q "mmosts://\[BOTNAME@\]HOST\[:PORT\]\[/PATH\]/TOKEN" err
'

done_testing
