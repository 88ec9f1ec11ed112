#!/bin/sh
# The config file: search order, errors with file and line, precedence.
. "$TEST_SRCDIR/lib.sh"

rec=$TEST_TMP/rec.jsonl
cfg=$XDG_CONFIG_HOME/ntfy/ntfy.ini
mkdir -p "$(dirname "$cfg")"

check 'the XDG config picks backends and options' '
	printf "backends = file\n[file]\npath = %s\n" "$rec" > "$cfg"
	ntfy send "from config"
	[ "$(json_field "$rec" 1 message)" = "from config" ]
'

check '-c beats $NTFY_CONFIG beats the XDG file' '
	printf "backends = file\n[file]\npath = %s.env\n" "$rec" > env.ini
	printf "backends = file\n[file]\npath = %s.cli\n" "$rec" > cli.ini
	NTFY_CONFIG=$PWD/env.ini ntfy send a
	NTFY_CONFIG=$PWD/env.ini ntfy -c cli.ini send b
	[ "$(json_field "$rec.env" 1 message)" = a ]
	[ "$(json_field "$rec.cli" 1 message)" = b ]
'

check 'named sections: several configs of one backend type' '
	printf "backends = one, two\n[one]\nbackend = file\npath = %s.1\n[two]\nbackend = file\npath = %s.2\ntitle = Two\n" "$rec" "$rec" > named.ini
	ntfy -c named.ini send both
	[ "$(json_field "$rec.1" 1 message)" = both ]
	[ "$(json_field "$rec.2" 1 message)" = both ]
'

check 'per-section title applies to that backend only' '
	printf "title = Top\nbackends = one, two\n[one]\nbackend = file\npath = %s.t1\n[two]\nbackend = file\npath = %s.t2\ntitle = Two\n" "$rec" "$rec" > titles.ini
	ntfy -c titles.ini send x
	[ "$(json_field "$rec.t1" 1 title)" = Top ]
	[ "$(json_field "$rec.t2" 1 title)" = Two ]
'

check 'malformed line: FILE:LINE, exit 78' '
	printf "[file]\npath = x\nnonsense\n" > bad.ini
	expect_status 78 ntfy -c bad.ini send x 2> err
	same err "ntfy: bad.ini:3: expected '\''key = value'\'', '\''[section]'\'' or a comment"
'

check 'unknown backend section: names it and the known ones, exit 78' '
	printf "[pushover2]\nuser_key = x\n" > unknown.ini
	expect_status 78 ntfy -c unknown.ini send x 2> err
	grep -q "^ntfy: unknown.ini:1: \[pushover2\]: unknown backend .pushover2. (known: default, file, linux" err
'

check 'unknown key: a warning with file and line, still sends' '
	printf "backends = file\n[file]\npath = %s.uk\ncolour = red\n" "$rec" > key.ini
	ntfy -c key.ini send x 2> err
	grep -q "^ntfy: warning: key.ini:4: \[file\]: backend .file. has no option .colour." err
	[ "$(json_field "$rec.uk" 1 message)" = x ]
'

check 'a 1,000-character value is read whole, not cut' '
	long=$(head -c 1000 /dev/zero | tr "\0" x)
	printf "backends = file\ntitle = %s\n[file]\npath = %s.long\n" "$long" "$rec" > long.ini
	ntfy -c long.ini send x
	[ "$(json_field "$rec.long" 1 title | wc -c)" -eq 1001 ]
'

check 'a 1,000-character section name is an error, not cut' '
	long=$(head -c 1000 /dev/zero | tr "\0" x)
	printf "[%s]\n" "$long" > longsec.ini
	expect_status 78 ntfy -c longsec.ini send x 2> err
	same err "ntfy: longsec.ini:1: line too long"
'

check 'a line of 100 kB: read whole as a value, or one clear line' '
	long=$(head -c 100000 /dev/zero | tr "\0" x)
	printf "backends = file\ntitle = %s\n[file]\npath = %s.100k\n" "$long" "$rec" > 100k.ini
	ntfy -c 100k.ini send x
	[ "$(json_field "$rec.100k" 1 title | wc -c)" -eq 100001 ]
	printf "[file]\n%s\n" "$long" > 100kbad.ini
	expect_status 78 ntfy -c 100kbad.ini send x 2> err
	[ "$(wc -l < err)" = 1 ]
	grep -q "^ntfy: 100kbad.ini:2: " err
'

check 'a section with 10,000 unknown keys: 20 warnings, then a count' '
	{ echo "[file]"; echo "path = $rec.10k"; seq -f "key%g = v" 10000; } > 10k.ini
	ntfy -c 10k.ini -b file send x 2> err
	[ "$(grep -c "has no option" err)" = 20 ]
	grep -q "^ntfy: warning: 10k.ini: 9980 more options that no backend has$" err
	[ "$(json_field "$rec.10k" 1 message)" = x ]
'

