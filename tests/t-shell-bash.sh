#!/bin/sh
# `ntfy shell-integration` and its bash hook, driven in a real interactive
# bash in a pseudo-terminal (tmux).
. "$TEST_SRCDIR/lib.sh"
. "$TEST_SRCDIR/shell-lib.sh"

check 'bash by default from $SHELL, threshold 10, unfocused only' '
	export SHELL=/usr/local/bin/bash
	ntfy shell-integration > out
	grep -qx "# eval \"\$(ntfy shell-integration)\"" out
	grep -qx "export AUTO_NTFY_DONE_LONGER_THAN=-L10" out
	grep -qx "export AUTO_NTFY_DONE_UNFOCUSED_ONLY=-u" out
	grep -q "^__ntfy_precmd()" out
	bash -n out
'

check '-L and -f; the binary by its absolute path' '
	ntfy shell-integration -s bash -L 2.5 -f > out
	grep -qx "export AUTO_NTFY_DONE_LONGER_THAN=-L2.5" out
	grep -qx "export AUTO_NTFY_DONE_UNFOCUSED_ONLY='\'''\''" out
	bin=$(sed -n "s/^__ntfy_bin=//p" out)
	eval "bin=$bin"
	[ "$bin" -ef "$NTFY_BIN" ]
'

check 'zsh and fish get their own syntax' '
	ntfy shell-integration --shell zsh > out
	grep -q "add-zsh-hook precmd" out
	refute grep -q "fish_postexec" out
	ntfy shell-integration --shell=fish > out
	grep -qx "set -gx AUTO_NTFY_DONE_LONGER_THAN -L10" out
	grep -q "on-event fish_postexec" out
	refute grep -q "add-zsh-hook" out
'

check 'an unsupported or unknown shell is a usage error' '
	export SHELL=/bin/tcsh
	expect_status 64 ntfy shell-integration > out 2> err
	[ ! -s out ]
	grep -q "unsupported shell .tcsh." err
	expect_status 64 env -u SHELL "$NTFY_BIN" shell-integration 2> err
	grep -q "use --shell" err
	expect_status 64 ntfy shell-integration -L ten 2> err
	expect_status 64 ntfy shell-integration -s bash extra 2> err
'

check 'kitty notifying by itself: not installed, said once on stderr' '
	mkdir -p "$HOME/.config/kitty"
	echo "notify_on_cmd_finish unfocused 5" > "$HOME/.config/kitty/kitty.conf"
	export KITTY_WINDOW_ID=1
	ntfy shell-integration -s bash > out 2> err
	[ "$(wc -l < err)" -eq 1 ]
	grep -q "AUTO_NTFY_DONE_FORCE=1" err
	refute grep -q "__ntfy_precmd" out
	bash -n out
	(export AUTO_NTFY_DONE_FORCE=1; ntfy shell-integration -s bash) \
		> out 2> err
	grep -q "__ntfy_precmd" out
	[ ! -s err ]
	(export TMUX=/tmp/x,1,0; ntfy shell-integration -s bash) > out
	grep -q "__ntfy_precmd" out
	echo "notify_on_cmd_finish never" >> "$HOME/.config/kitty/kitty.conf"
	ntfy shell-integration -s bash > out 2> err
	grep -q "__ntfy_precmd" out
	rm -r "$HOME/.config/kitty"
'

need bash
bash -c '[ "${BASH_VERSINFO[0]}${BASH_VERSINFO[1]}" -ge 44 ]' ||
	need bash-4.4
shell_setup

# An existing PROMPT_COMMAND and DEBUG trap; the hook loaded twice.
cat > rc.bash <<EOF
PS1='\$ '
HISTFILE=$TEST_TMP/history
PROMPT_COMMAND='echo . >> $TEST_TMP/prompt-count'
trap 'echo . >> $TEST_TMP/debug-count' DEBUG
eval "\$("$NTFY_BIN" shell-integration -s bash -L 1 -f)"
eval "\$("$NTFY_BIN" shell-integration -s bash -L 1 -f)"
EOF
shell_start "bash --noprofile --rcfile $TEST_TMP/rc.bash -i"

shell_common_cases

check 'the existing PROMPT_COMMAND and DEBUG trap still run' '
	: > prompt-count
	: > debug-count
	type_line "true"
	sync_shell
	[ "$(wc -l < prompt-count)" -ge 2 ]
	[ "$(wc -l < debug-count)" -ge 2 ]
'

check 'the hook is installed once' '
	type_line "declare -p PROMPT_COMMAND > pc; trap -p DEBUG > trap"
	sync_shell
	[ "$(grep -o __ntfy_precmd pc | wc -l)" -eq 1 ]
	[ "$(grep -o __ntfy_debug trap | wc -l)" -eq 1 ]
'

done_testing
