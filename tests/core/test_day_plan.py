"""The day and the week against the plan: expected end, late start, overtime, week totals.

Every expectation is worked out by hand from the rules in shared/worktime-schedule.md:
expected end = start + plan + max(lunch, breaks so far), never before the earliest end on fixed
hours; durations are real time, so DST nights are computed in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

import pytest

from tests.core.schedule_samples import (
    BERLIN,
    MOSCOW,
    NEW_YORK,
    TEHRAN,
    TOKYO,
    closed,
    document,
    expired,
    hm,
    local,
    opened,
    paused,
    schedule,
    utc,
    wall,
)
from tray_app.core.calendar_ru import RUSSIA
from tray_app.core.day_plan import (
    DayOutlook,
    EndHint,
    WeekOutlook,
    day_outlook,
    end_hint,
    expected_end,
    plan_date,
    week_outlook,
)
from tray_app.core.day_rules import PlanSource, day_rules
from tray_app.core.elapsed import elapsed
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.schedule_import import parse_schedule
from tray_app.core.workday import DayState, Workday

ZERO = timedelta(0)
OFFICE = PlanSource(zone=BERLIN, schedule=schedule("office_fixed"))  # 2024-06-03 is a Monday
FLEXIBLE = PlanSource(zone=MOSCOW, schedule=schedule("flexible_two_lunches"))
NIGHT = PlanSource(zone=MOSCOW, schedule=schedule("shifts_two_on_two_off"), shift="Ночная")


def berlin(text: str) -> datetime:
    return local(BERLIN, text)


def moscow(text: str) -> datetime:
    return local(MOSCOW, text)


def outlook(source: PlanSource, day: Workday, now: datetime) -> DayOutlook:
    return day_outlook(source, day, elapsed(day, now), now)


@dataclass(frozen=True)
class Seen:
    """What the tray shows, as wall clock text and durations."""

    worked: timedelta
    late_by: timedelta
    expected_end: tuple[str, str] | None
    until_end: timedelta
    remaining: timedelta
    overtime: timedelta


def seen(view: DayOutlook) -> Seen:
    return Seen(
        worked=view.worked,
        late_by=view.late_by,
        expected_end=wall(view.expected_end),
        until_end=view.until_end,
        remaining=view.remaining,
        overtime=view.overtime,
    )


# --- fixed office hours, Berlin, Monday 2024-06-03: 8 h, lunch 13:00-14:00 (1 h), 09:00+10 min,
#     never before 18:00 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "now", "expected"),
    [
        pytest.param(
            closed(),
            berlin("2024-06-03 08:00"),
            Seen(ZERO, ZERO, None, ZERO, hm(8), ZERO),
            id="never-started-early-morning",
        ),
        pytest.param(
            closed(),
            berlin("2024-06-03 09:40"),
            Seen(ZERO, hm(0, 30), None, ZERO, hm(8), ZERO),
            id="not-started-late-counts-up",
        ),
        pytest.param(
            closed(berlin("2024-05-31 09:00"), berlin("2024-05-31 18:00")),
            berlin("2024-06-03 10:00"),
            Seen(ZERO, hm(0, 50), None, ZERO, hm(8), ZERO),
            id="last-day-was-friday",
        ),
        pytest.param(
            expired(berlin("2024-05-31 09:00")),
            berlin("2024-06-03 09:05"),
            Seen(ZERO, ZERO, None, ZERO, hm(8), ZERO),
            id="forgotten-friday-today-not-started",
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:00")),
            berlin("2024-06-03 11:00"),
            Seen(hm(2), ZERO, ("2024-06-03 18:00", "+02:00"), hm(7), hm(6), ZERO),
            id="on-time-lunch-still-to-take",
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:25"), leaks=hm(1, 30)),
            berlin("2024-06-03 17:00"),
            Seen(hm(6, 5), hm(0, 15), ("2024-06-03 18:55", "+02:00"), hm(1, 55), hm(1, 55), ZERO),
            id="late-and-breaks-beyond-lunch",
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:00"), leaks=hm(0, 20)),
            berlin("2024-06-03 12:00"),
            Seen(hm(2, 40), ZERO, ("2024-06-03 18:00", "+02:00"), hm(6), hm(5, 20), ZERO),
            id="short-break-counts-towards-lunch",
        ),
        pytest.param(
            opened(berlin("2024-06-03 07:00")),
            berlin("2024-06-03 17:00"),
            Seen(hm(10), ZERO, ("2024-06-03 18:00", "+02:00"), hm(1), ZERO, ZERO),
            id="early-bird-held-to-the-earliest-end",
        ),
        pytest.param(
            opened(berlin("2024-06-03 08:00"), leaks=hm(1)),
            berlin("2024-06-03 18:20"),
            Seen(hm(9, 20), ZERO, ("2024-06-03 18:00", "+02:00"), ZERO, ZERO, hm(0, 20)),
            id="overtime-past-the-end",
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:00"), leaks=hm(1)),
            berlin("2024-06-03 18:00"),
            Seen(hm(8), ZERO, ("2024-06-03 18:00", "+02:00"), ZERO, ZERO, ZERO),
            id="exactly-at-the-end",
        ),
        pytest.param(
            paused(berlin("2024-06-03 09:00"), berlin("2024-06-03 13:00")),
            berlin("2024-06-03 13:40"),
            Seen(hm(4), ZERO, ("2024-06-03 18:00", "+02:00"), hm(4, 20), hm(4), ZERO),
            id="lunch-break-running",
        ),
        pytest.param(
            paused(berlin("2024-06-03 09:00"), berlin("2024-06-03 13:00")),
            berlin("2024-06-03 14:30"),
            Seen(hm(4), ZERO, ("2024-06-03 18:30", "+02:00"), hm(4), hm(4), ZERO),
            id="long-break-moves-the-end",
        ),
        pytest.param(
            closed(berlin("2024-06-03 09:00"), berlin("2024-06-03 18:30"), leaks=hm(1)),
            berlin("2024-06-03 20:00"),
            Seen(hm(8, 30), ZERO, None, ZERO, ZERO, hm(0, 30)),
            id="closed-today-with-overtime",
        ),
        pytest.param(
            closed(berlin("2024-06-03 09:30"), berlin("2024-06-03 16:00"), leaks=hm(0, 30)),
            berlin("2024-06-03 16:05"),
            Seen(hm(6), hm(0, 20), None, ZERO, hm(2), ZERO),
            id="closed-early-and-late",
        ),
        pytest.param(
            Workday(state=DayState.OPENED),
            berlin("2024-06-03 09:00"),
            Seen(ZERO, ZERO, None, ZERO, hm(8), ZERO),
            id="opened-without-a-start-is-not-counted",
        ),
    ],
)
def test_fixed_office_monday(day: Workday, now: datetime, expected: Seen) -> None:
    view = outlook(OFFICE, day, now)
    assert view.rules.on == date(2024, 6, 3)
    assert seen(view) == expected
    assert view.running is (
        day.state in (DayState.OPENED, DayState.PAUSED) and bool(day.started_at)
    )


def test_outlook_carries_start_breaks_and_progress() -> None:
    day = paused(berlin("2024-06-03 09:00"), berlin("2024-06-03 15:00"), leaks=hm(1))
    view = outlook(OFFICE, day, berlin("2024-06-03 15:15"))
    assert wall(view.started_at) == ("2024-06-03 09:00", "+02:00")
    assert view.breaks == hm(1, 15)  # finished 1:00 plus the running 0:15
    assert view.worked == hm(5)
    assert view.progress == 5 / 8


@pytest.mark.parametrize(
    ("worked", "progress"),
    [(ZERO, 0.0), (hm(2), 0.25), (hm(8), 1.0), (hm(10), 1.0)],
)
def test_day_progress_is_a_share_of_the_plan(worked: timedelta, progress: float) -> None:
    start = berlin("2024-06-03 07:00")
    view = outlook(OFFICE, opened(start), start + worked)
    assert view.progress == progress


def test_a_day_off_is_all_overtime_and_has_no_end() -> None:
    saturday = berlin("2024-06-08 10:00")
    view = outlook(OFFICE, opened(saturday), berlin("2024-06-08 12:30"))
    assert view.rules.working is False
    assert seen(view) == Seen(hm(2, 30), ZERO, None, ZERO, ZERO, hm(2, 30))
    assert view.progress is None


def test_a_day_without_a_plan_from_the_portal() -> None:
    source = PlanSource(zone=BERLIN, portal=PortalSettings(min_duration=ZERO))
    view = outlook(source, opened(berlin("2024-06-03 09:00")), berlin("2024-06-03 10:00"))
    assert (view.rules.working, view.rules.planned) == (False, ZERO)
    assert seen(view) == Seen(hm(1), ZERO, None, ZERO, ZERO, hm(1))


@pytest.mark.parametrize(
    ("start", "now", "expected"),
    [
        pytest.param(
            "2024-06-03 09:10", "2024-06-03 12:00", ("2024-06-03 17:55", "+02:00"), id="portal"
        ),
        pytest.param(
            "2024-06-03 07:00", "2024-06-03 12:00", ("2024-06-03 17:45", "+02:00"), id="floor"
        ),
    ],
)
def test_portal_limits_without_a_schedule(start: str, now: str, expected: tuple[str, str]) -> None:
    """8 h, no lunch known, latest start 09:15, never before 17:45; breaks 0:45."""
    source = PlanSource(zone=BERLIN)
    view = outlook(source, opened(berlin(start), leaks=hm(0, 45)), berlin(now))
    assert wall(view.expected_end) == expected
    assert view.late_by == ZERO


def test_portal_late_start() -> None:
    view = outlook(
        PlanSource(zone=BERLIN), opened(berlin("2024-06-03 09:40")), berlin("2024-06-03 10:00")
    )
    assert view.late_by == hm(0, 25)


# --- flexible hours, two lunches (0:30 + 0:15), late after 10:00 + 15 min, no end floor ---------


@pytest.mark.parametrize(
    ("start", "leaks", "expected_end", "late_by"),
    [
        pytest.param("2025-03-03 10:30", ZERO, "2025-03-03 19:15", hm(0, 15), id="late"),
        pytest.param("2025-03-03 10:15", ZERO, "2025-03-03 19:00", ZERO, id="just-on-time"),
        pytest.param("2025-03-03 07:30", ZERO, "2025-03-03 16:15", ZERO, id="early-no-floor"),
        pytest.param("2025-03-03 09:00", hm(0, 20), "2025-03-03 17:45", ZERO, id="part-lunch"),
        pytest.param("2025-03-03 09:00", hm(1), "2025-03-03 18:00", ZERO, id="long-breaks"),
    ],
)
def test_flexible_day_with_two_lunches(
    start: str, leaks: timedelta, expected_end: str, late_by: timedelta
) -> None:
    view = outlook(FLEXIBLE, opened(moscow(start), leaks=leaks), moscow("2025-03-03 12:00"))
    assert wall(view.expected_end) == (expected_end, "+03:00")
    assert view.late_by == late_by


def test_free_hours_are_never_late() -> None:
    source = PlanSource(zone=BERLIN, schedule=schedule("legacy_free_hours"))
    view = outlook(source, opened(berlin("2024-06-03 13:00")), berlin("2024-06-03 14:00"))
    assert view.late_by == ZERO
    assert wall(view.expected_end) == ("2024-06-03 21:45", "+02:00")  # 8 h + 45 min lunch


# --- shifts and nights ---------------------------------------------------------------------------


def test_night_shift_keeps_its_date_after_midnight() -> None:
    """Ночная, 20:00-08:00 with two half-hour lunches, 11 h; started 19:58 on 2 January."""
    day = opened(moscow("2025-01-02 19:58"))
    view = outlook(NIGHT, day, moscow("2025-01-03 02:00"))
    assert view.rules.on == date(2025, 1, 2)
    assert view.rules.working  # 3 January itself is a day off
    assert seen(view) == Seen(
        hm(6, 2), ZERO, ("2025-01-03 08:00", "+03:00"), hm(6), hm(4, 58), ZERO
    )


@pytest.mark.parametrize(
    ("zone", "first_day", "start", "expected_end"),
    [
        # 20:00 + 11 h + 1 h lunch = 12 h of real time; the floor is 08:00 the next morning.
        pytest.param(
            BERLIN,
            "2025-03-01",
            "2025-03-29 20:00",
            ("2025-03-30 09:00", "+02:00"),
            id="berlin-spring",
        ),
        pytest.param(
            BERLIN,
            "2025-10-01",
            "2025-10-25 20:00",
            ("2025-10-26 08:00", "+01:00"),
            id="berlin-autumn",
        ),
        pytest.param(
            NEW_YORK,
            "2025-11-01",
            "2025-11-01 20:00",
            ("2025-11-02 08:00", "-05:00"),
            id="ny-autumn",
        ),
        pytest.param(
            NEW_YORK,
            "2024-12-01",
            "2025-03-08 21:00",
            ("2025-03-09 10:00", "-04:00"),
            id="ny-spring",
        ),
    ],
)
def test_night_shift_across_a_dst_change(
    zone: tzinfo, first_day: str, start: str, expected_end: tuple[str, str]
) -> None:
    raw = document("shifts_two_on_two_off")
    raw["settingsRevisions"][0]["dateFrom"] = first_day
    source = PlanSource(zone=zone, schedule=parse_schedule(raw), shift="Ночная")
    begun = local(zone, start)
    view = outlook(source, opened(begun), begun + hm(1))
    assert view.rules.working
    assert wall(view.expected_end) == expected_end


@pytest.mark.parametrize(
    ("start", "expected_end"),
    [
        # 16:30Z + 8 h = 00:30Z; at 00:00 local the clocks went to 01:00 (+04:30).
        pytest.param("2022-03-21 20:00", ("2022-03-22 05:00", "+04:30"), id="midnight-skipped"),
        # 15:30Z + 8 h = 23:30Z; at 24:00 local the clocks went back to 23:00 (+03:30).
        pytest.param("2022-09-21 20:00", ("2022-09-22 03:00", "+03:30"), id="midnight-repeated"),
    ],
)
def test_evening_start_over_a_midnight_dst_change(
    start: str, expected_end: tuple[str, str]
) -> None:
    source = PlanSource(zone=TEHRAN, portal=PortalSettings(flexible=True))
    begun = local(TEHRAN, start)
    view = outlook(source, opened(begun), begun + hm(2))
    assert wall(view.expected_end) == expected_end


def test_tokyo_office_day() -> None:
    source = PlanSource(zone=TOKYO, schedule=schedule("office_fixed"))
    start = local(TOKYO, "2024-06-03 08:55")
    view = outlook(source, opened(start), local(TOKYO, "2024-06-03 09:30"))
    assert wall(view.expected_end) == ("2024-06-03 18:00", "+09:00")
    assert view.until_end == hm(8, 30)


# --- "until 18:05" or "+0:20 overtime" ----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "now", "hint"),
    [
        pytest.param(closed(), "2024-06-03 10:00", None, id="not-started"),
        pytest.param(
            expired(berlin("2024-05-31 09:00")), "2024-06-03 10:00", None, id="forgotten-day"
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:02")),
            "2024-06-03 10:00",
            EndHint(until=berlin("2024-06-03 18:02")),
            id="until",
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:00"), leaks=hm(1)),
            "2024-06-03 18:00:59",
            EndHint(until=berlin("2024-06-03 18:00")),
            id="under-a-minute-past-still-until",
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:00"), leaks=hm(1)),
            "2024-06-03 18:20",
            EndHint(overtime=hm(0, 20)),
            id="overtime",
        ),
        pytest.param(
            closed(berlin("2024-06-03 09:00"), berlin("2024-06-03 18:30"), leaks=hm(1)),
            "2024-06-03 19:00",
            EndHint(overtime=hm(0, 30)),
            id="closed-with-overtime",
        ),
        pytest.param(
            closed(berlin("2024-06-03 09:00"), berlin("2024-06-03 17:00"), leaks=hm(1)),
            "2024-06-03 19:00",
            None,
            id="closed-short",
        ),
        pytest.param(
            opened(berlin("2024-06-08 10:00")),
            "2024-06-08 10:00",
            None,
            id="day-off-just-started",
        ),
        pytest.param(
            opened(berlin("2024-06-08 10:00")),
            "2024-06-08 11:15",
            EndHint(overtime=hm(1, 15)),
            id="day-off-all-overtime",
        ),
    ],
)
def test_end_hint(day: Workday, now: str, hint: EndHint | None) -> None:
    assert end_hint(outlook(OFFICE, day, berlin(now))) == hint


# --- which date's plan applies -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "now", "zone", "expected"),
    [
        pytest.param(
            closed(), utc("2024-06-03 22:30"), BERLIN, date(2024, 6, 4), id="berlin-past-midnight"
        ),
        pytest.param(
            closed(), utc("2024-06-03 22:30"), NEW_YORK, date(2024, 6, 3), id="ny-evening"
        ),
        pytest.param(
            closed(), utc("2024-06-03 15:30"), TOKYO, date(2024, 6, 4), id="tokyo-after-midnight"
        ),
        pytest.param(
            opened(utc("2024-06-03 21:50")),
            utc("2024-06-03 22:10"),
            BERLIN,
            date(2024, 6, 3),
            id="running-before-midnight",
        ),
        pytest.param(
            opened(utc("2024-06-03 22:10")),
            utc("2024-06-03 22:20"),
            BERLIN,
            date(2024, 6, 4),
            id="running-after-midnight",
        ),
        pytest.param(
            paused(utc("2024-06-02 18:00"), utc("2024-06-02 23:00")),
            utc("2024-06-03 08:00"),
            BERLIN,
            date(2024, 6, 2),
            id="paused-yesterday",
        ),
        pytest.param(
            expired(utc("2024-05-31 07:00")),
            utc("2024-06-03 07:00"),
            BERLIN,
            date(2024, 6, 3),
            id="expired-is-not-today",
        ),
        pytest.param(
            Workday(state=DayState.PAUSED),
            utc("2024-06-03 23:00"),
            MOSCOW,
            date(2024, 6, 4),
            id="paused-without-start",
        ),
    ],
)
def test_plan_date(day: Workday, now: datetime, zone: tzinfo, expected: date) -> None:
    assert plan_date(day, now, zone) == expected


def test_expected_end_of_a_day_off_is_none() -> None:
    rules = day_rules(OFFICE, date(2024, 6, 9))
    assert expected_end(rules, berlin("2024-06-09 10:00"), ZERO) is None


# --- the week ------------------------------------------------------------------------------------


def _week(source: PlanSource, today: date, worked: dict[date, timedelta]) -> WeekOutlook:
    return week_outlook(source, today, worked)


def test_week_plan_from_plan_time_and_only_this_weeks_work() -> None:
    worked = {
        date(2024, 6, 2): hm(5),  # the Sunday before: not this week
        date(2024, 6, 3): hm(8, 10),
        date(2024, 6, 4): hm(7, 50),
        date(2024, 6, 5): hm(3),
        date(2024, 6, 10): hm(9),  # next Monday
    }
    week = _week(OFFICE, date(2024, 6, 5), worked)
    assert (week.first_day, week.last_day) == (date(2024, 6, 3), date(2024, 6, 9))
    assert (week.plan, week.done) == (hm(39), hm(19))
    assert (week.remaining, week.overtime) == (hm(20), ZERO)
    assert week.progress == 19 / 39


def test_week_with_overtime() -> None:
    worked = {date(2024, 6, 3) + timedelta(days=offset): hm(10) for offset in range(4)}
    week = _week(OFFICE, date(2024, 6, 9), worked)  # Sunday: still the same week
    assert week.first_day == date(2024, 6, 3)
    assert (week.done, week.remaining, week.overtime, week.progress) == (hm(40), ZERO, hm(1), 1.0)


@pytest.mark.parametrize(
    ("source", "today", "plan"),
    [
        pytest.param(FLEXIBLE, date(2025, 3, 5), hm(40), id="sum-of-templates"),
        pytest.param(
            PlanSource(zone=MOSCOW, schedule=FLEXIBLE.schedule, calendar=RUSSIA),
            date(2025, 5, 7),  # 8 May (moved day off) and 9 May (holiday) are worked
            hm(40),
            id="calendar-ignored",
        ),
        pytest.param(PlanSource(zone=BERLIN), date(2024, 6, 5), hm(40), id="portal"),
        pytest.param(
            PlanSource(zone=BERLIN, calendar=RUSSIA),
            date(2024, 6, 12),  # 11 June shortened, 12 June a holiday
            hm(31),
            id="portal-with-a-holiday",
        ),
        pytest.param(NIGHT, date(2025, 1, 8), hm(33), id="cycle-three-shifts"),
        pytest.param(
            PlanSource(zone=BERLIN, portal=PortalSettings(tracking_enabled=False)),
            date(2024, 6, 5),
            ZERO,
            id="no-tracking",
        ),
    ],
)
def test_week_plan_as_a_sum_of_days(source: PlanSource, today: date, plan: timedelta) -> None:
    assert _week(source, today, {}).plan == plan


def test_cycle_week_that_starts_before_the_revision() -> None:
    """Week of Mon 2024-12-30: 30-31 Dec have no revision (portal: 8 h each); 1-2 Jan are
    shifts (11 h each), 3-4 Jan off, 5 Jan is a Sunday shift: 8 + 8 + 11 + 11 + 11 = 49 h."""
    assert _week(NIGHT, date(2025, 1, 2), {}).plan == hm(49)


def test_week_that_straddles_two_sources() -> None:
    """The office revision starting in February instead: Mon 29 - Wed 31 Jan from the portal
    (7 h each), Thu 1 Feb 8 h, Fri 2 Feb 7 h: 36 h, unless the day's revision has planTime."""
    raw = document("office_fixed")
    raw["settingsRevisions"][0]["dateFrom"] = "2024-02-01"
    source = PlanSource(
        zone=BERLIN, schedule=parse_schedule(raw), portal=PortalSettings(min_duration=hm(7))
    )
    assert _week(source, date(2024, 1, 30), {}).plan == hm(36)
    assert _week(source, date(2024, 2, 2), {}).plan == hm(39)
    no_week_plan = PlanSource(
        zone=BERLIN,
        schedule=parse_schedule(
            {
                **raw,
                "settingsRevisions": [
                    {**raw["settingsRevisions"][0], "controlPeriod": 0},
                    raw["settingsRevisions"][1],
                ],
            }
        ),
        portal=PortalSettings(min_duration=hm(7)),
    )
    assert _week(no_week_plan, date(2024, 2, 2), {}).plan == hm(36)


