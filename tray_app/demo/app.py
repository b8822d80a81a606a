"""From an HTTP request to an HTTP answer, independent of sockets.

Order per request: parse URL and parameters, apply an injected fault (if one matches), check
the per-IP rate limit, run the REST call, record what happened. Only paths under ``/rest/`` are
the REST API; anything else gets the portal's HTML 404 page, except the simulator's own
:data:`STATS_PATH` (not a portal URL): the rate bucket's counts as JSON
(:meth:`~tray_app.demo.limits.RateStats.as_json`), answered without a fault, a charge to the
bucket or an entry in the request log.

URL shapes (``.json`` is the default transport and is stripped; method names are lower-cased):
``/rest/<user>/<secret>/<method>`` (incoming webhook), ``/rest/<method>`` (OAuth style: without
a webhook there are no credentials, so ``NO_AUTH_FOUND``, or ``invalid_token`` when an ``auth``
parameter is present), ``/rest/api/<user>/<secret>/<method>`` (REST 3.0, served by
:class:`~tray_app.demo.records.RestV3`; without one, every REST 3.0 call is a 404 in its shape).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from tray_app.demo.clock import SimClock
from tray_app.demo.envelope import encode
from tray_app.demo.errors import method_not_found, query_limit_exceeded
from tray_app.demo.faults import Fault, FaultQueue
from tray_app.demo.limits import LeakyBucket
from tray_app.demo.params import Params, body_params, merge, parse_str, upper_keys
from tray_app.demo.recording import Headers, RecordedRequest, RequestLog
from tray_app.demo.records import RestV3
from tray_app.demo.rest import Credentials, RestEngine

_JSON = "application/json; charset=utf-8"
_REST_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Type", _JSON),
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Headers", "origin, content-type, accept"),
    ("X-Content-Type-Options", "nosniff"),
)
_NOT_FOUND_PAGE = b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>"
_WEBHOOK_PARTS = 3
STATS_PATH = "/simulator/stats"


@dataclass(frozen=True)
class IncomingRequest:
    http_method: str
    target: str  # path and query as sent
    headers: Headers
    body: bytes
    client_ip: str
    https: bool


@dataclass(frozen=True)
class Outgoing:
    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    drop: bool = False  # close the connection without answering


@dataclass(frozen=True)
class Route:
    kind: str  # "webhook", "token", "v3", "rest", "other"
    method: str = ""
    credentials: Credentials | None = None


@dataclass
class _Parsed:
    route: Route
    path: str
    query: Params
    params: Params = field(default_factory=dict)
    json: object | None = None


def parse_route(path: str) -> Route:
    """Which kind of REST URL ``path`` is, and the method and credentials in it."""
    parts = path.split("/")
    if len(parts) < 3 or parts[0] != "" or parts[1] != "rest":
        return Route("other")
    rest = parts[2:]
    if len(rest) > 1 and rest[-1] == "":
        rest = rest[:-1]
    if rest and rest[0] == "api":
        if len(rest) == 1 + _WEBHOOK_PARTS:
            return Route("v3", normalize_method(rest[-1]), Credentials(rest[1], rest[2]))
        return Route("v3")
    if len(rest) == _WEBHOOK_PARTS:
        return Route("webhook", normalize_method(rest[2]), Credentials(rest[0], rest[1]))
    if len(rest) == 1 and rest[0]:
        return Route("token", normalize_method(rest[0]))
    return Route("rest")


def normalize_method(name: str) -> str:
    """Lower-case, without the ``.json`` (or ``.xml``) transport suffix."""
    lowered = name.lower()
    for suffix in (".json", ".xml"):
        if lowered.endswith(suffix):
            return lowered[: -len(suffix)]
    return lowered


class PortalApp:
    """The main listener's request handler."""

    def __init__(
        self,
        *,
        engine: RestEngine,
        rate: LeakyBucket,
        faults: FaultQueue,
        log: RequestLog,
        clock: SimClock,
        stopping: threading.Event,
        v3: RestV3 | None = None,
    ) -> None:
        self._engine = engine
        self._v3 = v3
        self._rate = rate
        self._faults = faults
        self._log = log
        self._clock = clock
        self._stopping = stopping

    def handle(self, request: IncomingRequest) -> Outgoing:
        if urlsplit(request.target).path == STATS_PATH:
            document = json.dumps(self._rate.stats().as_json()).encode("ascii")
            return Outgoing(200, document, (("Content-Type", _JSON),))
        parsed = self._parse(request)
        answer = self._answer(request, parsed)
        self._log.append(
            RecordedRequest(
                http_method=request.http_method,
                path=parsed.path,
                rest_method=parsed.route.method,
                query=parsed.query,
                headers=request.headers,
                body=request.body,
                json=parsed.json,
                params=upper_keys(parsed.params),
                client_ip=request.client_ip,
                answered_status=None if answer.drop else answer.status,
                scheme="https" if request.https else "http",
                listener="main",
                received_at=self._clock.now(),
            )
        )
        return answer

    @staticmethod
    def _parse(request: IncomingRequest) -> _Parsed:
        split = urlsplit(request.target)
        path = unquote(split.path)
        query = parse_str(split.query)
        parsed = _Parsed(route=parse_route(path), path=path, query=query, params=dict(query))
        if request.http_method.upper() == "POST":
            post, document = body_params(request.body, request.headers.get("content-type"))
            parsed.params = merge(query, post)
            parsed.json = document
        return parsed

    def _answer(self, request: IncomingRequest, parsed: _Parsed) -> Outgoing:
        fault = self._next_fault(parsed.route.method, request.http_method)
        if fault is not None:
            return _fault_answer(fault)
        route = parsed.route
        if route.kind == "other":
            return Outgoing(404, _NOT_FOUND_PAGE, (("Content-Type", "text/html; charset=utf-8"),))
        if not self._rate.admit(request.client_ip):
            error = query_limit_exceeded()
            return Outgoing(error.status, encode(error.envelope()), _REST_HEADERS)
        if route.kind == "v3":
            return self._answer_v3(request, route)
        if route.kind == "rest":
            error = method_not_found()
            return Outgoing(error.status, encode(error.envelope()), _REST_HEADERS)
        result = self._engine.call(
            route.method,
            parsed.params,
            credentials=route.credentials,
            https=request.https,
            client_ip=request.client_ip,
        )
        return Outgoing(result.status, encode(result.document), _REST_HEADERS)

    def _answer_v3(self, request: IncomingRequest, route: Route) -> Outgoing:
        if self._v3 is None:
            v3 = {"error": {"code": "ERROR_METHOD_NOT_FOUND", "message": "Method not found!"}}
            return Outgoing(404, encode(v3), _REST_HEADERS)
        answer = self._v3.call(
            route.method,
            credentials=route.credentials,
            http_method=request.http_method,
            content_type_header=request.headers.get("content-type"),
            body=request.body,
            https=request.https,
        )
        return Outgoing(answer.status, encode(answer.document), _REST_HEADERS)

    def _next_fault(self, rest_method: str, http_method: str) -> Fault | None:
        """The fault for this request; delays are served here and the search goes on."""
        while True:
            fault = self._faults.take(rest_method, http_method)
            if fault is None or fault.kind != "delay":
                return fault
            self._stopping.wait(fault.seconds)


