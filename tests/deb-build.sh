#!/bin/sh
# Build the Debian package from a copy of this tree, install it, run the
# installed ntfy, purge it.  Slow, so not part of `make check`: .ci/run
# calls it.  Prints TAP, then "# PASS: N" / "# FAIL: N" lines.
# Usage: tests/deb-build.sh [SRCDIR]
set -u
src=$(cd "${1:-$(dirname "$0")/..}" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ntfy-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
log=$tmp/log

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	[ -s "$log" ] && tail -30 "$log" | sed 's/^/#   /'
}

finish() {
	echo "1..$n"
	echo "# PASS: $((n - failed))"
	echo "# FAIL: $failed"
	[ "$failed" -eq 0 ]
	exit
}

for tool in dpkg-buildpackage dh fakeroot; do
	if ! command -v "$tool" > /dev/null; then
		echo "1..0 # SKIP $tool is missing (apt-get install dpkg-dev debhelper fakeroot)"
		exit 0
	fi
done

# The sources as a clone would have them: tracked and new files, nothing
# that a build or .gitignore leaves.
mkdir "$tmp/ntfy"
if git -C "$src" rev-parse --git-dir > /dev/null 2>&1; then
	(cd "$src" && git ls-files -z --cached --others --exclude-standard |
		xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _ |
		tar --null -T - -cf -) | tar -C "$tmp/ntfy" -xf -
else
	(cd "$src" && tar --exclude=.git --exclude='./build*' -cf - .) |
		tar -C "$tmp/ntfy" -xf -
fi

if (cd "$tmp/ntfy" && dpkg-buildpackage -us -uc -b) > "$log" 2>&1; then
	ok 'dpkg-buildpackage -us -uc -b builds a .deb'
else
	not_ok 'dpkg-buildpackage -us -uc -b builds a .deb'
	finish
fi
deb=$(ls "$tmp"/ntfy-notifier_*.deb)

dpkg-deb -c "$deb" > "$tmp/contents"
: > "$log"
missing=
for f in ./usr/bin/ntfy ./usr/share/man/man1/ntfy.1.gz \
	./usr/share/man/man5/ntfy.ini.5.gz \
	./usr/share/bash-completion/completions/ntfy \
	./usr/share/zsh/vendor-completions/_ntfy \
	./usr/share/fish/vendor_completions.d/ntfy.fish \
	./usr/share/doc/ntfy-notifier/examples/ntfy.ini \
	./usr/share/doc/ntfy-notifier/examples/webpush/index.html \
	./usr/share/doc/ntfy-notifier/examples/webpush/sw.js \
	./usr/share/doc/ntfy-notifier/copyright \
	./usr/share/ntfy/ntfy.bash ./usr/share/ntfy/ntfy.zsh \
	./usr/share/ntfy/ntfy.fish \
	"/ntfy/net.so" "/ntfy/yamlimport.so" "/ntfy/desktop.so"; do
	awk '{ print $6 }' "$tmp/contents" | grep -q -- "$f\$" ||
		missing="$missing $f"
done
if [ -z "$missing" ] && ! grep -q '\.la$' "$tmp/contents"; then
	ok 'the package holds the binary, modules, man pages, completions, hooks, example'
else
	echo "missing:$missing" > "$log"
	not_ok 'the package holds the binary, modules, man pages, completions, hooks, example'
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "ok $((n + 1)) - install and run # SKIP not root: dpkg -i needs it"
	n=$((n + 1))
	finish
fi
if dpkg -s ntfy > /dev/null 2>&1; then
	echo "ok $((n + 1)) - install and run # SKIP the Python ntfy package is installed"
	n=$((n + 1))
	finish
fi

if dpkg -i "$deb" > "$log" 2>&1; then
	ok 'dpkg -i installs it'
else
	not_ok 'dpkg -i installs it'
	dpkg --purge ntfy-notifier > /dev/null 2>&1
	finish
fi

# Run the installed ntfy with a private HOME, away from this tree.
home=$tmp/home
mkdir -p "$home"
run() {
	(cd "$home" && env -i HOME="$home" PATH=/usr/bin:/bin LC_ALL=C.UTF-8 \
		"$@") > "$log" 2>&1
}
want=$(sed -n 's/^AC_INIT(\[ntfy\], \[\([^]]*\)\].*/\1/p' "$src/configure.ac")
if run /usr/bin/ntfy --version && [ "$(cat "$log")" = "$want" ]; then
	ok "the installed ntfy --version says $want"
else
	not_ok "the installed ntfy --version says $want"
fi
if run /usr/bin/ntfy backends && grep -q '^file' "$log" &&
    ! grep -q 'not compiled in' "$log"; then
	ok 'the installed ntfy backends lists every backend, all compiled in'
else
	not_ok 'the installed ntfy backends lists every backend, all compiled in'
fi
printf 'backends: [file]\nfile:\n  path: %s/n.jsonl\n' "$home" > "$home/.ntfy.yml"
if run sh -c '/usr/bin/ntfy config import -o ntfy.ini &&
    /usr/bin/ntfy -c ntfy.ini send "from the package" &&
    grep -q "from the package" n.jsonl'; then
	ok 'the installed modules load: config import, then send with its result'
else
	not_ok 'the installed modules load: config import, then send with its result'
fi
if run /usr/bin/ntfy -c /usr/share/doc/ntfy-notifier/examples/ntfy.ini \
    config check; then
	ok 'the installed example config checks clean'
else
	not_ok 'the installed example config checks clean'
fi

if dpkg --purge ntfy-notifier > "$log" 2>&1 && [ ! -e /usr/bin/ntfy ]; then
	ok 'dpkg --purge removes it'
else
	not_ok 'dpkg --purge removes it'
fi
finish
