# ntfy shell integration for fish.  Load it with:
#     ntfy shell-integration --shell fish | source
#
# A fish_postexec handler: $status and $CMD_DURATION (milliseconds) come
# from fish itself.  The threshold and the ignore list are decided with
# builtins only: a command that will not notify starts no process.

# Sourced as it is (source /usr/share/ntfy/ntfy.fish) rather than through
# `ntfy shell-integration`, the defaults are the same: 10 s, unfocused only.
set -q AUTO_NTFY_DONE_LONGER_THAN; or set -gx AUTO_NTFY_DONE_LONGER_THAN -L10
set -q AUTO_NTFY_DONE_UNFOCUSED_ONLY; or set -gx AUTO_NTFY_DONE_UNFOCUSED_ONLY -u

set -g __ntfy_ignore_default ntfy emacs htop info less mail man meld most mutt nano screen ssh tail tmux top vi vim watch

# Is the program that $argv[1] runs in the ignore list?  Skips VAR=value
# words and the wrappers sudo, env, nice, time, command, exec, nohup with
# their options, and fish's builtin.
function __ntfy_ignored
    set -l list $__ntfy_ignore_default
    if set -q AUTO_NTFY_DONE_IGNORE
        set list (string split -n ' ' -- "$AUTO_NTFY_DONE_IGNORE")
    end
    set -l wrap
    set -l skip 0
    for w in (string split -n ' ' -- (string replace -ra '\s' ' ' -- $argv[1]))
        if test $skip = 1
            set skip 0
            continue
        end
        set w (string replace -ra '[\'"\\\\]' '' -- $w)
        if test -n "$wrap"; and string match -q -- '-*' $w
            if string match -qr '^(sudo:-[ugCDhprtUT]|nice:-n|env:-[uCS]|exec:-a)$' -- "$wrap:$w"
                set skip 1
            end
            continue
        end
        if string match -qr '^[A-Za-z_][A-Za-z0-9_]*=' -- $w
            continue
        end
        set -l base (string replace -r '.*/' '' -- $w)
        set base (string replace -r '[;&|<>()].*' '' -- $base)
        if contains -- "$base" sudo env nice time command exec nohup builtin
            set wrap $base
            continue
        end
        test -n "$base"; and contains -- $base $list
        return
    end
    return 1
end

function __ntfy_postexec --on-event fish_postexec
    set -l s $status
    set -l ms $CMD_DURATION
    test -n "$ms"; or return 0
    set -l lim (string replace -ra '\s' '' -- "$AUTO_NTFY_DONE_LONGER_THAN")
    set lim (string replace -r '^-L' '' -- "$lim")
    if test -z "$lim"
        set lim 0
    else if not string match -qr '^[0-9]+(\.[0-9]+)?$' -- $lim
        set lim 10
    end
    # A failure (not Ctrl-C or Ctrl-Z) under the threshold, when asked.
    if not test $ms -gt (math -s0 "$lim * 1000")
        test "$AUTO_NTFY_DONE_NOTIFY_FAILURES" = always
        and not contains -- $s 0 130 148
        or return 0
    end
    __ntfy_ignored $argv[1]; and return 0
    set -l opts
    if test (count $AUTO_NTFY_DONE_OPTS) -gt 1
        set opts $AUTO_NTFY_DONE_OPTS
    else if test -n "$AUTO_NTFY_DONE_OPTS"
        set opts (string split -n ' ' -- $AUTO_NTFY_DONE_OPTS)
    end
    set -l u
    test -n "$AUTO_NTFY_DONE_UNFOCUSED_ONLY"; and set u -u
    set -l bin ntfy
    set -q __ntfy_bin; and set bin $__ntfy_bin
    set -l dur (math -s0 "floor($ms / 1000)").(string pad -c 0 -w 3 -- (math "$ms % 1000"))
    # Started by a shell that exits at once (fish waits for it): ntfy is
    # then nobody's child in fish, no job line, no zombie until the next
    # command, no SIGHUP when fish exits.
    command /bin/sh -c 'trap "" HUP INT QUIT; "$@" </dev/null >/dev/null 2>&1 &' \
        ntfy-hook $bin $opts done $u -L $lim --formatter $argv[1] $s $dur </dev/null >/dev/null 2>&1
end
