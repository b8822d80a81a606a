"""Shift work on the Schedule tab: the revision's shifts, and the shift the user works.

:class:`ShiftsEditor` is the "Shift work" group (``isIndividualTimeControl``, fixed hours only):
a list of shifts, the first the default one, with add, remove and move up or down, and the
selected shift's name, hours (an end before the begin is the next morning) and lunch (the
revision's, none, or its own window and length). A bad value is said under the fields at once
and nothing is saved until every shift is right. A shift that is not edited stays exactly as it
was imported, a second lunch of its own included.

The rules without widgets (the rows, the lunch kinds, what makes a shift unsavable):
:mod:`.shift_rules`; the "My shift" field: :mod:`.shift_choice`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from tray_app.core.schedule_model import Revision, Shift
from tray_app.ui.settings.pages import button, error_label, hint_label, set_error
from tray_app.ui.settings.schedule_summary import clock
from tray_app.ui.settings.shift_form import ShiftForm
from tray_app.ui.settings.shift_rules import (
    ShiftRow,
    shift_problem,
)

__all__ = ["ShiftsEditor"]


class ShiftsEditor(QWidget):
    """The "Shift work" switch, and while it is on the shifts: a list and the selected one's
    fields.

    ``default_hours`` gives the begin and end of a new shift (the day's start and end);
    ``default_lunch`` the window and length of a new lunch of its own (the revision's lunch).

    Signals:
        changed(): a shift or shift work itself was changed by hand.
    """

    changed = Signal()

    def __init__(
        self,
        *,
        default_hours: Callable[[], tuple[int, int]],
        default_lunch: Callable[[], tuple[int, int, int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleShifts")
        self._default_hours = default_hours
        self._rows: list[ShiftRow] = []
        self._next_key = 0
        self._filling = False
        self.switch = QCheckBox(self.tr("Shif&t work"), self)
        self.switch.setObjectName("shiftWorkCheck")
        self.needs_fixed = hint_label(self.tr("(needs fixed hours)"), self)
        self.needs_fixed.setObjectName("shiftsNeedFixedHint")
        self.needs_fixed.setWordWrap(False)
        switch_row = QHBoxLayout()
        switch_row.addWidget(self.switch)
        switch_row.addWidget(self.needs_fixed)
        switch_row.addStretch(1)
        self.body = QGroupBox(self)
        self.body.setObjectName("shiftsBox")
        body = QVBoxLayout(self.body)
        columns = QHBoxLayout()
        columns.addLayout(self._build_list(), 2)
        self.fields = ShiftForm(default_lunch=default_lunch, parent=self)
        self.fields.edited.connect(self._on_edited)
        columns.addWidget(self.fields, 3)
        body.addLayout(columns)
        self.error = error_label("shiftError", self.body)
        body.addWidget(self.error)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(switch_row)
        column.addWidget(self.body)
        self._fill_form()
        self.body.setVisible(False)
        self.switch.toggled.connect(self._on_toggled)

    # -- construction --------------------------------------------------------------------------

    def _build_list(self) -> QVBoxLayout:
        self.list = QListWidget(self)
        self.list.setObjectName("shiftList")
        self.list.setAccessibleName(self.tr("Shifts, the first is the default one"))
        self.list.currentRowChanged.connect(self._on_selected)
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 6)
        self.add_button = button(self.tr("Add"), "shiftAddButton", self)
        self.add_button.clicked.connect(self.add_shift)
        self.remove_button = button(self.tr("Remove"), "shiftRemoveButton", self)
        self.remove_button.clicked.connect(self.remove_shift)
        self.up_button = button("\u2191", "shiftUpButton", self)
        self.up_button.setAccessibleName(self.tr("Move up"))
        self.up_button.setToolTip(self.tr("Move up (the first shift is the default one)"))
        self.up_button.clicked.connect(lambda: self.move_shift(-1))
        self.down_button = button("\u2193", "shiftDownButton", self)
        self.down_button.setAccessibleName(self.tr("Move down"))
        self.down_button.setToolTip(self.tr("Move down"))
        self.down_button.clicked.connect(lambda: self.move_shift(1))
        for small in (self.up_button, self.down_button):
            small.setMaximumWidth(small.fontMetrics().horizontalAdvance("\u2191") * 4)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for widget in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(self.list)
        column.addLayout(buttons)
        return column

    # -- loading -------------------------------------------------------------------------------

    def load(self, revision: Revision) -> None:
        """Show ``revision``'s shifts and whether it is shift work (no ``changed``)."""
        self._rows = [self._row(shift, original=shift) for shift in revision.shifts]
        self._filling = True
        try:
            self.switch.setChecked(revision.is_individual_time_control)
        finally:
            self._filling = False
        self.body.setVisible(self.is_on())
        self._sync_list(0 if self._rows else -1)
        set_error(self.error, "")

    def _row(self, shift: Shift, original: Shift | None = None) -> ShiftRow:
        self._next_key += 1
        return ShiftRow(key=self._next_key, shift=shift, original=original)

    def set_available(self, *, enabled: bool, fixed_hours: bool) -> None:
        """Enabled with a schedule; shift work can be switched on with fixed hours only (while
        it is on, the kind of hours is fixed)."""
        available = fixed_hours or self.is_on()
        self.setEnabled(enabled and available)
        self.needs_fixed.setVisible(enabled and not available)

    # -- the list ------------------------------------------------------------------------------

    def _sync_list(self, select: int) -> None:
        """The list's lines from the rows; then select row ``select`` (-1: none)."""
        self.list.blockSignals(True)
        try:
            while self.list.count() > len(self._rows):
                self.list.takeItem(self.list.count() - 1)
            while self.list.count() < len(self._rows):
                self.list.addItem("")
            for index in range(len(self._rows)):
                self._show_line(index)
            self.list.setCurrentRow(select)
        finally:
            self.list.blockSignals(False)
        self._fill_form()

    def _show_line(self, index: int) -> None:
        shift = self._rows[index].shift
        name = shift.name.strip() or "\u2014"  # a dash while it has no name
        text = f"{name}  {clock(shift.begin)}\u2013{clock(shift.end)}"
        if index == 0:
            text += " " + self.tr("(default)")
        item = self.list.item(index)
        if item is not None:
            item.setText(text)

    def _current(self) -> ShiftRow | None:
        index = self.list.currentRow()
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def _on_selected(self, _index: int) -> None:
        self._fill_form()

    def add_shift(self) -> None:
        """A new shift after the others, named "Shift N", with the day's hours."""
        taken = {row.shift.name.strip() for row in self._rows}
        number = len(self._rows) + 1
        while self.tr("Shift {number}").format(number=number) in taken:
            number += 1
        begin, end = self._default_hours()
        name = self.tr("Shift {number}").format(number=number)
        self._rows.append(self._row(Shift(name=name, begin=begin, end=end)))
        self._sync_list(len(self._rows) - 1)
        self.fields.name.setFocus()
        self.fields.name.selectAll()
        self._edited()

    def remove_shift(self) -> None:
        """Remove the selected shift."""
        index = self.list.currentRow()
        if not 0 <= index < len(self._rows):
            return
        del self._rows[index]
        self._sync_list(min(index, len(self._rows) - 1))
        self._edited()

    def move_shift(self, step: int) -> None:
        """Move the selected shift up (-1) or down (1); the first one is the default."""
        index = self.list.currentRow()
        target = index + step
        if not (0 <= index < len(self._rows) and 0 <= target < len(self._rows)):
            return
        rows = self._rows
        rows[index], rows[target] = rows[target], rows[index]
        self._sync_list(target)
        self._edited()

    # -- the selected shift -------------------------------------------------------------------

    def _fill_form(self) -> None:
        row = self._current()
        index = self.list.currentRow()
        self.remove_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and index > 0)
        self.down_button.setEnabled(row is not None and index < len(self._rows) - 1)
        self.fields.show_shift(row.shift if row is not None else None)

    def _on_edited(self, shift: Shift) -> None:
        """The selected shift as changed by hand in its fields."""
        row = self._current()
        if row is None:
            return
        row.shift = shift
        self._show_line(self.list.currentRow())
        self._edited()

    # -- state and result ----------------------------------------------------------------------

    def is_on(self) -> bool:
        """Shift work is switched on."""
        return self.switch.isChecked()

    def _on_toggled(self, on: bool) -> None:
        self.body.setVisible(on)
        if self._filling:
            return
        if on and not self._rows:
            self.add_shift()  # shift work has at least one shift
        else:
            self._edited()

    def _edited(self) -> None:
        set_error(self.error, self.problem()[1])
        self.changed.emit()

    def entries(self) -> list[tuple[int, str]]:
        """The shifts as edited, ``(key, name)`` in order; none unless shift work is on."""
        if not self.is_on():
            return []
        return [(row.key, row.shift.name.strip()) for row in self._rows]

    def problem(self) -> tuple[int, str]:
        """The first shift that cannot be saved and why (-1 and "" when all are right)."""
        if not self.is_on():
            return -1, ""
        if not self._rows:
            return -1, self.tr("Add a shift, or switch shift work off.")
        seen: set[str] = set()
        for index, row in enumerate(self._rows):
            message = shift_problem(index, row.shift, seen)
            if message:
                return index, message
        return -1, ""

    def show_problem(self) -> bool:
        """Say the first problem and select its shift; False when there is one."""
        index, message = self.problem()
        set_error(self.error, message)
        if index >= 0:
            self._sync_list(index)
        return not message

    def edited(self, base: Revision) -> Revision:
        """``base`` with shift work as edited (call when :meth:`problem` finds nothing). With
        shift work off, the shifts stay as they came."""
        if not self.is_on():
            if not base.is_individual_time_control:
                return base
            return dataclasses.replace(base, is_individual_time_control=False)
        shifts = tuple(row.result() for row in self._rows)
        return dataclasses.replace(base, is_individual_time_control=True, shifts=shifts)
