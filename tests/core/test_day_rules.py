"""The plan of one date: schedule times placed in a zone, portal limits, shifts, holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

import pytest

from tests.core.schedule_samples import (
    BERLIN,
    KOLKATA,
    MOSCOW,
    NEW_YORK,
    SAO_PAULO,
    TEHRAN,
    TOKYO,
    document,
    hm,
    schedule,
    wall,
)
from tray_app.core.calendar_ru import RUSSIA
from tray_app.core.day_rules import DayKind, DayRules, PlanSource, day_rules, wall_time
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.production_calendar import ProductionCalendar
from tray_app.core.schedule_import import parse_schedule
from tray_app.core.schedule_model import Revision, WorkTimeSchedule

PLUS3 = timezone(timedelta(hours=3))


def _windows(rules: DayRules) -> dict[str, object]:
    """The rules' moments as wall clock text, for readable expectations."""
    return {
        "latest_start": wall(rules.latest_start),
        "earliest_end": wall(rules.earliest_end),
        "start_window": None
        if rules.start_window is None
        else tuple(wall(moment) for moment in rules.start_window),
        "end_window": None
        if rules.end_window is None
        else tuple(wall(moment) for moment in rules.end_window),
        "lunches": [(wall(lunch.start), wall(lunch.end), lunch.length) for lunch in rules.lunches],
    }


# --- a wall-clock time on a date -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "on", "minutes", "expected"),
    [
        pytest.param(BERLIN, date(2024, 6, 3), 540, ("2024-06-03 09:00", "+02:00"), id="summer"),
        pytest.param(BERLIN, date(2024, 1, 8), 540, ("2024-01-08 09:00", "+01:00"), id="winter"),
        pytest.param(
            BERLIN, date(2024, 3, 31), 150, ("2024-03-31 03:30", "+02:00"), id="berlin-gap"
        ),
        pytest.param(
            BERLIN, date(2024, 3, 31), 180, ("2024-03-31 03:00", "+02:00"), id="after-gap"
        ),
        pytest.param(
            BERLIN, date(2024, 3, 31), 119, ("2024-03-31 01:59", "+01:00"), id="before-gap"
        ),
        pytest.param(
            BERLIN, date(2024, 10, 27), 150, ("2024-10-27 02:30", "+02:00"), id="berlin-twice"
        ),
        pytest.param(
            BERLIN, date(2024, 3, 30), 1440, ("2024-03-31 00:00", "+01:00"), id="midnight"
        ),
        pytest.param(MOSCOW, date(2011, 3, 27), 150, ("2011-03-27 03:30", "+04:00"), id="msk-2011"),
        pytest.param(MOSCOW, date(2014, 10, 26), 90, ("2014-10-26 01:30", "+04:00"), id="msk-2014"),
        pytest.param(
            MOSCOW, date(2014, 10, 27), 540, ("2014-10-27 09:00", "+03:00"), id="msk-after"
        ),
        pytest.param(NEW_YORK, date(2024, 3, 10), 150, ("2024-03-10 03:30", "-04:00"), id="ny-gap"),
        pytest.param(
            NEW_YORK, date(2024, 11, 3), 90, ("2024-11-03 01:30", "-04:00"), id="ny-twice"
        ),
        pytest.param(
            TEHRAN, date(2022, 3, 22), 0, ("2022-03-22 01:00", "+04:30"), id="teh-midnight"
        ),
        pytest.param(
            TEHRAN, date(2022, 9, 21), 1410, ("2022-09-21 23:30", "+04:30"), id="teh-twice"
        ),
        pytest.param(
            SAO_PAULO, date(2018, 11, 4), 0, ("2018-11-04 01:00", "-02:00"), id="sp-midnight"
        ),
        pytest.param(KOLKATA, date(2024, 6, 3), 570, ("2024-06-03 09:30", "+05:30"), id="kolkata"),
        pytest.param(TOKYO, date(2024, 12, 31), 1439, ("2024-12-31 23:59", "+09:00"), id="tokyo"),
        pytest.param(PLUS3, date(2024, 6, 3), 540, ("2024-06-03 09:00", "+03:00"), id="offset"),
    ],
)
def test_wall_time(zone: tzinfo, on: date, minutes: int, expected: tuple[str, str]) -> None:
    assert wall(wall_time(on, minutes, zone)) == expected


# --- without a schedule: the portal's limits -----------------------------------------------------

