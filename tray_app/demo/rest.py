"""The REST engine: method lookup, webhook authentication, limits, envelopes and ``batch``.

The order of checks is the portal's (``CRestServer::process``): an unknown method is refused
before any authentication (404 ``ERROR_METHOD_NOT_FOUND``), then the webhook is checked
(``APAuth\\Auth``: plain HTTP -> ``INVALID_REQUEST`` "Https required.", unknown user or wrong
secret -> ``INVALID_CREDENTIALS``, method outside the webhook's scopes -> ``insufficient_scope``,
all 401), then the extranet restriction (403), then the operating-time limit (429), then the
method itself (its errors are 400).

``batch`` runs each ``cmd`` entry like a call of its own with the webhook's credentials.
Failures land in ``result_error`` under the command's key and the batch itself answers 200:
more than 50 commands gives ``ERROR_BATCH_LENGTH_EXCEEDED`` for the 51st and later, a nested
``batch`` gives ``ERROR_BATCH_METHOD_NOT_ALLOWED`` (``CRestProvider::methodsBatch``).
``$result[key][FIELD]`` references to earlier results are substituted.
"""

from __future__ import annotations

import hmac
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import tzinfo

from tray_app.demo import errors
from tray_app.demo.clock import SimClock
from tray_app.demo.envelope import time_block
from tray_app.demo.errors import RestError
from tray_app.demo.limits import OperatingLimiter
from tray_app.demo.methods import GLOBAL_SCOPE, METHODS, CallContext, MethodSpec
from tray_app.demo.params import Params, parse_str, truthy, upper_keys
from tray_app.demo.store import WorkdayStore
from tray_app.demo.users import SimUser

BATCH_MAX_LENGTH = 50
_NOT_IN_BATCH = ("batch", "download", "upload")
_SCOPE_TEXT = "The request requires higher privileges than provided by the webhook token"
_REFERENCE = re.compile(r"\$(result|next|total|time|error)(\S*)", re.IGNORECASE)
_PATH_PART = re.compile(r"\[([^\]]+)\]")


@dataclass(frozen=True)
class Credentials:
    """The ``<user>/<secret>`` part of a webhook URL."""

    user: str
    secret: str


@dataclass(frozen=True)
class RestAnswer:
    """HTTP status and JSON document of one call."""

    status: int
    document: dict[str, object]


