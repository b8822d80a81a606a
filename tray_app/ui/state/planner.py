"""The plan of the day and the week, and the reminders, for the tray: a small stateful holder
around the pure functions of :mod:`tray_app.core.day_plan` and :mod:`tray_app.core.reminders`.

:class:`DayPlanner` keeps what they need besides the status and the time: the user's zone, the
imported schedule (None: the portal's limits, which the controller passes in with every call, as
they may change), the production calendar the user chose, the chosen shift, the worked time of
the week's past days (from the journal), the user's reminder settings and the record of what was
reminded and snoozed today. The controller asks it for
:class:`~tray_app.ui.shared.viewstate.PlanFigures` to put in the view and, once a minute and
after every answer, which reminders are due.

Imported after the first status is shown (the schedule's model and rules take a while to load);
until then the view simply has no plan.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta, tzinfo

from tray_app.config.settings import Settings
from tray_app.core.calendar_ru import RUSSIA
from tray_app.core.day_plan import day_outlook, end_hint, week_outlook
from tray_app.core.day_rules import PlanSource, day_rules
from tray_app.core.elapsed import Elapsed
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.production_calendar import ProductionCalendar
from tray_app.core.reminders import (
    Reminder,
    ReminderKind,
    ReminderRecord,
    ReminderSettings,
    due_reminders,
    local_day,
    snooze,
)
from tray_app.core.schedule_model import WorkTimeSchedule
from tray_app.core.timefmt import fixed_offset
from tray_app.core.workday import Workday
from tray_app.ui.shared.viewstate import PlanFigures

__all__ = ["DayPlanner", "PlanByDate", "calendar_use", "reminder_settings"]
_RUSSIAN_TERRITORY = "RU"

_ZERO = timedelta(0)
_MINUTE = timedelta(minutes=1)
PLAN_DAYS_BACK = 7 * 12
"""How far back :meth:`DayPlanner.plan_by_date` lists days (the history window's longest
period)."""


def _whole_minutes(duration: timedelta) -> timedelta:
    return timedelta(minutes=max(0, int(duration.total_seconds()) // 60))


def reminder_settings(settings: Settings) -> ReminderSettings:
    """The core's reminder settings from the app's settings."""
    return ReminderSettings(
        not_started=settings.remind_not_started,
        lunch=settings.remind_lunch,
        work_done=settings.remind_work_done,
        still_open=settings.remind_still_open,
        forgotten_day=settings.remind_forgotten_day,
        still_open_after=timedelta(minutes=settings.still_open_after_min),
    )


def calendar_use(choice: str, territory: str = "") -> tuple[ProductionCalendar | None, bool]:
    """The production calendar of a ``holiday_calendar`` choice, and whether the days the
    portal's limits plan follow it too (:attr:`PlanSource.calendar_for_portal`).

    ``"ru"``: the Russian calendar for every day; ``"none"``: no calendar. ``"auto"`` (and any
    unknown value): the Russian calendar for a schedule's days, the schedule format being
    Russian, and for the portal's limits only when ``territory`` (the system locale's, e.g.
    ``"RU"``) is Russia.
    """
    if choice == "none":
        return None, False
    if choice == "ru":
        return RUSSIA, True
    return RUSSIA, territory.upper() == _RUSSIAN_TERRITORY


class PlanByDate(Mapping[date, timedelta]):
    """Planned net work per date, computed when asked (the history window's plan)."""

    def __init__(self, source: PlanSource, last: date, days: int = PLAN_DAYS_BACK) -> None:
        self._source = source
        self._first = last - timedelta(days=days - 1)
        self._last = last

    def __getitem__(self, day: date) -> timedelta:
        return day_rules(self._source, day).planned

    def __iter__(self) -> Iterator[date]:
        return (self._first + timedelta(days=n) for n in range(len(self)))

    def __len__(self) -> int:
        return (self._last - self._first).days + 1


class DayPlanner:
    """The plan's inputs between calls; :attr:`version` grows with every change of them."""

    def __init__(
        self,
        zone: tzinfo,
        *,
        schedule: WorkTimeSchedule | None = None,
        reminders: ReminderSettings | None = None,
        record: ReminderRecord | None = None,
    ) -> None:
        self.zone = zone
        self._schedule = schedule
        self._calendar: tuple[ProductionCalendar | None, bool] = (None, False)
        self._shift: str | None = None
        self._worked: dict[date, timedelta] = {}
        self._reminders = reminders or ReminderSettings()
        self.record = record or ReminderRecord()
        """What fired and what was snoozed today (kept between runs by the app)."""
        self.version = 0

    @property
    def reminders(self) -> ReminderSettings:
        return self._reminders

    def set_reminders(self, settings: ReminderSettings) -> None:
        """The user's reminder choices changed."""
        if settings != self._reminders:
            self._reminders = settings
            self.version += 1

    @property
    def schedule(self) -> WorkTimeSchedule | None:
        return self._schedule

    def set_schedule(self, schedule: WorkTimeSchedule | None) -> None:
        """An imported (or hand-made) schedule; None: the portal's limits."""
        if schedule != self._schedule:
            self._schedule = schedule
            self.version += 1

    @property
    def calendar(self) -> ProductionCalendar | None:
        """The production calendar in use (None until :meth:`set_calendar`: no holidays)."""
        return self._calendar[0]

    def set_calendar(self, choice: str, *, territory: str = "") -> None:
        """The ``holiday_calendar`` setting (one of
        :data:`tray_app.config.settings.HOLIDAY_CALENDARS`); ``territory`` is the system
        locale's (``"RU"``), which ``"auto"`` needs for the portal's limits."""
        use = calendar_use(choice, territory)
        if use != self._calendar:
            self._calendar = use
            self.version += 1

    @property
    def shift(self) -> str | None:
        return self._shift

    def set_shift(self, name: str | None) -> None:
        """The shift the user works (by name); None: the revision's first shift."""
        if name != self._shift:
            self._shift = name
            self.version += 1

    def follow(
        self, settings: Settings, schedule: WorkTimeSchedule | None, *, territory: str
    ) -> None:
        """The user's settings: the reminders, the schedule (parsed from ``settings.schedule``
        by the caller), the holidays (``territory`` as for :meth:`set_calendar`), the shift."""
        self.set_reminders(reminder_settings(settings))
        self.set_schedule(schedule)
        self.set_calendar(settings.holiday_calendar, territory=territory)
        self.set_shift(settings.shift)

    def set_worked(self, worked: Mapping[date, timedelta]) -> None:
        """Net worked time of past days (the journal's), for the week's figure."""
        fresh = dict(worked)
        if fresh != self._worked:
            self._worked = fresh
            self.version += 1

    def source(self, portal: PortalSettings | None) -> PlanSource:
        """Everything besides the status and the time, with the portal's latest limits."""
        calendar, for_portal = self._calendar
        return PlanSource(
            zone=self.zone,
            portal=portal or PortalSettings(),
            schedule=self._schedule,
            calendar=calendar,
            calendar_for_portal=for_portal,
            shift=self._shift,
        )

    def figures(
        self, day: Workday, elapsed: Elapsed, now: datetime, portal: PortalSettings | None
    ) -> PlanFigures:
        """The day and the week at ``now`` (the portal's time) for the answered ``day``;
        ``elapsed`` is its worked and break time at ``now``."""
        source = self.source(portal)
        outlook = day_outlook(source, day, elapsed, now)
        hint = end_hint(outlook)
        until = overtime = None
        if hint is not None and hint.overtime is not None:
            overtime = _whole_minutes(hint.overtime)
        elif hint is not None and hint.until is not None:
            shown = fixed_offset(day.day_offset) if day.day_offset is not None else self.zone
            until = hint.until.astimezone(shown).replace(second=0, microsecond=0)
        on = outlook.rules.on
        worked = dict(self._worked)
        worked[on] = max(worked.get(on, _ZERO), outlook.worked)
        week = week_outlook(source, on, worked)
        return PlanFigures(
            until=until,
            overtime=overtime,
            day_worked=_whole_minutes(outlook.worked),
            day_planned=outlook.rules.planned if outlook.rules.planned > _ZERO else None,
            week_done=_whole_minutes(week.done),
            week_planned=week.plan if week.plan > _ZERO else None,
        )

    # -- reminders --------------------------------------------------------------------------

    def check(
        self, day: Workday, elapsed: Elapsed, now: datetime, portal: PortalSettings | None
    ) -> tuple[Reminder, ...]:
        """The reminders due at ``now`` (the portal's time), each once a day; they are marked
        as fired in :attr:`record`."""
        found = due_reminders(
            self.source(portal), day, elapsed, now, settings=self._reminders, record=self.record
        )
        self.record = found.record
        return found.due

    def due(
        self, day: Workday, elapsed: Elapsed, now: datetime, portal: PortalSettings | None
    ) -> tuple[Reminder, ...]:
        """The reminders :meth:`check` would fire at ``now``, without marking them (to read
        the day first when it is old)."""
        found = due_reminders(
            self.source(portal), day, elapsed, now, settings=self._reminders, record=self.record
        )
        return found.due

    def active(
        self, day: Workday, elapsed: Elapsed, now: datetime, portal: PortalSettings | None
    ) -> Reminder | None:
        """The reminder to show in the panel: one that fired today, still holds at ``now`` and
        was not snoozed."""
        today = local_day(now, self.zone)
        current = self.record.on(today)
        probe = due_reminders(
            self.source(portal),
            day,
            elapsed,
            now,
            settings=self._reminders,
            record=ReminderRecord(day=today, snoozed=current.snoozed),
        )
        return next((r for r in probe.due if r.key in current.fired), None)

    def claim_forgotten_day(self, now: datetime) -> bool:
        """Whether a forgotten day may be told at ``now``: wanted, and not told (nor snoozed)
        today yet. It is marked as told, so its reminder does not say it again."""
        kind = ReminderKind.FORGOTTEN_DAY
        if not self._reminders.enabled(kind):
            return False
        current = self.record.on(local_day(now, self.zone))
        if kind.value in current.fired or kind in current.snoozed:
            return False
        self.record = dataclasses.replace(current, fired=current.fired | {kind.value})
        return True

    def snooze(self, kind: ReminderKind, now: datetime) -> None:
        """Snooze today: no reminder of ``kind`` until the next day."""
        self.record = snooze(self.record, kind, now, self.zone)

    # -- the week ---------------------------------------------------------------------------

    def week_dates(self, now: datetime) -> tuple[date, date]:
        """Monday of the week of ``now`` in the user's zone, and that day itself."""
        today = now.astimezone(self.zone).date()
        return today - timedelta(days=today.weekday()), today

    def plan_by_date(self, portal: PortalSettings | None, today: date) -> PlanByDate:
        """Planned net work of the days up to ``today`` (for the history window)."""
        return PlanByDate(self.source(portal), today)
