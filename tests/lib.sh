# Shared set-up for the shell tests: TAP output, a private HOME, helpers.
# shellcheck shell=sh

set -u
: "${NTFY_BIN:?run the tests through make check}"
: "${TEST_SRCDIR:?}"

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ntfy-test.XXXXXX")
test_count=0
test_failed=0
test_cleanup_cmds=

test_cleanup() {
	eval "$test_cleanup_cmds"
	rm -rf "$TEST_TMP"
}
trap test_cleanup EXIT
trap 'exit 1' HUP INT TERM

# Never read or write the developer's own config, state or session.
HOME=$TEST_TMP/home
XDG_CONFIG_HOME=$HOME/.config
XDG_STATE_HOME=$HOME/.local/state
XDG_CACHE_HOME=$HOME/.cache
XDG_CONFIG_DIRS=$TEST_TMP/etc-xdg
mkdir -p "$HOME" "$XDG_CONFIG_DIRS"
export HOME XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME XDG_CONFIG_DIRS
# Nor the developer's session bus ($XDG_RUNTIME_DIR/bus) or terminal.
XDG_RUNTIME_DIR=$TEST_TMP/run
mkdir -m 700 "$XDG_RUNTIME_DIR"
TERM=dumb
unset GHOSTTY_RESOURCES_DIR
export XDG_RUNTIME_DIR TERM
[ -n "${IN_TEST_BUS:-}" ] || unset DBUS_SESSION_BUS_ADDRESS
unset NTFY_CONFIG NTFY_BACKENDS DISPLAY \
	WAYLAND_DISPLAY TMUX TMUX_PANE WINDOWID SWAYSOCK KITTY_WINDOW_ID \
	TERM_PROGRAM ITERM_SESSION_ID VTE_VERSION WT_SESSION WEZTERM_PANE \
	AUTO_NTFY_DONE_IGNORE AUTO_NTFY_DONE_OPTS AUTO_NTFY_DONE_LONGER_THAN \
	AUTO_NTFY_DONE_UNFOCUSED_ONLY NTFY_MODULE_DIR
# Nor the developer's WSL, Hyprland or niri.
unset WSL_DISTRO_NAME WSLENV HYPRLAND_INSTANCE_SIGNATURE NIRI_SOCKET
LC_ALL=C.UTF-8
export LC_ALL

# Tests write scratch files in the current directory: make it private.
cd "$TEST_TMP" || exit 99

# Run ntfy, under valgrind when the build asked for it; on a terminal of
# its own when on_pty or no_tty called it (tests/ptyrun.py).
ntfy() {
	if [ -n "${NTFY_VALGRIND:-}" ]; then
		set -- valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite \
			--suppressions="$TEST_SRCDIR/valgrind.supp" \
			"$NTFY_BIN" "$@"
	else
		set -- "$NTFY_BIN" "$@"
	fi
	if [ -n "${ntfy_parent:-}" ]; then
		set -- /usr/bin/python3 -c "import os, signal, sys
$ntfy_parent
os.execvp(sys.argv[1], sys.argv[1:])" "$@"
		ntfy_parent=
	fi
	case ${ntfy_tty:-} in
	'') ;;
	none)
		set -- /usr/bin/python3 "$TEST_SRCDIR/ptyrun.py" --no-tty -- "$@" ;;
	*)
		: > "$ntfy_tty"
		set -- /usr/bin/python3 "$TEST_SRCDIR/ptyrun.py" \
			--out "$ntfy_tty" -- "$@" ;;
	esac
	ntfy_tty=
	"$@"
}

# under_parent PYTHON ARGS...: ntfy ARGS exec'd by a Python parent that
# ran the PYTHON lines first (os, signal and sys imported), to leave it an
# odd signal state.
under_parent() {
	ntfy_parent=$1
	shift
	ntfy "$@"
}

# on_pty FILE ARGS...: ntfy ARGS with a new pty as its terminal; the bytes
# it writes there go to FILE.
on_pty() {
	ntfy_tty=$1
	shift
	ntfy "$@"
}

# no_tty ARGS...: ntfy ARGS with no controlling terminal at all.
no_tty() {
	ntfy_tty=none
	ntfy "$@"
}

