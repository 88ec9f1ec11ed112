# ntfy shell integration for bash 4.4 or later.  Load it with:
#     eval "$(ntfy shell-integration)"
#
# A command's start is taken by PS0, expanded once after a line is read and
# before it runs (never for empty lines, completions or `read` prompts).
# Its end is taken by __ntfy_precmd, which __ntfy_tail keeps first in
# PROMPT_COMMAND whatever other tools prepend later, so their prompt drawing
# never counts.  The DEBUG trap records the first simple command of the line,
# the one the ignore list is checked against.  Everything is decided with
# builtins only: a command that will not notify starts no process.  Every
# piece keeps $? and $_ as it found them and returns 0, so `set -e`, `set -u`,
# pipefail, extdebug, failglob and nullglob, before or after, change nothing.
#
# The text reported is the line as typed, from the history: when HISTCONTROL,
# HISTIGNORE or HISTSIZE=0 could drop it, __ntfy_tail lifts them while the
# line is read, and the DEBUG trap puts them back and gives the line to
# `history -s`, which keeps or drops it by the user's rules, as bash would
# have.  Without history (set +o history) it is the first simple command.

# Sourced as it is (. /usr/share/ntfy/ntfy.bash) rather than through
# `ntfy shell-integration`, the defaults are the same: 10 s, unfocused only.
export AUTO_NTFY_DONE_LONGER_THAN="${AUTO_NTFY_DONE_LONGER_THAN--L10}"
export AUTO_NTFY_DONE_UNFOCUSED_ONLY="${AUTO_NTFY_DONE_UNFOCUSED_ONLY--u}"

__ntfy_ignore_default='ntfy emacs htop info less mail man meld most mutt nano screen ssh tail tmux top vi vim watch'

# The PROMPT_COMMAND entries, first and last; each ends by giving $? and $_
# back (an && list: a status other than 0 there never trips `set -e`); the
# DEBUG trap, chained, has its own pair (with extdebug it fires inside these
# functions too).
__ntfy_keep='; __ntfy_ret "$__ntfy_s" "$__ntfy_u" && __ntfy_ret "$__ntfy_s" "$__ntfy_u"'
__ntfy_dkeep='; __ntfy_ret "$__ntfy_ds" "$__ntfy_du" && __ntfy_ret "$__ntfy_ds" "$__ntfy_du"'
__ntfy_head='__ntfy_precmd "$_"'$__ntfy_keep
__ntfy_last='__ntfy_tail "$_"; ${__ntfy_chk:+"__ntfy_trap_chain"}'$__ntfy_keep

# Return $1; the last argument becomes $_.
__ntfy_ret() {
	return "$1"
}

# The DEBUG trap: the first simple command after PS0 armed it.
__ntfy_debug() {
	__ntfy_ds=$? __ntfy_du=${1-}
	[[ -n ${__ntfy_armed-} && -z ${COMP_LINE+x} && $BASHPID == "$$" ]] ||
	    return 0
	# A line that runs nothing here, as `( sleep 9 )`: PROMPT_COMMAND next.
	[[ $BASH_COMMAND != __ntfy_precmd* ]] || return 0
	__ntfy_armed=
	__ntfy_cmd=$BASH_COMMAND
	[[ -z ${__ntfy_hsave-} ]] || __ntfy_hist_fix || :
	return 0
}

# Run "$@" with its output into __ntfy_out without a fork: through a
# here-string's file (BASH_COMPAT=50 makes it a deleted temporary file, not
# a pipe that a long output would fill, blocking for ever), reopened for
# writing.  Traced, so that `trap -p DEBUG` sees the trap of the top level.
__ntfy_capture() {
	local r w BASH_COMPAT=50 TMPDIR=${XDG_RUNTIME_DIR:-/dev/shm}
	__ntfy_out=
	if [[ -d /proc/self/fd ]] && { exec {r}<<<''; } 2>/dev/null; then
		if { exec {w}>|"/proc/self/fd/$r"; } 2>/dev/null; then
			"$@" >&"$w" 2>/dev/null || :
			exec {w}>&-
			IFS= read -r -d '' -u "$r" __ntfy_out || :
		fi
		exec {r}<&-
	else
		__ntfy_out=$("$@" 2>/dev/null) || :
	fi
}
declare -ft __ntfy_capture

