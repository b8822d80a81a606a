"""The Wayland wire protocol, as much as the idle reader needs: the codec and one connection.

The format (wayland.xml, "Wire Format"): each message is 32-bit words in host byte order, the
object id, then ``size_in_bytes << 16 | opcode``, then the arguments: int, uint, object and
new_id take a word; a string is its length (with the closing NUL) and the bytes, padded to a
word. The functions :func:`encode`, :func:`decode`, :func:`read_uint` and :func:`read_string`
are that codec and nothing more; :class:`Wire` is the socket to the compositor
(``$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY``, :func:`socket_path`). No Qt.
"""

from __future__ import annotations

import os
import select
import socket
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

__all__ = [
    "HEADER_SIZE",
    "Message",
    "Wire",
    "WireBroken",
    "WireError",
    "decode",
    "encode",
    "pack_string",
    "pack_uint",
    "read_string",
    "read_uint",
    "socket_path",
]

HEADER_SIZE: Final = 8
_WORD: Final = struct.Struct("=I")
_HEADER: Final = struct.Struct("=II")
_READ_SIZE: Final = 4096


class WireError(ValueError):
    """Bytes that are not a well-formed Wayland message."""


@dataclass(frozen=True)
class Message:
    """One message: to or from ``object_id``, its ``opcode``, the encoded arguments."""

    object_id: int
    opcode: int
    body: bytes


def pack_uint(value: int) -> bytes:
    """A uint, object or new_id argument."""
    return _WORD.pack(value)


def pack_string(text: str) -> bytes:
    """A string argument: the length with the NUL, the UTF-8 bytes, the NUL, padding."""
    data = text.encode() + b"\0"
    return _WORD.pack(len(data)) + data + b"\0" * (-len(data) % 4)


def encode(object_id: int, opcode: int, *args: int | str) -> bytes:
    """The message ``opcode`` to ``object_id``; ints go as uint words, strs as strings."""
    body = b"".join(pack_string(arg) if isinstance(arg, str) else pack_uint(arg) for arg in args)
    size = HEADER_SIZE + len(body)
    return _HEADER.pack(object_id, size << 16 | opcode) + body


def decode(buffer: bytes) -> tuple[list[Message], bytes]:
    """The complete messages at the start of ``buffer`` and the bytes left after them (the
    start of a message that has not fully arrived)."""
    messages: list[Message] = []
    offset = 0
    while len(buffer) - offset >= HEADER_SIZE:
        object_id, word = _HEADER.unpack_from(buffer, offset)
        size, opcode = word >> 16, word & 0xFFFF
        if size < HEADER_SIZE or size % 4:
            raise WireError(f"a message of {size} bytes")
        if len(buffer) - offset < size:
            break
        messages.append(Message(object_id, opcode, buffer[offset + HEADER_SIZE : offset + size]))
        offset += size
    return messages, buffer[offset:]


def read_uint(body: bytes, offset: int = 0) -> tuple[int, int]:
    """The uint (object, new_id) at ``offset`` of a message body, and the offset after it."""
    if len(body) - offset < 4:
        raise WireError("a message too short for its arguments")
    return _WORD.unpack_from(body, offset)[0], offset + 4


def read_string(body: bytes, offset: int = 0) -> tuple[str, int]:
    """The string at ``offset`` ("" for a null string), and the offset after it."""
    length, start = read_uint(body, offset)
    end = start + length + (-length % 4)
    if len(body) < end:
        raise WireError("a string longer than its message")
    if length == 0:
        return "", end
    data = body[start : start + length]
    if data[-1] != 0:
        raise WireError("a string without its closing NUL")
    return data[:-1].decode(errors="replace"), end


def socket_path(env: Mapping[str, str]) -> str | None:
    """Where the compositor listens, as libwayland finds it; None without ``WAYLAND_DISPLAY``
    (libwayland would try ``wayland-0``; a session without the variable is not Wayland's)."""
    display = env.get("WAYLAND_DISPLAY", "")
    if not display:
        return None
    if os.path.isabs(display):
        return display
    runtime = env.get("XDG_RUNTIME_DIR", "")
    return os.path.join(runtime, display) if runtime else None


class WireBroken(Exception):
    """The connection is of no more use; the text says why (for the log)."""


class Wire:
    """The socket and the bytes read from it that are not a whole message yet."""

    def __init__(self, sock: socket.socket) -> None:
        self._socket = sock
        self._buffer = b""

    @classmethod
    def connect(cls, path: str, timeout_s: float) -> Wire:
        """A connection to the compositor listening at ``path``, waiting at most
        ``timeout_s``; raises ``OSError``."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(timeout_s)
            sock.connect(path)
            sock.setblocking(False)
        except OSError:
            sock.close()
            raise
        return cls(sock)

    def fileno(self) -> int:
        return self._socket.fileno()

    def send(self, *messages: bytes) -> None:
        try:
            self._socket.sendall(b"".join(messages))
        except OSError as error:
            raise WireBroken(f"cannot write to the compositor: {error}") from error

    def wait(self, timeout_s: float) -> bool:
        """Whether something can be read before ``timeout_s``."""
        readable, _, _ = select.select([self._socket], [], [], max(timeout_s, 0.0))
        return bool(readable)

    def receive(self) -> list[Message]:
        """The messages complete with what can be read now (without waiting). At the end of the
        stream, the last messages first (a compositor sends ``wl_display.error`` and closes),
        then :class:`WireBroken` at the next call."""
        chunks: list[bytes] = []
        closed = False
        while not closed:
            try:
                chunk = self._socket.recv(_READ_SIZE)
            except BlockingIOError:
                break
            except OSError as error:
                raise WireBroken(f"cannot read from the compositor: {error}") from error
            closed = not chunk
            chunks.append(chunk)
        try:
            messages, self._buffer = decode(self._buffer + b"".join(chunks))
        except WireError as error:
            raise WireBroken(f"the compositor sent {error}") from error
        if closed and not messages:
            raise WireBroken("the compositor closed the connection")
        return messages

    def close(self) -> None:
        self._socket.close()
