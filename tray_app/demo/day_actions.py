"""The state machine of ``timeman.open/pause/close`` on a user's records.

Modelled on ``timeman/lib/rest.php`` and ``CTimeManUser`` (``OpenAction``, ``openDay``,
``reopenDay``, ``pauseDay``, ``closeDay``, ``State``) of the Bitrix ``timeman`` module:

- open on OPENED or EXPIRED and pause anywhere but OPENED are *silent* no-ops;
- open on PAUSED continues the day (the pause becomes break time); with ``TIME`` it fails with
  code ``TIME``; open on CLOSED starts a new day, or resumes the closed day when the schedule
  allows re-opening within the same shift (the gap becomes break time);
- ``TIME`` of a new day must be today (in the sent offset) and sets the day's offset; a ``TIME``
  on close is re-expressed in the day's offset and must fall on the start date;
- ``TIME`` needs a ``REPORT`` asymmetrically: on open only for a non-flexible schedule, on close
  unless the schedule is flexible (so also without a schedule);
- ``TIME_FINISH`` is the pause start while PAUSED, ``TIME_LEAKS`` counts finished breaks only,
  ``DURATION`` stays ``00:00:00`` until the day is closed.

The order of the checks follows the server code, because a client sees the first error only.
The caller (:class:`~tray_app.demo.store.WorkdayStore`) holds the lock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone

from tray_app.demo import messages
from tray_app.demo.atom import AtomFormatError, AtomTime, parse_atom
from tray_app.demo.day_record import DAY, DayRecord, Geo, seconds, state_of
from tray_app.demo.errors import RestError
from tray_app.demo.users import SimUser


def continue_day(record: DayRecord, now: datetime, time: object) -> None:
    """Open on a paused day, or on a closed one the schedule lets reopen: the gap is a break."""
    if time is not None:
        raise RestError("TIME", "Unable to set time, work day is paused")
    if record.stop is not None:
        record.leaks += max(0, seconds(now - record.stop))
    record.stop = None
    record.paused = False
    record.closed = False
    record.duration = 0


def start_day(
    user: SimUser,
    now: datetime,
    *,
    time: object,
    report: object,
    geo: Geo,
    ip: str,
    earlier: Sequence[DayRecord],
    take_id: Callable[[], int],
) -> DayRecord:
    """A new day (to be added after ``earlier``, the user's records); an id is taken only
    once every check has passed."""
    active = True
    if time is None:
        start, offset = now, user.offset_at(now)
    else:
        sent = _as_time(time)
        if sent.date != now.astimezone(user.zone).date():
            raise RestError("WRONG_DATETIME", "Day open date should correspond to the current date")
        strict = user.schedule is not None and not user.flextime
        if strict and not _open_reason(report):
            raise RestError("", messages.text("REASON_REQUIRED", user.language))
        start, offset = sent.instant, sent.offset
        if _overlaps(earlier, start):
            raise _alert(user, "OVERLAP")
        if start > now:
            raise _alert(user, "START_IN_FUTURE")
        active = not (strict and abs(seconds(start - now)) > user.allowed_delta)
    record = DayRecord(
        id=take_id(),
        user_id=user.user_id,
        start=start.replace(microsecond=0),
        offset=offset,
        active=active,
        ip_open=ip,
    )
    record.lat_open = geo.lat or 0.0
    record.lon_open = geo.lon or 0.0
    return record


def _overlaps(records: Sequence[DayRecord], start: datetime) -> bool:
    return any(r.stop is not None and r.closed and r.stop > start for r in records)


def pause_day(user: SimUser, record: DayRecord | None, now: datetime, *, ip: str) -> bool:
    """``timeman.pause``: only from OPENED; anything else is refused *silently* (False)."""
    if record is None or state_of(user, record, now) != "OPENED":
        return False
    record.paused = True
    record.stop = now.replace(microsecond=0)
    record.duration = max(0, seconds(record.stop - record.start) - record.leaks)
    record.ip_close = ip
    return True


def close_day(
    user: SimUser,
    record: DayRecord | None,
    now: datetime,
    *,
    time: object,
    report: object,
    geo: Geo | None,
    ip: str,
) -> None:
    """``timeman.close`` of the user's latest ``record``, with the checks in the portal's order."""
    sent = _as_time(time) if time is not None else None
    if sent is not None and record is not None:
        tz = timezone(timedelta(seconds=record.offset))
        if sent.instant.astimezone(tz).date() != record.start.astimezone(tz).date():
            raise RestError(
                "WRONG_DATETIME", "Day close date should correspond to the day open date"
            )
    state = state_of(user, record, now)
    if state == "EXPIRED" and sent is None:
        raise RestError("WD_EXPIRED", "Workday is expired")
    if record is None or state == "CLOSED":
        raise _alert(user, "PROHIBITED_ACTION")
    expired = state == "EXPIRED"
    stop = now
    if sent is not None:
        reason = _close_reason(report)
        if expired and not user.flextime and not reason:
            # StopWorktimeManager raises this one with an empty message.
            raise RestError("REPORT_NEEDED", "")
        if not user.flextime and not reason:
            raise RestError("REPORT_NEEDED", messages.text("REASON_REQUIRED", user.language))
        stop = sent.instant
    _stop(
        user,
        record,
        now=now,
        stop=stop.replace(microsecond=0),
        custom=sent is not None,
        expired=expired,
    )
    record.ip_close = ip
    record.lat_close = (geo or Geo()).lat or 0.0
    record.lon_close = (geo or Geo()).lon or 0.0


def _stop(
    user: SimUser,
    record: DayRecord,
    *,
    now: datetime,
    stop: datetime,
    custom: bool,
    expired: bool,
) -> None:
    leaks = record.leaks
    if record.paused and record.stop is not None:
        leaks += max(0, seconds(stop - record.stop))  # the running pause was a break
    if seconds(stop - record.start) - leaks < 0:
        raise _alert(user, "NEGATIVE_DURATION")
    if stop - record.start > DAY:
        raise _alert(user, "LONGER_THAN_DAY")
    if stop > now:
        raise _alert(user, "STOP_IN_FUTURE")
    record.leaks = leaks
    record.duration = seconds(stop - record.start) - leaks
    record.stop = stop
    record.paused = False
    record.closed = True
    strict = user.schedule is not None and not user.flextime
    edited = abs(seconds(stop - now)) > user.allowed_delta
    if custom and strict and (edited or expired):
        record.active = False


def _as_time(value: object) -> AtomTime:
    if isinstance(value, AtomTime):
        return value
    try:
        return parse_atom(value)
    except AtomFormatError as exc:
        raise RestError("WRONG_DATETIME_FORMAT", "Wrong datetime format") from exc


def _alert(user: SimUser, key: str) -> RestError:
    return RestError("ALERT_WARNING", messages.text(key, user.language))


def _open_reason(report: object) -> bool:
    """``isEmptyEventReason``: only a non-blank *string* counts."""
    return isinstance(report, str) and report.strip() != ""


def _close_reason(report: object) -> str:
    """``trim($query['REPORT'] ?? '')``: scalars become text, then blank means missing."""
    if report is None or isinstance(report, list | dict):
        return ""
    if isinstance(report, bool):
        return "1" if report else ""
    return str(report).strip()
