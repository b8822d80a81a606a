"""GNOME: idle time from Mutter's idle monitor, the lock from GNOME's screen saver.

Both live on the session bus and work on Wayland and X11 alike:

- ``org.gnome.Mutter.IdleMonitor`` at ``/org/gnome/Mutter/IdleMonitor/Core``:
  ``GetIdletime() -> t`` (milliseconds since the last input);
- ``org.gnome.ScreenSaver`` at ``/org/gnome/ScreenSaver``: ``GetActive() -> b`` (the screen
  shield is up) and the signal ``ActiveChanged(b)``.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtDBus import QDBusConnection

from tray_app.ui.away.idle._bus import BusReader, ScreenSaverLock, as_number

__all__ = ["GnomeScreenSaverLock", "MutterIdle"]

MUTTER_SERVICE: Final = "org.gnome.Mutter.IdleMonitor"
MUTTER_PATH: Final = "/org/gnome/Mutter/IdleMonitor/Core"
SCREENSAVER_SERVICE: Final = "org.gnome.ScreenSaver"
SCREENSAVER_PATH: Final = "/org/gnome/ScreenSaver"


class MutterIdle(BusReader):
    """Idle time from GNOME's compositor."""

    name = "GNOME Mutter IdleMonitor"

    def __init__(self, connection: QDBusConnection, **options: Any) -> None:
        super().__init__(connection, MUTTER_SERVICE, MUTTER_PATH, MUTTER_SERVICE, **options)

    def answers(self) -> bool:
        return self.idle_seconds() is not None

    def idle_seconds(self) -> float | None:
        milliseconds = as_number(self._bus.first("GetIdletime"))
        return None if milliseconds is None else max(milliseconds, 0.0) / 1000.0


class GnomeScreenSaverLock(ScreenSaverLock):
    """The lock state from GNOME Shell's screen shield."""

    name = "GNOME ScreenSaver"
    SERVICE = SCREENSAVER_SERVICE
    PATH = SCREENSAVER_PATH
