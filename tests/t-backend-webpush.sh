#!/bin/sh
# Web Push: an aes128gcm body only the subscription's keys open (RFC 8291),
# a VAPID JWT signed by our key (RFC 8292), the push service's answers.
# tests/webpush-browser.py plays the browser, from the RFCs, with
# python3-cryptography and python3-jwt.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

browser() {
	/usr/bin/python3 "$TEST_SRCDIR/webpush-browser.py" "$@"
}

# payload DIR N EXPR: a Python expression over the decrypted payload p.
payload() {
	browser decrypt "$1" "$1/log" "$2" > "$1/plain" &&
	/usr/bin/python3 -c 'import json,sys
p = json.load(open(sys.argv[1]))
v = eval(sys.argv[2])
print("null" if v is None else v)' "$1/plain" "$3"
}

start_httpd ok --script 201 --body ''
start_httpd gone --script 410 --body 'push subscription has unsubscribed or expired.'
start_httpd busy --script 429 --body ''
start_httpd big --script 413,201 --body ''
PORT=$(httpd_port ok)
for d in ok gone busy big; do
	browser subscribe "$d" "http://127.0.0.1:$(httpd_port "$d")/wpush/v2/gAAAAABsecretToken"
done

check 'webpush-keys: a 0600 PEM and the public key in URL-safe base64' '
	ntfy webpush-keys vapid.pem > pub 2> err
	[ "$(stat -c %a vapid.pem)" = 600 ]
	grep -q "BEGIN PRIVATE KEY" vapid.pem
	grep -Eq "^B[A-Za-z0-9_-]{86}$" pub
	grep -q "vapid_private_key" err
	expect_status 1 ntfy webpush-keys vapid.pem 2> err
	grep -q "exists: keep it, or replace it with -f" err
	cp vapid.pem old.pem
	ntfy webpush-keys -f vapid.pem > pub2 2> /dev/null
	refute cmp -s vapid.pem old.pem
	[ "$(stat -c %a vapid.pem)" = 600 ]
	mkfifo fifo
	expect_status 1 ntfy webpush-keys -f fifo 2> err
	grep -q "not a regular file" err
	[ -p fifo ]
	expect_status 64 ntfy webpush-keys 2> /dev/null
	openssl pkey -in old.pem -pubout -outform DER | tail -c 65 |
		/usr/bin/python3 -c "import base64,sys; print(base64.urlsafe_b64encode(sys.stdin.buffer.read()).rstrip(b\"=\").decode())" > pub.openssl
	cmp pub pub.openssl
'
ntfy webpush-keys -f vapid.pem > pub 2> /dev/null
PUB=$(cat pub)

wp() {
	d=$1
	shift
	ntfy -b webpush -o subscription "$d/sub.json" -o vapid_private_key vapid.pem \
		-o vapid_subject mailto:ops@example.org "$@"
}

