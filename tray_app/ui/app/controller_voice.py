"""What the controller says, and who hears it: each view goes to the tray, the away monitor, the
panel and the windows; a notice to the desk; a failed action to the report dialog that sent it,
else a notification (never both). The first status starts what waits for it, and ends a run
with ``--exit-when-ready``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from tray_app.ui.app.network_watch import watch_network
from tray_app.ui.shared.viewstate import Phase, ViewState

if TYPE_CHECKING:
    from tray_app.core.actions import Action
    from tray_app.ui.app.away_wiring import AwayWiring
    from tray_app.ui.app.notice_wiring import NoticeDesk
    from tray_app.ui.app.panel_wiring import PanelWiring
    from tray_app.ui.app.windows import AppWindows
    from tray_app.ui.shell.tray import TrayView
    from tray_app.ui.state.controller import DayController

log = logging.getLogger(__name__)


class ControllerVoice:
    """``after_first_status()``: what the first status need not wait for (called once, from the
    event loop); ``ready(phase)``: the first status of a run that ends there (``--exit-when-ready``:
    say READY and quit)."""

    def __init__(
        self,
        tray: TrayView,
        desk: NoticeDesk,
        away: AwayWiring,
        panel: PanelWiring,
        windows: AppWindows,
        *,
        after_first_status: Callable[[], None],
        ready: Callable[[str], None] | None,
    ) -> None:
        self._tray, self._desk, self._away = tray, desk, away
        self._panel, self._windows = panel, windows
        self._after_first_status = after_first_status
        self._ready = ready
        self.ends_at_first_status = ready is not None
        """The run quits at its first status (``--exit-when-ready``)."""
        self._controller: DayController | None = None
        self.first_status_seen = False
        self._watching_network = False

    def listen(self, controller: DayController) -> None:
        """Hear ``controller`` from now on."""
        self._controller = controller
        controller.viewChanged.connect(self.show_view)
        controller.notify.connect(self._desk.notify)
        controller.actionFailed.connect(self.action_failed)
        controller.actionDone.connect(lambda _outcome: self._windows.done())

    def show_view(self, view: ViewState) -> None:
        self._tray.render(view)
        if not self.first_status_seen and view.phase is not Phase.LOADING:
            self.first_status_seen = True
            QTimer.singleShot(0, self._after_first_status)
        if view.stale and not self._watching_network and self._controller is not None:
            # Only a failed read waits for the network; the backend costs ~3 MiB and a thread.
            self._watching_network = True
            watch_network(self._controller)
        self._away.show_view(view)
        self._panel.show_view(view)
        self._windows.show_view(view)
        if self._ready is not None and view.phase is not Phase.LOADING:
            ready, self._ready = self._ready, None
            ready(view.phase.value)

    def action_failed(self, action: Action, message: str) -> None:
        """In the open report dialog (which keeps what was typed), else as a notification."""
        log.info("%s failed: %s", action.value, message)
        if self._windows.refused(message):
            return
        from tray_app.ui.state.day_notices import failure_title  # noqa: PLC0415  (loaded by now)

        self._desk.notify(failure_title(action), message)
