"""KDE and others: ``org.freedesktop.ScreenSaver`` on the session bus.

- ``GetSessionIdleTime() -> u``: the time since the last input. Not in any specification, and
  its unit differs: KDE answers in milliseconds (KIdleTime), the GNOME-screensaver family
  (MATE, Xfce) in seconds; Plasma on Wayland refuses it (``NotSupported``) in recent versions.
- ``GetActive() -> b`` and the signal ``ActiveChanged(b)``: the screen is locked (KDE) or the
  screen saver runs (the others, which lock with it by default).

KDE serves the object at ``/ScreenSaver`` and ``/org/freedesktop/ScreenSaver``; the others at the
latter, which is used here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from PySide6.QtDBus import QDBusConnection

from tray_app.idle._bus import BusObject, as_bool, as_number

__all__ = ["FreedesktopIdle", "FreedesktopLock"]

SERVICE: Final = "org.freedesktop.ScreenSaver"
PATH: Final = "/org/freedesktop/ScreenSaver"


class FreedesktopIdle:
    """Idle time from ``GetSessionIdleTime`` (``milliseconds``: the KDE unit)."""

    name = "org.freedesktop.ScreenSaver"

    def __init__(self, connection: QDBusConnection, *, milliseconds: bool, **options: Any) -> None:
        self._bus = BusObject(connection, SERVICE, PATH, SERVICE, **options)
        self._divisor = 1000.0 if milliseconds else 1.0

    @classmethod
    def probe(
        cls, connection: QDBusConnection, *, milliseconds: bool, **options: Any
    ) -> FreedesktopIdle | None:
        reader = cls(connection, milliseconds=milliseconds, **options)
        if reader.idle_seconds() is None:
            reader.close()
            return None
        return reader

    def idle_seconds(self) -> float | None:
        value = as_number(self._bus.first("GetSessionIdleTime"))
        return None if value is None else max(value, 0.0) / self._divisor

    def close(self) -> None:
        self._bus.close()


class FreedesktopLock:
    """The lock state from ``GetActive``."""

    name = "org.freedesktop.ScreenSaver"

    def __init__(self, connection: QDBusConnection, **options: Any) -> None:
        self._bus = BusObject(connection, SERVICE, PATH, SERVICE, **options)

    @classmethod
    def probe(cls, connection: QDBusConnection, **options: Any) -> FreedesktopLock | None:
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
