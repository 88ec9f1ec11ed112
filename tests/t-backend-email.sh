#!/bin/sh
# E-mail through libcurl's SMTP to a real SMTP server (aiosmtpd) on
# 127.0.0.1: envelope, RFC 5322 headers, CRLF, AUTH, the refusals.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null ||
	skip_all 'python3-aiosmtpd is not installed'

# start_smtpd DIR [fakesmtpd.py options]: port in DIR/port, messages in
# DIR/log.
start_smtpd() {
	dir=$1
	shift
	mkdir -p "$dir"
	: > "$dir/log"
	/usr/bin/python3 "$TEST_SRCDIR/fakesmtpd.py" --port-file "$dir/port" \
		--log "$dir/log" "$@" 2> "$dir/stderr" &
	test_cleanup_cmds="$test_cleanup_cmds kill $! 2>/dev/null;"
	wait_for test -s "$dir/port" || { echo "SMTP server did not start" >&2; return 1; }
}

start_smtpd open
start_smtpd auth --auth me:s3cr3t-pw
start_smtpd refuse --reject-rcpt nobody@example.test
start_smtpd busy --data-reply '451 4.3.0 try again later'
start_smtpd tlsonly --mail-reply '530 5.7.0 Must issue a STARTTLS command first'

mail() {
	dir=$1
	shift
	ntfy -b email -o smtp_url "smtp://127.0.0.1:$(cat "$dir/port")" \
		-o starttls no -o from "ntfy <ntfy@example.test>" "$@"
}

# msg DIR N EXPR: a Python expression over message N as m (email.message),
# its record as r.
msg() {
	/usr/bin/python3 -c 'import json, sys, email, email.policy
r = json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1])
m = email.message_from_bytes(r["data"].replace("\r\n", "\n").encode(),
    policy=email.policy.default)
v = eval(sys.argv[3])
print("null" if v is None else v)' "$1/log" "$2" "$3"
}

