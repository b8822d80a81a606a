"""The small status panel a left click on the icon opens: the day at a glance, and the buttons
that apply. Its buttons trigger the tray menu's own QActions, so panel and menu cannot drift.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAction, QCursor, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from tray_app.core.timefmt import format_hm
from tray_app.core.workday import DayState
from tray_app.ui import messages
from tray_app.ui.icons import icon_for
from tray_app.ui.tray import TrayView, icon_spec
from tray_app.ui.viewstate import Phase, ViewState

_MARGIN = 8


class StatusPanel(QFrame):
    """A popup next to the tray icon; closes when it loses focus, like a menu."""

    def __init__(self, tray: TrayView) -> None:
        super().__init__(None, Qt.WindowType.Popup)
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
        heading = QHBoxLayout()
        heading.addWidget(self.icon)
        heading.addWidget(self.title, 1)
        buttons = QHBoxLayout()
        self.buttons: list[tuple[QPushButton, QAction]] = []
        for action in (
            tray.close_expired,
            *tray.day_actions.values(),
        ):
            button = QPushButton(action.text())
            button.setObjectName("panel_" + action.objectName())
            button.clicked.connect(action.trigger)
            button.clicked.connect(self.hide)
            buttons.addWidget(button)
            self.buttons.append((button, action))
        links = QHBoxLayout()
        for action, text in (
            (tray.change_start, self.tr("Change start time…")),
            (tray.close_at, self.tr("Close at…")),
            (tray.settings, self.tr("Settings…")),
        ):
            link = QPushButton(text)
            link.setObjectName("panel_" + action.objectName())
            link.setFlat(True)
            link.clicked.connect(action.trigger)
            link.clicked.connect(self.hide)
            links.addWidget(link)
            self.buttons.append((link, action))
        links.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.figures)
        layout.addWidget(self.times)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addLayout(links)

    def show_view(self, view: ViewState) -> None:
        """Show ``view``; only the buttons whose actions apply are shown."""
        self.icon.setPixmap(icon_for(icon_spec(view, paint_time=False)).pixmap(32, 32))
        self.title.setText(self._title(view))
        self.figures.setText(self._figures(view))
        self.times.setText(self._times(view))
        notes = []
        if view.stale:
            notes.append(self.tr("The portal is unreachable; showing the last known state."))
        if view.last_error:
            notes.append(view.last_error)
        if view.confirmed is False:
            notes.append(self.tr("A change awaits your supervisor's confirmation."))
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        for button, action in self.buttons:
            button.setVisible(action.isEnabled() and action.isVisible())
        self.adjustSize()

    def _title(self, view: ViewState) -> str:
        if view.phase is Phase.SIGNED_OUT:
            return messages.signed_out()
        if view.phase is Phase.LOADING or view.day_state is None:
            return messages.loading(signing_in=view.signing_in)
        if view.day_state is DayState.CLOSED and view.started_at is None:
            return messages.no_workday()
        return messages.state_word(view.day_state)

    def _figures(self, view: ViewState) -> str:
        if view.phase is not Phase.READY or view.started_at is None:
            return messages.headline(view) if view.phase is Phase.SIGNED_OUT else ""
        if view.day_state is DayState.EXPIRED:
            return self.tr("Left open since {start}").format(
                start=messages.day_and_time(view.started_at)
            )
        return self.tr("Worked {worked} · breaks {breaks}").format(
            worked=format_hm(view.worked), breaks=format_hm(view.breaks)
        )

    def _times(self, view: ViewState) -> str:
        if view.phase is not Phase.READY or view.started_at is None:
            return ""
        if view.suggested_close_at is not None:
            end = view.suggested_close_at.astimezone(view.started_at.tzinfo)
            return self.tr("Suggested end: {end}").format(end=f"{end:%H:%M}")
        return self.tr("Started at {start}").format(start=f"{view.started_at:%H:%M}")

    def show_near(self, anchor: QRect) -> None:
        """Open next to ``anchor`` (the icon's geometry; the cursor when it is unknown)."""
        self.adjustSize()
        size = self.sizeHint()
        point = anchor.center() if anchor.isValid() and not anchor.isEmpty() else None
        if point is None:
            point = QCursor.pos()
        screen = QGuiApplication.screenAt(point) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        x = min(
            max(point.x() - size.width() // 2, area.left() + _MARGIN),
            area.right() - size.width() - _MARGIN,
        )
        below = point.y() + _MARGIN + (anchor.height() // 2 if anchor.isValid() else 0)
        y = (
            below
            if below + size.height() < area.bottom()
            else (
                point.y()
                - size.height()
                - _MARGIN
                - (anchor.height() // 2 if anchor.isValid() else 0)
            )
        )
        self.move(QPoint(x, max(area.top() + _MARGIN, y)))
        self.show()
        self.raise_()
        self.activateWindow()
