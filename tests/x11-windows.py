"""Make X11 windows and EWMH properties for the focus tests.

usage: x11-windows.py create            print two top-level windows and a
                                        child of the first, kept after exit
       x11-windows.py active WID|none   set (or delete) the root window's
                                        _NET_ACTIVE_WINDOW
       x11-windows.py pid WID PID       set the window's _NET_WM_PID

The X server is the one in $DISPLAY.
"""
import sys

from Xlib import X, Xatom, display


def main():
    d = display.Display()
    screen = d.screen()
    root = screen.root
    cmd = sys.argv[1]
    if cmd == 'create':
        d.set_close_down_mode(X.RetainPermanent)
        w1 = root.create_window(0, 0, 100, 100, 0, screen.root_depth)
        w2 = root.create_window(0, 0, 100, 100, 0, screen.root_depth)
        child = w1.create_window(0, 0, 10, 10, 0, screen.root_depth)
        print(w1.id, w2.id, child.id)
    elif cmd == 'active':
        atom = d.intern_atom('_NET_ACTIVE_WINDOW')
        if sys.argv[2] == 'none':
            root.delete_property(atom)
        else:
            root.change_property(atom, Xatom.WINDOW, 32, [int(sys.argv[2])])
    elif cmd == 'pid':
        w = d.create_resource_object('window', int(sys.argv[2]))
        w.change_property(d.intern_atom('_NET_WM_PID'), Xatom.CARDINAL, 32,
                          [int(sys.argv[3])])
    else:
        sys.exit('unknown command ' + cmd)
    d.sync()
    d.close()


main()
