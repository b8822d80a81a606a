"""A :class:`WorkTimeSchedule` back to the JSON object the HR system and the importer read.

``parse_schedule(schedule_to_json(s)) == s`` for every valid schedule: optional fields that are
unset are left out, lunches are always written as ``dinners`` (never the legacy fields).
"""

from __future__ import annotations

from datetime import date

from tray_app.core.schedule_model import (
    Dinner,
    Revision,
    Shift,
    ShiftDinner,
    TimeMark,
    WorkTimeSchedule,
)


def schedule_to_json(schedule: WorkTimeSchedule) -> dict[str, object]:
    """The document of ``schedule``, ready for :func:`json.dumps`."""
    document: dict[str, object] = {"id": schedule.schedule_id, "name": schedule.name}
    _put(document, "description", schedule.description)
    _put(document, "isHidden", schedule.is_hidden)
    _put(document, "isMain", schedule.is_main)
    document["settingsRevisions"] = [_revision(revision) for revision in schedule.revisions]
    return document


def _put(document: dict[str, object], key: str, value: object) -> None:
    if value is not None:
        document[key] = value


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _revision(revision: Revision) -> dict[str, object]:
    document: dict[str, object] = {"dateFrom": _day(revision.date_from)}
    _put(document, "dateTo", _day(revision.date_to))
    _put(document, "businessCalendarName", revision.business_calendar_name)
    document["ignoreCalendar"] = revision.ignore_calendar
    document["timeControl"] = revision.time_control
    document["controlPeriod"] = revision.control_period
    _put(document, "planTime", revision.plan_time)
    _put(document, "workStartFrom", revision.work_start_from)
    _put(document, "workStartTo", revision.work_start_to)
    _put(document, "workEndFrom", revision.work_end_from)
    _put(document, "workEndTo", revision.work_end_to)
    _put(document, "workStartStaff", revision.work_start_staff)
    document["dinners"] = [_dinner(dinner) for dinner in revision.dinners]
    document["workDuration"] = revision.work_duration
    document["planDaysType"] = revision.plan_days_type
    document["planDaysTemplates"] = list(revision.plan_days_templates)
    document["violationsControl"] = revision.violations_control
    document["allowableDelay"] = revision.allowable_delay
    document["timeMarks"] = [_time_mark(mark) for mark in revision.time_marks]
    document["isIndividualTimeControl"] = revision.is_individual_time_control
    document["shiftNotificationBefore"] = revision.shift_notification_before
    document["shiftNotificationPeriod"] = revision.shift_notification_period
    document["shifts"] = [_shift(shift) for shift in revision.shifts]
    return document


def _dinner(dinner: Dinner) -> dict[str, object]:
    document: dict[str, object] = {"start": dinner.start, "end": dinner.end}
    _put(document, "minDuration", dinner.min_duration)
    _put(document, "maxDuration", dinner.max_duration)
    return document


def _shift_dinner(dinner: ShiftDinner) -> dict[str, object]:
    document: dict[str, object] = {"start": dinner.start, "end": dinner.end}
    _put(document, "duration", dinner.duration)
    return document


def _shift(shift: Shift) -> dict[str, object]:
    dinners = None if shift.dinners is None else [_shift_dinner(d) for d in shift.dinners]
    return {"name": shift.name, "begin": shift.begin, "end": shift.end, "dinners": dinners}


def _time_mark(mark: TimeMark) -> dict[str, object]:
    return {
        "name": mark.name,
        "timeMarkName": mark.time_mark_name,
        "begin": mark.begin,
        "end": mark.end,
        "dayType": mark.day_type,
    }
