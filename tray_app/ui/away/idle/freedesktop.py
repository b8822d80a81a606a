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

from typing import Any, Final

from PySide6.QtDBus import QDBusConnection

from tray_app.ui.away.idle._bus import BusReader, ScreenSaverLock, as_number

__all__ = ["FreedesktopIdle", "FreedesktopLock"]

SERVICE: Final = "org.freedesktop.ScreenSaver"
PATH: Final = "/org/freedesktop/ScreenSaver"


class FreedesktopIdle(BusReader):
    """Idle time from ``GetSessionIdleTime`` (``milliseconds``: the KDE unit)."""

    name = "org.freedesktop.ScreenSaver"

    def __init__(self, connection: QDBusConnection, *, milliseconds: bool, **options: Any) -> None:
        super().__init__(connection, SERVICE, PATH, SERVICE, **options)
        self._divisor = 1000.0 if milliseconds else 1.0

    def answers(self) -> bool:
        return self.idle_seconds() is not None

    def idle_seconds(self) -> float | None:
        value = as_number(self._bus.first("GetSessionIdleTime"))
        return None if value is None else max(value, 0.0) / self._divisor


class FreedesktopLock(ScreenSaverLock):
    """The lock state from ``GetActive``."""

    name = "org.freedesktop.ScreenSaver"
    SERVICE = SERVICE
    PATH = PATH
