#!/bin/sh
# ntfy config import of Apprise configs, TEXT and YAML: one section per URL,
# named after its first tag or its backend, sent to servers on 127.0.0.1.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

start_httpd po
start_httpd ns
start_httpd go --body '{"id":1,"appid":1,"message":"x","title":"x","priority":5,"date":"2024-01-01T00:00:00Z"}'
start_httpd pj --body '{"status": "ok"}'
NS=127.0.0.1:$(httpd_port ns)
GO=127.0.0.1:$(httpd_port go)
PJ=127.0.0.1:$(httpd_port pj)
U=uQiRzpo4DXghDmr9QzzfQu27cmVRsG
T=azGDORePK8gMaC0QOYAMyEEuzJnyUi

cat > apprise.txt <<EOF
# Apprise TEXT config: TAGS=URL, or a URL alone
phone, mobile = pover://$U@$T/pixel?sound=magic
ntfy://alice:s3cr3t-pw@$NS/builds?priority=4
; another comment style

home=gotify://$GO/AbCdEf123
pjet://$PJ/s3cr3tkey
barks://user:mailpw@example.org/device
EOF

cat > apprise.yml <<EOF
version: 1
tag: everyone
urls:
  - pover://$U@$T:
      - tag: phone
        sound: magic
        overflow: split
      - tag: tablet
        device: tab
  - ntfy://$NS/ci:
      tag: ci, builds
      priority: 5
  - "gotify://$GO/Tok123"
  - bark://127.0.0.1/x
EOF

check 'the test files are real Apprise configs (Apprise itself reads them)' '
	if ! command -v apprise > /dev/null; then
		echo "# apprise not installed: checked by ntfy only"
		exit 0
	fi
	apprise --dry-run --config apprise.txt --tag all -b x > out 2>&1
	[ "$(grep -c "^  [0-9]*\. " out)" = 5 ]
	apprise --dry-run --config apprise.yml --tag all -b x > out 2>&1
	[ "$(grep -c "^  [0-9]*\. " out)" = 5 ]
'

if ntfy config import apprise.yml 2>&1 | grep -q "without libyaml"; then
	have_yaml=
else
	have_yaml=1
fi

check 'TEXT: a section per URL, named by its first tag or its backend' '
	ntfy config import -o text.ini apprise.txt > /dev/null 2> err
	grep -qx "backends = phone, ntfy_sh, home, pushjet" text.ini
	grep -A6 "^\[phone\]" text.ini > got
	printf "[phone]\n; Apprise tags: phone mobile\nbackend = pushover\nuser_key = %s\napi_token = %s\ndevice = pixel\nsound = magic\n" "$U" "$T" > want
	diff want got
	grep -q "^; warning: apprise.txt:8: barks://: unknown URL scheme" text.ini
	grep -q "apprise.txt:8: barks://: unknown URL scheme" err
	refute grep -q mailpw err
	ntfy -c text.ini config check > out
	grep -q ": ok$" out
'

