"""Without a system tray (plain GNOME, a bare window manager) the status panel lives in a small
ordinary window, and the icon takes over as soon as a tray host appears; when the tray host
goes away (the panel crashed or was removed), the window comes back.

The window says in words why it is there. Closing it quits the app, as closing a program's
only window does; minimising keeps it running (the CLI still reaches it). A timer asks Qt
whether a tray is there: every few seconds while the window stands in, rarely while the icon
is up. Qt offers no signal for either change on every platform.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QLayout, QSystemTrayIcon, QVBoxLayout, QWidget

from tray_app.ui.shared.viewstate import ViewState
from tray_app.ui.shell.tray import TrayView

if TYPE_CHECKING:  # built only when the window first shows
    from tray_app.ui.shell.panel import StatusPanel

log = logging.getLogger(__name__)
POLL_MS = 3000
WATCH_MS = 10_000
"""While the icon is up: how often to ask whether the tray host is still there."""
LOST_AFTER = 2
"""Answers of "no tray" in a row before the window comes back: a panel that restarts is away
for a few seconds, and the window should not flash up for that."""
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
    """Shows the window while there is no tray, hands over to the icon when one appears, and
    brings the window back when the tray goes. ``window_now`` says which to start with."""

    def __init__(
        self,
        tray: TrayView,
        quit_app: Callable[[], None],
        *,
        window_now: bool = True,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        poll_ms: int = POLL_MS,
        watch_ms: int = WATCH_MS,
    ) -> None:
        super().__init__(tray)
        self.tray = tray
        self._quit_app = quit_app
        self._tray_available = tray_available
        self._poll_ms = poll_ms
        self._watch_ms = watch_ms
        self._missed = 0
        self._standing_in = False
        self.window: NoTrayWindow | None = None  # built the first time it is needed
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._poll)
        tray.rendered.connect(self._render)
        if window_now:
            self._show_window()
        else:
            self.timer.start(watch_ms)

    @property
    def active(self) -> bool:
        """Whether the window stands in for the tray now."""
        return self._standing_in

    def raise_window(self) -> None:
        """Bring the window forward (a second launch asks to "show")."""
        if self.window is None:
            return
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _show_window(self) -> None:
        if self.window is None:
            self.window = NoTrayWindow()
            self.window.closed.connect(self._quit_app)
        self._standing_in = True
        self.tray.icon.hide()
        if self.tray.view is not None:
            self._render(self.tray.view)
        self.window.show()
        self.timer.start(self._poll_ms)

    def _render(self, view: ViewState) -> None:
        window = self.window
        if window is None or not self._standing_in:
            return
        if window.panel is None and self.tray.has_menu:
            from tray_app.ui.shell.panel import StatusPanel  # noqa: PLC0415

            window.embed(StatusPanel(self.tray, embedded=True))
        if window.panel is not None:
            window.panel.show_view(view)
            window.fit()

    def _poll(self) -> None:
        if self._standing_in:
            if self._tray_available():
                self._hand_to_icon()
            return
        if self._tray_available():
            self._missed = 0
            return
        self._missed += 1
        if self._missed >= LOST_AFTER:
            log.warning("the system tray went away; timeman-tray shows its status in a window")
            self._missed = 0
            self._show_window()

    def _hand_to_icon(self) -> None:
        log.info("a system tray appeared; the icon takes over from the window")
        self._standing_in = False
        self.timer.start(self._watch_ms)
        self.tray.icon.show()
        assert self.window is not None
        self.window.hide()
