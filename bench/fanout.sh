#!/bin/bash
# Figure 5: one `ntfy send` to 1, 4 and 16 backends (config sections of
# type pushjet and ntfy_sh), each its own server on 127.0.0.1 that takes
# 300 ms to answer.  Sent in parallel, the total stays near 300 ms; one
# after another it would be N x 300 ms.  Exits 1 when any total reaches
# 2x the delay.
#
# Usage: NTFY_BIN=src/ntfy bash bench/fanout.sh   (or `make bench`)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -eu
. "$(dirname "$0")/lib.bash"
N=${BENCH_RUNS:-5}
DELAY=0.3
status=0

ports=()
for ((i = 0; i < 16; i++)); do
	start_httpd "s$i" --delay "$DELAY"
	ports+=("$port")
done
# config K: K sections, alternately pushjet and ntfy_sh.
config() {
	local i names=
	for ((i = 0; i < $1; i++)); do
		names="$names${names:+, }s$i"
	done
	echo "backends = $names"
	for ((i = 0; i < $1; i++)); do
		echo "[s$i]"
		if ((i % 2 == 0)); then
			echo "backend = pushjet"
			echo "secret = benchsecret"
		else
			echo "backend = ntfy_sh"
			echo "topic = bench"
		fi
		echo "endpoint = http://127.0.0.1:${ports[i]}"
	done
}
for k in 1 4 16; do
	config "$k" > "$tmp/fan$k.ini"
done
set -- $($MEASURE run "$N" \
    b1 "'$NTFY_BIN' -c '$tmp/fan1.ini' send fanout" \
    b4 "'$NTFY_BIN' -c '$tmp/fan4.ini' send fanout" \
    b16 "'$NTFY_BIN' -c '$tmp/fan16.ini' send fanout")
# Each command ran once to warm up, N times timed, min(N, 5) times for RSS.
hits=$(cat "$tmp"/httpd-s*/log | wc -l)
[ "$5" = 0 ] && [ "${10}" = 0 ] && [ "${15}" = 0 ] &&
    [ "$hits" -eq $(((N + 1 + (N < 5 ? N : 5)) * 21)) ] ||
	{ echo "FAIL: a send failed or a server missed requests"; exit 1; }
ms=$(awk -v d="$DELAY" 'BEGIN { print d * 1000 }')
row "median of $N, each server answering in $ms ms" \
    "total ms / x delay / x 1 backend"
row "1 backend:" "$2 / $(ratio "$2" "$ms") / 1.00"
row "4 backends (one after another: $((4 * ms)) ms):" \
    "$7 / $(ratio "$7" "$ms") / $(ratio "$7" "$2")"
row "16 backends (one after another: $((16 * ms)) ms):" \
    "${12} / $(ratio "${12}" "$ms") / $(ratio "${12}" "$2")"
for t in "$2" "$7" "${12}"; do
	le "$(ratio "$t" "$ms")" 2 ||
		{ echo "FAIL: a total reached 2x the delay"; status=1; }
done
exit $status
