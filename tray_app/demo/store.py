"""The workday records and the state machine of ``timeman.open/pause/close/status``.

This is the heart of the simulator, modelled on ``timeman/lib/rest.php`` and
``CTimeManUser`` (``OpenAction``, ``openDay``, ``reopenDay``, ``pauseDay``, ``closeDay``,
``State``) of the Bitrix ``timeman`` module:

- four states; EXPIRED is checked first, so a paused day can expire too;
- open on OPENED or EXPIRED and pause anywhere but OPENED are *silent* no-ops;
- open on PAUSED continues the day (the pause becomes break time); with ``TIME`` it fails with
  code ``TIME``; open on CLOSED starts a new day, or resumes the closed day when the schedule
  allows re-opening within the same shift (the gap becomes break time);
- ``TIME`` of a new day must be today (in the sent offset) and sets the day's offset; a ``TIME``
  on close is re-expressed in the day's offset and must fall on the start date;
- ``TIME`` needs a ``REPORT`` asymmetrically: on open only for a non-flexible schedule, on close
  unless the schedule is flexible (so also without a schedule);
- ``TIME_FINISH`` is the pause start while PAUSED, ``TIME_LEAKS`` counts finished breaks only,
  ``DURATION`` stays ``00:00:00`` until the day is closed; both are clamped to [0, 24 h].

The order of the checks follows the server code, because a client sees the first error only.
All access goes through one lock: many clients may act at once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Literal

from tray_app.demo import messages
from tray_app.demo.atom import (
    AtomFormatError,
    AtomTime,
    format_atom,
    format_hms,
    format_wall,
    parse_atom,
)
from tray_app.demo.errors import RestError
from tray_app.demo.schedule import is_expired, recommended_stop, reopen_allowed
from tray_app.demo.users import SimUser

State = Literal["OPENED", "PAUSED", "CLOSED", "EXPIRED"]
STATES: tuple[State, ...] = ("OPENED", "PAUSED", "CLOSED", "EXPIRED")
_DAY_SECONDS = 86400
_DAY = timedelta(seconds=_DAY_SECONDS)


@dataclass
class _Record:
    id: int
    user_id: int
    start: datetime
    offset: int
    stop: datetime | None = None  # the close moment, or the pause start while paused
    paused: bool = False
    closed: bool = False
    leaks: int = 0  # seconds of finished breaks
    duration: int = 0  # net seconds, recorded on pause and close
    active: bool = True
    ip_open: str = ""
    ip_close: str = ""
    lat_open: float = 0.0
    lon_open: float = 0.0
    lat_close: float = 0.0
    lon_close: float = 0.0


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


@dataclass(frozen=True)
class Geo:
    """Coordinates sent with open/close; ``None`` = not sent (the stored value is cleared)."""

    lat: float | None = None
    lon: float | None = None


def _seconds(delta: timedelta) -> int:
    return int(delta.total_seconds())


def _clamp_day(seconds: int) -> int:
    return min(max(seconds, 0), _DAY_SECONDS)


def _wrong_format() -> RestError:
    return RestError("WRONG_DATETIME_FORMAT", "Wrong datetime format")


def _as_time(value: object) -> AtomTime:
    if isinstance(value, AtomTime):
        return value
    try:
        return parse_atom(value)
    except AtomFormatError as exc:
        raise _wrong_format() from exc


def _alert(user: SimUser, key: str) -> RestError:
    return RestError("ALERT_WARNING", messages.text(key, user.language))


class WorkdayStore:
    """All workday records of the portal, guarded by one re-entrant lock."""

    def __init__(self, *, include_id: bool = True) -> None:
        self.lock = threading.RLock()
        self.include_id = include_id
        self._records: dict[int, list[_Record]] = {}
        self._next_id = 1

    # -- reading -----------------------------------------------------------------------------

    def _current(self, user_id: int) -> _Record | None:
        records = self._records.get(user_id)
        return records[-1] if records else None

    @staticmethod
    def _state(user: SimUser, record: _Record | None, now: datetime) -> State:
        if record is None or record.closed:
            return "CLOSED"
        if is_expired(user, record.start, record.offset, now):
            return "EXPIRED"
        return "PAUSED" if record.paused else "OPENED"

    def status(self, user: SimUser, now: datetime) -> State:
        with self.lock:
            return self._state(user, self._current(user.user_id), now)

    def describe(self, user: SimUser, now: datetime) -> dict[str, object]:
        """The workday object of ``timeman.status`` (and of open/pause/close)."""
        with self.lock:
            record = self._current(user.user_id)
            state = self._state(user, record, now)
            if record is None:
                return {"STATUS": state}
            return self._describe_record(user, record, state)

    def _describe_record(self, user: SimUser, record: _Record, state: State) -> dict[str, object]:
        result: dict[str, object] = {"STATUS": state}
        if self.include_id:
            result["ID"] = record.id
        finish = record.stop
        result.update(
            {
                "TIME_START": format_atom(record.start, record.offset),
                "TIME_FINISH": format_atom(finish, record.offset) if finish else None,
                "DURATION": format_hms(_clamp_day(record.duration) if record.closed else 0),
                "TIME_LEAKS": format_hms(_clamp_day(record.leaks)),
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
            result["TIME_FINISH_DEFAULT"] = self._finish_default(user, record)
        return result

    @staticmethod
    def _finish_default(user: SimUser, record: _Record) -> str:
        """The proposed end, its clock time put on the start date (``convertTimeToISO``)."""
        tz = timezone(timedelta(seconds=record.offset))
        proposal = recommended_stop(user, record.start, record.offset).astimezone(tz)
        start_day = record.start.astimezone(tz).date()
        seconds = proposal.hour * 3600 + proposal.minute * 60 + proposal.second
        return format_wall(start_day, seconds, record.offset)

    def snapshot(self, user: SimUser, now: datetime) -> DaySnapshot | None:
        with self.lock:
            record = self._current(user.user_id)
            return None if record is None else self._snapshot(user, record, now)

    def history(self, user: SimUser, now: datetime) -> list[DaySnapshot]:
        """Every record of the user, oldest first (``timeman.record.list`` reads these)."""
        with self.lock:
            return [self._snapshot(user, r, now) for r in self._records.get(user.user_id, [])]

    def _snapshot(self, user: SimUser, record: _Record, now: datetime) -> DaySnapshot:
        state = self._state(user, record, now)
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
            result=self._describe_record(user, record, state),
        )

    # -- actions -----------------------------------------------------------------------------

    def open(
        self,
        user: SimUser,
        now: datetime,
        *,
        time: object = None,
        report: object = None,
        geo: Geo | None = None,
        ip: str = "",
    ) -> None:
        """``timeman.open``: start, continue or resume; a silent no-op when nothing applies."""
        with self.lock:
            record = self._current(user.user_id)
            state = self._state(user, record, now)
            if state == "PAUSED" and record is not None:
                self._continue(record, now, time)
            elif state == "CLOSED":
                if record is not None and reopen_allowed(user, record.start, record.offset, now):
                    self._continue(record, now, time)
                else:
                    self._start(user, now, time=time, report=report, geo=geo or Geo(), ip=ip)
            # OPENED and EXPIRED: no start/continue/reopen action exists, nothing happens.

    @staticmethod
    def _continue(record: _Record, now: datetime, time: object) -> None:
        if time is not None:
            raise RestError("TIME", "Unable to set time, work day is paused")
        if record.stop is not None:
            record.leaks += max(0, _seconds(now - record.stop))
        record.stop = None
        record.paused = False
        record.closed = False
        record.duration = 0

    def _start(
        self, user: SimUser, now: datetime, *, time: object, report: object, geo: Geo, ip: str
    ) -> None:
        active = True
        if time is None:
            start, offset = now, user.offset_at(now)
        else:
            sent = _as_time(time)
            if sent.date != now.astimezone(user.zone).date():
                raise RestError(
                    "WRONG_DATETIME", "Day open date should correspond to the current date"
                )
            strict = user.schedule is not None and not user.flextime
            if strict and not _open_reason(report):
                raise RestError("", messages.text("REASON_REQUIRED", user.language))
            start, offset = sent.instant, sent.offset
            if self._overlaps(user.user_id, start):
                raise _alert(user, "OVERLAP")
            if start > now:
                raise _alert(user, "START_IN_FUTURE")
            active = not (strict and abs(_seconds(start - now)) > user.allowed_delta)
        record = _Record(
            id=self._take_id(),
            user_id=user.user_id,
            start=start.replace(microsecond=0),
            offset=offset,
            active=active,
            ip_open=ip,
        )
        record.lat_open = geo.lat or 0.0
        record.lon_open = geo.lon or 0.0
        self._records.setdefault(user.user_id, []).append(record)

    def _overlaps(self, user_id: int, start: datetime) -> bool:
        return any(
            r.stop is not None and r.closed and r.stop > start
            for r in self._records.get(user_id, [])
        )

    def pause(self, user: SimUser, now: datetime, *, ip: str = "") -> bool:
        """``timeman.pause``: only from OPENED; anything else is refused *silently* (False)."""
        with self.lock:
            record = self._current(user.user_id)
            if record is None or self._state(user, record, now) != "OPENED":
                return False
            record.paused = True
            record.stop = now.replace(microsecond=0)
            record.duration = max(0, _seconds(record.stop - record.start) - record.leaks)
            record.ip_close = ip
            return True

    def close(
        self,
        user: SimUser,
        now: datetime,
        *,
        time: object = None,
        report: object = None,
        geo: Geo | None = None,
        ip: str = "",
    ) -> None:
        """``timeman.close``, with the checks in the order the portal makes them."""
        with self.lock:
            record = self._current(user.user_id)
            sent = _as_time(time) if time is not None else None
            if sent is not None and record is not None:
                tz = timezone(timedelta(seconds=record.offset))
                if sent.instant.astimezone(tz).date() != record.start.astimezone(tz).date():
                    raise RestError(
                        "WRONG_DATETIME", "Day close date should correspond to the day open date"
                    )
            state = self._state(user, record, now)
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
                    raise RestError(
                        "REPORT_NEEDED", messages.text("REASON_REQUIRED", user.language)
                    )
                stop = sent.instant
            self._stop(
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

    @staticmethod
    def _stop(
        user: SimUser,
        record: _Record,
        *,
        now: datetime,
        stop: datetime,
        custom: bool,
        expired: bool,
    ) -> None:
        leaks = record.leaks
        if record.paused and record.stop is not None:
            leaks += max(0, _seconds(stop - record.stop))  # the running pause was a break
        if _seconds(stop - record.start) - leaks < 0:
            raise _alert(user, "NEGATIVE_DURATION")
        if stop - record.start > _DAY:
            raise _alert(user, "LONGER_THAN_DAY")
        if stop > now:
            raise _alert(user, "STOP_IN_FUTURE")
        record.leaks = leaks
        record.duration = _seconds(stop - record.start) - leaks
        record.stop = stop
        record.paused = False
        record.closed = True
        strict = user.schedule is not None and not user.flextime
        edited = abs(_seconds(stop - now)) > user.allowed_delta
        if custom and strict and (edited or expired):
            record.active = False

    # -- direct manipulation (tests, demo) -----------------------------------------------------

    def _take_id(self) -> int:
        with self.lock:
            self._next_id += 1
            return self._next_id - 1

    def seed(
        self,
        user: SimUser,
        now: datetime,
        *,
        state: State,
        start: datetime | None,
        finish: datetime | None,
        paused_at: datetime | None,
        leaks: timedelta,
        active: bool,
        offset: int | None,
        ip_open: str,
        ip_close: str,
        lat_open: float,
        lon_open: float,
        lat_close: float,
        lon_close: float,
    ) -> None:
        """Put a record straight into the store; refuse combinations that contradict ``state``."""
        if state not in STATES:
            raise ValueError(f"state must be one of {STATES}")
        if start is None:
            start = now - (timedelta(days=3) if state == "EXPIRED" else timedelta(hours=1))
            if state == "CLOSED":
                start = now - timedelta(hours=9)
        start = _aware(start, "start").replace(microsecond=0)
        record = _Record(
            id=self._take_id(),
            user_id=user.user_id,
            start=start,
            offset=user.offset_at(start) if offset is None else offset,
            leaks=_seconds(leaks),
            active=active,
            ip_open=ip_open,
            ip_close=ip_close,
            lat_open=lat_open,
            lon_open=lon_open,
            lat_close=lat_close,
            lon_close=lon_close,
        )
        if state == "CLOSED":
            stop = _aware(finish, "finish") if finish is not None else min(now, start + _DAY / 3)
            record.stop = stop.replace(microsecond=0)
            record.closed = True
            record.duration = max(0, _seconds(record.stop - start) - record.leaks)
        elif paused_at is not None or state == "PAUSED":
            pause = _aware(paused_at, "paused_at") if paused_at is not None else now
            record.stop = pause.replace(microsecond=0)
            record.paused = True
            record.duration = max(0, _seconds(record.stop - start) - record.leaks)
        actual = self._state(user, record, now)
        if actual != state:
            raise ValueError(f"a record like this is {actual} at {now.isoformat()}, not {state}")
        with self.lock:
            self._records.setdefault(user.user_id, []).append(record)

    def add_past(
        self,
        user: SimUser,
        now: datetime,
        *,
        start: datetime,
        finish: datetime,
        leaks: timedelta,
        active: bool,
        offset: int | None,
    ) -> None:
        """A finished day put at its place in time among the user's records (history)."""
        start = _aware(start, "start").replace(microsecond=0)
        stop = _aware(finish, "finish").replace(microsecond=0)
        if not start < stop <= now:
            raise ValueError("a past day needs start < finish <= now")
        record = _Record(
            id=self._take_id(),
            user_id=user.user_id,
            start=start,
            offset=user.offset_at(start) if offset is None else offset,
            stop=stop,
            closed=True,
            leaks=_seconds(leaks),
            active=active,
        )
        record.duration = _seconds(stop - start) - record.leaks
        if record.duration < 0 or stop - start > _DAY:
            raise ValueError("a day's breaks exceed it, or it lasts longer than 24 hours")
        with self.lock:
            records = self._records.setdefault(user.user_id, [])
            if any(r.start < stop and start < _end(r, now) for r in records):
                raise ValueError(f"the day {start.isoformat()} overlaps another record")
            records.append(record)
            records.sort(key=lambda r: r.start)

    def clear(self, user_id: int) -> None:
        """Forget all days of a user (``timeman.status`` then answers only ``CLOSED``)."""
        with self.lock:
            self._records.pop(user_id, None)


def _end(record: _Record, now: datetime) -> datetime:
    """Until when a record takes time: its close, or now while it runs (or is paused)."""
    return record.stop if record.closed and record.stop is not None else now


def _aware(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")
    return moment


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
