#!/usr/bin/python3
# A syslog socket for the systemlog test: binds an AF_UNIX datagram socket
# at PATH and appends every datagram received to LOG as one JSON string a
# line.  Touches READY once bound.  With --udp, listens on a UDP port of
# 127.0.0.1 instead, written to PATH.
import json
import os
import socket
import sys

args = sys.argv[1:]
udp = args[0] == "--udp"
if udp:
    args = args[1:]
path, log, ready = args[0:3]
if udp:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    with open(path + ".tmp", "w") as f:
        f.write("%d\n" % s.getsockname()[1])
    os.rename(path + ".tmp", path)
else:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(path)
open(ready, "w").close()
while True:
    data = s.recv(65536)
    with open(log, "a") as f:
        f.write(json.dumps(data.decode("utf-8", "replace")) + "\n")
