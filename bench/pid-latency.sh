#!/bin/bash
# Figure 4: how long after a watched process exits `ntfy done --pid` calls
# its backend (the file backend's line, seen by inotify), against a poller
# watching the same exit the way the Python ntfy does: psutil <= 7.2.1
# (Debian 12 ships 5.9) polls kill(pid, 0), 0.1 ms doubling to 40 ms.
# noti (2 s) and ntfy.sh (0.5 s) poll slower still.  Exits 1 unless the
# median latency is under 20 ms.
#
# Usage: NTFY_BIN=src/ntfy bash bench/pid-latency.sh   (or `make bench`)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -eu
. "$(dirname "$0")/lib.bash"
N=${BENCH_RUNS:-21}

$MEASURE pid-latency "$N" "$NTFY_BIN" "$tmp" > "$tmp/lat"
[ "$(wc -l < "$tmp/lat")" -eq "$N" ] ||
	{ echo "FAIL: fewer than $N measurements"; exit 1; }
med() {
	cut -d ' ' -f "$1" "$tmp/lat" | sort -n |
	    awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2);
	    printf "%.2f", NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2 }'
}
ntfy=$(med 1)
poll=$(med 2)
row "median of $N, exit to notification (ms)" \
    "ntfy / psutil-style poll / ratio"
row "done --pid, file backend:" \
    "$ntfy / $poll / $(ratio "$poll" "$ntfy")x sooner"
row "for scale, noti (2 s) / ntfy.sh (0.5 s) polls:" "1000 / 250 expected"
le "$ntfy" 20 || { echo "FAIL: median latency is 20 ms or more"; exit 1; }
