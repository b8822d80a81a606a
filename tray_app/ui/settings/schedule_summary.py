"""What a work schedule plans, in a few lines of the user's language (the Schedule tab's
summary), and the clock and duration texts the tab shows.

The functions translate with the context "SchedulePage", the tab's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QLocale

from tray_app.core.portal_settings import PortalSettings
from tray_app.core.schedule_model import (
    FIXED_HOURS,
    FREE_HOURS,
    WEEKLY_PLAN,
    Revision,
    WorkTimeSchedule,
    revision_for,
)
from tray_app.core.timefmt import format_hm

__all__ = ["clock", "day_names", "hm", "portal_revision", "summary_lines", "week_sum"]

translate = QCoreApplication.translate
"""Always called by this name with the literal context "SchedulePage" (for pyside6-lupdate)."""

WEEK = 7


def clock(minutes: int) -> str:
    """``09:05`` for 545 minutes after midnight (1440 reads 24:00)."""
    hours, minute = divmod(minutes, 60)
    return f"{hours:02d}:{minute:02d}"


def hm(minutes: int) -> str:
    """``7:30`` for 450 minutes."""
    return format_hm(timedelta(minutes=minutes))


def day_names() -> list[str]:
    """The short weekday names of the user's language, Monday first."""
    locale = QLocale()
    return [locale.dayName(day, QLocale.FormatType.ShortFormat) for day in range(1, 8)]


def week_sum(templates: Sequence[int]) -> int:
    """The week's planned minutes by the days: the first seven days of the week or cycle."""
    return sum(templates[:WEEK])


def portal_revision(portal: PortalSettings) -> Revision:
    """The portal's limits as a revision: Monday to Friday, the minimum day each, the latest
    start and the earliest end as fixed times (free hours when the portal says flexible)."""
    day = int(portal.min_duration.total_seconds()) // 60
    start = int(portal.max_start.total_seconds()) // 60
    end = int(portal.min_finish.total_seconds()) // 60
    flexible = portal.flexible
    return Revision(
        time_control=FREE_HOURS if flexible else FIXED_HOURS,
        work_start_from=None if flexible else start,
        work_start_to=None if flexible else start,
        work_end_from=None if flexible else end,
        work_end_to=None if flexible else end,
        work_duration=day,
        plan_days_templates=(day,) * 5 + (0, 0),
    )


def _week_days(templates: Sequence[int]) -> str:
    """``Mon-Thu 8:00, Fri 7:00, Sat-Sun off`` (with en dashes): equal days run together."""
    names = day_names()
    parts: list[str] = []
    first = 0
    for index in range(1, WEEK + 1):
        if index < WEEK and templates[index] == templates[first]:
            continue
        span = names[first] if index - 1 == first else f"{names[first]}\u2013{names[index - 1]}"
        minutes = templates[first]
        value = hm(minutes) if minutes else translate("SchedulePage", "off")
        parts.append(f"{span} {value}")
        first = index
    return ", ".join(parts)


def _cycle_days(templates: Sequence[int]) -> str:
    values = ", ".join(
        hm(minutes) if minutes else translate("SchedulePage", "off") for minutes in templates
    )
    return translate("SchedulePage", "a cycle of {count} days: {days}").format(
        count=len(templates), days=values
    )


def _kind_words(revision: Revision) -> str:
    if revision.is_individual_time_control:
        return translate("SchedulePage", "shift work")
    if revision.fixed:
        return translate("SchedulePage", "fixed hours")
    if revision.free:
        return translate("SchedulePage", "free hours")
    return translate("SchedulePage", "flexible hours")


def _window(first: int | None, last: int | None) -> str:
    if first is None or last is None:
        return ""
    return clock(first) if first == last else f"{clock(first)}\u2013{clock(last)}"


def summary_lines(schedule: WorkTimeSchedule, on: date) -> list[str]:
    """What ``schedule`` plans on ``on``'s revision, a few lines in the user's language."""
    revision = revision_for(schedule, on)
    head = f"\u201c{schedule.name}\u201d"
    if revision is None:
        return [
            head,
            translate(
                "SchedulePage",
                "No revision of this schedule covers today: the portal's limits apply.",
            ),
        ]
    lines = [f"{head} \u00b7 {_kind_words(revision)}"]
    templates = revision.plan_days_templates
    days = (
        _week_days(templates) if revision.plan_days_type == WEEKLY_PLAN else _cycle_days(templates)
    )
    week = revision.week_plan
    weekly = revision.plan_days_type == WEEKLY_PLAN
    if week is not None and weekly and week != week_sum(templates):
        days += " \u00b7 " + translate("SchedulePage", "week {plan} (the days: {days})").format(
            plan=hm(week), days=hm(week_sum(templates))
        )
    elif weekly or week is not None:
        plan = week if week is not None else week_sum(templates)
        days += " \u00b7 " + translate("SchedulePage", "week {plan}").format(plan=hm(plan))
    lines.append(days)
    if revision.is_individual_time_control and revision.shifts:
        shifts = ", ".join(
            f"{shift.name} {clock(shift.begin)}\u2013{clock(shift.end)}"
            for shift in revision.shifts
        )
        lines.append(translate("SchedulePage", "Shifts: {shifts}").format(shifts=shifts))
    elif not revision.free:
        start = _window(revision.work_start_from, revision.work_start_to)
        end = _window(revision.work_end_from, revision.work_end_to)
        if start and end:
            lines.append(
                translate(
                    "SchedulePage", "Start {start} (late after {delay} min) \u00b7 end {end}"
                ).format(start=start, delay=revision.allowable_delay, end=end)
            )
    if revision.dinners:
        lunches = ", ".join(
            f"{clock(d.start)}\u2013{clock(d.end)} ({hm(d.length(fixed=revision.fixed))})"
            for d in revision.dinners
        )
        lines.append(translate("SchedulePage", "Lunch {lunches}").format(lunches=lunches))
    else:
        lines.append(translate("SchedulePage", "No lunch break"))
    return lines
