"""Shift work's rules without widgets: a shift in the editor's list, the kinds of lunch a
shift may have, and what makes a shift unsavable (said in the editor's words)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication

from tray_app.core.schedule_model import MINUTES_PER_DAY, Shift
from tray_app.ui.settings.schedule_summary import hm

__all__ = [
    "MAX_LUNCH_MIN",
    "NO_LUNCH",
    "OWN_LUNCH",
    "REVISION_LUNCH",
    "ShiftRow",
    "lunch_kind",
    "shift_length",
    "shift_problem",
]

REVISION_LUNCH, NO_LUNCH, OWN_LUNCH = "revision", "none", "own"
MAX_LUNCH_MIN = 240


@dataclasses.dataclass
class ShiftRow:
    """A shift in the list: ``shift`` as edited (its name as typed), ``original`` as loaded."""

    key: int  # stable while the dialog is open, to follow a shift through renames and moves
    shift: Shift
    original: Shift | None = None

    def result(self) -> Shift:
        """The shift to save: as loaded when untouched, else with its name trimmed."""
        if self.shift == self.original:
            return self.shift
        return dataclasses.replace(self.shift, name=self.shift.name.strip())


def lunch_kind(shift: Shift) -> str:
    """Which lunch ``shift`` has: the revision's, none, or its own."""
    if shift.dinners is None:
        return REVISION_LUNCH
    return OWN_LUNCH if shift.dinners else NO_LUNCH


def shift_length(shift: Shift) -> int:
    """The shift's minutes from begin to end (an end before the begin is the next morning)."""
    return (shift.end - shift.begin) % MINUTES_PER_DAY


def shift_problem(index: int, shift: Shift, seen: set[str]) -> str:
    """Why shift number ``index`` (from 0) cannot be saved, or ""; ``seen`` collects the
    names of the shifts before it (two may not share one)."""
    name = shift.name.strip()
    called = f"\u201c{name}\u201d"
    if not name:
        return QCoreApplication.translate("ShiftsEditor", "Shift {number} needs a name.").format(
            number=index + 1
        )
    if name in seen:
        return QCoreApplication.translate(
            "ShiftsEditor", "Two shifts are called {name}: give each its own name."
        ).format(name=called)
    seen.add(name)
    if shift.begin == shift.end:
        return QCoreApplication.translate(
            "ShiftsEditor", "Shift {name} ends when it begins."
        ).format(name=called)
    for lunch in shift.dinners or ():
        if lunch.end <= lunch.start:
            return QCoreApplication.translate(
                "ShiftsEditor",
                "The lunch of shift {name} must end after it begins (00:00 is midnight).",
            ).format(name=called)
        if lunch.duration is not None and lunch.duration > lunch.end - lunch.start:
            return QCoreApplication.translate(
                "ShiftsEditor", "The lunch of shift {name} is longer than its window ({window})."
            ).format(name=called, window=hm(lunch.end - lunch.start))
    return ""
