#!/usr/bin/python3
# The measuring half of the bench/ scripts.
#
# measure.py run N NAME CMD [NAME CMD]...
#     Runs the shell-quoted CMDs in turn, N rounds (so that load from the
#     rest of the machine falls on all of them alike), and prints for each
#     one line: NAME, then the medians of wall time (ms) and CPU user+sys
#     (ms) from wait4(), of peak RSS (KiB) from GNU time over up to 5 more
#     runs, then how many timed runs failed.
#
# measure.py pid-latency N NTFY_BIN DIR
#     Starts a process, has `NTFY_BIN -b file -o path DIR/out done --pid`
#     and a psutil-style poller (kill(pid, 0), 0.1 ms doubling to 40 ms, as
#     psutil <= 7.2.1 waits for a PID that is not its child) watch it, lets
#     it exit, and takes how long after the exit the file got its line
#     (inotify) and the poller saw it.  Prints N lines: "ntfy_ms poll_ms".
import ctypes
import os
import random
import shlex
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time


def run_once(argv):
    t0 = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[
        (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)])
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    ok = os.waitstatus_to_exitcode(status) == 0
    return wall * 1e3, (ru.ru_utime + ru.ru_stime) * 1e3, ru.ru_maxrss, ok


def cmd_run(args):
    n = int(args[0])
    pairs = [(args[i], shlex.split(args[i + 1]))
             for i in range(1, len(args), 2)]
    res = {name: [] for name, _ in pairs}
    for name, argv in pairs:		# warm the page cache
        run_once(argv)
    for _ in range(n):
        for name, argv in pairs:
            res[name].append(run_once(argv))
    for name, argv in pairs:
        r = res[name]
        print("%s %.3f %.3f %d %d" % (
            name, statistics.median(x[0] for x in r),
            statistics.median(x[1] for x in r),
            statistics.median(peak_rss(argv) for _ in range(min(n, 5))),
            sum(1 for x in r if not x[3])))


def peak_rss(argv):
    # Not from our own wait4(): a child of this Python process inherits its
    # high-water RSS.  GNU time forks from a process of a few hundred KiB.
    with tempfile.NamedTemporaryFile("r") as f:
        run_once(["/usr/bin/time", "-f", "%M", "-o", f.name] + argv)
        return int(f.read().split()[-1])


IN_MODIFY = 0x2
PR_SET_CHILD_SUBREAPER = 36
libc = ctypes.CDLL(None, use_errno=True)


def poll_like_psutil(pid, out):
    # psutil's wait for a PID that is not a child: kill(pid, 0) until it
    # fails, sleeping 0.1 ms, then twice as long each time up to 40 ms.
    interval = 0.0001
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            out.append(time.time())
            return
        time.sleep(interval)
        interval = min(interval * 2, 0.04)


def one_latency(ntfy, d, k):
    out = os.path.join(d, "out.%d" % k)
    open(out, "w").close()
    ino = libc.inotify_init1(os.O_CLOEXEC)
    if ino < 0 or libc.inotify_add_watch(ino, out.encode(), IN_MODIFY) < 0:
        sys.exit("inotify: %s" % os.strerror(ctypes.get_errno()))
    go_r, go_w = os.pipe()
    ts_r, ts_w = os.pipe()
    # The watched process is not ntfy's child nor, at first, ours: a
    # grandchild, handed to this harness (a subreaper) and reaped by a
    # thread the moment it exits, so that kill(pid, 0) then fails.
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    mid = os.fork()
    if mid == 0:
        if os.fork() == 0:
            os.close(go_w)
            os.write(ts_w, struct.pack("i", os.getpid()))
            os.read(go_r, 1)
            os.write(ts_w, struct.pack("d", time.time()))
            os._exit(0)
        os._exit(0)
    os.waitpid(mid, 0)
    os.close(go_r)
    os.close(ts_w)
    pid = struct.unpack("i", os.read(ts_r, 4))[0]
    reaper = threading.Thread(target=os.waitpid, args=(pid, 0))
    reaper.start()
    watcher = subprocess.Popen([ntfy, "-b", "file", "-o", "path", out,
                                "done", "--pid", str(pid)],
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL)
    seen = []
    poller = threading.Thread(target=poll_like_psutil, args=(pid, seen))
    poller.start()
    # Long enough for ntfy to be waiting and the poller at its 40 ms pace,
    # then at a random point of the poller's interval, as exits come.
    time.sleep(0.7 + random.uniform(0, 0.04))
    os.write(go_w, b"x")
    exited = struct.unpack("d", os.read(ts_r, 8))[0]
    os.read(ino, 4096)
    written = time.time()
    poller.join()
    reaper.join()
    watcher.wait()
    for fd in (ino, go_w, ts_r):
        os.close(fd)
    return (written - exited) * 1e3, (seen[0] - exited) * 1e3


def cmd_pid_latency(args):
    n, ntfy, d = int(args[0]), args[1], args[2]
    for k in range(n):
        print("%.3f %.3f" % one_latency(ntfy, d, k), flush=True)


signal.signal(signal.SIGPIPE, signal.SIG_DFL)
commands = {"run": cmd_run, "pid-latency": cmd_pid_latency}
if len(sys.argv) < 2 or sys.argv[1] not in commands:
    sys.exit("usage: measure.py run N NAME CMD... | "
             "pid-latency N NTFY_BIN DIR")
commands[sys.argv[1]](sys.argv[2:])