MONDAY = date(2024, 6, 3)


def test_portal_limits_make_a_fixed_monday() -> None:
    rules = day_rules(PlanSource(zone=BERLIN), MONDAY)
    assert (rules.on, rules.zone, rules.kind) == (MONDAY, BERLIN, DayKind.FIXED)
    assert (rules.from_schedule, rules.working, rules.planned) == (False, True, hm(8))
    assert rules.rigid
    assert rules.week_plan is None
    assert rules.shift is None
    assert rules.lunch_total == timedelta(0)
    assert _windows(rules) == {
        "latest_start": ("2024-06-03 09:15", "+02:00"),
        "earliest_end": ("2024-06-03 17:45", "+02:00"),
        "start_window": None,
        "end_window": None,
        "lunches": [],
    }


RUSSIA_DAY = date(2024, 6, 12)  # a Wednesday


@pytest.mark.parametrize(
    ("portal", "on", "calendar"),
    [
        pytest.param(PortalSettings(), date(2024, 6, 8), None, id="saturday"),
        pytest.param(PortalSettings(), date(2024, 6, 9), None, id="sunday"),
        pytest.param(PortalSettings(), RUSSIA_DAY, RUSSIA, id="holiday"),
        pytest.param(PortalSettings(tracking_enabled=False), MONDAY, None, id="no-tracking"),
        pytest.param(PortalSettings(min_duration=timedelta(0)), MONDAY, None, id="no-plan"),
    ],
)
def test_portal_days_off(
    portal: PortalSettings, on: date, calendar: ProductionCalendar | None
) -> None:
    rules = day_rules(PlanSource(zone=MOSCOW, portal=portal, calendar=calendar), on)
    assert (rules.working, rules.planned) == (False, timedelta(0))
    assert rules.latest_start is None
    assert rules.earliest_end is None


def test_flexible_portal_has_a_plan_but_no_times() -> None:
    portal = PortalSettings(flexible=True, min_duration=hm(7, 30))
    rules = day_rules(PlanSource(zone=NEW_YORK, portal=portal), date(2024, 6, 7))
    assert (rules.kind, rules.working, rules.planned) == (DayKind.FREE, True, hm(7, 30))
    assert not rules.rigid
    assert rules.latest_start is None
    assert rules.earliest_end is None


def test_portal_night_limits_end_on_the_next_date() -> None:
    portal = PortalSettings(max_start=hm(22), min_finish=hm(6))
    rules = day_rules(PlanSource(zone=BERLIN, portal=portal), date(2024, 3, 29))
    assert wall(rules.latest_start) == ("2024-03-29 22:00", "+01:00")
    assert wall(rules.earliest_end) == ("2024-03-30 06:00", "+01:00")


# --- from a schedule -----------------------------------------------------------------------------

OFFICE = schedule("office_fixed")
FLEXIBLE = schedule("flexible_two_lunches")
FREE = schedule("legacy_free_hours")
SHIFTS = schedule("shifts_two_on_two_off")


@pytest.mark.parametrize(
    ("on", "planned", "expected"),
    [
        pytest.param(
            date(2024, 6, 3),
            hm(8),
            {
                "latest_start": ("2024-06-03 09:10", "+02:00"),
                "earliest_end": ("2024-06-03 18:00", "+02:00"),
                "start_window": (("2024-06-03 09:00", "+02:00"),) * 2,
                "end_window": (("2024-06-03 18:00", "+02:00"),) * 2,
                "lunches": [
                    (("2024-06-03 13:00", "+02:00"), ("2024-06-03 14:00", "+02:00"), hm(1))
                ],
            },
            id="monday-first-revision",
        ),
        pytest.param(
            date(2024, 1, 5),
            hm(7),
            {
                "latest_start": ("2024-01-05 09:10", "+01:00"),
                "earliest_end": ("2024-01-05 18:00", "+01:00"),
                "start_window": (("2024-01-05 09:00", "+01:00"),) * 2,
                "end_window": (("2024-01-05 18:00", "+01:00"),) * 2,
                "lunches": [
                    (("2024-01-05 13:00", "+01:00"), ("2024-01-05 14:00", "+01:00"), hm(1))
                ],
            },
            id="short-friday-in-winter",
        ),
        pytest.param(
            date(2024, 7, 1),
            hm(8),
            {
                "latest_start": ("2024-07-01 08:40", "+02:00"),
                "earliest_end": ("2024-07-01 17:30", "+02:00"),
                "start_window": (("2024-07-01 08:30", "+02:00"),) * 2,
                "end_window": (("2024-07-01 17:30", "+02:00"),) * 2,
                "lunches": [
                    (("2024-07-01 12:30", "+02:00"), ("2024-07-01 13:30", "+02:00"), hm(1))
                ],
            },
            id="second-revision",
        ),
    ],
)
def test_fixed_office_day(on: date, planned: timedelta, expected: dict[str, object]) -> None:
    rules = day_rules(PlanSource(zone=BERLIN, schedule=OFFICE), on)
    assert (rules.kind, rules.from_schedule, rules.working) == (DayKind.FIXED, True, True)
    assert rules.planned == planned
    assert rules.week_plan == hm(39)
    assert _windows(rules) == expected


