#!/bin/sh
# Discord webhook: JSON content, no mentions, 2000 characters at most.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

TOK=abcDEF-webhook_token_0123456789
start_httpd ok --script 204 --body ''
start_httpd bad --script 400 --body '{"code": 50006, "message": "Cannot send an empty message"}'
start_httpd slow --script 429,204 --body '{"message": "You are being rate limited.", "retry_after": 0.1, "global": false}' \
	--header 'Retry-After: 1'
URL=http://127.0.0.1:$(httpd_port ok)/api/webhooks/1234/$TOK

check 'content with the title, allowed_mentions empty' '
	ntfy -b discord -o url "$URL" -t "build box" send "@everyone done"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = "/api/webhooks/1234/$TOK" ]
	[ "$(req ok 1 "r[\"headers\"][\"content-type\"]")" = application/json ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"content\"]")" = "**build box**
@everyone done" ]
	[ "$(req ok 1 "json.dumps(json.loads(r[\"body\"])[\"allowed_mentions\"])")" = "{\"parse\": []}" ]
	[ "$(req ok 1 "\",\".join(sorted(json.loads(r[\"body\"])))")" = allowed_mentions,content ]
'

check 'username, avatar_url, tts' '
	: > ok/log
	ntfy -b discord -o url "$URL" -o username bot -o avatar_url https://x/a.png \
		-o tts yes send x
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"username\"]")" = bot ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"avatar_url\"]")" = https://x/a.png ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"tts\"]")" = True ]
'

check 'thread: thread_id in the query; footer: the message as an embed with a footer' '
	: > ok/log
	ntfy -b discord -o url "$URL" -o thread 998877 -o footer yes -t "build box" send "done"
	[ "$(req ok 1 "r[\"path\"]")" = "/api/webhooks/1234/$TOK" ]
	[ "$(req ok 1 "json.dumps(r[\"query\"])")" = "{\"thread_id\": \"998877\"}" ]
	[ "$(req ok 1 "\",\".join(sorted(json.loads(r[\"body\"])))")" = allowed_mentions,embeds ]
	[ "$(req ok 1 "json.dumps(json.loads(r[\"body\"])[\"embeds\"], sort_keys=True)")" = \
		"[{\"description\": \"done\", \"footer\": {\"text\": \"ntfy\"}, \"title\": \"build box\"}]" ]
	ntfy -b discord -o url "$URL" -o footer yes -t "only a title" send ""
	[ "$(req ok 2 "json.dumps(json.loads(r[\"body\"])[\"embeds\"], sort_keys=True)")" = \
		"[{\"footer\": {\"text\": \"ntfy\"}, \"title\": \"only a title\"}]" ]
	[ "$(req ok 2 "json.dumps(r[\"query\"])")" = "{}" ]
	expect_status 78 ntfy -b discord -o url "$URL" -o thread "12&x=1" send x 2> err
	grep -q "option .thread. must be a thread.s ID, digits, not .12&x=1." err
	[ "$(requests ok)" = 2 ]
'

check 'content cut to 2000 characters' '
	: > ok/log
	long=$(head -c 3000 /dev/zero | tr "\0" "é")
	ntfy -b discord -o url "$URL" -t T send "$long" 2> err
	[ "$(req ok 1 "len(json.loads(r[\"body\"])[\"content\"])")" = 2000 ]
	grep -q "message longer than 2000 characters" err
'

check 'url is required and must be http(s)' '
	expect_status 78 ntfy -b discord send x 2> err
	grep -q "needs option .url." err
	expect_status 78 ntfy -b discord -o url ftp://x/y send x 2> err
	grep -q "option .url. must be an http" err
'

check '400: the service error, no retry' '
	expect_status 1 ntfy -b discord -o url "http://127.0.0.1:$(httpd_port bad)/api/webhooks/1/$TOK" \
		send x 2> err
	grep -q "discord: HTTP 400: Cannot send an empty message" err
	[ "$(requests bad)" = 1 ]
'

check '429 is retried after Retry-After' '
	ntfy -b discord -o url "http://127.0.0.1:$(httpd_port slow)/api/webhooks/1/$TOK" send x
	[ "$(requests slow)" = 2 ]
'

check 'the webhook token never in -v output' '
	: > ok/log
	ntfy -v -b discord -o url "$URL" send x 2> err
	grep -q "HTTP 204" err
	refute grep -q "$TOK" err
'

done_testing
