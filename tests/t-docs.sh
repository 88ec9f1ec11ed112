#!/bin/sh
# The docs cannot drift: every backend, option and subcommand in the code is
# in the man pages and --help, and nothing documented is missing from it.
. "$TEST_SRCDIR/lib.sh"

man1=$TOP_SRCDIR/man/ntfy.1
man5=$TOP_SRCDIR/man/ntfy.ini.5

check 'every backend has a section in ntfy.ini.5, and back' '
	ntfy backends --names | sort > code
	sed -n "s/^\.Ss \([a-z_0-9]*\)$/\1/p" "$man5" | sort > doc
	diff code doc
'

check 'every backend option is documented under its backend' '
	ntfy backends --keys | while read -r b key rest; do
		awk -v b="$b" -v k="$key" "
			/^\.Ss / { inb = (\$2 == b) }
			inb && /^\.It Cm / { for (i = 3; i <= NF; i++) if (\$i == k) found = 1 }
			END { exit !found }" "$man5" || {
			echo "$b: $key missing from ntfy.ini.5"; exit 1; }
	done
'

check 'a backend with retry_budget is not said to be never retried or queued' '
	ntfy backends --keys | sed -n "s/^\([a-z_0-9]*\) retry_budget$/\1/p" > retried
	[ -s retried ]
	while read -r b; do
		awk -v b="$b" "
			/^\.Ss / { inb = (\$2 == b); next }
			/^\.S[hs] / { inb = 0 }
			inb { sub(/^\.[A-Z][a-z] /, \"\"); printf \"%s \", \$0 }" "$man5" > text
		if grep -q -i -e "not queued" -e "never queued" \
			-e "retry_budget does not apply" -e "not retried" text; then
			echo "$b: its section says it is not retried or queued"
			exit 1
		fi
	done < retried
'

check 'every CLI option is in ntfy.1 and --help' '
	ntfy --help > help
	for o in backend option config title log-level verbose quiet \
		no-emoji version help; do
		grep -q -- "--$o" help || { echo "--$o not in --help"; exit 1; }
		grep -q "^\.Fl -$o\|Fl -$o" "$man1" ||
			{ echo "--$o not in ntfy.1"; exit 1; }
	done
'

check 'every subcommand is in ntfy.1 and --help' '
	ntfy --help | sed -n "s/^  \([a-z-]*\) .*/\1/p" > cmds
	[ -s cmds ]
	while read -r c; do
		grep -q "^\.It Cm $c" "$man1" || { echo "$c not in ntfy.1"; exit 1; }
	done < cmds
'

check 'man pages are clean under mandoc -Tlint' '
	if command -v mandoc >/dev/null; then
		mandoc -Tlint -Wwarning "$man1" "$man5"
	fi
'

done_testing
