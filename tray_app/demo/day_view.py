"""What the portal shows of a record: the workday object of ``timeman.status`` (and of
open/pause/close), and a copy of the record for the tests' assertions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from tray_app.demo.atom import format_atom, format_hms, format_wall
from tray_app.demo.day_record import DayRecord, State, clamp_day, state_of
from tray_app.demo.schedule import recommended_stop
from tray_app.demo.users import SimUser


@dataclass(frozen=True)
class DaySnapshot:
    """A copy of a user's latest workday record, for assertions in tests."""

    status: State
    record_id: int
    start: datetime
    finish: datetime | None
    paused: bool
    closed: bool
    leaks: timedelta
    duration: timedelta
    active: bool
    ip_open: str
    ip_close: str
    lat_open: float
    lon_open: float
    lat_close: float
    lon_close: float
    tz_offset: int
    result: dict[str, object] = field(compare=False)  # what timeman.status would answer


def describe_record(
    user: SimUser, record: DayRecord, state: State, *, include_id: bool
) -> dict[str, object]:
    """The workday object of a user's latest ``record`` in ``state``."""
    result: dict[str, object] = {"STATUS": state}
    if include_id:
        result["ID"] = record.id
    finish = record.stop
    result.update(
        {
            "TIME_START": format_atom(record.start, record.offset),
            "TIME_FINISH": format_atom(finish, record.offset) if finish else None,
            "DURATION": format_hms(clamp_day(record.duration) if record.closed else 0),
            "TIME_LEAKS": format_hms(clamp_day(record.leaks)),
            "ACTIVE": record.active,
            "IP_OPEN": record.ip_open,
            "IP_CLOSE": record.ip_close,
            "LAT_OPEN": record.lat_open,
            "LON_OPEN": record.lon_open,
            "LAT_CLOSE": record.lat_close,
            "LON_CLOSE": record.lon_close,
            "TZ_OFFSET": record.offset,
        }
    )
    if state == "EXPIRED":
        result["TIME_FINISH_DEFAULT"] = _finish_default(user, record)
    return result


def _finish_default(user: SimUser, record: DayRecord) -> str:
    """The proposed end, its clock time put on the start date (``convertTimeToISO``)."""
    tz = timezone(timedelta(seconds=record.offset))
    proposal = recommended_stop(user, record.start, record.offset).astimezone(tz)
    start_day = record.start.astimezone(tz).date()
    seconds = proposal.hour * 3600 + proposal.minute * 60 + proposal.second
    return format_wall(start_day, seconds, record.offset)


def snapshot_of(
    user: SimUser, record: DayRecord, now: datetime, *, include_id: bool
) -> DaySnapshot:
    state = state_of(user, record, now)
    return DaySnapshot(
        status=state,
        record_id=record.id,
        start=record.start,
        finish=record.stop,
        paused=record.paused,
        closed=record.closed,
        leaks=timedelta(seconds=record.leaks),
        duration=timedelta(seconds=record.duration),
        active=record.active,
        ip_open=record.ip_open,
        ip_close=record.ip_close,
        lat_open=record.lat_open,
        lon_open=record.lon_open,
        lat_close=record.lat_close,
        lon_close=record.lon_close,
        tz_offset=record.offset,
        result=describe_record(user, record, state, include_id=include_id),
    )
