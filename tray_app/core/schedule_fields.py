"""Reading one JSON object of a schedule document field by field: every message carries the
field's path (``settingsRevisions[1].dinners[0].end``), raised as one :class:`ScheduleError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from tray_app.core.schedule_model import MINUTES_PER_DAY

__all__ = ["MAX_COUNT", "ROOT", "Fields", "ScheduleError", "whole"]

ROOT = "(document)"
MAX_COUNT = 2**31 - 1  # a bit mask or a period code: any non-negative 32-bit number


class ScheduleError(ValueError):
    """A schedule document that cannot be used: ``path`` names the field, ``problem`` says why."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def kind(value: object) -> str:
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


class Fields:
    """One JSON object being read; every message carries the field's path."""

    def __init__(self, raw: object, path: str) -> None:
        if not isinstance(raw, Mapping):
            raise ScheduleError(path or ROOT, f"must be an object, got {kind(raw)}")
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
            raise ScheduleError(self.at(key), f"must be a string, got {kind(value)}")
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if self.given(key) else None

    def flag(self, key: str) -> bool:
        value = self._required(key)
        if not isinstance(value, bool):
            raise ScheduleError(self.at(key), f"must be true or false, got {kind(value)}")
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
            raise ScheduleError(self.at(key), f"must be one of {listed}, got {value}")
        return value

    def array(self, key: str, most: int | None = None) -> list[object]:
        value = self._required(key)
        if isinstance(value, str) or not isinstance(value, Sequence):
            raise ScheduleError(self.at(key), f"must be an array, got {kind(value)}")
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


def whole(value: object, path: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScheduleError(path, f"must be a number, got {kind(value)}")
    if isinstance(value, float):
        if not value.is_integer():
            raise ScheduleError(path, f"must be a whole number, got {value}")
        value = int(value)
    if not low <= value <= high:
        raise ScheduleError(path, f"must be between {low} and {high}, got {value}")
    return value
