#!/bin/sh
# Apprise-style URLs: how targets are split, several targets per URL,
# ?format=, priority names, bad parameters, and every scheme's forms
# against a loopback recorder (the fields each backend's own test checks).
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

start_httpd ok
OK=http://127.0.0.1:$(httpd_port ok)
HP=127.0.0.1:$(httpd_port ok)

check '-b URL is never split at commas or blanks' '
	: > ok/log
	ntfy -b "ntfy://$HP/t?tags=warning,skull" send x
	is "$(requests ok)" 1
	is "$(req ok 1 "r[\"headers\"][\"x-tags\"]")" warning,skull
'

check 'plain names before a URL are split; a URL in a list runs to the blank' '
	: > ok/log
	printf "backends = file, ntfy://%s/a?tags=x,y, ntfy://%s/b\n[file]\npath = %s/out\n" \
		"$HP" "$HP" "$PWD" > cfg.ini
	ntfy -c cfg.ini send listed
	is "$(requests ok)" 2
	req ok 1 "r[\"path\"] + r[\"headers\"].get(\"x-tags\", \"\")" > got
	req ok 2 "r[\"path\"] + r[\"headers\"].get(\"x-tags\", \"\")" >> got
	sort -o got got
	same got "$(printf "%s\n" /ax,y /b)"
	grep -q listed out
	: > ok/log
	ntfy -o path "$PWD/out2" -b "file,ntfy://$HP/c?tags=p,q" send listed2
	is "$(req ok 1 "r[\"headers\"][\"x-tags\"]")" p,q
	grep -q listed2 out2
'

check 'ntfy: several topics, one request each; ?to= adds more' '
	: > ok/log
	ntfy -b "ntfy://$HP/t1/t2?to=t3,t4" send multi
	is "$(requests ok)" 4
	for i in 1 2 3 4; do req ok $i "r[\"path\"]"; done | sort | tr -d "\n" > paths
	is "$(cat paths)" /t1/t2/t3/t4
	for i in 1 2 3 4; do is "$(req ok $i "r[\"body\"]")" multi; done
'

check 'ntfy: -o topic after the URL stands for one target' '
	: > ok/log
	ntfy -b "ntfy://$HP/t1/t2" -o topic only send one
	is "$(requests ok)" 1
	is "$(req ok 1 "r[\"path\"]")" /only
'

check 'ntfy: a failed topic of several is queued alone and resent alone' '
	start_httpd down --script 503
	D=127.0.0.1:$(httpd_port down)
	expect_status 1 ntfy -o retry_budget 0 -b "ntfy://$D/q1/q2" send queued 2> err
	is "$(requests down)" 2
	stop_httpd down
	ls "$XDG_STATE_HOME/ntfy/spool" | grep -c json > n
	is "$(cat n)" 2
	start_httpd down --port "${D#*:}"
	ntfy queue flush 2> err || { cat err; false; }
	is "$(requests down)" 2
	for i in 1 2; do req down $i "r[\"path\"]"; done | sort | tr -d "\n" > paths
	is "$(cat paths)" /q1/q2
'

