"""Run a command with a new pty as its controlling terminal.

usage: ptyrun.py [--no-tty] [--stdio] [--out FILE] [--size COLSxROWS]
                 -- CMD [ARGS...]

The command keeps the caller's standard input, output and error (unless
--stdio makes them the pty too, as a program like tmux wants); only
/dev/tty is the new pty.  Every byte the command writes to /dev/tty is
appended to FILE, untouched (the pty is raw).  With --no-tty the command
runs in a new session without any controlling terminal.  Exits with the
command's status (128 + N when killed by signal N).
"""
import argparse
import fcntl
import os
import select
import struct
import sys
import termios
import tty


def status_of(st):
    if os.WIFSIGNALED(st):
        return 128 + os.WTERMSIG(st)
    return os.WEXITSTATUS(st)


def no_tty(cmd):
    pid = os.fork()
    if pid == 0:
        os.setsid()
        os.execvp(cmd[0], cmd)
    return status_of(os.waitpid(pid, 0)[1])


def with_pty(cmd, out, cols, rows, stdio):
    master, slave = os.openpty()
    tty.setraw(slave)
    fcntl.ioctl(slave, termios.TIOCSWINSZ,
                struct.pack("HHHH", rows, cols, 0, 0))
    pid = os.fork()
    if pid == 0:
        os.close(master)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        if stdio:
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
        os.close(slave)
        os.execvp(cmd[0], cmd)
    # Keep the slave open: the pty never hangs up before it is drained.
    os.set_blocking(master, False)
    status = None
    with open(out, "ab") as f:
        while True:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    data = os.read(master, 65536)
                except BlockingIOError:
                    data = b""
                f.write(data)
                f.flush()
                continue
            if status is not None:
                break
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = status_of(st)
    os.close(slave)
    os.close(master)
    return status


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--no-tty", action="store_true")
    p.add_argument("--stdio", action="store_true")
    p.add_argument("--out", default="/dev/null")
    p.add_argument("--size", default="80x24")
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    a = p.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not cmd:
        p.error("no command")
    if a.no_tty:
        sys.exit(no_tty(cmd))
    cols, rows = (int(x) for x in a.size.split("x"))
    sys.exit(with_pty(cmd, a.out, cols, rows, a.stdio))


if __name__ == "__main__":
    main()
