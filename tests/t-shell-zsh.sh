#!/bin/sh
# The zsh hook of `ntfy shell-integration`, driven in a real interactive
# zsh in a pseudo-terminal (tmux).
. "$TEST_SRCDIR/lib.sh"

. "$TEST_SRCDIR/shell-lib.sh"
need zsh
shell_setup

# No global rc files; the hook loaded twice; options that would break a
# careless hook.
mkdir zdot
cat > zdot/.zshenv <<'EOS'
setopt NO_GLOBAL_RCS
EOS
cat > zdot/.zshrc <<EOS
PS1='\$ '
HISTFILE=$TEST_TMP/history
setopt KSH_ARRAYS SH_WORD_SPLIT NO_UNSET
eval "\$("$NTFY_BIN" shell-integration -s zsh -L 1 -f)"
eval "\$("$NTFY_BIN" shell-integration -s zsh -L 1 -f)"
EOS
shell_start "env ZDOTDIR=$TEST_TMP/zdot zsh -i"

shell_common_cases

check 'the hook is installed once; AUTO_NTFY_DONE_OPTS may be an array' '
	type_line "print -rl -- \$precmd_functions \$preexec_functions > hooks"
	sync_shell
	[ "$(grep -c __ntfy_precmd hooks)" -eq 1 ]
	[ "$(grep -c __ntfy_preexec hooks)" -eq 1 ]
	type_line "AUTO_NTFY_DONE_OPTS=(-b file -o path \"$TEST_TMP/rec 2.jsonl\")"
	type_line "sleep 1.2"
	wait_for test -s "rec 2.jsonl"
	[ "$(json_field "rec 2.jsonl" 1 command)" = "sleep 1.2" ]
'

done_testing
