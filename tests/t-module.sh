#!/bin/sh
# A user's compiled backend: loaded only when used, never from the current
# directory.
. "$TEST_SRCDIR/lib.sh"

mod=$TEST_BUILDDIR/.libs/custom.so
rec=$TEST_TMP/rec.jsonl
NTFY_TEST_MODULE_MARK=$TEST_TMP/loaded
export NTFY_TEST_MODULE_MARK
mkdir -p conf work
cp "$mod" work/custom.so
printf "[mine]\nbackend = ./custom.so\ngreeting = hi\n" > conf/ntfy.ini
chmod 600 conf/ntfy.ini
cd work || exit 99

check 'a module in the config is not loaded for a run that does not use it' '
	rm -f "$NTFY_TEST_MODULE_MARK"
	ntfy -c ../conf/ntfy.ini -b file -o path "$rec" send x
	ntfy -c ../conf/ntfy.ini -b file -o path "$rec" done true
	[ ! -e "$NTFY_TEST_MODULE_MARK" ]
	[ "$(wc -l < "$rec")" -eq 2 ]
'

check 'a relative module path is the config directory'\''s, not the current one' '
	rm -f "$NTFY_TEST_MODULE_MARK"
	expect_status 78 ntfy -c ../conf/ntfy.ini -b mine send x 2> err
	[ ! -e "$NTFY_TEST_MODULE_MARK" ]
	grep -q "cannot load module .$TEST_TMP/conf/custom.so.: No such file" err
	cp "$mod" ../conf/custom.so
	ntfy -v -c ../conf/ntfy.ini -b mine send x > out 2> err
	same out "custom backend: hi / x"
	grep -q "loading module .$TEST_TMP/conf/custom.so." err
	rm ../conf/custom.so
'

check 'the same for a path in backends, and for a config named relatively' '
	cp "$mod" ../conf/custom.so
	printf "backends = ./custom.so\n" > ../conf/list.ini
	(cd .. && ntfy -v -c conf/list.ini -o greeting yo send x) > out 2> err
	same out "custom backend: yo / x"
	grep -q "loading module .$TEST_TMP/conf/custom.so." err
	rm ../conf/custom.so
'

check 'a relative module path on the command line or in NTFY_BACKENDS: refused' '
	rm -f "$NTFY_TEST_MODULE_MARK"
	expect_status 78 ntfy -b ./custom.so -o greeting hi send x 2> err
	same err "ntfy: backend '\''./custom.so'\'' is a relative path; give the module'\''s absolute path"
	NTFY_BACKENDS=./custom.so expect_status 78 ntfy -o greeting hi send x 2> err
	NTFY_MODULE_DIR=. expect_status 0 ntfy -b file -o path "$rec" send x
	[ ! -e "$NTFY_TEST_MODULE_MARK" ]
'

check 'an absolute module path and ~/ still work' '
	ntfy -b "$PWD/custom.so" -o greeting hey send x > out
	same out "custom backend: hey / x"
	cp "$mod" "$HOME/custom.so"
	ntfy -b "~/custom.so" -o greeting hey send y > out
	same out "custom backend: hey / y"
'

check 'a FIFO as module: exit 78 at once' '
	mkfifo ../conf/fifo.so
	( sleep 5; exec 3<> ../conf/fifo.so ) 2> /dev/null &
	expect_status 78 ntfy -b "$TEST_TMP/conf/fifo.so" send x 2> err
	grep -q "cannot load module .*fifo.so.: it is a FIFO, not a regular file" err
'

check 'config check loads every section: an unknown key of a module is said' '
	cp "$mod" ../conf/custom.so
	printf "[mine]\nbackend = ./custom.so\ngreeting = hi\ncolour = red\n" > ../conf/check.ini
	ntfy -c ../conf/check.ini config check > out 2> err
	grep -q "\[mine\]: backend .custom. has no option .colour." err
	same out "../conf/check.ini: ok"
	rm ../conf/custom.so
'

check 'a module section with a secret in a 0644 config: warned when loaded' '
	cp "$mod" ../conf/custom.so
	printf "[mine]\nbackend = ./custom.so\ngreeting = hi\ntoken = sekrit-1\n" > ../conf/open.ini
	chmod 644 ../conf/open.ini
	ntfy -c ../conf/open.ini config show > out 2> err
	grep -q "holds secrets and is readable by others" err
	[ "$(grep -c "readable by others" err)" -eq 1 ]
	refute grep -q sekrit-1 out
	rm ../conf/custom.so
'

check 'the detached helper loads ntfy'\''s own modules by name, never a path' '
	rm -f "$NTFY_TEST_MODULE_MARK"
	expect_status 1 ntfy __detached "$PWD/custom.so" backend_custom < /dev/null > out
	expect_status 1 ntfy __detached ./custom.so backend_custom < /dev/null >> out
	[ ! -e "$NTFY_TEST_MODULE_MARK" ]
	[ "$(grep -c "a module is named, not a path" out)" = 2 ]
'

done_testing
