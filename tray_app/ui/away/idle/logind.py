"""systemd-logind: the session's ``LockedHint`` on the system bus.

``org.freedesktop.login1`` at ``/org/freedesktop/login1/session/auto`` (the caller's session, or
the user's graphical session for a program started outside it, e.g. by systemd's user manager),
interface ``org.freedesktop.login1.Session``, property ``LockedHint`` (b). GNOME, KDE and most
screen lockers set it; where nothing does it stays false, which is why it is only one voice among
the lock readers (any reader saying "locked" wins).
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtDBus import QDBusConnection

from tray_app.ui.away.idle._bus import BusReader, as_bool

__all__ = ["LogindLock"]

SERVICE: Final = "org.freedesktop.login1"
PATH: Final = "/org/freedesktop/login1/session/auto"
INTERFACE: Final = "org.freedesktop.login1.Session"


class LogindLock(BusReader):
    name = "systemd-logind LockedHint"

    def __init__(self, connection: QDBusConnection, **options: Any) -> None:
        super().__init__(connection, SERVICE, PATH, INTERFACE, **options)

    def answers(self) -> bool:
        return self.locked() is not None

    def locked(self) -> bool | None:
        return as_bool(self._bus.property("LockedHint"))
