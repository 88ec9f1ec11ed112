# Turn each shell script named on the command line into C strings:
# shell/ntfy.bash becomes `const char shell_bash[]`, one literal per line.
# One string, not an array of lines, so that the table needs no relocation
# when the program starts.
#
# The embedded copy is what `eval "$(ntfy shell-integration)"` parses at every
# shell start: comments, blank lines and indentation are left out of it.
# The functions between the lines "# lazy {" and "# } lazy" go to a second
# string, shell_bash_lazy, which shell-integration hands over unparsed (see
# there), and what follows to a third, shell_bash_after, which starts with a
# stub for each of those functions that the rest of the script calls: the
# stub runs __ntfy_load, which defines them all for good, and calls the real
# function.  A script without that region gets two empty strings.
BEGIN {
	print "/* Generated from shell/ by shell/embed.awk: do not edit. */"
	n = 0
}
FNR == 1 && n > 0 {
	flush()
}
FNR == 1 {
	name = FILENAME
	sub(/.*\./, "", name)
}
{
	line[++n] = $0
}
END {
	if (n > 0)
		flush()
}

function c_line(s,    out, i, c) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\" || c == "\"" || c == "?")
			out = out "\\" c
		else if (c == "\t")
			out = out "\\t"
		else
			out = out c
	}
	print "\t\"" out "\\n\""
}

function kept(s) {
	return s !~ /^[ \t]*#/ && s !~ /^[ \t]*$/
}

function flush(    i, j, lazy, outside, fn, nfn, s) {
	lazy = 0
	outside = ""
	nfn = 0
	for (i = 1; i <= n; i++) {
		if (line[i] == "# lazy {")
			lazy = 1
		else if (line[i] == "# } lazy")
			lazy = 0
		else if (lazy && match(line[i], /^[A-Za-z_][A-Za-z0-9_]*\(\) \{$/))
			fn[++nfn] = substr(line[i], 1, RLENGTH - 4)
		else if (!lazy && kept(line[i]))
			outside = outside " " line[i] " "
	}
	print "\nextern const char shell_" name "[];"
	print "const char shell_" name "[] ="
	lazy = 0
	for (i = 1; i <= n; i++) {
		s = line[i]
		sub(/^\t+/, "", s)
		if (line[i] == "# lazy {") {
			print "\t\"\";"
			print "\nextern const char shell_" name "_lazy[];"
			print "const char shell_" name "_lazy[] ="
			continue
		}
		if (line[i] == "# } lazy") {
			print "\t\"\";"
			print "\nextern const char shell_" name "_after[];"
			print "const char shell_" name "_after[] ="
			for (j = 1; j <= nfn; j++)
				if (index(outside, fn[j]) > 0)
					c_line(fn[j] "() { __ntfy_load && " fn[j] \
					    " \"$@\"; }")
			continue
		}
		if (kept(line[i]))
			c_line(s)
	}
	print "\t\"\";"
	if (nfn == 0) {
		print "\nextern const char shell_" name "_lazy[];"
		print "const char shell_" name "_lazy[] = \"\";"
		print "\nextern const char shell_" name "_after[];"
		print "const char shell_" name "_after[] = \"\";"
	}
	n = 0
}
