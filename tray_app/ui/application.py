"""The tray app's composition root: the icon first, then the portal, then the dialogs on
demand. Everything here is wiring; state lives in the controller, drawing in the views.

Start-up order matters for speed (recipes.md): tray_app/ui/main.py shows the loading icon
before this module is even imported; httpx, keyring and the controller are imported by a
zero-delay timer once the app is built around that icon.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from tray_app import __version__
from tray_app.core.actions import Action
from tray_app.ui.i18n import install_translation
from tray_app.ui.instance_lock import InstanceLock
from tray_app.ui.messages import error_text
from tray_app.ui.single_instance import SingleInstance
from tray_app.ui.tray import TrayView
from tray_app.ui.viewstate import Phase, ViewState

if TYPE_CHECKING:
    from tray_app.api.client import TimemanClient
    from tray_app.config.settings import Settings
    from tray_app.demo_process import DemoPortalProcess
    from tray_app.ui.controller import DayController
    from tray_app.ui.panel import StatusPanel
    from tray_app.ui.report_dialog import ReportDialog

log = logging.getLogger(__name__)
WORKDAY_PAGE = "/timeman/timeman.php"


class TrayApplication(QObject):
    """Owns the tray, the controller, the panel and the dialogs of one running app."""

    def __init__(
        self,
        app: QApplication,
        icon: QSystemTrayIcon,
        lock: InstanceLock,
        *,
        demo_portal: DemoPortalProcess | None = None,
        exit_when_ready: bool = False,
        verbose: bool = False,
        icon_shown_at: float | None = None,
    ) -> None:
        """``icon`` is shown already (loading); ``lock`` is held; ``demo_portal`` (for
        ``--demo``) is starting in its own process."""
        super().__init__()
        self.app = app
        self.demo_portal = demo_portal
        self.demo = demo_portal is not None
        self.exit_when_ready = exit_when_ready
        self.verbose = verbose
        # Read after the icon is up (see _start_portal): nothing of it shapes the loading icon.
        self.settings: Settings | None = None
        self.language = "en"
        self.tray = TrayView(self, menu=False, icon=icon)
        self.panel: StatusPanel | None = None
        self.controller: DayController | None = None
        self.report: ReportDialog | None = None
        self.settings_dialog: QObject | None = None
        self.instance = SingleInstance(self, lock)
        self.icon_shown_at = icon_shown_at
        self._watching_network = False
        self._connect_tray()

    # -- start-up -----------------------------------------------------------------------------

    def start(self) -> None:
        """Listen for commands, then reach the portal once the event loop runs again."""
        if self.instance.acquire():
            self.instance.commandReceived.connect(self._command)
        self.tray.view = ViewState(phase=Phase.LOADING)
        QTimer.singleShot(0, self._start_portal)

    def _start_portal(self) -> None:
        from tray_app.config.settings import load_settings_or_defaults  # noqa: PLC0415
        from tray_app.logs import setup_logging  # noqa: PLC0415
        from tray_app.ui.controller import DayController  # noqa: PLC0415  (pulls in httpx)

        setup_logging(verbose=self.verbose)
        self.settings, settings_error = load_settings_or_defaults()
        self.language = install_translation(self.app, self.settings.language)
        self.tray.paint_time = self.settings.paint_time_in_icon
        self.tray.build_menu()  # after the translation: texts are translated when created
        self.tray.set_portal_known(bool(self.settings.portal_url) or self.demo)

        factory = self._demo_client_factory() if self.demo_portal else _account_client_factory
        controller = DayController(factory, poll_interval_s=self.settings.poll_interval_s)
        controller.setParent(self)
        controller.viewChanged.connect(self._show_view)
        controller.notify.connect(self._notify)
        controller.actionFailed.connect(self._action_failed)
        controller.actionDone.connect(self._action_done)
        self.controller = controller
        controller.start()
        if settings_error is not None:
            self._notify(self.tr("Settings not readable"), error_text(settings_error))
        if not self.settings.portal_url and not self.demo and not self.exit_when_ready:
            self._open_settings(first_run=True)

    def _watch_network(self, controller: DayController) -> None:
        """Read at once when the network comes back instead of waiting out the back-off."""
        from PySide6.QtNetwork import QNetworkInformation  # noqa: PLC0415

        if not QNetworkInformation.loadDefaultBackend():
            log.info("no network-information backend; relying on polls")
            return
        information = QNetworkInformation.instance()
        online = QNetworkInformation.Reachability.Online

        def changed(reachability: QNetworkInformation.Reachability) -> None:
            if reachability == online:
                controller.on_network_up()

        information.reachabilityChanged.connect(changed)

    def _demo_client_factory(self) -> Callable[[], TimemanClient]:
        """Clients of the demo portal; the worker, which makes them, waits for its process."""
        from tray_app.api import TimemanClient, Webhook  # noqa: PLC0415

        portal = self.demo_portal
        assert portal is not None
        return lambda: TimemanClient(Webhook.parse(portal.webhook_url()))

    # -- what the controller says -------------------------------------------------------------

    def _show_view(self, view: ViewState) -> None:
        self.tray.render(view)
        if not self._watching_network and view.phase is not Phase.LOADING:
            self._watching_network = True  # after the first status: it is not needed sooner
            assert self.controller is not None
            self._watch_network(self.controller)
        if self.panel is not None and self.panel.isVisible():
            self.panel.show_view(view)
        if self.report is not None:
            self.report.update_view(view)
        if self.exit_when_ready and view.phase is not Phase.LOADING:
            self._ready(view)

    def _ready(self, view: ViewState) -> None:
        status_at = time.monotonic()
        sys.stderr.write(
            f"READY icon={_ms(self.icon_shown_at or status_at)} status={_ms(status_at)} "
            f"phase={view.phase.value}\n"
        )
        sys.stderr.flush()
        self.exit_when_ready = False
        QTimer.singleShot(0, self.quit)

    def _notify(self, title: str, message: str) -> None:
        wanted = self.settings is None or self.settings.notifications
        if wanted and QSystemTrayIcon.supportsMessages():
            self.tray.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information)
        log.info("notification: %s: %s", title, message)

    def _action_failed(self, action: Action, message: str) -> None:
        if self.report is not None:
            self.report.show_refusal(message)
        log.info("%s failed: %s", action.value, message)

    def _action_done(self, outcome: object) -> None:
        del outcome
        if self.report is not None:
            self.report.finish()

    # -- what the user asks -------------------------------------------------------------------

    def _connect_tray(self) -> None:
        tray = self.tray
        tray.actionRequested.connect(self._request)
        tray.reportRequested.connect(self._open_report)
        tray.refreshRequested.connect(lambda: self.controller and self.controller.refresh())
        tray.menuOpened.connect(lambda: self.controller and self.controller.refresh_if_stale())
        tray.panelRequested.connect(self.show_panel)
        tray.settingsRequested.connect(self._open_settings)
        tray.openPortalRequested.connect(self._open_portal)
        tray.logFolderRequested.connect(self._open_log_folder)
        tray.aboutRequested.connect(self._about)
        tray.quitRequested.connect(self.quit)

    def _request(self, action: Action) -> None:
        if self.controller is None:
            return
        if action is Action.CLOSE_EXPIRED:
            self._open_report("close_expired")
            return
        self.controller.request(action)

    def show_panel(self) -> None:
        """Open the status panel next to the icon (left click, or a second launch)."""
        if self.panel is None:
            from tray_app.ui.panel import StatusPanel  # noqa: PLC0415  (built on first use)

            self.panel = StatusPanel(self.tray)
        if self.controller is not None:
            self.controller.refresh_if_stale()
            self.panel.show_view(self.controller.view())
        elif self.tray.view is not None:
            self.panel.show_view(self.tray.view)
        self.panel.show_near(self.tray.icon.geometry())

    def _open_report(self, mode: str) -> None:
        if self.controller is None:
            return
        from tray_app.ui.report_dialog import ReportDialog, ReportMode  # noqa: PLC0415

        if self.report is not None:
            self.report.close()
        controller = self.controller
        dialog = ReportDialog(ReportMode(mode), controller.view(), controller.server_now)

        def submit(action: Action, when: object, reason: str) -> None:
            if not controller.request(action, time=when, reason=reason):  # type: ignore[arg-type]
                dialog.show_refusal(
                    self.tr("Not sent: another action is on its way, or the workday has changed.")
                )

        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _code: self._forget_report(dialog))
        self.report = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _forget_report(self, dialog: QObject) -> None:
        if self.report is dialog:
            self.report = None

    def _open_settings(self, *, first_run: bool = False) -> None:
        from tray_app.ui.settings_dialog import open_settings  # noqa: PLC0415

        open_settings(self, first_run=first_run)

    def apply_settings(self, settings: Settings) -> None:
        """Settings saved in the dialog take effect now (language at the next start)."""
        self.settings = settings
        self.tray.paint_time = settings.paint_time_in_icon
        self.tray.set_portal_known(bool(settings.portal_url) or self.demo)
        if self.controller is not None:
            self.controller.set_poll_interval(settings.poll_interval_s)
            self.tray.render(self.controller.view())

    def account_changed(self) -> None:
        """Signed in or out in the dialog: read everything again."""
        from tray_app.config.settings import load_settings_or_defaults  # noqa: PLC0415

        settings, _error = load_settings_or_defaults()
        self.apply_settings(settings)
        if self.controller is not None:
            self.controller.reconnect()

    def _open_log_folder(self) -> None:
        from tray_app.logs import log_dir  # noqa: PLC0415

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))

    def _open_portal(self) -> None:
        if self.demo_portal is not None:
            url = self.demo_portal.base_url or ""
        else:
            url = self.settings.portal_url if self.settings else ""
        if url:
            QDesktopServices.openUrl(QUrl(url + WORKDAY_PAGE))

    def _about(self) -> None:
        from tray_app.logs import log_dir  # noqa: PLC0415

        where = (self.settings.portal_url if self.settings else "") or self.tr("not signed in")
        if self.demo:
            where = self.tr("the built-in demo portal")
        QMessageBox.about(
            None,
            self.tr("About timeman-tray"),
            self.tr(
                "<b>timeman-tray {version}</b><p>Your Bitrix24 workday in the system tray.</p>"
                "<p>Portal: {portal}<br>Log folder: {logs}</p>"
            ).format(version=__version__, portal=where, logs=log_dir()),
        )

    def _command(self, command: str) -> None:
        if command == "show":
            self.show_panel()
        elif command == "refresh" and self.controller is not None:
            self.controller.refresh()

    def quit(self) -> None:
        """Stop the worker, the demo portal and the single-instance server, then leave."""
        if self.controller is not None:
            self.controller.stop()
        if self.demo_portal is not None:
            self.demo_portal.stop()
        self.tray.icon.hide()
        self.instance.release()
        self.app.exit(0)


def _account_client_factory() -> TimemanClient:
    """Runs on the worker thread: the keyring may be slow or ask to be unlocked."""
    from tray_app.account import load_account  # noqa: PLC0415
    from tray_app.api import TimemanClient  # noqa: PLC0415
    from tray_app.config.secrets import KeyringSecretStore  # noqa: PLC0415
    from tray_app.secret_prefetch import secret_store  # noqa: PLC0415

    # The first time, the secret read by the child started at launch (secret_prefetch.py).
    account = load_account(secret_store(KeyringSecretStore))
    return TimemanClient(account.webhook, options=account.options)


def _ms(moment: float) -> str:
    return f"{moment * 1000:.1f}"
