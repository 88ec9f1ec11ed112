#!/usr/bin/python3
# A syslog socket for the systemlog test: binds an AF_UNIX datagram socket
# at PATH and appends every datagram received to LOG as one JSON string a
# line.  Touches READY once bound.
import json
import os
import socket
import sys

path, log, ready = sys.argv[1:4]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
open(ready, "w").close()
while True:
    data = s.recv(65536)
    with open(log, "a") as f:
        f.write(json.dumps(data.decode("utf-8", "replace")) + "\n")
