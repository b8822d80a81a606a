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
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from itertools import pairwise

from tray_app.core.schedule_export import schedule_to_json
from tray_app.core.schedule_model import (
    CYCLE_PLAN,
    FIXED_HOURS,
    FREE_HOURS,
    MINUTES_PER_DAY,
    NO_WEEKLY_PLAN,
    STAFF_START_MODES,
    WEEKLY_PLAN,
    Dinner,
    Revision,
    Shift,
    ShiftDinner,
    TimeMark,
    WorkTimeSchedule,
)

ROOT = "(document)"
MAX_DINNERS = 2
MAX_CYCLE = 31
MAX_COUNT = 2**31 - 1  # a bit mask or a period code: any non-negative 32-bit number
WEEK_MINUTES = 7 * MINUTES_PER_DAY
NOTIFICATION_DAYS = (1, 5)  # shiftNotification*: whole days, 1440..7200 minutes
TIME_CONTROLS = (0, 1, 2, 3)
DAY_TYPES = (0, 1, 2)
LEGACY_DINNER = ("dinnerStart", "dinnerEnd", "dinnerDuration")


class ScheduleError(ValueError):
    """A schedule document that cannot be used: ``path`` names the field, ``problem`` says why."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def parse_schedule_text(text: str) -> WorkTimeSchedule:
    """A schedule from the text of a JSON file (a leading byte-order mark is allowed)."""
    try:
        raw = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ScheduleError(
            ROOT, f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    return parse_schedule(raw)


def parse_schedule(raw: object) -> WorkTimeSchedule:
    """A complete :class:`WorkTimeSchedule` from the decoded JSON object, or ScheduleError."""
    fields = _Fields(raw, "")
    schedule_id = fields.nullable_text("id")
    if schedule_id is not None:
        try:
            uuid.UUID(schedule_id)
        except ValueError:
            raise ScheduleError("id", f"must be a UUID or null, got {schedule_id!r}") from None
    name = fields.text("name")
    if not name.strip():
        raise ScheduleError("name", "must not be empty")
    description = fields.optional_text("description")
    is_hidden = fields.optional_flag("isHidden")
    is_main = fields.optional_flag("isMain")
    items = fields.array("settingsRevisions")
    if not items:
        raise ScheduleError("settingsRevisions", "must hold at least one revision")
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


# --- one object at a time ------------------------------------------------------------------------


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Sequence):
        return "an array"
    return "an object"


class _Fields:
    """One JSON object being read; every message carries the field's path."""

    def __init__(self, raw: object, path: str) -> None:
        if not isinstance(raw, Mapping):
            raise ScheduleError(path or ROOT, f"must be an object, got {_kind(raw)}")
        self.raw: Mapping[str, object] = raw
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def given(self, key: str) -> bool:
        return self.raw.get(key) is not None

    def _required(self, key: str) -> object:
        if key not in self.raw:
            raise ScheduleError(self.at(key), "is required")
        value = self.raw[key]
        if value is None:
            raise ScheduleError(self.at(key), "is required and may not be null")
        return value

    def nullable_text(self, key: str) -> str | None:
        """A field that must be present but may be null."""
        if key not in self.raw:
            raise ScheduleError(self.at(key), "is required (null is allowed)")
        return self.optional_text(key)

    def text(self, key: str) -> str:
        value = self._required(key)
        if not isinstance(value, str):
            raise ScheduleError(self.at(key), f"must be a string, got {_kind(value)}")
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if self.given(key) else None

    def flag(self, key: str) -> bool:
        value = self._required(key)
        if not isinstance(value, bool):
            raise ScheduleError(self.at(key), f"must be true or false, got {_kind(value)}")
        return value

    def optional_flag(self, key: str) -> bool | None:
        return self.flag(key) if self.given(key) else None

    def number(self, key: str, low: int, high: int) -> int:
        return _whole(self._required(key), self.at(key), low, high)

    def optional_number(
        self, key: str, low: int, high: int, *, required: bool = False
    ) -> int | None:
        """A number that may be left out unless ``required`` (by the schedule's mode)."""
        return self.number(key, low, high) if required or self.given(key) else None

    def minutes(self, key: str) -> int:
        """A clock time: minutes from midnight, 0..1440."""
        return self.number(key, 0, MINUTES_PER_DAY)

    def optional_minutes(self, key: str, *, required: bool) -> int | None:
        return self.optional_number(key, 0, MINUTES_PER_DAY, required=required)

    def choice(self, key: str, options: tuple[int, ...]) -> int:
        value = self.number(key, -MAX_COUNT, MAX_COUNT)
        if value not in options:
            listed = ", ".join(str(option) for option in options)
            raise ScheduleError(self.at(key), f"must be one of {listed}, got {value}")
        return value

    def array(self, key: str, most: int | None = None) -> list[object]:
        value = self._required(key)
        if isinstance(value, str) or not isinstance(value, Sequence):
            raise ScheduleError(self.at(key), f"must be an array, got {_kind(value)}")
        if most is not None and len(value) > most:
            raise ScheduleError(self.at(key), f"may hold at most {most} items, got {len(value)}")
        return list(value)

    def optional_array(self, key: str, most: int | None = None) -> list[object] | None:
        return self.array(key, most) if self.given(key) else None

    def month_day(self, key: str, *, first: bool, required: bool) -> date | None:
        """A "YYYY-MM-DD" date that is the first (or last) day of its month, or null."""
        if required and key not in self.raw:
            raise ScheduleError(self.at(key), "is required (null is allowed)")
        text = self.optional_text(key)
        if text is None:
            return None
        try:
            if len(text) != 10:
                raise ValueError(text)
            day = date.fromisoformat(text)
        except ValueError:
            raise ScheduleError(self.at(key), f"must be a date YYYY-MM-DD, got {text!r}") from None
        if first and day.day != 1:
            raise ScheduleError(self.at(key), f"must be the first day of a month, got {text}")
        if not first and (day + timedelta(days=1)).day != 1:
            raise ScheduleError(self.at(key), f"must be the last day of a month, got {text}")
        return day


