#!/bin/sh
# Notifico: GET on the hook URL with the title and message as payload.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

HP=h/1234/abcdefghijklmnop
Q="'"
start_httpd ok --body ''
start_httpd bad --script 404 --body 'Not Found'
URL=http://127.0.0.1:$(httpd_port ok)/$HP

check 'GET WEBHOOK?payload=TITLE, newline, MESSAGE' '
	ntfy -b notifico -o webhook "$URL" -t box send "built & ok"
	[ "$(req ok 1 "r[\"method\"]")" = GET ]
	[ "$(req ok 1 "r[\"path\"]")" = "/$HP" ]
	[ "$(req ok 1 "r[\"query\"][\"payload\"]")" = "box
built & ok" ]
	[ "$(req ok 1 "list(r[\"query\"])")" = "[${Q}payload${Q}]" ]
' 

check 'webhook is required, by that name' '
	expect_status 78 ntfy -b notifico -o url "$URL" send x 2> err
	grep -q "needs option .webhook. (or .project. and .hook.)" err
	expect_status 78 ntfy -b notifico -o webhook "n.tkte.ch/$HP" send x 2> err
	grep -q "option .webhook. must be" err
'

check '404: exit 1, no retry' '
	expect_status 1 ntfy -b notifico -o webhook "http://127.0.0.1:$(httpd_port bad)/$HP" send x 2> err
	grep -q "^ntfy: notifico: HTTP 404: Not Found$" err
	[ "$(requests bad)" = 1 ]
'

check 'the hook path never shows in -v output' '
	expect_status 1 ntfy -v -b notifico -o webhook "http://127.0.0.1:$(httpd_port bad)/$HP" send x 2> err
	grep -q "GET .*?payload=.*: HTTP 404" err
	refute grep -q abcdefghijklmnop err
'

check 'notifico://PROJECT/HOOK: Apprise prefix in colour, hook never in -v output' '
	: > ok/log
	ntfy -v -b notifico://1234/abcdefghijklmnop -o endpoint "http://127.0.0.1:$(httpd_port ok)" \
		-t box send "built" 2> err
	[ "$(req ok 1 "r[\"method\"]")" = GET ]
	[ "$(req ok 1 "r[\"path\"]")" = "/$HP" ]
	[ "$(req ok 1 "r[\"query\"][\"payload\"] == \"\\x0310[i]\\x03 \\x02ntfy\\x0f: box\\nbuilt\\x0f\"")" = True ]
	grep -q "HTTP 200" err
	refute grep -q abcdefghijklmnop err
'

check 'notifico:// ?prefix= and ?color=; a bad value is a config error' '
	: > ok/log
	ntfy -b "notifico://1234/abcdefghijklmnop?color=no" \
		-o endpoint "http://127.0.0.1:$(httpd_port ok)" -t box send "built"
	[ "$(req ok 1 "r[\"query\"][\"payload\"]")" = "[i] ntfy: box
built" ]
	ntfy -b "notifico://1234/abcdefghijklmnop?prefix=no" \
		-o endpoint "http://127.0.0.1:$(httpd_port ok)" -t box send "built"
	[ "$(req ok 2 "r[\"query\"][\"payload\"]")" = "box
built" ]
	expect_status 78 ntfy -b "notifico://1234/abcdefghijklmnop?color=blue" send x 2> err
	grep -q "notifico://: parameter .color. must be yes or no, not .blue." err
	expect_status 78 ntfy -b "notifico://1234" send x 2> err
	grep -q "notifico://PROJECT/HOOK" err
	[ "$(requests ok)" = 2 ]
'

done_testing
