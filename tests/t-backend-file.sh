#!/bin/sh
# The file backend: one JSON line per notification, 0600, atomic appends.
. "$TEST_SRCDIR/lib.sh"

rec=$TEST_TMP/rec.jsonl

check 'every field of the record' '
	ntfy -b file -o path "$rec" -t T send "hi"
	/usr/bin/python3 -c "import json,sys
r = json.loads(open(sys.argv[1]).readline())
assert sorted(r) == sorted([\"title\", \"message\", \"retcode\", \"signal\",
    \"duration\", \"command\", \"host\", \"time\", \"backend\"]), r
assert r[\"host\"] and isinstance(r[\"time\"], int) and r[\"backend\"] == \"file\"
" "$rec"
'

check 'created with mode 0600' '
	[ "$(stat -c %a "$rec")" = 600 ]
'

check 'default path under XDG_STATE_HOME, directory 0700' '
	ntfy -b file send "default path"
	f=$XDG_STATE_HOME/ntfy/notifications.jsonl
	[ "$(json_field "$f" 1 message)" = "default path" ]
	[ "$(stat -c %a "$XDG_STATE_HOME/ntfy")" = 700 ]
'

check 'a path starting with ~/ is under $HOME' '
	ntfy -b file -o path "~/tilde.jsonl" send "tilde"
	[ "$(json_field "$HOME/tilde.jsonl" 1 message)" = tilde ]
'

check '50 concurrent writers never interleave' '
	big=$(head -c 3000 /dev/zero | tr "\0" y)
	i=0
	while [ $i -lt 50 ]; do
		"$NTFY_BIN" -b file -o path "$rec.many" send "$i $big" &
		i=$((i + 1))
	done
	wait
	[ "$(wc -l < "$rec.many")" -eq 50 ]
	/usr/bin/python3 -c "import json,sys
seen = sorted(int(json.loads(l)[\"message\"].split()[0]) for l in open(sys.argv[1]))
assert seen == list(range(50)), seen" "$rec.many"
'

check 'a user backend compiled as a shared object' '
	mod=$TEST_BUILDDIR/.libs/custom.so
	[ -f "$mod" ]
	ntfy -b "$mod" -o greeting hey send "custom" > out
	same out "custom backend: hey / custom"
'

check 'a required option missing: names backend and key, exit 78' '
	mod=$TEST_BUILDDIR/.libs/custom.so
	expect_status 78 ntfy -b "$mod" send x 2> err
	grep -q "backend .*custom.so. needs option .greeting." err
'

check 'a title that is not UTF-8 is repaired, never dropped' '
	# The default title names the directory: here one named build\377dir.
	d=$(printf "build\377dir")
	mkdir -p "$d"
	(cd "$d" && ntfy -b file -o path "$rec.u" send hi)
	json_field "$rec.u" 1 title | grep -q "build$(printf "\357\277\275")dir$"
	ntfy -b file -o path "$rec.u" -t "$(printf "T\377")" send hi
	[ "$(json_field "$rec.u" 2 title)" = "$(printf "T\357\277\275")" ]
	[ "$(wc -l < "$rec.u")" -eq 2 ]
'

done_testing