check 'the payload decrypts with the subscription keys: every field' '
	wp ok -t "build box" done sh -c "exit 3" || [ $? = 3 ]
	[ "$(req ok 1 "r[\"method\"]")" = POST ]
	[ "$(req ok 1 "r[\"path\"]")" = /wpush/v2/gAAAAABsecretToken ]
	[ "$(req ok 1 "r[\"headers\"][\"content-encoding\"]")" = aes128gcm ]
	[ "$(req ok 1 "r[\"headers\"][\"content-type\"]")" = application/octet-stream ]
	[ "$(payload ok 1 "p[\"title\"]")" = "build box" ]
	[ "$(payload ok 1 "p[\"status\"]")" = 3 ]
	[ "$(payload ok 1 "p[\"command\"]")" = "sh -c '\''exit 3'\''" ]
	[ "$(payload ok 1 "type(p[\"duration\"]).__name__")" = float ]
	[ "$(payload ok 1 "0 <= p[\"duration\"] < 60")" = True ]
	[ "$(payload ok 1 "p[\"host\"]")" = "$(uname -n)" ]
	[ "$(payload ok 1 "p[\"body\"] != \"\"")" = True ]
	[ "$(payload ok 1 "\",\".join(p)")" = title,body,status,command,duration,host ]
	wp ok -t "é title" send "hello é ✅"
	[ "$(payload ok 2 "p[\"body\"]")" = "hello é ✅" ]
	[ "$(payload ok 2 "p[\"title\"]")" = "é title" ]
	[ "$(payload ok 2 "p[\"status\"]")" = null ]
	[ "$(payload ok 2 "p[\"command\"]")" = null ]
	[ "$(payload ok 2 "p[\"duration\"]")" = null ]
'

check 'the npm module http_ece decrypts it too (make test-deps installs it)' '
	[ -f "${TEST_NPM_DIR:-}/node_modules/http_ece/ece.js" ] ||
		{ echo "http_ece is missing: run make test-deps" >&2; exit 1; }
	: > ok/log
	wp ok -t "ece title" done sh -c "exit 5" || [ $? = 5 ]
	node "$TEST_SRCDIR/webpush-ece.js" "$TEST_NPM_DIR" ok 1 > ece.json
	browser decrypt ok ok/log 1 > py.json
	cmp ece.json py.json
	/usr/bin/python3 -c "import json; p = json.load(open(\"ece.json\")); assert p[\"title\"] == \"ece title\" and p[\"status\"] == 5, p"
'

check 'a new ephemeral key and salt for every message' '
	: > ok/log
	wp ok send same
	wp ok send same
	[ "$(req ok 1 "r[\"body_b64\"][:150]")" != "$(req ok 2 "r[\"body_b64\"][:150]")" ]
	[ "$(payload ok 1 "p[\"body\"]")" = same ]
	[ "$(payload ok 2 "p[\"body\"]")" = same ]
'

check 'VAPID: ES256 JWT with aud = push service origin, exp within 24 h, sub' '
	: > ok/log
	wp ok send x
	browser vapid ok/log 1 "$PUB" > claims
	/usr/bin/python3 -c "import json,sys; c = json.load(open(\"claims\")); assert c[\"aud\"] == \"http://127.0.0.1:$PORT\", c; assert c[\"sub\"] == \"mailto:ops@example.org\", c"
	# A token signed by another key does not verify.
	ntfy webpush-keys other.pem > other.pub 2> /dev/null
	expect_status 1 browser vapid ok/log 1 "$(cat other.pub)" 2> /dev/null
'

check 'TTL, Urgency (high for a failure) and Topic headers' '
	: > ok/log
	wp ok send x
	[ "$(req ok 1 "r[\"headers\"][\"ttl\"]")" = 86400 ]
	[ "$(req ok 1 "r[\"headers\"][\"urgency\"]")" = normal ]
	[ "$(req ok 1 "r[\"headers\"].get(\"topic\")")" = null ]
	wp ok done false || true
	[ "$(req ok 2 "r[\"headers\"][\"urgency\"]")" = high ]
	wp ok -o ttl 60 -o urgency low -o topic build-42_x done true
	[ "$(req ok 3 "r[\"headers\"][\"ttl\"]")" = 60 ]
	[ "$(req ok 3 "r[\"headers\"][\"urgency\"]")" = low ]
	[ "$(req ok 3 "r[\"headers\"][\"topic\"]")" = build-42_x ]
	expect_status 78 wp ok -o topic "has space" send x 2> err
	grep -q "option .topic.: must be 1 to 32" err
	expect_status 78 wp ok -o topic 123456789012345678901234567890123 send x 2> err
	expect_status 78 wp ok -o urgency urgent send x 2> err
	grep -q "option .urgency.: must be very-low, low, normal or high" err
	expect_status 78 wp ok -o ttl -1 send x 2> err
	grep -q "option .ttl." err
	[ "$(requests ok)" = 3 ]
'

check 'the subscription inline; its endpoint and auth never in -v output' '
	: > ok/log
	AUTH=$(/usr/bin/python3 -c "import json; print(json.load(open(\"ok/sub.json\"))[\"keys\"][\"auth\"])")
	wp ok -v -o subscription "$(cat ok/sub.json)" send inline 2> err
	[ "$(payload ok 1 "p[\"body\"]")" = inline ]
	grep -q "webpush: POST http://127.0.0.1:$PORT/\*\*\*\*\*\*\*\*: HTTP 201" err
	refute grep -q gAAAAABsecretToken err
	refute grep -q -- "$AUTH" err
'

check 'a long message is cut to fit one 4096-byte record' '
	: > ok/log
	/usr/bin/python3 -c "print(\"é\" * 5000)" > long
	wp ok send "$(cat long)"
	[ "$(req ok 1 "r[\"length\"] <= 4096")" = True ]
	[ "$(payload ok 1 "p[\"body\"].endswith(\"é…\")")" = True ]
	[ "$(payload ok 1 "len(p[\"body\"]) > 1000")" = True ]
'

check '413: sent again once, shorter' '
	/usr/bin/python3 -c "print(\"x\" * 3000)" > long
	wp big send "$(cat long)"
	[ "$(requests big)" = 2 ]
	[ "$(req big 2 "r[\"length\"] < 1200")" = True ]
	[ "$(payload big 2 "p[\"body\"].endswith(\"x…\")")" = True ]
'

check '410: the subscription is gone: exit 1, subscribe again, not queued' '
	expect_status 1 wp gone send x 2> err
	grep -q "webpush: HTTP 410: subscription expired: subscribe again" err
	[ "$(requests gone)" = 1 ]
	refute grep -q queued err
	[ ! -d "$XDG_STATE_HOME/ntfy/spool" ] || [ -z "$(ls "$XDG_STATE_HOME/ntfy/spool")" ]
'

check '429: retried like every network backend, then queued' '
	expect_status 1 wp busy -o retry_budget 0 send x 2> err
	grep -q "queued after 1 attempt" err
	[ "$(ls "$XDG_STATE_HOME/ntfy/spool" | grep -c "\.json$")" = 1 ]
	refute grep -rq gAAAAABsecretToken "$XDG_STATE_HOME/ntfy/spool"
	rm -rf "$XDG_STATE_HOME/ntfy/spool"
'

check 'bad subscriptions and keys are config errors (78), nothing sent' '
	: > ok/log
	expect_status 78 wp missing 2> err send x
	grep -q "option .subscription.: cannot read .missing/sub.json." err
	printf "{\"endpoint\": \n" > trunc.json
	expect_status 78 ntfy -b webpush -o subscription trunc.json -o vapid_private_key vapid.pem \
		-o vapid_subject mailto:a@b send x 2> err
	grep -q "trunc.json:2: not valid JSON" err
	mk() {
		/usr/bin/python3 -c "import json,sys
s = json.load(open(\"ok/sub.json\"))
exec(sys.argv[1])
json.dump(s, open(\"bad.json\", \"w\"))" "$1"
	}
	try() {
		expect_status 78 ntfy -b webpush -o subscription bad.json -o vapid_private_key vapid.pem \
			-o vapid_subject mailto:a@b send x 2> err
	}
	mk "s[\"keys\"][\"p256dh\"] = s[\"keys\"][\"p256dh\"][:-4]"; try
	grep -q "keys.p256dh is not a P-256 public key" err
	# 65 bytes, but another X with the same Y: off the curve.
	mk "k = s[\"keys\"][\"p256dh\"]; s[\"keys\"][\"p256dh\"] = k[:20] + (\"A\" if k[20] != \"A\" else \"B\") + k[21:]"; try
	grep -q "keys.p256dh is not a P-256 public key" err
	mk "s[\"keys\"][\"auth\"] = \"AAAAAAAAAAAAAAAAAAAAAAAAAA\""; try
	grep -q "keys.auth must be 16 bytes, not 19" err
	mk "s[\"keys\"][\"auth\"] = \"not base64!\""; try
	grep -q "keys.auth is not URL-safe base64" err
	mk "del s[\"keys\"]"; try
	grep -q "not a push subscription" err
	mk "s[\"endpoint\"] = \"http://push.example.org/x\""; try
	grep -q "the endpoint must be an https:// URL" err
	mk "s[\"endpoint\"] = \"ftp://127.0.0.1/x\""; try
	grep -q "the endpoint must be an https:// URL" err
	refute grep -q "\(webpush\|subscription\).*secretToken" err
	[ "$(requests ok)" = 0 ]
'

check 'a VAPID key that is not a P-256 PEM key is a config error' '
	openssl genpkey -algorithm ed25519 -out ed.pem 2> /dev/null
	openssl ecparam -name secp384r1 -genkey -noout -out p384.pem
	echo junk > junk.pem
	for k in ed.pem p384.pem; do
		expect_status 78 wp ok -o vapid_private_key "$k" send x 2> err
		grep -q "option .vapid_private_key.: .$k. is not a P-256" err
	done
	expect_status 78 wp ok -o vapid_private_key junk.pem send x 2> err
	grep -q "option .vapid_private_key.: .junk.pem. is not a PEM private key" err
	expect_status 78 wp ok -o vapid_private_key nowhere.pem send x 2> err
	grep -q "cannot read .nowhere.pem." err
	expect_status 78 wp ok -o vapid_subject "ops@example.org" send x 2> err
	grep -q "option .vapid_subject.: must be a mailto: or https:// URL" err
'

check 'file and line of a bad option in ntfy.ini' '
	printf "[webpush]\nsubscription = %s\nvapid_private_key = junk.pem\nvapid_subject = mailto:a@b\n" \
		"$TEST_TMP/ok/sub.json" > cfg.ini
	expect_status 78 ntfy -c cfg.ini -b webpush send x 2> err
	grep -q "cfg.ini:3: backend .webpush.: option .vapid_private_key." err
'

check 'a Python ntfy.yml with ntfy_webpush imports and sends' '
	: > ok/log
	{
		echo "backends: [ntfy_webpush]"
		echo "ntfy_webpush:"
		printf "  subscription_info: %s\n" "$(cat ok/sub.json)"
		echo "  private_key: $PWD/vapid.pem"
	} > py.yml
	ntfy config import -o py.ini py.yml 2> err
	grep -q "no .vapid_subject." err
	grep -q "^backend = webpush$" py.ini
	grep -q "^vapid_private_key = $PWD/vapid.pem$" py.ini
	grep -q "^subscription = {" py.ini
	expect_status 78 ntfy -c py.ini send x 2> err
	grep -q "vapid_subject" err
	echo "vapid_subject = mailto:ops@example.org" >> py.ini
	ntfy -c py.ini send "from python"
	[ "$(payload ok 1 "p[\"body\"]")" = "from python" ]
	printf "slack:\n  token: x\n  extra: {a: 1}\n" > nested.yml
	expect_status 78 ntfy config import -o nested.ini nested.yml 2> err
	grep -q "nested.yml:3: .slack.extra.: a mapping nested more than one level deep" err
'

check 'ntfy backends lists it' '
	ntfy backends > out
	grep -q "^webpush" out
'

done_testing
