#!/bin/sh
# ntfy config import, per backend: a Python ntfy.yml using every option the
# Python backend takes, imported, then sent to a server on 127.0.0.1 with
# every field checked; without -o endpoint each section names exactly the
# server the Python ntfy would have used.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/net-lib.sh"

if ntfy config import /dev/null 2>&1 | grep -q "without libyaml"; then
	skip_all 'built without libyaml'
fi

start_httpd po
start_httpd pb --body '{"active":true,"iden":"ujpah72o0sjAoRtnM0jc","type":"note"}'
start_httpd sp --body '{"status":"OK"}'
start_httpd pj --body '{"status": "ok"}'
start_httpd nf --body ''
start_httpd ns
start_httpd sl --body '{"ok":true,"channel":"C123","ts":"1503435956.000247"}'
start_httpd sw --body ok
start_httpd pr --body '<?xml version="1.0" encoding="UTF-8"?>
<prowl><success code="200" remaining="975" resetdate="1256310030" /></prowl>'
start_httpd pa --body ''
start_httpd in --body '{"msg":"Notification sent successfully","error":false,"status":200}'
start_httpd rc --body '{"status":"success","data":{"authToken":"AUTHTOKEN","userId":"uid1"},"success":true}'
start_httpd mx --body '{"access_token":"syt_login","user_id":"@bot:hs","device_id":"D","room_id":"!abc:hs","event_id":"$e:hs"}'
start_httpd tg --body '{"ok":true,"result":{"message_id":7,"chat":{"id":5},"date":1,"text":"x"}}'
start_httpd bad

url() {
	echo "http://127.0.0.1:$(httpd_port "$1")"
}

cat > every.yml <<EOF
backends: [pushover]
pushover:
  user_key: uQiRzpo4DXghDmr9QzzfQu27cmVRsG
  api_token: azGDORePK8gMaC0QOYAMyEEuzJnyUi
  device: phone
  sound: magic
  priority: 2
  expire: 3600
  retry: 60
  callback: https://example.org/cb
  url: https://example.org/u
  url_title: the site
  html: true
  title: Pushover title
pushbullet:
  access_token: o.pbtoken123
  device_iden: ujpah72o0sjAoRtnM0jc
pushbullet_mail:
  backend: pushbullet
  access_token: o.pbtoken123
  email: friend@example.org
simplepush:
  key: HuxgBB
  event: deploy
pushjet:
  secret: 4b6f9d0a0c4c4e3d
  endpoint: $(url pj)/pj
  level: 5
  link: https://example.org/l
notifico:
  webhook: $(url nf)/h/1/abc
ntfy_sh_full:
  backend: ntfy_sh
  host: ntfy.example.org
  topic: builds
  user: alice
  password: s3cr3t-pw
ntfy_sh_url:
  backend: ntfy_sh
  host: $(url ns)
  topic: urltopic
  priority: 5
  endpoint: $(url bad)
slack:
  token: xoxb-1-2-abc
  recipient: "#builds"
slack_webhook:
  url: $(url sw)/services/T/B/X
  user: "#ops"
  icon_url: $(url bad)/ignored.png
prowl:
  api_key: 0123456789abcdef0123456789abcdef01234567
  provider_key: fedcba9876543210fedcba9876543210fedcba98
  priority: -1
  url: https://example.org/p
pushalot:
  auth_token: 0123abcd
  source: ci
  url: https://example.org/a
  url_title: site
  image: https://example.org/i.png
  ttl: 60
  important: true
  silent: true
insta:
  event_name: build
  appid: 55d6f5b2a4c48a2c7e8b4567
  secret: 1f2e3d4c5b6a
  trackers: [what, where]
rocketchat:
  url: $(url rc)
  username: bot
  password: hunter2-hunter2
  room: "#general"
matrix:
  url: $(url mx)
  roomId: "#ops:hs"
  userId: "@bot:hs"
  password: correct-horse
telegram: {}
systemlog:
  prio: ERR
  facility: LOCAL3
  fmt: "<{title}> {message}"
linux:
  icon: dialog-warning
  urgency: critical
  transient: true
  soundfile: /usr/share/sounds/x.oga
  timeout: 5000
EOF
mkdir -p "$XDG_CONFIG_HOME/ntfy"
printf '[telegram]\ntoken = 123456:ABC-DEF\nchat_id = 532389719\n' \
	> "$XDG_CONFIG_HOME/ntfy/telegram.ini"

