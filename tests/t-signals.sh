#!/bin/sh
# The signal state a parent leaves ntfy: what must be undone, what stays.
. "$TEST_SRCDIR/lib.sh"

rec=$TEST_TMP/rec.jsonl
ign_chld='signal.signal(signal.SIGCHLD, signal.SIG_IGN)'

# sig_has FILE FIELD SIG: the mask FIELD (SigIgn, SigBlk) of the
# /proc/PID/status lines in FILE has signal number SIG.
sig_has() {
	/usr/bin/python3 -c 'import sys
for line in open(sys.argv[1]):
    k, _, v = line.partition(":")
    if k == sys.argv[2]:
        sys.exit(0 if int(v, 16) >> (int(sys.argv[3]) - 1) & 1 else 1)
sys.exit("no %s in %s" % (sys.argv[2], sys.argv[1]))' "$@"
}

check 'SIGCHLD ignored by the parent: done still reports the status' '
	expect_status 3 under_parent "$ign_chld" -b file -o path "$rec" \
		done sh -c "exit 3" 2> err
	[ "$(json_field "$rec" 1 retcode)" = 3 ]
	refute grep -q fatal err
'

check 'SIGCHLD ignored by the parent: the command backend sees its exit' '
	start=$(date +%s%3N)
	expect_status 0 under_parent "$ign_chld" -b command \
		-o command /bin/true -o timeout 5 send x 2> err
	took_under 4000 "$start" "$(date +%s%3N)"
	refute grep -q "was killed" err
'

check 'done: the command gets no ignored or blocked signal a shell would reset' '
	under_parent "$ign_chld
for s in (signal.SIGPIPE, signal.SIGALRM, signal.SIGUSR1):
    signal.signal(s, signal.SIG_IGN)
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR2, signal.SIGTERM})" \
		-b file -o path "$rec" done sh -c "grep ^Sig /proc/\$\$/status" > st
	for s in 10 13 14 17; do refute sig_has st SigIgn $s; done
	for s in 12 15; do refute sig_has st SigBlk $s; done
'

check 'done: SIGHUP ignored (nohup) and SIGINT ignored stay so for the command' '
	under_parent "signal.signal(signal.SIGHUP, signal.SIG_IGN)
signal.signal(signal.SIGINT, signal.SIG_IGN)" \
		-b file -o path "$rec" done sh -c "grep ^Sig /proc/\$\$/status" > st
	sig_has st SigIgn 1
	sig_has st SigIgn 2
	refute sig_has st SigIgn 13
'

done_testing
