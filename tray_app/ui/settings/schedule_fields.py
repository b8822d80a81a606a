"""Small fields of the Schedule tab: clock times, minutes, and hours:minutes beyond a day."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QTime
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLabel, QSpinBox, QTimeEdit, QWidget

from tray_app.core.schedule_model import MINUTES_PER_DAY

__all__ = ["DurationSpin", "clock_edit", "dash", "minutes_box", "minutes_of", "qtime"]

_HOURS_MINUTES = re.compile(r"^\s*(\d{1,3})(?::(\d{0,2}))?\s*$")


def qtime(minutes: int) -> QTime:
    """The clock time ``minutes`` after midnight (1440, the end of the day, shows 23:59)."""
    minutes = max(0, min(minutes, MINUTES_PER_DAY - 1))
    return QTime(minutes // 60, minutes % 60)


def minutes_of(value: QTime) -> int:
    """Minutes after midnight of a clock time."""
    return value.hour() * 60 + value.minute()


def clock_edit(parent: QWidget, name: str, changed: Callable[[], None]) -> QTimeEdit:
    """A ``HH:mm`` field that calls ``changed`` on every change."""
    edit = QTimeEdit(parent)
    edit.setObjectName(name)
    edit.setDisplayFormat("HH:mm")
    edit.timeChanged.connect(changed)
    return edit


def minutes_box(
    parent: QWidget, name: str, high: int, suffix: str, changed: Callable[[], None]
) -> QSpinBox:
    """0 to ``high`` minutes in steps of five."""
    box = QSpinBox(parent)
    box.setObjectName(name)
    box.setRange(0, high)
    box.setSingleStep(5)
    box.setSuffix(suffix)
    box.valueChanged.connect(changed)
    return box


def dash(parent: QWidget) -> QLabel:
    """The en dash between the two ends of a window."""
    label = QLabel("\u2013", parent)
    label.setContentsMargins(2, 0, 2, 0)
    return label


class DurationSpin(QSpinBox):
    """Minutes shown and typed as ``H:MM``, also beyond a day (``39:00`` for a week's plan).

    Text that is not ``H:MM`` within the range is intermediate, so :meth:`hasAcceptableInput`
    tells a half-typed value from a good one.
    """

    def textFromValue(self, value: int) -> str:
        """``39:00`` for 2340."""
        return f"{value // 60}:{value % 60:02d}"

    def valueFromText(self, text: str) -> int:
        """2340 for ``39:00`` (the current value for text that is no duration)."""
        found = _HOURS_MINUTES.match(text)
        if found is None:
            return self.value()
        return int(found.group(1)) * 60 + int(found.group(2) or 0)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """Digits and one colon may be typed; only ``H:MM`` in the range is acceptable."""
        found = _HOURS_MINUTES.match(text)
        if found is None:
            return QValidator.State.Invalid, text, pos
        minutes = found.group(2)
        whole = minutes is not None and len(minutes) == 2 and int(minutes) < 60
        if whole and self.minimum() <= self.valueFromText(text) <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos
