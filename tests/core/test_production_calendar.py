"""The Russian production calendar: holidays, the decrees' transfers, pre-holiday short days.

The expectations are the published calendars (consultant.ru, the government's announcements of
the decrees): days off, working Saturdays, shortened days and the yearly norm of hours.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tray_app.core.calendar_ru import RUSSIA
from tray_app.core.production_calendar import (
    CalendarDay,
    DayType,
    Decree,
    ProductionCalendar,
    Transfer,
)


def _year(year: int) -> list[CalendarDay]:
    first = date(year, 1, 1)
    return [
        RUSSIA.day(first + timedelta(days=n)) for n in range((date(year + 1, 1, 1) - first).days)
    ]


def _weekdays_off(year: int) -> set[date]:
    return {day.on for day in _year(year) if day.type is DayType.DAY_OFF}


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2028])
def test_the_new_year_holidays_are_days_off_whatever_the_weekday(year: int) -> None:
    for day in range(1, 9):
        found = RUSSIA.day(date(year, 1, day))
        assert (found.type, found.off, found.working) == (DayType.HOLIDAY, True, False)
    assert RUSSIA.is_holiday(date(year, 1, 7))
    assert not RUSSIA.is_holiday(date(year, 1, 9))


@pytest.mark.parametrize(
    "holiday",
    [
        date(2025, 2, 23),  # a Sunday
        date(2025, 3, 8),  # a Saturday
        date(2025, 5, 1),
        date(2025, 5, 9),
        date(2025, 6, 12),
        date(2025, 11, 4),
        date(2026, 2, 23),
        date(2026, 3, 8),  # a Sunday
        date(2026, 5, 1),
        date(2026, 5, 9),  # a Saturday
        date(2026, 6, 12),
        date(2026, 11, 4),
    ],
)
def test_public_holidays(holiday: date) -> None:
    assert RUSSIA.day(holiday).type is DayType.HOLIDAY


@pytest.mark.parametrize(
    ("year", "days_off"),
    [
        pytest.param(
            2024,
            {(4, 29), (4, 30), (5, 10), (12, 30), (12, 31)},
            id="2024",
        ),
        # 23 February (Sunday) and 8 March (Saturday) went to 8 May and 13 June by decree: no
        # Monday off after them.
        pytest.param(2025, {(5, 2), (5, 8), (6, 13), (11, 3), (12, 31)}, id="2025"),
        # 8 March (Sunday) and 9 May (Saturday) move to Monday by law.
        pytest.param(2026, {(1, 9), (3, 9), (5, 11), (12, 31)}, id="2026"),
        pytest.param(2027, {(2, 22), (5, 3), (5, 10), (6, 14), (11, 5), (12, 31)}, id="2027"),
    ],
)
def test_weekdays_off_of_the_decree_years(year: int, days_off: set[tuple[int, int]]) -> None:
    assert RUSSIA.has_decree(year)
    assert _weekdays_off(year) == {date(year, month, day) for month, day in days_off}


@pytest.mark.parametrize(
    ("year", "shortened"),
    [
        # 27 April and 28 December 2024 are working Saturdays too, but the Mondays they stand in
        # for were not before a holiday.
        pytest.param(2024, {(2, 22), (3, 7), (5, 8), (6, 11), (11, 2)}, id="2024"),
        # Not 7 May nor 30 December: 8 May and 31 December are transferred days off, not holidays.
        pytest.param(2025, {(3, 7), (4, 30), (6, 11), (11, 1)}, id="2025"),
        pytest.param(2026, {(4, 30), (5, 8), (6, 11), (11, 3)}, id="2026"),
    ],
)
def test_shortened_days_as_published(year: int, shortened: set[tuple[int, int]]) -> None:
    found = {day.on for day in _year(year) if day.shortened}
    assert found == {date(year, month, day) for month, day in shortened}


@pytest.mark.parametrize(
    ("year", "working_days", "hours"),
    [(2023, 247, 1973), (2024, 248, 1979), (2025, 247, 1972), (2026, 247, 1972)],
)
def test_the_yearly_norm_of_a_forty_hour_week(year: int, working_days: int, hours: int) -> None:
    days = [day for day in _year(year) if day.working]
    assert len(days) == working_days
    assert 8 * len(days) - sum(day.shortened for day in days) == hours


def test_a_working_saturday_plans_as_the_monday_it_was_exchanged_for() -> None:
    saturday = RUSSIA.day(date(2025, 11, 1))
    assert saturday == CalendarDay(
        on=date(2025, 11, 1), type=DayType.WORKING, plan_as=date(2025, 11, 3), shortened=True
    )
    assert (saturday.working, saturday.off) == (True, False)
    monday = RUSSIA.day(date(2025, 11, 3))
    assert (monday.type, monday.off, monday.working) == (DayType.DAY_OFF, True, False)
    assert RUSSIA.day(date(2025, 11, 2)).type is DayType.WEEKEND


@pytest.mark.parametrize(
    ("saturday", "plan_as", "shortened"),
    [
        (date(2024, 4, 27), date(2024, 4, 29), False),
        (date(2024, 11, 2), date(2024, 4, 30), True),  # stands in for the eve of 1 May
        (date(2024, 12, 28), date(2024, 12, 30), False),
        (date(2027, 2, 20), date(2027, 2, 22), True),  # stands in for the eve of 23 February
    ],
)
def test_working_saturdays(saturday: date, plan_as: date, shortened: bool) -> None:
    found = RUSSIA.day(saturday)
    assert (found.type, found.plan_as, found.shortened) == (DayType.WORKING, plan_as, shortened)


def test_a_weekend_holiday_moved_by_decree_stays_a_day_off() -> None:
    """4 January 2025 (Saturday) gave its day off to 2 May; it is still a holiday itself."""
    assert RUSSIA.day(date(2025, 1, 4)).type is DayType.HOLIDAY
    assert RUSSIA.day(date(2025, 5, 2)).type is DayType.DAY_OFF
    assert RUSSIA.day(date(2025, 2, 24)).type is DayType.WORKING


def test_ordinary_days() -> None:
    assert RUSSIA.day(date(2025, 11, 5)) == CalendarDay(
        on=date(2025, 11, 5), type=DayType.WORKING, plan_as=date(2025, 11, 5)
    )
    assert RUSSIA.day(date(2026, 1, 10)).type is DayType.WEEKEND
    assert RUSSIA.day(date(2026, 1, 12)).working


def test_a_year_without_a_decree_gets_the_statutory_rules_only() -> None:
    """2028: 1 January is a Saturday, but the January holidays move only by decree; 4 November
    (Saturday) moves to Monday 6 November by law; the eves of holidays are shorter."""
    assert not RUSSIA.has_decree(2028)
    assert RUSSIA.day(date(2028, 1, 10)).working
    assert _weekdays_off(2028) == {date(2028, 11, 6)}
    assert RUSSIA.day(date(2028, 11, 3)).shortened  # Friday before the Saturday holiday
    assert not RUSSIA.day(date(2028, 11, 7)).shortened
    assert RUSSIA.day(date(2029, 12, 31)).shortened  # Monday before the New Year
    assert RUSSIA.pre_holiday(date(2029, 12, 31))
    assert not RUSSIA.pre_holiday(date(2029, 12, 30))


def test_a_statutory_move_skips_the_days_already_taken() -> None:
    """A holiday on Saturday and one on Sunday: Monday and then Tuesday are off."""
    calendar = ProductionCalendar(name="test", holidays=frozenset({(6, 1), (6, 2)}))
    assert {
        day
        for day in (date(2024, 6, 3), date(2024, 6, 4), date(2024, 6, 5))
        if calendar.day(day).type is DayType.DAY_OFF
    } == {date(2024, 6, 3), date(2024, 6, 4)}
    assert calendar.day(date(2024, 5, 31)).shortened  # Friday before the Saturday holiday


def test_a_decree_without_working_weekend_dates() -> None:
    calendar = ProductionCalendar(
        name="test",
        holidays=frozenset({(3, 2)}),  # a Saturday in 2024
        decrees=(Decree(2024, (Transfer(date(2024, 3, 2), date(2024, 3, 8)),)),),
    )
    assert calendar.day(date(2024, 3, 2)).type is DayType.HOLIDAY
    assert calendar.day(date(2024, 3, 4)).working  # the decree moved it, not the law
    assert calendar.day(date(2024, 3, 8)).type is DayType.DAY_OFF
    assert not calendar.has_decree(2025)