# First in PROMPT_COMMAND: the command's end, and whether to notify.
__ntfy_precmd() {
	__ntfy_s=$? __ntfy_u=${1-} __ntfy_now=${EPOCHREALTIME-}
	[[ -z ${__ntfy_t0-}${__ntfy_hsave-} ]] ||
	    __ntfy_decide "$__ntfy_s" || :
	__ntfy_armed= __ntfy_cmd= __ntfy_text= __ntfy_t0=
	return 0
}

# Chain the DEBUG trap that is set (`trap -p DEBUG` read into __ntfy_out)
# after ours.  Traced, to see and set the trap of the top level.  Never
# fails, and keeps $? and $_ for the rest of the entry.
__ntfy_trap_chain() {
	local old
	__ntfy_chk=
	__ntfy_capture trap -p DEBUG
	case $__ntfy_out in
	*__ntfy_debug*) ;;
	*__bp_preexec_invoke_exec*)
		# bash-preexec calls the trap it found from its own.
		__ntfy_capture declare -f __bp_original_debug_trap
		[[ $__ntfy_out == *__ntfy_debug* ]] ||
		    trap '__ntfy_debug "$_"'"$__ntfy_dkeep"$'\n''__bp_preexec_invoke_exec "$_"' DEBUG ;;
	'') trap '__ntfy_debug "$_"' DEBUG ;;
	*)
		eval "old=($__ntfy_out)"
		trap '__ntfy_debug "$_"'"$__ntfy_dkeep"$'\n'"${old[2]}" DEBUG ;;
	esac
	return 0
}
declare -ft __ntfy_trap_chain

# Last in PROMPT_COMMAND: the order, the history; then, from the top level
# where the DEBUG trap can be seen, __ntfy_trap_chain when asked for.
__ntfy_tail() {
	__ntfy_s=$? __ntfy_u=${1-} __ntfy_hcmd=${HISTCMD-}
	[[ ${PROMPT_COMMAND-} == "$__ntfy_head"$'\n'* &&
	    ${PS0-} == *__ntfy_t0* ]] || __ntfy_front || :
	[[ -z ${HISTCONTROL-}${HISTIGNORE-} && ${HISTSIZE-} != 0 ]] ||
	    __ntfy_hist_lift || :
	return 0
}

# Load the lazy part (below) for good, with the user's aliases left out of
# its parsing: from the file `ntfy shell-integration` left it in, or from the
# string __ntfy_lazy.  It ends by setting __ntfy_lazy_got to its id.  When
# the file is gone or is not that part any more (the runtime directory is
# removed at logout, under a tmux that stays), ntfy is run once to write it
# again.  Fails, and the stubs do nothing, when the part cannot be had.
__ntfy_load() {
	local a=
	[[ -z ${__ntfy_lazy_tried-} ]] || return 1
	__ntfy_lazy_tried=1
	! shopt -q expand_aliases || a=1
	shopt -u expand_aliases
	if [[ -z ${__ntfy_lazy_file-} ]]; then
		eval "${__ntfy_lazy-}"
	elif ! builtin source "$__ntfy_lazy_file" 2> /dev/null ||
	    [[ ${__ntfy_lazy_got-} != "${__ntfy_lazy_id-}" ]]; then
		"${__ntfy_bin:-ntfy}" shell-integration -s bash \
		    > /dev/null 2>&1 < /dev/null || :
		builtin source "$__ntfy_lazy_file" 2> /dev/null || :
	fi
	[[ -z $a ]] || shopt -s expand_aliases
	[[ -n ${__ntfy_lazy_got-} && $__ntfy_lazy_got == "${__ntfy_lazy_id-}" ]]
}