check 'TEXT: every URL sends where it says, with its fields' '
	ntfy -c text.ini -b phone -o endpoint "http://127.0.0.1:$(httpd_port po)" -t T send hello
	[ "$(req po 1 "r[\"form\"][\"user\"]")" = "$U" ]
	[ "$(req po 1 "r[\"form\"][\"token\"]")" = "$T" ]
	[ "$(req po 1 "r[\"form\"][\"device\"]")" = pixel ]
	[ "$(req po 1 "r[\"form\"][\"sound\"]")" = magic ]
	[ "$(req po 1 "r[\"form\"][\"message\"]")" = hello ]
	ntfy -c text.ini -b ntfy_sh -t T send hello
	[ "$(req ns 1 "r[\"path\"]")" = /builds ]
	[ "$(req ns 1 "r[\"headers\"][\"x-priority\"]")" = 4 ]
	[ "$(req ns 1 "r[\"headers\"][\"authorization\"]")" = "Basic YWxpY2U6czNjcjN0LXB3" ]
	ntfy -c text.ini -b home -t T send hello
	[ "$(req go 1 "r[\"path\"]")" = /message ]
	[ "$(req go 1 "r[\"headers\"][\"x-gotify-key\"]")" = AbCdEf123 ]
	ntfy -c text.ini -b pushjet -t T send hello
	[ "$(req pj 1 "r[\"form\"][\"secret\"]")" = s3cr3tkey ]
	[ "$(req pj 1 "r[\"form\"][\"message\"]")" = hello ]
'

check 'YAML: options and tags per URL, one section per option set' '
	[ -n "$have_yaml" ] || { echo "# built without libyaml"; exit 0; }
	ntfy config import apprise.yml > yaml.ini 2> err
	grep -qx "backends = phone, tablet, ci, everyone" yaml.ini
	grep -A5 "^\[tablet\]" yaml.ini | grep -qx "device = tab"
	grep -A6 "^\[phone\]" yaml.ini | grep -qx "sound = magic"
	grep -q "^; warning: backend .pushover. has no option .overflow." yaml.ini
	grep -q "apprise.yml:[0-9]*: \[phone\]: backend .pushover. has no option .overflow." err
	grep -q "^; warning: apprise.yml:[0-9]*: bark://: unknown URL scheme" yaml.ini
	: > ns/log
	ntfy -c yaml.ini -b ci -t T send hello
	[ "$(req ns 1 "r[\"path\"]")" = /ci ]
	[ "$(req ns 1 "r[\"headers\"][\"x-priority\"]")" = 5 ]
	: > go/log
	ntfy -c yaml.ini -b everyone send hello
	[ "$(req go 1 "r[\"headers\"][\"x-gotify-key\"]")" = Tok123 ]
	: > po/log
	ntfy -c yaml.ini -b tablet -o endpoint "http://127.0.0.1:$(httpd_port po)" send hello
	[ "$(req po 1 "r[\"form\"][\"device\"]")" = tab ]
'

check 'format found by content, or named with --from' '
	cp apprise.txt notify.cfg
	ntfy config import notify.cfg > out
	grep -q "^backends = phone" out
	[ -n "$have_yaml" ] || exit 0
	cp apprise.yml services.yml
	ntfy config import services.yml > out
	grep -q "^backends = phone, tablet" out
	printf "backends: [file]\nfile:\n  path: x\n" > apprise.yaml
	ntfy config import --from ntfy apprise.yaml > out
	grep -qx "backends = file" out
	ntfy config import --from apprise services.yml > out
	grep -q "^backends = phone" out
	expect_status 64 ntfy config import --from nope x 2> err
	grep -q "usage: ntfy config import .*--from apprise|ntfy" err
'

check 'Apprise default paths: every file Apprise reads, when none is named' '
	expect_status 78 ntfy config import --from apprise 2> err
	grep -q "no Apprise config: none of ~/.apprise" err
	cp apprise.txt "$HOME/.apprise"
	mkdir -p "$XDG_CONFIG_HOME/apprise"
	printf "urls:\n  - pjet://%s/other\n" "$PJ" > "$XDG_CONFIG_HOME/apprise/apprise.yml"
	if [ -n "$have_yaml" ]; then
		ntfy config import --from apprise > out
		grep -qx "backends = phone, ntfy_sh, home, pushjet, pushjet-2" out
		grep -qx "secret = other" out
	fi
	rm "$XDG_CONFIG_HOME/apprise/apprise.yml"
	ntfy config import > out
	grep -q "from the Apprise config $HOME/.apprise$" out
	rm "$HOME/.apprise"
'

check 'Apprise extras carried over, not warned about: thread, footer, silent, preview, +headers, format' '
	start_httpd dc --script 204 --body ""
	start_httpd tg --body "{\"ok\":true,\"result\":{\"message_id\":7}}"
	cat > extras.txt <<-EOF
	dc = discord://1234/abcDEF-tok?thread=4455&footer=yes
	tg = tgram://123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/42?silent=yes&preview=no
	mail = mailto://127.0.0.1:25/me@example.test?from=a@example.test&+X-Ticket=7&mode=starttls
	po = pover://$U@$T?format=html
	EOF
	ntfy config import --from apprise -o extras.ini extras.txt 2> err
	refute grep -q "warning" extras.ini
	refute grep -q "warning" err
	grep -A6 "^\[dc\]" extras.ini | grep -qx "thread = 4455"
	grep -A6 "^\[dc\]" extras.ini | grep -qx "footer = yes"
	grep -A9 "^\[mail\]" extras.ini | grep -qx "headers = X-Ticket: 7"
	ntfy -c extras.ini -b dc -o endpoint "http://127.0.0.1:$(httpd_port dc)" -t T send hi
	[ "$(req dc 1 "r[\"query\"][\"thread_id\"]")" = 4455 ]
	[ "$(req dc 1 "json.loads(r[\"body\"])[\"embeds\"][0][\"footer\"][\"text\"]")" = ntfy ]
	ntfy -c extras.ini -b tg -o endpoint "http://127.0.0.1:$(httpd_port tg)" send hi
	[ "$(req tg 1 "json.loads(r[\"body\"])[\"disable_notification\"]")" = True ]
	[ "$(req tg 1 "json.loads(r[\"body\"])[\"link_preview_options\"][\"is_disabled\"]")" = True ]
	: > po/log
	ntfy -c extras.ini -b po -o endpoint "http://127.0.0.1:$(httpd_port po)" send "a<b"
	[ "$(req po 1 "r[\"form\"][\"message\"]")" = "a&lt;b" ]
	[ "$(req po 1 "r[\"form\"][\"html\"]")" = 1 ]
	[ -n "$have_yaml" ] || exit 0
	cat > extras.yml <<-EOF
	urls:
	  - mailto://127.0.0.1:25/me@example.test?from=a@example.test&+X-One=1:
	    - tag: mail
	      +X-Two: two words
	      +X-Api-Token: s3cr3t-hdr
	  - tgram://123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/42:
	    - tag: tg
	      silent: yes
	      preview: yes
	EOF
	ntfy config import --from apprise -o extras2.ini extras.yml 2> err
	refute grep -q "warning" extras2.ini
	refute grep -q "warning" err
	# As with Apprise, the entry'"'"'s headers replace the URL'"'"'s.
	grep -qx "headers = X-Two: two words, X-Api-Token: s3cr3t-hdr" extras2.ini
	grep -A8 "^\[tg\]" extras2.ini | grep -qx "silent = yes"
	grep -A8 "^\[tg\]" extras2.ini | grep -qx "preview = yes"
	: > tg/log
	ntfy -c extras2.ini -b tg -o endpoint "http://127.0.0.1:$(httpd_port tg)" send hi
	[ "$(req tg 1 "json.loads(r[\"body\"])[\"link_preview_options\"][\"is_disabled\"]")" = False ]
'

check 'bad Apprise input: one clear line, exit 78' '
	printf "pover://%s@%s\nthis is not a URL\n" "$U" "$T" > bad.txt
	expect_status 78 ntfy config import --from apprise bad.txt > out 2> err
	grep -q "^ntfy: bad.txt:2: not an Apprise line" err
	[ ! -s out ]
	printf "ntfy://\n" > odd.txt
	ntfy config import --from apprise odd.txt > out 2> err
	grep -q "^; warning: odd.txt:1: ntfy://: a ntfy:// URL is" out
	printf "ntfys://host.example/t1/t2\n" > two.txt
	ntfy config import --from apprise two.txt > out
	grep -qx "backends = ntfy_sh, ntfy_sh-2" out
	[ "$(grep -c "^topic = t[12]$" out)" = 2 ]
	[ -n "$have_yaml" ] || exit 0
	printf "version: 2\nurls:\n  - ntfy://a\n" > v2.yml
	expect_status 78 ntfy config import --from apprise v2.yml 2> err
	grep -q "v2.yml:1: Apprise YAML version 1 is the only one" err
'

done_testing
