"""A stand-in Wayland compositor for the idle reader's tests: a thread serving one client on a
UNIX socket, in the wire format of wayland.xml, written here with ``struct`` on its own (not with
the codec under test, so the two cannot share a mistake).

It announces the globals it is given, answers ``wl_display.sync`` with ``done``, records the
binds, the ``get_idle_notification`` request and the ``destroy`` requests, and sends events when
the test asks (:meth:`FakeCompositor.event`, :meth:`FakeCompositor.error`, :meth:`raw`).
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

SOCKET_NAME = "wayland-fake"
SEAT_GLOBAL = (1, "wl_seat", 7)
NOTIFIER_GLOBAL = (2, "ext_idle_notifier_v1", 1)
COMPOSITOR_GLOBAL = (3, "wl_compositor", 4)
_POLL_S = 0.05


def message(object_id: int, opcode: int, *args: int | str) -> bytes:
    body = b""
    for arg in args:
        if isinstance(arg, str):
            data = arg.encode() + b"\0"
            body += struct.pack("=I", len(data)) + data + b"\0" * ((4 - len(data) % 4) % 4)
        else:
            body += struct.pack("=I", arg)
    return struct.pack("=II", object_id, (8 + len(body)) << 16 | opcode) + body


def _string(body: bytes, offset: int) -> tuple[str, int]:
    (length,) = struct.unpack_from("=I", body, offset)
    text = body[offset + 4 : offset + 4 + length - 1].decode()
    return text, offset + 4 + (length + 3) // 4 * 4


@dataclass
class Bind:
    name: int
    version: int
    new_id: int


@dataclass
class Notification:
    new_id: int
    timeout_ms: int
    seat: int
    notifier: int


@dataclass
class FakeCompositor:
    """Serves one client at ``folder/wayland-fake``. ``globals`` are (name, interface, version);
    ``answer_sync=False`` never answers ``sync``; ``split`` sends every reply in three pieces a
    moment apart (a header cut in two, a body cut in two); ``refuse_notification`` answers
    ``get_idle_notification`` with ``wl_display.error``; ``registry_reply`` is sent instead of
    the globals."""

    folder: Path
    globals: tuple[tuple[int, str, int], ...] = (COMPOSITOR_GLOBAL, SEAT_GLOBAL, NOTIFIER_GLOBAL)
    answer_sync: bool = True
    split: bool = False
    refuse_notification: bool = False
    registry_reply: bytes | None = None
    binds: dict[str, Bind] = field(default_factory=dict)
    notification: Notification | None = None
    destroyed: list[int] = field(default_factory=list)
    connected: threading.Event = field(default_factory=threading.Event)
    closed: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.path = self.folder / SOCKET_NAME
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(self.path))
        self._server.listen(1)
        self._server.settimeout(_POLL_S)
        self._client: socket.socket | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._registry = 0
        self._serial = 0
        self._thread = threading.Thread(target=self._serve, name="fake-compositor", daemon=True)
        self._thread.start()

    @property
    def env(self) -> dict[str, str]:
        return {"WAYLAND_DISPLAY": SOCKET_NAME, "XDG_RUNTIME_DIR": str(self.folder)}

    # -- what the test does ---------------------------------------------------------------------

    def event(self, opcode: int) -> None:
        """Send ``opcode`` (0 idled, 1 resumed) on the client's notification."""
        assert self.notification is not None, "the client asked for no notification"
        self.raw(message(self.notification.new_id, opcode))

    def error(self, object_id: int, code: int, text: str) -> None:
        self.raw(message(1, 0, object_id, code, text))

    def raw(self, data: bytes) -> None:
        with self._lock:
            assert self._client is not None, "no client"
            if not self.split:
                self._client.sendall(data)
                return
            for piece in (data[:5], data[5:-3], data[-3:]):
                self._client.sendall(piece)
                time.sleep(_POLL_S)

    def _reply(self, data: bytes) -> None:
        """Send from the serving thread: the client may have gone meanwhile (after an error)."""
        with contextlib.suppress(OSError):
            self.raw(data)

    def disconnect(self) -> None:
        """Close the client's connection, as a compositor that quits does."""
        with self._lock:
            assert self._client is not None
            self._client.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self._server.close()

    # -- serving --------------------------------------------------------------------------------

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            client.settimeout(_POLL_S)
            self._client = client
            self.connected.set()
            try:
                self._read(client)
            finally:
                client.close()
                self.closed.set()
            return

    def _read(self, client: socket.socket) -> None:
        buffer = b""
        while not self._stop.is_set():
            try:
                data = client.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            if not data:
                return
            buffer += data
            while len(buffer) >= 8:
                object_id, word = struct.unpack_from("=II", buffer)
                size = word >> 16
                if len(buffer) < size:
                    break
                self._request(object_id, word & 0xFFFF, buffer[8:size])
                buffer = buffer[size:]

    def _request(self, object_id: int, opcode: int, body: bytes) -> None:
        def words(count: int, at: int = 0) -> tuple[int, ...]:
            return struct.unpack_from(f"={count}I", body, at)

        notifier = self.binds.get("ext_idle_notifier_v1")
        if (object_id, opcode) == (1, 1):  # wl_display.get_registry
            (self._registry,) = words(1)
            reply = b"".join(message(self._registry, 0, *item) for item in self.globals)
            self._reply(reply if self.registry_reply is None else self.registry_reply)
        elif (object_id, opcode) == (1, 0):  # wl_display.sync
            (callback,) = words(1)
            self._serial += 1
            if self.answer_sync:
                self._reply(message(callback, 0, self._serial) + message(1, 1, callback))
        elif object_id == self._registry and opcode == 0:  # wl_registry.bind
            (name,) = words(1)
            interface, offset = _string(body, 4)
            version, new_id = words(2, offset)
            self.binds[interface] = Bind(name, version, new_id)
            if interface == "wl_seat":
                self._reply(message(new_id, 0, 3))  # capabilities: pointer and keyboard
        elif notifier is not None and object_id == notifier.new_id and opcode == 1:
            new_id, timeout_ms, seat = words(3)
            self.notification = Notification(new_id, timeout_ms, seat, notifier.new_id)
            if self.refuse_notification:
                self._reply(message(1, 0, notifier.new_id, 0, "no idle notifications for you"))
        elif opcode == 0:  # destroy (of the notification or the notifier)
            self.destroyed.append(object_id)
            self._reply(message(1, 1, object_id))  # wl_display.delete_id
