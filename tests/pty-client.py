"""Run a terminal program (a tmux client) on a pty nobody looks at.

usage: pty-client.py FIFO CMD [ARGS...]

What CMD writes is read and dropped.  Each line written to FIFO is a
command: "in" or "out" sends the terminal's focus-in or focus-out report
(CSI I, CSI O) to CMD.  Exits when CMD does.
"""
import os
import select
import sys


def main():
    fifo, cmd = sys.argv[1], sys.argv[2:]
    pid, master = os.forkpty()
    if pid == 0:
        os.environ['TERM'] = 'xterm'
        os.execvp(cmd[0], cmd)
    ctl = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    keep = os.open(fifo, os.O_WRONLY)   # never see EOF on the FIFO
    pending = b''
    while True:
        try:
            ready, _, _ = select.select([master, ctl], [], [])
        except InterruptedError:
            continue
        if master in ready:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break
        if ctl in ready:
            pending += os.read(ctl, 1024)
            while b'\n' in pending:
                line, pending = pending.split(b'\n', 1)
                if line == b'in':
                    os.write(master, b'\033[I')
                elif line == b'out':
                    os.write(master, b'\033[O')
    os.close(keep)
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status) & 0xff)


main()
