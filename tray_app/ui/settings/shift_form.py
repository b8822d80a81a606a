"""The selected shift's fields in the "Shift work" group: its name, its hours (an end before
the begin is the next morning) and its lunch (the revision's, none, or its own window and
length; a second lunch of its own from the file is shown and kept as it is)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from tray_app.config.setting_checks import MAX_SHIFT_NAME
from tray_app.core.schedule_model import MINUTES_PER_DAY, Shift, ShiftDinner
from tray_app.ui.settings.pages import hint_label
from tray_app.ui.settings.schedule_fields import clock_edit, dash, minutes_box, minutes_of, qtime
from tray_app.ui.settings.schedule_summary import clock, hm
from tray_app.ui.settings.shift_rules import (
    MAX_LUNCH_MIN,
    NO_LUNCH,
    OWN_LUNCH,
    REVISION_LUNCH,
    lunch_kind,
    shift_length,
)

__all__ = ["ShiftForm"]


class ShiftForm(QWidget):
    """The fields of one shift. ``default_lunch`` gives the window and length of a new lunch
    of its own (the revision's lunch).

    Signals:
        edited(object): the shift (a :class:`Shift`) as changed by hand.
    """

    edited = Signal(object)

    def __init__(
        self, *, default_lunch: Callable[[], tuple[int, int, int]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shiftForm")
        self._default_lunch = default_lunch
        self._shift: Shift | None = None
        self._filling = False
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
        self._lay_out()
        self._fields: tuple[QWidget, ...] = (
            self.name,
            self.begin,
            self.end,
            self.lunch_kind,
            self.own_lunch,
        )

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
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

    def show_shift(self, selected: Shift | None) -> None:
        """Show ``selected`` (None: no shift is selected; the fields are disabled)."""
        self._shift = selected
        for widget in self._fields:
            widget.setEnabled(selected is not None)
        self._filling = True
        try:
            shift = selected or Shift(name="", begin=9 * 60, end=18 * 60)
            self.name.setText(shift.name)
            self.begin.setTime(qtime(shift.begin))
            self.end.setTime(qtime(shift.end))
            kind = lunch_kind(shift)
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
        """Apply ``change`` to the shown shift as an edit (not while the form is filled)."""
        if self._filling or self._shift is None:
            return
        self._shift = change(self._shift)
        self._show_shift(self._shift)
        self.edited.emit(self._shift)

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
                start = (shift.begin + shift_length(shift) // 2) % MINUTES_PER_DAY
                end, length = min(start + 60, MINUTES_PER_DAY), 60
            lunch = ShiftDinner(start=start, end=end, duration=length or end - start)
            self._filling = True
            try:
                self._show_lunch(lunch)
            finally:
                self._filling = False
            return dataclasses.replace(shift, dinners=(lunch,))

        self._change(lunches)

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
        shown = self._shift
        if shown is not None and shown.dinners and field != "duration":
            self._filling = True
            try:  # a lunch without a length of its own lasts its whole window
                self.lunch_length.setValue(shown.dinners[0].length())
            finally:
                self._filling = False
