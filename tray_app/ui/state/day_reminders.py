"""The plan and the reminders as the controller shows them: the plan's figures (computed once
a minute), the reminders due (each told once), the one the panel shows, and the forgotten
day's notice (told once per day, and not again after a restart that day)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from tray_app.core.elapsed import Elapsed
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import Workday
from tray_app.ui.shared.viewstate import PlanFigures, figures
from tray_app.ui.state.day_notices import DayNotices

if TYPE_CHECKING:  # only the types: tray_app.api pulls in httpx, loaded after the icon shows
    from tray_app.api.models import DayReading
    from tray_app.core.reminders import Reminder, ReminderKind, ReminderRecord
    from tray_app.ui.state.planner import DayPlanner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShownDay:
    """The day shown at the local moment ``local``: the answer, the portal's limits, and the
    worked time kept for a PAUSED answer without its finish."""

    reading: DayReading
    settings: PortalSettings | None
    frozen: Elapsed | None
    local: datetime

    @property
    def now(self) -> datetime:
        """The portal's now."""
        return self.reading.clock.server_now(self.local)

    @property
    def elapsed(self) -> Elapsed:
        return figures(self.reading, self.local, self.frozen)

    @property
    def tracking(self) -> bool:
        return self.settings is None or self.settings.tracking_enabled


class DayReminders:
    """The planner, once the app sets it, and what it says about the day shown.

    ``fired(reminder)`` is told each reminder due, ``record_changed(record)`` the planner's
    new record of today's reminders (to keep between runs)."""

    def __init__(
        self,
        notices: DayNotices,
        *,
        plan_follows: bool,
        fired: Callable[[Reminder], None],
        record_changed: Callable[[ReminderRecord], None],
    ) -> None:
        """``plan_follows``: a planner will be set after the first answer; a forgotten day
        seen before is told then (unless the record kept between runs says it was)."""
        self._notices = notices
        self._plan_follows = plan_follows
        self._fired = fired
        self._record_changed = record_changed
        self.planner: DayPlanner | None = None
        self._plan_key: tuple[object, ...] | None = None
        self._plan: PlanFigures | None = None
        self._reminder: Reminder | None = None
        self.checked_minute: int | None = None
        self._expired_noticed: set[tuple[int | None, datetime | None]] = set()
        self._expired_waiting: Workday | None = None

    @property
    def shown(self) -> Reminder | None:
        """The reminder the panel shows (none without a planner)."""
        return self._reminder if self.planner is not None else None

    def set_planner(self, planner: DayPlanner | None, now: datetime) -> None:
        self.planner = planner
        waiting, self._expired_waiting = self._expired_waiting, None
        if planner is not None and waiting is not None:
            self.forgotten_day(waiting, now)
        self._plan_key = None

    def plan_changed(self) -> None:
        """The planner's inputs changed: the figures are computed again."""
        self._plan_key = None

    def plan_at(self, day: ShownDay | None) -> PlanFigures | None:
        """The plan's figures of ``day``, computed once a minute (and on every change)."""
        planner = self.planner
        if planner is None or day is None:
            return None
        now, elapsed = day.now, day.elapsed
        key = (
            day.reading,
            day.settings,
            planner.version,
            int(now.timestamp() // 60),  # the wall-clock minute: the expected end, overtime
            int(elapsed.worked.total_seconds() // 60),  # the minute the headline shows
            int(elapsed.on_break.total_seconds() // 60),
        )
        if key != self._plan_key:
            self._plan = planner.figures(day.reading.workday, elapsed, now, day.settings)
            self._plan_key = key
        return self._plan

    def check(self, day: ShownDay | None, minute: int, read_first: Callable[[], bool]) -> None:
        """Tell the reminders due now in ``minute`` (of the local clock); note which one the
        panel shows. ``read_first()``: whether a reminder due waits for a read of the day
        (it is checked again with the answer)."""
        planner = self.planner
        self.checked_minute = minute
        if planner is None or day is None or not day.tracking:
            self._reminder = None
            return
        workday, elapsed, now = day.reading.workday, day.elapsed, day.now
        if planner.due(workday, elapsed, now, day.settings) and read_first():
            self._reminder = planner.active(workday, elapsed, now, day.settings)
            return
        before = planner.record
        due = planner.check(workday, elapsed, now, day.settings)
        if planner.record != before:
            self._record_changed(planner.record)
        for reminder in due:  # a forgotten day the notice told is marked fired: not here
            log.info("reminder due: %s", reminder.key)
            self._fired(reminder)
        self._reminder = planner.active(workday, elapsed, now, day.settings)

    def snooze(self, kind: ReminderKind, now: datetime, day: ShownDay | None) -> bool:
        """No reminder of ``kind`` until tomorrow. False without a planner."""
        planner = self.planner
        if planner is None:
            return False
        planner.snooze(kind, now)
        log.info("reminders of %s snoozed for today", kind)
        self._record_changed(planner.record)
        self._reminder = self._active(day)
        return True

    def _active(self, day: ShownDay | None) -> Reminder | None:
        planner = self.planner
        if planner is None or day is None or not day.tracking:
            return None
        return planner.active(day.reading.workday, day.elapsed, day.now, day.settings)

    def forgotten_day(self, day: Workday, now: datetime) -> None:
        """An EXPIRED day was answered: tell it once (after the planner came, if one comes)."""
        key = (day.record_id, day.started_at)
        if key in self._expired_noticed:
            return
        planner = self.planner
        if planner is None and self._plan_follows:
            self._expired_waiting = day
            return
        self._expired_noticed.add(key)
        if planner is not None:
            if not planner.claim_forgotten_day(now):
                return  # told before a restart: the record of today's reminders says so
            self._record_changed(planner.record)
        self._notices.forgotten_day(day)