def test_week_without_a_plan_has_no_progress() -> None:
    source = PlanSource(zone=BERLIN, portal=PortalSettings(tracking_enabled=False))
    week = _week(source, date(2024, 6, 5), {date(2024, 6, 4): hm(2)})
    assert (week.plan, week.done, week.overtime, week.progress) == (ZERO, hm(2), hm(2), None)


# --- the week and the production calendar --------------------------------------------------------


def _flexible_with_calendar() -> PlanSource:
    raw = document("flexible_two_lunches")  # 8 h Monday to Friday, no planTime
    raw["settingsRevisions"][0]["ignoreCalendar"] = False
    return PlanSource(zone=MOSCOW, schedule=parse_schedule(raw), calendar=RUSSIA)


@pytest.mark.parametrize(
    ("today", "plan"),
    [
        pytest.param(date(2025, 10, 29), hm(47), id="six-day-week-with-a-short-saturday"),
        pytest.param(date(2025, 11, 5), hm(24), id="3-and-4-november-off"),
        pytest.param(date(2026, 1, 5), ZERO, id="new-year-holidays"),
        pytest.param(date(2026, 1, 12), hm(40), id="an-ordinary-week"),
        pytest.param(date(2026, 6, 10), hm(31), id="eve-and-russia-day"),
    ],
)
def test_the_calendar_shapes_a_week_plan_summed_from_the_days(today: date, plan: timedelta) -> None:
    assert _week(_flexible_with_calendar(), today, {}).plan == plan


