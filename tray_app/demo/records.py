"""``timeman.record.list`` over REST 3.0: the history of a user's workdays.

REST 3.0 lives beside the old REST under ``/rest/api/<user>/<secret>/<method>`` (API reference
§5.1, §7; ``api-reference/rest-v3.md``, ``timeman/record/timeman-record-list.md``):

- parameters come from a JSON POST body only; the query string is not read; a body that is not
  JSON (or another content type) is ``BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION``; a call
  without a body may be a GET;
- errors have their own shape, ``{"error": {"code", "message", "validation"?}}``, codes prefixed
  ``BITRIX_REST_V3_EXCEPTION_``; a missing scope is 403 ``INSUFFICIENTSCOPEEXCEPTION`` (the old
  REST says 401 ``insufficient_scope``); the webhook's credentials are checked as before and
  their failures (``INVALID_CREDENTIALS``, 401, ...) are given in the new shape [I];
- ``filter`` is a list of ``[field, operator, value]`` / ``[field, value]`` conditions (groups
  ``{"logic": "or", "conditions": [...]}`` are flattened the way the server's request mapper
  does); ``userId`` (operator ``=``) is required and must be a single value; ``startTime`` takes
  ``=, >, >=, <, <=, between``; operators the mapper does not handle are ignored, as in
  ``RecordListRequestMapper``;
- ``select`` picks fields, unknown ones are dropped silently; ``order`` sorts by ``id, userId,
  startTime, endTime, duration`` (others are ignored); ``pagination`` has ``page``, ``limit``
  (default 50, at most 50 per page [I: the docs' "max 50 records"]) and ``offset``, which
  ``page`` overrides; the answer is ``{"items": [...]}`` with no total;
- the caller may read their own records [I: the docs name only the "read" permissions]; someone
  else's need the manage-all right (``admin``), else 403 ``ACCESSDENIEDEXCEPTION``;
- an item: ``id, userId, startTime, endTime`` (ISO 8601 with the day's offset; ``endTime`` null
  while the day runs, the pause start while paused), ``duration`` and ``breakLength`` in seconds
  (the recorded values: 0 while the day runs), ``state`` ``{status: opened|paused|closed|unknown,
  recommendedCloseTime: null}`` (the server fills the status only, ``RecordState::fromStatusOnly``;
  an expired day is stored open, so it reads ``opened`` or ``paused`` [I]) and ``isApproved``.

A portal may lack the method: portals with REST 3.0 but an older timeman module answer the v3
404 ``ERROR_METHOD_NOT_FOUND`` (what ``rest-v3.md`` documents for unknown methods); portals
without REST 3.0 at all are a guess [I]: the old REST's 404 ``ERROR_METHOD_NOT_FOUND`` envelope.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import partial

from tray_app.demo.atom import format_atom
from tray_app.demo.clock import SimClock
from tray_app.demo.day_view import DaySnapshot
from tray_app.demo.envelope import time_block
from tray_app.demo.errors import RestError
from tray_app.demo.errors import method_not_found as old_method_not_found
from tray_app.demo.limits import OperatingLimiter
from tray_app.demo.params import content_type
from tray_app.demo.rest import Credentials, RestAnswer, RestEngine
from tray_app.demo.store import WorkdayStore
from tray_app.demo.users import SimUser

RECORD_LIST = "timeman.record.list"
PREFIX = "BITRIX_REST_V3_EXCEPTION_"
DTO_FIELDS: tuple[str, ...] = (
    "id", "userId", "startTime", "endTime", "duration", "breakLength", "state", "isApproved",
)  # fmt: skip
FILTERABLE = frozenset({"userId", "startTime"})
SORTABLE = frozenset({"id", "userId", "startTime", "endTime", "duration"})
OPERATORS = frozenset({"=", "!=", ">", ">=", "<", "<=", "in", "between"})
DEFAULT_LIMIT = 50
MAX_LIMIT = 50
_CONDITION_PARTS = (2, 3)
_RANGE_PARTS = 2
_NOT_FOUND = {"code": "ERROR_METHOD_NOT_FOUND", "message": "Method not found!"}


class V3Error(Exception):
    """A REST 3.0 error: code, message, HTTP status and the fields that failed validation."""

    def __init__(
        self,
        code: str,
        message: str,
        status: int = 400,
        validation: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(code, message, status)
        self.code = code
        self.message = message
        self.status = status
        self.validation = tuple(validation)

    def envelope(self) -> dict[str, object]:
        error: dict[str, object] = {"code": self.code, "message": self.message}
        if self.validation:
            error["validation"] = [{"field": f, "message": m} for f, m in self.validation]
        return {"error": error}

    @classmethod
    def from_rest(cls, error: RestError) -> V3Error:
        """An error of the shared webhook checks, given in the new shape."""
        return cls(error.code, error.description, error.status)


def method_not_found() -> V3Error:
    return V3Error(_NOT_FOUND["code"], _NOT_FOUND["message"], 404)


def _required(field: str) -> V3Error:
    return V3Error(
        PREFIX + "VALIDATION_REQUESTVALIDATIONEXCEPTION",
        "Error during request object validation",
        validation=[(field, f"Required field `{field}` is not specified")],
    )


def _invalid_value(field: str, message: str) -> V3Error:
    return V3Error(
        PREFIX + "VALIDATION_REQUESTVALIDATIONEXCEPTION",
        "Error during request object validation",
        validation=[(field, message)],
    )


def _invalid_filter(message: str) -> V3Error:
    return V3Error(PREFIX + "INVALIDFILTEREXCEPTION", message)


def _invalid_pagination(name: str) -> V3Error:
    return V3Error(
        PREFIX + "INVALIDPAGINATIONEXCEPTION", f"Unable to recognize pagination parameter `{name}`"
    )


def access_denied() -> V3Error:
    return V3Error(PREFIX + "ACCESSDENIEDEXCEPTION", "Access denied", 403)


def insufficient_scope() -> V3Error:
    return V3Error(
        PREFIX + "INSUFFICIENTSCOPEEXCEPTION",
        "The request requires higher privileges than provided by the webhook token",
        403,
    )


def invalid_json() -> V3Error:
    return V3Error(PREFIX + "INVALIDJSONEXCEPTION", "Invalid JSON in the request body")


# -- the request ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ListRequest:
    """A validated ``timeman.record.list`` request. Bounds are inclusive, in UTC."""

    user_id: int
    date_from: datetime | None = None
    date_to: datetime | None = None
    select: tuple[str, ...] = ()  # empty: every field
    order: tuple[tuple[str, bool], ...] = ()  # (field, descending)
    limit: int = DEFAULT_LIMIT
    offset: int = 0


def parse_request(document: Mapping[str, object], zone: tzinfo) -> ListRequest:
    """Validate the body; ``zone`` reads a ``startTime`` given without an offset [I]."""
    user_id, date_from, date_to = _resolve_filter(document.get("filter"), zone)
    limit, offset = _pagination(document.get("pagination"))
    return ListRequest(
        user_id=user_id,
        date_from=date_from,
        date_to=date_to,
        select=_select(document.get("select")),
        order=_order(document.get("order")),
        limit=limit,
        offset=offset,
    )


def _conditions(node: object) -> Iterator[list[object]]:
    """The flat conditions of a filter (``getFlatConditions``): groups are opened."""
    if node is None:
        return
    if not isinstance(node, list):
        raise _invalid_value("filter", "The filter must be a list of conditions")
    for item in node:
        if isinstance(item, Mapping):
            yield from _conditions(item.get("conditions"))
        elif isinstance(item, list) and len(item) in _CONDITION_PARTS:
            if len(item) == _CONDITION_PARTS[0]:  # [field, value]: "=" or "in" for a list
                yield [item[0], "in" if isinstance(item[1], list) else "=", item[1]]
            else:
                yield list(item)
        else:
            raise _invalid_value("filter", "A condition is [field, operator, value]")


def _resolve_filter(node: object, zone: tzinfo) -> tuple[int, datetime | None, datetime | None]:
    user_id: int | None = None
    bounds: tuple[datetime | None, datetime | None] = (None, None)
    for field, raw_operator, value in _conditions(node):
        if not isinstance(field, str) or field not in DTO_FIELDS:
            raise V3Error(
                PREFIX + "UNKNOWNDTOPROPERTYEXCEPTION",
                f"Unknown field `{field}` for entity `RecordDto`",
            )
        if field not in FILTERABLE:
            raise _invalid_filter(f"Field `{field}` is not filterable")
        if not isinstance(raw_operator, str) or raw_operator.lower() not in OPERATORS:
            raise V3Error(
                PREFIX + "UNKNOWNFILTEROPERATOREXCEPTION",
                f"Unknown filter operator `{raw_operator}`",
            )
        operator = raw_operator.lower()
        if field == "startTime":
            bounds = _start_bounds(operator, value, zone, bounds)
        elif operator == "=":  # the mapper reads userId with "=" only
            current = _user_id(value)
            if user_id is not None and user_id != current:
                raise _invalid_filter(
                    "Multiple different values for filter.userId are not allowed."
                )
            user_id = current
    if not user_id:
        raise _required("filter.userId")
    return user_id, bounds[0], bounds[1]


def _start_bounds(
    operator: str,
    value: object,
    zone: tzinfo,
    bounds: tuple[datetime | None, datetime | None],
) -> tuple[datetime | None, datetime | None]:
    """The inclusive range after one ``startTime`` condition (``resolveFilter``)."""
    date_from, date_to = bounds
    if operator == "between":
        if not isinstance(value, list) or len(value) != _RANGE_PARTS:
            raise _invalid_value("filter.startTime", "`between` takes two values")
        return _moment(value[0], zone), _moment(value[1], zone)
    if operator in ("!=", "in"):
        return bounds  # not handled by the server's mapper, so ignored
    moment = _moment(value, zone)
    if operator in ("=", ">=", ">"):
        date_from = moment + timedelta(seconds=1) if operator == ">" else moment
    if operator in ("=", "<=", "<"):
        date_to = moment - timedelta(seconds=1) if operator == "<" else moment
    return date_from, date_to


def _user_id(value: object) -> int:
    if isinstance(value, bool):
        raise _invalid_value("filter.userId", "The value must be an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise _invalid_value("filter.userId", "The value must be an integer")


def _moment(value: object, zone: tzinfo) -> datetime:
    if not isinstance(value, str):
        raise _invalid_value("filter.startTime", "The value must be a date and time")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise _invalid_value("filter.startTime", "The value must be a date and time") from None
    if moment.tzinfo is None:
        localize = getattr(zone, "localize", None)  # a pytz zone needs localize()
        moment = localize(moment) if localize else moment.replace(tzinfo=zone)
    return moment.replace(microsecond=0)


def _select(node: object) -> tuple[str, ...]:
    if node is None:
        return ()
    if not isinstance(node, list):
        raise _invalid_value("select", "The select must be a list of field names")
    return tuple(dict.fromkeys(f for f in node if isinstance(f, str) and f in DTO_FIELDS))


def _order(node: object) -> tuple[tuple[str, bool], ...]:
    if node is None or node == []:
        return ()
    if not isinstance(node, Mapping):
        raise _invalid_value("order", "The order must be an object of field: ASC or DESC")
    order: list[tuple[str, bool]] = []
    for field, direction in node.items():
        if field in SORTABLE:
            order.append((str(field), str(direction).lower() == "desc"))
    return tuple(order)


def _pagination(node: object) -> tuple[int, int]:
    if node is None or node == []:
        return DEFAULT_LIMIT, 0
    if not isinstance(node, Mapping):
        raise _invalid_pagination("pagination")
    limit = _count(node, "limit", DEFAULT_LIMIT)
    if limit == 0:
        raise _invalid_pagination("limit")
    limit = min(limit, MAX_LIMIT)
    offset = _count(node, "offset", 0)
    if "page" in node:
        page = _count(node, "page", 1)
        if page == 0:
            raise _invalid_pagination("page")
        offset = (page - 1) * limit
    return limit, offset


def _count(node: Mapping[str, object], name: str, default: int) -> int:
    value = node.get(name)
    if value is None:
        return default
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise _invalid_pagination(name)


# -- the answer ----------------------------------------------------------------------------


def item(snapshot: DaySnapshot, user_id: int, select: tuple[str, ...]) -> dict[str, object]:
    """One record as ``RecordDtoMapper::mapOne`` writes it."""
    status = "closed" if snapshot.closed else "paused" if snapshot.paused else "opened"
    full: dict[str, object] = {
        "id": snapshot.record_id,
        "userId": user_id,
        "startTime": format_atom(snapshot.start, snapshot.tz_offset),
        "endTime": (
            format_atom(snapshot.finish, snapshot.tz_offset)
            if snapshot.finish is not None
            else None
        ),
        "duration": int(snapshot.duration.total_seconds()),
        "breakLength": int(snapshot.leaks.total_seconds()),
        "state": {"status": status, "recommendedCloseTime": None},
        "isApproved": snapshot.active,
    }
    return {key: value for key, value in full.items() if not select or key in select}


def _sort_key(snapshot: DaySnapshot, field: str) -> float:
    if field == "startTime":
        return snapshot.start.timestamp()
    if field == "endTime":
        return snapshot.finish.timestamp() if snapshot.finish is not None else 0.0
    if field == "duration":
        return snapshot.duration.total_seconds()
    return float(snapshot.record_id)  # id; userId is one value here


def list_items(snapshots: Iterable[DaySnapshot], request: ListRequest) -> list[dict[str, object]]:
    """Filter, sort (stable, default by id), paginate and shape the user's records."""
    chosen = [
        s
        for s in snapshots
        if (request.date_from is None or s.start >= request.date_from)
        and (request.date_to is None or s.start <= request.date_to)
    ]
    chosen.sort(key=lambda s: s.record_id)
    for field, descending in reversed(request.order):
        chosen.sort(key=partial(_sort_key, field=field), reverse=descending)
    page = chosen[request.offset : request.offset + request.limit]
    return [item(s, request.user_id, request.select) for s in page]


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
