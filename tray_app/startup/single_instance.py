"""One tray per user: a lock file decides (:class:`~tray_app.startup.instance_lock.InstanceLock`,
taken before the icon shows), a local server carries commands from later launches (``show``)
and from the CLI (``refresh``).

Signal: ``commandReceived(str)``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from tray_app.startup.instance_lock import InstanceLock

log = logging.getLogger(__name__)
_KNOWN = frozenset({"show", "refresh"})


class SingleInstance(QObject):
    """Holds the per-user lock while the tray runs."""

    commandReceived = Signal(str)

    def __init__(self, parent: QObject | None = None, lock: InstanceLock | None = None) -> None:
        super().__init__(parent)
        self._lock = lock or InstanceLock()
        self.name = self._lock.name
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._accept)

    def acquire(self) -> bool:
        """True if this is the only tray (the lock, if not held yet); then start listening
        for commands."""
        if not self._lock.acquire():
            return False
        # The lock is ours, so a socket file left behind is from a crashed tray.
        QLocalServer.removeServer(self.name)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(self.name):
            log.warning("cannot listen for commands: %s", self._server.errorString())
        return True

    def release(self) -> None:
        """Stop listening and drop the lock (at quit)."""
        self._server.close()
        if Path(self.name).exists():
            QLocalServer.removeServer(self.name)
        self._lock.release()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: QLocalSocket) -> None:
        while connection.canReadLine():
            command = bytes(connection.readLine().data()).decode("ascii", "replace").strip()
            if command in _KNOWN:
                self.commandReceived.emit(command)
            else:
                log.info("ignored an unknown command from a local client")
