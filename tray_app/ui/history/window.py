"""The history window: the last weeks as a chart and a table, and a CSV export.

It reads the local journal at once (quick, local) and asks the portal for its records through a
``records_source`` the owner provides, which must run the request off the UI thread (the one
portal worker) and call the given ``done`` back on the UI thread with what
:func:`tray_app.api.records.fetch_records` returned (a ``RecordList`` or a
``RecordsUnavailable``) or the exception it raised. The window then keeps the records in the
journal and shows the days reconciled (:mod:`tray_app.history.reconcile`). Without a portal
(no source, an older portal, offline) the journal alone is shown, and the window says so.

The plan per day is data (``Mapping[date, timedelta]``); without one, 8 hours each weekday.

Use :func:`open_history`; :class:`WorkerRecordsSource` adapts the portal worker's task runner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tray_app.api.record_models import (
    RecordList,
    RecordsOutcome,
    RecordsUnavailable,
    Unavailability,
)
from tray_app.core.timefmt import format_hm
from tray_app.history.export import to_csv, write_csv
from tray_app.history.journal import Journal
from tray_app.history.journal_errors import JournalError
from tray_app.history.reconcile import RecordLike, portal_days, reconcile
from tray_app.history.summary import (
    DayTotals,
    date_range,
    default_plan,
    period_totals,
)
from tray_app.ui.history.chart import ChartBar, HistoryChart
from tray_app.ui.history.day_table import DayTable
from tray_app.ui.state.records_source import RecordsSource, WorkerRecordsSource
from tray_app.ui.text.errors import error_text

__all__ = ["HistoryWindow", "RecordsSource", "WorkerRecordsSource", "open_history"]

log = logging.getLogger(__name__)
WEEK_CHOICES = (2, 4, 8, 12)


class HistoryWindow(QWidget):
    """Worked hours per day against the plan, for the last weeks.

    Signals: ``exported(str)`` - the path a CSV file was written to.
    """

    exported = Signal(str)

    def __init__(
        self,
        journal: Journal | JournalError | None,
        records_source: RecordsSource | None = None,
        plan: Mapping[date, timedelta] | None = None,
        *,
        weeks: int = 4,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        zone: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("history_window")
        self.setWindowTitle(self.tr("Work history"))
        self._journal = journal if isinstance(journal, Journal) else None
        self._journal_problem = error_text(journal) if isinstance(journal, JournalError) else None
        self._source = records_source
        self._plan = plan
        self._today = today
        self._now = now
        self._zone = zone
        self._request = 0
        self._days: dict[date, DayTotals] = {}
        self._first = self._last = today()

        self._build_controls(weeks)
        self._build_layout()
        self.resize(820, 640)
        self.reload()

    def _build_controls(self, weeks: int) -> None:
        self.period = QComboBox()
        self.period.setObjectName("history_period")
        for count in WEEK_CHOICES:
            self.period.addItem(self.tr("Last %n weeks", "", count), count)
        self.period.setCurrentIndex(
            WEEK_CHOICES.index(weeks) if weeks in WEEK_CHOICES else WEEK_CHOICES.index(4)
        )
        self.period.currentIndexChanged.connect(lambda _index: self.reload())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("history_refresh")
        self.refresh_button.clicked.connect(self.reload)
        self.totals = QLabel()
        self.totals.setObjectName("history_totals")
        bold = self.totals.font()
        bold.setBold(True)
        self.totals.setFont(bold)
        self.note = QLabel()
        self.note.setObjectName("history_note")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = HistoryChart()
        self.table = DayTable()
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setObjectName("history_export")
        self.export_button.clicked.connect(self.export_csv)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("history_close")
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addWidget(self.refresh_button)
        top.addSpacing(12)
        top.addWidget(self.totals, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    # -- the period --------------------------------------------------------------------------

    @property
    def weeks(self) -> int:
        return int(self.period.currentData())

    @property
    def first_day(self) -> date:
        return self._first

    @property
    def last_day(self) -> date:
        return self._last

    @property
    def days(self) -> dict[date, DayTotals]:
        """The days shown (only those with a record)."""
        return dict(self._days)

    def set_plan(self, plan: Mapping[date, timedelta] | None) -> None:
        """Another plan per day (a new schedule, the portal's new limits); shown at the next
        :meth:`reload`."""
        self._plan = plan

    def plan(self) -> dict[date, timedelta]:
        """The plan of the period: the one given, else 8 hours on weekdays."""
        if self._plan is None:
            return default_plan(self._first, self._last)
        return {d: self._plan.get(d, timedelta(0)) for d in date_range(self._first, self._last)}

    def _bounds(self) -> tuple[datetime, datetime]:
        start = datetime.combine(self._first, time.min)
        end = datetime.combine(self._last, time(23, 59, 59))
        if self._zone is None:
            return start.astimezone(), end.astimezone()  # the system's zone
        localize = getattr(self._zone, "localize", None)  # a pytz zone needs localize()
        if localize is not None:
            return localize(start), localize(end)
        return start.replace(tzinfo=self._zone), end.replace(tzinfo=self._zone)

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the journal for the chosen weeks, then ask the portal (when there is a source)."""
        self._last = self._today()
        self._first = self._last - timedelta(days=7 * self.weeks - 1)
        self._request += 1
        self._show(self._local_days())
        if self._source is None:
            self._set_note(self.tr("Shown from this computer's journal."))
            return
        self._set_note(self.tr("Asking the portal for its records…"))
        self.refresh_button.setEnabled(False)
        request = self._request
        since, until = self._bounds()
        self._source(since, until, lambda outcome: self._on_records(request, outcome))

    def _local_days(self, portal: list[RecordLike] | None = None) -> dict[date, DayTotals]:
        if self._journal is not None:
            try:
                return self._journal.days(self._first, self._last, portal=portal)
            except JournalError as exc:
                log.warning("history journal: %s", exc.message)
                self._journal_problem = error_text(exc)
        merged = reconcile(portal_days(portal) if portal is not None else None, {})
        return {d: t for d, t in merged.items() if self._first <= d <= self._last}

    def _on_records(self, request: int, outcome: RecordsOutcome | Exception) -> None:
        if request != self._request:
            return  # an answer for a period no longer shown
        self.refresh_button.setEnabled(True)
        if isinstance(outcome, RecordsUnavailable):
            if outcome.reason is Unavailability.FORBIDDEN:
                text = self.tr(
                    "The portal does not let this account read its records; "
                    "shown from this computer's journal."
                )
            else:
                text = self.tr(
                    "This portal does not offer the history of workdays; "
                    "shown from this computer's journal."
                )
            self._set_note(text)
            return
        if not isinstance(outcome, RecordList):
            message = getattr(outcome, "message", None) or str(outcome) or type(outcome).__name__
            log.info("history: the portal's records could not be read: %s", message)
            self._set_note(
                self.tr(
                    "The portal could not be asked ({problem}); shown from this computer's journal."
                ).format(problem=message)
            )
            return
        portal: list[RecordLike] = list(outcome.records)
        if self._journal is not None:
            since, until = self._bounds()
            try:
                self._journal.replace_records(since, until, portal, self._now())
            except JournalError as exc:
                log.warning("history journal: %s", exc.message)
                self._journal_problem = error_text(exc)
        self._show(self._local_days(portal))
        if outcome.complete:
            self._set_note(self.tr("Shown from the portal and this computer's journal."))
        else:
            self._set_note(
                self.tr("The portal has more records than were read; older days may be missing.")
            )

    def _set_note(self, text: str) -> None:
        notes = [text]
        if self._journal_problem:
            notes.append(
                self.tr("The journal cannot be used: {problem}").format(
                    problem=self._journal_problem
                )
            )
        self.note.setText("\n".join(notes))

    # -- showing -----------------------------------------------------------------------------

    def _show(self, days: dict[date, DayTotals]) -> None:
        self._days = days
        plan = self.plan()
        bars = [
            ChartBar(
                day=day,
                worked=days[day].worked if day in days else timedelta(0),
                planned=plan.get(day, timedelta(0)),
                open=days[day].open if day in days else False,
                confirmed=days[day].confirmed if day in days else None,
            )
            for day in date_range(self._first, self._last)
        ]
        self.chart.set_bars(bars, today=self._last)
        totals = period_totals(days, plan, self._first, self._last)
        text = self.tr("Worked {worked} of {planned} planned").format(
            worked=format_hm(totals.worked), planned=format_hm(totals.planned)
        )
        if totals.unconfirmed:
            text += " · " + self.tr("%n not confirmed", "", totals.unconfirmed)
        self.totals.setText(text)
        self.table.fill(days, plan)

    # -- export ------------------------------------------------------------------------------

    def csv_text(self) -> str:
        """The period as CSV (every day, see :mod:`tray_app.history.export`)."""
        return to_csv(self._days, self.plan(), self._first, self._last)

    def export_csv(self) -> Path | None:
        """Ask where, then write the CSV file; returns the path written (None: cancelled)."""
        suggested = f"work-history-{self._first.isoformat()}-{self._last.isoformat()}.csv"
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the history"),
            str(Path.home() / suggested),
            self.tr("CSV files (*.csv)"),
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        try:
            write_csv(path, self.csv_text())
        except OSError as exc:
            self.note.setText(
                self.tr("The file could not be written: {problem}").format(
                    problem=exc.strerror or str(exc)
                )
            )
            return None
        self.note.setText(self.tr("Saved to {path}").format(path=str(path)))
        self.exported.emit(str(path))
        return path


def open_history(
    parent: QWidget | None,
    journal: Journal | JournalError | None,
    records_source: RecordsSource | None = None,
    plan: Mapping[date, timedelta] | None = None,
    *,
    weeks: int = 4,
    today: Callable[[], date] = date.today,
    zone: tzinfo | None = None,
) -> HistoryWindow:
    """Build, show and raise the history window ("History…" in the tray menu).

    ``journal``: the open journal, or the :class:`JournalError` that opening it gave (shown in
    the window), or None. ``records_source``: see :class:`RecordsSource` (None: the journal
    alone). ``plan``: planned work per day (None: 8 hours on weekdays). Keep the returned
    window: show it again (and :meth:`HistoryWindow.reload`) instead of building a second one.
    """
    window = HistoryWindow(
        journal, records_source, plan, weeks=weeks, today=today, zone=zone, parent=parent
    )
    window.show()
    window.raise_()
    window.activateWindow()
    return window
