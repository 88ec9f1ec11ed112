#!/bin/sh
# xmpp: end to end through a real Prosody on 127.0.0.1; the message is read
# back from the recipient's offline store.
. "$TEST_SRCDIR/lib.sh"

command -v prosody > /dev/null && command -v prosodyctl > /dev/null ||
	skip_all 'prosody is not installed'
ntfy backends | grep -q "^xmpp  (not compiled in)" &&
	skip_all 'built without libstrophe'

# Prosody drops root for its own user: give it a directory it can reach.
PDIR=$(mktemp -d "${TMPDIR:-/tmp}/ntfy-prosody.XXXXXX")
test_cleanup_cmds="$test_cleanup_cmds rm -rf '$PDIR';"
if [ "$(id -u)" = 0 ]; then
	asprosody="setpriv --reuid=prosody --regid=prosody --clear-groups"
	chown prosody "$PDIR"
else
	asprosody=
fi

# start_prosody DIR TLS: a server in DIR, alice and bob registered, its
# port in $PORT; TLS yes offers STARTTLS with DIR/localhost.crt.
start_prosody() {
	PORT=$(/usr/bin/python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	mkdir -p "$1/data"
	if [ "$2" = yes ]; then
		tls='"tls"'
		off=
	else
		tls=
		off='"tls",'
	fi
	cat > "$1/prosody.cfg.lua" <<-LUA
	daemonize = false
	data_path = "$1/data"
	certificates = "$1"
	interfaces = { "127.0.0.1" }
	c2s_ports = { $PORT }
	modules_enabled = { "roster", "saslauth", "disco", "ping", "offline", $tls }
	modules_disabled = { "s2s", $off "posix" }
	c2s_require_encryption = false
	allow_unencrypted_plain_auth = true
	authentication = "internal_plain"
	storage = "internal"
	log = { { levels = { min = "info" }, to = "file", filename = "$1/prosody.log" } }
	VirtualHost "localhost"
	LUA
	[ "$(id -u)" = 0 ] && chown -R prosody "$1"
	prosodyctl --config "$1/prosody.cfg.lua" register alice localhost al1ce-pw > /dev/null 2>&1
	prosodyctl --config "$1/prosody.cfg.lua" register bob localhost b0b-pw > /dev/null 2>&1
	$asprosody prosody --config "$1/prosody.cfg.lua" > "$1/out" 2>&1 &
	test_cleanup_cmds="$test_cleanup_cmds kill $! 2>/dev/null;"
	wait_for grep -q "Activated service 'c2s' on \[127.0.0.1\]:$PORT" "$1/prosody.log" ||
		{ cat "$1/out" "$1/prosody.log"; skip_all 'prosody did not start'; }
}

# A server with a certificate from a private CA, for the TLS checks.
mkdir "$PDIR/tls"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$PDIR/ca.key" -out "$PDIR/ca.crt" \
	-days 2 -subj "/CN=ntfy test CA" > /dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -keyout "$PDIR/tls/localhost.key" \
	-out "$PDIR/localhost.csr" -subj /CN=localhost > /dev/null 2>&1
printf 'subjectAltName=DNS:localhost\n' > "$PDIR/ext"
openssl x509 -req -in "$PDIR/localhost.csr" -CA "$PDIR/ca.crt" -CAkey "$PDIR/ca.key" \
	-CAcreateserial -out "$PDIR/tls/localhost.crt" -days 2 -extfile "$PDIR/ext" \
	> /dev/null 2>&1
start_prosody "$PDIR/tls" yes
TLS_PORT=$PORT
start_prosody "$PDIR" no

x() {
	ntfy -b xmpp -o jid alice@localhost -o hostname 127.0.0.1 -o port "$PORT" \
		-o tls no "$@"
}

# stored N KEY: subject, body, type, from or to of message N kept for bob
# (offline), read with prosody's own Lua.
lua=$(sed -n '1s/^#!.*[ \/]\(lua[0-9.]*\)$/\1/p' "$(command -v prosody)")
cat > "$PDIR/stored.lua" <<'LUA'
local want, key, n = tonumber(arg[1]), arg[2], 0
function item(t)
	n = n + 1
	if n ~= want then return end
	if t.attr[key] then print(t.attr[key]) return end
	for _, c in ipairs(t) do
		if type(c) == "table" and c.name == key then print(c[1]) end
	end
end
dofile(arg[3])
LUA
stored() {
	"${lua:-lua}" "$PDIR/stored.lua" "$1" "$2" "$PDIR/data/localhost/offline/bob.list"
}

check 'a chat message: subject, body, from alice to bob' '
	x -o password al1ce-pw -o recipient bob@localhost -t "build box" send "done <&> \"q\" é"
	[ "$(stored 1 subject)" = "build box" ]
	[ "$(stored 1 body)" = "done <&> \"q\" é" ]
	[ "$(stored 1 type)" = chat ]
	[ "$(stored 1 to)" = bob@localhost ]
	stored 1 from | grep -q "^alice@localhost/"
'

check 'mtype normal' '
	x -o password al1ce-pw -o recipient bob@localhost -o mtype normal send "second"
	[ "$(stored 2 body)" = second ]
	[ "$(stored 2 type)" = normal ]
'

check 'the password never in -v output' '
	x -v -o password al1ce-pw -o recipient bob@localhost send "third" 2> err
	grep -q "delivered" err
	refute grep -q "al1ce-pw" err
'

check 'tls = no to another host: one warning; none on this machine' '
	x -o password al1ce-pw -o recipient bob@localhost send "fourth" 2> err
	refute grep -q unencrypted err
	# 0.0.0.0 is no loopback name, yet Linux connects it to this machine.
	ntfy -b xmpp -o jid alice@localhost -o hostname 0.0.0.0 -o port "$PORT" \
		-o tls no -o password al1ce-pw -o recipient bob@localhost send "fifth" 2> err
	grep -q "^ntfy: warning: xmpp: the login and the messages go unencrypted to 0.0.0.0 (tls = no)$" err
'

check 'a wrong password: exit 1, nothing stored' '
	expect_status 1 x -o password n0pe-pw -o recipient bob@localhost send "never" 2> err
	grep -q "xmpp: the server refused the login: wrong jid or password" err
	refute grep -q never "$PDIR/data/localhost/offline/bob.list"
'

check 'an unknown recipient: the server error' '
	expect_status 1 x -o password al1ce-pw -o recipient nobody@localhost send x 2> err
	grep -q "xmpp: the server refused the message to .nobody@localhost.: service-unavailable" err
'

check 'a server that cannot be reached: queued for the next run' '
	expect_status 1 ntfy -b xmpp -o jid alice@localhost -o hostname 127.0.0.1 \
		-o port 1 -o tls no -o password al1ce-pw -o recipient bob@localhost send x 2> err
	grep -q "^ntfy: xmpp: .*queued after 1 attempt" err
	ntfy queue | grep -q "xmpp "
	ntfy queue drop
'

check 'TLS required by default: a server without it is refused' '
	expect_status 1 ntfy -b xmpp -o jid alice@localhost -o hostname 127.0.0.1 \
		-o port "$PORT" -o password al1ce-pw -o recipient bob@localhost send x 2> err
	grep -q "xmpp: the server offers no TLS" err
	[ "$(grep -c "item(" "$PDIR/data/localhost/offline/bob.list")" = 5 ]
'

check 'jid, password and recipient are required; bad values refused' '
	expect_status 78 ntfy -b xmpp -o password p -o recipient b@l send x 2> err
	grep -q "needs option .jid." err
	expect_status 78 ntfy -b xmpp -o jid a@l -o recipient b@l send x 2> err
	grep -q "needs option .password." err
	expect_status 78 ntfy -b xmpp -o jid a@l -o password p send x 2> err
	grep -q "needs option .recipient." err
	expect_status 78 ntfy -b xmpp -o jid a@l -o password p -o recipient b@l -o mtype groupchat send x 2> err
	grep -q "option .mtype. must be chat, normal or headline" err
	expect_status 78 ntfy -b xmpp -o jid a@l -o password p -o recipient b@l -o tls maybe send x 2> err
	grep -q "option .tls. must be yes, try, no or direct" err
'

check 'an untrusted certificate: said so, final, not queued' '
	expect_status 1 ntfy -b xmpp -o jid alice@localhost -o hostname 127.0.0.1 \
		-o port "$TLS_PORT" -o password al1ce-pw -o recipient bob@localhost send x 2> err
	grep -q "^ntfy: xmpp: TLS certificate problem: .*set path_to_certs" err
	refute grep -q -e "queued" -e "Software caused" err
	is "$(ntfy queue)" ""
'

check 'the private CA in path_to_certs: delivered over TLS' '
	ntfy -b xmpp -o jid alice@localhost -o hostname 127.0.0.1 -o port "$TLS_PORT" \
		-o password al1ce-pw -o recipient bob@localhost \
		-o path_to_certs "$PDIR/ca.crt" send "over tls"
	grep -q "over tls" "$PDIR/tls/data/localhost/offline/bob.list"
'

check 'nothing listens: exit 1' '
	expect_status 1 ntfy -b xmpp -o jid alice@localhost -o hostname 127.0.0.1 -o port 1 \
		-o tls no -o password al1ce-pw -o recipient bob@localhost send x 2> err
	grep -q "xmpp: cannot connect: Connection refused" err
'

done_testing
