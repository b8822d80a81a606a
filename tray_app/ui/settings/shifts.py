"""Shift work on the Schedule tab: the revision's shifts, and the shift the user works.

:class:`ShiftsEditor` is the "Shift work" group (``isIndividualTimeControl``, fixed hours only):
a list of shifts, the first the default one, with add, remove and move up or down, and the
selected shift's name, hours (an end before the begin is the next morning) and lunch (the
revision's, none, or its own window and length). A bad value is said under the fields at once
and nothing is saved until every shift is right. A shift that is not edited stays exactly as it
was imported, a second lunch of its own included.

:class:`ShiftChoice` is the "My shift" field: the shifts of the revision in force today, or the
default one; a chosen shift that is no longer there falls back to the default, with a hint.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from tray_app.config.setting_checks import MAX_SHIFT_NAME
from tray_app.core.schedule_model import MINUTES_PER_DAY, Revision, Shift, ShiftDinner
from tray_app.ui.settings.pages import button, error_label, hint_label, set_error
from tray_app.ui.settings.schedule_fields import clock_edit, dash, minutes_box, minutes_of, qtime
from tray_app.ui.settings.schedule_summary import clock, hm

__all__ = ["OWN_LUNCH", "REVISION_LUNCH", "ShiftChoice", "ShiftsEditor"]

REVISION_LUNCH, NO_LUNCH, OWN_LUNCH = "revision", "none", "own"
MAX_LUNCH_MIN = 240
DEFAULT = -1  # the "My shift" entry of the default shift


@dataclasses.dataclass
class _Row:
    """A shift in the list: ``shift`` as edited (its name as typed), ``original`` as loaded."""

    key: int  # stable while the dialog is open, to follow a shift through renames and moves
    shift: Shift
    original: Shift | None = None

    def result(self) -> Shift:
        """The shift to save: as loaded when untouched, else with its name trimmed."""
        if self.shift == self.original:
            return self.shift
        return dataclasses.replace(self.shift, name=self.shift.name.strip())


def _lunch_kind(shift: Shift) -> str:
    if shift.dinners is None:
        return REVISION_LUNCH
    return OWN_LUNCH if shift.dinners else NO_LUNCH


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
        self._default_lunch = default_lunch
        self._rows: list[_Row] = []
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
        columns.addLayout(self._build_fields(), 3)
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

    def _build_fields(self) -> QFormLayout:
        self.name = QLineEdit(self)
        self.name.setObjectName("shiftName")
        self.name.setMaxLength(MAX_SHIFT_NAME)
        self.name.textEdited.connect(self._on_name)
        self.begin = clock_edit(self, "shiftBegin", lambda: self._on_hours("begin"))
        self.end = clock_edit(self, "shiftEnd", lambda: self._on_hours("end"))
        self.next_day = hint_label(self.tr("the next day"), self)
        self.next_day.setObjectName("shiftNextDayHint")
        self.next_day.setWordWrap(False)
        self.lunch_kind = QComboBox(self)
        self.lunch_kind.setObjectName("shiftLunchKind")
        self.lunch_kind.addItem(self.tr("the schedule's lunch"), REVISION_LUNCH)
        self.lunch_kind.addItem(self.tr("no lunch"), NO_LUNCH)
        self.lunch_kind.addItem(self.tr("its own:"), OWN_LUNCH)
        self.lunch_kind.currentIndexChanged.connect(self._on_lunch_kind)
        self.lunch_from = clock_edit(self, "shiftLunchFrom", lambda: self._on_lunch("start"))
        self.lunch_to = clock_edit(self, "shiftLunchTo", lambda: self._on_lunch("end"))
        self.lunch_length = minutes_box(
            self,
            "shiftLunchLength",
            MAX_LUNCH_MIN,
            self.tr(" min"),
            lambda: self._on_lunch("duration"),
        )
        self.lunch_length.setAccessibleName(self.tr("Length of the shift's lunch"))
        self.more_lunches = hint_label("", self)
        self.more_lunches.setObjectName("shiftMoreLunchesHint")
        self.own_lunch = QWidget(self)
        own = QHBoxLayout(self.own_lunch)
        own.setContentsMargins(0, 0, 0, 0)
        own.setSpacing(4)
        for widget in (self.lunch_from, dash(self), self.lunch_to, self.lunch_length):
            own.addWidget(widget)
        own.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        hours = QHBoxLayout()
        hours.setSpacing(4)
        for widget in (self.begin, dash(self), self.end, self.next_day):
            hours.addWidget(widget)
        hours.addStretch(1)
        name_label = QLabel(self.tr("&Name:"), self)
        name_label.setBuddy(self.name)
        hours_label = QLabel(self.tr("Fr&om:"), self)
        hours_label.setBuddy(self.begin)
        lunch_label = QLabel(self.tr("Lunch &break:"), self)
        lunch_label.setBuddy(self.lunch_kind)
        form.addRow(name_label, self.name)
        form.addRow(hours_label, hours)
        form.addRow(lunch_label, self.lunch_kind)
        form.addRow("", self.own_lunch)
        form.addRow("", self.more_lunches)
        self._fields: tuple[QWidget, ...] = (
            self.name,
            self.begin,
            self.end,
            self.lunch_kind,
            self.own_lunch,
        )
        return form

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

    def _row(self, shift: Shift, original: Shift | None = None) -> _Row:
        self._next_key += 1
        return _Row(key=self._next_key, shift=shift, original=original)

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

    def _current(self) -> _Row | None:
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
        self.name.setFocus()
        self.name.selectAll()
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

    # -- the selected shift's fields -----------------------------------------------------------

    def _fill_form(self) -> None:
        row = self._current()
        index = self.list.currentRow()
        for widget in self._fields:
            widget.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and index > 0)
        self.down_button.setEnabled(row is not None and index < len(self._rows) - 1)
        self._filling = True
        try:
            shift = row.shift if row is not None else Shift(name="", begin=9 * 60, end=18 * 60)
            self.name.setText(shift.name)
            self.begin.setTime(qtime(shift.begin))
            self.end.setTime(qtime(shift.end))
            kind = _lunch_kind(shift)
            self.lunch_kind.setCurrentIndex(self.lunch_kind.findData(kind))
            if shift.dinners:
                self._show_lunch(shift.dinners[0])
        finally:
            self._filling = False
        self._show_shift(shift)

    def _show_lunch(self, lunch: ShiftDinner) -> None:
        self.lunch_from.setTime(qtime(lunch.start))
        self.lunch_to.setTime(qtime(lunch.end % MINUTES_PER_DAY))  # 24:00 shows 00:00
        self.lunch_length.setValue(lunch.length())

    def _show_shift(self, shift: Shift) -> None:
        self.next_day.setVisible(shift.end < shift.begin)
        self.own_lunch.setVisible(bool(shift.dinners))
        more = len(shift.dinners or ()) - 1
        self.more_lunches.setText(
            self.tr("And a second lunch from the file: {window}, kept as it is.").format(
                window=self._window(shift.dinners[1]) if shift.dinners and more > 0 else ""
            )
        )
        self.more_lunches.setVisible(more > 0)

    @staticmethod
    def _window(lunch: ShiftDinner) -> str:
        return f"{clock(lunch.start)}\u2013{clock(lunch.end)} ({hm(lunch.length())})"

    def _change(self, change: Callable[[Shift], Shift]) -> None:
        """Apply ``change`` to the selected shift as an edit (not while the form is filled)."""
        row = self._current()
        if self._filling or row is None:
            return
        row.shift = change(row.shift)
        self._show_line(self.list.currentRow())
        self._show_shift(row.shift)
        self._edited()

    def _on_name(self, text: str) -> None:
        self._change(lambda shift: dataclasses.replace(shift, name=text))

    def _on_hours(self, field: str) -> None:
        """Only the field typed in changes: an untouched 24:00 (shown 23:59) stays 24:00."""
        begin, end = minutes_of(self.begin.time()), minutes_of(self.end.time())
        if field == "begin":
            self._change(lambda shift: dataclasses.replace(shift, begin=begin))
        else:
            self._change(lambda shift: dataclasses.replace(shift, end=end))

    def _on_lunch_kind(self) -> None:
        kind = self.lunch_kind.currentData()

        def lunches(shift: Shift) -> Shift:
            if kind == REVISION_LUNCH:
                return dataclasses.replace(shift, dinners=None)
            if kind == NO_LUNCH:
                return dataclasses.replace(shift, dinners=())
            start, end, length = self._default_lunch()
            if length == 0 or end <= start:  # the revision has no lunch: an hour mid-shift
                start = (shift.begin + self._length(shift) // 2) % MINUTES_PER_DAY
                end, length = min(start + 60, MINUTES_PER_DAY), 60
            lunch = ShiftDinner(start=start, end=end, duration=length or end - start)
            self._filling = True
            try:
                self._show_lunch(lunch)
            finally:
                self._filling = False
            return dataclasses.replace(shift, dinners=(lunch,))

        self._change(lunches)

    @staticmethod
    def _length(shift: Shift) -> int:
        return (shift.end - shift.begin) % MINUTES_PER_DAY

    def _on_lunch(self, field: str) -> None:
        """Only the field typed in changes (``start``, ``end`` or ``duration``)."""
        values = {
            "start": minutes_of(self.lunch_from.time()),
            "end": minutes_of(self.lunch_to.time()) or MINUTES_PER_DAY,  # 00:00 is midnight
            "duration": self.lunch_length.value(),
        }

        def lunches(shift: Shift) -> Shift:
            first, *rest = shift.dinners or (ShiftDinner(start=0, end=MINUTES_PER_DAY),)
            changed = dataclasses.replace(first, **{field: values[field]})
            return dataclasses.replace(shift, dinners=(changed, *rest))

        self._change(lunches)
        row = self._current()
        if row is not None and row.shift.dinners and field != "duration":
            self._filling = True
            try:  # a lunch without a length of its own lasts its whole window
                self.lunch_length.setValue(row.shift.dinners[0].length())
            finally:
                self._filling = False

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
            message = self._shift_problem(index, row.shift, seen)
            if message:
                return index, message
        return -1, ""

    def _shift_problem(self, index: int, shift: Shift, seen: set[str]) -> str:
        name = shift.name.strip()
        called = f"\u201c{name}\u201d"
        if not name:
            return self.tr("Shift {number} needs a name.").format(number=index + 1)
        if name in seen:
            return self.tr("Two shifts are called {name}: give each its own name.").format(
                name=called
            )
        seen.add(name)
        if shift.begin == shift.end:
            return self.tr("Shift {name} ends when it begins.").format(name=called)
        for lunch in shift.dinners or ():
            if lunch.end <= lunch.start:
                return self.tr(
                    "The lunch of shift {name} must end after it begins (00:00 is midnight)."
                ).format(name=called)
            if lunch.duration is not None and lunch.duration > lunch.end - lunch.start:
                return self.tr(
                    "The lunch of shift {name} is longer than its window ({window})."
                ).format(name=called, window=hm(lunch.end - lunch.start))
        return ""

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


class ShiftChoice(QWidget):
    """The "My shift" field: a shift of the schedule by name, or its default (first) one.

    ``stored``: the name from the settings (None: the default). A chosen shift is followed
    through renames and moves; when it is removed, or a schedule without it is loaded, the
    default applies and a hint says so.
    """

    def __init__(self, stored: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("myShift")
        self._wanted_name = stored
        self._wanted_key: int | None = None
        self._names: dict[int, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.combo = QComboBox(self)
        self.combo.setObjectName("myShiftCombo")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.activated.connect(self._on_chosen)
        self.hint = hint_label("", self)
        self.hint.setObjectName("myShiftHint")
        layout.addWidget(self.combo, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.hint)
        self.show_shifts([])

    def show_shifts(self, entries: Sequence[tuple[int, str]]) -> None:
        """List ``entries`` (``(key, name)``, the default first) and select the chosen one."""
        self._names = dict(entries)
        if self._wanted_key not in self._names and self._wanted_name is not None:
            matches = (key for key, name in entries if name == self._wanted_name)
            self._wanted_key = next(matches, None)
        wanted = self._wanted_key
        found = wanted is not None and wanted in self._names
        if wanted is not None and found:
            self._wanted_name = self._names[wanted]  # followed through a rename
        self.combo.blockSignals(True)
        try:
            self.combo.clear()
            if entries:
                default = self.tr("The default shift ({name})").format(name=entries[0][1])
                self.combo.addItem(default, DEFAULT)
                for entry_key, name in entries:
                    self.combo.addItem(name, entry_key)
            else:
                self.combo.addItem(self.tr("No shifts"), DEFAULT)
            self.combo.setCurrentIndex(max(0, self.combo.findData(self._wanted_key)))
        finally:
            self.combo.blockSignals(False)
        self.combo.setEnabled(bool(entries))
        if not entries:
            hint = self.tr("Only a schedule with shift work has shifts to choose from.")
        elif self._wanted_name is not None and not found:
            hint = self.tr(
                "The shift {name} is not in the schedule any more: the default shift applies."
            ).format(name=f"\u201c{self._wanted_name}\u201d")
        else:
            hint = ""
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def _on_chosen(self, _index: int) -> None:
        key = self.combo.currentData()
        self._wanted_key = None if key == DEFAULT else key
        self._wanted_name = None if key == DEFAULT else self._names[key]
        self.show_shifts(list(self._names.items()))

    def chosen(self) -> str | None:
        """The name of the chosen shift; None for the default (also without shifts)."""
        key = self.combo.currentData()
        return None if key == DEFAULT else self._names.get(key)
