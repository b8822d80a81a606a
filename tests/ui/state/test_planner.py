"""The planner: the expected end or the overtime, the day's and the week's figures, from the
portal's limits or a schedule, in the day's own zone; the plan per day for the history."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytz

from tests.ui.fakes import ZONE, workday
from tray_app.config.setting_checks import HOLIDAY_CALENDARS
from tray_app.config.settings import Settings
from tray_app.core.calendar_ru import RUSSIA
from tray_app.core.elapsed import elapsed
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.schedule_import import parse_schedule
from tray_app.core.workday import DayState, Workday
from tray_app.ui.shared.viewstate import PlanFigures
from tray_app.ui.state.planner import PLAN_DAYS_BACK, DayPlanner, calendar_use

H, M = timedelta(hours=1), timedelta(minutes=1)
# Thursday 27 March 2025 (+02:00): started 09:02 with a 15-minute break; 8:48 of work a day.
START = datetime(2025, 3, 27, 9, 2, tzinfo=ZONE)
PORTAL = PortalSettings(min_duration=8 * H + 48 * M)
OPENED = workday(DayState.OPENED, start=START, leaks=15 * M)


def at(hour: int, minute: int, second: int = 30, day: int = 27) -> datetime:
    return datetime(2025, 3, day, hour, minute, second, tzinfo=ZONE)


def figures_at(
    planner: DayPlanner, day: Workday, now: datetime, portal: PortalSettings = PORTAL
) -> PlanFigures:
    return planner.figures(day, elapsed(day, now), now, portal)


def test_a_running_day_ends_at_start_plus_plan_plus_breaks() -> None:
    plan = figures_at(DayPlanner(ZONE), OPENED, at(12, 58))
    assert plan.until == datetime(2025, 3, 27, 18, 5, tzinfo=ZONE)
    assert plan.overtime is None
    assert plan.day_worked == 3 * H + 41 * M
    assert plan.day_planned == 8 * H + 48 * M
    assert plan.week_planned == 5 * (8 * H + 48 * M)  # Monday to Friday by the portal
    assert plan.week_done == plan.day_worked
    assert plan.day_progress is not None
    assert abs(plan.day_progress - (3 * 60 + 41) / (8 * 60 + 48)) < 1e-9


def test_past_the_expected_end_it_is_overtime() -> None:
    plan = figures_at(DayPlanner(ZONE), OPENED, at(18, 25))
    assert (plan.until, plan.overtime) == (None, 20 * M)
    assert plan.day_progress == 1.0


def test_the_end_is_shown_in_the_days_own_zone() -> None:
    moscow = pytz.timezone("Europe/Moscow")  # the user's zone an hour ahead of the day's
    plan = figures_at(DayPlanner(moscow), OPENED, at(12, 58))
    assert plan.until is not None
    assert plan.until.utcoffset() == 2 * H
    assert plan.until == datetime(2025, 3, 27, 18, 5, tzinfo=ZONE)


def test_the_week_adds_the_journals_past_days_and_today_live() -> None:
    planner = DayPlanner(ZONE)
    monday, today = planner.week_dates(at(12, 58))
    assert (monday, today) == (date(2025, 3, 24), date(2025, 3, 27))
    version = planner.version
    planner.set_worked({date(2025, 3, 24): 8 * H, date(2025, 3, 25): 9 * H, today: 3 * H})
    assert planner.version == version + 1
    planner.set_worked({date(2025, 3, 24): 8 * H, date(2025, 3, 25): 9 * H, today: 3 * H})
    assert planner.version == version + 1, "the same figures are no change"
    plan = figures_at(planner, OPENED, at(12, 58))
    assert plan.week_done == 8 * H + 9 * H + 3 * H + 41 * M  # today: the live figure wins


def test_a_day_off_has_no_day_bar_and_work_on_it_is_overtime() -> None:
    saturday = workday(DayState.OPENED, start=START + timedelta(days=2), leaks=timedelta(0))
    plan = figures_at(DayPlanner(ZONE), saturday, at(12, 2, day=29))
    assert plan.day_planned is None
    assert plan.day_progress is None
    assert plan.overtime == 3 * H
    assert plan.week_progress is not None


def test_without_time_tracking_there_is_no_plan() -> None:
    plan = figures_at(DayPlanner(ZONE), OPENED, at(12, 58), PortalSettings(tracking_enabled=False))
    assert (plan.until, plan.day_planned, plan.week_planned) == (None, None, None)


def test_a_schedule_replaces_the_portals_limits() -> None:
    schedule = parse_schedule(
        {
            "id": None,
            "name": "Short Fridays",
            "settingsRevisions": [
                {
                    "dateFrom": None,
                    "businessCalendarName": "",
                    "ignoreCalendar": True,
                    "timeControl": 2,
                    "controlPeriod": 0,
                    "workDuration": 480,
                    "planDaysType": 1,
                    "planDaysTemplates": [480, 480, 480, 420, 360, 0, 0],
                    "violationsControl": 0,
                    "allowableDelay": 0,
                    "timeMarks": [],
                    "isIndividualTimeControl": False,
                    "shiftNotificationBefore": 1440,
                    "shiftNotificationPeriod": 1440,
                }
            ],
        }
    )
    planner = DayPlanner(ZONE)
    version = planner.version
    planner.set_schedule(schedule)
    assert planner.schedule is schedule
    assert planner.version == version + 1
    plan = figures_at(planner, OPENED, at(12, 58))
    assert plan.day_planned == 7 * H
    assert plan.until == datetime(2025, 3, 27, 16, 17, tzinfo=ZONE)  # 09:02 + 7:00 + 0:15
    assert plan.week_planned == timedelta(minutes=480 * 3 + 420 + 360)
    by_date = planner.plan_by_date(PORTAL, date(2025, 3, 28))
    assert by_date[date(2025, 3, 28)] == 6 * H
    assert by_date.get(date(2025, 3, 29)) == timedelta(0)
    assert len(by_date) == PLAN_DAYS_BACK
    assert max(by_date) == date(2025, 3, 28)
    planner.set_schedule(None)
    assert figures_at(planner, OPENED, at(12, 58)).day_planned == 8 * H + 48 * M


def test_a_closed_day_with_overtime_and_one_without() -> None:
    closed = workday(
        DayState.CLOSED,
        start=START,
        finish=at(18, 25, 0),
        leaks=15 * M,
        duration=9 * H + 8 * M,
    )
    plan = figures_at(DayPlanner(ZONE), closed, at(19, 0))
    assert (plan.until, plan.overtime) == (None, 20 * M)
    short = workday(
        DayState.CLOSED, start=START, finish=at(12, 0, 0), leaks=15 * M, duration=2 * H + 43 * M
    )
    plan = figures_at(DayPlanner(ZONE), short, at(19, 0))
    assert (plan.until, plan.overtime) == (None, None)
    assert plan.day_worked == 2 * H + 43 * M


# --- the production calendar and the shift -------------------------------------------------------

SCHEDULES = Path(__file__).resolve().parents[2] / "fixtures" / "schedules"
# Tuesday 4 November 2025, Unity Day (Monday 3 November is off too): started 09:02.
UNITY_DAY = workday(DayState.OPENED, start=datetime(2025, 11, 4, 9, 2, tzinfo=ZONE), leaks=0 * M)
UNITY_NOON = datetime(2025, 11, 4, 12, 2, 30, tzinfo=ZONE)
DAY_PLAN = 8 * H + 48 * M


def _weekly_schedule() -> dict[str, Any]:
    """The flexible sample (8 h Monday to Friday) that follows the calendar it does not name."""
    path = SCHEDULES / "flexible_two_lunches.json"
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    revision = document["settingsRevisions"][0]
    revision["ignoreCalendar"] = False
    del revision["businessCalendarName"]  # missing: the main Russian calendar
    return document


@pytest.mark.parametrize(
    ("choice", "territory", "expected"),
    [
        ("none", "RU", (None, False)),
        ("ru", "", (RUSSIA, True)),
        ("auto", "", (RUSSIA, False)),
        ("auto", "DE", (RUSSIA, False)),
        ("auto", "RU", (RUSSIA, True)),
        ("auto", "ru", (RUSSIA, True)),
        ("bogus", "RU", (RUSSIA, True)),  # an unknown value reads as the default, "auto"
    ],
)
def test_calendar_use(choice: str, territory: str, expected: tuple[object, bool]) -> None:
    assert calendar_use(choice, territory) == expected


def test_every_setting_value_is_a_different_use() -> None:
    assert len({calendar_use(choice, "DE") for choice in HOLIDAY_CALENDARS}) == 3


def test_follow_takes_every_plan_setting() -> None:
    planner = DayPlanner(ZONE)
    version = planner.version
    settings = Settings(remind_lunch=False, holiday_calendar="ru", shift="Night")
    planner.follow(settings, None, territory="DE")
    assert planner.version > version
    assert not planner.reminders.lunch
    assert planner.calendar is RUSSIA
    assert planner.shift == "Night"
    assert planner.schedule is None
    version = planner.version
    planner.follow(settings, None, territory="DE")
    assert planner.version == version, "the same settings change nothing"


def test_the_calendar_choice_on_the_portals_limits() -> None:
    planner = DayPlanner(ZONE)
    assert planner.calendar is None
    plan = figures_at(planner, UNITY_DAY, UNITY_NOON)
    assert (plan.day_planned, plan.week_planned) == (DAY_PLAN, 5 * DAY_PLAN)

    steps = [
        # (choice, territory, a change?, a day off?)
        ("ru", "", True, True),
        ("ru", "", False, True),
        ("auto", "", True, False),  # no schedule and no Russian locale: no calendar
        ("auto", "FR", False, False),
        ("auto", "RU", True, True),
        ("ru", "", False, True),  # the same calendar for the same days: no change
        ("none", "RU", True, False),
    ]
    for choice, territory, changes, off in steps:
        version = planner.version
        planner.set_calendar(choice, territory=territory)
        assert planner.version == version + changes, (choice, territory)
        plan = figures_at(planner, UNITY_DAY, UNITY_NOON)
        if off:
            assert (plan.day_planned, plan.until) == (None, None)
            assert plan.overtime == 3 * H
            assert plan.week_planned == 3 * DAY_PLAN  # 3 and 4 November are off
            assert planner.plan_by_date(PORTAL, date(2025, 11, 4))[date(2025, 11, 3)] == 0 * H
        else:
            assert (plan.day_planned, plan.week_planned) == (DAY_PLAN, 5 * DAY_PLAN)
            assert plan.until == datetime(2025, 11, 4, 17, 50, tzinfo=ZONE)


def test_auto_gives_a_schedule_the_russian_calendar_anywhere() -> None:
    planner = DayPlanner(ZONE)
    planner.set_schedule(parse_schedule(_weekly_schedule()))
    planner.set_calendar("auto", territory="DE")
    assert planner.calendar is RUSSIA
    plan = figures_at(planner, UNITY_DAY, UNITY_NOON)
    assert (plan.day_planned, plan.week_planned) == (None, 3 * 8 * H)
    planner.set_calendar("none")
    plan = figures_at(planner, UNITY_DAY, UNITY_NOON)
    assert (plan.day_planned, plan.week_planned) == (8 * H, 5 * 8 * H)


def test_the_chosen_shift_sets_the_end() -> None:
    document = json.loads((SCHEDULES / "shifts_two_on_two_off.json").read_text(encoding="utf-8"))
    planner = DayPlanner(ZONE, schedule=parse_schedule(document))
    assert planner.source(PORTAL).shift is None  # the revision's first shift
    day_shift = figures_at(planner, OPENED, at(12, 58))
    assert day_shift.day_planned == 11 * H
    assert day_shift.until == datetime(2025, 3, 27, 21, 2, tzinfo=ZONE)  # 09:02 + 11:00 + 1:00
    version = planner.version
    planner.set_shift("Ночная")
    assert (planner.shift, planner.version) == ("Ночная", version + 1)
    assert planner.source(PORTAL).shift == "Ночная"
    planner.set_shift("Ночная")
    assert planner.version == version + 1
    night = figures_at(planner, OPENED, at(12, 58))
    assert night.until == datetime(2025, 3, 28, 8, 0, tzinfo=ZONE)  # the night shift's end
    planner.set_shift(None)
    assert planner.version == version + 2
    assert figures_at(planner, OPENED, at(12, 58)).until == day_shift.until
