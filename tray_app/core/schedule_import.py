"""A strict reader of the WorkTimeSchedule JSON document (shared/worktime-schedule.md).

Either the whole schedule comes back, or one :class:`ScheduleError` names the field by its path
(``settingsRevisions[1].dinners[0].end``) and says what is wrong with it; nothing is half-read.
Keys the document does not describe are ignored.

Where the reference leaves room, the choices are:

- ``businessCalendarName`` may be missing (the reference maps a missing name to the main
  calendar), although the table stars it.
- ``planTime`` is required unless ``controlPeriod`` is 0; given with 0 it is kept but unused.
- the windows (``workStart*``, ``workEnd*``) are required unless ``timeControl`` is 2; each
  window's ``...From`` may not be after its ``...To``.
- ``dinners`` given (even empty) wins; ``dinners`` missing or null falls back to the legacy
  ``dinnerStart``/``dinnerEnd``/``dinnerDuration``, whose duration becomes both the min and
  the max length. A lunch lies within one calendar day (``start`` < ``end``).
- ``dateTo`` may be left out on every revision (it is read-only in the HR system); two
  revisions may not start on the same day, and an explicit ``dateTo`` may not reach into the
  next revision.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from itertools import pairwise

from tray_app.core.message import say
from tray_app.core.schedule_export import schedule_to_json
from tray_app.core.schedule_fields import MAX_COUNT, ROOT, Fields, ScheduleError, whole
from tray_app.core.schedule_model import (
    CYCLE_PLAN,
    FIXED_HOURS,
    FREE_HOURS,
    MINUTES_PER_DAY,
    NO_WEEKLY_PLAN,
    STAFF_START_MODES,
    WEEKLY_PLAN,
    Revision,
    WorkTimeSchedule,
)
from tray_app.core.schedule_parts import revision_dinners, shift, time_mark

__all__ = [
    "WEEK_MINUTES",
    "check_schedule",
    "parse_schedule",
    "parse_schedule_text",
]

MAX_CYCLE = 31
WEEK_MINUTES = 7 * MINUTES_PER_DAY
NOTIFICATION_DAYS = (1, 5)  # shiftNotification*: whole days, 1440..7200 minutes
TIME_CONTROLS = (0, 1, 2, 3)


def parse_schedule_text(text: str) -> WorkTimeSchedule:
    """A schedule from the text of a JSON file (a leading byte-order mark is allowed)."""
    try:
        raw = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ScheduleError(
            ROOT,
            say(
                "schedule.not_json",
                "is not valid JSON: {reason} at line {line}, column {column}",
                reason=exc.msg,
                line=exc.lineno,
                column=exc.colno,
            ),
        ) from None
    return parse_schedule(raw)


def parse_schedule(raw: object) -> WorkTimeSchedule:
    """A complete :class:`WorkTimeSchedule` from the decoded JSON object, or ScheduleError."""
    fields = Fields(raw, "")
    schedule_id = fields.nullable_text("id")
    if schedule_id is not None:
        try:
            uuid.UUID(schedule_id)
        except ValueError:
            raise ScheduleError(
                "id",
                say(
                    "schedule.not_uuid",
                    "must be a UUID or null, got {value}",
                    value=repr(schedule_id),
                ),
            ) from None
    name = fields.text("name")
    if not name.strip():
        raise ScheduleError("name", say("schedule.empty_name", "must not be empty"))
    description = fields.optional_text("description")
    is_hidden = fields.optional_flag("isHidden")
    is_main = fields.optional_flag("isMain")
    items = fields.array("settingsRevisions")
    if not items:
        raise ScheduleError(
            "settingsRevisions", say("schedule.no_revision", "must hold at least one revision")
        )
    revisions = tuple(
        _revision(item, f"settingsRevisions[{index}]") for index, item in enumerate(items)
    )
    _check_periods(revisions)
    return WorkTimeSchedule(
        name=name,
        revisions=revisions,
        schedule_id=schedule_id,
        description=description,
        is_hidden=is_hidden,
        is_main=is_main,
    )


def check_schedule(schedule: WorkTimeSchedule) -> WorkTimeSchedule:
    """A schedule built by hand, checked by the same rules as an imported one."""
    return parse_schedule(schedule_to_json(schedule))


def _revision(raw: object, path: str) -> Revision:
    fields = Fields(raw, path)
    date_from = fields.month_day("dateFrom", first=True, required=True)
    date_to = fields.month_day("dateTo", first=False, required=False)
    if date_from is not None and date_to is not None and date_to < date_from:
        raise ScheduleError(
            fields.at("dateTo"),
            say(
                "schedule.ends_before_start",
                "is before dateFrom ({start})",
                start=f"{date_from:%Y-%m-%d}",
            ),
        )
    calendar = fields.optional_text("businessCalendarName")
    ignore_calendar = fields.flag("ignoreCalendar")
    time_control = fields.choice("timeControl", TIME_CONTROLS)
    control_period = fields.number("controlPeriod", 0, MAX_COUNT)
    plan_time = fields.optional_number(
        "planTime", 0, WEEK_MINUTES, required=control_period != NO_WEEKLY_PLAN
    )
    windows = time_control != FREE_HOURS
    start_from, start_to = _window(fields, "workStartFrom", "workStartTo", required=windows)
    end_from, end_to = _window(fields, "workEndFrom", "workEndTo", required=windows)
    staff = fields.optional_minutes("workStartStaff", required=time_control in STAFF_START_MODES)
    dinners = revision_dinners(fields)
    work_duration = fields.minutes("workDuration")
    plan_days_type = fields.choice("planDaysType", (WEEKLY_PLAN, CYCLE_PLAN))
    templates = _templates(fields, plan_days_type)
    violations = fields.number("violationsControl", 0, MAX_COUNT)
    delay = fields.number("allowableDelay", 0, MINUTES_PER_DAY)
    marks = fields.array("timeMarks")
    time_marks = tuple(
        time_mark(item, f"{fields.at('timeMarks')}[{index}]") for index, item in enumerate(marks)
    )
    individual = fields.flag("isIndividualTimeControl")
    if individual and time_control != FIXED_HOURS:
        raise ScheduleError(
            fields.at("isIndividualTimeControl"),
            say(
                "schedule.shifts_need_fixed",
                "shift work needs fixed hours (timeControl 0), got timeControl {value}",
                value=time_control,
            ),
        )
    before = _notification(fields, "shiftNotificationBefore")
    period = _notification(fields, "shiftNotificationPeriod")
    shift_items = fields.optional_array("shifts") or []
    shifts = tuple(
        shift(item, f"{fields.at('shifts')}[{index}]") for index, item in enumerate(shift_items)
    )
    if individual and not shifts:
        raise ScheduleError(
            fields.at("shifts"),
            say(
                "schedule.no_shift",
                "must hold at least one shift with isIndividualTimeControl",
            ),
        )
    return Revision(
        date_from=date_from,
        date_to=date_to,
        business_calendar_name=calendar,
        ignore_calendar=ignore_calendar,
        time_control=time_control,
        control_period=control_period,
        plan_time=plan_time,
        work_start_from=start_from,
        work_start_to=start_to,
        work_end_from=end_from,
        work_end_to=end_to,
        work_start_staff=staff,
        dinners=dinners,
        work_duration=work_duration,
        plan_days_type=plan_days_type,
        plan_days_templates=templates,
        violations_control=violations,
        allowable_delay=delay,
        time_marks=time_marks,
        is_individual_time_control=individual,
        shift_notification_before=before,
        shift_notification_period=period,
        shifts=shifts,
    )


def _window(
    fields: Fields, first: str, last: str, *, required: bool
) -> tuple[int | None, int | None]:
    opens = fields.optional_minutes(first, required=required)
    closes = fields.optional_minutes(last, required=required)
    if opens is not None and closes is not None and closes < opens:
        raise ScheduleError(
            fields.at(last),
            say(
                "schedule.window_reversed",
                "must not be before {first} ({opens}), got {closes}",
                first=first,
                opens=opens,
                closes=closes,
            ),
        )
    return opens, closes


def _templates(fields: Fields, plan_days_type: int) -> tuple[int, ...]:
    items = fields.array("planDaysTemplates")
    path = fields.at("planDaysTemplates")
    if plan_days_type == WEEKLY_PLAN and len(items) != 7:
        raise ScheduleError(
            path,
            say(
                "schedule.week_days",
                "must hold 7 days (Monday first) for planDaysType 1, got {count}",
                count=len(items),
            ),
        )
    if not 1 <= len(items) <= MAX_CYCLE:
        raise ScheduleError(
            path,
            say(
                "schedule.cycle_days",
                "must hold 1 to {most} days for planDaysType 2, got {count}",
                most=MAX_CYCLE,
                count=len(items),
            ),
        )
    return tuple(
        whole(item, f"{path}[{index}]", 0, MINUTES_PER_DAY) for index, item in enumerate(items)
    )


def _notification(fields: Fields, key: str) -> int:
    low, high = (days * MINUTES_PER_DAY for days in NOTIFICATION_DAYS)
    minutes = fields.number(key, low, high)
    if minutes % MINUTES_PER_DAY:
        raise ScheduleError(
            fields.at(key),
            say(
                "schedule.whole_days",
                "must be whole days (a multiple of 1440), got {minutes}",
                minutes=minutes,
            ),
        )
    return minutes


def _check_periods(revisions: tuple[Revision, ...]) -> None:
    """At most one revision without a start; none starts with or inside another."""
    ordered = sorted(
        enumerate(revisions), key=lambda pair: (pair[1].date_from or date.min, pair[0])
    )
    for (before, earlier), (index, later) in pairwise(ordered):
        path = f"settingsRevisions[{index}].dateFrom"
        if later.date_from is None:
            raise ScheduleError(
                path,
                say(
                    "schedule.two_without_start",
                    "only one revision may lack a start; settingsRevisions[{other}] has none too",
                    other=before,
                ),
            )
        if earlier.date_from == later.date_from:
            raise ScheduleError(
                path,
                say(
                    "schedule.same_start",
                    "starts on the same day as settingsRevisions[{other}] ({start})",
                    other=before,
                    start=str(later.date_from),
                ),
            )
        if earlier.date_to is not None and earlier.date_to >= later.date_from:
            raise ScheduleError(
                path,
                say(
                    "schedule.overlap",
                    "overlaps settingsRevisions[{other}], which runs to {end}",
                    other=before,
                    end=str(earlier.date_to),
                ),
            )