class RestEngine:
    """Runs REST calls against the users and the workday store."""

    def __init__(
        self,
        *,
        users: Mapping[int, SimUser],
        store: WorkdayStore,
        clock: SimClock,
        operating: OperatingLimiter,
        server_zone: tzinfo,
        allow_http: Callable[[], bool],
    ) -> None:
        self._users = users
        self._store = store
        self._clock = clock
        self._operating = operating
        self._zone = server_zone
        self._allow_http = allow_http
        self.operating_cost: float | None = None  # seconds booked per call instead of real time

    def call(
        self,
        method: str,
        params: Params,
        *,
        credentials: Credentials | None,
        https: bool,
        client_ip: str,
    ) -> RestAnswer:
        """One top-level call: the success envelope or the error envelope."""
        started, tick = self._clock.timestamp(), time.perf_counter()
        try:
            spec = METHODS.get(method)
            if spec is None and method != "batch":
                raise errors.method_not_found()
            user = self._authenticate(credentials, params, https, spec)
            if spec is None:
                result: object = self._batch(user, params, client_ip)
                operating = None
                processing = time.perf_counter() - tick
            else:
                result, processing = self._invoke(user, method, spec, params, client_ip)
                operating = self._operating.state(_entity(user), method)
        except RestError as exc:
            return RestAnswer(exc.status, exc.envelope())
        finish = started + (time.perf_counter() - tick)
        block = time_block(started, finish, processing, self._zone, operating)
        return RestAnswer(200, {"result": result, "time": block})

    def authenticate(
        self,
        credentials: Credentials | None,
        params: Params,
        *,
        https: bool,
        spec: MethodSpec | None,
    ) -> SimUser:
        """The webhook checks, shared with REST 3.0 (``spec`` None: no scope check)."""
        return self._authenticate(credentials, params, https, spec)

    def _authenticate(
        self, credentials: Credentials | None, params: Params, https: bool, spec: MethodSpec | None
    ) -> SimUser:
        if credentials is None:
            if "auth" in params:
                raise errors.invalid_token()
            raise errors.no_auth_found()
        if not https and not self._allow_http():
            raise errors.https_required()
        user = self._find_user(credentials.user)
        if user is None or not hmac.compare_digest(
            user.secret.encode("utf-8"), credentials.secret.encode("utf-8")
        ):
            raise errors.invalid_credentials()
        if spec is not None and spec.scope != GLOBAL_SCOPE and spec.scope not in user.scopes:
            raise errors.insufficient_scope(_SCOPE_TEXT)
        if not user.active:
            raise errors.authorization_error()
        return user

    def _find_user(self, user_part: str) -> SimUser | None:
        """A numeric id in canonical form, else a login (``APAuth\\Auth::check``)."""
        if user_part.isascii() and user_part.isdigit() and str(int(user_part)) == user_part:
            return self._users.get(int(user_part))
        return next((u for u in self._users.values() if u.login and u.login == user_part), None)

    def _invoke(
        self, user: SimUser, method: str, spec: MethodSpec, params: Params, client_ip: str
    ) -> tuple[object, float]:
        if spec.intranet_only and user.extranet:
            raise errors.intranet_only()
        entity = _entity(user)
        if self._operating.is_blocked(entity, method):
            raise errors.operation_time_limit()
        context = CallContext(
            caller=user,
            users=self._users,
            store=self._store,
            now=self._clock.now(),
            client_ip=client_ip,
            server_zone=self._zone,
        )
        tick = time.perf_counter()
        result = spec.handler(context, upper_keys(params))
        processing = time.perf_counter() - tick
        cost = processing if self.operating_cost is None else self.operating_cost
        self._operating.register(entity, method, cost)
        return result, processing

    # -- batch ---------------------------------------------------------------------------------

    def _batch(self, user: SimUser, params: Params, client_ip: str) -> dict[str, object]:
        query = upper_keys(params)
        halt = truthy(query.get("HALT"))
        commands = query.get("CMD")
        items: list[tuple[str, object]]
        if isinstance(commands, dict):
            items = [(str(k), v) for k, v in commands.items()]
        elif isinstance(commands, list):
            items = [(str(i), v) for i, v in enumerate(commands)]
        else:
            items = []
        results: dict[str, object] = {}
        failures: dict[str, object] = {}
        times: dict[str, object] = {}
        for count, (key, command) in enumerate(items, start=1):
            if count > BATCH_MAX_LENGTH:
                outcome: RestError | tuple[object, dict[str, object]] = RestError(
                    "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded"
                )
            elif not isinstance(command, str):
                continue
            else:
                outcome = self._batch_item(user, command, results, client_ip)
            if isinstance(outcome, RestError):
                failures[key] = outcome.envelope()
                if halt:
                    break
            else:
                results[key], times[key] = outcome
        return {
            "result": results,
            "result_error": failures,
            "result_total": {},
            "result_next": {},
            "result_time": times,
        }

    def _batch_item(
        self, user: SimUser, command: str, results: dict[str, object], client_ip: str
    ) -> RestError | tuple[object, dict[str, object]]:
        path, _, query = command.partition("?")
        method = path.split("#", 1)[0].lower()
        params = _substitute(parse_str(query.split("#", 1)[0]), {"result": results})
        started, tick = self._clock.timestamp(), time.perf_counter()
        try:
            if method in _NOT_IN_BATCH:
                raise RestError(
                    "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage", 405
                )
            spec = METHODS.get(method)
            if spec is None:
                raise errors.method_not_found()
            if spec.scope != GLOBAL_SCOPE and spec.scope not in user.scopes:
                raise errors.insufficient_scope("")  # CRestServerBatchItem: no description
            result, processing = self._invoke(user, method, spec, params, client_ip)
        except RestError as exc:
            return exc
        finish = started + (time.perf_counter() - tick)
        return result, time_block(started, finish, processing, self._zone, None)


def _entity(user: SimUser) -> str:
    return f"webhook:{user.user_id}"


def _substitute(params: Params, previous: dict[str, object]) -> Params:
    """Replace ``$result[cmd][FIELD]`` in values with earlier results (``ParseBatchQuery``)."""
    substituted: Params = {}
    for key, value in params.items():
        if isinstance(value, dict):
            substituted[key] = _substitute(value, previous)
        elif isinstance(value, str):
            substituted[key] = _substitute_text(value, previous)
        else:
            substituted[key] = value
    return substituted


def _substitute_text(text: str, previous: dict[str, object]) -> object:
    replaced: object = text
    for match in _REFERENCE.finditer(text):
        node: object = previous.get(match.group(1).lower(), {})
        for part in _PATH_PART.findall(match.group(2)):
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                break
        if match.group(0) == text:
            return node
        if isinstance(node, bool) or not isinstance(node, str | int | float):
            continue
        if isinstance(replaced, str):
            replaced = replaced.replace(match.group(0), str(node))
    return replaced
