#!/bin/sh
# The generic webhook: the notification as JSON, headers, method, auth.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

start_httpd ok --body ''
start_httpd bad --script 403 --body 'forbidden here'
OK=http://127.0.0.1:$(httpd_port ok)
Q="'"

field() {
	req ok "$1" "json.loads(r[\"body\"])[\"$2\"]"
}

check 'every field of the JSON body' '
	ntfy -b webhook -o url "$OK/hook" -t "build box" send "hello"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /hook ]
	[ "$(req ok 1 "r[\"headers\"][\"content-type\"]")" = application/json ]
	[ "$(req ok 1 "\",\".join(sorted(json.loads(r[\"body\"])))")" = command,duration,host,message,retcode,time,title ]
	[ "$(field 1 title)" = "build box" ]
	[ "$(field 1 message)" = hello ]
	[ "$(field 1 retcode)" = null ]
	[ "$(field 1 duration)" = null ]
	[ "$(field 1 command)" = null ]
	[ "$(field 1 host)" = "$(uname -n)" ]
'

check 'a command reported on: retcode, duration, command' '
	: > ok/log
	expect_status 3 ntfy -b webhook -o url "$OK/hook" done sh -c "exit 3"
	[ "$(field 1 retcode)" = 3 ]
	[ "$(field 1 command)" = "sh -c '\''exit 3'\''" ]
	req ok 1 "json.loads(r[\"body\"])[\"duration\"] >= 0" | grep -q True
'

check 'headers, PUT, a Bearer token' '
	: > ok/log
	ntfy -b webhook -o url "$OK/h" -o method PUT -o token s3cr3t-token \
		-o headers "X-One: 1, X-Two:two words" send x
	[ "$(req ok 1 "r[\"method\"]")" = PUT ]
	[ "$(req ok 1 "r[\"headers\"][\"x-one\"]")" = 1 ]
	[ "$(req ok 1 "r[\"headers\"][\"x-two\"]")" = "two words" ]
	[ "$(req ok 1 "r[\"headers\"][\"authorization\"]")" = "Bearer s3cr3t-token" ]
'

check 'Basic auth with user and password' '
	: > ok/log
	ntfy -b webhook -o url "$OK/h" -o user me -o password pw send x
	[ "$(req ok 1 "r[\"headers\"][\"authorization\"]")" = "Basic bWU6cHc=" ]
	expect_status 78 ntfy -b webhook -o url "$OK/h" -o user me send x 2> err
	grep -q "options .user. and .password. go together" err
'

check 'url is required; bad method and headers refused' '
	expect_status 78 ntfy -b webhook send x 2> err
	grep -q "needs option .url." err
	expect_status 78 ntfy -b webhook -o url "$OK" -o method TRACE send x 2> err
	grep -q "option .method. must be POST, PUT, PATCH, GET, DELETE or HEAD, not .TRACE." err
	expect_status 78 ntfy -b webhook -o url "$OK" -o payload xml send x 2> err
	grep -q "option .payload. must be ntfy, json or form, not .xml." err
	expect_status 78 ntfy -b webhook -o url "$OK" -o fields "[1]" send x 2> err
	grep -q "option .fields. must be a JSON object" err
	expect_status 78 ntfy -b webhook -o url "$OK" -o query "{\"a\": 1}" send x 2> err
	grep -q "option .query.: the value of .a. must be a string" err
	expect_status 78 ntfy -b webhook -o url "$OK" -o headers "X-A 1" send x 2> err
	grep -q "option .headers.: .X-A 1. is not .Name: value." err
	expect_status 78 ntfy -b webhook -o url "$OK" -o headers "X A: 1" send x 2> err
	grep -q "is not a header name" err
	: > ok/log
	expect_status 78 ntfy -b webhook -o url "$OK" -o headers "$(printf "X-A: 1\r\nX-B: 2")" send x 2> err
	grep -q "option .headers.: the value of .X-A. holds a line break" err
	expect_status 78 ntfy -b "json://127.0.0.1:$(httpd_port ok)/?+X-A=1%0D%0AX-Evil:%202" send x 2> err
	grep -q "the value of .X-A. holds a line break" err
	[ "$(requests ok)" = 0 ]
'

check '403: the answer shown, no retry' '
	expect_status 1 ntfy -b webhook -o url "http://127.0.0.1:$(httpd_port bad)/h" send x 2> err
	grep -q "webhook: HTTP 403: forbidden here" err
	[ "$(requests bad)" = 1 ]
'

check 'credentials in headers never in -v output' '
	: > ok/log
	ntfy -v -b webhook -o url "$OK/h" -o headers "X-Api-Key: k3y-v4lue" \
		-o password pw-v4lue -o user me send x 2> err
	[ "$(req ok 1 "r[\"headers\"][\"x-api-key\"]")" = k3y-v4lue ]
	grep -q "HTTP 200" err
	refute grep -q "k3y-v4lue\|pw-v4lue" err
'

check 'a title that is not UTF-8 is repaired, never dropped' '
	: > ok/log
	ntfy -b webhook -o url "$OK/hook" -t "$(printf "T\377")" send hi
	[ "$(field 1 title)" = "$(printf "T\357\277\275")" ]
'

PORT=$(httpd_port ok)

check 'json://HOST:PORT/PATH: Apprise JSON fields, Basic auth; password never in -v output' '
	: > ok/log
	ntfy -v -b "json://me:pw-s3cr3t@127.0.0.1:$PORT/api/notify" -t box send hello 2> err
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /api/notify ]
	[ "$(req ok 1 "r[\"headers\"][\"content-type\"]")" = application/json ]
	[ "$(req ok 1 "r[\"headers\"][\"authorization\"]")" = "Basic bWU6cHctczNjcjN0" ]
	[ "$(req ok 1 "\",\".join(json.loads(r[\"body\"]))")" = version,title,message,attachments,type ]
	[ "$(field 1 version)" = 1.0 ]
	[ "$(field 1 title)" = box ]
	[ "$(field 1 message)" = hello ]
	[ "$(field 1 attachments)" = "[]" ]
	[ "$(field 1 type)" = info ]
	grep -q "HTTP 200" err
	refute grep -q "pw-s3cr3t" err
	ntfy -v -b "json://127.0.0.1:$PORT/?+X-Api-Key=k3y-s3cr3t" send x 2> err
	[ "$(req ok 2 "r[\"headers\"][\"x-api-key\"]")" = k3y-s3cr3t ]
	grep -q "HTTP 200" err
	refute grep -q "k3y-s3cr3t" err
'

check 'json://: type from the command, +headers, -params, :fields, method=' '
	: > ok/log
	expect_status 3 ntfy -b "json://127.0.0.1:$PORT/?method=put&+X-Ticket=7&-src=ci&:type=custom&:extra=yes" done sh -c "exit 3"
	[ "$(req ok 1 "r[\"method\"]")" = PUT ]
	[ "$(req ok 1 "r[\"headers\"][\"x-ticket\"]")" = 7 ]
	[ "$(req ok 1 "r[\"query\"]")" = "{${Q}src${Q}: ${Q}ci${Q}}" ]
	[ "$(field 1 type)" = custom ]
	[ "$(field 1 extra)" = yes ]
	ntfy -b "json://127.0.0.1:$PORT" done true
	[ "$(field 2 type)" = success ]
	[ "$(req ok 2 "r[\"path\"]")" = / ]
'

check 'form://: Apprise form fields; GET puts them in the query' '
	: > ok/log
	ntfy -b "form://127.0.0.1:$PORT/f?:type=warning" -t box send "hello there"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /f ]
	[ "$(req ok 1 "r[\"headers\"][\"content-type\"]")" = application/x-www-form-urlencoded ]
	[ "$(req ok 1 "sorted(r[\"form\"].items())")" = "[(${Q}message${Q}, ${Q}hello there${Q}), (${Q}title${Q}, ${Q}box${Q}), (${Q}type${Q}, ${Q}warning${Q}), (${Q}version${Q}, ${Q}1.0${Q})]" ]
	ntfy -b "form://127.0.0.1:$PORT/f?method=GET&-k=v" -t box send "hello"
	[ "$(req ok 2 "r[\"method\"]")" = GET ]
	[ "$(req ok 2 "sorted(r[\"query\"].items())")" = "[(${Q}k${Q}, ${Q}v${Q}), (${Q}message${Q}, ${Q}hello${Q}), (${Q}title${Q}, ${Q}box${Q}), (${Q}type${Q}, ${Q}info${Q}), (${Q}version${Q}, ${Q}1.0${Q})]" ]
	[ "$(req ok 2 "r[\"length\"]")" = 0 ]
	ntfy -b "forms://127.0.0.1:$PORT/f?method=head" -o url "$OK/f" send x
	[ "$(req ok 3 "r[\"method\"]")" = HEAD ]
	[ "$(requests ok)" = 3 ]
'

check 'json:// bad method is a config error naming the accepted values' '
	expect_status 78 ntfy -b "json://127.0.0.1:$PORT/?method=TRACE" send x 2> err
	grep -q "json://: parameter .method. must be POST, PUT, PATCH, GET, DELETE or HEAD, not .TRACE." err
	expect_status 78 ntfy -b "json://127.0.0.1:$PORT/?+X-A=1%2C2" send x 2> err
	grep -q "json://: header .X-A.: a value with a comma" err
'

done_testing
