"""Injected failures: what the network, a proxy or an overloaded portal can do to a request.

A test pushes faults; each applies to the next matching request(s) (``count`` of them,
optionally only for one REST method and/or HTTP method) and is then used up. A ``delay`` slows
the request down and lets it continue (possibly into the next matching fault); every other kind
replaces the portal's answer:

- ``status``: any status with a JSON error envelope (the §5.4 table by default: 500
  ``INTERNAL_SERVER_ERROR``, 503 ``QUERY_LIMIT_EXCEEDED``, 429 ``OPERATION_TIME_LIMIT``, ...)
  or a body of your own;
- ``html``: an HTML page instead of JSON (a captive portal, a maintenance page, a 502 proxy);
- ``malformed_json``: ``application/json`` that is cut off mid-object;
- ``drop``: the connection is closed after the request is read, with no answer at all;
- ``redirect``: ``302`` with a ``Location`` (a moved portal).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Literal

from tray_app.demo.envelope import encode

FaultKind = Literal["status", "html", "malformed_json", "delay", "drop", "redirect"]

_JSON = "application/json; charset=utf-8"
_HTML = "text/html; charset=utf-8"

# Default error envelopes per status, from the portal's system-error table.
_STANDARD_ERRORS: dict[int, tuple[str, str]] = {
    400: ("ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded"),
    401: ("expired_token", "The access token provided has expired."),
    403: ("ACCESS_DENIED", "REST is available only by subscription."),
    404: ("ERROR_METHOD_NOT_FOUND", "Method not found!"),
    405: ("ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage"),
    429: ("OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit."),
    500: ("INTERNAL_SERVER_ERROR", "Internal server error"),
    503: ("QUERY_LIMIT_EXCEEDED", "Too many requests"),
}

_HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>Bitrix24</title></head>"
    b"<body><h1>The portal is being updated</h1><p>Please try again later.</p></body></html>"
)
_CUT_JSON = b'{"result":{"STATUS":"OPENED","TIME_START":"2026-11-20T09:0'


@dataclass(frozen=True)
class Fault:
    """One injected failure. Build it with the class methods."""

    kind: FaultKind
    http_status: int = 200
    body: bytes = b""
    content_type: str = _JSON
    seconds: float = 0.0
    location: str = ""
    count: int = 1
    method: str | None = None
    http_method: str | None = None

    def __post_init__(self) -> None:
        if self.count < 1:
            raise ValueError("a fault applies to at least one request")

    @classmethod
    def status(
        cls,
        status: int,
        body: bytes | str | None = None,
        *,
        error: str | None = None,
        description: str | None = None,
        content_type: str = _JSON,
        count: int = 1,
        method: str | None = None,
        http_method: str | None = None,
    ) -> Fault:
        """An answer with ``status``: ``body`` verbatim, or a JSON error envelope."""
        if body is None:
            code, text = _STANDARD_ERRORS.get(status, ("", f"HTTP {status}"))
            payload = encode(
                {
                    "error": code if error is None else error,
                    "error_description": description or text,
                }
            )
        else:
            payload = body.encode("utf-8") if isinstance(body, str) else body
        return cls(
            "status", status, payload, content_type, count=count, method=method,
            http_method=http_method,
        )  # fmt: skip

    @classmethod
    def html(
        cls,
        status: int = 200,
        body: bytes | str | None = None,
        *,
        count: int = 1,
        method: str | None = None,
        http_method: str | None = None,
    ) -> Fault:
        """An HTML page where JSON was expected."""
        payload = _HTML_PAGE if body is None else body
        data = payload.encode("utf-8") if isinstance(payload, str) else payload
        return cls("html", status, data, _HTML, count=count, method=method, http_method=http_method)

    @classmethod
    def malformed_json(
        cls,
        status: int = 200,
        *,
        count: int = 1,
        method: str | None = None,
        http_method: str | None = None,
    ) -> Fault:
        """A JSON answer cut off in the middle."""
        return cls(
            "malformed_json", status, _CUT_JSON, count=count, method=method,
            http_method=http_method,
        )  # fmt: skip

    @classmethod
    def delay(
        cls,
        seconds: float,
        *,
        count: int = 1,
        method: str | None = None,
        http_method: str | None = None,
    ) -> Fault:
        """Hold the request for ``seconds`` (real time), then answer normally."""
        return cls("delay", seconds=seconds, count=count, method=method, http_method=http_method)

    @classmethod
    def drop(
        cls, *, count: int = 1, method: str | None = None, http_method: str | None = None
    ) -> Fault:
        """Close the connection without any answer."""
        return cls("drop", 0, count=count, method=method, http_method=http_method)

    @classmethod
    def redirect(
        cls,
        location: str,
        status: int = 302,
        *,
        count: int = 1,
        method: str | None = None,
        http_method: str | None = None,
    ) -> Fault:
        """``302 Found`` (or another 3xx) pointing at ``location``."""
        body = b"<html><body>Moved</body></html>"
        return cls(
            "redirect", status, body, _HTML, location=location, count=count, method=method,
            http_method=http_method,
        )  # fmt: skip

    def matches(self, rest_method: str, http_method: str) -> bool:
        if self.method is not None and _normalize(self.method) != rest_method:
            return False
        return self.http_method is None or self.http_method.upper() == http_method.upper()


def _normalize(method: str) -> str:
    name = method.strip().lower()
    return name.removesuffix(".json")


class FaultQueue:
    """Pending faults, consumed in the order they were pushed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[Fault] = []

    def push(self, fault: Fault) -> None:
        with self._lock:
            self._pending.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()

    @property
    def pending(self) -> list[Fault]:
        with self._lock:
            return list(self._pending)

    def take(self, rest_method: str, http_method: str) -> Fault | None:
        """The first fault matching this request, with one use consumed."""
        with self._lock:
            for index, fault in enumerate(self._pending):
                if fault.matches(rest_method, http_method):
                    if fault.count > 1:
                        self._pending[index] = replace(fault, count=fault.count - 1)
                    else:
                        del self._pending[index]
                    return fault
            return None
