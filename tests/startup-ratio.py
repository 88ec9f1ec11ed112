#!/usr/bin/python3
"""startup-ratio.py LIMIT FLOOR CMD...: fail when the median wall time of a
CMD is more than LIMIT times the median of FLOOR, run alternately."""
import shlex
import statistics
import subprocess
import sys
import time

limit = float(sys.argv[1])
floor, cmds = sys.argv[2], sys.argv[3:]
RUNS = 60


def once(argv):
    t = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - t


bad = 0
for cmd in cmds:
    argv = shlex.split(cmd)
    base, mine = [], []
    for _ in range(RUNS):
        base.append(once([floor]))
        mine.append(once(argv))
    ratio = statistics.median(mine) / statistics.median(base)
    print(f"{ratio:.2f}x the empty program: {cmd}")
    if ratio > limit:
        bad = 1
sys.exit(bad)
