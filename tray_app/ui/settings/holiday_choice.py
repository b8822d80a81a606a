"""The "Holidays" field of the Schedule tab: where the holidays come from (the schedule's
calendar, in Russia the Russian one; the Russian production calendar; none), with a hint when
the schedule in force ignores holidays or names its calendar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from tray_app.core.schedule_model import Revision
from tray_app.ui.settings.pages import hint_label

__all__ = ["HolidayChoice"]


class HolidayChoice(QWidget):
    """The calendar choice (``combo``, its data one of
    :data:`~tray_app.config.setting_checks.HOLIDAY_CALENDARS`) and its hint."""

    def __init__(self, stored: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName("holidayCombo")
        self.combo.addItem(
            self.tr("Automatic: the schedule's calendar, in Russia the Russian one"), "auto"
        )
        self.combo.addItem(self.tr("The Russian production calendar"), "ru")
        self.combo.addItem(self.tr("No holidays"), "none")
        self.combo.setCurrentIndex(max(0, self.combo.findData(stored)))
        self.hint = hint_label("", self)
        self.hint.setObjectName("holidayHint")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.combo, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.hint)

    def chosen(self) -> str:
        """ "auto", "ru" or "none"."""
        return str(self.combo.currentData())

    def show_hint(self, revision: Revision | None) -> None:
        """Say when ``revision`` (the schedule's in force today; None: no schedule) ignores
        holidays, or which calendar it names while the choice is automatic."""
        hint = ""
        if revision is not None and revision.ignore_calendar:
            hint = self.tr(
                "This schedule ignores holidays: its working days are working days on public "
                "holidays too."
            )
        elif revision is not None and self.combo.currentData() == "auto":
            name = revision.business_calendar_name
            if name:
                hint = self.tr("The schedule names the calendar {name}.").format(
                    name=f"\u201c{name}\u201d"
                )
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
