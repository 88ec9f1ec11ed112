# bash completion for ntfy(1), for bash-completion.
#
# Nothing is listed here: subcommands come from `ntfy --help`, global
# options and each subcommand's words and options from
# `ntfy --complete-words [CMD]` (which reads its own usage lines),
# backends and their keys from `ntfy backends --names` and `--keys`, and
# config sections from `ntfy config show`.  So the completion follows the
# ntfy it completes.

# _ntfy_usage BIN CMD: one line per thing the usage of CMD names:
# "opt NAME NARGS CHOICES" (CHOICES comma-separated, maybe empty) or
# "word NAME", as ntfy itself reads its usage line.
_ntfy_usage()
{
	"$1" --complete-words "$2" 2>/dev/null
}

# _ntfy_global_opts BIN: "NAME NARGS" for every global option.
_ntfy_global_opts()
{
	"$1" --complete-words 2>/dev/null
}

_ntfy_commands()
{
	"$1" --help 2>/dev/null |
		sed -n '/^commands:/,/^$/ s/^  \([a-z][a-z-]*\)  *.*/\1/p'
}

# _ntfy_sections BIN CONFIG: section names of the config in use.
_ntfy_sections()
{
	"$1" ${2:+-c "$2"} config show 2>/dev/null |
		sed -n 's/^\[\(.*\)\]$/\1/p'
}

