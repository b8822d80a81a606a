"""``timeman.record.list`` over REST 3.0: the history of a user's workdays.

REST 3.0 lives beside the old REST under ``/rest/api/<user>/<secret>/<method>`` (API reference
§5.1, §7; ``api-reference/rest-v3.md``, ``timeman/record/timeman-record-list.md``):

- parameters come from a JSON POST body only; the query string is not read; a body that is not
  JSON (or another content type) is ``BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION``; a call
  without a body may be a GET;
- errors have their own shape, ``{"error": {"code", "message", "validation"?}}``, codes prefixed
  ``BITRIX_REST_V3_EXCEPTION_``; a missing scope is 403 ``INSUFFICIENTSCOPEEXCEPTION`` (the old
  REST says 401 ``insufficient_scope``); the webhook's credentials are checked as before and
  their failures (``INVALID_CREDENTIALS``, 401, ...) are given in the new shape [I]
  (:mod:`tray_app.demo.v3_errors`);
- the body is validated as the server's request mapper does (filter, select, order,
  pagination: :mod:`tray_app.demo.record_request`); the answer is ``{"items": [...]}`` with no
  total (:mod:`tray_app.demo.record_items`);
- the caller may read their own records [I: the docs name only the "read" permissions]; someone
  else's need the manage-all right (``admin``), else 403 ``ACCESSDENIEDEXCEPTION``.

A portal may lack the method: portals with REST 3.0 but an older timeman module answer the v3
404 ``ERROR_METHOD_NOT_FOUND`` (what ``rest-v3.md`` documents for unknown methods); portals
without REST 3.0 at all are a guess [I]: the old REST's 404 ``ERROR_METHOD_NOT_FOUND`` envelope.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from tray_app.demo.clock import SimClock
from tray_app.demo.envelope import time_block
from tray_app.demo.errors import RestError
from tray_app.demo.errors import method_not_found as old_method_not_found
from tray_app.demo.limits import OperatingLimiter
from tray_app.demo.params import content_type
from tray_app.demo.record_items import list_items
from tray_app.demo.record_request import ListRequest, parse_request
from tray_app.demo.rest import Credentials, RestAnswer, RestEngine
from tray_app.demo.store import WorkdayStore
from tray_app.demo.users import SimUser
from tray_app.demo.v3_errors import (
    V3Error,
    access_denied,
    insufficient_scope,
    invalid_json,
    method_not_found,
)

RECORD_LIST = "timeman.record.list"


# -- the endpoint --------------------------------------------------------------------------


class RestV3:
    """The REST 3.0 face of the portal (only ``timeman.record.list`` so far).

    ``available()`` false: the portal's timeman module predates the method (the v3 404);
    ``rest_v3()`` false: the portal predates REST 3.0 (the old REST's 404, a guess).
    """

    def __init__(
        self,
        *,
        engine: RestEngine,
        users: Mapping[int, SimUser],
        store: WorkdayStore,
        clock: SimClock,
        operating: OperatingLimiter,
        server_zone: tzinfo,
        available: Callable[[], bool],
        rest_v3: Callable[[], bool],
    ) -> None:
        self._engine = engine
        self._users = users
        self._store = store
        self._clock = clock
        self._operating = operating
        self._zone = server_zone
        self._available = available
        self._rest_v3 = rest_v3

    def call(
        self,
        method: str,
        *,
        credentials: Credentials | None,
        http_method: str,
        content_type_header: str | None,
        body: bytes,
        https: bool,
    ) -> RestAnswer:
        if not self._rest_v3():  # [I] a portal without REST 3.0: the old REST's 404
            error = old_method_not_found()
            return RestAnswer(error.status, error.envelope())
        started, tick = self._clock.timestamp(), time.perf_counter()
        try:
            if method != RECORD_LIST or not self._available():
                raise method_not_found()
            document = _document(http_method, content_type_header, body)
            user = self._authenticate(credentials, document, https)
            entity = f"webhook:{user.user_id}"
            if self._operating.is_blocked(entity, method):
                raise V3Error.from_rest(
                    RestError(
                        "OPERATION_TIME_LIMIT",
                        "Method is blocked due to operation time limit.",
                        429,
                    )
                )
            request = parse_request(document, user.zone)
            items = self._list(user, request)
        except V3Error as exc:
            return RestAnswer(exc.status, exc.envelope())
        processing = time.perf_counter() - tick
        cost = processing if self._engine.operating_cost is None else self._engine.operating_cost
        self._operating.register(entity, method, cost)
        finish = started + processing
        block = time_block(
            started, finish, processing, self._zone, self._operating.state(entity, method)
        )
        return RestAnswer(200, {"result": {"items": items}, "time": block})

    def _authenticate(
        self, credentials: Credentials | None, document: Mapping[str, object], https: bool
    ) -> SimUser:
        try:
            # No scope given: REST 3.0 answers a missing scope differently (403, below).
            user = self._engine.authenticate(credentials, dict(document), https=https, spec=None)
        except RestError as exc:
            raise V3Error.from_rest(exc) from None
        if "timeman" not in user.scopes:
            raise insufficient_scope()
        return user

    def _list(self, caller: SimUser, request: ListRequest) -> list[dict[str, object]]:
        if request.user_id != caller.user_id and not caller.admin:
            raise access_denied()
        owner = self._users.get(request.user_id)
        if owner is None:
            return []  # [I] nothing to read for an unknown id
        return list_items(self._store.history(owner, self._clock.now()), request)


def _document(http_method: str, header: str | None, body: bytes) -> Mapping[str, object]:
    """The JSON body; a call without parameters may come as GET or with an empty body."""
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return {}
    if http_method.upper() != "POST" or content_type(header) != "application/json":
        raise invalid_json()
    try:
        document: object = json.loads(text)
    except ValueError:
        raise invalid_json() from None
    if not isinstance(document, Mapping):
        raise invalid_json()
    return document


# -- seeding ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PastDay:
    """A finished day for :meth:`PortalSimulator.seed_history`."""

    start: datetime
    finish: datetime
    breaks: timedelta = timedelta(0)
    approved: bool = True


def sample_history(
    today: date, zone: tzinfo, *, weeks: int = 4, work_days: str = "12345"
) -> list[PastDay]:
    """Plausible past days of the ``weeks`` ending with ``today`` (today itself excluded):
    starts around 9:00, 7-9 hours, a
    lunch break, the odd short or long day, one unconfirmed edit and one missed day a week.
    Deterministic, so demos and screenshots look the same every time."""
    days: list[PastDay] = []
    first = today - timedelta(days=7 * weeks - 1)  # the weeks end with today
    for index in range((today - first).days):
        day = first + timedelta(days=index)
        if str(day.isoweekday()) not in work_days:
            continue
        n = day.toordinal()
        if n % 11 == 3:  # a missed day (leave, sickness)
            continue
        start_minutes = 8 * 60 + 40 + (n * 7) % 45
        worked_minutes = 7 * 60 + (n * 37) % 150
        break_minutes = 30 + (n * 13) % 40
        naive = datetime.combine(day, datetime.min.time()) + timedelta(minutes=start_minutes)
        localize = getattr(zone, "localize", None)
        start = localize(naive) if localize else naive.replace(tzinfo=zone)
        finish = start + timedelta(minutes=worked_minutes + break_minutes)
        days.append(
            PastDay(
                start=start,
                finish=finish,
                breaks=timedelta(minutes=break_minutes),
                approved=n % 9 != 5,
            )
        )
    return days
