"""One tray per user: a lock file decides (:class:`~tray_app.startup.instance_lock.InstanceLock`,
taken before the icon shows), a local server carries commands from later launches (``show``)
and from the CLI (``refresh``): a Unix socket on Linux and macOS
(:mod:`tray_app.startup.command_socket`, no QtNetwork), QLocalServer's named pipe on Windows.

Signal: ``commandReceived(str)``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from tray_app.startup.instance_lock import InstanceLock

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
_KNOWN = frozenset({"show", "refresh"})


class _Server(Protocol):
    def listen(self) -> bool: ...

    def close(self) -> None: ...


class SingleInstance(QObject):
    """Holds the per-user lock while the tray runs."""

    commandReceived = Signal(str)

    def __init__(self, parent: QObject | None = None, lock: InstanceLock | None = None) -> None:
        super().__init__(parent)
        self._lock = lock or InstanceLock()
        self.name = self._lock.name
        self._server: _Server
        if sys.platform == "win32":
            self._server = _PipeServer(self.name, self._line, self)
        else:
            from tray_app.startup.command_socket import CommandSocket  # noqa: PLC0415

            self._server = CommandSocket(self.name, self._line, self)

    def acquire(self) -> bool:
        """True if this is the only tray (the lock, if not held yet); then start listening
        for commands."""
        if not self._lock.acquire():
            return False
        self._server.listen()  # the lock is ours: a socket left behind is a crashed tray's
        return True

    def release(self) -> None:
        """Stop listening and drop the lock (at quit)."""
        self._server.close()
        self._lock.release()

    def _line(self, command: str) -> None:
        if command in _KNOWN:
            self.commandReceived.emit(command)
        else:
            log.info("ignored an unknown command from a local client")


class _PipeServer(QObject):
    """QLocalServer on a named pipe, for Windows (the clients write to ``\\\\.\\pipe\\name``)."""

    def __init__(self, name: str, on_line: Callable[[str], None], parent: QObject) -> None:
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer  # noqa: PLC0415

        self.name = name
        self._on_line = on_line
        self._server: QLocalServer = QLocalServer(self)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer  # noqa: PLC0415

        QLocalServer.removeServer(self.name)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(self.name):
            log.warning("cannot listen for commands: %s", self._server.errorString())
            return False
        return True

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: QLocalSocket) -> None:
        while connection.canReadLine():
            line = bytes(connection.readLine().data()).decode("ascii", "replace").strip()
            self._on_line(line)
