#!/bin/sh
# The fish hook of `ntfy shell-integration`, driven in a real interactive
# fish in a pseudo-terminal (tmux).
. "$TEST_SRCDIR/lib.sh"

threshold_fmt='set -gx AUTO_NTFY_DONE_LONGER_THAN %s'
. "$TEST_SRCDIR/shell-lib.sh"
need fish
shell_setup

# No user config; the hook loaded twice.
cat > rc.fish <<EOF2
function fish_prompt; echo -n '\$ '; end
function fish_greeting; end
"$NTFY_BIN" shell-integration -s fish -L 1 -f | source
"$NTFY_BIN" shell-integration -s fish -L 1 -f | source
EOF2
shell_start "fish --no-config -i -C 'source $TEST_TMP/rc.fish'"

shell_common_cases

# Not a child of fish: no zombie left until the next command.
check 'the ntfy started is reaped at once, not left a zombie' '
	type_line "sleep 1.2"
	expect_record 7 "sleep 1.2" 0 1.2
	fish_pid=$(tmx display-message -p "#{pane_pid}")
	sleep 0.5
	ps -o pid=,stat=,comm= --ppid "$fish_pid" > kids || :
	refute grep -q " Z" kids
'

check 'the hook is installed once' '
	type_line "functions --handlers-type generic > hooks"
	sync_shell
	[ "$(grep -c __ntfy_postexec hooks)" -eq 1 ]
'

done_testing
