"""Look at and drive an EWMH window manager for the click tests.

usage: ewmh.py active              print the root's _NET_ACTIVE_WINDOW
       ewmh.py client WID          print the managed window holding WID
       ewmh.py activate WID        ask the window manager to activate the
                                   managed window holding WID, as a pager
       ewmh.py clients             print how many windows are managed
       ewmh.py bypid PID           print the managed window of process PID
       ewmh.py waiters             print the pids of ntfy's detached
                                   helpers that run on this $DISPLAY

The X server is the one in $DISPLAY.
"""
import os
import sys

from Xlib import X, Xatom, display, protocol


def prop(d, w, name, kind):
    p = w.get_full_property(d.intern_atom(name), kind)
    return list(p.value) if p is not None else []


def client_of(d, wid):
    root = d.screen().root
    clients = prop(d, root, '_NET_CLIENT_LIST', Xatom.WINDOW)
    w = d.create_resource_object('window', wid)
    while w.id != root.id:
        if w.id in clients:
            return w.id
        w = w.query_tree().parent
    return 0


def waiters():
    me = os.environ.get('DISPLAY', '').encode()
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as f:
                args = f.read().split(b'\0')
            with open('/proc/%s/environ' % pid, 'rb') as f:
                env = f.read().split(b'\0')
        except OSError:
            continue
        if b'__detached' in args and b'DISPLAY=' + me in env:
            print(pid)


def main():
    if sys.argv[1] == 'waiters':
        waiters()
        return
    d = display.Display()
    root = d.screen().root
    cmd = sys.argv[1]
    if cmd == 'active':
        a = prop(d, root, '_NET_ACTIVE_WINDOW', Xatom.WINDOW)
        print(a[0] if a else 0)
    elif cmd == 'client':
        print(client_of(d, int(sys.argv[2], 0)))
    elif cmd == 'bypid':
        for w in prop(d, root, '_NET_CLIENT_LIST', Xatom.WINDOW):
            o = d.create_resource_object('window', w)
            if prop(d, o, '_NET_WM_PID', Xatom.CARDINAL) == [int(sys.argv[2])]:
                print(w)
    elif cmd == 'clients':
        print(len(prop(d, root, '_NET_CLIENT_LIST', Xatom.WINDOW)))
    elif cmd == 'activate':
        w = client_of(d, int(sys.argv[2], 0))
        ev = protocol.event.ClientMessage(
            window=d.create_resource_object('window', w),
            client_type=d.intern_atom('_NET_ACTIVE_WINDOW'),
            data=(32, [2, X.CurrentTime, 0, 0, 0]))
        root.send_event(ev, event_mask=X.SubstructureRedirectMask |
                        X.SubstructureNotifyMask)
    else:
        sys.exit('unknown command ' + cmd)
    d.sync()
    d.close()


if __name__ == '__main__':
    main()
