# Turn each shell script named on the command line into a C string:
# shell/ntfy.bash becomes `const char shell_bash[]`, one literal per line.
# One string, not an array of lines, so that the table needs no relocation
# when the program starts.
BEGIN {
	print "/* Generated from shell/ by shell/embed.awk: do not edit. */"
	name = ""
}
FNR == 1 {
	if (name != "")
		print "\t\"\";"
	name = FILENAME
	sub(/.*\./, "", name)
	print "\nextern const char shell_" name "[];"
	print "const char shell_" name "[] ="
}
# The embedded copy is what `eval "$(ntfy shell-integration)"` parses at every
# shell start: comments, blank lines and indentation are left out of it.
/^[ \t]*#/ || /^[ \t]*$/ {
	next
}
{
	sub(/^\t+/, "")
	out = ""
	for (i = 1; i <= length($0); i++) {
		c = substr($0, i, 1)
		if (c == "\\" || c == "\"" || c == "?")
			out = out "\\" c
		else if (c == "\t")
			out = out "\\t"
		else
			out = out c
	}
	print "\t\"" out "\\n\""
}
END {
	if (name != "")
		print "\t\"\";"
}
