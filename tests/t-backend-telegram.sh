#!/bin/sh
# Telegram: sendMessage with the token in the path, never in a log line;
# telegram-setup lists the chats that wrote to the bot.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

T=123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw
start_httpd ok --body '{"ok":true,"result":{"message_id":7,"chat":{"id":532389719},"date":1,"text":"x"}}'
start_httpd bad --script 400 --body '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}'
start_httpd c1 --script 400 --body '{"ok":false,"error_code":400,"description":"Bad\u009b2J Request\u202e: \u001b]0;x\u0007chat"}'
start_httpd notok --body '{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}'
start_httpd updates --body '{"ok":true,"result":[
 {"update_id":1,"message":{"from":{"id":532389719},"chat":{"id":532389719,"type":"private","first_name":"Ann","last_name":"Lee","username":"ann"},"text":"/start"}},
 {"update_id":2,"message":{"chat":{"id":532389719,"type":"private","first_name":"Ann"},"text":"again"}},
 {"update_id":3,"channel_post":{"chat":{"id":-1001234567890,"type":"channel","title":"Builds\u001b[31m\u202e"},"text":"hi"}},
 {"update_id":4,"channel_post":{"chat":{"id":-42,"type":"grou\u009b2Jp","title":"G"},"text":"hi"}}]}'
start_httpd empty --body '{"ok":true,"result":[]}'
start_httpd hooked --script 409 --body '{"ok":false,"error_code":409,"description":"Conflict: can'"'"'t use getUpdates method while webhook is active"}'
OK=http://127.0.0.1:$(httpd_port ok)

tg() {
	ntfy -b telegram -o endpoint "$OK" -o token "$T" -o chat_id 532389719 "$@"
}

check 'sendMessage: POST /bot<TOKEN>/sendMessage, chat_id and text as JSON' '
	tg -t title send "hello world"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = "/bot$T/sendMessage" ]
	# The token as the Bot API documents it, its colon not escaped.
	[ "$(req ok 1 "r[\"rawpath\"]")" = "/bot$T/sendMessage" ]
	req ok 1 "r[\"headers\"][\"content-type\"]" | grep -q "^application/json"
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"chat_id\"]")" = 532389719 ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"text\"]")" = "hello world" ]
'

