# ntfy shell integration for bash 4.4 or later (or any bash with
# bash-preexec loaded first).  Load it with: eval "$(ntfy shell-integration)"
#
# A command's start is marked by PS0, expanded once after a command line is
# read and before it runs (never for empty lines, completions, `read`
# prompts or PROMPT_COMMAND); the DEBUG trap then records the first simple
# command of the line, the one whose program the ignore list is checked
# against.  __ntfy_precmd, first in PROMPT_COMMAND, decides with builtins
# only: a command that will not notify starts no process.  The text reported
# is the line from `history 1`, read in the background, when history saved
# this line; otherwise the first simple command ($BASH_COMMAND).

# Sourced as it is (. /usr/share/ntfy/ntfy.bash) rather than through
# `ntfy shell-integration`, the defaults are the same: 10 s, unfocused only.
export AUTO_NTFY_DONE_LONGER_THAN="${AUTO_NTFY_DONE_LONGER_THAN--L10}"
export AUTO_NTFY_DONE_UNFOCUSED_ONLY="${AUTO_NTFY_DONE_UNFOCUSED_ONLY--u}"

__ntfy_ignore_default='ntfy emacs htop info less mail man meld most mutt nano screen ssh tail tmux top vi vim watch'

# The DEBUG trap: remember the first simple command after PS0 armed it.
__ntfy_debug() {
	__ntfy_s=$? __ntfy_u=$1
	[[ -n ${__ntfy_armed-} && -z ${COMP_LINE+x} ]] || return 0
	__ntfy_armed=
	[[ $BASH_COMMAND == __ntfy_precmd* ]] || __ntfy_cmd=$BASH_COMMAND
	return 0
}

# Give an older DEBUG trap back its $? and $_.
__ntfy_ret() {
	return "$1"
}

