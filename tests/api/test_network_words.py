"""Connection failures named in plain words (tray_app.api.network_words)."""

from __future__ import annotations

import errno
import socket

import httpx
import pytest

from tray_app.api import network_words as words
from tray_app.api.network_words import network_reason
from tray_app.core.message import Message


def _wrapped(cause: BaseException, text: str = "") -> httpx.ConnectError:
    """An httpx error raised ``from`` an OS error, as httpx does."""
    try:
        try:
            raise cause
        except BaseException as exc:
            raise httpx.ConnectError(text or str(exc)) from exc
    except httpx.ConnectError as outer:
        return outer


@pytest.mark.parametrize(
    ("cause", "expected"),
    [
        (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), words.REFUSED),
        (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), words.RESET),
        (ConnectionAbortedError(errno.ECONNABORTED, "aborted"), words.RESET),
        (BrokenPipeError(errno.EPIPE, "Broken pipe"), words.CLOSED),
        (TimeoutError(errno.ETIMEDOUT, "timed out"), words.TIMED_OUT),
        (OSError(errno.ENETUNREACH, "Network is unreachable"), words.NETWORK_UNREACHABLE),
        (OSError(errno.EHOSTUNREACH, "No route to host"), words.HOST_UNREACHABLE),
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), words.NO_NAME),
        (socket.gaierror(socket.EAI_AGAIN, "Temporary failure"), words.NAME_LOOKUP_FAILED),
    ],
)
def test_the_os_error_behind_httpx_is_named(cause: OSError, expected: str) -> None:
    assert network_reason(_wrapped(cause)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"[Errno {errno.ECONNREFUSED}] Connection refused", words.REFUSED),
        (f"[Errno {errno.ECONNRESET}] Connection reset by peer", words.RESET),
        (f"[Errno {socket.EAI_NONAME}] Name or service not known", words.NO_NAME),
    ],
)
def test_without_a_cause_the_errno_in_the_text_is_read(text: str, expected: str) -> None:
    assert network_reason(httpx.ConnectError(text)) == expected


def test_an_unknown_os_error_keeps_its_own_text() -> None:
    error = _wrapped(OSError(errno.EACCES, "Permission denied"), "[Errno 13] Permission denied")
    assert network_reason(error) == "[Errno 13] Permission denied"


def test_a_gaierror_of_another_kind_keeps_its_own_text() -> None:
    error = _wrapped(socket.gaierror(socket.EAI_SERVICE, "Servname not supported"), "odd")
    assert network_reason(error) == "odd"


def test_an_os_error_without_errno_keeps_the_text() -> None:
    assert network_reason(_wrapped(OSError("no number"))) == "no number"


def test_an_empty_text_names_the_class() -> None:
    assert network_reason(httpx.ConnectError("")) == "ConnectError"


def test_a_secret_in_the_text_is_redacted() -> None:
    text = "cannot reach https://portal.example.com/rest/1/k7dmwq2x9p4tz1ab/profile"
    assert "k7dmwq2x9p4tz1ab" not in str(network_reason(httpx.ConnectError(text)))


def test_a_cycle_in_the_chain_ends() -> None:
    first, second = httpx.ConnectError("a"), httpx.ConnectError("b")
    first.__context__, second.__context__ = second, first
    assert network_reason(first) == "a"


def test_every_phrase_is_a_message_listed_in_reasons() -> None:
    named = {
        value
        for name, value in vars(words).items()
        if name.isupper() and isinstance(value, Message) and name != "REASONS"
    }
    assert named == set(words.REASONS)
    assert len({reason.id for reason in words.REASONS}) == len(words.REASONS)