# From "# lazy {" to "# } lazy", what the first prompt does not need: the
# rest of a command's end, which notifies, and the history's handling, which
# HISTCONTROL, HISTIGNORE or HISTSIZE=0 call for.  Bash keeps a parsed
# function in many times the memory of its text, and at shell start that
# memory is most of what the hook costs; so the embedded copy
# (shell/embed.awk, src/cmd-shell-integration.c) leaves this part in a file
# of $XDG_RUNTIME_DIR/ntfy (or, without one, in a string) for __ntfy_load,
# which a stub for each function called from outside the part runs.
# lazy {

# Status $1; the time is __ntfy_now.
__ntfy_decide() {
	local ms lim int frac
	if [[ -n $__ntfy_now ]]; then
		__ntfy_now=${__ntfy_now//[!0-9]/}
	else
		__ntfy_now=$((SECONDS * 1000000))
	fi
	# A line that ran nothing in this shell (or a comment) left the line
	# lifted into the history: settle it now.
	[[ -z ${__ntfy_hsave-} || ${HISTCMD-} == "${__ntfy_hcmd-}" ]] ||
	    __ntfy_hist_fix
	[[ -n ${__ntfy_t0-} ]] || return 0
	# The DEBUG trap did not fire: was it replaced?  Look at the next prompt.
	[[ -z ${__ntfy_armed-} ]] || __ntfy_chk=1
	ms=$(((__ntfy_now - __ntfy_t0) / 1000))
	# The threshold in ms, parsed again only when the variable changes.
	if [[ ${AUTO_NTFY_DONE_LONGER_THAN-} != "${__ntfy_lsrc-x}" ]]; then
		__ntfy_lsrc=${AUTO_NTFY_DONE_LONGER_THAN-}
		lim=${__ntfy_lsrc//[[:space:]]/}
		lim=${lim#-L}
		case $lim in
		'') lim=0 ;;
		*[!0-9.]*|*.*.*|.*|*.) lim=10 ;;
		esac
		int=${lim%%.*}
		frac=${lim#"$int"}
		frac=${frac#.}000
		__ntfy_lim=$lim
		__ntfy_lms=$((10#$int * 1000 + 10#${frac:0:3}))
	fi
	lim=$__ntfy_lim
	# A failure (not Ctrl-C or Ctrl-Z) under the threshold, when asked.
	((ms > __ntfy_lms)) ||
	    { [[ ${AUTO_NTFY_DONE_NOTIFY_FAILURES-} == always ]] &&
	    (($1 != 0 && $1 != 130 && $1 != 148)); } || return 0
	__ntfy_notify "$1" "$ms" "$lim"
	return 0
}

# At the prompt: lift what could keep the next line out of the history,
# unless a setting is read-only or history is off.
__ntfy_hist_lift() {
	local a= z
	[[ -z ${__ntfy_hsave-} && -o history ]] || return 0
	z=${HISTSIZE-}
	[[ ${HISTCONTROL-} == *ignore* || ${HISTCONTROL-} == *erasedups* ||
	    -n ${HISTIGNORE-} || ( -n $z && $z != *[!0]* ) ]] || return 0
	[[ -z ${HISTCONTROL+x} ]] || a+=${HISTCONTROL@a}
	[[ -z ${HISTIGNORE+x} ]] || a+=${HISTIGNORE@a}
	[[ -z ${HISTSIZE+x} ]] || a+=${HISTSIZE@a}
	[[ $a != *r* ]] || return 0
	__ntfy_hc_x=${HISTCONTROL+x} __ntfy_hc_v=${HISTCONTROL-}
	__ntfy_hi_x=${HISTIGNORE+x} __ntfy_hi_v=${HISTIGNORE-}
	__ntfy_hs_x= __ntfy_hs_v=$z
	__ntfy_hsave=1
	[[ -z $__ntfy_hc_x ]] || HISTCONTROL=
	[[ -z $__ntfy_hi_x ]] || HISTIGNORE=
	if [[ -n $z && $z != *[!0]* ]]; then
		__ntfy_hs_x=1
		HISTSIZE=1
	fi
	return 0
}

__ntfy_history1() {
	HISTTIMEFORMAT= builtin history 1
}

# Put the user's history settings back, and keep or drop the line just
# saved as they say: it is deleted, and `history -s` adds it again, obeying
# HISTCONTROL and HISTIGNORE.  The line becomes the text to report.  The
# caller knows the line was saved (HISTCMD cannot tell: at the prompt it is
# already the number of the line to come).
__ntfy_hist_fix() {
	local h n
	__ntfy_hsave=
	[[ -z ${__ntfy_hc_x-} ]] || HISTCONTROL=$__ntfy_hc_v
	[[ -z ${__ntfy_hi_x-} ]] || HISTIGNORE=$__ntfy_hi_v
	__ntfy_capture __ntfy_history1
	h=${__ntfy_out%$'\n'}
	h=${h#"${h%%[![:space:]]*}"}
	n=${h%%[!0-9]*}
	h=${h:${#n}+2}
	if [[ -n $n ]]; then
		builtin history -d "$n" 2>/dev/null || :
		[[ -z ${__ntfy_hs_x-} ]] || HISTSIZE=$__ntfy_hs_v
		builtin history -s "$h" 2>/dev/null || :
	fi
	[[ -z ${__ntfy_hs_x-} ]] || HISTSIZE=$__ntfy_hs_v
	__ntfy_hs_x=
	__ntfy_text=$h
	return 0
}

# Is the program that $1 runs in the ignore list?  Skips VAR=value words and
# the wrappers sudo, env, nice, time, command, exec, nohup with their options.
__ntfy_ignored() {
	local rest=$1 w base wrap= skip=
	local list=" ${AUTO_NTFY_DONE_IGNORE-$__ntfy_ignore_default} "
	while :; do
		rest=${rest#"${rest%%[![:space:]]*}"}
		[[ -n $rest ]] || return 1
		w=${rest%%[[:space:]]*}
		rest=${rest#"$w"}
		if [[ -n $skip ]]; then
			skip=
			continue
		fi
		w=${w//[\"\'\\]/}
		if [[ -n $wrap && $w == -* ]]; then
			case $wrap:$w in
			sudo:-[ugCDhprtUT]|nice:-n|env:-[uCS]|exec:-a)
				skip=1 ;;
			esac
			continue
		fi
		case $w in
		[A-Za-z_]*=*)
			[[ ${w%%=*} == *[!A-Za-z0-9_]* ]] || continue ;;
		esac
		base=${w##*/}
		base=${base%%[;&|<>()]*}
		case $base in
		sudo|env|nice|time|command|exec|nohup)
			wrap=$base
			continue ;;
		esac
		[[ -n $base && $list == *" $base "* ]]
		return
	done
}

# Status $1, duration $2 in ms, threshold $3 as typed: notify unless the
# command is in the ignore list.
__ntfy_notify() {
	local fresh=0 dur
	! __ntfy_ignored "${__ntfy_cmd:-${__ntfy_text-}}" || return 0
	if [[ -o history && ${HISTCMD-} != "${__ntfy_hcmd-}" ]]; then
		fresh=1
	fi
	printf -v dur '%d.%03d' $(($2 / 1000)) $(($2 % 1000))
	__ntfy_send "$1" "$dur" "$3" "$fresh"
	return 0
}

# Send in the background, out of the job table, immune to the terminal
# hanging up: status, duration, threshold, whether `history 1` is this
# command's line.  The subshell first drops the user's shell options.
__ntfy_send() {
	(
		trap '' HUP INT QUIT
		trap - DEBUG ERR RETURN
		set +euf +o pipefail
		shopt -u extdebug failglob nullglob
		{
			set -f
			IFS=$' \t\n'
			local text=${__ntfy_text-} h opts u=
			if [[ -z $text && $4 == 1 ]]; then
				h=$(__ntfy_history1)
				h=${h#"${h%%[![:space:]]*}"}
				h=${h#"${h%%[!0-9]*}"}
				text=${h:2}
			fi
			text=${text#"${text%%[![:space:]]*}"}
			[[ -n $text ]] || text=${__ntfy_cmd:-(unknown command)}
			[[ -z ${AUTO_NTFY_DONE_UNFOCUSED_ONLY-} ]] || u=-u
			if [[ ${AUTO_NTFY_DONE_OPTS@a} == *a* ]]; then
				opts=("${AUTO_NTFY_DONE_OPTS[@]}")
			else
				opts=(${AUTO_NTFY_DONE_OPTS-})
			fi
			exec "${__ntfy_bin:-ntfy}" "${opts[@]}" done $u -L "$3" \
			    --formatter "$text" "$1" "$2"
		} </dev/null >/dev/null 2>&1 &
	)
}

# Put __ntfy_head first in PROMPT_COMMAND again if a tool prepended its own
# entry (powerline, direnv, bash-preexec at its first prompt), and PS0 back.
__ntfy_front() {
	local i kept=()
	case ${PS0-} in
	*__ntfy_t0*) ;;
	*) PS0=${PS0-}$__ntfy_ps0 ;;
	esac
	[[ -n ${PROMPT_COMMAND+x} ]] || return 0
	if [[ ${PROMPT_COMMAND@a} == *a* ]]; then
		[[ ${PROMPT_COMMAND[0]-} != "$__ntfy_head" ]] || return 0
		for i in "${PROMPT_COMMAND[@]}"; do
			i=${i//"$__ntfy_head"/}
			[[ -z $i ]] || kept+=("$i")
		done
		PROMPT_COMMAND=("$__ntfy_head" "${kept[@]}")
	else
		[[ $PROMPT_COMMAND != "$__ntfy_head"$'\n'* ]] || return 0
		i=${PROMPT_COMMAND//"$__ntfy_head"/}
		PROMPT_COMMAND=$__ntfy_head${i:+$'\n'$i}
	fi
	return 0
}
# } lazy

# Install: top-level code rather than a function, which bash would keep.
if [[ $- != *i* ]]; then
	:
elif ((BASH_VERSINFO[0] < 4 ||
    (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] < 4))); then
	echo "ntfy: shell integration needs bash 4.4 or later" >&2
else
	unset __ntfy_e
	if [[ -n ${EPOCHREALTIME-} ]]; then
		__ntfy_ps0='${EPOCHREALTIME//[!0-9]/}'
	else
		__ntfy_ps0='SECONDS*1000000'
	fi
	__ntfy_ps0='${__ntfy_e[__ntfy_t0='$__ntfy_ps0',__ntfy_armed=1]-}'
	case ${PS0-} in
	*__ntfy_t0*) ;;
	*) PS0=${PS0-}$__ntfy_ps0 ;;
	esac
	# The DEBUG trap is read and chained at the first prompt, from the top
	# level: inside a function or a sourced file bash hides it.
	__ntfy_chk=1
	if [[ -n ${PROMPT_COMMAND+x} && ${PROMPT_COMMAND@a} == *a* ]]; then
		[[ "${PROMPT_COMMAND[*]}" == *__ntfy_precmd* ]] ||
		    PROMPT_COMMAND=("$__ntfy_head" "${PROMPT_COMMAND[@]}"
		    "$__ntfy_last")
	else
		case ${PROMPT_COMMAND-} in
		*__ntfy_precmd*) ;;
		*) PROMPT_COMMAND=$__ntfy_head${PROMPT_COMMAND:+$'\n'$PROMPT_COMMAND}$'\n'$__ntfy_last ;;
		esac
	fi
fi
