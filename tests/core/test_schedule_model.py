"""Revision choice, day templates (week and cycle), lunch lengths, shift choice."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.schedule_samples import schedule
from tray_app.core.schedule_model import (
    Dinner,
    Revision,
    Shift,
    ShiftDinner,
    WorkTimeSchedule,
    revision_for,
)

WEEK = (480, 470, 460, 450, 420, 60, 0)


@pytest.mark.parametrize(
    ("on", "minutes"),
    [
        (date(2025, 3, 3), 480),  # Monday
        (date(2025, 3, 4), 470),
        (date(2025, 3, 5), 460),
        (date(2025, 3, 6), 450),
        (date(2025, 3, 7), 420),  # Friday
        (date(2025, 3, 8), 60),
        (date(2025, 3, 9), 0),  # Sunday
        (date(2024, 2, 29), 450),  # a leap day, Thursday
        (date(2024, 12, 31), 470),  # Tuesday, the last day of a year
    ],
)
def test_weekly_templates_start_on_monday(on: date, minutes: int) -> None:
    assert Revision(plan_days_templates=WEEK).template_for(on) == minutes


@pytest.mark.parametrize(
    ("on", "minutes"),
    [
        (date(2025, 1, 1), 660),  # the cycle starts on dateFrom
        (date(2025, 1, 2), 660),
        (date(2025, 1, 3), 0),
        (date(2025, 1, 4), 0),
        (date(2025, 1, 5), 660),  # and repeats every four days
        (date(2025, 3, 1), 0),  # 59 days later: 59 % 4 = 3, a day off
        (date(2025, 3, 2), 660),  # 60 % 4 = 0
        (date(2024, 12, 31), 0),  # before dateFrom the cycle runs backwards: -1 % 4 = 3
        (date(2024, 12, 30), 0),  # -2 % 4 = 2
    ],
)
def test_cycle_counts_from_date_from(on: date, minutes: int) -> None:
    cycle = Revision(
        plan_days_type=2, plan_days_templates=(660, 660, 0, 0), date_from=date(2025, 1, 1)
    )
    assert cycle.template_for(on) == minutes


def test_cycle_without_date_from_counts_from_year_one() -> None:
    # 0001-01-01 is a Monday, so a seven-day cycle matches the weekday templates.
    cycle = Revision(plan_days_type=2, plan_days_templates=WEEK)
    weekly = Revision(plan_days_templates=WEEK)
    days = [date(2025, 3, 1 + offset) for offset in range(14)]
    assert [cycle.template_for(d) for d in days] == [weekly.template_for(d) for d in days]
    three = Revision(plan_days_type=2, plan_days_templates=(1, 2, 3))
    # date(2025, 3, 3).toordinal() - 1 = 739312; 739312 % 3 = 1
    assert three.template_for(date(2025, 3, 3)) == 2


@pytest.mark.parametrize(
    ("dinner", "fixed", "length"),
    [
        (Dinner(start=780, end=840, min_duration=30, max_duration=45), True, 45),
        (Dinner(start=780, end=840, min_duration=30, max_duration=45), False, 30),
        (Dinner(start=780, end=840, min_duration=30), True, 30),
        (Dinner(start=780, end=840, max_duration=45), False, 45),
        (Dinner(start=780, end=840), True, 60),
        (Dinner(start=780, end=840), False, 60),
        (Dinner(start=780, end=840, max_duration=0), True, 0),
    ],
)
def test_lunch_length_by_schedule_kind(dinner: Dinner, fixed: bool, length: int) -> None:
    assert dinner.length(fixed=fixed) == length


@pytest.mark.parametrize(
    ("dinner", "length"),
    [
        (ShiftDinner(start=180, end=240, duration=30), 30),
        (ShiftDinner(start=180, end=240), 60),
        (ShiftDinner(start=180, end=240, duration=0), 0),
    ],
)
def test_shift_lunch_length(dinner: ShiftDinner, length: int) -> None:
    assert dinner.length() == length


def test_shift_by_name_or_the_default_one() -> None:
    day = Shift(name="Day", begin=480, end=1200)
    night = Shift(name="Night", begin=1200, end=480)
    revision = Revision(shifts=(day, night))
    assert revision.shift_named("Night") is night
    assert revision.shift_named("Day") is day
    assert revision.shift_named(None) is day
    assert revision.shift_named("Evening") is day
    assert Revision().shift_named("Night") is None


@pytest.mark.parametrize(
    ("control_period", "plan_time", "week_plan"),
    [(1, 2340, 2340), (0, 2340, None), (2, None, None)],
)
def test_week_plan_only_with_a_control_period(
    control_period: int, plan_time: int | None, week_plan: int | None
) -> None:
    revision = Revision(control_period=control_period, plan_time=plan_time)
    assert revision.week_plan == week_plan


def test_kind_flags() -> None:
    assert Revision(time_control=0).fixed
    assert not Revision(time_control=0).free
    assert Revision(time_control=2).free
    assert not Revision(time_control=1).fixed
    assert not Revision(time_control=3).free


# --- which revision covers a date ----------------------------------------------------------------

OFFICE = schedule("office_fixed")


@pytest.mark.parametrize(
    ("on", "start_minutes"),
    [
        (date(2023, 12, 31), None),  # before the first revision
        (date(2024, 1, 1), 540),
        (date(2024, 6, 30), 540),  # dateTo is inclusive
        (date(2024, 7, 1), 510),
        (date(2099, 1, 1), 510),  # open-ended
    ],
)
def test_revision_covering_a_date(on: date, start_minutes: int | None) -> None:
    revision = revision_for(OFFICE, on)
    assert (None if revision is None else revision.work_start_from) == start_minutes


def _numbered(*periods: tuple[date | None, date | None]) -> WorkTimeSchedule:
    return WorkTimeSchedule(
        name="periods",
        revisions=tuple(
            Revision(date_from=start, date_to=end, allowable_delay=index)
            for index, (start, end) in enumerate(periods)
        ),
    )


@pytest.mark.parametrize(
    ("on", "number"),
    [
        (date(1990, 5, 17), 1),  # the revision without a start covers the beginning of time
        (date(2023, 12, 31), 1),  # ... until the day before the next one starts
        (date(2024, 1, 1), 2),
        (date(2024, 3, 31), 2),
        (date(2024, 4, 1), None),  # a gap: revision 2 ends in March, 0 starts in June
        (date(2024, 5, 31), None),
        (date(2024, 6, 1), 0),
        (date(2030, 1, 1), 0),
    ],
)
def test_revision_with_implicit_ends_gaps_and_no_start(on: date, number: int | None) -> None:
    periods = _numbered(
        (date(2024, 6, 1), None), (None, None), (date(2024, 1, 1), date(2024, 3, 31))
    )
    revision = revision_for(periods, on)
    assert (None if revision is None else revision.allowable_delay) == number
