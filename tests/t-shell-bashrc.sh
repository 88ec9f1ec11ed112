#!/bin/sh
# The bash hook inside the rc files users have, in a real interactive bash
# in a pseudo-terminal (tmux): strict shell options before and after it,
# Debian's /etc/skel/.bashrc, liquidprompt, direnv and powerline (Debian's
# packages) loaded before and after it, and a bash-preexec stand-in in both
# orders.  Each: the line as typed, status, a duration within 0.3 s of the
# run time measured inside the command, no message on the screen, Ctrl-C at
# the prompt keeps the shell, nothing started below the threshold.
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/shell-lib.sh"

need bash
bash -c '[ "${BASH_VERSINFO[0]}${BASH_VERSINFO[1]}" -ge 51 ]' ||
	need bash-5.1
shell_setup
ln -sf "$NTFY_BIN" "$TEST_TMP/bin/ntfy"
hook='eval "$(ntfy shell-integration -s bash -L 1 -f)"'
strict='set -euo pipefail
shopt -s extdebug failglob nullglob'

# rc_file NAME BEFORE AFTER: the hook between BEFORE and AFTER.  runfor
# sleeps and appends its own start and end to real-NAME.
rc_file() {
	cat > "rc-$1.bash" <<EOF
PS1='\$ '
HISTFILE=$TEST_TMP/history-$1
runfor() {
	local s=\$EPOCHREALTIME
	sleep "\$1"
	printf '%s %s\n' "\$s" "\$EPOCHREALTIME" >> "$TEST_TMP/real-$1"
}
$2
$hook
$3
__ntfy_bin=$TEST_TMP/bin/ntfy-spy
EOF
}
# ntfy-spy: ntfy, each start logged to spy.
printf '#!/bin/sh\necho "$*" >> %s/spy\nexec %s "$@"\n' "$TEST_TMP" "$NTFY_BIN" \
	> "$TEST_TMP/bin/ntfy-spy"
chmod +x "$TEST_TMP/bin/ntfy-spy"

# expect_timed N TEXT STATUS REAL: record N, whose duration is within 0.3 s
# of the run time in line REAL of real-$name.
expect_timed() {
	expect_record "$1" "$2" "$3" 1 || return 1
	d=$(json_field "$rec" "$1" duration)
	real=$(sed -n "$4p" "real-$name")
	awk -v d="$d" -v r="$real" 'BEGIN { split(r, t, " ")
		r = t[2] - t[1]; ok = d >= r - 0.01 && d <= r + 0.3
		if (!ok) printf "duration %s, ran %.3f\n", d, r > "/dev/stderr"
		exit !ok }'
}

# screen_clean: no error, no trace of the hook, on the terminal.
screen_clean() {
	if pane | grep -E 'unbound variable|bash: |__ntfy|ntfy: |syntax error|command not found|No such file|ALIASED'
	then
		return 1
	fi
}

