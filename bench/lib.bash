# Sourced by the bench/*.sh scripts that compare ntfy with a peer: finds
# ntfy, keeps it away from the developer's config, state and session, and
# starts fake HTTP servers on 127.0.0.1.
NTFY_BIN=${NTFY_BIN:-./src/ntfy}
case $NTFY_BIN in
/*) ;;
*) NTFY_BIN=$PWD/$NTFY_BIN ;;
esac
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP_SRCDIR=$(dirname "$BENCH_DIR")
PY=/usr/bin/python3
MEASURE="$PY $BENCH_DIR/measure.py"
[ -x "$NTFY_BIN" ] ||
	{ echo "no ntfy at $NTFY_BIN (set NTFY_BIN)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ntfy-bench.XXXXXX")
bench_pids=
bench_cleanup() {
	local p
	for p in $bench_pids; do
		kill "$p" 2> /dev/null || true
		wait "$p" 2> /dev/null || true
	done
	rm -rf "$tmp"
}
trap bench_cleanup EXIT
trap 'exit 1' HUP INT TERM

HOME=$tmp/home
XDG_CONFIG_HOME=$HOME/.config
XDG_STATE_HOME=$HOME/.local/state
XDG_CACHE_HOME=$HOME/.cache
XDG_CONFIG_DIRS=$tmp/etc-xdg
XDG_RUNTIME_DIR=$tmp/run
mkdir -p "$HOME" "$XDG_CONFIG_DIRS"
mkdir -m 700 "$XDG_RUNTIME_DIR"
export HOME XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME XDG_CONFIG_DIRS \
	XDG_RUNTIME_DIR
unset NTFY_CONFIG NTFY_BACKENDS DISPLAY WAYLAND_DISPLAY \
	DBUS_SESSION_BUS_ADDRESS TMUX TMUX_PANE WINDOWID SWAYSOCK NTFY_MODULE_DIR
export LC_ALL=C.UTF-8 TERM=dumb

# start_httpd NAME [fakehttpd.py options]: a server answering 200 to any
# request; its port in $port.
start_httpd() {
	local d=$tmp/httpd-$1 i
	shift
	mkdir -p "$d"
	$PY "$TOP_SRCDIR/tests/fakehttpd.py" --port-file "$d/port" \
	    --log "$d/log" "$@" > /dev/null 2>&1 &
	bench_pids="$bench_pids $!"
	for ((i = 0; i < 200; i++)); do
		[ -s "$d/port" ] && break
		sleep 0.05
	done
	[ -s "$d/port" ] || { echo "fake server did not start" >&2; exit 2; }
	port=$(cat "$d/port")
}

# ratio A B: A / B with two decimals.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 0.001) }'
}

# le A B: whether A <= B.
le() {
	awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'
}

row() {
	printf '%-52s %s\n' "$1" "$2"
}