check 'envelope and headers: From, To, Subject, Date, Message-ID, MIME' '
	mail open -o to "me@example.test, Bob <bob@example.test>" -t "build box" send "done"
	[ "$(msg open 1 "r[\"mail_from\"]")" = ntfy@example.test ]
	[ "$(msg open 1 "\",\".join(r[\"rcpt_tos\"])")" = me@example.test,bob@example.test ]
	[ "$(msg open 1 "m[\"From\"]")" = "ntfy <ntfy@example.test>" ]
	[ "$(msg open 1 "m[\"To\"]")" = "me@example.test, Bob <bob@example.test>" ]
	[ "$(msg open 1 "m[\"Subject\"]")" = "build box" ]
	[ "$(msg open 1 "m[\"MIME-Version\"]")" = 1.0 ]
	[ "$(msg open 1 "m.get_content_type()")" = text/plain ]
	[ "$(msg open 1 "m.get_content_charset()")" = utf-8 ]
	msg open 1 "m[\"Message-ID\"]" | grep -q "^<[0-9a-f]*\.[0-9]*\.ntfy@example\.test>$"
	msg open 1 "abs(m[\"Date\"].datetime.timestamp() - __import__(\"time\").time()) < 60" | grep -q True
	[ "$(msg open 1 "m.get_content()")" = done ]
	[ "$(msg open 1 "r[\"auth\"]")" = null ]
'

check 'CRLF line ends only; a leading dot survives' '
	: > open/log
	mail open -o to me@example.test send "one
.two
three"
	msg open 1 "\"\\n\" not in r[\"data\"].replace(\"\\r\\n\", \"\")" | grep -q True
	[ "$(msg open 1 "m.get_content()")" = "one
.two
three" ]
'

check 'a bare CR or LF never reaches the server: every line end is CRLF' '
	: > open/log
	mail open -o to me@example.test send "$(printf "one\rtwo\r\n.\rthree\n.\r\nMAIL FROM:<e@example.test>\r\nfour\r")"
	[ "$(wc -l < open/log)" = 1 ]
	msg open 1 "__import__(\"re\").search(\"\\r(?!\\n)|(?<!\\r)\\n\", r[\"data\"]) is None" | grep -q True
	[ "$(msg open 1 "\"|\".join(m.get_content().split(\"\\n\"))")" = \
		"one|two|.|three|.|MAIL FROM:<e@example.test>|four|" ]
'

check 'a title with line breaks: one Subject line, even from an edited spool file' '
	: > open/log
	mail open -o to me@example.test -t "$(printf "a\rb\r\nX-Evil: 1")" send x
	[ "$(msg open 1 "m[\"Subject\"]")" = "a b  X-Evil: 1" ]
	# The core flattens -t; the backend must not count on it.
	expect_status 1 ntfy -b email -o smtp_url "smtp://127.0.0.1:$(cat busy/port)" \
		-o starttls no -o from ntfy@example.test -o to me@example.test \
		-o retry_budget 0 -t t send x 2> err
	f=$(ls "$XDG_STATE_HOME"/ntfy/spool/*)
	/usr/bin/python3 -c "import json, sys
e = json.load(open(sys.argv[1])); e[\"title\"] = \"\u00e9\\r\\nX-Evil: 1\"
e[\"options\"][\"smtp_url\"] = sys.argv[2]
json.dump(e, open(sys.argv[1], \"w\"))" "$f" "smtp://127.0.0.1:$(cat open/port)"
	ntfy queue flush
	[ "$(msg open 2 "m[\"Subject\"]")" = "é  X-Evil: 1" ]
	[ "$(msg open 2 "m[\"X-Evil\"]")" = null ]
'

check 'a UTF-8 title is an RFC 2047 encoded word; a UTF-8 body stays 8bit' '
	: > open/log
	mail open -o to me@example.test -t "héllo wörld ✅" send "ünïcode body"
	msg open 1 "r[\"data\"]" | grep -q "^Subject: =?UTF-8?B?"
	[ "$(msg open 1 "m[\"Subject\"]")" = "héllo wörld ✅" ]
	[ "$(msg open 1 "m[\"Content-Transfer-Encoding\"]")" = 8bit ]
	[ "$(msg open 1 "m.get_content()")" = "ünïcode body" ]
'

check 'a long non-ASCII title is folded into several encoded words' '
	: > open/log
	long=$(/usr/bin/python3 -c "print(\"é\" * 120)")
	mail open -o to me@example.test -t "$long" send x
	[ "$(msg open 1 "m[\"Subject\"]")" = "$long" ]
	[ "$(msg open 1 "max(len(l) for l in r[\"data\"].split(\"\\r\\n\"))")" -le 78 ]
'

check 'a line over 998 bytes: the body goes base64' '
	: > open/log
	long=$(head -c 3000 /dev/zero | tr "\0" x)
	mail open -o to me@example.test send "$long"
	[ "$(msg open 1 "m[\"Content-Transfer-Encoding\"]")" = base64 ]
	[ "$(msg open 1 "m.get_content()")" = "$long$(printf "\r")" ]
'

check 'a title cannot inject headers' '
	: > open/log
	mail open -o to me@example.test -t "x
Bcc: evil@example.test" send x
	[ "$(msg open 1 "m[\"Bcc\"]")" = null ]
	[ "$(msg open 1 "\",\".join(r[\"rcpt_tos\"])")" = me@example.test ]
'

check 'AUTH with user and password; the password never in -v output' '
	mail auth -o to me@example.test -o user me -o password s3cr3t-pw -v send x 2> err
	[ "$(msg auth 1 "r[\"auth\"]")" = me ]
	refute grep -q s3cr3t-pw err
'

check 'a login without TLS to another host: one warning; none on this machine' '
	mail auth -o to me@example.test -o user me -o password s3cr3t-pw send x 2> err
	refute grep -q unencrypted err
	# 0.0.0.0 is no loopback name, yet Linux connects it to this machine.
	ntfy -b email -o smtp_url "smtp://0.0.0.0:$(cat auth/port)" -o starttls no \
		-o from ntfy@example.test -o to me@example.test \
		-o user me -o password s3cr3t-pw send x 2> err
	grep -q "^ntfy: warning: email: the SMTP login and the messages go unencrypted to 0.0.0.0 (starttls = no)$" err
'

check 'a wrong password: refused, exit 1' '
	expect_status 1 mail auth -o to me@example.test -o user me -o password nope send x 2> err
	grep -q "email: the SMTP server refused the login" err
'

check 'no AUTH to a server that requires it: SMTP 530' '
	expect_status 1 mail auth -o to me@example.test send x 2> err
	grep -q "email: SMTP 530" err
'

check 'a refused recipient: SMTP 550 in the server words, final, exit 1' '
	expect_status 1 mail refuse -o to nobody@example.test send x 2> err
	grep -q "^ntfy: email: SMTP 550: 5.1.1 <nobody@example.test>: no such user here$" err
	is "$(ntfy queue)" ""
'

check 'a refused MAIL: the server text, not only the code' '
	expect_status 1 mail tlsonly -o to me@example.test send x 2> err
	grep -q "^ntfy: email: SMTP 530: 5.7.0 Must issue a STARTTLS command first$" err
	is "$(ntfy queue)" ""
'

check 'a temporary refusal: SMTP 451, retried, queued, sent by queue flush' '
	cat > mail.ini <<-EOF
	[mail]
	backend = email
	smtp_url = smtp://127.0.0.1:$(cat busy/port)
	starttls = no
	from = ntfy@example.test
	to = me@example.test
	EOF
	chmod 600 mail.ini
	expect_status 1 ntfy -c mail.ini -b mail -o retry_budget 2 send queued-mail 2> err
	# Under valgrind one attempt can take the whole budget.
	tries="2 attempts"
	[ -z "${NTFY_VALGRIND:-}" ] || tries="[0-9]+ attempts?"
	grep -Eq "mail: SMTP 451.*queued after $tries" err
	sed -i "s/$(cat busy/port)/$(cat open/port)/" mail.ini
	n=$(wc -l < open/log)
	ntfy -c mail.ini queue flush
	[ "$(wc -l < open/log)" = $((n + 1)) ]
	msg open $((n + 1)) "m.get_content().strip()" | grep -q queued-mail
	is "$(ntfy -c mail.ini queue)" ""
'

check 'STARTTLS required by default: a server without it is refused' '
	expect_status 1 ntfy -b email -o smtp_url "smtp://127.0.0.1:$(cat open/port)" \
		-o from ntfy@example.test -o to me@example.test send x 2> err
	grep -q "starttls = no" err
'

check 'smtp_url, from and to are required' '
	expect_status 78 ntfy -b email -o from a@b.test -o to c@d.test send x 2> err
	grep -q "needs option .smtp_url." err
	expect_status 78 ntfy -b email -o smtp_url smtp://x -o to c@d.test send x 2> err
	grep -q "needs option .from." err
	expect_status 78 ntfy -b email -o smtp_url smtp://x -o from a@b.test send x 2> err
	grep -q "needs option .to." err
'

check 'bad values refused before sending' '
	expect_status 78 ntfy -b email -o smtp_url http://x -o from a@b.test -o to c@d.test send x 2> err
	grep -q "option .smtp_url. must be an smtp:// or smtps:// URL" err
	expect_status 78 ntfy -b email -o smtp_url smtp://x -o from nobody -o to c@d.test send x 2> err
	grep -q "option .from. is not an address" err
	expect_status 78 ntfy -b email -o smtp_url smtp://x -o from a@b.test -o to "c@d.test, x y" send x 2> err
	grep -q "option .to.: .x y. is not an address" err
	expect_status 78 ntfy -b email -o smtp_url smtp://x -o from a@b.test -o to c@d.test \
		-o starttls maybe send x 2> err
	grep -q "option .starttls. must be yes, try or no" err
	expect_status 78 ntfy -b email -o smtp_url smtp://x -o from a@b.test -o to c@d.test \
		-o user me send x 2> err
	grep -q "options .user. and .password. go together" err
'

check 'mailto://HOST:PORT/TO?from=&name=&cc=&bcc=&reply=: envelope and headers' '
	: > open/log
	ntfy -b "mailto://127.0.0.1:$(cat open/port)/me@example.test?from=ntfy@example.test&name=CI&cc=c@example.test&bcc=b@example.test&reply=r@example.test" \
		-t "build box" send done
	[ "$(msg open 1 "r[\"mail_from\"]")" = ntfy@example.test ]
	[ "$(msg open 1 "\",\".join(r[\"rcpt_tos\"])")" = me@example.test,c@example.test,b@example.test ]
	[ "$(msg open 1 "m[\"From\"]")" = "CI <ntfy@example.test>" ]
	[ "$(msg open 1 "m[\"To\"]")" = me@example.test ]
	[ "$(msg open 1 "m[\"Cc\"]")" = c@example.test ]
	[ "$(msg open 1 "m[\"Reply-To\"]")" = r@example.test ]
	[ "$(msg open 1 "m[\"Bcc\"]")" = null ]
	[ "$(msg open 1 "m[\"Subject\"]")" = "build box" ]
	[ "$(msg open 1 "m.get_content()")" = done ]
	[ "$(msg open 1 "r[\"auth\"]")" = null ]
'

check 'headers: extra mail headers, non-ASCII values encoded' '
	: > open/log
	printf "[m]\nbackend = email\nsmtp_url = smtp://127.0.0.1:%s\nstarttls = no\nfrom = ntfy@example.test\nto = me@example.test\nheaders = X-Priority: 1, X-Build: ci nightly, X-Note: café\n" \
		"$(cat open/port)" > m.ini
	ntfy -c m.ini -b m send done
	[ "$(msg open 1 "m[\"X-Priority\"]")" = 1 ]
	[ "$(msg open 1 "m[\"X-Build\"]")" = "ci nightly" ]
	[ "$(msg open 1 "m[\"X-Note\"]")" = café ]
	msg open 1 "r[\"data\"]" | grep -q "^X-Note: =?UTF-8?B?"
	[ "$(msg open 1 "m[\"From\"]")" = ntfy@example.test ]
	[ "$(msg open 1 "m.get_content()")" = done ]
'

check 'headers: a line break in a value is refused (header injection), so are names ntfy writes' '
	: > open/log
	expect_status 78 mail open -o to me@example.test \
		-o headers "$(printf "X-A: a\r\nBcc: evil@example.test")" send x 2> err
	grep -q "option .headers.: the value of .X-A. holds a line break" err
	expect_status 78 mail open -o to me@example.test \
		-o headers "$(printf "X-A: a\nBcc: evil@example.test")" send x 2> err
	grep -q "the value of .X-A. holds a line break" err
	expect_status 78 mail open -o to me@example.test -o headers "Bcc: evil@example.test" send x 2> err
	grep -q "option .headers.: ntfy writes .Bcc. itself" err
	expect_status 78 mail open -o to me@example.test -o headers "X A: b" send x 2> err
	grep -q "option .headers.: .X A. is not a header name" err
	expect_status 78 ntfy -b "mailto://127.0.0.1:$(cat open/port)/me@example.test?from=a@example.test&+X-A=a%0D%0ABcc:%20evil@example.test" \
		send x 2> err
	grep -q "the value of .X-A. holds a line break" err
	[ "$(wc -l < open/log | tr -d " ")" = 0 ]
'

check 'mailto://...?+NAME=VALUE: Apprise headers, not warned about' '
	: > open/log
	ntfy -b "mailto://127.0.0.1:$(cat open/port)/me@example.test?from=a@example.test&+X-Custom=hello&+X-Two=two%20words" \
		send x 2> err
	[ "$(msg open 1 "m[\"X-Custom\"]")" = hello ]
	[ "$(msg open 1 "m[\"X-Two\"]")" = "two words" ]
	refute grep -q "has no option" err
	expect_status 78 ntfy -b "mailto://127.0.0.1:$(cat open/port)/me@example.test?from=a@example.test&+X-C=a,b" \
		send x 2> err
	grep -q "header .X-C.: a name with .:. or .,., or a value with .,., cannot be given in a URL" err
	[ "$(wc -l < open/log | tr -d " ")" = 1 ]
'

check 'mailto://USER:PASSWORD@HOST:PORT: login, from and to USER@HOST; password never in -v output' '
	: > auth/log
	ntfy -v -b "mailto://me:s3cr3t-pw@127.0.0.1:$(cat auth/port)" send x 2> err
	[ "$(msg auth 1 "r[\"auth\"]")" = me ]
	[ "$(msg auth 1 "r[\"mail_from\"]")" = me@127.0.0.1 ]
	[ "$(msg auth 1 "\",\".join(r[\"rcpt_tos\"])")" = me@127.0.0.1 ]
	refute grep -q s3cr3t-pw err
	expect_status 1 ntfy -v -b "mailto://me:wr0ng-pw@127.0.0.1:$(cat auth/port)?to=a@example.test" send x 2> err
	grep -q "the SMTP server refused the login" err
	refute grep -q wr0ng-pw err
'

check 'mailto://?smtp=, mailtos:// STARTTLS on 587, mode=ssl on 465' '
	: > open/log
	ntfy -b "mailto://example.test:$(cat open/port)/me@example.test?smtp=127.0.0.1&from=a@example.test" send x
	[ "$(msg open 1 "\",\".join(r[\"rcpt_tos\"])")" = me@example.test ]
	expect_status 1 ntfy -b "mailtos://127.0.0.1:$(cat open/port)/me@example.test?from=a@example.test" send x 2> err
	grep -q "starttls = no" err
	expect_status 1 ntfy -v -b "mailtos://127.0.0.1/me@example.test?from=a@example.test" \
		-o connect_timeout 2 send x 2> err
	grep -q "SMTP smtp://127.0.0.1:587," err
	expect_status 1 ntfy -v -b "mailtos://127.0.0.1/me@example.test?from=a@example.test&mode=ssl" \
		-o connect_timeout 2 send x 2> err
	grep -q "SMTP smtps://127.0.0.1:465," err
	[ "$(wc -l < open/log)" = 1 ]
'

check 'mailto:// bad mode, no sender: config errors' '
	expect_status 78 ntfy -b "mailtos://127.0.0.1/me@example.test?from=a@example.test&mode=tls" send x 2> err
	grep -q "mailtos://: parameter .mode. must be starttls or ssl, not .tls." err
	expect_status 78 ntfy -b "mailto://127.0.0.1/me@example.test" send x 2> err
	grep -q "needs option .from." err
	expect_status 78 ntfy -b "mailto://127.0.0.1/me@example.test?from=a@example.test&cc=x%20y" send x 2> err
	grep -q "option .cc.: .x y. is not an address" err
'

done_testing
