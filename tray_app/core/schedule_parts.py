"""The small parts of a schedule revision: lunches (also the legacy ``dinnerStart`` /
``dinnerEnd`` / ``dinnerDuration``), shifts and their lunches, and time marks.

A lunch lies within one calendar day (``start`` < ``end``); ``dinners`` given (even empty)
wins over the legacy fields, whose duration becomes both the min and the max length.
"""

from __future__ import annotations

from tray_app.core.message import say
from tray_app.core.schedule_fields import Fields, ScheduleError
from tray_app.core.schedule_model import Dinner, Shift, ShiftDinner, TimeMark

__all__ = ["revision_dinners", "shift", "time_mark"]

MAX_DINNERS = 2
DAY_TYPES = (0, 1, 2)
LEGACY_DINNER = ("dinnerStart", "dinnerEnd", "dinnerDuration")


def _lunch_window(fields: Fields, first: str, last: str) -> tuple[int, int]:
    start = fields.minutes(first)
    end = fields.minutes(last)
    if end <= start:
        raise ScheduleError(
            fields.at(last),
            say(
                "schedule.not_after",
                "must be after {first} ({start}), got {end}",
                first=first,
                start=start,
                end=end,
            ),
        )
    return start, end


def _length(fields: Fields, key: str, window: tuple[int, int]) -> int | None:
    start, end = window
    return fields.optional_number(key, 0, end - start)


def revision_dinners(fields: Fields) -> tuple[Dinner, ...]:
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
    fields = Fields(raw, path)
    window = _lunch_window(fields, "start", "end")
    return Dinner(
        start=window[0],
        end=window[1],
        min_duration=_length(fields, "minDuration", window),
        max_duration=_length(fields, "maxDuration", window),
    )


def shift(raw: object, path: str) -> Shift:
    fields = Fields(raw, path)
    name = fields.text("name")
    begin = fields.minutes("begin")
    end = fields.minutes("end")
    if end == begin:
        raise ScheduleError(
            fields.at("end"),
            say("schedule.same_ends", "must differ from begin ({begin})", begin=begin),
        )
    items = fields.optional_array("dinners", MAX_DINNERS)
    dinners = None
    if items is not None:
        dinners = tuple(
            _shift_dinner(item, f"{fields.at('dinners')}[{index}]")
            for index, item in enumerate(items)
        )
    return Shift(name=name, begin=begin, end=end, dinners=dinners)


def _shift_dinner(raw: object, path: str) -> ShiftDinner:
    fields = Fields(raw, path)
    window = _lunch_window(fields, "start", "end")
    return ShiftDinner(start=window[0], end=window[1], duration=_length(fields, "duration", window))


def time_mark(raw: object, path: str) -> TimeMark:
    fields = Fields(raw, path)
    return TimeMark(
        name=fields.text("name"),
        time_mark_name=fields.optional_text("timeMarkName"),
        begin=fields.minutes("begin"),
        end=fields.minutes("end"),
        day_type=fields.choice("dayType", DAY_TYPES),
    )
