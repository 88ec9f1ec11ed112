#!/bin/sh
# Pushjet: the form fields the self-hosted server reads.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

S=abcdefghijklmnopqrstuvwxyzABCDEF
start_httpd ok --body '{"status": "ok"}'
start_httpd bad --script 400 --body '{"error": {"message": "Invalid secret", "id": 3}}'
start_httpd err200 --body '{"error": {"message": "Service not found", "id": 6}}'
start_httpd html --body '<html>Welcome to nginx</html>'
OK=http://127.0.0.1:$(httpd_port ok)

check 'title, message, level 3, secret at /message' '
	ntfy -b pushjet -o endpoint "$OK" -o secret "$S" -t Title send "hello"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /message ]
	[ "$(req ok 1 "r[\"form\"][\"title\"]")" = Title ]
	[ "$(req ok 1 "r[\"form\"][\"message\"]")" = hello ]
	[ "$(req ok 1 "r[\"form\"][\"level\"]")" = 3 ]
	[ "$(req ok 1 "r[\"form\"][\"secret\"]")" = "$S" ]
	[ "$(req ok 1 "r[\"form\"].get(\"link\")")" = null ]
'

check 'level and link; an endpoint with a path' '
	: > ok/log
	ntfy -b pushjet -o endpoint "$OK/pj/" -o secret "$S" -o level 5 \
		-o link https://example.org/ send x
	[ "$(req ok 1 "r[\"path\"]")" = /pj/message ]
	[ "$(req ok 1 "r[\"form\"][\"level\"]")" = 5 ]
	[ "$(req ok 1 "r[\"form\"][\"link\"]")" = https://example.org/ ]
'

check 'level outside 1..5 refused before sending' '
	: > ok/log
	expect_status 78 ntfy -b pushjet -o endpoint "$OK" -o secret "$S" -o level 7 send x 2> err
	grep -q "option .level. must be 1 to 5, not .7." err
	[ "$(requests ok)" = 0 ]
'

check 'secret is required' '
	expect_status 78 ntfy -b pushjet send x 2> err
	grep -q "needs option .secret." err
'

check '4xx: the server error shown, no retry' '
	expect_status 1 ntfy -b pushjet -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o secret "$S" send x 2> err
	grep -q "pushjet: HTTP 400: Invalid secret" err
	[ "$(requests bad)" = 1 ]
'

check 'an error object in a 200 is a refusal' '
	expect_status 1 ntfy -b pushjet -o endpoint "http://127.0.0.1:$(httpd_port err200)" \
		-o secret "$S" send x 2> err
	grep -q "Service not found" err
'

check 'a 200 that is not JSON is no delivery: asks if it is a Pushjet server' '
	expect_status 1 ntfy -b pushjet -o endpoint "http://127.0.0.1:$(httpd_port html)" \
		-o secret "$S" send x 2> err
	grep -q "HTTP 200, but the reply is not JSON; is endpoint a Pushjet server?" err
	refute grep -q queued err
'

check 'pjet://user:password@host:port/SECRET with Basic auth' '
	: > ok/log
	ntfy -v -b "pjet://me:p%40ss@127.0.0.1:$(httpd_port ok)/$S" send url 2> err
	[ "$(req ok 1 "r[\"form\"][\"secret\"]")" = "$S" ]
	[ "$(req ok 1 "r[\"headers\"][\"authorization\"]")" = "Basic bWU6cEBzcw==" ]
	refute grep -q "$S" err
	refute grep -q "p%40ss" err
'

check 'pjets:// is https' '
	expect_status 1 ntfy -o retry_budget 0 -b "pjets://127.0.0.1:$(httpd_port ok)/$S" send x 2> err
	grep -qi "ssl\|tls\|certificate\|wrong version" err
'

done_testing