def test_plan_time_is_kept_in_a_week_with_holidays() -> None:
    """The office's planTime (39 h) is the HR system's norm: 3-4 November 2025 do not cut it,
    though the days themselves plan nothing."""
    source = PlanSource(zone=MOSCOW, schedule=OFFICE.schedule, calendar=RUSSIA)
    assert _week(source, date(2025, 11, 5), {}).plan == hm(39)
    assert day_rules(source, date(2025, 11, 3)).planned == ZERO


def test_a_working_saturday_ends_as_its_paired_monday() -> None:
    """Saturday 1 November 2025 plans as Monday 3 November, an hour shorter: started at 09:00
    with the 45 minutes of lunch to come, the day ends at 16:45."""
    source = _flexible_with_calendar()
    day = opened(moscow("2025-11-01 09:00"))
    now = moscow("2025-11-01 12:00")
    view = day_outlook(source, day, elapsed(day, now), now)
    assert (view.rules.planned, view.rules.shortened) == (hm(7), True)
    assert wall(view.expected_end) == ("2025-11-01 16:45", "+03:00")
    assert view.late_by == ZERO


def test_work_on_a_holiday_is_all_overtime() -> None:
    day = opened(moscow("2026-01-05 10:00"))
    now = moscow("2026-01-05 12:30")
    view = day_outlook(_flexible_with_calendar(), day, elapsed(day, now), now)
    assert (view.rules.working, view.rules.holiday, view.expected_end) == (False, True, None)
    assert view.overtime == hm(2, 30)