def test_fixed_office_weekend_keeps_the_week_plan() -> None:
    rules = day_rules(PlanSource(zone=BERLIN, schedule=OFFICE), date(2024, 6, 8))
    assert (rules.working, rules.planned, rules.week_plan) == (False, timedelta(0), hm(39))
    assert rules.lunches == ()
    assert rules.latest_start is None


@pytest.mark.parametrize(
    ("fixture", "holiday_working"),
    [("office_fixed", False), ("flexible_two_lunches", True)],  # ignoreCalendar false / true
)
def test_holidays_count_unless_the_calendar_is_ignored(fixture: str, holiday_working: bool) -> None:
    source = PlanSource(zone=MOSCOW, schedule=schedule(fixture), calendar=RUSSIA)
    assert day_rules(source, RUSSIA_DAY).working is holiday_working
    assert day_rules(source, RUSSIA_DAY).holiday is not holiday_working
    assert day_rules(source, date(2024, 6, 13)).working is True


def test_a_date_before_every_revision_falls_back_to_the_portal() -> None:
    rules = day_rules(PlanSource(zone=BERLIN, schedule=OFFICE), date(2023, 12, 4))
    assert (rules.from_schedule, rules.kind, rules.planned) == (False, DayKind.FIXED, hm(8))
    assert wall(rules.latest_start) == ("2023-12-04 09:15", "+01:00")


def test_flexible_day_late_after_the_window_and_no_end_floor() -> None:
    rules = day_rules(PlanSource(zone=MOSCOW, schedule=FLEXIBLE), date(2025, 3, 3))
    assert (rules.kind, rules.planned, rules.week_plan) == (DayKind.FLEXIBLE, hm(8), None)
    assert not rules.rigid
    assert rules.lunch_total == hm(0, 45)
    assert _windows(rules) == {
        "latest_start": ("2025-03-03 10:15", "+03:00"),
        "earliest_end": None,
        "start_window": (("2025-03-03 08:00", "+03:00"), ("2025-03-03 10:00", "+03:00")),
        "end_window": (("2025-03-03 17:00", "+03:00"), ("2025-03-03 19:00", "+03:00")),
        "lunches": [
            (("2025-03-03 12:00", "+03:00"), ("2025-03-03 14:00", "+03:00"), hm(0, 30)),
            (("2025-03-03 16:00", "+03:00"), ("2025-03-03 16:30", "+03:00"), hm(0, 15)),
        ],
    }


def test_free_hours_have_no_times_but_a_lunch_and_a_week_plan() -> None:
    rules = day_rules(PlanSource(zone=KOLKATA, schedule=FREE), date(2023, 3, 6))
    assert (rules.kind, rules.planned, rules.week_plan) == (DayKind.FREE, hm(8), hm(40))
    assert _windows(rules) == {
        "latest_start": None,
        "earliest_end": None,
        "start_window": None,
        "end_window": None,
        "lunches": [(("2023-03-06 12:00", "+05:30"), ("2023-03-06 15:00", "+05:30"), hm(0, 45))],
    }


def test_free_hours_ignore_windows_given_anyway() -> None:
    raw = document("legacy_free_hours")
    raw["settingsRevisions"][0].update(
        {"workStartFrom": 480, "workStartTo": 600, "workEndFrom": 1020, "workEndTo": 1140}
    )
    rules = day_rules(PlanSource(zone=KOLKATA, schedule=parse_schedule(raw)), date(2023, 3, 6))
    assert rules.start_window is None
    assert rules.end_window is None
    assert rules.latest_start is None


