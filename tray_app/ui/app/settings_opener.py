"""Opening the settings dialog for the running app: one at a time, its tasks on the day
controller's worker, its signals wired to the application."""

from __future__ import annotations

import logging
import weakref
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import Qt

from tray_app.ui.settings.dialog import SettingsDialog
from tray_app.ui.settings.support import RunTask, controller_runner

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from tray_app.config.policy import Policy
    from tray_app.config.settings import Settings
    from tray_app.ui.away.monitor import AwayMonitor
    from tray_app.ui.state.controller import DayController

__all__ = ["open_settings"]

log = logging.getLogger(__name__)


_runners: weakref.WeakKeyDictionary[DayController, RunTask] = weakref.WeakKeyDictionary()


class SettingsHost(Protocol):
    """What of the running app the settings dialog needs (``TrayApplication`` is one)."""

    settings_dialog: QObject | None
    controller: DayController | None
    settings: Settings | None
    demo: bool

    @property
    def policy(self) -> Policy | None: ...

    @property
    def away(self) -> AwayMonitor | None: ...

    def apply_settings(self, settings: Settings) -> None: ...

    def account_changed(self) -> None: ...


def open_settings(app: SettingsHost, *, first_run: bool = False) -> SettingsDialog | None:
    """Show the running app's settings dialog (one at a time), its tasks on the controller's
    worker, its signals wired to ``app.apply_settings`` and ``app.account_changed``.

    None (and nothing shown) before the controller exists: the portal worker is not there yet.
    """
    existing = app.settings_dialog
    if isinstance(existing, SettingsDialog) and shiboken6.isValid(existing):
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    controller = app.controller
    if controller is None:
        log.warning("settings asked for before the portal worker started; not shown")
        return None
    runner = _runners.get(controller)
    if runner is None:
        runner = _runners[controller] = controller_runner(controller)
    away = app.away
    dialog = SettingsDialog(
        app.settings,
        run_task=runner,
        first_run=first_run,
        demo=app.demo,
        away_detection=away.describe() if away is not None else None,
        portal=getattr(controller, "portal_settings", None),
        policy=app.policy,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.settingsChanged.connect(app.apply_settings)
    dialog.accountChanged.connect(app.account_changed)

    def forget(_result: int) -> None:
        if app.settings_dialog is dialog:
            app.settings_dialog = None

    dialog.finished.connect(forget)
    app.settings_dialog = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
