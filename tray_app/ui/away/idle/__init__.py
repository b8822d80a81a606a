"""Is the person at the computer: seconds since the last input and whether the screen is
locked, from whatever this system offers (one small module per source), behind one
interface, :class:`~tray_app.ui.away.idle.base.IdleSource`, chosen by
:func:`~tray_app.ui.away.idle.chooser.choose_source`.

The D-Bus readers use QtDBus (blocking calls with a short timeout, on the GUI thread); the
Wayland reader its own connection to the compositor (a ``QSocketNotifier`` on the GUI thread);
the others ctypes. Nothing here decides what an absence is: that is :mod:`tray_app.core.away`.
"""

from tray_app.ui.away.idle.base import (
    CombinedSource,
    Detection,
    DetectionLevel,
    IdleReader,
    IdleSource,
    LockReader,
)
from tray_app.ui.away.idle.chooser import choose_source

__all__ = [
    "CombinedSource",
    "Detection",
    "DetectionLevel",
    "IdleReader",
    "IdleSource",
    "LockReader",
    "choose_source",
]