check 'missing -c file: one clear line, exit 78' '
	expect_status 78 ntfy -c nope.ini send x 2> err
	same err "ntfy: cannot read config '\''nope.ini'\'': No such file or directory"
'

check 'a directory as config: one clear line, exit 78' '
	mkdir -p adir
	expect_status 78 ntfy -c adir send x 2> err
	same err "ntfy: cannot read config '\''adir'\'': it is a directory"
'

check 'binary garbage and NUL bytes: one clear line, exit 78' '
	printf "[file]\npath = x\n\000\001\002" > nul.ini
	expect_status 78 ntfy -c nul.ini send x 2> err
	same err "ntfy: nul.ini:3: NUL byte in config; is it a text file?"
	head -c 4096 /dev/urandom | tr -d "\000" > garbage.ini
	expect_status 78 ntfy -c garbage.ini send x 2> err
	[ "$(wc -l < err)" -eq 1 ]
'

check 'a 10 MB config: refused in one line' '
	head -c 10000000 /dev/zero | tr "\0" "#" > huge.ini
	expect_status 78 ntfy -c huge.ini send x 2> err
	grep -q "larger than 1024 KiB" err
'

check 'a symlink loop: one clear line, exit 78' '
	ln -s loop1 loop2
	ln -s loop2 loop1
	expect_status 78 ntfy -c loop1 send x 2> err
	grep -q "Too many levels of symbolic links" err
'

check 'an unreadable config: one clear line, exit 78' '
	printf "[file]\n" > secret.ini
	chmod 000 secret.ini
	if [ "$(id -u)" -ne 0 ]; then
		expect_status 78 ntfy -c secret.ini send x 2> err
		grep -q "Permission denied" err
	fi
'

check 'a legacy top-level backend key still works, with a warning' '
	printf "backend = file\n[file]\npath = %s.legacy\n" "$rec" > legacy.ini
	ntfy -c legacy.ini send x 2> err
	grep -q "deprecated" err
	[ "$(json_field "$rec.legacy" 1 message)" = x ]
'

check '-v says which config was read and why' '
	ntfy -v -c cli.ini send x 2> err
	grep -q "config .cli.ini. (from -c)" err
'

mod=$TEST_BUILDDIR/.libs/custom.so

check 'config path: none, then the XDG file and why' '
	rm -f "$cfg"
	ntfy config path > out
	grep -q "^no config file: built-in defaults" out
	printf "[file]\n" > "$cfg"
	ntfy config path > out
	same out "$cfg (from \$XDG_CONFIG_HOME)"
	ntfy -c cli.ini config path > out
	same out "cli.ini (from -c)"
'

check 'config check: every section, exit 78 naming section and key' '
	printf "[mine]\nbackend = %s\n[file]\npath = /x\n" "$mod" > check.ini
	expect_status 78 ntfy -c check.ini config check 2> err
	grep -q "backend .mine. needs option .greeting.: set it in \[mine\] of check.ini" err
	printf "[mine]\nbackend = %s\ngreeting = hi\n" "$mod" > check2.ini
	chmod 600 check2.ini
	ntfy -c check2.ini config check > out
	same out "check2.ini: ok"
'

check 'config show: defaults filled in, secrets masked' '
	printf "[mine]\nbackend = %s\ngreeting = hi\ntoken = sekrit-token-1\n" "$mod" > show.ini
	chmod 600 show.ini
	ntfy -c show.ini config show > out
	grep -qx "token = \*\*\*\*\*\*\*\*" out
	grep -qx "greeting = hi" out
	refute grep -q sekrit-token-1 out
'

check 'a config with secrets readable by others: warn with the fix' '
	chmod 644 show.ini
	ntfy -c show.ini config check > out 2> err
	grep -q "holds secrets and is readable by others; fix it with: chmod 600 .show.ini." err
	chmod 600 show.ini
	ntfy -c show.ini config check > out 2> err
	refute grep -q "readable by others" err
'

check 'a secret never shows in the output of a failing run with -v' '
	printf "backends = mine\n[mine]\nbackend = %s\ngreeting = hi\ntoken = sekrit-token-2\n" "$mod" > fail.ini
	chmod 600 fail.ini
	expect_status 1 ntfy -v -c fail.ini send x > out 2> err
	grep -q "refused token \*\*\*\*\*\*\*\*" err
	expect_status 1 ntfy -v -c show.ini -b mine -o token sekrit-token-3 send x > out 2>> err
	refute grep -q "sekrit-token" out err
'

check 'config show and check print config text cleaned, never an escape' '
	printf "title = A\033]52;c;cHduZWQ=\007B\302\233\342\200\256x\n[f]\nbackend = file\npath = /tmp/\033[2Jx\n" > esc.ini
	chmod 600 esc.ini
	ntfy -c esc.ini config show > out
	terminal_safe out
	grep -q "^title = A?]52;c;cHduZWQ=?B??x$" out
	ntfy -c esc.ini config check > out
	terminal_safe out
'

done_testing
