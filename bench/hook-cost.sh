#!/bin/sh
# What the shell hook costs: microseconds per preexec+precmd pair on the path
# that does not notify, against a reference hook that forks `date` twice per
# command as the Python ntfy's does and against undistract-me's (which, read
# closely, forks several times per command too); and what `eval "$(ntfy
# shell-integration)"` adds to starting bash.  Exits 1 when the hook costs
# over 100 us per command, when the eval line costs over 2 ms more than
# `eval "$(/bin/true)"` (the floor of any eval line, measured in the same
# run), or when sourcing the installed file adds over 5 ms.
#
# Usage: NTFY_BIN=src/ntfy sh bench/hook-cost.sh   (or `make bench`)
set -eu

NTFY_BIN=${NTFY_BIN:-ntfy}
N=${BENCH_N:-2000}
NREF=${BENCH_NREF:-200}
RUNS=${BENCH_RUNS:-31}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ntfy-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# A login session has a runtime directory (a tmpfs), where the hook leaves
# the part of itself that the shell parses only when needed; without one
# that part comes through the eval line too (about 0.4 ms more here).
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		XDG_RUNTIME_DIR=$(mktemp -d /dev/shm/ntfy-bench.XXXXXX)
		trap 'rm -rf "$tmp" "$XDG_RUNTIME_DIR"' EXIT
	else
		XDG_RUNTIME_DIR=$tmp/run
		mkdir -m 700 "$XDG_RUNTIME_DIR"
	fi
	export XDG_RUNTIME_DIR
fi
status=0

"$NTFY_BIN" shell-integration -s bash -L 10 > "$tmp/hook.bash"
"$NTFY_BIN" shell-integration -s zsh -L 10 > "$tmp/hook.zsh"

