#!/bin/sh
# Secrets inside URLs and header lists: masked in every output, counted for
# the permission warning.
. "$TEST_SRCDIR/lib.sh"

tok=azGDORePK8gMaC0QOYAMyEEuzJnyUi
user=uQiRzpo4DXghDmr9QzzfQu27cmVRsG

check 'config show: a URL'\''s userinfo and its backend'\''s secret parts masked' '
	printf "urls = pover://%s@%s/phone, ntfys://bob:pw-secret-1@ntfy.example/topic1, unknown://who:pw-2@host.example/hook/path-secret-3\n" "$user" "$tok" > u.ini
	chmod 600 u.ini
	ntfy -c u.ini config show > out
	refute grep -q "$user" out
	refute grep -q "$tok" out
	refute grep -q "pw-secret-1" out
	refute grep -q "path-secret-3" out
	grep -q "urls = pover://\*\*\*\*\*\*\*\*@\*\*\*\*\*\*\*\*/phone" out
	grep -q "ntfys://bob:\*\*\*\*\*\*\*\*@ntfy.example/\*\*\*\*\*\*\*\*" out
	grep -q "unknown://\*\*\*\*\*\*\*\*:\*\*\*\*\*\*\*\*@host.example/\*\*\*\*\*\*\*\*" out
'

check 'config show: the value of a credential header masked, a plain one not' '
	printf "[webhook]\nurl = http://127.0.0.1:9/\nheaders = Authorization: Bearer hdr-secret-4, X-Api-Key: hdr-secret-5, X-Team: blue\n" > h.ini
	chmod 600 h.ini
	ntfy -c h.ini config show > out
	refute grep -q "hdr-secret" out
	grep -qx "headers = Authorization: \*\*\*\*\*\*\*\*, X-Api-Key: \*\*\*\*\*\*\*\*, X-Team: blue" out
'

check 'a 0644 config with secrets only in urls or headers: warned' '
	chmod 644 u.ini h.ini
	ntfy -c u.ini config check > out 2> err
	grep -q "config .u.ini. holds secrets and is readable by others" err
	ntfy -c h.ini config check > out 2> err
	grep -q "config .h.ini. holds secrets and is readable by others" err
'

check 'a 0644 config whose URL has no secret part: no warning' '
	printf "urls = json://hook.example/path\n" > plain.ini
	chmod 644 plain.ini
	ntfy -c plain.ini config check > out 2> err
	refute grep -q "readable by others" err
'

check 'a password in any URL option (url, endpoint): masked, warned' '
	printf "[webhook]\nurl = https://admin:pw-secret-8@hook.example/x\n" > w.ini
	chmod 644 w.ini
	ntfy -c w.ini config show > out 2> err
	grep -qx "url = https://admin:\*\*\*\*\*\*\*\*@hook.example/x" out
	grep -q "config .w.ini. holds secrets and is readable by others" err
'

check 'a header secret never shows with -v, nor from -o' '
	expect_status 1 ntfy -v -b webhook -o url http://127.0.0.1:1/ \
		-o retry_budget 0 -o headers "Authorization: Bearer hdr-secret-6" \
		send x > out 2> err
	refute grep -q "hdr-secret-6" out err
'

check 'an error about a URL target names it without its secrets' '
	expect_status 78 ntfy -b "pover://$user@short-token-7" send x 2> err
	refute grep -q "$user" err
	refute grep -q "short-token-7" err
'

check 'rocket://ID/TOKEN@HOST: the ID and the token masked in config show, -v, errors and the queue' '
	rid=6YrCbNv3Ak5axvMEP
	rtok=xq3pKbKfHiJ7GkZsZG6oTyMszY2FtaXr4y8pKXzdT6rNKQWw
	printf "urls = rocket://%s/%s@chat.example.org/#ops\n" "$rid" "$rtok" > r.ini
	chmod 600 r.ini
	ntfy -c r.ini config show > out
	refute grep -q "$rid" out
	refute grep -q "$rtok" out
	grep -q "@chat.example.org/#ops" out
	expect_status 1 ntfy -v -b "rocket://$rid/$rtok@127.0.0.1:1/#ops" \
		-o retry_budget 0 send x > out 2> err
	grep -q "127.0.0.1" err
	refute grep -q "$rid" out err
	refute grep -q "$rtok" out err
	ntfy queue > out 2>&1
	grep -q rocket:// out
	refute grep -q "$rid" out
	refute grep -q "$rtok" out
	expect_status 78 ntfy -b "rocket://$rid/$rtok@127.0.0.1:1/#ops?mode=oauth" \
		send x 2> err
	refute grep -q "$rid" err
	refute grep -q "$rtok" err
'

done_testing
