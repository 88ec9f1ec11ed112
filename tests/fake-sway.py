"""Answer i3 IPC GET_TREE requests like sway, from a recorded tree.

usage: fake-sway.py SOCKET TREE.json FOCUSED_PID [garbage]

Listens on the Unix socket SOCKET and answers every GET_TREE (type 4) with
TREE.json, where @FOCUSED_PID@ is replaced by FOCUSED_PID.  With
"garbage", the reply is not JSON.  Runs until killed.
"""
import os
import socket
import struct
import sys

MAGIC = b'i3-ipc'


def read_exact(conn, n):
    data = b''
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def main():
    path, tree, pid = sys.argv[1:4]
    garbage = len(sys.argv) > 4
    with open(tree) as f:
        body = f.read().replace('@FOCUSED_PID@', pid).encode()
    if garbage:
        body = b'{"not json'
    if os.path.exists(path):
        os.unlink(path)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(8)
    while True:
        conn, _ = srv.accept()
        with conn:
            head = read_exact(conn, 14)
            if head is None or head[:6] != MAGIC:
                continue
            length, kind = struct.unpack('=II', head[6:])
            if read_exact(conn, length) is None:
                continue
            if kind == 4:
                conn.sendall(MAGIC + struct.pack('=II', len(body), kind)
                             + body)


main()
