"""An HR system's work schedule, the "WorkTimeSchedule" object (shared/worktime-schedule.md).

Frozen values that mirror the JSON one to one, with snake_case names: clock times are minutes
from midnight and durations are minutes, exactly as in the document. A schedule holds revisions
that cover whole calendar months; :func:`revision_for` picks the one that covers a date.

The legacy single-lunch fields (``dinnerStart``/``dinnerEnd``/``dinnerDuration``) are folded
into :attr:`Revision.dinners` by the parser; nothing here knows about them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

MINUTES_PER_DAY = 1440
FIXED_HOURS = 0  # timeControl: rigid hours, the windows collapse to one time each
FREE_HOURS = 2  # timeControl: no windows, no official start; treated as free hours
STAFF_START_MODES = frozenset({1, 3})  # timeControl values that need workStartStaff
WEEKLY_PLAN = 1  # planDaysType: seven templates, Monday first
CYCLE_PLAN = 2  # planDaysType: an arbitrary cycle of up to 31 templates
NO_WEEKLY_PLAN = 0  # controlPeriod: no planTime
CYCLE_ANCHOR = date.min  # start of a cycle for a revision valid "from the beginning of time"


@dataclass(frozen=True, kw_only=True)
class Dinner:
    """A lunch break of a revision: its window and, per schedule kind, its length."""

    start: int
    end: int
    min_duration: int | None = None  # flexible schedules: the shortest lunch
    max_duration: int | None = None  # fixed schedules: the fixed lunch length

    def length(self, *, fixed: bool) -> int:
        """Minutes the lunch lasts: ``maxDuration`` on fixed hours, ``minDuration`` otherwise.

        When the field of the schedule's kind is missing, the other one is used, and without
        either the whole window is the lunch.
        """
        first, second = (
            (self.max_duration, self.min_duration)
            if fixed
            else (self.min_duration, self.max_duration)
        )
        if first is not None:
            return first
        if second is not None:
            return second
        return self.end - self.start


@dataclass(frozen=True, kw_only=True)
class ShiftDinner:
    """A lunch break of a shift."""

    start: int
    end: int
    duration: int | None = None  # missing: the whole window

    def length(self) -> int:
        """Minutes the lunch lasts."""
        return self.end - self.start if self.duration is None else self.duration


@dataclass(frozen=True, kw_only=True)
class Shift:
    """A shift; ``end`` before ``begin`` means it ends the next morning."""

    name: str
    begin: int
    end: int
    dinners: tuple[ShiftDinner, ...] | None = None  # None: the revision's lunch settings


@dataclass(frozen=True, kw_only=True)
class TimeMark:
    """A timesheet mark of a revision (kept for a faithful round trip, not used in arithmetic)."""

    name: str
    begin: int
    end: int
    day_type: int  # 0 working, 1 day off, 2 holiday
    time_mark_name: str | None = None


@dataclass(frozen=True, kw_only=True)
class Revision:
    """The settings of a schedule for a period of whole months."""

    date_from: date | None = None  # None: valid from the beginning of time
    date_to: date | None = None  # None: open-ended (or until the next revision starts)
    business_calendar_name: str | None = None
    ignore_calendar: bool = False
    time_control: int = FIXED_HOURS
    control_period: int = NO_WEEKLY_PLAN
    plan_time: int | None = None  # per week, minutes
    work_start_from: int | None = None
    work_start_to: int | None = None
    work_end_from: int | None = None
    work_end_to: int | None = None
    work_start_staff: int | None = None
    dinners: tuple[Dinner, ...] = ()
    work_duration: int = 0  # including lunch
    plan_days_type: int = WEEKLY_PLAN
    plan_days_templates: tuple[int, ...] = (0, 0, 0, 0, 0, 0, 0)  # net minutes per day
    violations_control: int = 0
    allowable_delay: int = 0
    time_marks: tuple[TimeMark, ...] = ()
    is_individual_time_control: bool = False
    shift_notification_before: int = MINUTES_PER_DAY
    shift_notification_period: int = MINUTES_PER_DAY
    shifts: tuple[Shift, ...] = ()

    @property
    def fixed(self) -> bool:
        """Rigid hours (``timeControl`` 0), shifts included."""
        return self.time_control == FIXED_HOURS

    @property
    def free(self) -> bool:
        """Free hours (``timeControl`` 2): no start or end windows apply."""
        return self.time_control == FREE_HOURS

    @property
    def week_plan(self) -> int | None:
        """``planTime`` when the revision has a weekly plan (``controlPeriod`` not 0)."""
        return None if self.control_period == NO_WEEKLY_PLAN else self.plan_time

    def template_for(self, on: date) -> int:
        """Planned net minutes for ``on``: by weekday, or by position in the cycle.

        A cycle starts on ``dateFrom``; a revision without one counts from 0001-01-01, a Monday,
        so a seven-day cycle then lines up with the week.
        """
        templates = self.plan_days_templates
        if self.plan_days_type == WEEKLY_PLAN:
            return templates[on.weekday()]
        anchor = CYCLE_ANCHOR if self.date_from is None else self.date_from
        return templates[(on - anchor).days % len(templates)]

    def shift_named(self, name: str | None) -> Shift | None:
        """The shift called ``name``, else the default (first) one; None without shifts."""
        for shift in self.shifts:
            if shift.name == name:
                return shift
        return self.shifts[0] if self.shifts else None


@dataclass(frozen=True, kw_only=True)
class WorkTimeSchedule:
    """A whole schedule: its name and its revisions in document order."""

    name: str
    revisions: tuple[Revision, ...]
    schedule_id: str | None = None
    description: str | None = None
    is_hidden: bool | None = None
    is_main: bool | None = None


def revision_for(schedule: WorkTimeSchedule, on: date) -> Revision | None:
    """The revision whose ``dateFrom`` <= ``on`` <= ``dateTo``; None when none covers ``on``.

    ``dateTo`` is read-only in the HR system, so a document written by hand may leave it out on
    every revision: a revision without one then ends the day before the next one starts.
    """
    ordered = sorted(schedule.revisions, key=lambda revision: revision.date_from or date.min)
    for index, revision in enumerate(ordered):
        start = revision.date_from or date.min
        end = revision.date_to
        if end is None and index + 1 < len(ordered):
            following = ordered[index + 1].date_from
            assert following is not None, "only one revision lacks dateFrom (the parser checks)"
            end = following - timedelta(days=1)
        if start <= on and (end is None or on <= end):
            return revision
    return None