# bash-preexec's preexec_functions entry: $1 is the history line.
__ntfy_preexec() {
	if [[ -n ${EPOCHREALTIME-} ]]; then
		__ntfy_t0=${EPOCHREALTIME//[!0-9]/}
	else
		__ntfy_t0=$((SECONDS * 1000000))
	fi
	__ntfy_cmd=$1 __ntfy_text=$1
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

# Send in the background, out of the job table, immune to the terminal
# hanging up: status, duration, threshold, whether `history 1` is this
# command's line.
__ntfy_send() {
	(
		trap '' HUP INT QUIT
		{
			set -f
			IFS=$' \t\n'
			local text=${__ntfy_text-} h opts u=
			if [[ -z $text && $4 == 1 ]]; then
				h=$(HISTTIMEFORMAT= builtin history 1)
				h=${h#"${h%%[![:space:]]*}"}
				h=${h#"${h%%[!0-9]*}"}
				text=${h:2}
			fi
			[[ -n $text ]] || text=${__ntfy_cmd:-(unknown command)}
			[[ -z ${AUTO_NTFY_DONE_UNFOCUSED_ONLY-} ]] || u=-u
			if ((${#AUTO_NTFY_DONE_OPTS[@]} > 1)); then
				opts=("${AUTO_NTFY_DONE_OPTS[@]}")
			else
				opts=(${AUTO_NTFY_DONE_OPTS-})
			fi
			exec "${__ntfy_bin:-ntfy}" "${opts[@]}" done $u -L "$3" \
			    --formatter "$text" "$1" "$2"
		} </dev/null >/dev/null 2>&1 &
	)
}

# First in PROMPT_COMMAND (or in bash-preexec's precmd_functions).
__ntfy_precmd() {
	local s=$? now ms lim int frac fresh=0 h dur
	__ntfy_armed=
	h=${__ntfy_hc-}
	__ntfy_hc=$HISTCMD
	if [[ -z ${__ntfy_t0-} ]]; then
		__ntfy_cmd= __ntfy_text=
		return $s
	fi
	if [[ -n ${EPOCHREALTIME-} ]]; then
		now=${EPOCHREALTIME//[!0-9]/}
	else
		now=$((SECONDS * 1000000))
	fi
	ms=$(((now - __ntfy_t0) / 1000))
	__ntfy_t0=
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
	if { ((ms > __ntfy_lms)) ||
	    { [[ ${AUTO_NTFY_DONE_NOTIFY_FAILURES-} == always ]] &&
	    ((s != 0 && s != 130 && s != 148)); }; } &&
	    ! __ntfy_ignored "${__ntfy_cmd-}"; then
		if [[ -o history && $HISTCMD != "$h" ]]; then
			fresh=1
		fi
		printf -v dur '%d.%03d' $((ms / 1000)) $((ms % 1000))
		__ntfy_send "$s" "$dur" "$lim" "$fresh"
	fi
	__ntfy_cmd= __ntfy_text=
	return $s
}

# Chain the DEBUG trap $__ntfy_trap (`trap -p DEBUG` output) after ours, and
# take a one-shot PROMPT_COMMAND entry that called us out again.
__ntfy_install_trap() {
	local old
	case ${__ntfy_trap-} in
	*__ntfy_debug*) ;;
	'') trap '__ntfy_debug "$_"' DEBUG ;;
	*)
		eval "old=($__ntfy_trap)"
		trap '__ntfy_debug "$_"
__ntfy_ret "$__ntfy_s" "$__ntfy_u"
'"${old[2]}" DEBUG ;;
	esac
	if [[ ${PROMPT_COMMAND@a} == *a* ]]; then
		PROMPT_COMMAND=("${PROMPT_COMMAND[@]//$'\n'"$__ntfy_deferred"/}")
	else
		PROMPT_COMMAND=${PROMPT_COMMAND//$'\n'"$__ntfy_deferred"/}
	fi
}

# `trap -p DEBUG` into __ntfy_trap, read back through a pipe (a here-string
# is one, and /proc opens it for writing too) rather than with $(...): a
# fork would cost more than the rest of the start-up together.  The trap's
# text must fit in the pipe (64 KiB on Linux), or the write would wait for
# ever; real ones are a line.  Traced (declare -ft), so that it sees the
# DEBUG trap of the top level.
__ntfy_read_trap() {
	local r w
	__ntfy_trap=
	if [[ -d /proc/self/fd ]] && exec {r}<<<''; then
		if { exec {w}>"/proc/self/fd/$r"; } 2>/dev/null; then
			trap -p DEBUG >&"$w"
			exec {w}>&-
			IFS= read -r -d '' -u "$r" __ntfy_trap || :
			exec {r}<&-
			__ntfy_trap=${__ntfy_trap#$'\n'}
			__ntfy_trap=${__ntfy_trap%$'\n'}
			return 0
		fi
		exec {r}<&-
	fi
	__ntfy_trap=$(trap -p DEBUG)
}
declare -ft __ntfy_read_trap

__ntfy_deferred='__ntfy_read_trap; __ntfy_install_trap'

__ntfy_install() {
	local t i pc=__ntfy_precmd
	[[ $- == *i* ]] || return 0
	if [[ -n ${bash_preexec_imported-}${__bp_imported-} ]]; then
		for i in "${preexec_functions[@]}"; do
			[[ $i != __ntfy_preexec ]] || return 0
		done
		preexec_functions+=(__ntfy_preexec)
		precmd_functions+=(__ntfy_precmd)
		return 0
	fi
	if ((BASH_VERSINFO[0] < 4 ||
	    (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] < 4))); then
		echo "ntfy: shell integration needs bash 4.4 or later," \
		    "or bash-preexec loaded first" >&2
		return 1
	fi
	unset __ntfy_e
	case ${PS0-} in
	*__ntfy_t0*) ;;
	*)
		if [[ -n ${EPOCHREALTIME-} ]]; then
			t='${EPOCHREALTIME//[!0-9]/}'
		else
			t='SECONDS*1000000'
		fi
		PS0=${PS0-}'${__ntfy_e[__ntfy_t0='$t',__ntfy_armed=1]-}' ;;
	esac
	# Inside a function or a sourced file bash hides the DEBUG trap:
	# then read and chain it at the first prompt, from the top level.
	if ((${#FUNCNAME[@]} > 1)); then
		pc+=$'\n'$__ntfy_deferred
	else
		__ntfy_install_trap
	fi
	if [[ -n ${PROMPT_COMMAND+x} && ${PROMPT_COMMAND@a} == *a* ]]; then
		for i in "${PROMPT_COMMAND[@]}"; do
			[[ $i != __ntfy_precmd* ]] || return 0
		done
		PROMPT_COMMAND=("$pc" "${PROMPT_COMMAND[@]}")
	else
		case ${PROMPT_COMMAND-} in
		*__ntfy_precmd*) ;;
		*) PROMPT_COMMAND=$pc${PROMPT_COMMAND:+$'\n'$PROMPT_COMMAND} ;;
		esac
	fi
}

((${#FUNCNAME[@]})) || __ntfy_read_trap
__ntfy_install
unset __ntfy_trap