# --- shifts --------------------------------------------------------------------------------------


def _shifts_from(first_day: date) -> WorkTimeSchedule:
    raw = document("shifts_two_on_two_off")
    raw["settingsRevisions"][0]["dateFrom"] = first_day.isoformat()
    return parse_schedule(raw)


def test_default_day_shift_uses_the_revision_lunch() -> None:
    rules = day_rules(PlanSource(zone=MOSCOW, schedule=SHIFTS), date(2025, 1, 1))
    assert (rules.kind, rules.shift, rules.planned) == (DayKind.SHIFT, "Дневная", hm(11))
    assert rules.rigid
    assert rules.week_plan is None
    assert _windows(rules) == {
        "latest_start": ("2025-01-01 08:05", "+03:00"),
        "earliest_end": ("2025-01-01 20:00", "+03:00"),
        "start_window": (("2025-01-01 08:00", "+03:00"),) * 2,
        "end_window": (("2025-01-01 20:00", "+03:00"),) * 2,
        "lunches": [(("2025-01-01 13:00", "+03:00"), ("2025-01-01 14:00", "+03:00"), hm(1))],
    }


def test_night_shift_ends_and_lunches_on_the_next_date() -> None:
    source = PlanSource(zone=MOSCOW, schedule=SHIFTS, shift="Ночная")
    rules = day_rules(source, date(2025, 1, 2))
    assert (rules.shift, rules.planned, rules.lunch_total) == ("Ночная", hm(11), hm(1))
    assert _windows(rules) == {
        "latest_start": ("2025-01-02 20:05", "+03:00"),
        "earliest_end": ("2025-01-03 08:00", "+03:00"),
        "start_window": (("2025-01-02 20:00", "+03:00"),) * 2,
        "end_window": (("2025-01-03 08:00", "+03:00"),) * 2,
        "lunches": [
            (("2025-01-02 23:00", "+03:00"), ("2025-01-03 00:00", "+03:00"), hm(0, 30)),
            (("2025-01-03 03:00", "+03:00"), ("2025-01-03 04:00", "+03:00"), hm(0, 30)),
        ],
    }


@pytest.mark.parametrize(
    ("on", "working"),
    [
        (date(2025, 1, 1), True),
        (date(2025, 1, 2), True),
        (date(2025, 1, 3), False),
        (date(2025, 1, 4), False),
        (date(2025, 1, 5), True),
        (date(2025, 2, 28), False),  # 58 days in: 58 % 4 = 2
        (date(2025, 3, 1), False),
        (date(2025, 3, 2), True),
    ],
)
def test_two_on_two_off_cycle(on: date, working: bool) -> None:
    rules = day_rules(PlanSource(zone=MOSCOW, schedule=SHIFTS, shift="Ночная"), on)
    assert rules.working is working
    assert rules.shift == ("Ночная" if working else None)
    assert rules.planned == (hm(11) if working else timedelta(0))


@pytest.mark.parametrize(
    ("zone", "first_day", "on", "expected"),
    [
        pytest.param(
            BERLIN,
            date(2025, 3, 1),
            date(2025, 3, 29),
            (
                ("2025-03-29 20:00", "+01:00"),
                ("2025-03-30 08:00", "+02:00"),
                ("2025-03-30 03:00", "+02:00"),
            ),
            id="berlin-spring",
        ),
        pytest.param(
            BERLIN,
            date(2025, 10, 1),
            date(2025, 10, 25),
            (
                ("2025-10-25 20:00", "+02:00"),
                ("2025-10-26 08:00", "+01:00"),
                ("2025-10-26 03:00", "+01:00"),
            ),
            id="berlin-autumn",
        ),
        pytest.param(
            NEW_YORK,
            date(2025, 3, 1),
            date(2025, 3, 9),
            (
                ("2025-03-09 20:00", "-04:00"),
                ("2025-03-10 08:00", "-04:00"),
                ("2025-03-10 03:00", "-04:00"),
            ),
            id="ny-after-spring",
        ),
        pytest.param(
            NEW_YORK,
            date(2025, 11, 1),
            date(2025, 11, 1),
            (
                ("2025-11-01 20:00", "-04:00"),
                ("2025-11-02 08:00", "-05:00"),
                ("2025-11-02 03:00", "-05:00"),
            ),
            id="ny-autumn",
        ),
    ],
)
def test_night_shift_over_a_dst_change(
    zone: tzinfo, first_day: date, on: date, expected: tuple[tuple[str, str], ...]
) -> None:
    """Start, end (the earliest) and the after-midnight lunch of the night shift."""
    source = PlanSource(zone=zone, schedule=_shifts_from(first_day), shift="Ночная")
    rules = day_rules(source, on)
    assert rules.working
    assert rules.start_window is not None
    assert (
        wall(rules.start_window[0]),
        wall(rules.earliest_end),
        wall(rules.lunches[1].start),
    ) == expected


