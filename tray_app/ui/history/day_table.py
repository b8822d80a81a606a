"""The history window's table: one row per day, the newest first: start, end, breaks, worked,
plan, confirmed, and where the numbers come from (the portal, this computer's journal, both)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from tray_app.core.summary import EN_DASH
from tray_app.core.timefmt import format_hm
from tray_app.history.summary import DayTotals, Source

__all__ = ["COLUMNS", "DayTable"]

COLUMNS = 7
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class DayTable(QTableWidget):
    """The days of the period, read only, a row selected whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, COLUMNS, parent)
        self.setObjectName("history_table")
        self.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Start"),
                self.tr("End"),
                self.tr("Breaks"),
                self.tr("Worked"),
                self.tr("Plan"),
                self.tr("Confirmed"),
            ]
        )
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS - 1, QHeaderView.ResizeMode.Stretch)

    def fill(self, days: dict[date, DayTotals], plan: dict[date, timedelta]) -> None:
        """One row per day of ``days``, the newest first, with its plan from ``plan``."""
        shown = sorted(days, reverse=True)
        self.setRowCount(len(shown))
        locale = QLocale()
        for row, day in enumerate(shown):
            totals = days[day]
            label = locale.toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")
            cells = [
                label,
                self._clock(totals.started_at, day),
                self.tr("not closed") if totals.open else self._clock(totals.finished_at, day),
                format_hm(totals.breaks),
                format_hm(totals.worked),
                format_hm(plan.get(day, timedelta(0))),
                self._confirmed(totals.confirmed),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 1 <= column <= 5:
                    item.setTextAlignment(_RIGHT)
                item.setToolTip(self._source_text(totals.source))
                self.setItem(row, column, item)

    @staticmethod
    def _clock(moment: datetime | None, day: date) -> str:
        if moment is None:
            return EN_DASH
        return f"{moment:%H:%M}" if moment.date() == day else f"{moment:%d.%m %H:%M}"

    def _confirmed(self, value: bool | None) -> str:
        if value is None:
            return EN_DASH
        return self.tr("yes") if value else self.tr("no, awaits confirmation")

    def _source_text(self, source: Source) -> str:
        if source is Source.PORTAL:
            return self.tr("From the portal")
        if source is Source.JOURNAL:
            return self.tr("From this computer's journal")
        return self.tr("From the portal and this computer's journal")
