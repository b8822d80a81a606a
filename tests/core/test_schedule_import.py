"""Reading, checking and writing the WorkTimeSchedule document (shared/worktime-schedule.md)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from tests.core.schedule_samples import document
from tray_app.core.schedule_export import schedule_to_json
from tray_app.core.schedule_fields import ScheduleError
from tray_app.core.schedule_import import check_schedule, parse_schedule, parse_schedule_text
from tray_app.core.schedule_model import (
    Dinner,
    Revision,
    Shift,
    ShiftDinner,
    TimeMark,
    WorkTimeSchedule,
)

DELETE = object()
FIXTURES = [
    "office_fixed",
    "flexible_two_lunches",
    "shifts_two_on_two_off",
    "legacy_free_hours",
]
DEPARTMENT = "по календарю подразделения"


# --- good documents, read field by field ---------------------------------------------------------


def test_fixed_office_schedule_is_read_field_by_field() -> None:
    common = {
        "business_calendar_name": DEPARTMENT,
        "ignore_calendar": False,
        "time_control": 0,
        "control_period": 1,
        "plan_time": 2340,
        "work_duration": 540,
        "plan_days_type": 1,
        "plan_days_templates": (480, 480, 480, 480, 420, 0, 0),
        "violations_control": 7,
        "allowable_delay": 10,
        "is_individual_time_control": False,
        "shift_notification_before": 1440,
        "shift_notification_period": 1440,
        "shifts": (),
    }
    assert parse_schedule(document("office_fixed")) == WorkTimeSchedule(
        schedule_id="5f0c3e7a-2b1d-4c8e-9a6f-1d2e3f4a5b6c",
        name="Офис 5/2",
        description=(
            "Fixed hours, lunch 13:00-14:00, short Friday; the start moved to 08:30 from July"
        ),
        is_hidden=False,
        is_main=True,
        revisions=(
            Revision(
                date_from=date(2024, 1, 1),
                date_to=date(2024, 6, 30),
                work_start_from=540,
                work_start_to=540,
                work_end_from=1080,
                work_end_to=1080,
                dinners=(Dinner(start=780, end=840, max_duration=60),),
                time_marks=(
                    TimeMark(name="Я", time_mark_name="Явка", begin=540, end=1080, day_type=0),
                    TimeMark(name="В", time_mark_name="Выходной", begin=0, end=0, day_type=1),  # noqa: RUF001
                ),
                **common,  # type: ignore[arg-type]
            ),
            Revision(
                date_from=date(2024, 7, 1),
                date_to=None,
                work_start_from=510,
                work_start_to=510,
                work_end_from=1050,
                work_end_to=1050,
                dinners=(Dinner(start=750, end=810, max_duration=60),),
                **common,  # type: ignore[arg-type]
            ),
        ),
    )


def test_flexible_schedule_with_two_lunches_and_no_dates() -> None:
    parsed = parse_schedule(document("flexible_two_lunches"))
    assert parsed.schedule_id is None
    assert parsed.description is None
    assert parsed.is_hidden is None
    assert parsed.is_main is None
    (revision,) = parsed.revisions
    assert (revision.date_from, revision.date_to) == (None, None)
    assert revision.business_calendar_name == "Производственный календарь РФ"
    assert revision.ignore_calendar is True
    assert revision.time_control == 1
    assert revision.plan_time is None
    assert revision.work_start_staff == 540
    assert (revision.work_start_from, revision.work_start_to) == (480, 600)
    assert (revision.work_end_from, revision.work_end_to) == (1020, 1140)
    assert revision.dinners == (
        Dinner(start=720, end=840, min_duration=30, max_duration=60),
        Dinner(start=960, end=990, min_duration=15),
    )
    assert revision.shift_notification_period == 2880
    assert revision.shifts == ()


def test_shift_schedule_keeps_null_and_own_shift_lunches() -> None:
    (revision,) = parse_schedule(document("shifts_two_on_two_off")).revisions
    assert revision.is_individual_time_control is True
    assert revision.plan_days_type == 2
    assert revision.plan_days_templates == (660, 660, 0, 0)
    assert revision.date_to is None
    assert revision.shifts == (
        Shift(name="Дневная", begin=480, end=1200, dinners=None),
        Shift(
            name="Ночная",
            begin=1200,
            end=480,
            dinners=(
                ShiftDinner(start=1380, end=1440, duration=30),
                ShiftDinner(start=180, end=240, duration=30),
            ),
        ),
    )


def test_legacy_lunch_fields_become_one_dinner_and_free_hours_need_no_windows() -> None:
    (revision,) = parse_schedule(document("legacy_free_hours")).revisions
    assert revision.time_control == 2
    assert revision.business_calendar_name is None
    assert revision.work_start_from is None
    assert revision.work_end_to is None
    assert revision.dinners == (Dinner(start=720, end=900, min_duration=45, max_duration=45),)
    assert revision.plan_time == 2400


@pytest.mark.parametrize(
    ("dinners", "legacy", "expected"),
    [
        pytest.param([], True, (), id="empty-dinners-win-over-legacy"),
        pytest.param(None, True, (Dinner(start=720, end=780),), id="null-dinners-use-legacy"),
        pytest.param(DELETE, True, (Dinner(start=720, end=780),), id="no-dinners-use-legacy"),
        pytest.param(None, False, (), id="null-dinners-no-legacy"),
        pytest.param(DELETE, False, (), id="no-lunch-at-all"),
    ],
)
def test_which_lunch_form_counts(dinners: object, legacy: bool, expected: tuple[Dinner]) -> None:
    raw = document("office_fixed")
    revision = raw["settingsRevisions"][0]
    if dinners is DELETE:
        del revision["dinners"]
    else:
        revision["dinners"] = dinners
    if legacy:
        revision.update({"dinnerStart": 720, "dinnerEnd": 780, "dinnerDuration": None})
    assert parse_schedule(raw).revisions[0].dinners == expected


def test_whole_floats_are_minutes_and_unknown_keys_are_ignored() -> None:
    raw = document("office_fixed")
    revision = raw["settingsRevisions"][0]
    revision["workStartFrom"] = 540.0
    revision["somethingNew"] = {"x": 1}
    raw["owner"] = "HR"
    assert parse_schedule(raw) == parse_schedule(document("office_fixed"))


def test_plan_time_is_optional_without_a_weekly_plan_and_kept_when_given() -> None:
    raw = document("office_fixed")
    raw["settingsRevisions"][0]["controlPeriod"] = 0
    del raw["settingsRevisions"][0]["planTime"]
    raw["settingsRevisions"][1]["controlPeriod"] = 0
    first, second = parse_schedule(raw).revisions
    assert first.plan_time is None
    assert second.plan_time == 2340
    assert second.week_plan is None


# --- the file as text ----------------------------------------------------------------------------


def test_text_with_a_byte_order_mark_is_read() -> None:
    text = "\ufeff" + json.dumps(document("office_fixed"), ensure_ascii=False)
    assert parse_schedule_text(text) == parse_schedule(document("office_fixed"))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "is not valid JSON: Expecting value at line 1, column 1"),
        ('{"id": null,\n "name": }', "is not valid JSON: Expecting value at line 2, column 10"),
        ("[1, 2]", "must be an object, got an array"),
        ('"schedule"', "must be an object, got a string"),
        ("null", "must be an object, got null"),
    ],
)
def test_text_that_is_no_schedule_object(text: str, problem: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule_text(text)
    assert (caught.value.path, caught.value.problem) == ("(document)", problem)
    assert str(caught.value) == f"(document): {problem}"


# --- bad documents: one error that names the field -----------------------------------------------

R0 = ("settingsRevisions", 0)


def _apply(raw: dict[str, Any], changes: list[tuple[tuple[Any, ...], object]]) -> None:
    for path, value in changes:
        target: Any = raw
        for step in path[:-1]:
            target = target[step]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value


def _bad(changes: list[tuple[tuple[Any, ...], object]], path: str, problem: str) -> Any:
    return pytest.param(changes, path, problem, id=f"{path}:{problem}")


BAD = [
    # top level
    _bad([(("id",), DELETE)], "id", "is required (null is allowed)"),
    _bad([(("id",), "not-a-uuid")], "id", "must be a UUID or null, got 'not-a-uuid'"),
    _bad([(("id",), 5)], "id", "must be a string, got a number"),
    _bad([(("name",), DELETE)], "name", "is required"),
    _bad([(("name",), None)], "name", "is required and may not be null"),
    _bad([(("name",), "  ")], "name", "must not be empty"),
    _bad([(("name",), ["a"])], "name", "must be a string, got an array"),
    _bad([(("description",), 1)], "description", "must be a string, got a number"),
    _bad([(("isMain",), "Y")], "isMain", "must be true or false, got a string"),
    _bad([(("isHidden",), 1)], "isHidden", "must be true or false, got a number"),
    _bad([(("settingsRevisions",), DELETE)], "settingsRevisions", "is required"),
    _bad([(("settingsRevisions",), {})], "settingsRevisions", "must be an array, got an object"),
    _bad([(("settingsRevisions",), "x")], "settingsRevisions", "must be an array, got a string"),
    _bad([(("settingsRevisions",), [])], "settingsRevisions", "must hold at least one revision"),
    _bad(
        [(("settingsRevisions", 1), 5)], "settingsRevisions[1]", "must be an object, got a number"
    ),
    # dates
    _bad(
        [((*R0, "dateFrom"), DELETE)],
        "settingsRevisions[0].dateFrom",
        "is required (null is allowed)",
    ),
    _bad(
        [((*R0, "dateFrom"), "2024-01-15")],
        "settingsRevisions[0].dateFrom",
        "must be the first day of a month, got 2024-01-15",
    ),
    _bad(
        [((*R0, "dateFrom"), "01.01.2024")],
        "settingsRevisions[0].dateFrom",
        "must be a date YYYY-MM-DD, got '01.01.2024'",
    ),
    _bad(
        [((*R0, "dateFrom"), "20240101")],
        "settingsRevisions[0].dateFrom",
        "must be a date YYYY-MM-DD, got '20240101'",
    ),
    _bad(
        [((*R0, "dateFrom"), "2024-02-30")],
        "settingsRevisions[0].dateFrom",
        "must be a date YYYY-MM-DD, got '2024-02-30'",
    ),
    _bad(
        [((*R0, "dateTo"), "2024-06-29")],
        "settingsRevisions[0].dateTo",
        "must be the last day of a month, got 2024-06-29",
    ),
    _bad(
        [((*R0, "dateTo"), "2023-12-31")],
        "settingsRevisions[0].dateTo",
        "is before dateFrom (2024-01-01)",
    ),
    _bad(
        [((*R0, "dateTo"), True)], "settingsRevisions[0].dateTo", "must be a string, got a boolean"
    ),
    # modes and plans
    _bad(
        [((*R0, "businessCalendarName"), 1)],
        "settingsRevisions[0].businessCalendarName",
        "must be a string, got a number",
    ),
    _bad([((*R0, "ignoreCalendar"), DELETE)], "settingsRevisions[0].ignoreCalendar", "is required"),
    _bad(
        [((*R0, "ignoreCalendar"), 0)],
        "settingsRevisions[0].ignoreCalendar",
        "must be true or false, got a number",
    ),
    _bad(
        [((*R0, "timeControl"), 4)],
        "settingsRevisions[0].timeControl",
        "must be one of 0, 1, 2, 3, got 4",
    ),
    _bad(
        [((*R0, "timeControl"), "0")],
        "settingsRevisions[0].timeControl",
        "must be a number, got a string",
    ),
    _bad(
        [((*R0, "timeControl"), True)],
        "settingsRevisions[0].timeControl",
        "must be a number, got a boolean",
    ),
    _bad(
        [((*R0, "timeControl"), 1.5)],
        "settingsRevisions[0].timeControl",
        "must be a whole number, got 1.5",
    ),
    _bad(
        [((*R0, "controlPeriod"), -1)],
        "settingsRevisions[0].controlPeriod",
        "must be between 0 and 2147483647, got -1",
    ),
    _bad([((*R0, "planTime"), DELETE)], "settingsRevisions[0].planTime", "is required"),
    _bad(
        [((*R0, "planTime"), 10081)],
        "settingsRevisions[0].planTime",
        "must be between 0 and 10080, got 10081",
    ),
    _bad([((*R0, "workStartFrom"), DELETE)], "settingsRevisions[0].workStartFrom", "is required"),
    _bad(
        [((*R0, "workEndTo"), None)],
        "settingsRevisions[0].workEndTo",
        "is required and may not be null",
    ),
    _bad(
        [((*R0, "workStartTo"), 500)],
        "settingsRevisions[0].workStartTo",
        "must not be before workStartFrom (540), got 500",
    ),
    _bad(
        [((*R0, "workEndFrom"), 1441)],
        "settingsRevisions[0].workEndFrom",
        "must be between 0 and 1440, got 1441",
    ),
    _bad(
        [((*R0, "workEndTo"), 1000)],
        "settingsRevisions[0].workEndTo",
        "must not be before workEndFrom (1080), got 1000",
    ),
    _bad([((*R0, "timeControl"), 3)], "settingsRevisions[0].workStartStaff", "is required"),
    _bad(
        [((*R0, "workStartStaff"), -1)],
        "settingsRevisions[0].workStartStaff",
        "must be between 0 and 1440, got -1",
    ),
    # lunches
    _bad(
        [((*R0, "dinners"), "lunch")],
        "settingsRevisions[0].dinners",
        "must be an array, got a string",
    ),
    _bad(
        [((*R0, "dinners"), [{"start": 700, "end": 760}] * 3)],
        "settingsRevisions[0].dinners",
        "may hold at most 2 items, got 3",
    ),
    _bad(
        [((*R0, "dinners", 0), [])],
        "settingsRevisions[0].dinners[0]",
        "must be an object, got an array",
    ),
    _bad(
        [((*R0, "dinners", 0, "start"), DELETE)],
        "settingsRevisions[0].dinners[0].start",
        "is required",
    ),
    _bad(
        [((*R0, "dinners", 0, "end"), 780)],
        "settingsRevisions[0].dinners[0].end",
        "must be after start (780), got 780",
    ),
    _bad(
        [((*R0, "dinners", 0, "maxDuration"), 61)],
        "settingsRevisions[0].dinners[0].maxDuration",
        "must be between 0 and 60, got 61",
    ),
    _bad(
        [((*R0, "dinners", 0, "minDuration"), -5)],
        "settingsRevisions[0].dinners[0].minDuration",
        "must be between 0 and 60, got -5",
    ),
    _bad(
        [((*R0, "dinners"), DELETE), ((*R0, "dinnerStart"), 720)],
        "settingsRevisions[0].dinnerEnd",
        "is required",
    ),
    _bad(
        [
            ((*R0, "dinners"), None),
            ((*R0, "dinnerStart"), 720),
            ((*R0, "dinnerEnd"), 900),
            ((*R0, "dinnerDuration"), 200),
        ],
        "settingsRevisions[0].dinnerDuration",
        "must be between 0 and 180, got 200",
    ),
    # day plan
    _bad([((*R0, "workDuration"), DELETE)], "settingsRevisions[0].workDuration", "is required"),
    _bad(
        [((*R0, "planDaysType"), 3)],
        "settingsRevisions[0].planDaysType",
        "must be one of 1, 2, got 3",
    ),
    _bad(
        [((*R0, "planDaysTemplates"), [480] * 6)],
        "settingsRevisions[0].planDaysTemplates",
        "must hold 7 days (Monday first) for planDaysType 1, got 6",
    ),
    _bad(
        [((*R0, "planDaysType"), 2), ((*R0, "planDaysTemplates"), [])],
        "settingsRevisions[0].planDaysTemplates",
        "must hold 1 to 31 days for planDaysType 2, got 0",
    ),
    _bad(
        [((*R0, "planDaysType"), 2), ((*R0, "planDaysTemplates"), [480] * 32)],
        "settingsRevisions[0].planDaysTemplates",
        "must hold 1 to 31 days for planDaysType 2, got 32",
    ),
    _bad(
        [((*R0, "planDaysTemplates", 2), 1500)],
        "settingsRevisions[0].planDaysTemplates[2]",
        "must be between 0 and 1440, got 1500",
    ),
    _bad(
        [((*R0, "planDaysTemplates", 6), None)],
        "settingsRevisions[0].planDaysTemplates[6]",
        "must be a number, got null",
    ),
    _bad(
        [((*R0, "planDaysTemplates"), {"mon": 480})],
        "settingsRevisions[0].planDaysTemplates",
        "must be an array, got an object",
    ),
    _bad(
        [((*R0, "violationsControl"), DELETE)],
        "settingsRevisions[0].violationsControl",
        "is required",
    ),
    _bad(
        [((*R0, "allowableDelay"), 2000)],
        "settingsRevisions[0].allowableDelay",
        "must be between 0 and 1440, got 2000",
    ),
    # marks
    _bad([((*R0, "timeMarks"), DELETE)], "settingsRevisions[0].timeMarks", "is required"),
    _bad(
        [((*R0, "timeMarks", 0, "dayType"), 3)],
        "settingsRevisions[0].timeMarks[0].dayType",
        "must be one of 0, 1, 2, got 3",
    ),
    _bad(
        [((*R0, "timeMarks", 1, "name"), DELETE)],
        "settingsRevisions[0].timeMarks[1].name",
        "is required",
    ),
    _bad(
        [((*R0, "timeMarks", 0, "timeMarkName"), 5)],
        "settingsRevisions[0].timeMarks[0].timeMarkName",
        "must be a string, got a number",
    ),
    _bad(
        [((*R0, "timeMarks", 0, "end"), 1500)],
        "settingsRevisions[0].timeMarks[0].end",
        "must be between 0 and 1440, got 1500",
    ),
    # shifts
    _bad(
        [((*R0, "isIndividualTimeControl"), DELETE)],
        "settingsRevisions[0].isIndividualTimeControl",
        "is required",
    ),
    _bad(
        [((*R0, "isIndividualTimeControl"), True)],
        "settingsRevisions[0].shifts",
        "must hold at least one shift with isIndividualTimeControl",
    ),
    _bad(
        [((*R0, "isIndividualTimeControl"), True), ((*R0, "timeControl"), 2)],
        "settingsRevisions[0].isIndividualTimeControl",
        "shift work needs fixed hours (timeControl 0), got timeControl 2",
    ),
    _bad(
        [((*R0, "shiftNotificationBefore"), 1000)],
        "settingsRevisions[0].shiftNotificationBefore",
        "must be between 1440 and 7200, got 1000",
    ),
    _bad(
        [((*R0, "shiftNotificationPeriod"), 2000)],
        "settingsRevisions[0].shiftNotificationPeriod",
        "must be whole days (a multiple of 1440), got 2000",
    ),
    _bad(
        [((*R0, "shifts"), [{"name": "A", "begin": 480, "end": 480}])],
        "settingsRevisions[0].shifts[0].end",
        "must differ from begin (480)",
    ),
    _bad(
        [((*R0, "shifts"), [{"begin": 480, "end": 1200}])],
        "settingsRevisions[0].shifts[0].name",
        "is required",
    ),
    _bad(
        [
            (
                (*R0, "shifts"),
                [
                    {
                        "name": "A",
                        "begin": 480,
                        "end": 1200,
                        "dinners": [{"start": 780, "end": 840, "duration": 90}],
                    }
                ],
            )
        ],
        "settingsRevisions[0].shifts[0].dinners[0].duration",
        "must be between 0 and 60, got 90",
    ),
    _bad(
        [
            (
                (*R0, "shifts"),
                [
                    {
                        "name": "A",
                        "begin": 480,
                        "end": 1200,
                        "dinners": [{"start": 780, "end": 840}] * 3,
                    }
                ],
            )
        ],
        "settingsRevisions[0].shifts[0].dinners",
        "may hold at most 2 items, got 3",
    ),
    # across revisions
    _bad(
        [(("settingsRevisions", 1, "dateFrom"), "2024-06-01")],
        "settingsRevisions[1].dateFrom",
        "overlaps settingsRevisions[0], which runs to 2024-06-30",
    ),
    _bad(
        [(("settingsRevisions", 1, "dateFrom"), "2024-01-01")],
        "settingsRevisions[1].dateFrom",
        "starts on the same day as settingsRevisions[0] (2024-01-01)",
    ),
    _bad(
        [((*R0, "dateFrom"), None), (("settingsRevisions", 1, "dateFrom"), None)],
        "settingsRevisions[1].dateFrom",
        "only one revision may lack a start; settingsRevisions[0] has none too",
    ),
    _bad(
        [
            ((*R0, "dateFrom"), "2024-08-01"),
            ((*R0, "dateTo"), "2024-12-31"),
            (("settingsRevisions", 1, "dateTo"), "2024-09-30"),
        ],
        "settingsRevisions[0].dateFrom",
        "overlaps settingsRevisions[1], which runs to 2024-09-30",
    ),
]


@pytest.mark.parametrize(("changes", "path", "problem"), BAD)
def test_a_bad_document_names_the_field_and_the_problem(
    changes: list[tuple[tuple[Any, ...], object]], path: str, problem: str
) -> None:
    raw = document("office_fixed")
    _apply(raw, changes)
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(raw)
    assert (caught.value.path, caught.value.problem) == (path, problem)
    assert str(caught.value) == f"{path}: {problem}"


def test_revisions_given_out_of_order_with_implicit_ends_are_fine() -> None:
    raw = document("office_fixed")
    first, second = raw["settingsRevisions"]
    del first["dateTo"]
    raw["settingsRevisions"] = [second, first]
    parsed = parse_schedule(raw)
    assert [revision.date_from for revision in parsed.revisions] == [
        date(2024, 7, 1),
        date(2024, 1, 1),
    ]


# --- writing back --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_written_document_reads_back_the_same(name: str) -> None:
    parsed = parse_schedule(document(name))
    written = schedule_to_json(parsed)
    assert parse_schedule(json.loads(json.dumps(written))) == parsed


def test_written_document_is_the_imported_one_minus_unset_fields() -> None:
    original = document("office_fixed")
    del original["settingsRevisions"][1]["dateTo"]  # null: unset, so not written
    assert schedule_to_json(parse_schedule(document("office_fixed"))) == original


def test_legacy_lunch_is_written_as_dinners() -> None:
    written = schedule_to_json(parse_schedule(document("legacy_free_hours")))
    revision = written["settingsRevisions"][0]  # type: ignore[index]
    assert revision["dinners"] == [{"start": 720, "end": 900, "minDuration": 45, "maxDuration": 45}]
    assert "dinnerStart" not in revision
    assert "workStartFrom" not in revision
    assert written["id"] is None
    assert "description" not in written


def test_shift_lunches_are_written_null_or_as_a_list() -> None:
    written = schedule_to_json(parse_schedule(document("shifts_two_on_two_off")))
    shifts = written["settingsRevisions"][0]["shifts"]  # type: ignore[index]
    assert shifts[0] == {"name": "Дневная", "begin": 480, "end": 1200, "dinners": None}
    assert shifts[1]["dinners"] == [
        {"start": 1380, "end": 1440, "duration": 30},
        {"start": 180, "end": 240, "duration": 30},
    ]


# --- a schedule made by hand ---------------------------------------------------------------------

HAND_MADE = WorkTimeSchedule(
    name="Mine",
    revisions=(
        Revision(
            work_start_from=600,
            work_start_to=600,
            work_end_from=1140,
            work_end_to=1140,
            dinners=(Dinner(start=810, end=840),),
            work_duration=510,
            plan_days_templates=(480, 480, 480, 480, 480, 0, 0),
            allowable_delay=5,
        ),
    ),
)


def test_a_good_hand_made_schedule_passes_the_import_rules() -> None:
    assert check_schedule(HAND_MADE) == HAND_MADE


@pytest.mark.parametrize(
    ("revision", "path", "problem"),
    [
        (
            Revision(work_start_from=600, work_start_to=540, work_end_from=1140, work_end_to=1140),
            "settingsRevisions[0].workStartTo",
            "must not be before workStartFrom (600), got 540",
        ),
        (Revision(), "settingsRevisions[0].workStartFrom", "is required"),
        (
            Revision(time_control=2, plan_days_templates=(480,) * 5),
            "settingsRevisions[0].planDaysTemplates",
            "must hold 7 days (Monday first) for planDaysType 1, got 5",
        ),
    ],
)
def test_a_bad_hand_made_schedule_names_the_field(
    revision: Revision, path: str, problem: str
) -> None:
    with pytest.raises(ScheduleError) as caught:
        check_schedule(WorkTimeSchedule(name="Mine", revisions=(revision,)))
    assert (caught.value.path, caught.value.problem) == (path, problem)
