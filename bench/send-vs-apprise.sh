#!/bin/bash
# Figure 1: one notification to a Pushjet-shaped server on 127.0.0.1, by
# `ntfy send` and by apprise (the Python peer), the same message to the same
# server: medians of wall time, CPU (user+sys) and peak RSS per
# notification.  Exits 1 unless ntfy takes at least 15x less wall time and
# CPU and 4x less memory.
#
# Usage: NTFY_BIN=src/ntfy bash bench/send-vs-apprise.sh   (or `make bench`)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -eu
. "$(dirname "$0")/lib.bash"
N=${BENCH_RUNS:-15}
status=0

if ! command -v apprise > /dev/null 2>&1; then
	echo "SKIP: apprise is not installed (Debian package apprise)"
	exit 0
fi
start_httpd pushjet
url=pjet://127.0.0.1:$port/benchsecret
msg='backup done :tada:'
set -- $($MEASURE run "$N" \
    ntfy "'$NTFY_BIN' -t bench -b $url send '$msg'" \
    apprise "apprise -t bench -b '$msg' $url")
[ "$5" = 0 ] && [ "${10}" = 0 ] ||
	{ echo "FAIL: a run failed (ntfy $5, apprise ${10} of $N)"; exit 1; }
hits=$(wc -l < "$tmp/httpd-pushjet/log")
[ "$hits" -ge $((2 * N + 2)) ] ||
	{ echo "FAIL: the server got $hits requests, not $((2 * N + 2))"; exit 1; }
row "median of $N, per notification" "ntfy / apprise / ratio"
row "wall time (ms):" "$2 / $7 / $(ratio "$7" "$2")x less"
row "CPU user+sys (ms):" "$3 / $8 / $(ratio "$8" "$3")x less"
row "peak RSS (KiB):" "$4 / $9 / $(ratio "$9" "$4")x less"
le 15 "$(ratio "$7" "$2")" ||
	{ echo "FAIL: wall time under 15x less than apprise"; status=1; }
le 15 "$(ratio "$8" "$3")" ||
	{ echo "FAIL: CPU under 15x less than apprise"; status=1; }
le 4 "$(ratio "$9" "$4")" ||
	{ echo "FAIL: peak RSS under 4x less than apprise"; status=1; }
exit $status
