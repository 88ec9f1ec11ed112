#!/bin/sh
# wsl: a Windows toast through powershell.exe, the text as data in the
# environment (carried by WSLENV), never in the script; a stand-in
# powershell.exe records what it was given.
. "$TEST_SRCDIR/lib.sh"

[ -x /usr/bin/python3 ] || skip_all "/usr/bin/python3 missing"

mkdir -p bin
cat > bin/powershell.exe <<SH
#!/usr/bin/python3
import json, os, sys
rec = {"argv": sys.argv[1:], "stdin": sys.stdin.read(),
       "env": {k: v for k, v in os.environ.items()
               if k.startswith("NTFY_") or k == "WSLENV"}}
with open("$TEST_TMP/calls.jsonl", "a") as f:
    f.write(json.dumps(rec) + "\n")
if os.environ.get("NTFY_TITLE") == "fail":
    sys.stderr.write("Exception calling \"Show\": \x1b]0;evil\x07the "
                     "notification platform is unavailable\r\n\r\n")
    sys.exit(1)
SH
chmod +x bin/powershell.exe
PATH=$TEST_TMP/bin:$PATH

# field N EXPR: a Python expression over call N (c: the record, e: its
# environment), printed with repr() when it is not a plain string.
field() {
	/usr/bin/python3 -c 'import json, sys
c = json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1])
e = c["env"]
v = eval(sys.argv[3])
print(v if isinstance(v, str) else repr(v))' "$TEST_TMP/calls.jsonl" "$1" "$2"
}

# env_is N NAME WANT: variable NAME of call N is exactly WANT.
env_is() {
	/usr/bin/python3 -c 'import json, sys
c = json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1])
got = c["env"].get(sys.argv[3])
if got != sys.argv[4]:
    sys.exit("%s: got %r, want %r" % (sys.argv[3], got, sys.argv[4]))' \
		"$TEST_TMP/calls.jsonl" "$@"
}

check 'title and message in the environment, PowerShell flags' '
	ntfy -b wsl -t "build box" send "done
