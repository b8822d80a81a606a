"""The per-user lock that makes the tray a single instance (Qt core only: it is taken before
the icon is shown, so a second launch never shows a second icon)."""

from __future__ import annotations

from PySide6.QtCore import QLockFile

from tray_app.services.instance import server_name


class InstanceLock:
    """Held while the tray runs; :attr:`name` is where its command server listens."""

    def __init__(self) -> None:
        self.name = server_name()
        self._lock = QLockFile(self.name + ".lock")
        self._lock.setStaleLockTime(0)  # only a live process holds it
        self.held = False

    def acquire(self) -> bool:
        """True if this is the only tray of the user (also when this lock already holds it:
        QLockFile is not recursive)."""
        if not self.held:
            self.held = bool(self._lock.tryLock(200))
        return self.held

    def release(self) -> None:
        if self.held:
            self._lock.unlock()
            self.held = False