def _fault_answer(fault: Fault) -> Outgoing:
    if fault.kind == "drop":
        return Outgoing(0, drop=True)
    headers: list[tuple[str, str]] = [("Content-Type", fault.content_type)]
    if fault.kind == "redirect":
        headers.append(("Location", fault.location))
    return Outgoing(fault.http_status, fault.body, tuple(headers))


class AliasApp:
    """A moved portal: every request is answered with 302 to the same path on the new address."""

    def __init__(self, target_base: Callable[[], str], log: RequestLog, clock: SimClock) -> None:
        self._target_base = target_base
        self._log = log
        self._clock = clock

    def handle(self, request: IncomingRequest) -> Outgoing:
        split = urlsplit(request.target)
        path = unquote(split.path)
        location = self._target_base() + request.target
        query = parse_str(split.query)
        self._log.append(
            RecordedRequest(
                http_method=request.http_method,
                path=path,
                rest_method=parse_route(path).method,
                query=query,
                headers=request.headers,
                body=request.body,
                json=None,
                params=upper_keys(query),
                client_ip=request.client_ip,
                answered_status=302,
                scheme="https" if request.https else "http",
                listener="alias",
                received_at=self._clock.now(),
            )
        )
        body = b"<html><body>The portal has moved.</body></html>"
        return Outgoing(
            302, body, (("Location", location), ("Content-Type", "text/html; charset=utf-8"))
        )
