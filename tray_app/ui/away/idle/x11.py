"""X11: the MIT-SCREEN-SAVER extension, through libXss (Debian: ``libxss1``) and ctypes.

``XScreenSaverQueryInfo`` reports the milliseconds since the last input the X server saw. The
reader keeps its own Xlib connection to the display (Qt talks to it through xcb, whose
connection Xlib cannot borrow); it is opened once and closed with :meth:`X11Idle.close`.

Only for X11 sessions: under Wayland the X server (XWayland) sees only the input that goes to
X windows, so its idle time grows while the person types into Wayland windows.

Xlib ends the process when the connection to the server breaks in the middle of a call; Qt's
own connection to the same server breaks at the same moment and ends the program anyway, but
tests must close the reader before they stop their X server.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from typing import Final

__all__ = ["X11Idle"]

log = logging.getLogger(__name__)

_LIBRARIES: Final = {"X11": "libX11.so.6", "Xss": "libXss.so.1"}


class _XScreenSaverInfo(ctypes.Structure):
    """``XScreenSaverInfo`` of ``<X11/extensions/scrnsaver.h>``."""

    _fields_ = (
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("eventMask", ctypes.c_ulong),
    )


def _load(stem: str) -> ctypes.CDLL | None:
    """The shared library by its Debian file name, else wherever the linker cache has it."""
    for name in (_LIBRARIES[stem], ctypes.util.find_library(stem)):
        if name is None:
            continue
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    return None


class X11Idle:
    """Idle time of an X display (see the module docstring). Build it with :meth:`open`."""

    name = "X11 MIT-SCREEN-SAVER"

    def __init__(self, xlib: ctypes.CDLL, xss: ctypes.CDLL, display: int, root: int) -> None:
        self._xlib = xlib
        self._xss = xss
        self._display: int | None = display
        self._root = root
        self._info = _XScreenSaverInfo()

    @classmethod
    def open(cls, display_name: str) -> X11Idle | None:
        """The reader for ``display_name`` (``":0"``), or None when libXss is missing, the
        display cannot be opened or has no MIT-SCREEN-SAVER extension (the reason is logged)."""
        xlib, xss = _load("X11"), _load("Xss")
        if xlib is None or xss is None:
            log.info("X11 idle time unavailable: libX11 or libXss (Debian: libxss1) not found")
            return None
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XOpenDisplay.argtypes = (ctypes.c_char_p,)
        xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        xlib.XDefaultRootWindow.argtypes = (ctypes.c_void_p,)
        xlib.XCloseDisplay.argtypes = (ctypes.c_void_p,)
        xss.XScreenSaverQueryExtension.restype = ctypes.c_int
        xss.XScreenSaverQueryExtension.argtypes = (
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        )
        xss.XScreenSaverQueryInfo.restype = ctypes.c_int
        xss.XScreenSaverQueryInfo.argtypes = (
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_XScreenSaverInfo),
        )
        display = xlib.XOpenDisplay(display_name.encode())
        if not display:
            log.info("X11 idle time unavailable: cannot open display %r", display_name)
            return None
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(
            display, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            log.info("X11 idle time unavailable: %r has no MIT-SCREEN-SAVER", display_name)
            xlib.XCloseDisplay(display)
            return None
        reader = cls(xlib, xss, display, xlib.XDefaultRootWindow(display))
        if reader.idle_seconds() is None:  # pragma: no cover - the extension answered above
            reader.close()
            return None
        return reader

    def idle_seconds(self) -> float | None:
        if self._display is None:
            return None
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root, self._info):
            return None  # pragma: no cover - only without the extension, checked in open()
        return float(self._info.idle) / 1000.0

    def close(self) -> None:
        if self._display is not None:
            self._xlib.XCloseDisplay(self._display)
            self._display = None