def test_moments_are_aware_in_the_zone() -> None:
    rules = day_rules(PlanSource(zone=TEHRAN, schedule=OFFICE), date(2024, 6, 3))
    assert rules.latest_start is not None
    assert rules.latest_start.utcoffset() == timedelta(hours=3, minutes=30)
    assert rules.latest_start == datetime(2024, 6, 3, 5, 40, tzinfo=UTC)


def test_fixed_hours_are_late_after_the_window_start_even_if_the_window_is_wider() -> None:
    raw = document("office_fixed")
    raw["settingsRevisions"][0]["workStartTo"] = 600  # a wider window than rigid hours have
    rules = day_rules(PlanSource(zone=BERLIN, schedule=parse_schedule(raw)), date(2024, 6, 3))
    assert wall(rules.latest_start) == ("2024-06-03 09:10", "+02:00")
    assert rules.start_window is not None
    assert wall(rules.start_window[1]) == ("2024-06-03 10:00", "+02:00")


def test_the_allowed_delay_is_real_time_across_the_jump() -> None:
    """Fixed start 01:50 plus 30 minutes on the night the clocks jump from 02:00 to 03:00."""
    early = WorkTimeSchedule(
        name="early",
        revisions=(
            Revision(
                work_start_from=110,
                work_start_to=110,
                work_end_from=600,
                work_end_to=600,
                plan_days_templates=(480,) * 7,
                allowable_delay=30,
            ),
        ),
    )
    rules = day_rules(PlanSource(zone=BERLIN, schedule=early), date(2024, 3, 31))
    assert wall(rules.latest_start) == ("2024-03-31 03:20", "+02:00")
    assert wall(rules.earliest_end) == ("2024-03-31 10:00", "+02:00")


# --- the production calendar ---------------------------------------------------------------------

# Templates that tell the weekdays apart: Monday 8 h, Tuesday to Thursday 7 h, Friday 6 h.
WEEKDAYS = WorkTimeSchedule(
    name="weekdays",
    revisions=(
        Revision(
            work_start_from=540,
            work_start_to=540,
            work_end_from=1080,
            work_end_to=1080,
            plan_days_templates=(480, 420, 420, 420, 360, 0, 0),
        ),
    ),
)


@pytest.mark.parametrize(
    ("on", "planned", "shortened"),
    [
        pytest.param(date(2025, 11, 1), hm(7), True, id="2025-11-01-as-monday-3-nov"),
        pytest.param(date(2024, 4, 27), hm(8), False, id="2024-04-27-as-monday-29-apr"),
        pytest.param(date(2024, 11, 2), hm(6), True, id="2024-11-02-as-tuesday-30-apr"),
        pytest.param(date(2024, 12, 28), hm(8), False, id="2024-12-28-as-monday-30-dec"),
    ],
)
def test_a_working_saturday_plans_the_template_of_its_paired_day(
    on: date, planned: timedelta, shortened: bool
) -> None:
    rules = day_rules(PlanSource(zone=MOSCOW, schedule=WEEKDAYS, calendar=RUSSIA), on)
    assert (rules.working, rules.planned, rules.shortened, rules.holiday) == (
        True,
        planned,
        shortened,
        False,
    )
    end = "17:00" if shortened else "18:00"
    assert wall(rules.earliest_end) == (f"{on.isoformat()} {end}", "+03:00")
    assert wall(rules.latest_start) == (f"{on.isoformat()} 09:00", "+03:00")


