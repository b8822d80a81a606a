"""What a schedule (or, without one, the portal's limits) says about one calendar date.

:class:`PlanSource` bundles everything the arithmetic needs besides the status and the time:
the user's zone, the portal's ``timeman.settings``, the imported schedule if any, the production
calendar (:mod:`tray_app.core.production_calendar`) and the chosen shift. :func:`day_rules` turns
it into :class:`DayRules` for a date, with every clock time of the schedule placed as an aware
moment in the zone.

Placing a schedule's wall-clock time on a date (:func:`wall_time`): a time the clocks skip is
moved forward by the jump (02:30 on a spring-forward night is 03:30), a time they repeat means
its first occurrence. A time before the day's start (the end of a night shift, a lunch after
midnight) belongs to the next date.

Without a schedule, or on a date no revision covers, the portal's limits apply: Monday to
Friday are working days with ``UF_TM_MIN_DURATION`` of net work, the latest on-time start is
``UF_TM_MAX_START`` and the end is never before ``UF_TM_MIN_FINISH`` -- unless the portal says
the schedule is flexible (``UF_TM_FREE``), then neither applies; no lunch is known.

The production calendar, when the source has one (and, for the portal's limits, when
:attr:`PlanSource.calendar_for_portal`):

- a holiday, or a weekday a transfer made a day off, is a day off (a revision with
  ``ignoreCalendar`` ignores the calendar altogether);
- a weekend date a transfer made working is a working day: by the portal's limits, and on a
  weekly plan with the template of the weekday it stands in for (Saturday 1 November 2025 plans
  as Monday 3 November);
- a shortened (pre-holiday) day plans one hour less, never below zero; on rigid hours (fixed,
  shift) its earliest end (and end window) is one hour earlier too;
- a cycle plan (``planDaysType`` 2) knows no weekdays: only the holidays themselves are days off
  there, and the day before a holiday is the shortened one.

A revision's ``businessCalendarName`` -- the department's calendar (the literal
``по календарю подразделения``), a missing or an unknown name -- always means the source's
calendar: the app has only the main Russian one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

import pytz

from tray_app.core.portal_settings import PortalSettings
from tray_app.core.production_calendar import ProductionCalendar
from tray_app.core.schedule_model import (
    MINUTES_PER_DAY,
    WEEKLY_PLAN,
    Revision,
    Shift,
    WorkTimeSchedule,
    revision_for,
)

_ZERO = timedelta(0)
_HOUR = timedelta(hours=1)  # how much shorter a pre-holiday day is
_LAST_WORKDAY = 4  # Friday, for the portal's limits


class DayKind(StrEnum):
    """How strict the day's hours are."""

    FIXED = "fixed"  # rigid hours: latest start, earliest end, lunch reminders
    SHIFT = "shift"  # rigid hours taken from a shift
    FLEXIBLE = "flexible"  # start and end windows; late after the start window + delay
    FREE = "free"  # no windows at all


@dataclass(frozen=True)
class LunchWindow:
    """A lunch break placed on a date: its window and how long it lasts."""

    start: datetime
    end: datetime
    length: timedelta


@dataclass(frozen=True, kw_only=True)
class DayRules:
    """The plan for one date. Moments are aware, in the source's zone; None: not applicable."""

    on: date
    zone: tzinfo
    kind: DayKind
    from_schedule: bool
    working: bool
    planned: timedelta  # net work, lunch excluded; 0 on a day off
    latest_start: datetime | None = None  # the latest start that is still on time
    earliest_end: datetime | None = None  # the expected end is never earlier (fixed hours)
    start_window: tuple[datetime, datetime] | None = None
    end_window: tuple[datetime, datetime] | None = None
    lunches: tuple[LunchWindow, ...] = ()  # in time order
    week_plan: timedelta | None = None  # the revision's planTime, when it has a weekly plan
    shift: str | None = None  # the name of the shift the day follows
    holiday: bool = False  # a day off by the production calendar (a holiday or a transfer)
    shortened: bool = False  # a pre-holiday working day: an hour shorter

    @property
    def lunch_total(self) -> timedelta:
        """All lunch time of the day."""
        return sum((lunch.length for lunch in self.lunches), _ZERO)

    @property
    def rigid(self) -> bool:
        """Fixed hours or a shift: lunch windows are reminded, the end has a floor."""
        return self.kind in (DayKind.FIXED, DayKind.SHIFT)


