#!/bin/sh
# Pushalot (the service is gone): its documented form, for compatibility.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

T=0123456789abcdef0123456789abcdef
start_httpd ok --body ''
start_httpd bad --script 400 --body 'Bad request'
start_httpd gone --script 410 --body ''
start_httpd throttle --script 406 --body 'Message throttle limit hit'
OK=http://127.0.0.1:$(httpd_port ok)

pa() {
	ntfy -b pushalot -o endpoint "$OK" -o auth_token "$T" "$@"
}

check 'Title, Body, AuthorizationToken at /sendmessage' '
	pa -t box send "hello"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /sendmessage ]
	[ "$(req ok 1 "r[\"form\"][\"Title\"]")" = box ]
	[ "$(req ok 1 "r[\"form\"][\"Body\"]")" = hello ]
	[ "$(req ok 1 "r[\"form\"][\"AuthorizationToken\"]")" = "$T" ]
	[ "$(req ok 1 "\",\".join(sorted(r[\"form\"]))")" = AuthorizationToken,Body,Title ]
'

check 'every optional field' '
	: > ok/log
	pa -o source ci -o url https://example.org/ -o url_title site -o image https://example.org/i.png \
		-o ttl 60 -o important yes -o silent true send x
	[ "$(req ok 1 "r[\"form\"][\"Source\"]")" = ci ]
	[ "$(req ok 1 "r[\"form\"][\"Link\"]")" = https://example.org/ ]
	[ "$(req ok 1 "r[\"form\"][\"LinkTitle\"]")" = site ]
	[ "$(req ok 1 "r[\"form\"][\"Image\"]")" = https://example.org/i.png ]
	[ "$(req ok 1 "r[\"form\"][\"TimeToLive\"]")" = 60 ]
	[ "$(req ok 1 "r[\"form\"][\"IsImportant\"]")" = True ]
	[ "$(req ok 1 "r[\"form\"][\"IsSilent\"]")" = True ]
	pa -o url_title site -o important false send x
	[ "$(req ok 2 "r[\"form\"].get(\"LinkTitle\")")" = null ]
	[ "$(req ok 2 "r[\"form\"].get(\"IsImportant\")")" = null ]
	expect_status 1 pa -o ttl soon send x 2> err
	grep -q "option .ttl. must be a whole number" err
'

check 'auth_token is required, by that name' '
	expect_status 78 ntfy -b pushalot -o endpoint "$OK" -o token "$T" send x 2> err
	grep -q "needs option .auth_token." err
'

check '400 and 410: exit 1, no retry' '
	expect_status 1 ntfy -b pushalot -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o auth_token "$T" send x 2> err
	grep -q "^ntfy: pushalot: HTTP 400: Bad request$" err
	expect_status 1 ntfy -b pushalot -o endpoint "http://127.0.0.1:$(httpd_port gone)" \
		-o auth_token "$T" send x 2> err
	grep -q "AuthorizationToken is no longer valid" err
	[ "$(requests bad)" = 1 ]
	[ "$(requests gone)" = 1 ]
'

check '406 throttle: retried' '
	expect_status 1 ntfy -b pushalot -o endpoint "http://127.0.0.1:$(httpd_port throttle)" \
		-o auth_token "$T" -o retry_budget 0 send x 2> err
	grep -q "queued" err
	ntfy queue drop > /dev/null 2>&1
'

check 'the token never shows in -v output' '
	expect_status 1 ntfy -v -b pushalot -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o auth_token "$T" send x 2> err
	grep -q "POST http://127.0.0.1:[0-9]*/sendmessage: HTTP 400" err
	refute grep -q "$T" err
'

done_testing
