#!/bin/sh
# Microsoft Teams through a Power Automate workflow: an Adaptive Card.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

SIG=Zq3sIgNaTuRe_0123456789abcdef
start_httpd ok --script 202 --body ''
start_httpd bad --script 401 --body '{"error":{"code":"DirectApiAuthorizationRequired","message":"The request must be authenticated only by Shared Access scheme."}}'
Q="api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=$SIG"
URL="http://127.0.0.1:$(httpd_port ok)/workflows/abc123/triggers/manual/paths/invoke?$Q"

card() {
	req ok 1 "json.loads(r[\"body\"])[\"attachments\"][0]$1"
}

check 'a message with one Adaptive Card: title and text blocks' '
	ntfy -b teams -o url "$URL" -t "build box" send "done"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /workflows/abc123/triggers/manual/paths/invoke ]
	[ "$(req ok 1 "r[\"query\"][\"sig\"]")" = "$SIG" ]
	[ "$(req ok 1 "r[\"query\"][\"sp\"]")" = /triggers/manual/run ]
	[ "$(req ok 1 "r[\"headers\"][\"content-type\"]")" = application/json ]
	[ "$(req ok 1 "json.loads(r[\"body\"])[\"type\"]")" = message ]
	[ "$(card "[\"contentType\"]")" = application/vnd.microsoft.card.adaptive ]
	[ "$(card "[\"content\"][\"type\"]")" = AdaptiveCard ]
	[ "$(card "[\"content\"][\"version\"]")" = 1.4 ]
	[ "$(card "[\"content\"][\"body\"][0][\"text\"]")" = "build box" ]
	[ "$(card "[\"content\"][\"body\"][0][\"weight\"]")" = Bolder ]
	[ "$(card "[\"content\"][\"body\"][1][\"text\"]")" = done ]
	[ "$(card "[\"content\"][\"body\"][1][\"wrap\"]")" = True ]
'

check 'url is required' '
	expect_status 78 ntfy -b teams send x 2> err
	grep -q "needs option .url." err
'

check '401: the service message, no retry' '
	expect_status 1 ntfy -b teams -o url "http://127.0.0.1:$(httpd_port bad)/workflows/a?sig=$SIG" \
		send x 2> err
	grep -q "teams: HTTP 401: The request must be authenticated" err
	[ "$(requests bad)" = 1 ]
'

check 'the signature never in -v output' '
	: > ok/log
	ntfy -v -b teams -o url "$URL" send x 2> err
	grep -q "HTTP 202" err
	refute grep -q "$SIG" err
'

done_testing