@pytest.mark.parametrize(
    "on",
    [
        pytest.param(date(2025, 1, 8), id="new-year"),
        pytest.param(date(2025, 5, 2), id="transferred-from-4-january"),
        pytest.param(date(2025, 11, 3), id="paired-with-1-november"),
        pytest.param(date(2025, 11, 4), id="unity-day"),
        pytest.param(date(2026, 3, 9), id="8-march-on-a-sunday-moved"),
        pytest.param(date(2026, 5, 11), id="9-may-on-a-saturday-moved"),
        pytest.param(date(2026, 12, 31), id="31-december-by-decree"),
        pytest.param(date(2028, 11, 6), id="no-decree-4-november-moved"),
    ],
)
def test_calendar_days_off_on_a_schedule(on: date) -> None:
    rules = day_rules(PlanSource(zone=MOSCOW, schedule=WEEKDAYS, calendar=RUSSIA), on)
    assert (rules.working, rules.holiday, rules.planned) == (False, True, timedelta(0))
    assert rules.from_schedule
    assert day_rules(PlanSource(zone=MOSCOW, schedule=WEEKDAYS), on).working is True


def test_a_shortened_fixed_day_plans_an_hour_less_and_ends_an_hour_earlier() -> None:
    """Tuesday 3 November 2026, the eve of Unity Day, on the office's second revision."""
    source = PlanSource(zone=MOSCOW, schedule=OFFICE, calendar=RUSSIA)
    rules = day_rules(source, date(2026, 11, 3))
    assert (rules.working, rules.shortened, rules.planned) == (True, True, hm(7))
    assert _windows(rules) == {
        "latest_start": ("2026-11-03 08:40", "+03:00"),
        "earliest_end": ("2026-11-03 16:30", "+03:00"),
        "start_window": (("2026-11-03 08:30", "+03:00"),) * 2,
        "end_window": (("2026-11-03 16:30", "+03:00"),) * 2,
        "lunches": [(("2026-11-03 12:30", "+03:00"), ("2026-11-03 13:30", "+03:00"), hm(1))],
    }
    assert rules.week_plan == hm(39)
    ordinary = day_rules(source, date(2026, 11, 5))
    assert (ordinary.shortened, ordinary.planned) == (False, hm(8))
    assert wall(ordinary.earliest_end) == ("2026-11-05 17:30", "+03:00")


def test_a_shortened_flexible_day_keeps_its_windows() -> None:
    raw = document("flexible_two_lunches")
    raw["settingsRevisions"][0]["ignoreCalendar"] = False
    source = PlanSource(zone=MOSCOW, schedule=parse_schedule(raw), calendar=RUSSIA)
    rules = day_rules(source, date(2026, 11, 3))
    assert (rules.kind, rules.shortened, rules.planned) == (DayKind.FLEXIBLE, True, hm(7))
    assert rules.earliest_end is None
    assert _windows(rules)["end_window"] == (
        ("2026-11-03 17:00", "+03:00"),
        ("2026-11-03 19:00", "+03:00"),
    )


def test_a_short_template_on_a_shortened_day_plans_nothing_but_stays_working() -> None:
    half_hour = WorkTimeSchedule(
        name="short", revisions=(Revision(time_control=2, plan_days_templates=(30,) * 7),)
    )
    rules = day_rules(
        PlanSource(zone=MOSCOW, schedule=half_hour, calendar=RUSSIA), date(2026, 11, 3)
    )
    assert (rules.working, rules.shortened, rules.planned) == (True, True, timedelta(0))


@pytest.mark.parametrize(
    "on", [date(2025, 11, 1), date(2025, 11, 3), date(2026, 1, 1), date(2026, 11, 3)]
)
def test_ignore_calendar_plans_by_the_templates_alone(on: date) -> None:
    """The flexible sample ignores the calendar: Saturday is off, holidays are worked, in full."""
    source = PlanSource(zone=MOSCOW, schedule=FLEXIBLE, calendar=RUSSIA)
    rules = day_rules(source, on)
    assert rules == day_rules(PlanSource(zone=MOSCOW, schedule=FLEXIBLE), on)
    assert (rules.holiday, rules.shortened) == (False, False)
    assert rules.planned == (timedelta(0) if on.weekday() >= 5 else hm(8))


@pytest.mark.parametrize(
    "name", [None, "по календарю подразделения", "Производственный календарь РФ", "Unknown"]
)
def test_every_business_calendar_name_means_the_main_calendar(name: str | None) -> None:
    raw = document("office_fixed")
    for revision in raw["settingsRevisions"]:
        revision["businessCalendarName"] = name
    source = PlanSource(zone=MOSCOW, schedule=parse_schedule(raw), calendar=RUSSIA)
    assert day_rules(source, RUSSIA_DAY).holiday is True
    assert day_rules(source, date(2024, 6, 11)).shortened is True