# rc_cases NAME [plain]: the checks, in a bash started on rc-NAME.bash;
# "plain": nothing else forks at the prompt, count the forks exactly.
# BASHRC_ONLY="NAME..." runs only those (the others return 1).
rc_cases() {
	name=$1 mode=${2-}
	case " ${BASHRC_ONLY:-$name} " in
	*" $name "*) ;;
	*) return 1 ;;
	esac
	tmx kill-server 2> /dev/null || :
	rm -f "$rec" "real-$name"
	shell_start "bash --noprofile --rcfile $TEST_TMP/rc-$name.bash -i"

	check "$name: a line typed after a space, as typed, its duration" '
		type_line " runfor 1.2 | cat"
		expect_timed 1 "runfor 1.2 | cat" 0 1
	'

	check "$name: a line repeated, reported twice, status 1" '
		type_line " ! runfor 1.2"
		expect_timed 2 "! runfor 1.2" 1 2
		type_line " ! runfor 1.2"
		expect_timed 3 "! runfor 1.2" 1 3
	'

	check "$name: a bare subshell" '
		type_line "( runfor 1.2 )"
		expect_timed 4 "( runfor 1.2 )" 0 4
	'

	check "$name: short commands, prompt drawing not counted: no notice" '
		: > spy
		type_line true
		type_line true
		type_line "sleep 0.5"
		type_line true
		sync_shell
		[ "$(rec_count)" -eq 4 ] || cat "$rec" >&2
		[ "$(rec_count)" -eq 4 ]
		[ ! -s spy ]
	'

	# Traced, a command may take a second: a higher threshold.  Only
	# where nothing else forks at the prompt: traced, powerline's prompt
	# takes longer than the tests wait.
	if [ "$mode" = plain ] && command -v strace > /dev/null 2>&1; then
		check "$name: below the threshold, the hook starts nothing" '
			type_line "AUTO_NTFY_DONE_LONGER_THAN=5"
			sync_shell
			strace_start
			type_line true
			type_line true
			type_line "/bin/sleep 0.2"
			sync_shell
			strace_stop
			refute grep -q "execve(\"$TEST_TMP/bin/ntfy-spy\"" "$TEST_TMP/strace"
			n=$(shell_forks)
			[ "$n" -eq 1 ] || cat "$TEST_TMP/strace" >&2
			[ "$n" -eq 1 ]
			[ "$(rec_count)" -eq 4 ] || cat "$rec" >&2
			[ "$(rec_count)" -eq 4 ]
			type_line "AUTO_NTFY_DONE_LONGER_THAN=1"
		'
	fi

	check "$name: Ctrl-C at the prompt keeps the shell" '
		tmx send-keys -l "echo half a lin"
		tmx send-keys C-c
		sync_shell
		tmx send-keys C-c
		sync_shell
		[ "$(rec_count)" -eq 4 ]
	'

	check "$name: nothing on the screen" '
		sync_shell
		screen_clean || { pane >&2; false; }
	'
}

rc_file strict-before "$strict" ""
rc_cases strict-before plain

rc_file strict-after "" "$strict"
rc_cases strict-after plain

# Debian's default .bashrc: HISTCONTROL=ignoreboth, bash-completion.
if [ -r /etc/skel/.bashrc ]; then
	rc_file skel ". /etc/skel/.bashrc" ""
	rc_cases skel plain &&
	check 'skel: the history is as HISTCONTROL=ignoreboth keeps it' '
		type_line "history > hist-out"
		sync_shell
		grep -q "( runfor 1.2 )" hist-out
		refute grep -q "runfor 1.2 |" hist-out
		refute grep -q "! runfor" hist-out
		[ "$(grep -c "echo MARK_" hist-out)" -ge 2 ]
	'
else
	skip "Debian's skeleton .bashrc" "no /etc/skel/.bashrc"
fi

# Aliases made after the hook, on words its functions start commands with:
# the embedded hook parses most of itself only when first needed (at the
# first prompt here, for HISTCONTROL), and must not take them in then.
rc_file aliases-after "" "HISTCONTROL=ignoreboth
alias local='echo ALIASED' printf='echo ALIASED' exec='echo ALIASED'
alias trap='echo ALIASED' builtin='echo ALIASED' shopt='echo ALIASED'"
rc_cases aliases-after plain

# No runtime directory (su, cron, some containers): the lazy part comes as
# a string instead of a file.
rc_file no-runtime-dir "unset XDG_RUNTIME_DIR" ""
rc_cases no-runtime-dir plain

# A bash-preexec stand-in, loaded before and after the hook.
standin=". $TEST_SRCDIR/preexec-standin.bash"
rc_file preexec-before "$standin" ""
rc_cases preexec-before
rc_file preexec-after "" "$standin"
rc_cases preexec-after

# liquidprompt, direnv and powerline, before and after the hook.
tools=
if [ -r /usr/share/liquidprompt/liquidprompt ]; then
	tools=". /usr/share/liquidprompt/liquidprompt"
else
	skip liquidprompt "apt-get install liquidprompt"
fi
if command -v direnv > /dev/null 2>&1; then
	tools="$tools
eval \"\$(direnv hook bash)\""
else
	skip direnv "apt-get install direnv"
fi
if [ -r /usr/share/powerline/bindings/bash/powerline.sh ]; then
	tools="$tools
. /usr/share/powerline/bindings/bash/powerline.sh"
else
	skip powerline "apt-get install powerline"
fi
if [ -n "$tools" ]; then
	rc_file tools-before "$tools" ""
	rc_cases tools-before
	rc_file tools-after "" "$tools"
	rc_cases tools-after
fi

done_testing
