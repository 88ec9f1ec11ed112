# Turn each shell script named on the command line into a C array of lines:
# shell/ntfy.bash becomes `const char *const shell_bash[]`, ending in NULL.
BEGIN {
	print "/* Generated from shell/ by shell/embed.awk: do not edit. */"
	print "#include <stddef.h>"
	name = ""
}
FNR == 1 {
	if (name != "")
		print "\tNULL\n};"
	name = FILENAME
	sub(/.*\./, "", name)
	print "\nextern const char *const shell_" name "[];"
	print "const char *const shell_" name "[] = {"
}
{
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
	print "\t\"" out "\\n\","
}
END {
	if (name != "")
		print "\tNULL\n};"
}
