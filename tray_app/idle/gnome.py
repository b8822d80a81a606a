"""GNOME: idle time from Mutter's idle monitor, the lock from GNOME's screen saver.

Both live on the session bus and work on Wayland and X11 alike:

- ``org.gnome.Mutter.IdleMonitor`` at ``/org/gnome/Mutter/IdleMonitor/Core``:
  ``GetIdletime() -> t`` (milliseconds since the last input);
- ``org.gnome.ScreenSaver`` at ``/org/gnome/ScreenSaver``: ``GetActive() -> b`` (the screen
  shield is up) and the signal ``ActiveChanged(b)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from PySide6.QtDBus import QDBusConnection

from tray_app.idle._bus import BusObject, as_bool, as_number

__all__ = ["GnomeScreenSaverLock", "MutterIdle"]

MUTTER_SERVICE: Final = "org.gnome.Mutter.IdleMonitor"
MUTTER_PATH: Final = "/org/gnome/Mutter/IdleMonitor/Core"
SCREENSAVER_SERVICE: Final = "org.gnome.ScreenSaver"
SCREENSAVER_PATH: Final = "/org/gnome/ScreenSaver"


class MutterIdle:
    """Idle time from GNOME's compositor."""

    name = "GNOME Mutter IdleMonitor"

    def __init__(self, connection: QDBusConnection, **options: Any) -> None:
        self._bus = BusObject(connection, MUTTER_SERVICE, MUTTER_PATH, MUTTER_SERVICE, **options)

    @classmethod
    def probe(cls, connection: QDBusConnection, **options: Any) -> MutterIdle | None:
        """The reader, if GNOME answers here."""
        reader = cls(connection, **options)
        if reader.idle_seconds() is None:
            reader.close()
            return None
        return reader

    def idle_seconds(self) -> float | None:
        milliseconds = as_number(self._bus.first("GetIdletime"))
        return None if milliseconds is None else max(milliseconds, 0.0) / 1000.0

    def close(self) -> None:
        self._bus.close()


class GnomeScreenSaverLock:
    """The lock state from GNOME Shell's screen shield."""

    name = "GNOME ScreenSaver"

    def __init__(self, connection: QDBusConnection, **options: Any) -> None:
        self._bus = BusObject(
            connection, SCREENSAVER_SERVICE, SCREENSAVER_PATH, SCREENSAVER_SERVICE, **options
        )

    @classmethod
    def probe(cls, connection: QDBusConnection, **options: Any) -> GnomeScreenSaverLock | None:
        reader = cls(connection, **options)
        if reader.locked() is None:
            reader.close()
            return None
        return reader

    def locked(self) -> bool | None:
        return as_bool(self._bus.first("GetActive"))

    def watch(self, callback: Callable[[], None] | None) -> None:
        self._bus.watch("ActiveChanged", callback)

    def close(self) -> None:
        self._bus.close()
