#!/bin/sh
# Prowl: the form of /publicapi/add, and the XML reply read for success.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

K=7fb59b2bedc4df26afa306d5dc54495b6394295a
P=0123456789abcdef0123456789abcdef01234567
OKXML='<?xml version="1.0" encoding="UTF-8"?>
<prowl>
<success code="200" remaining="975" resetdate="1256310030" />
</prowl>'
start_httpd ok --body "$OKXML"
start_httpd bad --script 401 --body '<?xml version="1.0" encoding="UTF-8"?>
<prowl><error code="401">Invalid API key</error></prowl>'
start_httpd limit --script 406 --body '<prowl><error code="406">Not acceptable, your IP address has exceeded the API limit</error></prowl>'
start_httpd odd --body '<html>hello</html>'
OK=http://127.0.0.1:$(httpd_port ok)

pr() {
	ntfy -b prowl -o endpoint "$OK" -o api_key "$K" "$@"
}

check 'apikey, application, event, description, priority at /add' '
	pr -t "build box" send "hello world"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /add ]
	[ "$(req ok 1 "r[\"form\"][\"apikey\"]")" = "$K" ]
	[ "$(req ok 1 "r[\"form\"][\"application\"]")" = ntfy ]
	[ "$(req ok 1 "r[\"form\"][\"event\"]")" = "build box" ]
	[ "$(req ok 1 "r[\"form\"][\"description\"]")" = "hello world" ]
	[ "$(req ok 1 "r[\"form\"][\"priority\"]")" = 0 ]
	[ "$(req ok 1 "\",\".join(sorted(r[\"form\"]))")" = apikey,application,description,event,priority ]
'

check 'priority, url, provider_key, application' '
	: > ok/log
	pr -o priority -2 -o url https://example.org/ -o provider_key "$P" -o application ci send x
	[ "$(req ok 1 "r[\"form\"][\"priority\"]")" = -2 ]
	[ "$(req ok 1 "r[\"form\"][\"url\"]")" = https://example.org/ ]
	[ "$(req ok 1 "r[\"form\"][\"providerkey\"]")" = "$P" ]
	[ "$(req ok 1 "r[\"form\"][\"application\"]")" = ci ]
	pr -o priority emergency send x
	[ "$(req ok 2 "r[\"form\"][\"priority\"]")" = 2 ]
	expect_status 78 pr -o priority 3 send x 2> err
	grep -q "option .priority. must be -2 to 2 or one of very-low, low" err
	[ "$(requests ok)" = 2 ]
'

check 'api_key is required, by that name, and checked' '
	expect_status 78 ntfy -b prowl -o endpoint "$OK" -o apikey "$K" send x 2> err
	grep -q "needs option .api_key." err
	expect_status 78 ntfy -b prowl -o endpoint "$OK" -o api_key "${K}0" send x 2> err
	grep -q "option .api_key. is malformed" err
	refute grep -q "$K" err
	ntfy -b prowl -o endpoint "$OK" -o api_key "$K,$P" send x
'

check '401 in XML: the error text shown, exit 1, no retry' '
	expect_status 1 ntfy -b prowl -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o api_key "$K" send x 2> err
	grep -q "^ntfy: prowl: HTTP 401: Prowl error 401: Invalid API key$" err
	[ "$(requests bad)" = 1 ]
'

check '406 (hourly limit) is retried, then queued' '
	expect_status 1 ntfy -b prowl -o endpoint "http://127.0.0.1:$(httpd_port limit)" \
		-o api_key "$K" -o retry_budget 0 send x 2> err
	grep -q "Prowl error 406: Not acceptable" err
	grep -q "queued" err
	ntfy queue drop > /dev/null 2>&1
'

check 'HTTP 200 without <success> is a failure' '
	expect_status 1 ntfy -b prowl -o endpoint "http://127.0.0.1:$(httpd_port odd)" \
		-o api_key "$K" send x 2> err
	grep -q "the reply has no <success>" err
'

check 'api_key and provider_key never show in -v output' '
	expect_status 1 ntfy -v -b prowl -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o api_key "$K" -o provider_key "$P" send x 2> err
	grep -q "POST http://127.0.0.1:[0-9]*/add: HTTP 401" err
	refute grep -q "$K" err
	refute grep -q "$P" err
'

done_testing