check 'ntfy, pover, gotify: Apprise priority names' '
	: > ok/log
	ntfy -b "ntfy://$HP/p?priority=emergency" send a
	ntfy -b "ntfy://$HP/p?priority=low" send b
	ntfy -b "ntfy://$HP/p?priority=normal" send c
	is "$(req ok 1 "r[\"headers\"][\"x-priority\"]")" 5
	is "$(req ok 2 "r[\"headers\"][\"x-priority\"]")" 2
	is "$(req ok 3 "r[\"headers\"][\"x-priority\"]")" 3
	U=uQiRzpo4DXghDmr9QzzfQu27cmVRsG
	T=azGDORePK8gMaC0QOYAMyEEuzJnyUi
	: > ok/log
	ntfy -b "pover://$U@$T?priority=high" -o endpoint "$OK" send d
	ntfy -b "pover://$U@$T?priority=low" -o endpoint "$OK" send e
	is "$(req ok 1 "r[\"form\"][\"priority\"]")" 1
	is "$(req ok 2 "r[\"form\"][\"priority\"]")" -2
	: > ok/log
	ntfy -b "pover://$U@$T/phone?to=tablet,desk" -o endpoint "$OK" send devices
	is "$(requests ok)" 1
	is "$(req ok 1 "r[\"form\"][\"device\"]")" phone,tablet,desk
	is "$(req ok 1 "r[\"form\"][\"user\"]")$(req ok 1 "r[\"form\"][\"token\"]")" "$U$T"
	start_httpd gotify --body "{\"id\": 1}"
	ntfy -b "gotify://127.0.0.1:$(httpd_port gotify)/AbCdEf?priority=emergency" send f
	ntfy -b "gotify://127.0.0.1:$(httpd_port gotify)/AbCdEf?priority=moderate" send g
	is "$(req gotify 1 "json.loads(r[\"body\"])[\"priority\"]")" 10
	is "$(req gotify 2 "json.loads(r[\"body\"])[\"priority\"]")" 3
	is "$(req gotify 1 "r[\"headers\"][\"x-gotify-key\"]")" AbCdEf
'

check 'pover ?format=html: html=1, the text made HTML; gotify ?format=markdown its content type' '
	U=uQiRzpo4DXghDmr9QzzfQu27cmVRsG
	T=azGDORePK8gMaC0QOYAMyEEuzJnyUi
	: > ok/log
	ntfy -b "pover://$U@$T?format=html" -o endpoint "$OK" send "a<b>&\"c\"
 second line"
	ntfy -b "pover://$U@$T?format=text" -o endpoint "$OK" send "<i>y</i>"
	ntfy -b "pover://$U@$T?format=html" -o html true -o endpoint "$OK" send "<i>z</i>"
	is "$(req ok 1 "r[\"form\"][\"html\"]")" 1
	is "$(req ok 1 "r[\"form\"][\"message\"]")" "a&lt;b&gt;&amp;&quot;c&quot;<br> second line"
	is "$(req ok 2 "r[\"form\"].get(\"html\")")" null
	is "$(req ok 2 "r[\"form\"][\"message\"]")" "<i>y</i>"
	is "$(req ok 3 "r[\"form\"][\"html\"]")" 1
	is "$(req ok 3 "r[\"form\"][\"message\"]")" "<i>z</i>"
	ntfy -b "pover://$U@$T?format=markdown" -o endpoint "$OK" send "*z* <b>"
	is "$(req ok 4 "r[\"form\"].get(\"html\")")" null
	is "$(req ok 4 "r[\"form\"][\"message\"]")" "*z* <b>"
	expect_status 78 ntfy -b "pover://$U@$T?format=rtf" -o endpoint "$OK" send z 2> err
	grep -q "option .format. must be text, markdown or html, not .rtf." err
	is "$(requests ok)" 4
	start_httpd gotify2 --body "{\"id\": 1}"
	ntfy -b "gotify://127.0.0.1:$(httpd_port gotify2)/AbCdEf?format=markdown" send "*md*"
	is "$(req gotify2 1 "json.loads(r[\"body\"])[\"extras\"][\"client::display\"][\"contentType\"]")" text/markdown
'

check 'a bad URL parameter is a configuration error naming the values' '
	: > ok/log
	expect_status 78 ntfy -b "ntfy://$HP/p?priority=hi" send x 2> err
	grep -q "option .priority. must be 1 to 5 or one of min, low, default" err
	expect_status 78 ntfy -b "ntfy://$HP/p?format=rtf" send x 2> err
	grep -q "format must be text, markdown, not .rtf." err
	expect_status 78 ntfy -b "ntfy://$HP/p?format=html" send x 2> err
	expect_status 78 ntfy -b "ntfy://$HP/p?markdown=maybe" send x 2> err
	grep -q "option .markdown. must be true or false, not .maybe." err
	is "$(requests ok)" 0
'

check 'ntfy: ?format=markdown and text' '
	: > ok/log
	ntfy -b "ntfy://$HP/f?format=markdown" send "*md*"
	ntfy -b "ntfy://$HP/f?format=text" -o markdown true send plain
	is "$(req ok 1 "r[\"headers\"][\"x-markdown\"]")" yes
	is "$(req ok 2 "r[\"headers\"][\"x-markdown\"]")" yes
	ntfy -b "ntfy://$HP/f?format=text" send plain
	is "$(req ok 3 "r[\"headers\"].get(\"x-markdown\")")" null
'

start_httpd tg --body '{"ok":true,"result":{"message_id":7}}'
TG=http://127.0.0.1:$(httpd_port tg)
TT=123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw

check 'tgram://BOT_TOKEN/CHAT/CHAT: one sendMessage per chat' '
	ntfy -b "tgram://$TT/532389719/@mychannel?to=-1001234567890" -o endpoint "$TG" -v \
		-t title send "hello world" 2> err
	is "$(requests tg)" 3
	for i in 1 2 3; do
		is "$(req tg $i "r[\"method\"]")" POST
		is "$(req tg $i "r[\"rawpath\"]")" "/bot$TT/sendMessage"
		req tg $i "r[\"headers\"][\"content-type\"]" | grep -q "^application/json"
		is "$(req tg $i "json.loads(r[\"body\"])[\"text\"]")" "hello world"
		req tg $i "json.loads(r[\"body\"])[\"chat_id\"]"
	done | sort > chats
	grep -qx 532389719 chats && grep -qx @mychannel chats && grep -qx -- -1001234567890 chats
	refute grep -q "AAHdqTcvCH1vGWJx" err
'

check 'tgram://bot<TOKEN>/CHAT; a URL without a chat is a configuration error' '
	: > tg/log
	ntfy -b "tgram://bot$TT/42" -o endpoint "$TG" send x
	is "$(req tg 1 "r[\"rawpath\"]")" "/bot$TT/sendMessage"
	is "$(req tg 1 "json.loads(r[\"body\"])[\"chat_id\"]")" 42
	expect_status 78 ntfy -b "tgram://$TT" -o endpoint "$TG" send x 2> err
	grep -q "tgram://BOT_TOKEN/CHAT_ID" err
	refute grep -q "AAHdqTcvCH1vGWJx" err
	is "$(requests tg)" 1
'

start_httpd prowl --body '<prowl><success code="200" remaining="975" resetdate="1" /></prowl>'
PK=7fb59b2bedc4df26afa306d5dc54495b6394295a
PP=0123456789abcdef0123456789abcdef01234567

check 'tgram://: no link preview unless ?preview=yes, as Apprise; ?silent=yes' '
	: > tg/log
	ntfy -b "tgram://$TT/42" -o endpoint "$TG" send a
	ntfy -b "tgram://$TT/42?preview=yes&silent=yes" -o endpoint "$TG" send b
	is "$(req tg 1 "json.dumps(json.loads(r[\"body\"])[\"link_preview_options\"])")" "{\"is_disabled\": true}"
	is "$(req tg 1 "json.loads(r[\"body\"]).get(\"disable_notification\")")" null
	is "$(req tg 2 "json.dumps(json.loads(r[\"body\"])[\"link_preview_options\"])")" "{\"is_disabled\": false}"
	is "$(req tg 2 "json.loads(r[\"body\"])[\"disable_notification\"]")" True
	expect_status 78 ntfy -b "tgram://$TT/42?silent=perhaps" -o endpoint "$TG" send c 2> err
	grep -q "tgram://: parameter .silent. must be yes or no, not .perhaps." err
	refute grep -q "has no option" err
	is "$(requests tg)" 2
'

check 'tgram://: ?topic= and ?thread= write in a forum topic' '
	: > tg/log
	ntfy -b "tgram://$TT/-1001?topic=7" -o endpoint "$TG" send a 2> err
	ntfy -b "tgram://$TT/-1001?thread=9" -o endpoint "$TG" send b 2>> err
	is "$(req tg 1 "json.loads(r[\"body\"])[\"message_thread_id\"]")" 7
	is "$(req tg 2 "json.loads(r[\"body\"])[\"message_thread_id\"]")" 9
	refute grep -q "has no option" err
	expect_status 78 ntfy -b "tgram://$TT/-1001?topic=x1" -o endpoint "$TG" send c 2> err
	grep -q "option .topic. must be a forum topic number, not .x1." err
	is "$(requests tg)" 2
'

check 'prowl://API_KEY and prowl://API_KEY/PROVIDER_KEY?priority=NAME' '
	ntfy -b "prowl://$PK" -o endpoint "http://127.0.0.1:$(httpd_port prowl)" \
		-t "build box" send "hello world"
	ntfy -b "prowl://$PK/$PP?priority=emergency" \
		-o endpoint "http://127.0.0.1:$(httpd_port prowl)" send x
	is "$(req prowl 1 "r[\"method\"]")" POST
	is "$(req prowl 1 "r[\"path\"]")" /add
	is "$(req prowl 1 "r[\"form\"][\"apikey\"]")" "$PK"
	is "$(req prowl 1 "r[\"form\"][\"application\"]")" ntfy
	is "$(req prowl 1 "r[\"form\"][\"event\"]")" "build box"
	is "$(req prowl 1 "r[\"form\"][\"description\"]")" "hello world"
	is "$(req prowl 1 "r[\"form\"][\"priority\"]")" 0
	is "$(req prowl 1 "r[\"form\"].get(\"providerkey\")")" null
	is "$(req prowl 2 "r[\"form\"][\"providerkey\"]")" "$PP"
	is "$(req prowl 2 "r[\"form\"][\"priority\"]")" 2
	expect_status 78 ntfy -b "prowl://$PK?priority=urgent" \
		-o endpoint "http://127.0.0.1:$(httpd_port prowl)" send x 2> err
	grep -q "must be -2 to 2 or one of very-low, low, moderate, normal, high, emergency, not .urgent." err
	is "$(requests prowl)" 2
'

start_httpd sp --body '{"status":"OK"}'
SK=HuxgBB

# decrypt N FIELD PASSWORD SALT: a Simplepush field as the app reads it.
decrypt() {
	key=$(printf %s "$3$4" | sha1sum | cut -c1-32)
	iv=$(req sp "$1" "r[\"form\"][\"iv\"]")
	req sp "$1" "r[\"form\"][\"$2\"]" | tr -- "-_" "+/" |
		openssl base64 -d -A | openssl enc -d -aes-128-cbc -K "$key" -iv "$iv"
}

check 'spush://KEY?event= and spush://SALT:PASSWORD@KEY, encrypted' '
	ntfy -b "spush://$SK?event=deploy" -o endpoint "http://127.0.0.1:$(httpd_port sp)" \
		-t "build box" send "hello world"
	is "$(req sp 1 "r[\"method\"]")" POST
	is "$(req sp 1 "r[\"path\"]")" /send
	is "$(req sp 1 "r[\"form\"][\"key\"]")" "$SK"
	is "$(req sp 1 "r[\"form\"][\"title\"]")" "build box"
	is "$(req sp 1 "r[\"form\"][\"msg\"]")" "hello world"
	is "$(req sp 1 "r[\"form\"][\"event\"]")" deploy
	is "$(req sp 1 "r[\"form\"].get(\"encrypted\")")" null
	command -v openssl >/dev/null || exit 0
	ntfy -b "spush://NaCl:s3cret@$SK" -o endpoint "http://127.0.0.1:$(httpd_port sp)" \
		-v -t "tïtle" send "the message: ✅" 2> err
	is "$(req sp 2 "r[\"form\"][\"encrypted\"]")" true
	is "$(decrypt 2 msg s3cret NaCl)" "the message: ✅"
	is "$(decrypt 2 title s3cret NaCl)" "tïtle"
	refute grep -q s3cret err
'

start_httpd pb --body '{"active":true,"iden":"ujpah72o0sjAoRtnM0jc","type":"note"}'
PB=o.cG5ijsZlw8AhYbOfqAaKmQsbVXH6G3lu

check 'pbul://TOKEN: every device; pbul://TOKEN/#chan/email/device: one push each' '
	ntfy -b "pbul://$PB" -o endpoint "http://127.0.0.1:$(httpd_port pb)" \
		-t "build box" send "hello world"
	is "$(req pb 1 "r[\"method\"]")" POST
	is "$(req pb 1 "r[\"path\"]")" /v2/pushes
	is "$(req pb 1 "r[\"headers\"][\"access-token\"]")" "$PB"
	is "$(req pb 1 "json.loads(r[\"body\"])[\"type\"]")" note
	is "$(req pb 1 "json.loads(r[\"body\"])[\"title\"]")" "build box"
	is "$(req pb 1 "json.loads(r[\"body\"])[\"body\"]")" "hello world"
	is "$(req pb 1 "\",\".join(sorted(json.loads(r[\"body\"])))")" body,title,type
	: > pb/log
	ntfy -b "pbul://$PB/#builds/ann@example.org/ujpah72o0sjAoRtnM0jc" \
		-o endpoint "http://127.0.0.1:$(httpd_port pb)" send x
	is "$(requests pb)" 3
	for i in 1 2 3; do
		is "$(req pb $i "r[\"headers\"][\"access-token\"]")" "$PB"
		req pb $i "\"\".join(k + \",\" + v for k, v in json.loads(r[\"body\"]).items() if k in (\"channel_tag\", \"email\", \"device_iden\"))"
	done | sort > got
	same got "$(printf "%s\n" channel_tag,builds device_iden,ujpah72o0sjAoRtnM0jc email,ann@example.org)"
'

start_httpd rc --body '{"success":true}'
RID=6YrCbNv3Ak5axvMEP
RTOK=xq3pKbKfHiJ7GkZsZG6oTyMszY2FtaXr4y8pKXzdT6rNKQWw

check 'rocket://[USER:]ID/TOKEN@HOST/TARGET...: the webhook at the host after the @' '
	RP=127.0.0.1:$(httpd_port rc)
	ntfy -v -b "rocket://$RID/$RTOK@$RP/#ops/@ann" -t box send hello 2> err
	is "$(requests rc)" 2
	for i in 1 2; do
		is "$(req rc $i "r[\"method\"]")" POST
		is "$(req rc $i "r[\"path\"]")" "/hooks/$RID/$RTOK"
		is "$(req rc $i "json.loads(r[\"body\"])[\"text\"]")" "**box:** hello"
	done
	is "$(req rc 1 "json.loads(r[\"body\"])[\"channel\"]")" "#ops"
	is "$(req rc 2 "json.loads(r[\"body\"])[\"channel\"]")" @ann
	grep -q "HTTP 200" err
	refute grep -q "$RTOK" err
	refute grep -q "$RID" err
	ntfy -b "rocket://bot:$RID/$RTOK@$RP?to=%23ci" send x
	is "$(requests rc)" 3
	is "$(req rc 3 "r[\"path\"]")" "/hooks/$RID/$RTOK"
	is "$(req rc 3 "json.loads(r[\"body\"])[\"channel\"]")" "#ci"
'

check 'rocket://HOST/X@Y is no webhook unless HOST and X are an ID and a token' '
	: > rc/log
	RP=127.0.0.1:$(httpd_port rc)
	expect_status 78 ntfy -b "rocket://chat.example.org/$RTOK@$RP" send x 2> err
	grep -q "rocket://USER:PASSWORD@HOST" err
	expect_status 78 ntfy -b "rocket://$RID/$RTOK-x@$RP" send x 2> err
	expect_status 78 ntfy -b "rocket://$RID/@$RP" send x 2> err
	is "$(requests rc)" 0
'

start_httpd dc --script 204 --body ''
DTOK=abcDEF-webhook_token_0123456789

check 'discord://WEBHOOK_ID/WEBHOOK_TOKEN and BOTNAME@, ?tts=, ?avatar_url=' '
	ntfy -b "discord://1234/$DTOK" -o endpoint "http://127.0.0.1:$(httpd_port dc)" -v \
		-t "build box" send "@everyone done" 2> err
	is "$(req dc 1 "r[\"method\"]")" POST
	is "$(req dc 1 "r[\"path\"]")" "/api/webhooks/1234/$DTOK"
	is "$(req dc 1 "r[\"headers\"][\"content-type\"]")" application/json
	is "$(req dc 1 "json.loads(r[\"body\"])[\"content\"]")" "**build box**
@everyone done"
	is "$(req dc 1 "json.dumps(json.loads(r[\"body\"])[\"allowed_mentions\"])")" "{\"parse\": []}"
	is "$(req dc 1 "\",\".join(sorted(json.loads(r[\"body\"])))")" allowed_mentions,content
	refute grep -q "$DTOK" err
	ntfy -b "discord://bot@1234/$DTOK?tts=yes&avatar_url=https://x/a.png" \
		-o endpoint "http://127.0.0.1:$(httpd_port dc)" send x
	is "$(req dc 2 "json.loads(r[\"body\"])[\"username\"]")" bot
	is "$(req dc 2 "json.loads(r[\"body\"])[\"avatar_url\"]")" https://x/a.png
	is "$(req dc 2 "json.loads(r[\"body\"])[\"tts\"]")" True
	expect_status 78 ntfy -b "discord://1234" send x 2> err
	grep -q "discord://\[BOTNAME@\]WEBHOOK_ID/WEBHOOK_TOKEN" err
	is "$(requests dc)" 2
'

check 'discord:// ?thread=, ?footer=yes, ?avatar=no, none of them warned about' '
	: > dc/log
	ntfy -b "discord://1234/$DTOK?thread=4455&footer=yes&avatar_url=https://x/a.png" \
		-o endpoint "http://127.0.0.1:$(httpd_port dc)" -t T send x 2> err
	is "$(req dc 1 "r[\"path\"]")" "/api/webhooks/1234/$DTOK"
	is "$(req dc 1 "r[\"query\"][\"thread_id\"]")" 4455
	is "$(req dc 1 "json.loads(r[\"body\"])[\"embeds\"][0][\"footer\"][\"text\"]")" ntfy
	is "$(req dc 1 "json.loads(r[\"body\"])[\"embeds\"][0][\"description\"]")" x
	is "$(req dc 1 "json.loads(r[\"body\"])[\"avatar_url\"]")" https://x/a.png
	refute grep -q "has no option" err
	ntfy -b "discord://1234/$DTOK?avatar=no&avatar_url=https://x/a.png&footer=no" \
		-o endpoint "http://127.0.0.1:$(httpd_port dc)" send y 2> err
	is "$(req dc 2 "\",\".join(sorted(json.loads(r[\"body\"])))")" allowed_mentions,content
	is "$(req dc 2 "json.dumps(r[\"query\"])")" "{}"
	refute grep -q "has no option" err
'

start_httpd slk --body '{"ok":true,"channel":"C123","ts":"1503435956.000247"}'
start_httpd slw --body ok
ST=xoxb-1234-5678-abcdefghijkl

check 'slack://xoxb-TOKEN/#CHANNEL/@USER: chat.postMessage per target' '
	ntfy -b "slack://$ST/#builds/@ann?to=C0123" -o endpoint "http://127.0.0.1:$(httpd_port slk)" \
		-t title send "done <!channel> & co"
	is "$(requests slk)" 3
	for i in 1 2 3; do
		is "$(req slk $i "r[\"method\"]")" POST
		is "$(req slk $i "r[\"path\"]")" /chat.postMessage
		is "$(req slk $i "r[\"headers\"][\"authorization\"]")" "Bearer $ST"
		req slk $i "r[\"headers\"][\"content-type\"]" | grep -q "^application/json"
		is "$(req slk $i "json.loads(r[\"body\"])[\"text\"]")" "done &lt;!channel&gt; &amp; co"
		req slk $i "json.loads(r[\"body\"])[\"channel\"]"
	done | sort > got
	same got "$(printf "%s\n" "#builds" @ann C0123)"
	expect_status 78 ntfy -b "slack://$ST" send x 2> err
	grep -q "names its channels" err
'

check 'slack://[BOTNAME@]A/B/C[/#CHANNEL...]: the incoming webhook' '
	ntfy -b "slack://T0123/B0456/abcdefghijklmnopqrstuvwx" \
		-o endpoint "http://127.0.0.1:$(httpd_port slw)" -t box send "a <b> & c"
	is "$(req slw 1 "r[\"method\"]")" POST
	is "$(req slw 1 "r[\"path\"]")" /services/T0123/B0456/abcdefghijklmnopqrstuvwx
	req slw 1 "r[\"headers\"][\"content-type\"]" | grep -q "^application/json"
	is "$(req slw 1 "json.loads(r[\"body\"])[\"text\"]")" "box
a &lt;b&gt; &amp; c"
	is "$(req slw 1 "json.loads(r[\"body\"]).get(\"channel\")")" null
	is "$(req slw 1 "json.loads(r[\"body\"])[\"username\"]")" ntfy
	is "$(req slw 1 "json.loads(r[\"body\"])[\"blocks\"][0][\"text\"][\"text\"]")" "*box* a &lt;b&gt; &amp; c"
	: > slw/log
	ntfy -b "slack://robot@T0123/B0456/abcdefghijklmnopqrstuvwx/#ops/@ann" \
		-o endpoint "http://127.0.0.1:$(httpd_port slw)" send x
	is "$(requests slw)" 2
	for i in 1 2; do
		is "$(req slw $i "r[\"path\"]")" /services/T0123/B0456/abcdefghijklmnopqrstuvwx
		is "$(req slw $i "json.loads(r[\"body\"])[\"username\"]")" robot
		req slw $i "json.loads(r[\"body\"])[\"channel\"]"
	done | sort > got
	same got "$(printf "%s\n" "#ops" @ann)"
'

start_httpd mst --script 200 --body 1

check 'msteams://TEAM/A/B/C and msteams://A/B/C: the connector webhook' '
	ntfy -b "msteams://acme/a1b2-c3@d4e5-f6/0123abcd/z9-y8" \
		-o endpoint "http://127.0.0.1:$(httpd_port mst)" -v -t "build box" send done 2> err
	is "$(req mst 1 "r[\"method\"]")" POST
	is "$(req mst 1 "r[\"path\"]")" /webhookb2/a1b2-c3@d4e5-f6/IncomingWebhook/0123abcd/z9-y8
	is "$(req mst 1 "r[\"headers\"][\"content-type\"]")" application/json
	is "$(req mst 1 "json.loads(r[\"body\"])[\"type\"]")" message
	is "$(req mst 1 "json.loads(r[\"body\"])[\"attachments\"][0][\"contentType\"]")" application/vnd.microsoft.card.adaptive
	is "$(req mst 1 "json.loads(r[\"body\"])[\"attachments\"][0][\"content\"][\"body\"][0][\"text\"]")" "build box"
	is "$(req mst 1 "json.loads(r[\"body\"])[\"attachments\"][0][\"content\"][\"body\"][1][\"text\"]")" done
	refute grep -q 0123abcd err
	ntfy -b "msteams://a1b2-c3@d4e5-f6/0123abcd/z9-y8" \
		-o endpoint "http://127.0.0.1:$(httpd_port mst)" send x
	is "$(req mst 2 "r[\"path\"]")" /webhook/a1b2-c3@d4e5-f6/IncomingWebhook/0123abcd/z9-y8
'

done_testing