# _ntfy_keys BIN CONFIG NAME: the -o keys of backend or section NAME, of
# every backend when NAME is empty.
_ntfy_keys()
{
	local type=$3
	if [[ -n $type ]] &&
	    ! "$1" backends --names 2>/dev/null | grep -qxF -- "$type"; then
		type=$("$1" ${2:+-c "$2"} config show 2>/dev/null | awk \
		    -v s="[$3]" '$0 == s { on = 1; next } /^\[/ { on = 0 }
		    on && $1 == "backend" && $2 == "=" { print $3; exit }')
		[[ -n $type ]] || type=$3
	fi
	"$1" backends --keys 2>/dev/null |
		awk -v b="$type" 'b == "" || $1 == b { print $2 }' | sort -u
}

_ntfy_pids()
{
	local d
	if command -v ps > /dev/null 2>&1; then
		ps -u "$(id -u)" -o pid= 2>/dev/null | tr -d ' '
	else
		for d in /proc/[0-9]*; do
			[[ -O $d ]] && printf '%s\n' "${d#/proc/}"
		done
	fi
}

# Complete the arguments of subcommand CMD, which stands at words[SUBI].
_ntfy_subcommand()
{
	local bin=$1 cmd=$2 subi=$3 cfg=$4
	local -A nargs=() choices=()
	local words_list=() kind name n ch i w first=

	while read -r kind name n ch; do
		if [[ $kind == opt ]]; then
			nargs[$name]=$n
			choices[$name]=$ch
		else
			words_list+=("$name")
		fi
	done < <(_ntfy_usage "$bin" "$cmd")
	# Whatever the usage says, these take a value.
	[[ $cmd == done && -z ${nargs[--pid]+x} ]] && nargs[--pid]=1
	[[ $cmd == shell-integration && -z ${nargs[-s]+x} ]] && nargs[-s]=1

	# Walk to the current word: an option's argument, or the first plain
	# word (done's command).
	i=$((subi + 1))
	while ((i < cword)); do
		w=${words[i]}
		if [[ $w == -- ]]; then
			first=$((i + 1))
			break
		elif [[ $w == -* && -n ${nargs[$w]+x} ]]; then
			if ((i + ${nargs[$w]} >= cword)); then
				case $w in
				-p | --pid)
					COMPREPLY=($(compgen -W "$(_ntfy_pids)" \
					    -- "$cur"))
					;;
				-b | --backend)
					COMPREPLY=($(compgen -W "$("$bin" backends \
					    --names 2>/dev/null) $(_ntfy_sections \
					    "$bin" "$cfg")" -- "$cur"))
					;;
				-s | --shell)
					ch=${choices[$w]:-bash,zsh,fish}
					COMPREPLY=($(compgen -W "${ch//,/ }" \
					    -- "$cur"))
					;;
				-o | --output | -c | --config)
					_filedir
					;;
				*)
					ch=${choices[$w]}
					[[ -n $ch ]] && COMPREPLY=($(compgen \
					    -W "${ch//,/ }" -- "$cur"))
					;;
				esac
				return
			fi
			i=$((i + 1 + ${nargs[$w]}))
			continue
		elif [[ $w != -* && $cmd == done ]]; then
			first=$i
			break
		fi
		i=$((i + 1))
	done

	# done: its options, then a command and that command's arguments.
	if [[ $cmd == done ]]; then
		if [[ -n $first ]]; then
			_command_offset "$first"
		elif [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "${!nargs[*]}" -- "$cur"))
		else
			_command_offset "$cword"
		fi
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "${!nargs[*]}" -- "$cur"))
	elif ((cword == subi + 1)) && ((${#words_list[@]} > 0)); then
		COMPREPLY=($(compgen -W "${words_list[*]}" -- "$cur"))
	elif [[ $cmd == config && ${words[subi + 1]} == import ]]; then
		_filedir '@(yml|yaml)'
	elif [[ $cmd == webpush-keys ]]; then
		_filedir
	fi
}

_ntfy()
{
	local cur prev words cword
	_init_completion || return

	local bin i w n sub= subi= backend= cfg= c
	local -A nargs=()
	bin=$(type -P -- "${words[0]}" 2>/dev/null)
	[[ -n $bin ]] || bin=$(type -P ntfy 2>/dev/null) || return
	while read -r w n; do
		nargs[$w]=$n
	done < <(_ntfy_global_opts "$bin")

	i=1
	while ((i < cword)); do
		w=${words[i]}
		if [[ $w != -* ]]; then
			sub=$w
			subi=$i
			break
		fi
		n=${nargs[$w]:-0}
		if ((i + n >= cword)); then
			# The current word is argument (cword - i) of option w.
			case $w in
			-b | --backend)
				COMPREPLY=($(compgen -W "$("$bin" backends \
				    --names 2>/dev/null) $(_ntfy_sections "$bin" \
				    "$cfg")" -- "$cur"))
				;;
			-o | --option)
				if ((cword - i == 1)); then
					COMPREPLY=($(compgen -W "$(_ntfy_keys \
					    "$bin" "$cfg" "$backend")" -- "$cur"))
				elif [[ ${words[i + 1]} == *path || \
				    ${words[i + 1]} == *file ]]; then
					_filedir
				fi
				;;
			-c | --config)
				_filedir
				;;
			-l | --log-level)
				COMPREPLY=($(compgen -W "$("$bin" --help \
				    2>/dev/null | sed -n 's/^ *-l, --log-level [A-Z]* *//p' |
				    tr -s ', ' '\n\n' | grep -vx or)" -- "$cur"))
				;;
			esac
			return
		fi
		case $w in
		-b | --backend) backend=${words[i + 1]} ;;
		-c | --config) cfg=${words[i + 1]} ;;
		esac
		i=$((i + 1 + n))
	done

	if [[ -z $sub ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "${!nargs[*]}" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_ntfy_commands "$bin")" \
			    -- "$cur"))
		fi
		return
	fi
	# Commands may be abbreviated when unique, as ntfy allows.
	c=($(_ntfy_commands "$bin" | grep -- "^$sub"))
	((${#c[@]} == 1)) || [[ " ${c[*]} " == *" $sub "* ]] || return
	((${#c[@]} == 1)) && sub=${c[0]}
	_ntfy_subcommand "$bin" "$sub" "$subi" "$cfg"
}
complete -F _ntfy ntfy