@dataclass(frozen=True, kw_only=True)
class PlanSource:
    """Everything besides the status and the time that the day's arithmetic depends on."""

    zone: tzinfo
    portal: PortalSettings = field(default_factory=PortalSettings)
    schedule: WorkTimeSchedule | None = None
    calendar: ProductionCalendar | None = None  # None: no holidays at all
    calendar_for_portal: bool = True  # False: only a schedule's days follow the calendar
    shift: str | None = None  # None: the revision's default (first) shift


@dataclass(frozen=True)
class _CalendarSays:
    """What the calendar means for one date of a plan."""

    off: bool = False  # a day off by the calendar
    plan_as: date | None = None  # the date whose template applies; None: the date itself
    shortened: bool = False


_NO_CALENDAR = _CalendarSays()


def _weekly(calendar: ProductionCalendar | None, on: date) -> _CalendarSays:
    """The five-day week's reading: holidays, transfers, shortened days."""
    if calendar is None:
        return _NO_CALENDAR
    day = calendar.day(on)
    return _CalendarSays(off=day.off, plan_as=day.plan_as, shortened=day.shortened)


def _cycle(calendar: ProductionCalendar | None, on: date) -> _CalendarSays:
    """A cycle's reading: only the holidays, and the day before one is shorter."""
    if calendar is None:
        return _NO_CALENDAR
    return _CalendarSays(off=calendar.is_holiday(on), shortened=calendar.pre_holiday(on))


def _shorter(duration: timedelta) -> timedelta:
    return max(duration - _HOUR, _ZERO)


def wall_time(on: date, minutes: int, zone: tzinfo) -> datetime:
    """``minutes`` after midnight of ``on`` on the wall clock of ``zone`` (1440 = next midnight).

    Skipped times move forward by the jump; repeated times mean the first occurrence.
    """
    days, minute = divmod(minutes, MINUTES_PER_DAY)
    naive = datetime.combine(on + timedelta(days=days), time()) + timedelta(minutes=minute)
    if not isinstance(zone, pytz.BaseTzInfo):
        return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
    try:
        return zone.localize(naive, is_dst=None)
    except pytz.NonExistentTimeError:
        # The offset from before the jump: the later of the two readings, then normalised.
        return max(_readings(naive, zone)).astimezone(zone)
    except pytz.AmbiguousTimeError:
        return min(_readings(naive, zone)).astimezone(zone)


def _readings(naive: datetime, zone: pytz.BaseTzInfo) -> tuple[datetime, datetime]:
    return zone.localize(naive, is_dst=True), zone.localize(naive, is_dst=False)


def day_rules(source: PlanSource, on: date) -> DayRules:
    """The plan for ``on``: from the schedule's revision covering it, else the portal's limits."""
    revision = None if source.schedule is None else revision_for(source.schedule, on)
    if revision is None:
        return _portal_rules(source, on)
    return _revision_rules(source, revision, on)


def _portal_rules(source: PlanSource, on: date) -> DayRules:
    portal = source.portal
    kind = DayKind.FREE if portal.flexible else DayKind.FIXED
    planned = portal.min_duration if portal.tracking_enabled else _ZERO
    calendar = source.calendar if source.calendar_for_portal else None
    day = None if calendar is None else calendar.day(on)
    off = on.weekday() > _LAST_WORKDAY if day is None else not day.working
    shortened = day is not None and day.shortened
    if planned <= _ZERO or off:
        return DayRules(
            on=on,
            zone=source.zone,
            kind=kind,
            from_schedule=False,
            working=False,
            planned=_ZERO,
            holiday=day is not None and day.off,
        )
    latest = end = None
    if not portal.flexible:
        latest = wall_time(on, _minutes(portal.max_start), source.zone)
        end = _after(on, _minutes(portal.min_finish), latest, source.zone)
        if shortened:
            end = _plus(end, -_HOUR, source.zone)
    return DayRules(
        on=on,
        zone=source.zone,
        kind=kind,
        from_schedule=False,
        working=True,
        planned=_shorter(planned) if shortened else planned,
        latest_start=latest,
        earliest_end=end,
        shortened=shortened,
    )


def _minutes(duration: timedelta) -> int:
    return int(duration.total_seconds()) // 60


