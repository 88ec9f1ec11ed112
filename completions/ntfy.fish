# fish completion for ntfy(1).
#
# Nothing is listed here: subcommands come from `ntfy --help`, global
# options and each subcommand's words and options from
# `ntfy --complete-words [CMD]` (which reads its own usage lines),
# backends and their keys from `ntfy backends --names` and `--keys`, and
# config sections from `ntfy config show`.

function __ntfy_bin
    set -l t (commandline -opc)[1]
    if string match -q -- '*/*' $t; and test -x $t
        echo $t
    else
        command -s ntfy
    end
end

# "opt NAME NARGS CHOICES" or "word NAME" lines, as ntfy itself reads the
# usage line of CMD.
function __ntfy_usage -a bin cmd
    $bin --complete-words $cmd 2>/dev/null
end

# "NAME NARGS" for every global option.
function __ntfy_global_opts -a bin
    $bin --complete-words 2>/dev/null
end

# The number of arguments of option W in lines "NAME NARGS ...".
function __ntfy_nargs -a w
    for l in $argv[2..-1]
        set -l f (string split ' ' -- $l)
        if test "$f[1]" = "$w"
            echo $f[2]
            return
        end
    end
    echo 0
end

function __ntfy_backend_names -a bin cfg
    $bin backends --names 2>/dev/null
    if test -n "$cfg"
        $bin -c $cfg config show 2>/dev/null
    else
        $bin config show 2>/dev/null
    end | string replace -rf '^\[(.*)\]$' '$1'
end

function __ntfy_keys -a bin cfg name
    set -l type $name
    if test -n "$name"; and not $bin backends --names 2>/dev/null | string match -qx -- $name
        set -l c
        test -n "$cfg"; and set c -c $cfg
        set type ($bin $c config show 2>/dev/null | awk -v s="[$name]" '
            $0 == s { on = 1; next } /^\[/ { on = 0 }
            on && $1 == "backend" && $2 == "=" { print $3; exit }')
        test -n "$type"; or set type $name
    end
    $bin backends --keys 2>/dev/null | awk -v b="$type" 'b == "" || $1 == b { print $2 }' | sort -u
end

function __ntfy_complete
    set -l bin (__ntfy_bin)
    test -n "$bin"; or return
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l last (count $tokens)
    set -l gopts (__ntfy_global_opts $bin)
    set -l backend
    set -l cfg
    set -l sub
    set -l subi
    set -l i 2
    while test $i -le $last
        set -l w $tokens[$i]
        if not string match -q -- '-*' $w
            set sub $w
            set subi $i
            break
        end
        set -l n (__ntfy_nargs $w $gopts)
        if test (math $i + $n) -gt $last
            switch $w
                case -b --backend
                    __ntfy_backend_names $bin "$cfg"
                case -o --option
                    if test $i -eq $last
                        __ntfy_keys $bin "$cfg" "$backend"
                    else if string match -qr '(path|file)$' -- $tokens[(math $i + 1)]
                        __fish_complete_path $cur
                    end
                case -c --config
                    __fish_complete_path $cur
                case -l --log-level
                    $bin --help 2>/dev/null | string replace -rf '^ *-l, --log-level [A-Z]+ +' '' | string split -n ', ' | string split -n ' or '
            end
            return
        end
        switch $w
            case -b --backend
                set backend $tokens[(math $i + 1)]
            case -c --config
                set cfg $tokens[(math $i + 1)]
        end
        set i (math $i + 1 + $n)
    end

    set -l cmds ($bin --help 2>/dev/null | sed -n '/^commands:/,/^$/ s/^  \([a-z][a-z-]*\)  *\(.*\)/\1\t\2/p')
    if test -z "$sub"
        if string match -q -- '-*' $cur
            for l in $gopts
                string split ' ' -- $l | head -n 1
            end
        else
            printf '%s\n' $cmds
        end
        return
    end
    # Commands may be abbreviated when unique, as ntfy allows.
    set -l match (printf '%s\n' $cmds | string replace -rf "^($sub[^\t]*)\t.*" '$1')
    test (count $match) -eq 1; and set sub $match[1]

    set -l opts
    set -l words
    for l in (__ntfy_usage $bin $sub)
        set -l f (string split ' ' -- $l)
        if test "$f[1]" = opt
            set -a opts "$f[2] $f[3] $f[4]"
        else
            set -a words $f[2]
        end
    end
    # Whatever the usage says, these take a value.
    test "$sub" = done; and set -a opts '--pid 1 '
    test "$sub" = shell-integration; and set -a opts '-s 1 '
    set -l first
    set i (math $subi + 1)
    while test $i -le $last
        set -l w $tokens[$i]
        if test "$w" = --
            set first (math $i + 1)
            break
        else if string match -q -- '-*' $w
            set -l n (__ntfy_nargs $w $opts)
            if test (math $i + $n) -gt $last
                switch $w
                    case -p --pid
                        ps -u (id -u) -o pid= 2>/dev/null | string trim
                    case -b --backend
                        __ntfy_backend_names $bin "$cfg"
                    case -s --shell
                        set -l ch bash,zsh,fish
                        for o in $opts
                            set -l f (string split ' ' -- $o)
                            test "$f[1]" = $w; and test -n "$f[3]"; and set ch $f[3]
                        end
                        string split , -- $ch
                    case -o --output -c --config
                        __fish_complete_path $cur
                    case '*'
                        for o in $opts
                            set -l f (string split ' ' -- $o)
                            test "$f[1]" = $w; and test -n "$f[3]"; and string split , -- $f[3]
                        end
                end
                return
            end
            set i (math $i + 1 + $n)
            continue
        else if test "$sub" = done
            set first $i
            break
        end
        set i (math $i + 1)
    end

    if test "$sub" = done
        if test -z "$first"; and string match -q -- '-*' $cur
            for o in $opts
                string split ' ' -- $o | head -n 1
            end
            return
        end
        test -n "$first"; or set first (math $last + 1)
        complete -C (string join ' ' -- (string escape -- $tokens[$first..-1]) "$cur")
        return
    end
    if string match -q -- '-*' $cur
        for o in $opts
            string split ' ' -- $o | head -n 1
        end
    else if test (math $subi + 1) -gt $last; and test (count $words) -gt 0
        printf '%s\n' $words
    else if test "$sub" = config; and test "$tokens[(math $subi + 1)]" = import
        __fish_complete_path $cur
    else if test "$sub" = webpush-keys
        __fish_complete_path $cur
    end
end

complete -c ntfy -f -a '(__ntfy_complete)'
