# Drive a real interactive shell in a pseudo-terminal with tmux, for the
# t-shell-*.sh tests; sourced after lib.sh.  The hook reports to the file
# backend through AUTO_NTFY_DONE_OPTS, with a 1 s threshold.
# shellcheck shell=sh

# need PROGRAM: end the test here (a skip when nothing ran) without it.
need() {
	command -v "$1" > /dev/null 2>&1 && return
	[ "$test_count" -gt 0 ] || skip_all "$1 is not installed"
	skip "the rest" "$1 is not installed"
	done_testing
	exit
}

tmux_sock=ntfy-test$$ tmux_n=0
rec=$TEST_TMP/rec.jsonl
test_cleanup_cmds="tmux -L \"\$tmux_sock\" kill-server 2>/dev/null; \
kill \$strace_pid 2>/dev/null; $test_cleanup_cmds"
strace_pid=

# shell_setup: tmux, and a program in the ignore list: "vim", a script
# that takes 1.5 s.
shell_setup() {
	need tmux
	mkdir -p "$TEST_TMP/bin"
	printf '#!/bin/sh\nsleep 1.5\n' > "$TEST_TMP/bin/vim"
	chmod +x "$TEST_TMP/bin/vim"
	PATH=$TEST_TMP/bin:$PATH
	AUTO_NTFY_DONE_OPTS="-b file -o path $rec"
	export PATH AUTO_NTFY_DONE_OPTS
}

tmx() {
	tmux -L "$tmux_sock" "$@"
}

# type_line TEXT: type TEXT and Enter at the shell's prompt.
type_line() {
	tmx send-keys -l "$1"
	tmx send-keys Enter
}

pane() {
	tmx capture-pane -p -S - -J
}

pane_has_line() {
	pane | grep -qx "$1"
}

# sync_shell: wait until the shell has run every line typed so far.
sync_shell() {
	mark=$(($(cat "$TEST_TMP/mark" 2> /dev/null || echo 0) + 1))
	echo "$mark" > "$TEST_TMP/mark"
	type_line "echo MARK_\"$mark\"_X"
	wait_for pane_has_line "MARK_${mark}_X"
}

# shell_start COMMAND: an interactive shell in a 200x50 pty, in a tmux
# server of its own: a session sent to the last one while it exits would go
# down with it.
shell_start() {
	tmx kill-server 2> /dev/null || :
	tmux_n=$((tmux_n + 1))
	tmux_sock=ntfy-test$$-$tmux_n
	tmx -f /dev/null new-session -d -x 200 -y 50 "exec $1"
	tmx set-option -g history-limit 5000 > /dev/null
	sync_shell
}

rec_count() {
	if [ -f "$rec" ]; then
		wc -l < "$rec" | tr -d ' '
	else
		echo 0
	fi
}

rec_at_least() {
	[ "$(rec_count)" -ge "$1" ]
}

# expect_record N COMMAND RETCODE MIN_DURATION: record N says so.
expect_record() {
	wait_for rec_at_least "$1" || {
		echo "no record $1; pane:" >&2
		pane >&2
		return 1
	}
	got=$(json_field "$rec" "$1" command)
	if [ "$got" != "$2" ]; then
		printf 'command: got [%s], want [%s]\n' "$got" "$2" >&2
		return 1
	fi
	got=$(json_field "$rec" "$1" retcode)
	if [ "$got" != "$3" ]; then
		echo "retcode: got $got, want $3" >&2
		return 1
	fi
	got=$(json_field "$rec" "$1" duration)
	if ! awk -v d="$got" -v m="$4" 'BEGIN { exit !(d >= m && d < m + 5) }'
	then
		echo "duration: got $got, want at least $4" >&2
		return 1
	fi
}

# strace_start: trace the shell's forks and execs into $TEST_TMP/strace.
strace_start() {
	shell_pid=$(tmx display-message -p '#{pane_pid}')
	strace -f -e trace=clone,clone3,fork,vfork,execve \
		-o "$TEST_TMP/strace" -p "$shell_pid" 2> "$TEST_TMP/strace.err" &
	strace_pid=$!
	wait_for grep -q attached "$TEST_TMP/strace.err"
}

