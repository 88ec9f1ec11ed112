# A stand-in for bash-preexec, for t-shell-bashrc.sh: it behaves as
# bash-preexec's README documents.  Sourced, it adds its installer to the end
# of PROMPT_COMMAND; at the first prompt that installer takes the DEBUG trap
# (the one found becomes a preexec function), puts __bp_precmd_invoke_cmd
# first and __bp_interactive_mode last in PROMPT_COMMAND, and takes
# ignorespace out of HISTCONTROL.  Its DEBUG trap calls preexec_functions
# once per line with the line from `history 1`, and never for a line bash
# runs no simple command of (a bare subshell): its documented limit.
# shellcheck shell=bash

[[ -z ${__bp_imported-} ]] || return 0
__bp_imported=defined
bash_preexec_imported=defined
preexec_functions=()
precmd_functions=()
__bp_interactive=

__bp_set_ret() {
	return "${1:-0}"
}

__bp_precmd_invoke_cmd() {
	local ret=$? f
	for f in "${precmd_functions[@]}"; do
		__bp_set_ret "$ret"
		"$f"
	done
	__bp_set_ret "$ret"
}

__bp_interactive_mode() {
	__bp_interactive=on
}

__bp_preexec_invoke_exec() {
	local ret=$? last=$1 line f pcs
	[[ -z ${COMP_LINE-} && -n $__bp_interactive ]] || return "$ret"
	__bp_interactive=
	# A command of PROMPT_COMMAND (its lines split at ; too): not the user's.
	IFS=$'\n;' read -rd '' -a pcs <<< "${PROMPT_COMMAND[*]-}" || :
	for f in "${pcs[@]}"; do
		f=${f#"${f%%[![:space:]]*}"}
		f=${f%"${f##*[![:space:]]}"}
		[[ $f != "$BASH_COMMAND" ]] || return "$ret"
	done
	line=$(HISTTIMEFORMAT= builtin history 1)
	line=${line#"${line%%[![:space:]]*}"}
	line=${line#"${line%%[!0-9]*}"}
	line=${line:2}
	for f in "${preexec_functions[@]}"; do
		__bp_set_ret "$ret" "$last"
		"$f" "$line"
	done
	__bp_set_ret "$ret" "$last"
}

__bp_install() {
	local prior
	[[ $PROMPT_COMMAND != *__bp_precmd_invoke_cmd* ]] || return 0
	trap '__bp_preexec_invoke_exec "$_"' DEBUG
	prior=${__bp_trap_string#*\'}
	prior=${prior%\'*}
	if [[ -n $__bp_trap_string ]]; then
		eval "__bp_original_debug_trap() { $prior
}"
		preexec_functions+=(__bp_original_debug_trap)
	fi
	HISTCONTROL=${HISTCONTROL//ignorespace}
	HISTCONTROL=${HISTCONTROL//ignoreboth/ignoredups}
	PROMPT_COMMAND=${PROMPT_COMMAND//"$__bp_install_string"/}
	PROMPT_COMMAND=__bp_precmd_invoke_cmd$'\n'$PROMPT_COMMAND$'\n'__bp_interactive_mode
	__bp_interactive=on
}

__bp_install_string=$'__bp_trap_string=$(trap -p DEBUG)\ntrap - DEBUG\n__bp_install'
PROMPT_COMMAND=${PROMPT_COMMAND:+$PROMPT_COMMAND$'\n'}$__bp_install_string
