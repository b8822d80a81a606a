"""The small status panel a left click on the icon opens: the day at a glance, and the buttons
that apply. Its buttons trigger the tray menu's own QActions, so panel and menu cannot drift.

With a plan (the portal's limits or an imported schedule) it adds the expected end (or the
overtime) and two thin bars: the day's work against its plan, the week's against the week's.
A bar without a plan (a day off, a week without one) is hidden. A reminder that fired today and
still holds is shown on top with a "Snooze today" button.

While clicks are kept (issue 12) a box says which and where it is ("Close at 18:05 kept, will
be sent when the portal answers"), why it waits for the person if it does, and offers **Send
now** (or "Pause now", "Resume now", "Try again"), **Discard** and, where the report dialog can
give the day the time instead, **Change start time…** / **Close at…**.

Signals: ``snoozeRequested(object)`` - the :class:`~tray_app.core.reminders.ReminderKind` of
the reminder shown. The kept box's choices go out through the tray's signals (as its day
buttons trigger the tray's actions), so a panel in the window without a tray works alike.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QCursor, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tray_app.core.open_kind import OpenKind
from tray_app.core.timefmt import format_hm
from tray_app.core.workday import DayState
from tray_app.ui.shared.icons import icon_for
from tray_app.ui.shared.viewstate import Phase, PlanFigures, ViewState
from tray_app.ui.shell.kept_box import KeptBox
from tray_app.ui.shell.placement import Rect, panel_position
from tray_app.ui.shell.tinted import bold_label, tint
from tray_app.ui.shell.tray import TrayView, icon_spec
from tray_app.ui.text import messages

BAR_STEPS = 1000
BAR_HEIGHT = 6
DAY_COLOUR = "#2e7d32"  # the opened icon's green
WEEK_COLOUR = "#1565c0"
DONE_COLOUR = "#00897b"  # a plan met (or passed)


def bar_style(colour: str, track: str) -> str:
    """A thin, rounded bar in ``colour`` on a ``track`` of the palette's mid-light colour."""
    radius = BAR_HEIGHT // 2
    return (
        f"QProgressBar {{ border: none; border-radius: {radius}px; background: {track}; }}"
        f"QProgressBar::chunk {{ border-radius: {radius}px; background: {colour}; }}"
    )


def on_wayland(platform: str | None = None) -> bool:
    """Whether Qt draws through Wayland (``platform``: a platform name, else the running one)."""
    name = QGuiApplication.platformName() if platform is None else platform
    return name.startswith("wayland")


def panel_flags(platform: str | None = None) -> Qt.WindowType:
    """A Qt.Popup on X11 (it grabs, closes on a click outside). Wayland refuses a grabbing
    popup without a parent that had input, so there it is a frameless tool window that the
    panel closes itself on focus loss or Escape."""
    if on_wayland(platform):
        return Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
    return Qt.WindowType.Popup


def _rect(rect: QRect) -> Rect:
    return Rect(rect.x(), rect.y(), rect.width(), rect.height())


