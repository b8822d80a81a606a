"""Without a system tray (plain GNOME, a bare window manager) the status panel lives in a small
ordinary window, and the icon takes over as soon as a tray host appears.

The window says in words why it is there. Closing it quits the app, as closing a program's
only window does; minimising keeps it running (the CLI still reaches it). A timer asks Qt
every few seconds whether a tray came up: Qt offers no signal for that on every platform.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QLayout, QSystemTrayIcon, QVBoxLayout, QWidget

from tray_app.ui.shell.panel import StatusPanel
from tray_app.ui.shell.tray import TrayView
from tray_app.ui.shell.viewstate import ViewState

log = logging.getLogger(__name__)
POLL_MS = 3000
WINDOW_TITLE = "timeman-tray"
NOTE_MIN_WIDTH = 320


class NoTrayWindow(QWidget):
    """The status panel in an ordinary window, under a note on why there is no tray icon."""

    closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("no_tray_window")
        self.setWindowTitle(WINDOW_TITLE)
        self.notice = QLabel(
            self.tr(
                "No system tray was found, so timeman-tray shows its status here. "
                "The icon moves to the tray once one appears; closing this window quits."
            )
        )
        self.notice.setObjectName("no_tray_notice")
        self.notice.setWordWrap(True)
        self.panel: StatusPanel | None = None
        self._layout = QVBoxLayout(self)
        # The window grows with the panel (a reminder, the plan bars) rather than clip it.
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self._layout.addWidget(self.notice)

    def embed(self, panel: StatusPanel) -> None:
        """Show ``panel`` below the note (once the tray's actions exist to fill it)."""
        self.panel = panel
        self._layout.addWidget(panel)
        panel.show()

    def fit(self) -> None:
        """Shrink to the panel's content: the note wraps to the panel's width rather than
        stretching the window wide (the panel's width changes with the buttons shown)."""
        if self.panel is None:
            return
        # The panel's wrapped note makes the layout ask it heightForWidth, which leaves out
        # rows: its own size hint is the height it needs.
        self.panel.setMinimumHeight(self.panel.sizeHint().height())
        width = max(self.panel.sizeHint().width(), NOTE_MIN_WIDTH)
        if width == self.notice.maximumWidth():
            return  # unchanged: keep any size the user gave the window
        self.notice.setFixedWidth(width)
        # A layout's minimum leaves out a wrapped label's height: give it the height it needs.
        self.notice.setMinimumHeight(self.notice.heightForWidth(width))
        self.adjustSize()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)


class NoTrayMode(QObject):
    """Keeps the window up to date while there is no tray; hands over to the icon after."""

    def __init__(
        self,
        tray: TrayView,
        quit_app: Callable[[], None],
        *,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        poll_ms: int = POLL_MS,
    ) -> None:
        super().__init__(tray)
        self.tray = tray
        self._tray_available = tray_available
        self.window = NoTrayWindow()
        self.window.closed.connect(quit_app)
        tray.rendered.connect(self._render)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self._poll)
        self.timer.start()
        if tray.view is not None:
            self._render(tray.view)
        self.window.show()

    @property
    def active(self) -> bool:
        """Whether the window still stands in for the tray."""
        return self.timer.isActive()

    def raise_window(self) -> None:
        """Bring the window forward (a second launch asks to "show")."""
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _render(self, view: ViewState) -> None:
        if self.window.panel is None and self.tray.has_menu:
            self.window.embed(StatusPanel(self.tray, embedded=True))
        if self.window.panel is not None:
            self.window.panel.show_view(view)
            self.window.fit()

    def _poll(self) -> None:
        if not self._tray_available():
            return
        log.info("a system tray appeared; the icon takes over from the window")
        self.timer.stop()
        self.tray.icon.show()
        self.window.hide()
