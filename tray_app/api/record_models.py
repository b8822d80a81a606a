"""The portal's past workdays as values: a record, the list of them, or why there is none.

What :func:`tray_app.api.records.fetch_records` returns, without the code that reads it, so the
UI and the history may import these types cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class RecordStatus(StrEnum):
    """``state.status`` of a record (an expired day is stored open: ``opened`` or ``paused``)."""

    OPENED = "opened"
    PAUSED = "paused"
    CLOSED = "closed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PortalRecord:
    """One work-time record. ``finished_at`` is None while the day runs and the pause start
    while paused; ``worked`` and ``breaks`` are what the portal recorded (``worked`` stays zero
    until a pause or the close)."""

    record_id: int
    started_at: datetime
    finished_at: datetime | None = None
    worked: timedelta = timedelta(0)
    breaks: timedelta = timedelta(0)
    status: RecordStatus = RecordStatus.UNKNOWN
    approved: bool | None = None
    user_id: int | None = None
    recommended_close_at: datetime | None = None


class Unavailability(StrEnum):
    """Why the portal gives no records."""

    MISSING = "missing"
    """The portal does not offer ``timeman.record.list`` (an older or self-hosted portal)."""
    FORBIDDEN = "forbidden"
    """The portal does not let this account read the records."""


@dataclass(frozen=True)
class RecordList:
    """The records that started in the range, oldest first. ``complete`` is false when the
    portal had more pages than :func:`fetch_records` was allowed to read."""

    records: tuple[PortalRecord, ...]
    complete: bool = True


@dataclass(frozen=True)
class RecordsUnavailable:
    """The portal gives no records; ``message`` is one sentence for a person."""

    reason: Unavailability
    message: str
    code: str | None = None
    http_status: int | None = None


RecordsOutcome = RecordList | RecordsUnavailable