class StatusPanel(QFrame):
    """A popup next to the tray icon; closes when it loses focus, like a menu. Placed inside
    a window (``embedded``; no tray at all) it is a plain widget that stays open."""

    snoozeRequested = Signal(object)

    def __init__(self, tray: TrayView, *, embedded: bool = False) -> None:
        super().__init__(None, Qt.WindowType.Widget if embedded else panel_flags())
        self.setObjectName("status_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.tray = tray
        self.icon = QLabel()
        self.title = QLabel()
        self.title.setObjectName("panel_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.figures = QLabel()
        self.figures.setObjectName("panel_figures")
        self.times = QLabel()
        self.times.setObjectName("panel_times")
        self.note = QLabel()
        self.note.setObjectName("panel_note")
        self.note.setWordWrap(True)
        self.plan = self._build_plan()
        self.reminder = self._build_reminder()
        self._reminder_kind: object = None
        self.kept_box = KeptBox()
        self.kept_box.sendRequested.connect(tray.keptSendRequested)
        self.kept_box.discardRequested.connect(tray.keptDiscardRequested)
        self.kept_box.retimeRequested.connect(tray.keptRetimeRequested)
        self.kept_box.retimeRequested.connect(self._dismiss)
        heading = QHBoxLayout()
        heading.addWidget(self.icon)
        heading.addWidget(self.title, 1)
        buttons, links = self._build_buttons(tray)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.figures)
        layout.addWidget(self.times)
        layout.addWidget(self.reminder)
        layout.addWidget(self.kept_box)
        layout.addWidget(self.plan)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addLayout(links)

    def _build_buttons(self, tray: TrayView) -> tuple[QHBoxLayout, QHBoxLayout]:
        """The day's actions (and "Try again" while offline); below, the links."""
        buttons = QHBoxLayout()
        self.buttons: list[tuple[QPushButton, QAction]] = []
        self.day_buttons: list[tuple[QPushButton, QAction]] = []
        """The buttons that say what their menu item says (its words change with the day)."""
        for action in (
            tray.close_expired,
            *tray.day_actions.values(),
        ):
            button = QPushButton(action.text())
            button.setObjectName("panel_" + action.objectName())
            button.clicked.connect(action.trigger)
            button.clicked.connect(self._dismiss)
            buttons.addWidget(button)
            self.buttons.append((button, action))
            self.day_buttons.append((button, action))
        self.retry = QPushButton(self.tr("Try again"))
        self.retry.setObjectName("panel_retry")
        self.retry.setToolTip(self.tr("Ask the portal for the day now."))
        self.retry.clicked.connect(tray.refresh.trigger)
        buttons.addWidget(self.retry)
        links = QHBoxLayout()
        for action, text in (
            (tray.change_start, self.tr("Change start time…")),
            (tray.close_at, self.tr("Close at…")),
            (tray.history, self.tr("History…")),
            (tray.settings, self.tr("Settings…")),
        ):
            link = QPushButton(text)
            link.setObjectName("panel_" + action.objectName())
            link.setFlat(True)
            link.clicked.connect(action.trigger)
            link.clicked.connect(self._dismiss)
            links.addWidget(link)
            self.buttons.append((link, action))
        links.addStretch(1)
        return buttons, links

    def _build_reminder(self) -> QFrame:
        box = QFrame()
        tint(box, "panel_reminder", self.palette().color(QPalette.ColorRole.Highlight), 28)
        self.reminder_title = bold_label("panel_reminder_title")
        self.reminder_text = QLabel()
        self.reminder_text.setObjectName("panel_reminder_text")
        self.reminder_text.setWordWrap(True)
        self.snooze = QPushButton(self.tr("Snooze today"))
        self.snooze.setObjectName("panel_snooze")
        self.snooze.setToolTip(self.tr("No more reminders of this kind until tomorrow."))
        self.snooze.clicked.connect(self._snooze)
        row = QHBoxLayout()
        row.addWidget(self.reminder_title, 1)
        row.addWidget(self.snooze)
        column = QVBoxLayout(box)
        column.setContentsMargins(8, 6, 8, 6)
        column.addLayout(row)
        column.addWidget(self.reminder_text)
        box.setVisible(False)
        return box

    def _snooze(self) -> None:
        if self._reminder_kind is not None:
            self.snoozeRequested.emit(self._reminder_kind)

    def _build_plan(self) -> QWidget:
        plan = QWidget()
        plan.setObjectName("panel_plan")
        grid = QGridLayout(plan)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(3)
        self.day_label, self.day_figure, self.day_bar = self._plan_row(
            grid, 0, "panel_day", self.tr("Today")
        )
        grid.setRowMinimumHeight(2, 4)  # air between the day and the week
        self.week_label, self.week_figure, self.week_bar = self._plan_row(
            grid, 3, "panel_week", self.tr("This week")
        )
        return plan

    def _plan_row(
        self, grid: QGridLayout, row: int, name: str, text: str
    ) -> tuple[QLabel, QLabel, QProgressBar]:
        label = QLabel(text)
        label.setObjectName(name + "_label")
        figure = QLabel()
        figure.setObjectName(name + "_figure")
        figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar = QProgressBar()
        bar.setObjectName(name + "_bar")
        bar.setRange(0, BAR_STEPS)
        bar.setTextVisible(False)
        bar.setFixedHeight(BAR_HEIGHT)
        bar.setAccessibleName(text)
        grid.addWidget(label, row, 0)
        grid.addWidget(figure, row, 1)
        grid.addWidget(bar, row + 1, 0, 1, 2)
        return label, figure, bar

    def show_view(self, view: ViewState) -> None:
        """Show ``view``; only the buttons whose actions apply are shown."""
        self.icon.setPixmap(icon_for(icon_spec(view, paint_time=False)).pixmap(32, 32))
        self.title.setText(self._title(view))
        self.figures.setText(self._figures(view))
        self.times.setText(self._times(view))
        self._show_plan(view.plan if view.phase is Phase.READY else None)
        reminder = view.reminder if view.phase is Phase.READY else None
        self._reminder_kind = None if reminder is None else reminder.kind
        if reminder is not None:
            self.reminder_title.setText(messages.reminder_title(reminder))
            self.reminder_text.setText(messages.reminder_text(reminder))
        self.reminder.setVisible(reminder is not None)
        self.kept_box.show_note(view.kept)
        notes = []
        waiting = messages.waiting_line(view.waiting)
        if waiting:
            notes.append(waiting)
        if view.stale:
            notes.append(self.tr("The portal is unreachable; showing the last known state."))
        if view.last_error:
            notes.append(view.last_error)
        if view.confirmed is False:
            notes.append(self.tr("A change awaits your supervisor's confirmation."))
        start_note = self._start_note(view)
        if start_note:
            notes.append(start_note)
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        for button, action in self.day_buttons:
            button.setText(action.text())
        for button, action in self.buttons:
            button.setVisible(action.isEnabled() and action.isVisible())
        self.retry.setVisible(view.stale and self.tray.refresh.isEnabled())
        self.adjustSize()

    def _start_note(self, view: ViewState) -> str:
        """What starting does to a day closed today (§1.2): resume it, or leave it be (not for
        a day closed by a kept click: the kept box speaks for it)."""
        if view.phase is not Phase.READY or view.started_at is None or view.earlier_day:
            return ""
        if view.kept is not None:
            return ""
        finished = view.workday.finished_at if view.workday is not None else None
        end = "" if finished is None else f"{finished.astimezone(view.started_at.tzinfo):%H:%M}"
        if view.open_kind is OpenKind.RESUME_DAY:
            if not end:
                return self.tr(
                    "Resuming carries on the closed day: the portal counts the time since it "
                    "was closed as a break."
                )
            return self.tr(
                "Resuming carries on the day closed at {end}: the portal counts the time since "
                "then as a break."
            ).format(end=end)
        if view.open_kind is OpenKind.NEW_DAY and end:
            return self.tr(
                "Starting again begins a new record; the day closed at {end} stays as it is."
            ).format(end=end)
        return ""

    def _title(self, view: ViewState) -> str:
        if view.phase is Phase.SIGNED_OUT:
            return messages.signed_out()
        if view.phase is Phase.LOADING or view.day_state is None:
            return messages.loading(signing_in=view.signing_in)
        if view.day_state is DayState.CLOSED and view.started_at is None:
            return messages.no_workday()
        if view.earlier_day:
            return messages.no_workday_today()
        return messages.state_word(view.day_state)

    def _figures(self, view: ViewState) -> str:
        if view.phase is not Phase.READY or view.started_at is None:
            return messages.headline(view) if view.phase is Phase.SIGNED_OUT else ""
        if view.day_state is DayState.EXPIRED:
            return self.tr("Left open since {start}").format(
                start=messages.day_and_time(view.started_at)
            )
        worked, breaks = format_hm(view.worked), format_hm(view.breaks)
        if view.earlier_day:
            return self.tr("Last day {date}: worked {worked} · breaks {breaks}").format(
                date=messages.day_name(view.started_at), worked=worked, breaks=breaks
            )
        return self.tr("Worked {worked} · breaks {breaks}").format(worked=worked, breaks=breaks)

    def _times(self, view: ViewState) -> str:
        if view.phase is not Phase.READY or view.started_at is None:
            return ""
        if view.suggested_close_at is not None:
            end = view.suggested_close_at.astimezone(view.started_at.tzinfo)
            return self.tr("Suggested end: {end}").format(end=f"{end:%H:%M}")
        finished = view.workday.finished_at if view.workday is not None else None
        if view.earlier_day and finished is not None:
            return messages.time_range(view.started_at, finished)
        started = self.tr("Started at {start}").format(start=f"{view.started_at:%H:%M}")
        hint = messages.plan_hint(view.plan)
        return messages.SEPARATOR.join((started, hint)) if hint else started

    def _show_plan(self, plan: PlanFigures | None) -> None:
        day = None if plan is None else plan.day_progress
        week = None if plan is None else plan.week_progress
        track = self.palette().color(QPalette.ColorRole.Midlight).name()
        for progress, label, figure, bar, colour in (
            (day, self.day_label, self.day_figure, self.day_bar, DAY_COLOUR),
            (week, self.week_label, self.week_figure, self.week_bar, WEEK_COLOUR),
        ):
            for widget in (label, figure, bar):
                widget.setVisible(progress is not None)
            if progress is None or plan is None:
                continue
            bar.setValue(round(progress * BAR_STEPS))
            bar.setStyleSheet(bar_style(DONE_COLOUR if progress >= 1.0 else colour, track))
        if plan is not None and day is not None:
            self.day_figure.setText(self._of(plan.day_worked, plan.day_planned))
        if plan is not None and week is not None:
            self.week_figure.setText(self._of(plan.week_done, plan.week_planned))
        self.plan.setVisible(day is not None or week is not None)

    def _of(self, done: timedelta, planned: timedelta | None) -> str:
        return self.tr("{done} of {planned}").format(
            done=format_hm(done), planned=format_hm(planned or timedelta(0))
        )

    def _dismiss(self) -> None:
        """After a button: a popup closes, the panel inside the no-tray window stays."""
        if self.isWindow():
            self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isWindow():
            self.hide()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # The Wayland tool window has no grab: losing focus is its "click outside".
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.windowType() == Qt.WindowType.Tool
            and not self.isActiveWindow()
        ):
            self.hide()
        super().changeEvent(event)

    def show_near(self, anchor: QRect) -> None:
        """Open next to ``anchor`` (the icon's geometry), else at the pointer, else in the
        corner of the screen's panel edge (SNI and Wayland give no icon geometry)."""
        self.adjustSize()
        size = self.sizeHint()
        icon = _rect(anchor) if anchor.isValid() and not anchor.isEmpty() else None
        pointer = QCursor.pos()
        where = anchor.center() if icon is not None else pointer
        screen = QGuiApplication.screenAt(where) or QGuiApplication.primaryScreen()
        # Wayland gives no global pointer position (it reads as 0,0 or stale): ignore it there.
        known = None if on_wayland() else (pointer.x(), pointer.y())
        x, y = panel_position(
            (size.width(), size.height()),
            _rect(screen.geometry()),
            _rect(screen.availableGeometry()),
            icon=icon,
            pointer=known,
        )
        self.move(QPoint(x, y))
        self.show()
        self.raise_()
        self.activateWindow()
