"""The workday records of the simulated portal, behind one lock: many clients may act at once.

The state machine of ``timeman.open/pause/close`` is :mod:`tray_app.demo.day_actions`, what
``timeman.status`` shows of a record :mod:`tray_app.demo.day_view`; the store keeps the records,
gives them their ids and puts records straight in (tests, the demo).
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from tray_app.demo.day_actions import close_day, continue_day, pause_day, start_day
from tray_app.demo.day_record import DAY, STATES, DayRecord, Geo, State, end_of, seconds, state_of
from tray_app.demo.day_view import DaySnapshot, describe_record, snapshot_of
from tray_app.demo.schedule import reopen_allowed
from tray_app.demo.users import SimUser

# The store's own types, imported from here by the simulator (demo/simulator.py).
__all__ = ["DaySnapshot", "Geo", "State", "WorkdayStore"]


class WorkdayStore:
    """All workday records of the portal, guarded by one re-entrant lock."""

    def __init__(self, *, include_id: bool = True) -> None:
        self.lock = threading.RLock()
        self.include_id = include_id
        self._records: dict[int, list[DayRecord]] = {}
        self._next_id = 1

    # -- reading -----------------------------------------------------------------------------

    def _current(self, user_id: int) -> DayRecord | None:
        records = self._records.get(user_id)
        return records[-1] if records else None

    def status(self, user: SimUser, now: datetime) -> State:
        with self.lock:
            return state_of(user, self._current(user.user_id), now)

    def describe(self, user: SimUser, now: datetime) -> dict[str, object]:
        """The workday object of ``timeman.status`` (and of open/pause/close)."""
        with self.lock:
            record = self._current(user.user_id)
            state = state_of(user, record, now)
            if record is None:
                return {"STATUS": state}
            return describe_record(user, record, state, include_id=self.include_id)

    def snapshot(self, user: SimUser, now: datetime) -> DaySnapshot | None:
        with self.lock:
            record = self._current(user.user_id)
            if record is None:
                return None
            return snapshot_of(user, record, now, include_id=self.include_id)

    def history(self, user: SimUser, now: datetime) -> list[DaySnapshot]:
        """Every record of the user, oldest first (``timeman.record.list`` reads these)."""
        with self.lock:
            return [
                snapshot_of(user, r, now, include_id=self.include_id)
                for r in self._records.get(user.user_id, [])
            ]

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
            state = state_of(user, record, now)
            if state == "PAUSED" and record is not None:
                continue_day(record, now, time)
            elif state == "CLOSED":
                if record is not None and reopen_allowed(user, record.start, record.offset, now):
                    continue_day(record, now, time)
                else:
                    records = self._records.get(user.user_id, [])
                    started = start_day(
                        user,
                        now,
                        time=time,
                        report=report,
                        geo=geo or Geo(),
                        ip=ip,
                        earlier=records,
                        take_id=self._take_id,
                    )
                    self._records.setdefault(user.user_id, []).append(started)
            # OPENED and EXPIRED: no start/continue/reopen action exists, nothing happens.

    def pause(self, user: SimUser, now: datetime, *, ip: str = "") -> bool:
        """``timeman.pause``: only from OPENED; anything else is refused *silently* (False)."""
        with self.lock:
            return pause_day(user, self._current(user.user_id), now, ip=ip)

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
            close_day(user, record, now, time=time, report=report, geo=geo, ip=ip)

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
        record = DayRecord(
            id=self._take_id(),
            user_id=user.user_id,
            start=start,
            offset=user.offset_at(start) if offset is None else offset,
            leaks=seconds(leaks),
            active=active,
            ip_open=ip_open,
            ip_close=ip_close,
            lat_open=lat_open,
            lon_open=lon_open,
            lat_close=lat_close,
            lon_close=lon_close,
        )
        if state == "CLOSED":
            stop = _aware(finish, "finish") if finish is not None else min(now, start + DAY / 3)
            record.stop = stop.replace(microsecond=0)
            record.closed = True
            record.duration = max(0, seconds(record.stop - start) - record.leaks)
        elif paused_at is not None or state == "PAUSED":
            pause = _aware(paused_at, "paused_at") if paused_at is not None else now
            record.stop = pause.replace(microsecond=0)
            record.paused = True
            record.duration = max(0, seconds(record.stop - start) - record.leaks)
        actual = state_of(user, record, now)
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
        record = DayRecord(
            id=self._take_id(),
            user_id=user.user_id,
            start=start,
            offset=user.offset_at(start) if offset is None else offset,
            stop=stop,
            closed=True,
            leaks=seconds(leaks),
            active=active,
        )
        record.duration = seconds(stop - start) - record.leaks
        if record.duration < 0 or stop - start > DAY:
            raise ValueError("a day's breaks exceed it, or it lasts longer than 24 hours")
        with self.lock:
            records = self._records.setdefault(user.user_id, [])
            if any(r.start < stop and start < end_of(r, now) for r in records):
                raise ValueError(f"the day {start.isoformat()} overlaps another record")
            records.append(record)
            records.sort(key=lambda r: r.start)

    def clear(self, user_id: int) -> None:
        """Forget all days of a user (``timeman.status`` then answers only ``CLOSED``)."""
        with self.lock:
            self._records.pop(user_id, None)


def _aware(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")
    return moment
