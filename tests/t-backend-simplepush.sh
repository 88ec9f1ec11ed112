#!/bin/sh
# Simplepush: the form fields, and end-to-end encryption as the app
# decrypts it (checked with the openssl command, not our code).
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

command -v openssl >/dev/null || skip_all "no openssl command"
K=HuxgBB
start_httpd ok --body '{"status":"OK"}'
start_httpd bad --script 400 --body '{"status":"BadRequest","message":"Title or message too long"}'
start_httpd refused --body '{"status":"InvalidKey","message":"Unknown key"}'
OK=http://127.0.0.1:$(httpd_port ok)

sp() {
	ntfy -b simplepush -o endpoint "$OK" -o key "$K" "$@"
}

# decrypt N FIELD PASSWORD SALT: a field of request N as the app reads it.
decrypt() {
	key=$(printf %s "$3$4" | sha1sum | cut -c1-32)
	iv=$(req ok "$1" "r[\"form\"][\"iv\"]")
	req ok "$1" "r[\"form\"][\"$2\"]" | tr -- "-_" "+/" |
		openssl base64 -d -A | openssl enc -d -aes-128-cbc -K "$key" -iv "$iv"
}

check 'key, title, msg, event at /send' '
	sp -t "build box" -o event deploy send "hello world"
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /send ]
	[ "$(req ok 1 "r[\"form\"][\"key\"]")" = "$K" ]
	[ "$(req ok 1 "r[\"form\"][\"title\"]")" = "build box" ]
	[ "$(req ok 1 "r[\"form\"][\"msg\"]")" = "hello world" ]
	[ "$(req ok 1 "r[\"form\"][\"event\"]")" = deploy ]
	[ "$(req ok 1 "r[\"form\"].get(\"encrypted\")")" = null ]
'

check 'encrypted: AES-128-CBC under SHA-1(password salt), random IV' '
	: > ok/log
	sp -t "tïtle" -o password s3cret -o event ev send "the message: ✅"
	[ "$(req ok 1 "r[\"form\"][\"encrypted\"]")" = true ]
	req ok 1 "r[\"form\"][\"iv\"]" | grep -qx "[0-9A-F]\{32\}"
	[ "$(decrypt 1 msg s3cret 1789F0B8C4A051E5)" = "the message: ✅" ]
	[ "$(decrypt 1 title s3cret 1789F0B8C4A051E5)" = "tïtle" ]
	[ "$(req ok 1 "r[\"form\"][\"event\"]")" = ev ]
	req ok 1 "r[\"form\"][\"msg\"]" | grep -q "^[A-Za-z0-9_-]*=*$"
	sp -o password s3cret send "the message: ✅"
	[ "$(req ok 1 "r[\"form\"][\"iv\"]")" != "$(req ok 2 "r[\"form\"][\"iv\"]")" ]
	[ "$(req ok 1 "r[\"form\"][\"msg\"]")" != "$(req ok 2 "r[\"form\"][\"msg\"]")" ]
'

check 'encrypted with another salt' '
	: > ok/log
	sp -o password pw -o salt 0123456789ABCDEF send "salted"
	[ "$(decrypt 1 msg pw 0123456789ABCDEF)" = salted ]
	[ "$(decrypt 1 msg pw 1789F0B8C4A051E5 2> /dev/null)" != salted ]
'

check 'key is required, by that name' '
	expect_status 78 ntfy -b simplepush -o endpoint "$OK" send x 2> err
	grep -q "needs option .key." err
	expect_status 78 ntfy -b simplepush -o endpoint "$OK" -o apikey "$K" send x 2> err
	grep -q "needs option .key." err
'

check '400: the service error shown, exit 1, no retry' '
	expect_status 1 ntfy -b simplepush -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o key "$K" send x 2> err
	grep -q "^ntfy: simplepush: HTTP 400: Title or message too long$" err
	[ "$(requests bad)" = 1 ]
'

check '200 with a status other than OK is a refusal' '
	expect_status 1 ntfy -b simplepush -o endpoint "http://127.0.0.1:$(httpd_port refused)" \
		-o key "$K" send x 2> err
	grep -q "refused: InvalidKey: Unknown key" err
'

check 'key and password never show in -v output' '
	expect_status 1 ntfy -v -b simplepush -o endpoint "http://127.0.0.1:$(httpd_port bad)" \
		-o key "$K" -o password s3cret send x 2> err
	grep -q "POST http://127.0.0.1:[0-9]*/send: HTTP 400" err
	refute grep -q "$K" err
	refute grep -q s3cret err
'

done_testing
