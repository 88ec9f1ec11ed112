#!/bin/sh
# Shell completions: bash through bash-completion, as a shell calls them;
# zsh and fish at least parse, and fish completes.
. "$TEST_SRCDIR/lib.sh"

comp=$TOP_SRCDIR/completions
bash_completion=/usr/share/bash-completion/bash_completion

# The completions run `ntfy` as found on PATH: the one just built.
mkdir -p "$TEST_TMP/bin"
ln -s "$NTFY_BIN" "$TEST_TMP/bin/ntfy"
PATH=$TEST_TMP/bin:$PATH
export PATH

# complete_bash LINE: the candidates bash offers at the end of LINE, sorted.
complete_bash() {
	bash -c '
		. "$1" && . "$2" || exit 99
		line=$3
		read -ra COMP_WORDS <<< "$line"
		[[ $line == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		_ntfy ntfy "${COMP_WORDS[COMP_CWORD]}" \
			"${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"
	' complete "$bash_completion" "$comp/ntfy.bash" "$1" | sort -u
}

# has LIST WORD...: every WORD is a line of file LIST.
has() {
	f=$1
	shift
	for w; do
		grep -qxF -- "$w" "$f" || { echo "'$w' missing from:"; cat "$f";
			return 1; }
	done
}

check '--complete-words reads the usage lines the completions need' '
	ntfy --complete-words queue > out
	same out "word flush
word drop"
	ntfy --complete-words shell-integration | grep -qx "opt -s 1 bash,zsh,fish"
	ntfy --complete-words | grep -qx -- "-o 2"
	ntfy --complete-words | grep -qx -- "--version 0"
	expect_status 64 ntfy --complete-words frob 2> err
	grep -q "unknown command" err
'

if [ -r "$bash_completion" ] && command -v bash > /dev/null; then
	check 'bash: subcommands, exactly those of ntfy --help' '
		complete_bash "ntfy " > got
		ntfy --help | sed -n "/^commands:/,/^\$/ s/^  \([a-z-]*\) .*/\1/p" |
			sort > want
		[ -s want ]
		diff want got
		has got send config test backends
	'

	check 'bash: global options, and a unique abbreviation' '
		complete_bash "ntfy -" > got
		has got -b --backend -o --option -c --config -t --title \
			--version --help
		complete_bash "ntfy --ba" > got
		same got --backend
	'

	check 'bash: -b completes every backend' '
		complete_bash "ntfy -b " > got
		ntfy backends --names | sort > want
		[ -s want ]
		while read -r b; do has got "$b"; done < want
	'

	check 'bash: -o keys of the backend named by the -b before it' '
		complete_bash "ntfy -b file -o " > got
		same got path
		complete_bash "ntfy -t x -b linux -o ur" > got
		same got urgency
		complete_bash "ntfy -b file -o path /tmp/x -b linux -o " > got
		ntfy backends --keys | awk "\$1 == \"linux\" { print \$2 }" |
			sort > want
		diff want got
	'

	check 'bash: wsl after -b, its keys after -o' '
		complete_bash "ntfy -b ws" > got
		same got wsl
		complete_bash "ntfy -b wsl -o " > got
		same got "app_id
error_sound
program
sound
timeout"
	'

	check 'bash: -o with no -b before it: the keys of every backend' '
		complete_bash "ntfy -o " > got
		has got path urgency
	'

	check 'bash: a config section after -b, its type'\''s keys after -o' '
		printf "[log]\nbackend = file\npath = x.jsonl\n" > sec.ini
		complete_bash "ntfy -c sec.ini -b " > got
		has got log file
		complete_bash "ntfy -c sec.ini -b log -o " > got
		same got path
	'

	check 'bash: -l levels from --help, -c files' '
		complete_bash "ntfy -l " > got
		has got critical error warning info debug
		: > conf-file.ini
		complete_bash "ntfy -c conf-f" > got
		same got conf-file.ini
	'

	check 'bash: config subwords, also after an abbreviation' '
		complete_bash "ntfy config " > got
		has got path check show import
		complete_bash "ntfy conf im" > got
		same got import
		complete_bash "ntfy config import -" > got
		has got -f -o
	'

	check 'bash: webpush-keys completes a file name and -f' '
		: > vapid-key.pem
		complete_bash "ntfy webpush-keys vapid-k" > got
		same got vapid-key.pem
		complete_bash "ntfy webpush-keys -" > got
		same got -f
	'

	check 'bash: backends and test options' '
		complete_bash "ntfy backends --" > got
		has got --names --keys
		complete_bash "ntfy test -b fi" > got
		same got file
	'

	check 'bash: done --pid completes the user'\''s running processes' '
		sleep 30 &
		pid=$!
		complete_bash "ntfy done --pid " > got
		kill "$pid"
		has got "$pid"
	'

	check 'bash: done completes a command, then that command'\''s arguments' '
		complete_bash "ntfy done ech" > got
		has got echo
		complete_bash "ntfy -b file done -L 5 ntfy con" > got
		same got config
	'

	if ntfy --help | grep -q "^  shell-integration "; then
		check 'bash: shell-integration -s' '
			complete_bash "ntfy shell-integration -s " > got
			has got bash zsh fish
		'
	fi
else
	skip 'bash completion' 'bash-completion is not installed'
fi

if command -v zsh > /dev/null; then
	check 'zsh: the completion parses' '
		zsh -n "$comp/_ntfy"
		head -1 "$comp/_ntfy" | grep -qx "#compdef ntfy"
	'
else
	skip 'zsh completion' 'zsh is not installed'
fi

if command -v fish > /dev/null; then
	complete_fish() {
		fish --no-config -c "source '$comp/ntfy.fish'; complete -C '$1'" |
			cut -f1 | sort -u
	}

	check 'fish: the completion parses' '
		fish --no-execute "$comp/ntfy.fish"
	'

	check 'fish: subcommands with their summaries' '
		fish --no-config -c "source '\''$comp/ntfy.fish'\''; complete -C '\''ntfy '\''" > raw
		grep -q "^send	send MESSAGE" raw
		cut -f1 raw | sort > got
		ntfy --help | sed -n "/^commands:/,/^\$/ s/^  \([a-z-]*\) .*/\1/p" |
			sort > want
		diff want got
	'

	check 'fish: backends, -o keys of the -b before it, config words' '
		complete_fish "ntfy -b " > got
		has got file linux default
		complete_fish "ntfy -b file -o " > got
		same got path
		complete_fish "ntfy config " > got
		has got path check show import
		complete_fish "ntfy -" > got
		has got --backend -o
		: > vapid-key.pem
		complete_fish "ntfy webpush-keys vapid-k" > got
		same got vapid-key.pem
	'
else
	skip 'fish completion' 'fish is not installed'
fi

done_testing
