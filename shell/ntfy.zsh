# ntfy shell integration for zsh.
# Load it with: eval "$(ntfy shell-integration)"
#
# preexec and precmd hooks through add-zsh-hook; the time from
# $EPOCHREALTIME (zsh/datetime).  The threshold and the ignore list are
# decided with builtins only: a command that will not notify starts no
# process.  The text reported is the line as typed; the ignore list is
# checked against the program that runs, aliases expanded.

zmodload zsh/datetime 2>/dev/null
autoload -Uz add-zsh-hook

# Sourced as it is (source /usr/share/ntfy/ntfy.zsh) rather than through
# `ntfy shell-integration`, the defaults are the same: 10 s, unfocused only.
export AUTO_NTFY_DONE_LONGER_THAN="${AUTO_NTFY_DONE_LONGER_THAN--L10}"
export AUTO_NTFY_DONE_UNFOCUSED_ONLY="${AUTO_NTFY_DONE_UNFOCUSED_ONLY--u}"

typeset -g __ntfy_ignore_default='ntfy emacs htop info less mail man meld most mutt nano screen ssh tail tmux top vi vim watch'

__ntfy_preexec() {
	typeset -g __ntfy_t0=${EPOCHREALTIME:-$SECONDS}
	typeset -g __ntfy_text=${1:-$2} __ntfy_run=$3
}

# Is the program that $1 runs in the ignore list?  Skips VAR=value words,
# the wrappers sudo, env, nice, time, command, exec, nohup with their
# options, and zsh's noglob, nocorrect, builtin.
__ntfy_ignored() {
	emulate -L zsh
	local w base wrap= skip=
	local list=" ${AUTO_NTFY_DONE_IGNORE-$__ntfy_ignore_default} "
	for w in ${(z)1}; do
		if [[ -n $skip ]]; then
			skip=
			continue
		fi
		w=${(Q)w}
		if [[ -n $wrap && $w == -* ]]; then
			case $wrap:$w in
			(sudo:-[ugCDhprtUT]|nice:-n|env:-[uCS]|exec:-a)
				skip=1 ;;
			esac
			continue
		fi
		if [[ $w == [A-Za-z_]*=* && ${w%%=*} != *[^A-Za-z0-9_]* ]]; then
			continue
		fi
		base=${w:t}
		case $base in
		(sudo|env|nice|time|command|exec|nohup|noglob|nocorrect|builtin)
			wrap=$base
			continue ;;
		esac
		[[ -n $base && $list == *" $base "* ]]
		return
	done
	return 1
}

__ntfy_precmd() {
	local s=$?
	emulate -L zsh
	local -F now=${EPOCHREALTIME:-$SECONDS}
	local -i ms sec
	local lim u= dur frac
	local -a opts
	[[ -n ${__ntfy_t0-} ]] || return 0
	(( ms = (now - __ntfy_t0) * 1000 ))
	__ntfy_t0=
	lim=${AUTO_NTFY_DONE_LONGER_THAN-}
	lim=${lim//[[:space:]]/}
	lim=${lim#-L}
	case $lim in
	('') lim=0 ;;
	(*[^0-9.]*|*.*.*|.*|*.) lim=10 ;;
	esac
	# A failure (not Ctrl-C or Ctrl-Z) under the threshold, when asked.
	(( ms > lim * 1000 )) ||
	    { [[ ${AUTO_NTFY_DONE_NOTIFY_FAILURES-} == always ]] &&
	    (( s != 0 && s != 130 && s != 148 )); } || return 0
	__ntfy_ignored "$__ntfy_run" && return 0
	if [[ ${(t)AUTO_NTFY_DONE_OPTS} == array* ]]; then
		opts=("${AUTO_NTFY_DONE_OPTS[@]}")
	else
		opts=(${=AUTO_NTFY_DONE_OPTS})
	fi
	[[ -z ${AUTO_NTFY_DONE_UNFOCUSED_ONLY-} ]] || u=-u
	(( sec = ms / 1000 ))
	frac=00$(( ms % 1000 ))
	dur=$sec.${frac[-3,-1]}
	# &! keeps it out of the job table and safe from the shell's SIGHUP.
	"${__ntfy_bin:-ntfy}" "${opts[@]}" done $u -L "$lim" \
	    --formatter "$__ntfy_text" "$s" "$dur" </dev/null >/dev/null 2>&1 &!
}

add-zsh-hook preexec __ntfy_preexec
add-zsh-hook precmd __ntfy_precmd
