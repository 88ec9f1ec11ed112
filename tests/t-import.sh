#!/bin/sh
# ntfy config import: the Python ntfy's YAML config as ntfy.ini.
. "$TEST_SRCDIR/lib.sh"

data=$TEST_SRCDIR/data/import
cp "$data"/*.yml .
if ntfy config import python.yml 2>&1 >/dev/null | grep -q "without libyaml"; then
	skip_all 'built without libyaml'
fi

check 'every kind of key, with warnings for what ntfy.ini lacks' '
	ntfy config import python.yml > out.ini 2> err
	diff "$data/python.ini" out.ini
	grep -q "python.yml:6: ntfy.ini has no top-level key .colour." err
	grep -q "python.yml:13: \[cellphone\]: backend .file. has no option .sound." err
	grep -q "python.yml:17: \[ntfy_matrix_bot\]: unknown backend .ntfy_matrix_bot." err
'

check 'the result is a config ntfy reads and sends with' '
	ntfy config import python.yml > out.ini 2> /dev/null
	ntfy -c out.ini config check > out 2> err
	grep -q ": ok$" out
	ntfy -c out.ini -b cellphone send hi
	[ "$(json_field phone.jsonl 1 title)" = "Phone title" ]
'

check 'the deprecated top-level backend becomes backends' '
	ntfy config import legacy.yml > out.ini
	grep -qx "backends = file" out.ini
	ntfy -c out.ini send legacy
	[ "$(json_field legacy.jsonl 1 message)" = legacy ]
'

check 'a list written as a block, a value over several lines' '
	ntfy config import multiline.yml > out.ini
	grep -qx "backends = log" out.ini
	printf "title = first line\n\tsecond line\n" > want
	grep -A1 "^title" out.ini > got
	diff want got
	ntfy -c out.ini config show > shown
	grep -A1 "^title = first line" shown | grep -qx "second line"
'

check 'a mapping two levels deep: exit 78 naming the key' '
	expect_status 78 ntfy config import nested.yml > out 2> err
	grep -q "nested.yml:5: .pushover.extra.: a mapping nested" err
	[ ! -s out ]
'

check 'a value INI cannot keep, broken YAML, no file: exit 78' '
	expect_status 78 ntfy config import blanks.yml 2> err
	grep -q "line 2: .file.path. cannot be written in INI" err
	expect_status 78 ntfy config import broken.yml 2> err
	grep -q "^ntfy: broken.yml:[0-9]*: " err
	expect_status 78 ntfy config import nosuch.yml 2> err
	grep -q "cannot read .nosuch.yml." err
'

check 'the Python ntfy search order: XDG first, then ~/.ntfy.yml' '
	expect_status 78 ntfy config import 2> err
	grep -q "neither .*/.config/ntfy/ntfy.yml. nor .*/.ntfy.yml. exists" err
	cp legacy.yml "$HOME/.ntfy.yml"
	ntfy config import > out
	grep -q "from $HOME/.ntfy.yml$" out
	mkdir -p "$XDG_CONFIG_HOME/ntfy"
	cp multiline.yml "$XDG_CONFIG_HOME/ntfy/ntfy.yml"
	ntfy config import > out
	grep -q "from $XDG_CONFIG_HOME/ntfy/ntfy.yml$" out
	rm -f "$HOME/.ntfy.yml" "$XDG_CONFIG_HOME/ntfy/ntfy.yml"
'

check '-o FILE: written 0600, never over a file without -f' '
	ntfy config import -o new.ini python.yml > out 2> /dev/null
	grep -q "^wrote new.ini" out
	[ "$(stat -c %a new.ini)" = 600 ]
	diff "$data/python.ini" new.ini
	echo keep > old.ini
	chmod 644 old.ini
	expect_status 1 ntfy config import -o old.ini legacy.yml 2> err
	grep -q "old.ini. exists; use -f" err
	[ "$(cat old.ini)" = keep ]
	ntfy config import -f -o old.ini legacy.yml > /dev/null
	grep -qx "backends = file" old.ini
	[ "$(stat -c %a old.ini)" = 600 ]
'

check '-f replaces the file whole: a new file renamed over the old one' '
	ntfy config import -o swap.ini legacy.yml > /dev/null
	ln swap.ini swap-link.ini
	ntfy config import -f -o swap.ini python.yml > /dev/null 2>&1
	diff "$data/python.ini" swap.ini
	grep -qx "backends = file" swap-link.ini
	[ "$(stat -c %a swap.ini)" = 600 ]
	[ -z "$(ls -A | grep "^\.swap")" ]
	expect_status 1 ntfy config import -o nodir/x.ini legacy.yml 2> err
	grep -q "cannot write .nodir/x.ini." err
'

check 'deep nesting is refused at once, not parsed for minutes' '
	/usr/bin/python3 -c "import sys; n = 500000; sys.stdout.write(\"a: \" + \"[\" * n + \"]\" * n + \"\\n\")" > deep.yml
	start=$(date +%s%3N)
	expect_status 78 ntfy config import deep.yml > out 2> err
	end=$(date +%s%3N)
	took_under 3000 "$start" "$end"
	grep -q "^ntfy: deep.yml:1: lists and mappings nested more than 32 levels deep" err
	[ ! -s out ]
	/usr/bin/python3 -c "import sys; n = 20; sys.stdout.write(\"a: \" + \"[\" * n + \"]\" * n + \"\\n\")" > ok.yml
	expect_status 78 ntfy config import ok.yml 2> err
	grep -q "a list may hold only plain values" err
'

check 'usage errors: exit 64' '
	expect_status 64 ntfy config import a.yml b.yml 2> err
	grep -q "usage: ntfy config import" err
	expect_status 64 ntfy config import -x 2> err
'

done_testing
