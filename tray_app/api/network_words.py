"""Why a connection failed, in words a person reads, not ``[Errno 111] Connection refused``.

httpx raises its own exception with the operating system's text; the OS error itself is
usually its cause (httpx and httpcore re-raise ``from`` it). :func:`network_reason` finds the
OS error along that chain, or failing that the ``[Errno N]`` in the text, and names the
common cases in plain English, each a :class:`~tray_app.core.message.Message` the UI says in
its language (``REASONS``). Anything else keeps its own (redacted) text, which still says more
than nothing.
"""

from __future__ import annotations

import errno
import re
import socket
from typing import Final

from tray_app.api.redact import redact
from tray_app.core.message import Message, say

__all__ = ["REASONS", "network_reason"]

REFUSED: Final = say("net.refused", "the connection was refused")
NO_NAME: Final = say(
    "net.no_name", "the name of the server cannot be found (check the address and the network)"
)
NAME_LOOKUP_FAILED: Final = say(
    "net.lookup_failed", "the name of the server could not be looked up (no DNS answer)"
)
NETWORK_UNREACHABLE: Final = say("net.no_network", "there is no network")
HOST_UNREACHABLE: Final = say(
    "net.host_unreachable", "the server cannot be reached from this network"
)
RESET: Final = say("net.reset", "the connection was reset")
TIMED_OUT: Final = say("net.timed_out", "the connection timed out")
CLOSED: Final = say("net.closed", "the connection was closed")

REASONS: Final = (
    REFUSED,
    NO_NAME,
    NAME_LOOKUP_FAILED,
    NETWORK_UNREACHABLE,
    HOST_UNREACHABLE,
    RESET,
    TIMED_OUT,
    CLOSED,
)
"""Every phrase :func:`network_reason` may give besides an error's own text."""

_BY_ERRNO: Final = {
    errno.ECONNREFUSED: REFUSED,
    errno.ENETUNREACH: NETWORK_UNREACHABLE,
    errno.ENETDOWN: NETWORK_UNREACHABLE,
    errno.EHOSTUNREACH: HOST_UNREACHABLE,
    errno.EHOSTDOWN: HOST_UNREACHABLE,
    errno.ECONNRESET: RESET,
    errno.ECONNABORTED: RESET,
    errno.ETIMEDOUT: TIMED_OUT,
    errno.EPIPE: CLOSED,
}
_BY_CLASS: Final = (
    (ConnectionRefusedError, REFUSED),
    (ConnectionResetError, RESET),
    (ConnectionAbortedError, RESET),
    (BrokenPipeError, CLOSED),
    (TimeoutError, TIMED_OUT),
)
# getaddrinfo's codes (negative on Linux, positive elsewhere): no such name / try again.
_NO_NAME_CODES: Final = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
_LOOKUP_CODES: Final = {socket.EAI_AGAIN, socket.EAI_FAIL}
_ERRNO_IN_TEXT: Final = re.compile(r"^\[Errno (-?\d+)\]")


def network_reason(error: BaseException) -> Message | str:
    """Why ``error`` (an httpx transport error) happened, as a short lower-case phrase."""
    for link in _chain(error):
        if isinstance(link, OSError):
            found = _os_reason(link, link.errno)
            if found is not None:
                return found
    match = _ERRNO_IN_TEXT.match(str(error))
    if match is not None:
        found = _code_reason(int(match.group(1)))
        if found is not None:
            return found
    return redact(str(error)) or type(error).__name__


def _chain(error: BaseException) -> list[BaseException]:
    """``error``, its cause (or context), theirs, ...: each once."""
    seen: list[BaseException] = []
    link: BaseException | None = error
    while link is not None and all(link is not other for other in seen):
        seen.append(link)
        link = link.__cause__ or link.__context__
    return seen


def _os_reason(error: OSError, code: int | None) -> Message | None:
    if isinstance(error, socket.gaierror):
        return _lookup_reason(code)
    for kind, words in _BY_CLASS:
        if isinstance(error, kind):
            return words
    return None if code is None else _code_reason(code)


def _code_reason(code: int) -> Message | None:
    return _BY_ERRNO.get(code) or _lookup_reason(code)


def _lookup_reason(code: int | None) -> Message | None:
    if code in _NO_NAME_CODES:
        return NO_NAME
    if code in _LOOKUP_CODES:
        return NAME_LOOKUP_FAILED
    return None
