"""The day and the week against the plan: when can I go home, am I late, what is left.

All durations are real elapsed time (computed in UTC), so a night across a DST change is an
hour shorter or longer on the wall clock. The formulas (shared/worktime-schedule.md):

- expected end = start + planned net work + max(lunch of the day, breaks taken so far), i.e. the
  lunch still to be taken plus the breaks beyond lunch; on fixed hours and shifts never before
  the earliest end. Breaks count the running one, so the end moves on during a break.
- overtime = how far ``now`` is past the expected end while the day runs; once closed (or on a
  day with no expected end), worked minus planned.
- late = start (or, not started yet, ``now``) minus the latest on-time start.

A running day (OPENED, PAUSED) belongs to the date it started on in the user's zone (a night
shift keeps its date after midnight); otherwise the date is today. An EXPIRED day is a forgotten
one: today has not started.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from tray_app.core.day_rules import DayRules, PlanSource, day_rules
from tray_app.core.elapsed import Elapsed
from tray_app.core.workday import DayState, Workday

_ZERO = timedelta(0)
_MINUTE = timedelta(minutes=1)
_RUNNING = (DayState.OPENED, DayState.PAUSED)


def _positive(duration: timedelta) -> timedelta:
    return max(duration, _ZERO)


def _progress(done: timedelta, plan: timedelta) -> float | None:
    if plan <= _ZERO:
        return None
    return min(done / plan, 1.0)


@dataclass(frozen=True, kw_only=True)
class DayOutlook:
    """The day at one moment, against its plan. Moments are in the source's zone."""

    rules: DayRules
    started_at: datetime | None  # the start of the day counted here; None: not started
    running: bool  # OPENED or PAUSED
    worked: timedelta
    breaks: timedelta  # finished breaks plus the running one
    late_by: timedelta  # zero when on time, on a free schedule or on a day off
    expected_end: datetime | None  # only while the day runs on a day with a plan
    until_end: timedelta  # from now to the expected end, zero once past it
    remaining: timedelta  # planned net work still to do
    overtime: timedelta

    @property
    def progress(self) -> float | None:
        """Worked share of the plan, 0..1; None on a day without a plan."""
        return _progress(self.worked, self.rules.planned)


@dataclass(frozen=True, kw_only=True)
class WeekOutlook:
    """The ISO week (Monday to Sunday) that holds a date."""

    first_day: date
    plan: timedelta
    done: timedelta

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=6)

    @property
    def remaining(self) -> timedelta:
        return _positive(self.plan - self.done)

    @property
    def overtime(self) -> timedelta:
        return _positive(self.done - self.plan)

    @property
    def progress(self) -> float | None:
        """Done share of the week's plan, 0..1; None for a week without a plan."""
        return _progress(self.done, self.plan)


@dataclass(frozen=True)
class EndHint:
    """What the header and tooltip add: "until 18:05" or "+0:20 overtime" (exactly one set)."""

    until: datetime | None = None
    overtime: timedelta | None = None


def end_hint(view: DayOutlook) -> EndHint | None:
    """Overtime of a whole minute or more wins; else the expected end of a running day.

    A day not started today, or one closed without overtime, adds nothing.
    """
    if view.started_at is None:
        return None
    if view.overtime >= _MINUTE:
        return EndHint(overtime=view.overtime)
    if view.expected_end is not None:
        return EndHint(until=view.expected_end)
    return None


def plan_date(day: Workday, now: datetime, zone: tzinfo) -> date:
    """The date whose plan applies: the start date of a running day, else today in ``zone``."""
    if day.state in _RUNNING and day.started_at is not None:
        return day.started_at.astimezone(zone).date()
    return now.astimezone(zone).date()


def expected_end(rules: DayRules, started_at: datetime, breaks: timedelta) -> datetime | None:
    """When a day started at ``started_at`` with ``breaks`` so far meets its plan.

    None on a day without a plan (a day off: all of it is overtime).
    """
    if not rules.working:
        return None
    end = started_at.astimezone(UTC) + rules.planned + max(rules.lunch_total, breaks)
    if rules.earliest_end is not None:
        end = max(end, rules.earliest_end.astimezone(UTC))
    return end.astimezone(rules.zone)


def day_outlook(source: PlanSource, day: Workday, figures: Elapsed, now: datetime) -> DayOutlook:
    """The day of ``day`` (the last status) at ``now`` (the portal's time), against its plan.

    ``figures`` is :func:`tray_app.core.elapsed.elapsed` of the same status at ``now``.
    """
    zone = source.zone
    on = plan_date(day, now, zone)
    rules = day_rules(source, on)
    start = day.started_at
    running = day.state in _RUNNING and start is not None
    closed_today = (
        day.state is DayState.CLOSED and start is not None and start.astimezone(zone).date() == on
    )
    started_at = start.astimezone(zone) if start is not None and (running or closed_today) else None
    worked = figures.worked if started_at is not None else _ZERO
    breaks = day.leaks + figures.on_break if started_at is not None else _ZERO
    late_by = _ZERO
    if rules.latest_start is not None:
        late_by = _positive((started_at or now) - rules.latest_start)
    end = None
    if running:
        assert started_at is not None
        end = expected_end(rules, started_at, breaks)
    if end is not None:
        overtime = _positive(now - end)
        until_end = _positive(end - now)
    else:
        overtime = _positive(worked - rules.planned)
        until_end = _ZERO
    return DayOutlook(
        rules=rules,
        started_at=started_at,
        running=running,
        worked=worked,
        breaks=breaks,
        late_by=late_by,
        expected_end=end,
        until_end=until_end,
        remaining=_positive(rules.planned - worked),
        overtime=overtime,
    )


def week_outlook(source: PlanSource, today: date, worked: Mapping[date, timedelta]) -> WeekOutlook:
    """The week of ``today``: its plan, and the work done on its dates in ``worked``.

    The plan is the ``planTime`` of the revision covering ``today`` when it has a weekly plan,
    else the sum of the seven days' plans, each from its own revision or the portal's limits:
    the production calendar's days off count nothing there, a working weekend date counts its
    template and a shortened day an hour less. ``planTime`` is taken as the HR system defines
    it, the norm of a whole week: a holiday does not reduce it (the tracker cannot tell how the
    HR system spreads a week's norm around a holiday). ``worked`` maps dates to net worked time
    (the history, plus today's running figure); dates outside the week are ignored.
    """
    first = today - timedelta(days=today.weekday())
    days = [first + timedelta(days=offset) for offset in range(7)]
    plan = day_rules(source, today).week_plan
    if plan is None:
        plan = sum((day_rules(source, each).planned for each in days), _ZERO)
    done = sum((worked.get(each, _ZERO) for each in days), _ZERO)
    return WeekOutlook(first_day=first, plan=plan, done=done)
