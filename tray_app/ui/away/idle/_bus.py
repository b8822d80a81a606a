"""Reading one D-Bus object from the GUI thread without holding it up.

Each call blocks for at most ``timeout_ms`` (a desktop service answers in about a millisecond;
one that hangs costs a quarter of a second, not the default 25 s). After a failure (no such
service, no answer, an error) the object is left alone for ``retry_s`` so that a hung service
is not waited on at every sample.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Final, Self

from PySide6.QtCore import SLOT, QObject, Slot
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage, QDBusVariant

__all__ = [
    "DEFAULT_TIMEOUT_MS",
    "RETRY_S",
    "BusObject",
    "BusReader",
    "ScreenSaverLock",
    "as_bool",
    "as_number",
]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_MS: Final = 250
RETRY_S: Final = 60.0
PROPERTIES: Final = "org.freedesktop.DBus.Properties"
# _Relay's slot, as SLOT("changed(bool)") writes it. PySide6's stubs type the slot as bytes, but
# QDBusConnection.connect/disconnect accept only this str (bytes raise ValueError).
_SLOT: Final = SLOT("changed(bool)")


def as_number(value: object) -> float | None:
    """A D-Bus integer as a float; anything else (a bool, a text) is no answer."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def as_bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


class _Relay(QObject):
    """Receives a D-Bus signal with one boolean (``ActiveChanged(b)``) and calls back."""

    def __init__(self, callback: Callable[[], None]) -> None:
        super().__init__()
        self._callback = callback

    @Slot(bool)
    def changed(self, _active: bool) -> None:
        self._callback()


class BusObject:
    """One object of one service on one bus connection."""

    def __init__(
        self,
        connection: QDBusConnection,
        service: str,
        path: str,
        interface: str,
        *,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        retry_s: float = RETRY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._connection = connection
        self.service = service
        self.path = path
        self.interface = interface
        self._timeout_ms = timeout_ms
        self._retry_s = retry_s
        self._clock = clock
        self._resting_until: float | None = None
        self._closed = False
        self._relay: _Relay | None = None
        self._watched: str | None = None
        self.last_error = ""

    def call(self, method: str, *args: object, interface: str | None = None) -> list[object] | None:
        """The reply's arguments, or None (failed, or resting after a failure)."""
        if self._closed:
            return None
        if self._resting_until is not None and self._clock() < self._resting_until:
            return None
        if not self._connection.isConnected():
            self.last_error = "not connected to the bus"
            return None
        message = QDBusMessage.createMethodCall(
            self.service, self.path, interface or self.interface, method
        )
        if args:
            message.setArguments(list(args))
        reply = self._connection.call(message, QDBus.CallMode.Block, self._timeout_ms)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            self.last_error = f"{reply.errorName()}: {reply.errorMessage()}"
            log.debug("%s %s.%s failed: %s", self.service, self.interface, method, self.last_error)
            self._resting_until = self._clock() + self._retry_s
            return None
        self._resting_until = None
        return list(reply.arguments())

    def first(self, method: str) -> object:
        """The first value of a method's reply (None when it failed or returned nothing)."""
        values = self.call(method)
        return values[0] if values else None

    def property(self, name: str) -> object:
        """A property of :attr:`interface` (``org.freedesktop.DBus.Properties.Get``)."""
        values = self.call("Get", self.interface, name, interface=PROPERTIES)
        if not values:
            return None
        value = values[0]
        return value.variant() if isinstance(value, QDBusVariant) else value

    def watch(self, signal: str, callback: Callable[[], None] | None) -> bool:
        """Call ``callback`` when the object emits ``signal(b)``; None stops watching."""
        self._unwatch()
        if callback is None or self._closed:
            return callback is None
        relay = _Relay(callback)
        ok: bool = self._connection.connect(  # type: ignore[call-overload]  # see _SLOT
            self.service, self.path, self.interface, signal, relay, _SLOT
        )
        if ok:
            self._relay, self._watched = relay, signal
        return ok

    def _unwatch(self) -> None:
        if self._relay is not None and self._watched is not None:
            self._connection.disconnect(  # type: ignore[call-overload]  # see _SLOT
                self.service, self.path, self.interface, self._watched, self._relay, _SLOT
            )
            self._relay.deleteLater()
        self._relay = None
        self._watched = None

    def close(self) -> None:
        self._unwatch()
        self._closed = True


class BusReader:
    """An idle or lock reader of one D-Bus object: :meth:`probe` keeps it only if it answers."""

    name = ""

    def __init__(
        self,
        connection: QDBusConnection,
        service: str,
        path: str,
        interface: str,
        **options: Any,
    ) -> None:
        self._bus = BusObject(connection, service, path, interface, **options)

    @classmethod
    def probe(cls, connection: QDBusConnection, **options: Any) -> Self | None:
        """The reader, if its service answers on ``connection``; else None (and closed)."""
        reader = cls(connection, **options)
        if reader.answers():
            return reader
        reader.close()
        return None

    def answers(self) -> bool:
        raise NotImplementedError

    def close(self) -> None:
        self._bus.close()


class ScreenSaverLock(BusReader):
    """The lock state from a screen saver's ``GetActive() -> b`` and ``ActiveChanged(b)``
    (GNOME's and freedesktop's have the same shape; subclasses name the service)."""

    SERVICE = ""
    PATH = ""

    def __init__(self, connection: QDBusConnection, **options: Any) -> None:
        super().__init__(connection, self.SERVICE, self.PATH, self.SERVICE, **options)

    def answers(self) -> bool:
        return self.locked() is not None

    def locked(self) -> bool | None:
        return as_bool(self._bus.first("GetActive"))

    def watch(self, callback: Callable[[], None] | None) -> None:
        self._bus.watch("ActiveChanged", callback)