# bytes_are FILE WANT: FILE holds exactly WANT (Python escapes such as
# \x1b); OSC 99 ids, which differ per run, must agree and become "ID".
# bytes_has FILE WANT: WANT occurs in FILE.
bytes_cmp() {
	/usr/bin/python3 - "$@" <<'EOF'
import re, sys
mode, path, want = sys.argv[1:4]
got = open(path, "rb").read()
ids = set(re.findall(rb"i=(ntfy-[0-9]+-[0-9]+|ntfy-tty[0-9]+)", got))
if len(ids) > 1:
    sys.exit("chunks with different ids: %r" % ids)
got = re.sub(rb"i=(?:ntfy-[0-9]+-[0-9]+|ntfy-tty[0-9]+)", b"i=ID", got)
want = want.encode("latin-1").decode("unicode_escape").encode("latin-1")
if (got == want) if mode == "is" else (want in got):
    sys.exit(0)
sys.exit("want %s %r\n got %r" % ("exactly" if mode == "is" else "within",
                                  want, got))
EOF
}
bytes_are() { bytes_cmp is "$@"; }
bytes_has() { bytes_cmp has "$@"; }

# check TITLE SCRIPT: run SCRIPT in a subshell with -e; print a TAP line.
check() {
	test_count=$((test_count + 1))
	# Not inside an `if`: there set -e would be void even in the subshell.
	# TEST_TRACE=1 traces every line, to see which one failed.
	(set -e ${TEST_TRACE:+-x}; eval "$2") > "$TEST_TMP/.check-output" 2>&1
	if [ $? -eq 0 ]; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/#   /' "$TEST_TMP/.check-output"
	fi
}

skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # SKIP ${2:-}"
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}

# refute CMD...: fail when CMD succeeds (set -e never stops at `! CMD`).
refute() {
	if "$@"; then
		echo "should have failed: $*" >&2
		return 1
	fi
	return 0
}

# expect_status WANT CMD...: run CMD, fail unless it exits WANT.
expect_status() {
	want=$1
	shift
	set +e
	"$@"
	got=$?
	set -e
	if [ "$got" -ne "$want" ]; then
		echo "exit status $got, want $want: $*" >&2
		return 1
	fi
}

# same FILE WANT: FILE holds exactly WANT (plus a final newline).
# took_under MS START END: END - START, in ms, is under MS.  Not checked
# under valgrind, whose run is for memory errors (the plain and the ASan
# runs check the timing); there other tests' load can stretch any time.
took_under() {
	[ -z "${NTFY_VALGRIND:-}" ] || return 0
	[ $(($3 - $2)) -lt "$1" ] ||
		{ echo "took $(($3 - $2)) ms, want under $1" >&2; return 1; }
}

# is GOT WANT: equal strings, or say both.
is() {
	[ "$1" = "$2" ] || { echo "got '$1', want '$2'" >&2; return 1; }
}
same() {
	printf '%s\n' "$2" > "$TEST_TMP/.want"
	if ! cmp -s "$TEST_TMP/.want" "$1"; then
		echo "--- want" >&2
		cat "$TEST_TMP/.want" >&2
		echo "--- got" >&2
		cat "$1" >&2
		return 1
	fi
}

# json_field FILE LINE KEY: a field of the JSON line LINE (1-based) of FILE.
json_field() {
	/usr/bin/python3 -c 'import json,sys
rec = json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1])
v = rec[sys.argv[3]]
print("null" if v is None else v)' "$1" "$2" "$3"
}

# wait_for CMD...: retry CMD for up to 10 s (WAIT_TRIES tenths of a second).
wait_for() {
	i=0
	while ! "$@" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -lt "${WAIT_TRIES:-100}" ] || return 1
		sleep 0.1
	done
}

# terminal_safe FILE: FILE is valid UTF-8 with no control but line ends:
# no C0, DEL or C1 control, no BiDi override (what ntfy may write to a
# terminal).
terminal_safe() {
	/usr/bin/python3 - "$1" <<'EOF2'
import re, sys
got = open(sys.argv[1], "rb").read()
try:
    text = got.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit("not UTF-8: %s in %r" % (e, got))
bad = re.findall("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
if bad:
    sys.exit("controls %r in %r" % (bad, text))
EOF2
}
