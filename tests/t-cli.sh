#!/bin/sh
# Global options, subcommands, exit codes and messages of the CLI.
. "$TEST_SRCDIR/lib.sh"

rec=$TEST_TMP/rec.jsonl

check '--version prints the version' '
	ntfy --version > out
	grep -Eq "^[0-9]+\.[0-9]+\.[0-9]+$" out
'

check '--help fits one screen and exits 0' '
	ntfy --help > out
	[ "$(wc -l < out)" -le 24 ]
	grep -q "^  send " out
	grep -q -- "--backend NAME" out
'

check 'no arguments: short usage, exit 64' '
	expect_status 64 ntfy 2> err
	grep -q "^usage: ntfy" err
'

check 'unknown command: exit 64 and a hint' '
	expect_status 64 ntfy frobnicate 2> err
	same err "ntfy: unknown command '\''frobnicate'\''; see '\''ntfy --help'\''"
'

check 'unknown option: exit 64' '
	expect_status 64 ntfy --frob send x 2> err
	grep -q "unknown option" err
	expect_status 64 ntfy -Z send x 2> err
	grep -q "unknown option .-Z." err
'

for opt in -b -c -t -l --backend --config --title --log-level; do
	check "option $opt without its value: exit 64" "
		expect_status 64 ntfy $opt 2> err
		grep -q 'needs a value' err
	"
done

check '-o with one argument: exit 64' '
	expect_status 64 ntfy -o key 2> err
	grep -q "needs KEY and VALUE" err
'

check 'bad log level: exit 64' '
	expect_status 64 ntfy -l loud send x 2> err
	grep -q "unknown log level" err
'

check 'send: message to the file backend' '
	ntfy -b file -o path "$rec" -t Title send "hello world"
	[ "$(json_field "$rec" 1 message)" = "hello world" ]
	[ "$(json_field "$rec" 1 title)" = Title ]
	[ "$(json_field "$rec" 1 retcode)" = null ]
'

check 'send: message from a pipe, with and without -' '
	printf "piped\n" | ntfy -b file -o path "$rec" send
	printf "dash\n" | ntfy -b file -o path "$rec" send -
	[ "$(json_field "$rec" 2 message)" = piped ]
	[ "$(json_field "$rec" 3 message)" = dash ]
'

check 'send: -- lets a message start with a dash' '
	ntfy -b file -o path "$rec" send -- "-5 degrees"
	[ "$(json_field "$rec" 4 message)" = "-5 degrees" ]
'

check 'send: two messages is a usage error' '
	expect_status 64 ntfy -b file -o path "$rec" send a b 2> err
	grep -q "usage: ntfy \[options\] send" err
'

check 'emoji shortcodes become emoji, not with -E' '
	ntfy -b file -o path "$rec" send ":tada: done :100:"
	ntfy -E -b file -o path "$rec" send ":tada: done"
	[ "$(json_field "$rec" 5 message)" = "🎉 done 💯" ]
	[ "$(json_field "$rec" 6 message)" = ":tada: done" ]
'

check 'invalid UTF-8 is repaired, a 2 MB message is cut' '
	printf "bad \377 byte" | ntfy -b file -o path "$rec" send
	[ "$(json_field "$rec" 7 message)" = "bad � byte" ]
	head -c 2000000 /dev/zero | tr "\0" a | ntfy -b file -o path "$rec" send 2> err
	grep -q "longer than 1024 KiB" err
	[ "$(json_field "$rec" 8 message | wc -c)" -eq 1048577 ]
'

check 'newlines in a title are flattened' '
	ntfy -b file -o path "$rec" -t "two
lines" send x
	[ "$(json_field "$rec" 9 title)" = "two lines" ]
'

check 'default title is user@host:~/dir' '
	mkdir -p "$HOME/proj/sub"
	(cd "$HOME/proj/sub" && LOGNAME=bob ntfy -b file -o path "$rec" send x)
	[ "$(json_field "$rec" 10 title)" = "bob@$(hostname):~/proj/sub" ]
'

check 'NTFY_BACKENDS picks backends; -b overrides it' '
	NTFY_BACKENDS=file ntfy -o path "$rec" send env
	[ "$(json_field "$rec" 11 message)" = env ]
	NTFY_BACKENDS=nosuch ntfy -b file -o path "$rec" send cli
	[ "$(json_field "$rec" 12 message)" = cli ]
'

check 'unknown backend: exit 78 and the known ones' '
	expect_status 78 ntfy -b nosuch send x 2> err
	grep -q "unknown backend .nosuch. (known: default, file" err
'

check '-o for a key the backend lacks: a warning naming it' '
	ntfy -b file -o path "$rec" -o colour red send x 2> err
	grep -q "backend .file. has no option .colour." err
'

check 'backends lists every backend with its options' '
	ntfy backends > out
	grep -q "^file" out
	grep -q "^    path " out
	grep -q "^linux" out
	ntfy backends --names > names
	grep -qx default names
	ntfy backends --keys > keys
	grep -qx "linux urgency" keys
'

check 'a failing backend: exit 1, message names the backend' '
	expect_status 1 ntfy -b file -o path /nonexistent/dir/x send x 2> err
	grep -q "^ntfy: file: cannot open ./nonexistent/dir/x." err
'

check 'command names may be abbreviated when unique' '
	ntfy backe --names > out
	grep -qx file out
'

check 'write failure on standard output is reported' '
	if [ -w /dev/full ]; then
		expect_status 1 ntfy backends > /dev/full 2> err
		grep -q "write failure" err
	fi
'

done_testing
