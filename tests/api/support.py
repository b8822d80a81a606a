"""Helpers of the api tests: answers as the portal sends them, a scripted recording portal
for ``httpx.MockTransport`` and a fake clock."""

from __future__ import annotations

import json
import ssl
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from tray_app.api import TimemanClient

SECRET = "k3yS3cr3tW3bh00k"
USER_ID = 1
PORTAL = "https://portal.example.com"
WEBHOOK_URL = f"{PORTAL}/rest/{USER_ID}/{SECRET}/"
SERVER_NOW = 1_743_057_653.725821
RESET_AT = 1_743_058_253

Reply = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def envelope(
    result: object, *, start: float = SERVER_NOW, reset_at: float | None = RESET_AT
) -> dict[str, Any]:
    """A success envelope as the portal sends it (§5.3)."""
    timing: dict[str, object] = {"start": start, "finish": start + 0.03, "duration": 0.03}
    if reset_at is not None:
        timing["operating_reset_at"] = reset_at
        timing["operating"] = 0.01
    return {"result": result, "time": timing}


def ok(
    result: object, *, start: float = SERVER_NOW, reset_at: float | None = RESET_AT
) -> httpx.Response:
    """HTTP 200 with ``result``."""
    return httpx.Response(200, json=envelope(result, start=start, reset_at=reset_at))


def err(code: str, description: str = "", status: int = 400) -> httpx.Response:
    """An error envelope with ``status``."""
    return httpx.Response(status, json={"error": code, "error_description": description})


def raw(status: int, body: bytes | str, content_type: str = "application/json") -> httpx.Response:
    """Any body at all."""
    content = body.encode("utf-8") if isinstance(body, str) else body
    return httpx.Response(status, content=content, headers={"Content-Type": content_type})


def day(status: str, **fields: object) -> dict[str, object]:
    """A workday object; the usual fields for a running day unless overridden."""
    base: dict[str, object] = {"STATUS": status}
    if status != "CLOSED" or fields:
        base.update(
            {
                "TIME_START": "2025-03-27T08:00:01+02:00",
                "TIME_FINISH": None,
                "DURATION": "00:00:00",
                "TIME_LEAKS": "00:00:00",
                "ACTIVE": True,
                "IP_OPEN": "",
                "IP_CLOSE": "",
                "LAT_OPEN": 0,
                "LON_OPEN": 0,
                "LAT_CLOSE": 0,
                "LON_CLOSE": 0,
                "TZ_OFFSET": 7200,
            }
        )
    base.update(fields)
    return base


def day_ok(status: str, **fields: object) -> httpx.Response:
    """HTTP 200 with a workday in ``status``."""
    return ok(day(status, **fields))


SETTINGS = {
    "UF_TIMEMAN": True,
    "UF_TM_FREE": False,
    "UF_TM_MAX_START": "09:15:00",
    "UF_TM_MIN_FINISH": "17:45:00",
    "UF_TM_MIN_DURATION": "08:00:00",
    "UF_TM_ALLOWED_DELTA": "00:15:00",
    "ADMIN": True,
}


def rest_method(request: httpx.Request) -> str:
    """The REST method a request calls (the last path segment)."""
    return request.url.path.rsplit("/", 1)[-1]


@dataclass
class Portal:
    """A MockTransport handler: answers each REST method from its own script, records requests.

    ``on(method, *replies)`` queues replies (responses, exceptions to raise, or callables);
    ``always(method, reply)`` answers every further call. An unscripted call fails the test.
    """

    requests: list[httpx.Request] = field(default_factory=list)
    _queues: dict[str, deque[Reply]] = field(default_factory=lambda: defaultdict(deque))
    _always: dict[str, Reply] = field(default_factory=dict)

    def on(self, method: str, *replies: Reply) -> Portal:
        self._queues[method].extend(replies)
        return self

    def always(self, method: str, reply: Reply) -> Portal:
        self._always[method] = reply
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        method = rest_method(request)
        queue = self._queues.get(method)
        if queue:
            reply = queue.popleft()
        elif method in self._always:
            reply = self._always[method]
        else:
            raise AssertionError(f"unscripted request to {method}")
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, httpx.Response):
            return reply
        return reply(request)

    @property
    def methods(self) -> list[str]:
        return [rest_method(request) for request in self.requests]

    def sent(self, method: str) -> list[httpx.Request]:
        return [request for request in self.requests if rest_method(request) == method]

    def bodies(self, method: str) -> list[Any]:
        return [json.loads(request.content) for request in self.sent(method)]

    def pending(self) -> int:
        return sum(len(queue) for queue in self._queues.values())


@dataclass
class FakeClock:
    """``clock`` and ``sleep`` for the client: sleeping advances the time at once."""

    now: float = SERVER_NOW
    sleeps: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.sleeps.append(seconds)
        self.now += seconds


MakeClient = Callable[..., TimemanClient]


def assert_no_secret(exc: BaseException) -> None:
    """Nothing a person or a log could see of ``exc`` holds the secret."""
    for text in (str(exc), repr(exc), *map(str, exc.args), str(getattr(exc, "message", ""))):
        assert SECRET not in text


def ca_names(context: ssl.SSLContext) -> set[str]:
    """The common names of the CAs ``context`` trusts."""
    names: set[str] = set()
    for cert in context.get_ca_certs():
        subject: tuple[tuple[tuple[str, str], ...], ...] = cert["subject"]  # type: ignore[assignment]
        names.update(value for rdn in subject for key, value in rdn if key == "commonName")
    return names
