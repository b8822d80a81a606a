"""Reading one JSON object of a schedule document field by field: every message carries the
field's path (``settingsRevisions[1].dinners[0].end``), raised as one :class:`ScheduleError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Final

from tray_app.core.message import Message, say
from tray_app.core.schedule_model import MINUTES_PER_DAY

__all__ = ["MAX_COUNT", "ROOT", "Fields", "ScheduleError", "whole"]

ROOT = "(document)"
MAX_COUNT = 2**31 - 1  # a bit mask or a period code: any non-negative 32-bit number


class ScheduleError(ValueError):
    """A schedule document that cannot be used: ``path`` names the field, ``problem`` says why
    (its English; ``said_problem`` the message, ``said`` the whole sentence)."""

    def __init__(self, path: str, problem: Message) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = str(problem)
        self.said_problem = problem
        self.said = say("schedule.refused", "{field}: {problem}", field=path, problem=problem)


def kind(value: object) -> Message:
    """What a JSON value is, for "got ..."."""
    if value is None:
        return say("schedule.kind.null", "null")
    if isinstance(value, bool):
        return say("schedule.kind.boolean", "a boolean")
    if isinstance(value, int | float):
        return say("schedule.kind.number", "a number")
    if isinstance(value, str):
        return say("schedule.kind.string", "a string")
    if isinstance(value, Sequence):
        return say("schedule.kind.array", "an array")
    return say("schedule.kind.object", "an object")


_REQUIRED_OR_NULL: Final = say("schedule.required_or_null", "is required (null is allowed)")


class Fields:
    """One JSON object being read; every message carries the field's path."""

    def __init__(self, raw: object, path: str) -> None:
        if not isinstance(raw, Mapping):
            raise ScheduleError(
                path or ROOT,
                say("schedule.not_object", "must be an object, got {kind}", kind=kind(raw)),
            )
        self.raw: Mapping[str, object] = raw
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def given(self, key: str) -> bool:
        return self.raw.get(key) is not None

    def _required(self, key: str) -> object:
        if key not in self.raw:
            raise ScheduleError(self.at(key), say("schedule.required", "is required"))
        value = self.raw[key]
        if value is None:
            raise ScheduleError(
                self.at(key), say("schedule.not_null", "is required and may not be null")
            )
        return value

    def nullable_text(self, key: str) -> str | None:
        """A field that must be present but may be null."""
        if key not in self.raw:
            raise ScheduleError(self.at(key), _REQUIRED_OR_NULL)
        return self.optional_text(key)

    def text(self, key: str) -> str:
        value = self._required(key)
        if not isinstance(value, str):
            raise ScheduleError(
                self.at(key),
                say("schedule.not_string", "must be a string, got {kind}", kind=kind(value)),
            )
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if self.given(key) else None

    def flag(self, key: str) -> bool:
        value = self._required(key)
        if not isinstance(value, bool):
            raise ScheduleError(
                self.at(key),
                say("schedule.not_flag", "must be true or false, got {kind}", kind=kind(value)),
            )
        return value

    def optional_flag(self, key: str) -> bool | None:
        return self.flag(key) if self.given(key) else None

    def number(self, key: str, low: int, high: int) -> int:
        return whole(self._required(key), self.at(key), low, high)

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
            raise ScheduleError(
                self.at(key),
                say(
                    "schedule.not_choice",
                    "must be one of {options}, got {value}",
                    options=listed,
                    value=value,
                ),
            )
        return value

    def array(self, key: str, most: int | None = None) -> list[object]:
        value = self._required(key)
        if isinstance(value, str) or not isinstance(value, Sequence):
            raise ScheduleError(
                self.at(key),
                say("schedule.not_array", "must be an array, got {kind}", kind=kind(value)),
            )
        if most is not None and len(value) > most:
            raise ScheduleError(
                self.at(key),
                say(
                    "schedule.too_many",
                    "may hold at most {most} items, got {count}",
                    most=most,
                    count=len(value),
                ),
            )
        return list(value)

    def optional_array(self, key: str, most: int | None = None) -> list[object] | None:
        return self.array(key, most) if self.given(key) else None

    def month_day(self, key: str, *, first: bool, required: bool) -> date | None:
        """A "YYYY-MM-DD" date that is the first (or last) day of its month, or null."""
        if required and key not in self.raw:
            raise ScheduleError(self.at(key), _REQUIRED_OR_NULL)
        text = self.optional_text(key)
        if text is None:
            return None
        try:
            if len(text) != 10:
                raise ValueError(text)
            day = date.fromisoformat(text)
        except ValueError:
            raise ScheduleError(
                self.at(key),
                say("schedule.not_date", "must be a date YYYY-MM-DD, got {text}", text=repr(text)),
            ) from None
        if first and day.day != 1:
            raise ScheduleError(
                self.at(key),
                say(
                    "schedule.not_first_day",
                    "must be the first day of a month, got {text}",
                    text=text,
                ),
            )
        if not first and (day + timedelta(days=1)).day != 1:
            raise ScheduleError(
                self.at(key),
                say(
                    "schedule.not_last_day",
                    "must be the last day of a month, got {text}",
                    text=text,
                ),
            )
        return day


def whole(value: object, path: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScheduleError(
            path, say("schedule.not_number", "must be a number, got {kind}", kind=kind(value))
        )
    if isinstance(value, float):
        if not value.is_integer():
            raise ScheduleError(
                path, say("schedule.not_whole", "must be a whole number, got {value}", value=value)
            )
        value = int(value)
    if not low <= value <= high:
        raise ScheduleError(
            path,
            say(
                "schedule.out_of_range",
                "must be between {low} and {high}, got {value}",
                low=low,
                high=high,
                value=value,
            ),
        )
    return value
