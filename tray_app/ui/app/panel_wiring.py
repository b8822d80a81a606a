"""The status panel of the running app: made on the first left click, opened next to the icon
(or the window without a tray raised instead), kept current while it is open."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tray_app.core.reminders import ReminderKind
    from tray_app.ui.shared.viewstate import ViewState
    from tray_app.ui.shell.no_tray import NoTrayMode
    from tray_app.ui.shell.panel import StatusPanel
    from tray_app.ui.shell.tray import TrayView
    from tray_app.ui.state.controller import DayController


class PanelWiring:
    """``snooze(kind)``: the panel's "Snooze today"."""

    def __init__(self, tray: TrayView, snooze: Callable[[ReminderKind], None]) -> None:
        self._tray = tray
        self._snooze = snooze
        self.panel: StatusPanel | None = None

    def show(self, controller: DayController | None, no_tray: NoTrayMode | None) -> None:
        """Open the panel next to the icon (left click, or a second launch); while no tray
        is up, the window that stands in for it comes to the front instead."""
        if no_tray is not None and no_tray.active:
            no_tray.raise_window()
            return
        if self.panel is None:
            from tray_app.ui.shell.panel import StatusPanel  # noqa: PLC0415  (built on first use)

            self.panel = StatusPanel(self._tray)
            self.panel.snoozeRequested.connect(self._snooze)
        if controller is not None:
            controller.refresh_if_stale()
            self.panel.show_view(controller.view())
        elif self._tray.view is not None:
            self.panel.show_view(self._tray.view)
        self.panel.show_near(self._tray.icon.geometry())

    def show_view(self, view: ViewState) -> None:
        if self.panel is not None and self.panel.isVisible():
            self.panel.show_view(view)
