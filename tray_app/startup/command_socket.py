"""The tray's command server on Linux and macOS: a Unix socket from the standard library, watched
by the event loop through a :class:`QSocketNotifier`.

QtNetwork's QLocalServer does the same, but loading QtNetwork costs the running tray ~3 MiB for
two words a day (``show``, ``refresh``); on Windows, where the clients write to a named pipe,
QLocalServer is still used (:mod:`tray_app.startup.single_instance`).

The socket file is made readable and writable by its user only (``umask`` 077 while binding),
like QLocalServer's ``UserAccessOption``. A client writes one line and closes; a line longer than
:data:`MAX_LINE` is dropped, so nobody can make the tray hold more than that per connection.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)

MAX_LINE = 64
"""Bytes a command line may have (the longest known is 7)."""
_BACKLOG = 8


class _Connection:
    """One client: its socket, the notifier that says it has data, what it sent so far."""

    def __init__(self, sock: socket.socket, parent: QObject) -> None:
        self.sock = sock
        self.notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, parent)
        self.buffer = b""

    def close(self) -> None:
        self.notifier.setEnabled(False)
        self.notifier.deleteLater()
        with contextlib.suppress(OSError):
            self.sock.close()


class CommandSocket(QObject):
    """Listens on the socket file ``path``; every line received goes to ``on_line``."""

    def __init__(self, path: str, on_line: Callable[[str], None], parent: QObject | None = None):
        super().__init__(parent)
        self.path = path
        self._on_line = on_line
        self._sock: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._connections: dict[int, _Connection] = {}

    def listen(self) -> bool:
        """Bind and listen (a socket file left by a crashed tray is replaced: the caller holds
        the lock). False, logged, when the socket cannot be made."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o077)
        try:
            sock.bind(self.path)
            sock.listen(_BACKLOG)
        except OSError as error:
            sock.close()
            log.warning("cannot listen for commands: %s", error.strerror or error)
            return False
        finally:
            os.umask(old)
        sock.setblocking(False)
        self._sock = sock
        self._notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def close(self) -> None:
        """Stop listening, drop the clients, remove the socket file."""
        for connection in list(self._connections.values()):
            connection.close()
        self._connections.clear()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)

    def _accept(self) -> None:
        sock = self._sock
        if sock is None:
            return
        while True:
            try:
                client, _address = sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                log.warning("a command connection failed: %s", error.strerror or error)
                return
            client.setblocking(False)
            connection = _Connection(client, self)
            self._connections[client.fileno()] = connection
            connection.notifier.activated.connect(lambda *_args, c=connection: self._read(c))

    def _read(self, connection: _Connection) -> None:
        try:
            data = connection.sock.recv(MAX_LINE + 1)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client closed: a last line without its newline counts too
            self._lines(connection, final=True)
            self._drop(connection)
            return
        connection.buffer += data
        self._lines(connection, final=False)
        if len(connection.buffer) > MAX_LINE:
            log.info("dropped an over-long command from a local client")
            self._drop(connection)

    def _lines(self, connection: _Connection, *, final: bool) -> None:
        *lines, rest = connection.buffer.split(b"\n")
        connection.buffer = rest
        if final and rest:
            lines.append(rest)
            connection.buffer = b""
        for line in lines:
            self._on_line(line.decode("ascii", "replace").strip())

    def _drop(self, connection: _Connection) -> None:
        self._connections.pop(connection.sock.fileno(), None)
        connection.close()
