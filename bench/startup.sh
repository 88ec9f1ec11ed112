#!/bin/bash
# Figure 6: start-up of the paths that need no network and no desktop
# (`ntfy --version`, `ntfy shell-integration -s bash`, `ntfy send` to the
# file backend) against an empty C program compiled here, the floor; and
# for scale what loading the heavy libraries costs: an empty program that
# merely links libcurl, and `ntfy send` through pushjet (its module, with
# libcurl, loaded) to a server on 127.0.0.1.  Medians of wall time.  Exits 1
# when a no-network path takes more than 2x the floor.
#
# Usage: NTFY_BIN=src/ntfy bash bench/startup.sh   (or `make bench`)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -eu
. "$(dirname "$0")/lib.bash"
N=${BENCH_RUNS:-101}
CC=${CC:-cc}
status=0

echo 'int main(void) { return 0; }' > "$tmp/empty.c"
$CC -o "$tmp/empty" "$tmp/empty.c"
curl=
if $CC -o "$tmp/empty-curl" "$tmp/empty.c" -Wl,--no-as-needed -lcurl \
    2> /dev/null; then
	curl="empty-curl $tmp/empty-curl"
fi
start_httpd pushjet
set -- $($MEASURE run "$N" \
    empty "$tmp/empty" \
    version "'$NTFY_BIN' --version" \
    shell "'$NTFY_BIN' shell-integration -s bash" \
    file "'$NTFY_BIN' -b file -o path '$tmp/out.jsonl' send x" \
    pushjet "'$NTFY_BIN' -b pushjet -o endpoint http://127.0.0.1:$port \
	-o secret benchsecret send x" \
    $curl)
floor=$2
row "median of $N, wall time" "ms / x the empty program"
# line LABEL MS FAILURES [LIMIT]: a row, checked against LIMIT x the floor.
line() {
	row "$1" "$2 / $(ratio "$2" "$floor")"
	[ "$3" = 0 ] || { echo "FAIL: $1 failed $3 times"; status=1; }
	[ -z "${4:-}" ] || le "$(ratio "$2" "$floor")" "$4" ||
		{ echo "FAIL: over ${4}x the floor"; status=1; }
}
line "empty C program (the floor):" "$2" "$5"
line "ntfy --version:" "$7" "${10}" 2
line "ntfy shell-integration -s bash:" "${12}" "${15}" 2
line "ntfy -b file send:" "${17}" "${20}" 2
echo "for scale, with the heavy libraries loaded:"
line "ntfy -b pushjet send (net module, libcurl):" "${22}" "${25}"
[ -z "$curl" ] || line "empty C program linked with libcurl:" "${27}" "${30}"
exit $status