def _after(on: date, minutes: int, start: datetime | None, zone: tzinfo) -> datetime:
    """``minutes`` placed on ``on``, or on the next date when it would fall before ``start``."""
    moment = wall_time(on, minutes, zone)
    if start is not None and moment < start:
        return wall_time(on + timedelta(days=1), minutes, zone)
    return moment


def _revision_kind(revision: Revision) -> DayKind:
    if revision.is_individual_time_control:
        return DayKind.SHIFT
    if revision.fixed:
        return DayKind.FIXED
    return DayKind.FREE if revision.free else DayKind.FLEXIBLE


def _revision_rules(source: PlanSource, revision: Revision, on: date) -> DayRules:
    kind = _revision_kind(revision)
    calendar = None if revision.ignore_calendar else source.calendar
    read = _weekly if revision.plan_days_type == WEEKLY_PLAN else _cycle
    says = read(calendar, on)
    planned = timedelta(minutes=revision.template_for(says.plan_as or on))
    week_plan = None if revision.week_plan is None else timedelta(minutes=revision.week_plan)
    working = planned > _ZERO and not says.off
    if not working:
        return DayRules(
            on=on,
            zone=source.zone,
            kind=kind,
            from_schedule=True,
            working=False,
            planned=_ZERO,
            week_plan=week_plan,
            holiday=says.off,
        )
    zone = source.zone
    delay = timedelta(minutes=revision.allowable_delay)
    shift = revision.shift_named(source.shift) if kind is DayKind.SHIFT else None
    start_window, end_window, lunch_minutes = _times(revision, shift, on, zone)
    if kind is DayKind.FREE:
        start_window = end_window = None
    if says.shortened:
        planned = _shorter(planned)
        if end_window is not None and kind is not DayKind.FLEXIBLE:
            end_window = (_plus(end_window[0], -_HOUR, zone), _plus(end_window[1], -_HOUR, zone))
    reference = None if start_window is None else start_window[0]
    lunches = sorted(
        (
            LunchWindow(
                start=_after(on, start, reference, zone),
                end=_after(on, end, reference, zone),
                length=timedelta(minutes=length),
            )
            for start, end, length in lunch_minutes
        ),
        key=lambda lunch: lunch.start,
    )
    latest = earliest_end = None
    if start_window is not None:
        # Fixed hours (and shifts): the start itself plus the delay; flexible: the window's end.
        latest_base = start_window[0] if kind is not DayKind.FLEXIBLE else start_window[1]
        latest = _plus(latest_base, delay, zone)
    if end_window is not None and kind is not DayKind.FLEXIBLE:
        earliest_end = end_window[0]
    return DayRules(
        on=on,
        zone=source.zone,
        kind=kind,
        from_schedule=True,
        working=True,
        planned=planned,
        latest_start=latest,
        earliest_end=earliest_end,
        start_window=start_window,
        end_window=end_window,
        lunches=tuple(lunches),
        week_plan=week_plan,
        shift=None if shift is None else shift.name,
        shortened=says.shortened,
    )


_Window = tuple[datetime, datetime]


def _times(
    revision: Revision, shift: Shift | None, on: date, zone: tzinfo
) -> tuple[_Window | None, _Window | None, list[tuple[int, int, int]]]:
    """Start window, end window and lunches (start, end, length in minutes) of the day."""
    lunches = [(d.start, d.end, d.length(fixed=revision.fixed)) for d in revision.dinners]
    if shift is None:
        start_window = _placed_window(
            on, revision.work_start_from, revision.work_start_to, None, zone
        )
        first = None if start_window is None else start_window[0]
        end_window = _placed_window(on, revision.work_end_from, revision.work_end_to, first, zone)
        return start_window, end_window, lunches
    opens = wall_time(on, shift.begin, zone)
    closes = _after(on, shift.end, opens, zone)
    if shift.dinners is not None:  # None: the revision's lunches
        lunches = [(d.start, d.end, d.length()) for d in shift.dinners]
    return (opens, opens), (closes, closes), lunches


def _placed_window(
    on: date, opens: int | None, closes: int | None, start: datetime | None, zone: tzinfo
) -> tuple[datetime, datetime] | None:
    if opens is None or closes is None:
        return None
    first = _after(on, opens, start, zone)
    return first, _after(on, closes, first, zone)


def _plus(moment: datetime, duration: timedelta, zone: tzinfo) -> datetime:
    """``moment`` + ``duration`` of real time, read on the wall clock of ``zone``."""
    return (moment.astimezone(UTC) + duration).astimezone(zone)
