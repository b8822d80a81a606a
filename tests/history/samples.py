"""Days for the history tests: workday answers as the portal gives them and portal records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from tray_app.core.workday import DayState, Workday, parse_workday
from tray_app.history.summary import Observation

MSK = timezone(timedelta(hours=3))
PLUS2 = timezone(timedelta(hours=2))


def msk(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026, Moscow time (+03:00)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=MSK)


def workday(status: str, **fields: object) -> Workday:
    """A workday as ``timeman.status`` answers it (the [D] sample's keys), TZ_OFFSET +03:00."""
    raw: dict[str, object] = {
        "STATUS": status,
        "ID": 7,
        "TIME_START": "2026-11-16T09:00:00+03:00",
        "TIME_FINISH": None,
        "DURATION": "00:00:00",
        "TIME_LEAKS": "00:00:00",
        "ACTIVE": True,
        "TZ_OFFSET": 10800,
    }
    raw.update(fields)
    return parse_workday(raw)


def seen(day: Workday, at: datetime, first: datetime | None = None) -> Observation:
    """The answer ``day`` as seen at ``at`` (first seen at ``first``)."""
    observation = Observation.from_workday(day, at.astimezone(UTC))
    if first is None:
        return observation
    return Observation(
        **{**observation.__dict__, "first_seen": first.astimezone(UTC)},
    )


@dataclass(frozen=True)
class Record:
    """A portal record (the shape of ``tray_app.api.records.PortalRecord``)."""

    record_id: int
    started_at: datetime
    finished_at: datetime | None = None
    worked: timedelta = timedelta(0)
    breaks: timedelta = timedelta(0)
    status: str = "closed"
    approved: bool | None = True


def closed_record(
    record_id: int, start: datetime, end: datetime, breaks: timedelta, approved: bool = True
) -> Record:
    return Record(record_id, start, end, end - start - breaks, breaks, "closed", approved)


__all__ = ["MSK", "PLUS2", "DayState", "Record", "closed_record", "msk", "seen", "workday"]