ntfy config import -o every.ini every.yml > /dev/null 2> import.err
cp every.ini every.keep

# ntfy -c every.ini -b NAME [-o endpoint SERVER] -t T send M
sendto() {
	name=$1
	shift
	ntfy -c every.ini -b "$name" -t "T" "$@" send "hello"
}

f() { req "$1" "${3:-1}" "r[\"form\"][\"$2\"]"; }
j() { req "$1" "${3:-1}" "json.loads(r[\"body\"])[\"$2\"]"; }
h() { req "$1" "${3:-1}" "r[\"headers\"][\"$2\"]"; }

check 'without -o endpoint: the servers the Python ntfy used' '
	ntfy -c every.ini config show > shown
	grep -A20 "^\[ntfy_sh_full\]" shown | grep -qx "endpoint = https://ntfy.example.org"
	grep -A20 "^\[pushover\]" shown | grep -qx "endpoint = https://api.pushover.net"
	grep -A20 "^\[pushbullet\]" shown | grep -qx "endpoint = https://api.pushbullet.com"
	grep -A20 "^\[simplepush\]" shown | grep -qx "endpoint = https://api.simplepush.io"
	grep -A20 "^\[prowl\]" shown | grep -qx "endpoint = https://api.prowlapp.com/publicapi"
	grep -A20 "^\[pushalot\]" shown | grep -qx "endpoint = https://pushalot.com/api"
	grep -A20 "^\[slack\]" shown | grep -qx "endpoint = https://slack.com/api"
	grep -A20 "^\[telegram\]" shown | grep -qx "endpoint = https://api.telegram.org"
	refute grep -q "^# not usable" shown
	ntfy -c every.ini config check > out
	grep -q ": ok$" out
'

