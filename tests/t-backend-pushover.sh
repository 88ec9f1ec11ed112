#!/bin/sh
# Pushover: every field of the messages API, limits, keys, refusals.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

U=uQiRzpo4DXghDmr9QzzfQu27cmVRsG
T=azGDORePK8gMaC0QOYAMyEEuzJnyUi
start_httpd ok
start_httpd bad --script 400 \
	--body '{"user":"invalid","errors":["user identifier is invalid"],"status":0,"request":"r"}'
start_httpd zero --body '{"status":0,"errors":["application token is invalid"]}'
start_httpd quota --script 429 --header 'X-Limit-App-Reset: 1893456000'
OK=http://127.0.0.1:$(httpd_port ok)

po() {
	ntfy -b pushover -o endpoint "$OK" -o user_key "$U" -o api_token "$T" "$@"
}

check 'a message: token, user, message, title at /1/messages.json' '
	po -t "build box" send "hello world"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /1/messages.json ]
	[ "$(req ok 1 "r[\"headers\"][\"content-type\"]")" = application/x-www-form-urlencoded ]
	[ "$(req ok 1 "r[\"form\"][\"token\"]")" = "$T" ]
	[ "$(req ok 1 "r[\"form\"][\"user\"]")" = "$U" ]
	[ "$(req ok 1 "r[\"form\"][\"message\"]")" = "hello world" ]
	[ "$(req ok 1 "r[\"form\"][\"title\"]")" = "build box" ]
	[ "$(req ok 1 "\",\".join(sorted(r[\"form\"]))")" = message,title,token,user ]
	req ok 1 "r[\"headers\"][\"user-agent\"]" | grep -q "^ntfy/[0-9]"
	# Looking for a kept 429 creates nothing.
	[ ! -e "$XDG_STATE_HOME/ntfy/pushover" ]
'
check 'every optional field' '
	: > ok/log
	po -o device phone,tab-2 -o sound magic -o url https://example.org/x \
		-o url_title "the x" -o html yes -o ttl 600 \
		-o timestamp 1700000000 -o priority 1 send "fields"
	[ "$(req ok 1 "r[\"form\"][\"device\"]")" = phone,tab-2 ]
	[ "$(req ok 1 "r[\"form\"][\"sound\"]")" = magic ]
	[ "$(req ok 1 "r[\"form\"][\"url\"]")" = https://example.org/x ]
	[ "$(req ok 1 "r[\"form\"][\"url_title\"]")" = "the x" ]
	[ "$(req ok 1 "r[\"form\"][\"html\"]")" = 1 ]
	[ "$(req ok 1 "r[\"form\"][\"ttl\"]")" = 600 ]
	[ "$(req ok 1 "r[\"form\"][\"timestamp\"]")" = 1700000000 ]
	[ "$(req ok 1 "r[\"form\"][\"priority\"]")" = 1 ]
	[ "$(req ok 1 "r[\"form\"].get(\"retry\")")" = null ]
'

check 'monospace; not together with html' '
	: > ok/log
	po -o monospace true send mono
	[ "$(req ok 1 "r[\"form\"][\"monospace\"]")" = 1 ]
	expect_status 1 po -o monospace true -o html true send both 2> err
	grep -q "html.*monospace.*cannot both" err
	[ "$(requests ok)" = 1 ]
'

check 'format = html: the text escaped, line ends <br>, html=1; cut at 1024 between entities' '
	: > ok/log
	printf "[po]\nbackend = pushover\nuser_key = %s\napi_token = %s\nendpoint = %s\nformat = html\n" \
		"$U" "$T" "$OK" > po.ini
	chmod 600 po.ini
	ntfy -c po.ini -b po send "$(printf "if a < b && c > \"d\"\r\nthen é\nfi")"
	[ "$(req ok 1 "r[\"form\"][\"html\"]")" = 1 ]
	[ "$(req ok 1 "r[\"form\"][\"message\"]")" = \
		"if a &lt; b &amp;&amp; c &gt; &quot;d&quot;<br>then é<br>fi" ]
	ntfy -c po.ini -b po send "$(printf "%01021d&x" 0)" 2> err
	[ "$(req ok 2 "r[\"form\"][\"message\"]")" = "$(printf "%01021d…" 0)" ]
	grep -q "message longer than Pushover.s 1024 characters as HTML, cut" err
	ntfy -c po.ini -b po send "$(printf "%01017d&xyz" 0)" 2> err
	[ "$(req ok 3 "r[\"form\"][\"message\"]")" = "$(printf "%01017d&amp;x…" 0)" ]
	ntfy -c po.ini -b po -o html true send "<b>as is</b>"
	[ "$(req ok 4 "r[\"form\"][\"message\"]")" = "<b>as is</b>" ]
	[ "$(req ok 4 "r[\"form\"][\"html\"]")" = 1 ]
	expect_status 1 ntfy -c po.ini -b po -o monospace true send m 2> err
	grep -q "monospace. cannot go with format = html" err
	expect_status 78 ntfy -c po.ini -b po -o format rtf send m 2> err
	grep -q "option .format. must be text, markdown or html, not .rtf." err
	[ "$(requests ok)" = 4 ]
'

check 'priority 2: retry 60 and expire 3600 by default, callback' '
	: > ok/log
	po -o priority 2 -o callback https://example.org/ack send urgent
	[ "$(req ok 1 "r[\"form\"][\"priority\"]")" = 2 ]
	[ "$(req ok 1 "r[\"form\"][\"retry\"]")" = 60 ]
	[ "$(req ok 1 "r[\"form\"][\"expire\"]")" = 3600 ]
	[ "$(req ok 1 "r[\"form\"][\"callback\"]")" = https://example.org/ack ]
	[ "$(req ok 1 "r[\"form\"].get(\"ttl\")")" = null ]
'

check 'priority 2: retry under 30 or expire over 10800 refused' '
	: > ok/log
	expect_status 1 po -o priority 2 -o retry 10 send x 2> err
	grep -q "option .retry. must be a whole number from 30" err
	expect_status 1 po -o priority 2 -o expire 86400 send x 2> err
	grep -q "option .expire." err
	expect_status 78 po -o priority 3 send x 2> err
	grep -q "option .priority. must be -2 to 2 or one of low, moderate, normal, high, emergency, not .3." err
	[ "$(requests ok)" = 0 ]
'

check 'Apprise priority names' '
	: > ok/log
	po -o priority emergency send x
	[ "$(req ok 1 "r[\"form\"][\"priority\"]")" = 2 ]
'

check 'limits: message 1024, title 250, url 512, url_title 100 characters' '
	: > ok/log
	long=$(/usr/bin/python3 -c "print(\"é\" * 3000)")
	po -t "$long" -o url "https://x/$long" -o url_title "$long" send "$long" 2> err
	[ "$(req ok 1 "len(r[\"form\"][\"message\"])")" = 1024 ]
	[ "$(req ok 1 "len(r[\"form\"][\"title\"])")" = 250 ]
	[ "$(req ok 1 "len(r[\"form\"][\"url\"])")" = 512 ]
	[ "$(req ok 1 "len(r[\"form\"][\"url_title\"])")" = 100 ]
	[ "$(req ok 1 "r[\"form\"][\"message\"][-1]")" = "…" ]
	[ "$(req ok 1 "r[\"form\"][\"message\"][-2]")" = "é" ]
	grep -q "warning: pushover: message longer than Pushover.s 1024 characters" err
	grep -q "title longer" err
'

check 'api_token missing: exit 78 and how to get one' '
	expect_status 78 ntfy -b pushover -o user_key "$U" send x 2> err
	grep -q "needs option .api_token.: register your own application at https://pushover.net/apps/build" err
'

check 'malformed keys are named, never shown' '
	expect_status 78 ntfy -b pushover -o user_key "${U}x" -o api_token "$T" send x 2> err
	grep -q "option .user_key. is malformed" err
	refute grep -q "$U" err
	expect_status 78 ntfy -b pushover -o user_key "$U" -o api_token "tok-en" send x 2> err
	grep -q "option .api_token. is malformed" err
	expect_status 78 ntfy -b pushover -o user_key "$U" -o api_token "$T" -o device "a b" send x 2> err
	grep -q "option .device." err
'

check '4xx: the service error shown, no retry, not queued, exit 1' '
	expect_status 1 ntfy -b pushover -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o user_key "$U" -o api_token "$T" send x 2> err
	grep -q "^ntfy: pushover: HTTP 400: user identifier is invalid$" err
	[ "$(requests bad)" = 1 ]
	[ ! -d "$XDG_STATE_HOME/ntfy/spool" ] || [ -z "$(ls "$XDG_STATE_HOME/ntfy/spool")" ]
'

check '200 with status 0 is a refusal' '
	expect_status 1 ntfy -b pushover -o endpoint "http://127.0.0.1:$(httpd_port zero)" \
		-o user_key "$U" -o api_token "$T" send x 2> err
	grep -q "refused: application token is invalid" err
	[ "$(requests zero)" = 1 ]
'

check '429: monthly quota, not retried, says until when' '
	expect_status 1 ntfy -b pushover -o endpoint "http://127.0.0.1:$(httpd_port quota)" \
		-o user_key "$U" -o api_token "$T" send x 2> err
	grep -q "monthly messages (until 20" err
	[ "$(requests quota)" = 1 ]
	refute grep -q queued err
'

check 'after a 429 no run asks again before the reset; after it, they do' '
	q="http://127.0.0.1:$(httpd_port quota)"
	expect_status 1 ntfy -b pushover -o endpoint "$q" -o user_key "$U" -o api_token "$T" send y 2> err
	grep -q "monthly messages (until 20.*: not sent, so as not to ask again" err
	is "$(requests quota)" 1
	f=$(ls "$XDG_STATE_HOME"/ntfy/pushover/*.limit)
	is "$(stat -c %a "$f")" 600
	is "$(stat -c %a "$XDG_STATE_HOME/ntfy/pushover")" 700
	refute grep -q "$T" "$f"
	echo 1000 > "$f"
	expect_status 1 ntfy -b pushover -o endpoint "$q" -o user_key "$U" -o api_token "$T" send z 2> err
	is "$(requests quota)" 2
'

check 'pover://USER_KEY@API_TOKEN/DEVICE URL' '
	: > ok/log
	ntfy -b "pover://$U@$T/phone/tablet?sound=bike" -o endpoint "$OK" send url
	[ "$(req ok 1 "r[\"form\"][\"token\"]")" = "$T" ]
	[ "$(req ok 1 "r[\"form\"][\"user\"]")" = "$U" ]
	[ "$(req ok 1 "r[\"form\"][\"device\"]")" = phone,tablet ]
	[ "$(req ok 1 "r[\"form\"][\"sound\"]")" = bike ]
'

check 'urls = in the config' '
	: > ok/log
	printf "urls = pover://%s@%s\n[pushover]\nendpoint = %s\n" "$U" "$T" "$OK" > cfg.ini
	ntfy -c cfg.ini -o endpoint "$OK" send fromconfig
	[ "$(req ok 1 "r[\"form\"][\"message\"]")" = fromconfig ]
'

check 'secrets never in -v output' '
	: > ok/log
	po -v send x 2> err
	grep -q "POST http://127.0.0.1:[0-9]*/1/messages.json: HTTP 200" err
	refute grep -q "$T" err
	refute grep -q "$U" err
'

done_testing
