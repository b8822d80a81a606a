"""A ``timeman.record.list`` request's body, validated as the server's request mapper does.

- ``filter`` is a list of ``[field, operator, value]`` / ``[field, value]`` conditions (groups
  ``{"logic": "or", "conditions": [...]}`` are flattened the way the server's request mapper
  does); ``userId`` (operator ``=``) is required and must be a single value; ``startTime`` takes
  ``=, >, >=, <, <=, between``; operators the mapper does not handle are ignored, as in
  ``RecordListRequestMapper``;
- ``select`` picks fields, unknown ones are dropped silently; ``order`` sorts by ``id, userId,
  startTime, endTime, duration`` (others are ignored); ``pagination`` has ``page``, ``limit``
  (default 50, at most 50 per page [I: the docs' "max 50 records"]) and ``offset``, which
  ``page`` overrides.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from tray_app.demo.v3_errors import (
    PREFIX,
    V3Error,
    invalid_filter,
    invalid_pagination,
    invalid_value,
    required_field,
)

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
        raise invalid_value("filter", "The filter must be a list of conditions")
    for item in node:
        if isinstance(item, Mapping):
            yield from _conditions(item.get("conditions"))
        elif isinstance(item, list) and len(item) in _CONDITION_PARTS:
            if len(item) == _CONDITION_PARTS[0]:  # [field, value]: "=" or "in" for a list
                yield [item[0], "in" if isinstance(item[1], list) else "=", item[1]]
            else:
                yield list(item)
        else:
            raise invalid_value("filter", "A condition is [field, operator, value]")


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
            raise invalid_filter(f"Field `{field}` is not filterable")
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
                raise invalid_filter("Multiple different values for filter.userId are not allowed.")
            user_id = current
    if not user_id:
        raise required_field("filter.userId")
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
            raise invalid_value("filter.startTime", "`between` takes two values")
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
        raise invalid_value("filter.userId", "The value must be an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise invalid_value("filter.userId", "The value must be an integer")


def _moment(value: object, zone: tzinfo) -> datetime:
    if not isinstance(value, str):
        raise invalid_value("filter.startTime", "The value must be a date and time")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise invalid_value("filter.startTime", "The value must be a date and time") from None
    if moment.tzinfo is None:
        localize = getattr(zone, "localize", None)  # a pytz zone needs localize()
        moment = localize(moment) if localize else moment.replace(tzinfo=zone)
    return moment.replace(microsecond=0)


def _select(node: object) -> tuple[str, ...]:
    if node is None:
        return ()
    if not isinstance(node, list):
        raise invalid_value("select", "The select must be a list of field names")
    return tuple(dict.fromkeys(f for f in node if isinstance(f, str) and f in DTO_FIELDS))


def _order(node: object) -> tuple[tuple[str, bool], ...]:
    if node is None or node == []:
        return ()
    if not isinstance(node, Mapping):
        raise invalid_value("order", "The order must be an object of field: ASC or DESC")
    order: list[tuple[str, bool]] = []
    for field, direction in node.items():
        if field in SORTABLE:
            order.append((str(field), str(direction).lower() == "desc"))
    return tuple(order)


def _pagination(node: object) -> tuple[int, int]:
    if node is None or node == []:
        return DEFAULT_LIMIT, 0
    if not isinstance(node, Mapping):
        raise invalid_pagination("pagination")
    limit = _count(node, "limit", DEFAULT_LIMIT)
    if limit == 0:
        raise invalid_pagination("limit")
    limit = min(limit, MAX_LIMIT)
    offset = _count(node, "offset", 0)
    if "page" in node:
        page = _count(node, "page", 1)
        if page == 0:
            raise invalid_pagination("page")
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
    raise invalid_pagination(name)
