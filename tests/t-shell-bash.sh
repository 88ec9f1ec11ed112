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

check 'notify_failures = always in ntfy.ini reaches the hook' '
	refute grep -q "^export AUTO_NTFY_DONE_NOTIFY_FAILURES" out
	printf "notify_failures = always\n" > nf.ini
	ntfy -c nf.ini shell-integration -s bash > out
	grep -qx "export AUTO_NTFY_DONE_NOTIFY_FAILURES=always" out
	ntfy -c nf.ini shell-integration -s fish > out
	grep -qx "set -gx AUTO_NTFY_DONE_NOTIFY_FAILURES always" out
	AUTO_NTFY_DONE_NOTIFY_FAILURES=normal ntfy -c nf.ini \
		shell-integration -s bash > out
	refute grep -q "^export AUTO_NTFY_DONE_NOTIFY_FAILURES" out
'

check 'the lazy part: a 0600 file of the runtime directory, parsed when needed' '
	ntfy shell-integration -s bash > hook.bash
	refute grep -q "^__ntfy_lazy=" hook.bash
	file=$(sed -n "s/^__ntfy_lazy_file=//p" hook.bash)
	eval "file=$file"
	case $file in "$XDG_RUNTIME_DIR"/ntfy/hook-*.bash) ;; *) false ;; esac
	is "$(stat -c %a "$file")" 600
	grep -q "^__ntfy_send() {" "$file"
	inode=$(stat -c %i "$file")
	ntfy shell-integration -s bash > hook2.bash
	cmp hook.bash hook2.bash
	is "$(stat -c %i "$file")" "$inode"
	bash --norc -ic ". ./hook.bash
		declare -F __ntfy_send __ntfy_precmd
		declare -f __ntfy_decide | grep -c __ntfy_load
		__ntfy_load && echo loaded
		declare -F __ntfy_send __ntfy_ignored
		declare -f __ntfy_decide | grep -c __ntfy_load" \
		< /dev/null > out 2> /dev/null || :
	is "$(tr "\n" " " < out)" \
		"__ntfy_precmd 1 loaded __ntfy_send __ntfy_ignored 0 "
	# Sourced as installed, everything is there from the start.
	bash --norc -ic ". \"$TOP_SRCDIR/shell/ntfy.bash\"
		declare -F __ntfy_send" < /dev/null > out 2> /dev/null
	is "$(cat out)" __ntfy_send
'

check 'without a runtime directory of its own, the lazy part is a string' '
	(unset XDG_RUNTIME_DIR; ntfy shell-integration -s bash > hook.bash)
	grep -q "^__ntfy_lazy_file= __ntfy_lazy=.__ntfy_decide() {" hook.bash
	chmod 777 "$XDG_RUNTIME_DIR"
	ntfy shell-integration -s bash > hook2.bash
	chmod 700 "$XDG_RUNTIME_DIR"
	cmp hook.bash hook2.bash
	bash --norc -ic ". ./hook.bash; __ntfy_load && declare -F __ntfy_send" \
		< /dev/null > out 2> /dev/null
	is "$(cat out)" __ntfy_send
'

check 'the file gone or cut short under a running shell is written again' '
	ntfy shell-integration -s bash > hook.bash
	file=$(sed -n "s/^__ntfy_lazy_file=//p" hook.bash)
	eval "file=$file"
	cp "$file" good
	for damage in "rm -f $file" "sed -i \\\$d $file"; do
		bash --norc -ic ". ./hook.bash; $damage
			__ntfy_load && declare -F __ntfy_send" \
			< /dev/null > out 2> /dev/null
		is "$(cat out)" __ntfy_send
		cmp "$file" good
	done
'

check 'a part that cannot be had leaves the stubs doing nothing, once' '
	ntfy shell-integration -s bash > hook.bash
	file=$(sed -n "s/^__ntfy_lazy_file=//p" hook.bash)
	eval "file=$file"
	bash --norc -ic ". ./hook.bash; rm -f $file; __ntfy_bin=/bin/false
		__ntfy_decide 0; echo \$?; __ntfy_hist_fix; echo \$?
		declare -F __ntfy_send || echo none" < /dev/null > out 2> err
	is "$(tr "\n" " " < out)" "1 1 none "
	refute grep -q __ntfy err
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

check 'the installed hooks, sourced as they are, default to 10 s, unfocused' '
	bash --norc -ic ". \"$TOP_SRCDIR/shell/ntfy.bash\"
		echo \$AUTO_NTFY_DONE_LONGER_THAN \$AUTO_NTFY_DONE_UNFOCUSED_ONLY" \
		< /dev/null > out 2> /dev/null
	is "$(cat out)" "-L10 -u"
	AUTO_NTFY_DONE_LONGER_THAN=30 bash --norc -ic ". \"$TOP_SRCDIR/shell/ntfy.bash\"
		echo \$AUTO_NTFY_DONE_LONGER_THAN" < /dev/null > out 2> /dev/null
	is "$(cat out)" 30
	if command -v zsh > /dev/null; then
		is "$(zsh -fc "source \"$TOP_SRCDIR/shell/ntfy.zsh\"
			echo \$AUTO_NTFY_DONE_LONGER_THAN \$AUTO_NTFY_DONE_UNFOCUSED_ONLY")" "-L10 -u"
	fi
	if command -v fish > /dev/null; then
		is "$(fish -Nc "source \"$TOP_SRCDIR/shell/ntfy.fish\"
			echo \$AUTO_NTFY_DONE_LONGER_THAN \$AUTO_NTFY_DONE_UNFOCUSED_ONLY")" "-L10 -u"
	fi
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

# The hook sourced as installed, no ntfy process at start: the DEBUG trap
# is chained at the first prompt, read through a pipe, no fd left open.
tmx kill-server
rm -f "$rec"
ln -sf "$NTFY_BIN" "$TEST_TMP/bin/ntfy"
cat > rc2.bash <<EOF
PS1='\$ '
HISTFILE=$TEST_TMP/history2
AUTO_NTFY_DONE_LONGER_THAN=-L1
AUTO_NTFY_DONE_UNFOCUSED_ONLY=
trap 'echo . >> $TEST_TMP/debug-count2' DEBUG
. "$TOP_SRCDIR/shell/ntfy.bash"
EOF
shell_start "bash --noprofile --rcfile $TEST_TMP/rc2.bash -i"

check 'sourced as installed: notifies, chains the DEBUG trap, no fd left' '
	type_line "sleep 2"
	expect_record 1 "sleep 2" 0 2
	: > debug-count2
	type_line "trap -p DEBUG > trap2; ls /proc/\$\$/fd > fds2"
	sync_shell
	[ "$(grep -o __ntfy_debug trap2 | wc -l)" -eq 1 ]
	grep -q debug-count2 trap2
	[ "$(wc -l < debug-count2)" -ge 1 ]
	is "$(tr "\n" " " < fds2)" "0 1 2 255 "
'

done_testing
