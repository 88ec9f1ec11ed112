"""Answer focus requests like Hyprland or niri on a Unix socket.

usage: fake-compositor.py hyprland|niri SOCKET PID [MODE]

hyprland: a request "j/activewindow" gets the active window as JSON, as
Hyprland's request socket answers hyprctl, and the connection is closed;
any other request gets Hyprland's text answer.
niri: a line "FocusedWindow" (a JSON string) gets one line
{"Ok":{"FocusedWindow":{...}}}, as niri's IPC documents; any other request
gets {"Err": ...}.
The focused window belongs to PID.  MODE: ok (the default), none (no
focused window), garbage (not JSON), error (niri's Err), silent (read the
request and never answer).  Each request is also appended to
SOCKET.requests.  Runs until killed.
"""
import json
import os
import socket
import sys

TITLE = "vim \x1b]0;pwned\x07 \u202eevil"


def hyprland_window(pid):
    return {
        "address": "0x55d5c7a1b2c0", "mapped": True, "hidden": False,
        "at": [10, 40], "size": [1900, 1030],
        "workspace": {"id": 1, "name": "1"}, "floating": False,
        "pseudo": False, "monitor": 0, "class": "kitty", "title": TITLE,
        "initialClass": "kitty", "initialTitle": "kitty", "pid": pid,
        "xwayland": False, "pinned": False, "fullscreen": 0,
        "fullscreenClient": 0, "grouped": [], "tags": [],
        "swallowing": "0x0", "focusHistoryID": 0,
    }


def niri_window(pid):
    return {
        "id": 12, "title": TITLE, "app_id": "foot", "pid": pid,
        "workspace_id": 1, "is_focused": True, "is_floating": False,
        "is_urgent": False,
    }


def answer(kind, request, pid, mode):
    if mode == "garbage":
        return b'{"not json'
    if kind == "hyprland":
        if request != b"j/activewindow":
            return b"Invalid\n" if mode == "none" else (
                "Window 55d5c7a1b2c0 -> %s:\n\tpid: %d\n" % (TITLE, pid)
            ).encode()
        return json.dumps({} if mode == "none" else
                          hyprland_window(pid)).encode()
    if request.rstrip(b"\n") != b'"FocusedWindow"':
        reply = {"Err": "error parsing request: unknown variant"}
    elif mode == "error":
        reply = {"Err": "the compositor is \x1b[2J shutting down"}
    else:
        reply = {"Ok": {"FocusedWindow":
                        None if mode == "none" else niri_window(pid)}}
    return (json.dumps(reply) + "\n").encode()


def main():
    kind, path, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
    mode = sys.argv[4] if len(sys.argv) > 4 else "ok"
    if os.path.exists(path):
        os.unlink(path)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(8)
    kept = []
    while True:
        conn, _ = srv.accept()
        if kind == "niri":
            request = b""
            while not request.endswith(b"\n"):
                chunk = conn.recv(4096)
                if not chunk:
                    break
                request += chunk
        else:
            request = conn.recv(8192)
        with open(path + ".requests", "ab") as f:
            f.write(request.rstrip(b"\n") + b"\n")
        if mode == "silent":
            kept.append(conn)
            continue
        conn.sendall(answer(kind, request, pid, mode))
        conn.close()


main()