check 'pushover: every option, at /1/messages.json' '
	sendto pushover -o endpoint "$(url po)"
	[ "$(req po 1 "r[\"path\"]")" = /1/messages.json ]
	[ "$(f po user)" = uQiRzpo4DXghDmr9QzzfQu27cmVRsG ]
	[ "$(f po token)" = azGDORePK8gMaC0QOYAMyEEuzJnyUi ]
	[ "$(f po message)" = hello ]
	[ "$(f po title)" = T ]
	[ "$(f po device)" = phone ]
	[ "$(f po sound)" = magic ]
	[ "$(f po priority)" = 2 ]
	[ "$(f po expire)" = 3600 ]
	[ "$(f po retry)" = 60 ]
	[ "$(f po callback)" = https://example.org/cb ]
	[ "$(f po url)" = https://example.org/u ]
	[ "$(f po url_title)" = "the site" ]
	[ "$(f po html)" = 1 ]
	ntfy -c every.ini -b pushover -o endpoint "$(url po)" send x
	[ "$(f po title 2)" = "Pushover title" ]
'

check 'pushbullet: access_token, device_iden, email' '
	sendto pushbullet -o endpoint "$(url pb)"
	[ "$(req pb 1 "r[\"path\"]")" = /v2/pushes ]
	[ "$(h pb access-token)" = o.pbtoken123 ]
	[ "$(j pb type)" = note ]
	[ "$(j pb title)" = T ]
	[ "$(j pb body)" = hello ]
	[ "$(j pb device_iden)" = ujpah72o0sjAoRtnM0jc ]
	sendto pushbullet_mail -o endpoint "$(url pb)"
	[ "$(j pb email 2)" = friend@example.org ]
'

check 'simplepush: key, event' '
	sendto simplepush -o endpoint "$(url sp)"
	[ "$(req sp 1 "r[\"path\"]")" = /send ]
	[ "$(f sp key)" = HuxgBB ]
	[ "$(f sp event)" = deploy ]
	[ "$(f sp title)" = T ]
	[ "$(f sp msg)" = hello ]
'

check 'pushjet: the Python endpoint kept, secret, level, link' '
	sendto pushjet
	[ "$(req pj 1 "r[\"path\"]")" = /pj/message ]
	[ "$(f pj secret)" = 4b6f9d0a0c4c4e3d ]
	[ "$(f pj level)" = 5 ]
	[ "$(f pj link)" = https://example.org/l ]
	[ "$(f pj title)" = T ]
	[ "$(f pj message)" = hello ]
'

check 'notifico: GET the webhook with title and message' '
	sendto notifico
	[ "$(req nf 1 "r[\"method\"]")" = GET ]
	[ "$(req nf 1 "r[\"path\"]")" = /h/1/abc ]
	[ "$(req nf 1 "r[\"query\"][\"payload\"]")" = "T
hello" ]
'

check 'ntfy_sh: host becomes the endpoint, user and password Basic' '
	grep -A3 "^\[ntfy_sh_full\]" every.ini | grep -qx "endpoint = https://ntfy.example.org"
	refute grep -q "^host" every.ini
	sendto ntfy_sh_full -o endpoint "$(url ns)"
	[ "$(req ns 1 "r[\"path\"]")" = /builds ]
	[ "$(h ns x-title)" = T ]
	[ "$(req ns 1 "r[\"body\"]")" = hello ]
	[ "$(h ns authorization)" = "Basic YWxpY2U6czNjcjN0LXB3" ]
'

check 'ntfy_sh: a host URL as is; keys the Python ntfy ignored stay comments' '
	grep -q "^; warning: the Python backend .ntfy_sh. ignored .priority." every.ini
	grep -q "^; endpoint = http://127.0.0.1:" every.ini
	grep -q "ntfy_sh_url\]: the Python backend .ntfy_sh. ignored .endpoint." import.err
	sendto ntfy_sh_url
	[ "$(requests bad)" = 0 ]
	[ "$(req ns 2 "r[\"path\"]")" = /urltopic ]
	[ "$(req ns 2 "r[\"headers\"].get(\"x-priority\")")" = null ]
'

check 'slack: token and recipient, at chat.postMessage' '
	sendto slack -o endpoint "$(url sl)"
	[ "$(req sl 1 "r[\"path\"]")" = /chat.postMessage ]
	[ "$(h sl authorization)" = "Bearer xoxb-1-2-abc" ]
	[ "$(j sl channel)" = "#builds" ]
	j sl text | grep -q hello
'

check 'slack_webhook: url and user; icon_url the Python ntfy ignored' '
	sendto slack_webhook
	[ "$(requests bad)" = 0 ]
	[ "$(req sw 1 "r[\"path\"]")" = /services/T/B/X ]
	[ "$(j sw channel)" = "#ops" ]
	[ "$(j sw username)" = ntfy ]
	[ "$(j sw icon_url)" = https://ntfy.readthedocs.io/en/latest/_static/logo.png ]
	[ "$(j sw text)" = "T
hello" ]
'

check 'prowl: api_key, provider_key, priority, url at /add' '
	sendto prowl -o endpoint "$(url pr)"
	[ "$(req pr 1 "r[\"path\"]")" = /add ]
	[ "$(f pr apikey)" = 0123456789abcdef0123456789abcdef01234567 ]
	[ "$(f pr providerkey)" = fedcba9876543210fedcba9876543210fedcba98 ]
	[ "$(f pr priority)" = -1 ]
	[ "$(f pr url)" = https://example.org/p ]
	[ "$(f pr application)" = ntfy ]
	[ "$(f pr event)" = T ]
	[ "$(f pr description)" = hello ]
'

check 'pushalot: every option at /sendmessage' '
	sendto pushalot -o endpoint "$(url pa)"
	[ "$(req pa 1 "r[\"path\"]")" = /sendmessage ]
	[ "$(f pa AuthorizationToken)" = 0123abcd ]
	[ "$(f pa Title)" = T ]
	[ "$(f pa Body)" = hello ]
	[ "$(f pa Source)" = ci ]
	[ "$(f pa Link)" = https://example.org/a ]
	[ "$(f pa LinkTitle)" = site ]
	[ "$(f pa Image)" = https://example.org/i.png ]
	[ "$(f pa TimeToLive)" = 60 ]
	[ "$(f pa IsImportant)" = True ]
	[ "$(f pa IsSilent)" = True ]
'

check 'insta: appid, secret, event_name, trackers from a YAML list' '
	grep -qx "trackers = what, where" every.ini
	ntfy -c every.ini -b insta -o endpoint "$(url in)" send "built:here"
	[ "$(req in 1 "r[\"path\"]")" = /post ]
	[ "$(h in x-instapush-appid)" = 55d6f5b2a4c48a2c7e8b4567 ]
	[ "$(h in x-instapush-appsecret)" = 1f2e3d4c5b6a ]
	[ "$(j in event)" = build ]
	[ "$(req in 1 "json.loads(r[\"body\"])[\"trackers\"][\"what\"]")" = built ]
	[ "$(req in 1 "json.loads(r[\"body\"])[\"trackers\"][\"where\"]")" = here ]
'

check 'rocketchat: url, username, password, room' '
	sendto rocketchat
	[ "$(req rc 1 "r[\"path\"]")" = /api/v1/login ]
	[ "$(f rc username)" = bot ]
	[ "$(f rc password)" = hunter2-hunter2 ]
	[ "$(req rc 2 "r[\"path\"]")" = /api/v1/chat.postMessage ]
	[ "$(j rc channel 2)" = "#general" ]
	[ "$(j rc text 2)" = "**T:** hello" ]
'

check 'matrix: url, roomId, userId and password' '
	sendto matrix
	[ "$(req mx 1 "r[\"path\"]")" = /_matrix/client/v3/login ]
	req mx 1 "r[\"body\"]" | grep -q correct-horse
	req mx 1 "r[\"body\"]" | grep -q "@bot:hs"
	[ "$(req mx 2 "r[\"path\"]")" = "/_matrix/client/v3/join/#ops:hs" ]
	[ "$(j mx body 3)" = "**T** hello" ]
'

check 'telegram: token and chat_id from the Python ntfy'\''s telegram.ini' '
	grep -qx "token = 123456:ABC-DEF" every.ini
	grep -qx "chat_id = 532389719" every.ini
	sendto telegram -o endpoint "$(url tg)"
	[ "$(req tg 1 "r[\"path\"]")" = /bot123456:ABC-DEF/sendMessage ]
	[ "$(j tg chat_id)" = 532389719 ]
	rm "$XDG_CONFIG_HOME/ntfy/telegram.ini"
	ntfy config import every.yml > no-tg.ini 2> err
	grep -q "set token and chat_id" no-tg.ini
	grep -q "\[telegram\]: no .*telegram.ini" err
'

check 'local backends keep every option: systemlog, linux' '
	grep -A3 "^\[systemlog\]" every.ini > got
	printf "[systemlog]\nprio = ERR\nfacility = LOCAL3\nfmt = <{title}> {message}\n" > want
	diff want got
	grep -A5 "^\[linux\]" every.ini > got
	printf "[linux]\nicon = dialog-warning\nurgency = critical\ntransient = true\nsoundfile = /usr/share/sounds/x.oga\ntimeout = 5000\n" > want
	diff want got
'

check 'pushover without api_token, prowl without api_key: a warning, no send' '
	printf "pushover:\n  user_key: uQiRzpo4DXghDmr9QzzfQu27cmVRsG\nprowl:\n  priority: 1\n" > shared.yml
	ntfy config import shared.yml > shared.ini 2> err
	grep -q "^; warning: no .api_token.: the Python ntfy used its own shared token" shared.ini
	grep -q "^; warning: no .api_key.: the Python ntfy sent to its author" shared.ini
	grep -q "\[pushover\]: no .api_token." err
	expect_status 78 ntfy -c shared.ini -b pushover send x 2> err
	grep -q "needs option .api_token." err
'

check 'win32: becomes wsl, icon kept as a comment, a toast is shown' '
	mkdir -p psbin
	printf "#!/bin/sh\nprintf \"%%s\\\\n\" \"\$NTFY_TITLE\" >> %s/toasts\n" \
		"$TEST_TMP" > psbin/powershell.exe
	chmod +x psbin/powershell.exe
	printf "backends: [win32]\nwin32:\n  icon: C:\\\\\\\\ntfy\\\\\\\\icon.ico\nbox:\n  backend: win32\n" > win.yml
	ntfy config import win.yml > win.ini 2> err
	grep -A1 "^\[win32\]" win.ini | tail -1 | grep -qx "; the Python backend .win32. is ntfy.s .wsl."
	[ "$(sed -n "/^\[win32\]/,/^\$/ s/^backend = //p" win.ini)" = wsl ]
	[ "$(sed -n "/^\[box\]/,/^\$/ s/^backend = //p" win.ini)" = wsl ]
	grep -q "^; icon = C:.*icon.ico" win.ini
	refute grep -q "^icon" win.ini
	grep -q "\[win32\]: .icon. is kept as a comment: a Windows toast shows the icon of its app_id" err
	ntfy -c win.ini config check > out
	PATH=$TEST_TMP/psbin:$PATH ntfy -c win.ini -t "from yml" send hi
	PATH=$TEST_TMP/psbin:$PATH ntfy -c win.ini -b box -t "from box" send hi
	[ "$(cat "$TEST_TMP/toasts")" = "from yml
from box" ]
'

done_testing
