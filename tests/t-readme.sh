#!/bin/sh
# The README's examples run: every ```sh block marked with <!-- example -->
# on the line before runs offline, with the file backend, in a private HOME.
# Also: examples/ntfy.ini is a clean config that shows every core key.
. "$TEST_SRCDIR/lib.sh"

readme=$TOP_SRCDIR/README.md
example_ini=$TOP_SRCDIR/examples/ntfy.ini

# `ntfy` on PATH is the one just built (under valgrind when asked).
mkdir -p "$TEST_TMP/bin" "$XDG_CONFIG_HOME/ntfy" "$TEST_TMP/work"
cat > "$TEST_TMP/bin/ntfy" <<SH
#!/bin/sh
if [ -n "\${NTFY_VALGRIND:-}" ]; then
	exec valgrind -q --error-exitcode=99 --leak-check=full \\
		--errors-for-leak-kinds=definite \\
		--suppressions="$TEST_SRCDIR/valgrind.supp" "$NTFY_BIN" "\$@"
fi
exec "$NTFY_BIN" "\$@"
SH
chmod +x "$TEST_TMP/bin/ntfy"
printf '[file]\npath = %s/readme.jsonl\n' "$TEST_TMP" \
	> "$XDG_CONFIG_HOME/ntfy/ntfy.ini"

# Split the marked blocks into example-N.sh files.
awk -v dir="$TEST_TMP" '
	/^<!-- example -->$/ { want = 1; next }
	want && /^```sh$/ { n++; out = dir "/example-" n ".sh"; want = 0; next }
	out != "" && /^```$/ { close(out); out = ""; next }
	out != "" { print > out; next }
	{ want = 0 }' "$readme"

check 'the README marks examples, and not the two set-up commands' '
	ls "$TEST_TMP"/example-*.sh > /dev/null
	refute grep -l "apt-get" "$TEST_TMP"/example-*.sh
'

for f in "$TEST_TMP"/example-*.sh; do
	[ -e "$f" ] || continue
	check "README example $(basename "$f" .sh | sed s/example-//): $(head -1 "$f")" "
		cd '$TEST_TMP/work'
		PATH='$TEST_TMP/bin':\$PATH NTFY_BACKENDS=file sh -e '$f'
	"
done

check 'the examples sent through the file backend' '
	[ -s "$TEST_TMP/readme.jsonl" ]
'

check 'examples/ntfy.ini: a config ntfy reads without a warning' '
	ntfy -c "$example_ini" config check > out 2> err
	[ ! -s err ] || { cat err; exit 1; }
	grep -q ": ok$" out
'

check 'examples/ntfy.ini shows every top-level key of ntfy.ini(5)' '
	sed -n "/^\.Sh DESCRIPTION/,/^\.Sh BACKENDS/ s/^\.It Ic \([a-z_]*\) .*/\1/p" \
		"$TOP_SRCDIR/man/ntfy.ini.5" > keys
	[ -s keys ]
	while read -r k; do
		grep -Eq "^;?$k = " "$example_ini" ||
			{ echo "$k missing from examples/ntfy.ini"; exit 1; }
	done < keys
'

check 'examples/ntfy.ini shows every option of the linux backend' '
	ntfy backends --keys | awk "\$1 == \"linux\" { print \$2 }" > keys
	[ -s keys ]
	while read -r k; do
		sed -n "/^\[linux\]/,/^\$/p" "$example_ini" | grep -Eq "^;?$k = " ||
			{ echo "linux: $k missing from examples/ntfy.ini"; exit 1; }
	done < keys
'

done_testing