# The hook as the shell calls it, fed a command that is not ignored and
# shorter than the threshold.  Prints microseconds per pair.
cat > "$tmp/pairs.bash" <<'EOF'
n=$1
. "$2"
PROMPT_COMMAND=$__ntfy_head$'\n'$__ntfy_last
PS0='${__ntfy_t0}'
ref_preexec() { ref_t0=$(date +%s); ref_cmd=$1; }
ref_precmd() {
	local ret=$? d
	[ -n "$ref_t0" ] || return
	d=$(( $(date +%s) - ref_t0 ))
	ref_t0=
	[ "$d" -gt 10 ] && echo notify "$ref_cmd" "$ret"
	return 0
}
e1() { :; }
e2() { :; }
now() { t=${EPOCHREALTIME//[!0-9]/}; }
now; t0=$t
for ((i = 0; i < n; i++)); do e1 make; e2; done
now; empty=$((t - t0))
now; t0=$t
for ((i = 0; i < n; i++)); do
	__ntfy_t0=${EPOCHREALTIME//[!0-9]/} __ntfy_armed=1
	__ntfy_debug make
	__ntfy_precmd
	__ntfy_tail
done
now; hook=$((t - t0))
# The same with Debian's HISTCONTROL=ignoreboth: the line is lifted into the
# history at the prompt and settled by the DEBUG trap.
set -o history
HISTCONTROL=ignoreboth
history -s make
now; t0=$t
for ((i = 0; i < n; i++)); do
	__ntfy_t0=${EPOCHREALTIME//[!0-9]/} __ntfy_armed=1
	history -s make
	__ntfy_debug make
	__ntfy_precmd
	__ntfy_tail
done
now; hist=$((t - t0))
set +o history
m=$3
now; t0=$t
for ((i = 0; i < m; i++)); do
	ref_preexec make
	ref_precmd
done
now; ref=$((t - t0))
echo "$(( hook / n )) $(( empty / n )) $(( ref / m )) $(( hist / n ))"
EOF

cat > "$tmp/pairs.zsh" <<'EOF'
n=$1
source $2
zmodload zsh/datetime
integer i us eus
float t0 empty hook
e1() { }
e2() { }
t0=$EPOCHREALTIME
for ((i = 0; i < n; i++)); do e1 make make make; e2; done
(( empty = EPOCHREALTIME - t0 ))
t0=$EPOCHREALTIME
for ((i = 0; i < n; i++)); do
	__ntfy_preexec make make make
	__ntfy_precmd
done
(( hook = EPOCHREALTIME - t0 ))
(( us = hook * 1000000 / n ))
(( eus = empty * 1000000 / n ))
echo $us $eus
EOF

# undistract-me (Debian's package), as bash calls it: its DEBUG trap, then
# its PROMPT_COMMAND pieces, on a command shorter than its threshold and
# with no X display.  Prints microseconds per pair.
UDM=${UDM:-/usr/share/undistract-me/long-running.bash}
cat > "$tmp/udm.bash" <<'EOF'
m=$1
set -o history
history -s make
. "$2"
notify_when_long_running_commands_finish_install
unset DISPLAY
t0=${EPOCHREALTIME//[!0-9]/}
for ((i = 0; i < m; i++)); do
	preexec_invoke_exec
	preexec_set_exit
	preexec_invoke_cmd
done
t1=${EPOCHREALTIME//[!0-9]/}
trap - DEBUG
echo $(( (t1 - t0) / m ))
EOF

# Per command: the hook, two empty functions (what calling any hook costs
# the shell), the reference.  The budget is for what the hook adds to that.
row() {
	printf '%-46s %8s %s\n' "$1" "$2" "$3"
}
set -- $(bash "$tmp/pairs.bash" "$N" "$tmp/hook.bash" "$NREF")
row "bash, this hook, per command:" "$1" us
row "bash, two empty functions:" "$2" us
row "bash, the same, HISTCONTROL=ignoreboth:" "$4" us
row "bash, reference hook (2 forks of date):" "$3" us
row "reference / this hook:" "$(awk -v a="$3" -v b="$1" \
    'BEGIN { printf "%.0f", a / (b > 0 ? b : 1) }')" x
[ $(($1 - $2)) -le 100 ] ||
	{ echo "FAIL: the bash hook adds over 100 us per command"; status=1; }
hook=$1
if [ -r "$UDM" ]; then
	udm=$(bash "$tmp/udm.bash" "$NREF" "$UDM" 2> /dev/null)
	row "bash, undistract-me, per pair (it forks too):" "$udm" us
	row "undistract-me / this hook:" "$(awk -v a="$udm" -v b="$hook" \
	    'BEGIN { printf "%.0f", a / (b > 0 ? b : 1) }')" x
else
	echo "undistract-me not installed ($UDM): apt-get install undistract-me"
fi

if command -v zsh > /dev/null 2>&1; then
	set -- $(zsh -f "$tmp/pairs.zsh" "$N" "$tmp/hook.zsh")
	row "zsh, this hook, per preexec+precmd pair:" "$1" us
	row "zsh, two empty functions:" "$2" us
	[ $(($1 - $2)) -le 100 ] ||
		{ echo "FAIL: the zsh hook adds over 100 us per command"; status=1; }
fi

# Shell start: RUNS rounds of `bash -i -c exit`, one for each rc file in
# turn, so that a change in the machine's speed weighs on all of them alike.
# What a line adds is the median over the rounds of its difference with the
# line it is compared with in the same round; the times shown are the
# fastest (the least disturbed by other load).  With -p, up to the first
# prompt instead (`exit` read from standard input), which adds what
# PROMPT_COMMAND does there.
: > "$tmp/bare.rc"
printf 'eval "$(%s shell-integration -s bash)"\n' "'$NTFY_BIN'" > "$tmp/hook.rc"
cat > "$tmp/start.bash" <<'EOF'
runs=$1 home=$2 mode=$3
shift 3
for ((i = 0; i < runs; i++)); do
	line=
	for rc; do
		t0=${EPOCHREALTIME//[!0-9]/}
		if [[ $mode == -p ]]; then
			echo exit | HOME=$home bash --noprofile --rcfile "$rc" -i \
			    > /dev/null 2>&1
		else
			HOME=$home bash --noprofile --rcfile "$rc" -i -c exit \
			    < /dev/null > /dev/null 2>&1
		fi
		t1=${EPOCHREALTIME//[!0-9]/}
		line+="$((t1 - t0)) "
	done
	echo "$line"
done
EOF
# fastest FILE COLUMN; added FILE COLUMN BASE: microseconds.
fastest() {
	awk -v c="$2" 'NR == 1 || $c < m { m = $c } END { print m }' "$1"
}
added() {
	awk -v c="$2" -v b="$3" '{ print $c - $b }' "$1" | sort -n |
	    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
HOOK_BASH=${HOOK_BASH:-$(dirname "$0")/../shell/ntfy.bash}
printf '. %s\n' "'$HOOK_BASH'" > "$tmp/source.rc"
echo 'eval "$(/bin/true)"' > "$tmp/spawn.rc"
bash "$tmp/start.bash" 3 "$tmp" -c "$tmp/hook.rc" > /dev/null
bash "$tmp/start.bash" "$RUNS" "$tmp" -c "$tmp/bare.rc" "$tmp/spawn.rc" \
    "$tmp/hook.rc" "$tmp/source.rc" > "$tmp/start.txt"
bash "$tmp/start.bash" "$RUNS" "$tmp" -p "$tmp/spawn.rc" "$tmp/hook.rc" \
    > "$tmp/prompt.txt"
bare=$(fastest "$tmp/start.txt" 1)
spawn=$(fastest "$tmp/start.txt" 2)
with=$(fastest "$tmp/start.txt" 3)
sourced=$(fastest "$tmp/start.txt" 4)
added_with=$(added "$tmp/start.txt" 3 1)
added_spawn=$(added "$tmp/start.txt" 2 1)
over_spawn=$(added "$tmp/start.txt" 3 2)
added_sourced=$(added "$tmp/start.txt" 4 1)
over_prompt=$(added "$tmp/prompt.txt" 2 1)
ms() {
	awk -v a="$1" 'BEGIN { printf "%.2f", a / 1000 }'
}
row "bash -i -c exit, bare (fastest):" "$bare" us
row "with eval \"\$(ntfy shell-integration)\":" "$with" us
row "for scale, with eval \"\$(/bin/true)\":" "$spawn" us
row "added at shell start (median of rounds):" "$(ms "$added_with")" ms
row "of which any eval line's process costs here:" "$(ms "$added_spawn")" ms
row "over eval \"\$(/bin/true)\" (target 2 ms):" "$(ms "$over_spawn")" ms
row "with . ntfy.bash (installed, no process):" "$sourced" us
row "added at shell start, sourced:" "$(ms "$added_sourced")" ms
row "eval line up to the first prompt (no target):" "$(ms "$over_prompt")" \
    "ms over eval \"\$(/bin/true)\""
[ "$over_spawn" -le 2000 ] ||
	{ echo "FAIL: the eval line costs over 2 ms more than eval \"\$(/bin/true)\""; status=1; }
[ "$added_sourced" -le 5000 ] ||
	{ echo "FAIL: shell start grows by over 5 ms with the sourced hook"; status=1; }
exit $status