strace_stop() {
	kill "$strace_pid"
	wait "$strace_pid" 2> /dev/null || :
	strace_pid=
}

# shell_forks: how many processes (not threads, as fish's) the shell itself
# started while traced.
shell_forks() {
	grep -E "^$shell_pid +(clone|clone3|fork|vfork)\(" "$TEST_TMP/strace" |
	    grep -vc CLONE_THREAD || :
}

# The cases every shell passes; the shell runs in $TEST_TMP with the hook.
# threshold_fmt: the shell's command to set the threshold to %s seconds.
threshold_fmt=${threshold_fmt:-AUTO_NTFY_DONE_LONGER_THAN=%s}
hostile='sleep 1.5; echo "$(echo . >> counter)" `id` '"'a'\"b\""

shell_common_cases() {
	check 'sleep 2 notifies once: its text, status 0, 2 s or more' '
		type_line "sleep 2"
		expect_record 1 "sleep 2" 0 2
	'

	check 'short and ignored commands do not notify; failure is 1' '
		type_line "sleep 0.1"
		type_line vim
		type_line "FOO=1 command vim"
		type_line "env FOO=1 nice -n 5 vim"
		type_line "sleep 1.2; false"
		expect_record 2 "sleep 1.2; false" 1 1.2
		sync_shell
		[ "$(rec_count)" -eq 2 ]
	'

	check 'a hostile command line is reported verbatim, run once' '
		type_line "$hostile"
		expect_record 3 "$hostile" 0 1.5
		same counter .
	'

	check 'Ctrl-C of a long command reports 130' '
		type_line "sleep 10"
		sleep 1.5
		tmx send-keys C-c
		expect_record 4 "sleep 10" 130 1.5
	'

	# Traced on a loaded machine, /bin/sleep 0.1 may take a second: the
	# threshold is 5 s for this check.
	if command -v strace > /dev/null 2>&1; then
		check 'below the threshold or ignored: the hook starts nothing' '
			type_line "$(printf "$threshold_fmt" 5)"
			sync_shell
			strace_start
			type_line :
			type_line :
			type_line "/bin/sleep 0.1"
			type_line vim
			sync_shell
			strace_stop
			n=$(shell_forks)
			[ "$n" -eq 2 ] || cat "$TEST_TMP/strace" >&2
			[ "$n" -eq 2 ]
			refute grep -q "execve(\"$NTFY_BIN\"" "$TEST_TMP/strace"
			type_line "$(printf "$threshold_fmt" 1)"
		'
	else
		skip 'below the threshold or ignored: the hook starts nothing' \
			'no strace'
	fi

	check 'ignore in ntfy.ini: that program is not reported either' '
		mkdir -p "$XDG_CONFIG_HOME/ntfy"
		printf "ignore = lazygit\n" > "$XDG_CONFIG_HOME/ntfy/ntfy.ini"
		cp "$TEST_TMP/bin/vim" "$TEST_TMP/bin/lazygit"
		type_line "FOO=1 lazygit"
		type_line "sleep 1.2"
		expect_record 5 "sleep 1.2" 0 1.2
		sync_shell
		rm "$XDG_CONFIG_HOME/ntfy/ntfy.ini"
		[ "$(rec_count)" -eq 5 ]
	'

	check 'AUTO_NTFY_DONE_NOTIFY_FAILURES=always: a short failure notifies' '
		type_line "export AUTO_NTFY_DONE_NOTIFY_FAILURES=always"
		type_line "true"
		type_line "sh -c \"exit 4\""
		expect_record 6 "sh -c \"exit 4\"" 4 0
		type_line "export AUTO_NTFY_DONE_NOTIFY_FAILURES=normal"
		type_line "false"
		sync_shell
		[ "$(rec_count)" -eq 6 ]
	'

	check 'each command notified exactly once, no job lines' '
		sync_shell
		[ "$(rec_count)" -eq 6 ]
		pane | refute grep -E "^\[[0-9]+\]|Done|has ended"
	'
}
