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

# Shell start: the fastest of RUNS `bash -i -c exit` (the least disturbed by
# other load), bare and with the eval.
: > "$tmp/bare.rc"
printf 'eval "$(%s shell-integration -s bash)"\n' "'$NTFY_BIN'" > "$tmp/hook.rc"
cat > "$tmp/start.bash" <<'EOF'
runs=$1 rc=$2
for ((i = 0; i < runs; i++)); do
	t0=${EPOCHREALTIME//[!0-9]/}
	HOME=$3 bash --noprofile --rcfile "$rc" -i -c exit < /dev/null \
	    > /dev/null 2>&1
	t1=${EPOCHREALTIME//[!0-9]/}
	echo $((t1 - t0))
done | sort -n | head -n 1
EOF
HOOK_BASH=${HOOK_BASH:-$(dirname "$0")/../shell/ntfy.bash}
printf '. %s\n' "'$HOOK_BASH'" > "$tmp/source.rc"
bash "$tmp/start.bash" 3 "$tmp/hook.rc" "$tmp" > /dev/null
bare=$(bash "$tmp/start.bash" "$RUNS" "$tmp/bare.rc" "$tmp")
echo 'eval "$(/bin/true)"' > "$tmp/spawn.rc"
spawn=$(bash "$tmp/start.bash" "$RUNS" "$tmp/spawn.rc" "$tmp")
with=$(bash "$tmp/start.bash" "$RUNS" "$tmp/hook.rc" "$tmp")
sourced=$(bash "$tmp/start.bash" "$RUNS" "$tmp/source.rc" "$tmp")
added=$((with - bare))
row "bash -i -c exit, bare (fastest):" "$bare" us
row "with eval \"\$(ntfy shell-integration)\":" "$with" us
row "for scale, with eval \"\$(/bin/true)\":" "$spawn" us
row "added at shell start:" "$(awk -v a="$added" \
    'BEGIN { printf "%.2f", a / 1000 }')" "ms, $(awk -v a="$with" -v b="$bare" \
    'BEGIN { printf "%.2f", a / b }') x"
row "of which any eval line's process costs here:" "$(awk -v a="$((spawn - bare))" \
    'BEGIN { printf "%.2f", a / 1000 }')" ms
row "over eval \"\$(/bin/true)\" (target 2 ms):" "$(awk -v a="$((with - spawn))" \
    'BEGIN { printf "%.2f", a / 1000 }')" ms
row "with . ntfy.bash (installed, no process):" "$sourced" us
row "added at shell start, sourced:" "$(awk -v a="$((sourced - bare))" \
    'BEGIN { printf "%.2f", a / 1000 }')" ms
[ $((with - spawn)) -le 2000 ] ||
	{ echo "FAIL: the eval line costs over 2 ms more than eval \"\$(/bin/true)\""; status=1; }
[ $((sourced - bare)) -le 5000 ] ||
	{ echo "FAIL: shell start grows by over 5 ms with the sourced hook"; status=1; }
exit $status