def test_without_a_calendar_a_holiday_is_an_ordinary_day() -> None:
    rules = day_rules(PlanSource(zone=MOSCOW, schedule=OFFICE), RUSSIA_DAY)
    assert (rules.working, rules.holiday, rules.planned) == (True, False, hm(8))


# The portal's limits: 8 h, on time until 09:15, never before 17:45.


@pytest.mark.parametrize(
    ("on", "working", "planned", "end"),
    [
        pytest.param(date(2025, 11, 1), True, hm(7), "16:45", id="working-saturday-shortened"),
        pytest.param(date(2025, 11, 3), False, timedelta(0), None, id="transferred-day-off"),
        pytest.param(date(2025, 11, 5), True, hm(8), "17:45", id="ordinary"),
        pytest.param(date(2025, 11, 8), False, timedelta(0), None, id="saturday"),
        pytest.param(date(2026, 1, 9), False, timedelta(0), None, id="new-year-transfer"),
        pytest.param(date(2026, 11, 3), True, hm(7), "16:45", id="eve-of-unity-day"),
    ],
)
def test_portal_limits_follow_the_calendar(
    on: date, working: bool, planned: timedelta, end: str | None
) -> None:
    rules = day_rules(PlanSource(zone=MOSCOW, calendar=RUSSIA), on)
    assert (rules.working, rules.planned, rules.from_schedule) == (working, planned, False)
    assert wall(rules.earliest_end) == (None if end is None else (f"{on} {end}", "+03:00"))
    assert rules.holiday is (on.weekday() < 5 and not working)


def test_portal_limits_may_leave_the_calendar_to_the_schedule() -> None:
    source = PlanSource(zone=MOSCOW, calendar=RUSSIA, calendar_for_portal=False)
    assert day_rules(source, date(2025, 11, 1)).working is False
    monday = day_rules(source, date(2025, 11, 3))
    assert (monday.working, monday.holiday, monday.planned) == (True, False, hm(8))
    eve = day_rules(source, date(2026, 11, 3))
    assert (eve.shortened, eve.planned) == (False, hm(8))


def test_a_shortened_day_of_a_flexible_portal_has_no_end_to_move() -> None:
    portal = PortalSettings(flexible=True, min_duration=hm(0, 30))
    rules = day_rules(PlanSource(zone=MOSCOW, portal=portal, calendar=RUSSIA), date(2026, 11, 3))
    assert (rules.working, rules.shortened, rules.planned) == (True, True, timedelta(0))
    assert rules.earliest_end is None


# A cycle (2 on, 2 off from 1 January 2025) with the calendar: only the holidays count.


def _cycle_with_calendar() -> PlanSource:
    raw = document("shifts_two_on_two_off")
    raw["settingsRevisions"][0]["ignoreCalendar"] = False
    return PlanSource(zone=MOSCOW, schedule=parse_schedule(raw), calendar=RUSSIA)


@pytest.mark.parametrize(
    ("on", "working", "holiday", "shortened"),
    [
        pytest.param(date(2025, 1, 1), False, True, False, id="new-year-on-a-shift-day"),
        pytest.param(date(2025, 5, 9), False, True, False, id="victory-day-on-a-shift-day"),
        pytest.param(date(2025, 5, 2), True, False, False, id="transfers-do-not-apply"),
        pytest.param(date(2025, 11, 1), True, False, False, id="saturday-by-the-cycle"),
        pytest.param(date(2025, 6, 11), True, False, True, id="eve-of-russia-day"),
        pytest.param(date(2025, 3, 1), False, False, False, id="cycle-day-off"),
    ],
)
def test_a_cycle_follows_only_the_holidays(
    on: date, working: bool, holiday: bool, shortened: bool
) -> None:
    rules = day_rules(_cycle_with_calendar(), on)
    assert (rules.working, rules.holiday, rules.shortened) == (working, holiday, shortened)


def test_a_shortened_shift_ends_an_hour_earlier() -> None:
    rules = day_rules(_cycle_with_calendar(), date(2025, 6, 11))
    assert (rules.kind, rules.planned) == (DayKind.SHIFT, hm(10))
    assert wall(rules.earliest_end) == ("2025-06-11 19:00", "+03:00")
    assert wall(rules.latest_start) == ("2025-06-11 08:05", "+03:00")
