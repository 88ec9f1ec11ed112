#!/usr/bin/python3
"""Print the Notify calls a python-dbusmock notification daemon recorded,
one JSON object per line, for the desktop backend's tests."""
import json
import sys

import dbus

bus = dbus.SessionBus()
mock = bus.get_object("org.freedesktop.Notifications",
                      "/org/freedesktop/Notifications")
calls = mock.GetMethodCalls("Notify", dbus_interface="org.freedesktop.DBus.Mock")


def plain(v):
    if isinstance(v, dbus.Boolean):
        return bool(v)
    if isinstance(v, (dbus.Byte, dbus.Int16, dbus.Int32, dbus.Int64,
                      dbus.UInt16, dbus.UInt32, dbus.UInt64)):
        return int(v)
    if isinstance(v, dbus.String):
        return str(v)
    if isinstance(v, dbus.Dictionary):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, dbus.Array):
        return [plain(x) for x in v]
    return v


for _, args in calls:
    app, replaces, icon, summary, body, actions, hints, timeout = args
    hint_types = {str(k): type(x).__name__ for k, x in hints.items()}
    print(json.dumps({
        "app_name": plain(app), "icon": plain(icon), "summary": plain(summary),
        "body": plain(body), "hints": plain(hints), "hint_types": hint_types,
        "timeout": plain(timeout)}, sort_keys=True))
sys.stdout.flush()
