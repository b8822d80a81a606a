"""The dialog for a changed start or end time: "Change start time…", "Close at…" and
"Close the forgotten day…".

The date is the one the portal's rules allow (today for a start, the start date for an end) and
is only shown; the user types a 24-hour time, may pick another zone (a start's offset becomes the
day's zone; an end typed in another zone is converted to the day's zone, and shown so), and gives
a reason. On every edit, and every few seconds as the clock moves on, the rules of
:mod:`tray_app.core.backdate` run against the portal's clock; the first broken rule is shown in
words and OK stays disabled until all hold. The dialog also says when the portal will ask a
supervisor to confirm the change (API reference §2.4).

OK emits ``submitted`` once and turns the dialog busy; the owner sends the action and then calls
:meth:`ReportDialog.finish` (done) or :meth:`ReportDialog.show_refusal` (the portal's words,
shown here with everything typed kept).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt, QTime, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from tray_app.core.backdate import MAX_REASON_LENGTH, day_zone
from tray_app.core.timefmt import TimeFormatError
from tray_app.ui.report import texts
from tray_app.ui.report.check import (
    MODE_ACTIONS,
    Check,
    Form,
    ReportMode,
    Severity,
    default_zones,
    evaluate,
    reason_length,
    suggested_moment,
)
from tray_app.ui.shared.viewstate import ViewState
from tray_app.ui.shared.zones import parse_zone_label, system_zone, zone_choices, zone_label

__all__ = ["ReportDialog", "ReportMode"]

REVALIDATE_MS = 10_000
"""The rules are re-checked this often while nothing is typed: "in the future" passes."""


class ReportDialog(QDialog):
    """Ask for a changed start or end time and a reason.

    Signals: ``submitted(object, object, str)`` — the :class:`~tray_app.core.actions.Action`,
    the aware datetime (a start in the chosen zone, an end in the day's zone) and the reason.

    While busy, Cancel reads "Close": it only hides the dialog, the action is already on its
    way (the owner reports its outcome elsewhere when the dialog is no longer visible).
    """

    submitted = Signal(object, object, str)

    def __init__(
        self,
        mode: ReportMode,
        view: ViewState,
        server_now: Callable[[], datetime],
        parent: QWidget | None = None,
        local_zone: tzinfo | None = None,
        *,
        prefill_at: datetime | None = None,
        prefill_reason: str = "",
    ) -> None:
        """``prefill_at`` and ``prefill_reason`` replace the suggested time and the empty
        reason (closing the day at the moment the person left, from the away dialog)."""
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self._mode = mode
        self._action = MODE_ACTIONS[mode]
        self._view = view
        self._server_now = server_now
        self._busy = False
        self._refusal = ""  # the portal's last refusal, shown until the next edit
        self._time_touched = False
        self._reason_touched = False
        self._programmatic = False
        now = server_now()
        self._local_zone = local_zone if local_zone is not None else system_zone(now)
        self._build(now, mode)
        self._prefill_at = prefill_at or suggested_moment(mode, view, now)
        self._show_prefill()
        if prefill_reason:
            self._reason.setPlainText(prefill_reason)
        self._timer = QTimer(self)
        self._timer.setInterval(REVALIDATE_MS)
        self._timer.timeout.connect(self._revalidate)
        self._timer.start()
        self._revalidate()

    # -- public ---------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True between ``submitted`` and the owner's answer."""
        return self._busy

    def show_refusal(self, message: str) -> None:
        """The portal said no: show its words, keep everything typed, allow another try."""
        self._refusal = texts.refusal(message)
        self._set_busy(False)
        self._revalidate()

    def finish(self) -> None:
        """The change went through: close the dialog."""
        self._set_busy(False)
        self.accept()

    def update_view(self, view: ViewState) -> None:
        """A new status arrived while the dialog is open: check again against it."""
        self._view = view
        self._update_texts()
        self._revalidate()

    def done(self, result: int) -> None:
        self._timer.stop()
        super().done(result)

    # -- construction ---------------------------------------------------------------------

    def _build(self, now: datetime, mode: ReportMode) -> None:
        self.setMinimumWidth(520)
        self._intro = self._label("reportIntro")
        self._date = self._label("reportDate")
        self._time = QTimeEdit(self)
        self._time.setObjectName("reportTime")
        self._time.setDisplayFormat("HH:mm")
        self._time.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._time.setMinimumWidth(self._time.fontMetrics().horizontalAdvance("00:00") + 48)
        self._time.setAccessibleName(self.tr("Time"))
        self._converted = self._label("reportConverted")
        self._zone = self._zone_box(default_zones(mode, self._view, self._local_zone, now))
        self._reason_label = self._label("reportReasonLabel")
        self._counter = self._label("reportReasonCounter")
        self._reason = QPlainTextEdit(self)
        self._reason.setObjectName("reportReason")
        self._reason.setAccessibleName(self.tr("Reason"))
        self._reason.setTabChangesFocus(True)
        self._reason.setPlaceholderText(self.tr("Why is the time different from the actual one?"))
        self._reason.setFixedHeight(self._reason.fontMetrics().lineSpacing() * 4 + 16)
        self._reason_label.setBuddy(self._reason)
        self._message_icon = self._label("reportMessageIcon")
        self._message = self._label("reportMessage")
        self._hint_icon = self._label("reportHintIcon")
        self._hint = self._label("reportHint")
        self._layout(self._buttons())
        self._time.timeChanged.connect(self._time_edited)
        self._zone.currentTextChanged.connect(self._zone_edited)
        self._reason.textChanged.connect(self._reason_edited)
        for first, second in (
            (self._time, self._zone),
            (self._zone, self._reason),
            (self._reason, self._ok),
            (self._ok, self._cancel),
        ):
            QWidget.setTabOrder(first, second)
        self._update_texts()

    def _zone_box(self, first: list[str]) -> QComboBox:
        """An editable list of zones, searched by any part of the name ("kolk")."""
        box = QComboBox(self)
        box.setObjectName("reportZone")
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.setAccessibleName(self.tr("Time zone"))
        box.setMinimumContentsLength(24)
        box.addItems(zone_choices(first))
        box.setCurrentIndex(0)
        completer = QCompleter(box.model(), box)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        box.setCompleter(completer)
        return box

    def _buttons(self) -> QDialogButtonBox:
        self._ok = QPushButton(self)
        self._ok.setObjectName("reportOk")
        self._ok.setDefault(True)
        self._cancel = QPushButton(self.tr("Cancel"), self)
        self._cancel.setObjectName("reportCancel")
        buttons = QDialogButtonBox(self)
        buttons.addButton(self._cancel, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self._ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):  # from inside the reason box
            QShortcut(QKeySequence(sequence), self).activated.connect(self._submit)
        return buttons

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(name in {"reportIntro", "reportConverted", "reportMessage", "reportHint"})
        return label

    def _layout(self, buttons: QDialogButtonBox) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, name, field in (
            (self.tr("Date:"), "reportDateLabel", self._date),
            (self.tr("&Time:"), "reportTimeLabel", self._time),
            (self.tr("Time &zone:"), "reportZoneLabel", self._zone),
        ):
            label = QLabel(text, self)
            label.setObjectName(name)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self._converted)  # under time and zone: what the portal books
        self._form = form
        reason_head = QHBoxLayout()
        reason_head.addWidget(self._reason_label, 1)
        reason_head.addWidget(self._counter)
        root = QVBoxLayout(self)
        root.setSpacing(10)
        root.addWidget(self._intro)
        root.addLayout(form)
        root.addLayout(reason_head)
        root.addWidget(self._reason)
        for icon, line in ((self._message_icon, self._message), (self._hint_icon, self._hint)):
            line_row = QHBoxLayout()
            line_row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
            line_row.addWidget(line, 1)
            root.addLayout(line_row)
        root.addStretch(1)
        root.addWidget(buttons)

    def _update_texts(self) -> None:
        day = self._view.workday
        zone = day_zone(day) if day is not None and day.day_offset is not None else None
        self.setWindowTitle(texts.title(self._mode))
        self._intro.setText(texts.intro(self._mode, day, zone))
        self._reason_label.setText(texts.reason_label(self._view.reason_required))
        closing = self._mode is not ReportMode.START and zone is not None
        name = zone_label(zone, self._server_now()) if closing and zone is not None else None
        self._zone.setToolTip(texts.zone_tip(name))

    # -- pre-fill -------------------------------------------------------------------------

    def _show_prefill(self) -> None:
        zone = self._chosen_zone()
        if zone is None:
            return
        shown = self._prefill_at.astimezone(zone)
        self._programmatic = True
        try:
            self._time.setTime(QTime(shown.hour, shown.minute))
        finally:
            self._programmatic = False

    # -- edits ----------------------------------------------------------------------------

    @Slot()
    def _time_edited(self) -> None:
        if not self._programmatic:
            self._time_touched = True
            self._refusal = ""
        self._revalidate()

    @Slot()
    def _zone_edited(self) -> None:
        self._refusal = ""
        if not self._time_touched:
            self._show_prefill()  # the same moment, in the new zone
        self._revalidate()

    @Slot()
    def _reason_edited(self) -> None:
        self._reason_touched = True
        self._refusal = ""
        self._revalidate()

    @Slot()
    def _revalidate(self) -> None:
        self._render(self._evaluate())

    @Slot()
    def _submit(self) -> None:
        if self._busy:
            return
        check = self._evaluate()
        if not check.valid or check.when is None or check.reason is None:
            self._render(check)
            return
        self._refusal = ""
        self._set_busy(True)
        self._render(check)
        self.submitted.emit(self._action, check.when, check.reason)

    # -- rules ----------------------------------------------------------------------------

    def _chosen_zone(self) -> tzinfo | None:
        try:
            return parse_zone_label(self._zone.currentText())
        except TimeFormatError:
            return None

    def _evaluate(self) -> Check:
        typed = self._time.time()
        form = Form(
            zone_text=self._zone.currentText(),
            hour=typed.hour(),
            minute=typed.minute(),
            reason=self._reason.toPlainText(),
            reason_touched=self._reason_touched,
        )
        return evaluate(self._mode, self._view, form, self._server_now())

    # -- showing --------------------------------------------------------------------------

    def _render(self, check: Check) -> None:
        if check.on_date is not None:
            self._date.setText(texts.long_date(check.on_date))
        typed = self._time.time().toString("HH:mm")
        self._ok.setText(texts.ok_text(self._mode is ReportMode.START, typed))
        self._ok.setEnabled(check.valid and not self._busy)
        self._ok.setToolTip("" if check.valid else check.problem)  # why it is disabled
        self._converted.setText(check.converted)
        self._form.setRowVisible(self._converted, bool(check.converted))
        if self._busy:
            self._show_line(self._message_icon, self._message, texts.sending(), Severity.INFO)
        elif self._refusal:
            self._show_line(self._message_icon, self._message, self._refusal, Severity.ERROR)
        else:
            self._show_line(self._message_icon, self._message, check.problem, check.severity)
        self._show_line(self._hint_icon, self._hint, check.hint, Severity.INFO)
        length = reason_length(self._reason.toPlainText())
        self._counter.setText(texts.counter(length))
        self._counter.setVisible(length >= texts.COUNTER_FROM)
        over = length > MAX_REASON_LENGTH
        self._counter.setStyleSheet(f"color: {self._error_colour()};" if over else "")

    def _show_line(self, icon: QLabel, label: QLabel, text: str, severity: Severity) -> None:
        icon.setVisible(bool(text))
        label.setVisible(bool(text))
        label.setText(text)
        error = severity is Severity.ERROR
        label.setStyleSheet(f"color: {self._error_colour()};" if error else "")
        pixmap = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if error
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
        icon.setAccessibleName(self.tr("Problem") if error else self.tr("Note"))

    def _error_colour(self) -> str:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        return "#ff8a80" if dark else "#b3261e"

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self._time, self._zone, self._reason):
            widget.setEnabled(not busy)
        self._ok.setEnabled(False)
        self._cancel.setText(self.tr("Close") if busy else self.tr("Cancel"))