twice"
	[ "$(field 1 "e[\"NTFY_TITLE\"]")" = "build box" ]
	env_is 1 NTFY_MESSAGE "$(printf "done\ntwice")"
	[ "$(field 1 "\" \".join(c[\"argv\"][:4])")" = "-NoLogo -NoProfile -NonInteractive -Command" ]
	[ "$(field 1 "len(c[\"argv\"])")" = 5 ]
	[ "$(field 1 "c[\"stdin\"]")" = "" ]
	[ "$(field 1 "e[\"NTFY_SOUND\"]")" = "ms-winsoundevent:Notification.Default" ]
	[ "$(field 1 "e[\"NTFY_APP_ID\"]")" = "{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\\WindowsPowerShell\\v1.0\\powershell.exe" ]
'

check 'WSLENV lists every variable the script reads, with /u' '
	: > calls.jsonl
	WSLENV=USERPROFILE/p ntfy -b wsl send x
	field 1 "e[\"WSLENV\"]" | tr ":" "\n" > wslenv
	grep -qx "USERPROFILE/p" wslenv
	field 1 "c[\"argv\"][4]" | grep -o "\$env:[A-Z_]*" | sed "s/^.env://" |
		sort -u > read
	[ "$(wc -l < read)" = 4 ]
	while read -r v; do
		grep -qx "$v/u" wslenv || { echo "$v not in WSLENV"; exit 1; }
	done < read
'

hostile="'; Remove-Item -Recurse C:\\ #"
hostile_body='$(touch pwned) `touch pwned` $env:PATH'
export hostile hostile_body

check 'hostile text is data: never in argv, the script the same' '
	: > calls.jsonl
	ntfy -b wsl -t "T" send "plain"
	ntfy -b wsl -t "$hostile" send "$hostile_body"
	[ ! -e pwned ]
	[ "$(field 1 "c[\"argv\"]")" = "$(field 2 "c[\"argv\"]")" ]
	field 2 "c[\"argv\"]" > argv
	refute grep -q "Remove-Item" argv
	refute grep -q "pwned" argv
	[ "$(field 2 "e[\"NTFY_TITLE\"]")" = "$hostile" ]
	[ "$(field 2 "e[\"NTFY_MESSAGE\"]")" = "$hostile_body" ]
'

check 'the script escapes the text for XML and has no double quote' '
	field 1 "c[\"argv\"][4]" > script
	refute grep -q "\"" script
	[ "$(grep -o "(E .env:NTFY_[A-Z]*)" script | sort | tr "\n" " ")" = "(E \$env:NTFY_MESSAGE) (E \$env:NTFY_SOUND) (E \$env:NTFY_TITLE) " ]
	grep -q "SecurityElement\]::Escape" script
'

check 'control characters become spaces, line breaks stay in the message' '
	: > calls.jsonl
	ntfy -b wsl -t "$(printf "a\033[2Jb")" send "$(printf "x\007y\nz")"
	env_is 1 NTFY_TITLE "a [2Jb"
	env_is 1 NTFY_MESSAGE "$(printf "x y\nz")"
'

check 'a failed command: the error sound; sounds can be set or silenced' '
	: > calls.jsonl
	expect_status 1 ntfy -b wsl done false
	ntfy -b wsl done true
	expect_status 1 ntfy -b wsl -o error_sound \
		ms-winsoundevent:Notification.Looping.Alarm done false
	ntfy -b wsl -o sound none send x
	[ "$(field 1 "e[\"NTFY_SOUND\"]")" = "ms-winsoundevent:Notification.Reminder" ]
	[ "$(field 2 "e[\"NTFY_SOUND\"]")" = "ms-winsoundevent:Notification.Default" ]
	[ "$(field 3 "e[\"NTFY_SOUND\"]")" = "ms-winsoundevent:Notification.Looping.Alarm" ]
	[ "$(field 4 "e[\"NTFY_SOUND\"]")" = "none" ]
'

check 'a bad sound is a config error' '
	expect_status 78 ntfy -b wsl -o sound "C:\\beep.wav" send x 2> err
	grep -q "backend .wsl.: option .sound. must be none or a ms-winsoundevent: name" err
'

check 'PowerShell fails: exit 1, its last line, cleaned' '
	expect_status 1 ntfy -b wsl -t fail send x 2> err
	terminal_safe err
	grep -q "wsl: .powershell.exe. exited with status 1: Exception calling \"Show\": *\]0;evil the notification platform is unavailable$" err
'

check 'no powershell.exe: a clear error' '
	expect_status 1 env PATH=/usr/bin:/bin "$NTFY_BIN" -b wsl send x 2> err
	grep -q "cannot find .powershell.exe. in PATH (is Windows interop on?" err
	expect_status 1 ntfy -b wsl -o program /nonexistent/powershell.exe send x 2> err
	grep -q "cannot find ./nonexistent/powershell.exe." err
'

check 'win32, the Python ntfy'"'"'s name, is an alias: -b, backend =, [win32]' '
	: > calls.jsonl
	ntfy -b win32 -t one send x
	printf "backends = win32\n" > a.ini
	ntfy -c a.ini -t two send x
	printf "backends = toast\n[toast]\nbackend = win32\nsound = none\n" > b.ini
	ntfy -c b.ini -t three send x
	printf "backends = win32\n[win32]\nsound = none\n" > c.ini
	ntfy -c c.ini config check > out
	ntfy -c c.ini -t four send x
	[ "$(field 1 "e[\"NTFY_TITLE\"]")" = one ]
	[ "$(field 2 "e[\"NTFY_TITLE\"]")" = two ]
	[ "$(field 3 "e[\"NTFY_SOUND\"]")" = none ]
	[ "$(field 4 "e[\"NTFY_SOUND\"]")" = none ]
	ntfy backends --names > names
	grep -qx wsl names
	refute grep -qx win32 names
'

check 'default in WSL: a Windows toast before the terminal, and -v says why' '
	: > calls.jsonl
	WSL_DISTRO_NAME=Debian KITTY_WINDOW_ID=1 on_pty tty -v -t T send "to Windows" 2> err
	grep -q "default: using a Windows toast: WSL (.WSL_DISTRO_NAME is .Debian.)" err
	[ "$(field 1 "e[\"NTFY_MESSAGE\"]")" = "to Windows" ]
	[ "$(field 1 "e[\"NTFY_SOUND\"]")" = "ms-winsoundevent:Notification.Default" ]
	[ ! -s tty ]
'

check 'default in WSL without powershell.exe: the terminal, and -v says why' '
	WSL_DISTRO_NAME=Debian KITTY_WINDOW_ID=1 PATH=/usr/bin:/bin \
		on_pty tty -v -t T send "fallback" 2> err
	grep -q "default: WSL (.WSL_DISTRO_NAME is .Debian.) but no Windows toast: cannot find .powershell.exe." err
	grep -q "default: using the terminal" err
'

if [ -e /proc/sys/fs/binfmt_misc/WSLInterop ] ||
	[ -e /proc/sys/fs/binfmt_misc/WSLInterop-late ]; then
	skip 'default outside WSL: no toast' 'this is WSL'
else
	check 'default outside WSL: no toast, and -v says why' '
		: > calls.jsonl
		ntfy -v -t T send x 2> err
		grep -q "default: no Windows toast: not WSL" err
		[ ! -s calls.jsonl ]
	'
fi

done_testing
