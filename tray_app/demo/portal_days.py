"""The users of a simulated portal and their workdays, with the controls a test uses on them:
put a day or past days into the store, read what ``timeman.status`` would answer, change the
day "from the web UI" with the portal's own rules. :class:`~tray_app.demo.simulator.
PortalSimulator` is one (the listeners, limits and faults are its own).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Literal

from tray_app.demo.atom import AtomTime
from tray_app.demo.clock import SimClock
from tray_app.demo.records import PastDay
from tray_app.demo.store import DaySnapshot, Geo, State, WorkdayStore
from tray_app.demo.users import SimUser

Action = Literal["open", "pause", "close"]


class PortalDays:
    """The users (by id) and the workday store, on ``clock``."""

    def __init__(self, clock: SimClock, store: WorkdayStore, users: Iterable[SimUser] = ()) -> None:
        self.clock = clock
        self._users: dict[int, SimUser] = {}
        self._store = store
        for user in users:
            self.add_user(user)

    # -- users ---------------------------------------------------------------------------------

    def add_user(self, user: SimUser) -> SimUser:
        if user.user_id in self._users:
            raise ValueError(f"user {user.user_id} already exists")
        if user.login and any(u.login == user.login for u in self._users.values()):
            raise ValueError(f"login {user.login!r} already exists")
        self._users[user.user_id] = user
        return user

    def user(self, user_id: int) -> SimUser:
        try:
            return self._users[user_id]
        except KeyError:
            raise KeyError(f"no user {user_id} on the simulated portal") from None

    @property
    def users(self) -> list[SimUser]:
        return list(self._users.values())

    # -- workdays ------------------------------------------------------------------------------

    def seed_day(
        self,
        user_id: int,
        state: State = "OPENED",
        *,
        start: datetime | None = None,
        finish: datetime | None = None,
        paused_at: datetime | None = None,
        leaks: timedelta = timedelta(0),
        active: bool = True,
        offset: int | None = None,
        ip_open: str = "",
        ip_close: str = "",
        lat_open: float = 0.0,
        lon_open: float = 0.0,
        lat_close: float = 0.0,
        lon_close: float = 0.0,
    ) -> DaySnapshot:
        """Put a day into the store as the newest record of the user.

        Defaults: OPENED/PAUSED started an hour ago (PAUSED right now), CLOSED started nine
        hours ago and ended after eight (or now), EXPIRED started three days ago. ``offset`` is
        the day's time zone in seconds (default: the user's zone at ``start``). A combination
        that would not have the requested status at the simulated now raises ``ValueError``.
        """
        user = self.user(user_id)
        self._store.seed(
            user,
            self.clock.now(),
            state=state,
            start=start,
            finish=finish,
            paused_at=paused_at,
            leaks=leaks,
            active=active,
            offset=offset,
            ip_open=ip_open,
            ip_close=ip_close,
            lat_open=lat_open,
            lon_open=lon_open,
            lat_close=lat_close,
            lon_close=lon_close,
        )
        snapshot = self.day(user_id)
        assert snapshot is not None
        return snapshot

    def seed_history(self, user_id: int, days: Iterable[PastDay]) -> list[DaySnapshot]:
        """Put finished past days into the store, each at its place in time (before today's
        day, if there is one), for ``timeman.record.list``. A day that overlaps another record,
        ends in the (simulated) future or lasts over 24 hours raises ``ValueError``. Returns all
        the user's records, oldest first. :func:`~tray_app.demo.records.sample_history` makes
        plausible ones."""
        user = self.user(user_id)
        for day in days:
            self._store.add_past(
                user,
                self.clock.now(),
                start=day.start,
                finish=day.finish,
                leaks=day.breaks,
                active=day.approved,
                offset=None,
            )
        return self.records(user_id)

    def records(self, user_id: int) -> list[DaySnapshot]:
        """Every record of the user, oldest first, as ``timeman.record.list`` sees them."""
        return self._store.history(self.user(user_id), self.clock.now())

    def day(self, user_id: int) -> DaySnapshot | None:
        """The user's newest record as ``timeman.status`` would see it now (None: no day yet)."""
        return self._store.snapshot(self.user(user_id), self.clock.now())

    def status(self, user_id: int) -> dict[str, object]:
        """What ``timeman.status`` would answer for the user right now."""
        return self._store.describe(self.user(user_id), self.clock.now())

    def clear_days(self, user_id: int) -> None:
        """Forget every day of the user."""
        self._store.clear(self.user(user_id).user_id)

    def act(
        self,
        user_id: int,
        action: Action,
        time: datetime | None = None,
        report: str | None = None,
        *,
        ip: str = "",
    ) -> DaySnapshot | None:
        """Change the day "elsewhere" (web UI, phone) with the portal's own rules.

        Refusals raise :class:`~tray_app.demo.errors.RestError`, like the REST call would; a
        pause in the wrong state is silently ignored, as everywhere on the portal.
        """
        user = self.user(user_id)
        now = self.clock.now()
        when = AtomTime.from_datetime(time) if time is not None else None
        if action == "open":
            self._store.open(user, now, time=when, report=report, geo=Geo(), ip=ip)
        elif action == "pause":
            self._store.pause(user, now, ip=ip)
        elif action == "close":
            self._store.close(user, now, time=when, report=report, geo=Geo(), ip=ip)
        else:
            raise ValueError(f"unknown action {action!r}")
        return self.day(user_id)
