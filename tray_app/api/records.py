"""Past workdays from the portal: ``timeman.record.list`` over REST 3.0, parsed and paged.

:func:`fetch_records` reads every record that started in a range, page by page (50 a page, the
most the portal gives; the answer has no total, so a short page is the last one). It returns
(:mod:`tray_app.api.record_models`)

- :class:`RecordList` - the records, oldest first; or
- :class:`RecordsUnavailable` - the portal does not offer the method (HTTP 404: portals before
  June 2026 and self-hosted ones without REST 3.0) or does not let this account read the records
  (403 ``ACCESSDENIEDEXCEPTION``). Both are answers, not failures: the history then comes from
  the local journal alone.

Every other failure raises the error tree of :mod:`tray_app.api.errors`, with the client's
retries on rate limits, 5xx and network errors. The REST 3.0 error shape is
:mod:`tray_app.api.v3_envelope`'s.

No httpx here: the reader is handed in (anything with the client's ``read`` and ``webhook``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Protocol

from tray_app.api.envelope import Answer
from tray_app.api.errors import ConfigurationError, RefusedError, UnexpectedAnswerError
from tray_app.api.record_models import (
    PortalRecord,
    RecordList,
    RecordsOutcome,
    RecordStatus,
    RecordsUnavailable,
    Unavailability,
)
from tray_app.api.v3_envelope import ACCESS_DENIED_CODE
from tray_app.core.message import say
from tray_app.core.timefmt import TimeFormatError, format_atom, parse_iso
from tray_app.core.workday import optional_flag

METHOD = "timeman.record.list"
PAGE_SIZE = 50
MAX_PAGES = 40
FIELDS = ("id", "userId", "startTime", "endTime", "duration", "breakLength", "state", "isApproved")
_NOT_FOUND = 404


class _Owner(Protocol):
    @property
    def user_id(self) -> int: ...


class RecordReader(Protocol):
    """What :func:`fetch_records` needs of the client (:class:`~tray_app.api.client.TimemanClient`
    has it): the webhook's user and a read with the client's retries."""

    @property
    def webhook(self) -> _Owner: ...

    def read(
        self, method: str, params: Mapping[str, object] | None = None, *, rest_v3: bool = False
    ) -> Answer: ...


# -- the records ---------------------------------------------------------------------------


class RecordParseError(ValueError):
    """An item that is not a record we can use."""


def parse_record(raw: object) -> PortalRecord:
    """A :class:`PortalRecord` from one item; ``id`` and ``startTime`` are required, every other
    field is optional (``select`` may leave it out)."""
    if not isinstance(raw, Mapping):
        raise RecordParseError(f"a record must be an object, got {type(raw).__name__}")
    state = raw.get("state")
    state = state if isinstance(state, Mapping) else {}
    try:
        record_id = _integer(raw.get("id"))
        started = _moment(raw.get("startTime"))
        finished = _moment(raw.get("endTime"))
        worked, breaks = _seconds(raw.get("duration")), _seconds(raw.get("breakLength"))
        approved, user_id = optional_flag(raw.get("isApproved")), _integer(raw.get("userId"))
        close_at = _integer(state.get("recommendedCloseTime"))
        recommended = None if close_at is None else datetime.fromtimestamp(close_at, UTC)
    except (TimeFormatError, TypeError, ValueError, OverflowError, OSError) as exc:
        raise RecordParseError(f"unusable record field: {exc}") from None
    if record_id is None or started is None:
        raise RecordParseError("a record needs an id and a startTime")
    return PortalRecord(
        record_id=record_id,
        started_at=started,
        finished_at=finished,
        worked=worked,
        breaks=breaks,
        status=_status(state.get("status")),
        approved=approved,
        user_id=user_id,
        recommended_close_at=recommended,
    )


def parse_records(result: object) -> tuple[PortalRecord, ...]:
    """The records of a ``result``: ``{"items": [...]}`` (an empty PHP array is no items)."""
    if result == []:
        return ()
    items = result.get("items") if isinstance(result, Mapping) else None
    if not isinstance(items, list):
        raise RecordParseError("the result has no list of items")
    return tuple(parse_record(item) for item in items)


def _integer(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"expected a number, got {value!r}")
    return int(value) if not isinstance(value, str) else int(value.strip())


def _seconds(value: object) -> timedelta:
    number = _integer(value)
    return timedelta(seconds=max(0, number or 0))


def _moment(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected a time text, got {value!r}")
    return parse_iso(value)


def _status(value: object) -> RecordStatus:
    try:
        return RecordStatus(str(value).lower())
    except ValueError:
        return RecordStatus.UNKNOWN


# -- fetching ------------------------------------------------------------------------------


_UNAVAILABLE_MESSAGES = {
    Unavailability.MISSING: (
        "The portal does not offer the history of workdays (timeman.record.list); "
        "the history comes from this computer's journal."
    ),
    Unavailability.FORBIDDEN: (
        "The portal does not let this account read its work-time records; "
        "the history comes from this computer's journal."
    ),
}


def list_params(
    user_id: int, since: datetime, until: datetime, page: int, page_size: int
) -> dict[str, object]:
    """The body of one ``timeman.record.list`` page: one user, starts in [since, until]."""
    return {
        "filter": [
            ["userId", user_id],
            ["startTime", "between", [format_atom(since), format_atom(until)]],
        ],
        "select": list(FIELDS),
        "order": {"startTime": "ASC", "id": "ASC"},
        "pagination": {"page": page, "limit": page_size},
    }


def fetch_records(
    client: RecordReader,
    since: datetime,
    until: datetime,
    *,
    user_id: int | None = None,
    page_size: int = PAGE_SIZE,
    max_pages: int = MAX_PAGES,
) -> RecordsOutcome:
    """Every record of ``user_id`` (default: the webhook's user) that started between the two
    aware moments, both included. See the module docstring for the outcomes."""
    if since.utcoffset() is None or until.utcoffset() is None:
        raise ConfigurationError(
            say("api.records.naive_range", "The history range needs times with a time zone.")
        )
    if since > until:
        raise ConfigurationError(
            say("api.records.reversed_range", "The history range ends before it starts.")
        )
    if not 1 <= page_size <= PAGE_SIZE or max_pages < 1:
        raise ConfigurationError(
            say(
                "api.records.page_size",
                "A page holds 1 to {size} records; read at least one.",
                size=PAGE_SIZE,
            )
        )
    owner = client.webhook.user_id if user_id is None else user_id
    found: dict[int, PortalRecord] = {}
    for page in range(1, max_pages + 1):
        params = list_params(owner, since, until, page, page_size)
        try:
            answer = client.read(METHOD, params, rest_v3=True)
        except (RefusedError, UnexpectedAnswerError) as exc:
            unavailable = _unavailable(exc)
            if unavailable is None:
                raise
            return unavailable
        try:
            batch = parse_records(answer.result)
        except RecordParseError as exc:
            raise UnexpectedAnswerError(
                say(
                    "api.records.unusable",
                    "The portal's records cannot be used: {detail}",
                    detail=str(exc),
                )
            ) from None
        fresh = {r.record_id: r for r in batch if r.record_id not in found}
        found.update(fresh)
        if len(batch) < page_size or not fresh:  # the last page, or a portal that ignores pages
            break
    else:
        return RecordList(_ordered(found), complete=False)
    return RecordList(_ordered(found))


def _ordered(found: Mapping[int, PortalRecord]) -> tuple[PortalRecord, ...]:
    return tuple(sorted(found.values(), key=lambda r: (r.started_at, r.record_id)))


def _unavailable(error: RefusedError | UnexpectedAnswerError) -> RecordsUnavailable | None:
    if error.http_status == _NOT_FOUND:
        reason = Unavailability.MISSING
    elif isinstance(error, RefusedError) and (error.code or "").upper() == ACCESS_DENIED_CODE:
        reason = Unavailability.FORBIDDEN
    else:
        return None
    return RecordsUnavailable(
        reason, _UNAVAILABLE_MESSAGES[reason], code=error.code, http_status=error.http_status
    )