check 'silent, preview, topic: disable_notification, link_preview_options, message_thread_id; none by default' '
	: > ok/log
	tg send plain
	[ "$(req ok 1 "\",\".join(sorted(json.loads(r[\"body\"])))")" = chat_id,text ]
	tg -o silent yes -o preview no send quiet
	[ "$(req ok 2 "json.loads(r[\"body\"])[\"disable_notification\"]")" = True ]
	[ "$(req ok 2 "json.dumps(json.loads(r[\"body\"])[\"link_preview_options\"])")" = "{\"is_disabled\": true}" ]
	tg -o silent no -o preview yes send loud
	[ "$(req ok 3 "json.loads(r[\"body\"]).get(\"disable_notification\")")" = null ]
	[ "$(req ok 3 "json.dumps(json.loads(r[\"body\"])[\"link_preview_options\"])")" = "{\"is_disabled\": false}" ]
	expect_status 78 tg -o silent maybe send x 2> err
	grep -q "option .silent. must be true or false, not .maybe." err
	tg -o topic 12 send topical
	[ "$(req ok 4 "json.loads(r[\"body\"])[\"message_thread_id\"]")" = 12 ]
	[ "$(requests ok)" = 4 ]
'

check 'text cut to 4096 characters; @channel and negative ids' '
	: > ok/log
	long=$(head -c 5000 /dev/zero | tr "\0" "é")
	tg send "$long" 2> err
	[ "$(req ok 1 "len(json.loads(r[\"body\"])[\"text\"])")" = 4096 ]
	grep -q "message longer than 4096" err
	ntfy -b telegram -o endpoint "$OK" -o token "$T" -o chat_id @mychannel send x
	[ "$(req ok 2 "json.loads(r[\"body\"])[\"chat_id\"]")" = @mychannel ]
	ntfy -b telegram -o endpoint "$OK" -o token "$T" -o chat_id -1001234567890 send x
	[ "$(req ok 3 "json.loads(r[\"body\"])[\"chat_id\"]")" = -1001234567890 ]
'

check 'token and chat_id are required, by those names, and checked' '
	expect_status 78 ntfy -b telegram -o endpoint "$OK" -o chat_id 1 send x 2> err
	grep -q "needs option .token." err
	expect_status 78 ntfy -b telegram -o endpoint "$OK" -o token "$T" -o chat 1 send x 2> err
	grep -q "needs option .chat_id." err
	expect_status 78 ntfy -b telegram -o token "bot$T" -o chat_id 1 send x 2> err
	grep -q "option .token. is malformed" err
	refute grep -q "AAHdqTcvCH1v" err
	expect_status 78 ntfy -b telegram -o token "$T" -o chat_id "my chat" send x 2> err
	grep -q "option .chat_id. must be a chat number" err
'

check '400 chat not found: the description shown, exit 1, no retry' '
	expect_status 1 ntfy -b telegram -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o token "$T" -o chat_id 1 send x 2> err
	grep -q "^ntfy: telegram: HTTP 400: Bad Request: chat not found$" err
	[ "$(requests bad)" = 1 ]
'

check 'a server error with C1 controls and a BiDi override: each a ?' '
	expect_status 1 ntfy -b telegram -o endpoint "http://127.0.0.1:$(httpd_port c1)" \
		-o token "$T" -o chat_id 1 send x 2> err
	terminal_safe err
	grep -q "^ntfy: telegram: HTTP 400: Bad?2J Request?: ?]0;x?chat$" err
'

check 'HTTP 200 with ok:false is a failure' '
	expect_status 1 ntfy -b telegram -o endpoint "http://127.0.0.1:$(httpd_port notok)" \
		-o token "$T" -o chat_id 1 send x 2> err
	grep -q "refused: Forbidden: bot was blocked by the user" err
'

check 'the token never shows in -v output' '
	expect_status 1 ntfy -v -b telegram -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o token "$T" -o chat_id 1 send x 2> err
	grep -q "POST http://127.0.0.1:[0-9]*/\*\*\*\*\*\*\*\*/sendMessage: HTTP 400" err
	refute grep -q "AAHdqTcvCH1v" err
	refute grep -q "123456789" err
'

check 'telegram-setup: GET getUpdates, each chat once, names cleaned' '
	printf "[telegram]\ntoken = %s\nendpoint = http://127.0.0.1:%s\n" "$T" \
		"$(httpd_port updates)" > cfg.ini
	ntfy -c cfg.ini telegram-setup > out 2> err
	[ "$(req updates 1 "r[\"method\"]")" = GET ]
	[ "$(req updates 1 "r[\"path\"]")" = "/bot$T/getUpdates" ]
	printf "532389719\tprivate\tAnn Lee @ann\n-1001234567890\tchannel\tBuilds[31m\n-42\tgrou?2Jp\tG\n" > want
	cmp want out
	grep -q "chat_id in \[telegram\]" err
'

check 'telegram-setup: a named section, -o, and -v never shows the token' '
	: > updates/log
	printf "[bot]\nbackend = telegram\nchat_id = 5\n" > cfg.ini
	ntfy -c cfg.ini -v -o token "$T" -o endpoint "http://127.0.0.1:$(httpd_port updates)" \
		telegram-setup -b bot > out 2> err
	[ "$(requests updates)" = 1 ]
	grep -q "^532389719" out
	grep -q "GET http://127.0.0.1:[0-9]*/\*\*\*\*\*\*\*\*/getUpdates: HTTP 200" err
	refute grep -q "AAHdqTcvCH1v" err
'

check 'telegram-setup: no chats yet, a webhook, no token' '
	expect_status 1 ntfy -o token "$T" -o endpoint "http://127.0.0.1:$(httpd_port empty)" \
		telegram-setup > out 2> err
	[ ! -s out ]
	grep -q "nobody wrote to the bot" err
	expect_status 1 ntfy -o token "$T" -o endpoint "http://127.0.0.1:$(httpd_port hooked)" \
		telegram-setup 2> err
	grep -q "the bot has a webhook" err
	expect_status 78 ntfy telegram-setup 2> err
	grep -q "needs option .token." err
	expect_status 64 ntfy telegram-setup extra 2> err
'

done_testing