def _whole(value: object, path: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScheduleError(path, f"must be a number, got {_kind(value)}")
    if isinstance(value, float):
        if not value.is_integer():
            raise ScheduleError(path, f"must be a whole number, got {value}")
        value = int(value)
    if not low <= value <= high:
        raise ScheduleError(path, f"must be between {low} and {high}, got {value}")
    return value


# --- a revision ----------------------------------------------------------------------------------


def _revision(raw: object, path: str) -> Revision:
    fields = _Fields(raw, path)
    date_from = fields.month_day("dateFrom", first=True, required=True)
    date_to = fields.month_day("dateTo", first=False, required=False)
    if date_from is not None and date_to is not None and date_to < date_from:
        raise ScheduleError(fields.at("dateTo"), f"is before dateFrom ({date_from:%Y-%m-%d})")
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
    dinners = _revision_dinners(fields)
    work_duration = fields.minutes("workDuration")
    plan_days_type = fields.choice("planDaysType", (WEEKLY_PLAN, CYCLE_PLAN))
    templates = _templates(fields, plan_days_type)
    violations = fields.number("violationsControl", 0, MAX_COUNT)
    delay = fields.number("allowableDelay", 0, MINUTES_PER_DAY)
    marks = fields.array("timeMarks")
    time_marks = tuple(
        _time_mark(item, f"{fields.at('timeMarks')}[{index}]") for index, item in enumerate(marks)
    )
    individual = fields.flag("isIndividualTimeControl")
    if individual and time_control != FIXED_HOURS:
        raise ScheduleError(
            fields.at("isIndividualTimeControl"),
            f"shift work needs fixed hours (timeControl 0), got timeControl {time_control}",
        )
    before = _notification(fields, "shiftNotificationBefore")
    period = _notification(fields, "shiftNotificationPeriod")
    shift_items = fields.optional_array("shifts") or []
    shifts = tuple(
        _shift(item, f"{fields.at('shifts')}[{index}]") for index, item in enumerate(shift_items)
    )
    if individual and not shifts:
        raise ScheduleError(
            fields.at("shifts"), "must hold at least one shift with isIndividualTimeControl"
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
    fields: _Fields, first: str, last: str, *, required: bool
) -> tuple[int | None, int | None]:
    opens = fields.optional_minutes(first, required=required)
    closes = fields.optional_minutes(last, required=required)
    if opens is not None and closes is not None and closes < opens:
        raise ScheduleError(fields.at(last), f"must not be before {first} ({opens}), got {closes}")
    return opens, closes


def _templates(fields: _Fields, plan_days_type: int) -> tuple[int, ...]:
    items = fields.array("planDaysTemplates")
    path = fields.at("planDaysTemplates")
    if plan_days_type == WEEKLY_PLAN and len(items) != 7:
        raise ScheduleError(
            path, f"must hold 7 days (Monday first) for planDaysType 1, got {len(items)}"
        )
    if not 1 <= len(items) <= MAX_CYCLE:
        raise ScheduleError(
            path, f"must hold 1 to {MAX_CYCLE} days for planDaysType 2, got {len(items)}"
        )
    return tuple(
        _whole(item, f"{path}[{index}]", 0, MINUTES_PER_DAY) for index, item in enumerate(items)
    )


def _notification(fields: _Fields, key: str) -> int:
    low, high = (days * MINUTES_PER_DAY for days in NOTIFICATION_DAYS)
    minutes = fields.number(key, low, high)
    if minutes % MINUTES_PER_DAY:
        raise ScheduleError(
            fields.at(key), f"must be whole days (a multiple of 1440), got {minutes}"
        )
    return minutes


# --- lunches, shifts, marks ----------------------------------------------------------------------


def _lunch_window(fields: _Fields, first: str, last: str) -> tuple[int, int]:
    start = fields.minutes(first)
    end = fields.minutes(last)
    if end <= start:
        raise ScheduleError(fields.at(last), f"must be after {first} ({start}), got {end}")
    return start, end


def _length(fields: _Fields, key: str, window: tuple[int, int]) -> int | None:
    start, end = window
    return fields.optional_number(key, 0, end - start)


def _revision_dinners(fields: _Fields) -> tuple[Dinner, ...]:
    if fields.given("dinners"):
        items = fields.array("dinners", MAX_DINNERS)
        return tuple(
            _dinner(item, f"{fields.at('dinners')}[{index}]") for index, item in enumerate(items)
        )
    if not any(fields.given(key) for key in LEGACY_DINNER):
        return ()
    window = _lunch_window(fields, "dinnerStart", "dinnerEnd")
    length = _length(fields, "dinnerDuration", window)
    return (Dinner(start=window[0], end=window[1], min_duration=length, max_duration=length),)


def _dinner(raw: object, path: str) -> Dinner:
    fields = _Fields(raw, path)
    window = _lunch_window(fields, "start", "end")
    return Dinner(
        start=window[0],
        end=window[1],
        min_duration=_length(fields, "minDuration", window),
        max_duration=_length(fields, "maxDuration", window),
    )


def _shift(raw: object, path: str) -> Shift:
    fields = _Fields(raw, path)
    name = fields.text("name")
    begin = fields.minutes("begin")
    end = fields.minutes("end")
    if end == begin:
        raise ScheduleError(fields.at("end"), f"must differ from begin ({begin})")
    items = fields.optional_array("dinners", MAX_DINNERS)
    dinners = None
    if items is not None:
        dinners = tuple(
            _shift_dinner(item, f"{fields.at('dinners')}[{index}]")
            for index, item in enumerate(items)
        )
    return Shift(name=name, begin=begin, end=end, dinners=dinners)


def _shift_dinner(raw: object, path: str) -> ShiftDinner:
    fields = _Fields(raw, path)
    window = _lunch_window(fields, "start", "end")
    return ShiftDinner(start=window[0], end=window[1], duration=_length(fields, "duration", window))


def _time_mark(raw: object, path: str) -> TimeMark:
    fields = _Fields(raw, path)
    return TimeMark(
        name=fields.text("name"),
        time_mark_name=fields.optional_text("timeMarkName"),
        begin=fields.minutes("begin"),
        end=fields.minutes("end"),
        day_type=fields.choice("dayType", DAY_TYPES),
    )


# --- across revisions ----------------------------------------------------------------------------


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
                f"only one revision may lack a start; settingsRevisions[{before}] has none too",
            )
        if earlier.date_from == later.date_from:
            raise ScheduleError(
                path, f"starts on the same day as settingsRevisions[{before}] ({later.date_from})"
            )
        if earlier.date_to is not None and earlier.date_to >= later.date_from:
            raise ScheduleError(
                path,
                f"overlaps settingsRevisions[{before}], which runs to {earlier.date_to}",
            )
