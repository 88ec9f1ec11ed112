#!/usr/bin/python3
# A scripted HTTP(S) server on 127.0.0.1 for the network tests.
#
# fakehttpd.py --port-file F --log L [--script 503,503,200] [--delay S]
#              [--body TEXT] [--header 'Name: value']... [--tls CERT KEY]
#              [--port N] [--mode huge|cut|garbage] [--fail-rate R]
#              [--down-file F]
#
# Answers request N with the Nth status of --script (the last one repeats),
# or 503 at random for a share R of the requests with --fail-rate,
# after --delay seconds, with --body (default: a reply every seeded service
# takes as success) and the --header lines.  Every request is appended to
# the log as one JSON line: method, path, query, headers, body (and
# body_b64, the raw bytes in base64), form and the status it was answered
# with.  While the file given to --down-file
# exists, the server is down: it resets each connection at once and logs
# nothing, yet keeps its port, which no other test can then take.
# --mode makes a hostile server: `huge` answers 200 with a 100 MB body,
# `cut` closes the connection 10 bytes into a 1000-byte body, `garbage`
# answers with a line that is not HTTP.  `huge` writes the bytes it got
# out before the client hung up to LOG.sent.
import argparse
import base64
import json
import os
import random
import socket
import struct
import ssl
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEFAULT_OK = json.dumps({"status": 1, "request": "fake-request",
                         "id": "fakeid", "event": "message"})

ap = argparse.ArgumentParser()
ap.add_argument("--port-file", required=True)
ap.add_argument("--log", required=True)
ap.add_argument("--script", default="200")
ap.add_argument("--delay", type=float, default=0)
ap.add_argument("--body")
ap.add_argument("--header", action="append", default=[])
ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
ap.add_argument("--port", type=int, default=0)
ap.add_argument("--mode", choices=["huge", "cut", "garbage"])
ap.add_argument("--fail-rate", type=float, default=0)
ap.add_argument("--down-file")
args = ap.parse_args()

script = [int(s) for s in args.script.split(",")]
lock = threading.Lock()
count = [0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        url = urllib.parse.urlsplit(self.path)
        rec = {
            "method": self.command,
            "path": urllib.parse.unquote(url.path),
            "rawpath": url.path,
            "query": dict(urllib.parse.parse_qsl(url.query,
                                                 keep_blank_values=True)),
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": raw.decode("utf-8", errors="replace"),
            "body_b64": base64.b64encode(raw).decode(),
            "body_valid_utf8": True,
            "length": len(raw),
        }
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            rec["body_valid_utf8"] = False
        ctype = self.headers.get("Content-Type") or ""
        if ctype.startswith("application/x-www-form-urlencoded"):
            rec["form"] = dict(urllib.parse.parse_qsl(
                raw.decode("utf-8", errors="replace"),
                keep_blank_values=True))
        with lock:
            n = count[0]
            count[0] += 1
            status = script[min(n, len(script) - 1)]
            if random.random() < args.fail_rate:
                status = 503
            rec["status"] = status
            with open(args.log, "a") as f:
                f.write(json.dumps(rec) + "\n")
        if args.delay:
            time.sleep(args.delay)
        if args.mode:
            try:
                self.hostile()
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return
        if args.body is not None:
            body = args.body
        elif 200 <= status < 300:
            body = DEFAULT_OK
        else:
            body = json.dumps({"status": 0, "errors": ["fake error %d" %
                                                      status],
                               "error": "fake error %d" % status})
        data = body.encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for h in args.header:
                name, _, value = h.partition(":")
                self.send_header(name.strip(), value.strip())
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def hostile(self):
        if args.mode == "garbage":
            self.wfile.write(b"SSH-2.0-OpenSSH_9.2\r\n")
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        size = 100 * 1024 * 1024 if args.mode == "huge" else 1000
        self.send_header("Content-Length", str(size))
        self.end_headers()
        if args.mode == "cut":
            self.wfile.write(b'{"status":')
            self.wfile.flush()
            return
        chunk = b" " * 65536
        sent = 0
        try:
            for _ in range(size // len(chunk)):
                self.wfile.write(chunk)
                sent += len(chunk)
        finally:
            with open(args.log + ".sent", "w") as f:
                f.write("%d\n" % sent)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = handle_any


class Server(ThreadingHTTPServer):
    def verify_request(self, request, client_address):
        if args.down_file and os.path.exists(args.down_file):
            request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                               struct.pack("ii", 1, 0))
            request.close()
            return False
        return True


server = Server(("127.0.0.1", args.port), Handler)
server.daemon_threads = True
if args.tls:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.tls[0], args.tls[1])
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
tmp = args.port_file + ".tmp"
with open(tmp, "w") as f:
    f.write("%d\n" % server.server_address[1])
os.rename(tmp, args.port_file)
server.serve_forever()
