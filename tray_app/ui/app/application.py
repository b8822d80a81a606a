"""The tray app's composition root: the icon first, then the portal, then the dialogs on
demand. Everything here is wiring; state lives in the controller, drawing in the views.

Start-up order matters for speed (recipes.md): tray_app/startup/tray_main.py shows the loading icon
before this module is even imported; the controller is imported by a zero-delay timer once the
app is built around that icon. The first status usually comes from a child process that read
it while Qt loaded (tray_app/services/first_day.py), so httpx loads only after it is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from tray_app.core.actions import Action
from tray_app.ui.app.away_wiring import AwayWiring
from tray_app.ui.app.controller_voice import ControllerVoice
from tray_app.ui.app.journal_wiring import JournalWiring, journal_account
from tray_app.ui.app.kept_wiring import KeptWiring
from tray_app.ui.app.notice_wiring import NoticeDesk
from tray_app.ui.app.panel_wiring import PanelWiring
from tray_app.ui.app.plan_wiring import PlanWiring
from tray_app.ui.app.run_wiring import RunWiring
from tray_app.ui.app.windows import AppWindows, open_log_folder, open_workday_page, show_about
from tray_app.ui.notify.notifications import Notices
from tray_app.ui.shared.viewstate import Phase, ViewState
from tray_app.ui.shell.tray import TrayView
from tray_app.ui.shell.wiring import HeldLock, PortalSide, ServeCommands
from tray_app.ui.text.i18n import install_translation
from tray_app.ui.text.messages import error_text

if TYPE_CHECKING:
    from tray_app.config.policy import Policy, PolicyLoad
    from tray_app.config.settings import Settings
    from tray_app.core.reminders import ReminderKind
    from tray_app.ui.away.dialog import AwayDialog
    from tray_app.ui.away.idle.base import IdleSource
    from tray_app.ui.away.monitor import AwayMonitor
    from tray_app.ui.history.window import HistoryWindow
    from tray_app.ui.report.dialog import ReportDialog
    from tray_app.ui.shared.kept_note import KeptNote
    from tray_app.ui.shell.no_tray import NoTrayMode
    from tray_app.ui.shell.panel import StatusPanel
    from tray_app.ui.state.controller import DayController
    from tray_app.ui.state.journal_keeper import JournalKeeper

_LISTEN_AT_THE_LATEST_MS = 2000


class TrayApplication(QObject):
    """Owns the tray, the controller, the panel and the dialogs of one running app."""

    def __init__(
        self,
        app: QApplication,
        icon: QSystemTrayIcon,
        lock: HeldLock,
        *,
        portal: PortalSide,
        serve_commands: ServeCommands | None = None,
        exit_when_ready: bool = False,
        verbose: bool = False,
        icon_shown_at: float | None = None,
        controller_options: Mapping[str, Any] | None = None,
        journal_path: Path | None = None,
        zone: tzinfo | None = None,
        idle_source: Callable[[], IdleSource] | None = None,
        away_options: Mapping[str, Any] | None = None,
        policy: PolicyLoad | None = None,
    ) -> None:
        """``icon`` shows already (loading), ``lock`` is held, ``portal`` and ``serve_commands``
        (none: the lock is released at quit) are built by tray_app/startup/tray_wiring.py. For
        tests: ``controller_options`` go to the :class:`DayController`, ``away_options`` to the
        :class:`AwayMonitor` (fake clocks, timers); ``journal_path`` is the journal's file,
        ``zone`` this machine's, ``idle_source`` the desktop's idle and lock readers, ``policy``
        the administrator's (None: read from its place on this computer)."""
        super().__init__()
        self.demo_portal = portal.demo_portal
        self.demo = demo = portal.demo_portal is not None
        self._run = RunWiring(policy, demo=demo)
        self._zone = zone
        self._portal = portal
        self._serve_commands = serve_commands
        self._controller_options = dict(controller_options or {})
        self._journal = JournalWiring(journal_path, demo=demo)
        self._kept = KeptWiring(
            journal_path,
            demo=demo,
            account=lambda: journal_account(self.settings, demo=demo),
            settings=lambda: self.settings,
        )
        self.journal: JournalKeeper | None = None
        self.app = app
        self.verbose = verbose
        # Read after the icon is up (see _start_portal): nothing of it shapes the loading icon.
        self.settings: Settings | None = None
        self.language = "en"
        self.tray = TrayView(self, menu=False, icon=icon)
        # The desktop's notification daemon, else the tray balloon (connected on first use).
        self.notices = Notices(icon, parent=self)
        self._desk = NoticeDesk(
            self.notices,
            wanted=lambda: self.settings is None or self.settings.notifications,
            snooze=self.snooze,
            request=self._request,
            icon_area=self.tray.icon.geometry,
        )
        self._away = AwayWiring(
            self,
            zone=lambda: self.zone,
            notify=self._notify,
            open_report=lambda mode, at, reason: self._open_report(
                mode, prefill_at=at, prefill_reason=reason
            ),
            idle_source=idle_source,
            options=away_options,
        )
        self._plan = PlanWiring(self, zone=lambda: self.zone, demo=demo)
        self._windows = AppWindows(zone=lambda: self.zone, today=self.today)
        self._panel = PanelWiring(self.tray, self.snooze)
        self._voice = ControllerVoice(
            self.tray,
            self._desk,
            self._away,
            self._panel,
            self._windows,
            after_first_status=self._after_first_status,
            ready=self._ready if exit_when_ready else None,
        )
        self.no_tray: NoTrayMode | None = None  # the window that stands in while no tray is up
        self.controller: DayController | None = None
        self.settings_dialog: QObject | None = None
        self._lock = lock
        self.instance: HeldLock | None = None  # listening once the first status shows
        self.icon_shown_at = icon_shown_at
        self._connect_tray()

    # -- start-up -----------------------------------------------------------------------------

    def start(self) -> None:
        """Reach the portal once the event loop runs again."""
        self.tray.view = ViewState(phase=Phase.LOADING)
        QTimer.singleShot(0, self._start_portal)

    def _listen_for_commands(self) -> None:
        """Serve later launches and the CLI (QtNetwork: not on the way to the first status; a
        later launch meanwhile holds on, see instance.send)."""
        if self.instance is not None or self._serve_commands is None:
            return
        self.instance = self._serve_commands(self, self._lock, self._command)

    def _start_portal(self) -> None:
        from tray_app.config.settings_file import load_settings_or_defaults  # noqa: PLC0415
        from tray_app.services.logs import setup_logging  # noqa: PLC0415

        setup_logging(verbose=self.verbose)
        policy_problems = self._run.read_policy()
        user_settings, settings_error = load_settings_or_defaults()
        self.settings = self._policy().apply(user_settings)
        self.language = install_translation(self.app, self.settings.language)
        self.tray.paint_time = self.settings.paint_time_in_icon
        self.tray.build_menu()  # after the translation: texts are translated when created
        self.tray.set_portal_known(bool(self.settings.portal_url) or self.demo)

        controller = self._run.make_controller(
            self._portal.client_factory,
            self.settings,
            first_reading=self._portal.first_reading(self.settings),  # read by a child
            kept=self._kept.flow(),
            options=self._controller_options,
        )
        controller.setParent(self)
        self._kept.watch(controller, self)
        controller.intervalLearnt.connect(self._run.keep_interval)
        self._voice.listen(controller)
        self.controller = controller
        self.journal = self._journal.start(
            controller,
            journal_account(self.settings, demo=self.demo),
            self,
            lambda message: self._notify(self.tr("History not recorded"), message),
        )
        controller.start()
        if settings_error is not None:
            self._notify(self.tr("Settings not readable"), error_text(settings_error))
        notice = self._run.problems_notice(policy_problems)
        if notice is not None:
            self._notify(*notice)
        if not self.settings.portal_url and not self.demo and not self._voice.ends_at_first_status:
            self._open_settings(first_run=True)
        # Usually done after the first status; this when the portal is slow to answer.
        QTimer.singleShot(_LISTEN_AT_THE_LATEST_MS, self._listen_for_commands)

    @property
    def policy(self) -> Policy | None:
        """The administrator's policy, once read."""
        return self._run.policy

    def _policy(self) -> Policy:
        return self._run.current_policy()

    @property
    def zone(self) -> tzinfo:
        """The user's zone (this machine's): where the plan's wall-clock times are."""
        if self._zone is None:
            from tray_app.ui.shared.zones import system_zone  # noqa: PLC0415

            self._zone = system_zone(datetime.now().astimezone())
        return self._zone

    def today(self) -> date:
        """Today in the user's zone, by the portal's clock."""
        now = self.controller.server_now() if self.controller is not None else None
        return (now or datetime.now().astimezone()).astimezone(self.zone).date()

    def _after_first_status(self) -> None:
        """What the first status need not wait for: the plan of the day and the week."""
        self._listen_for_commands()
        controller = self.controller
        if controller is None or controller.planner is not None:
            return
        self._plan.start(
            controller,
            self.settings,
            self.journal,
            remind=self._desk.remind,
            ends_at_first_status=self._voice.ends_at_first_status,
        )
        QTimer.singleShot(0, self._start_away)  # probing the desktop's idle readers: later still

    @property
    def away(self) -> AwayMonitor | None:
        """The away monitor, while time away is watched."""
        return self._away.monitor

    @property
    def away_dialog(self) -> AwayDialog | None:
        """The last question what the time away was."""
        return self._away.dialog

    @property
    def report(self) -> ReportDialog | None:
        """The report dialog, while one is open."""
        return self._windows.report

    @property
    def history_window(self) -> HistoryWindow | None:
        """The history window, once opened."""
        return self._windows.history

    # -- time away ------------------------------------------------------------------------------

    def _start_away(self) -> None:
        """Watch for time away while the day is open (when the settings want it)."""
        if self.settings is not None:
            self._away.follow(self.settings, self.controller, started=True)

    def snooze(self, kind: ReminderKind) -> None:
        """Snooze a reminder kind for today (the panel's button, or a click on its message)."""
        if self.controller is not None:
            self.controller.snooze(kind)

    # -- what the controller says (controller_voice.py) ------------------------------------

    def _ready(self, phase: str) -> None:
        self._run.say_ready(self.icon_shown_at, phase)
        QTimer.singleShot(0, self.quit)

    def _notify(self, title: str, message: str) -> None:
        self._desk.notify(title, message)

    # -- what the user asks -------------------------------------------------------------------

    def _connect_tray(self) -> None:
        tray = self.tray
        tray.actionRequested.connect(self._request)
        tray.reportRequested.connect(self._open_report)
        tray.refreshRequested.connect(lambda: self.controller and self.controller.refresh())
        tray.keptSendRequested.connect(self._kept.send_now)
        tray.keptDiscardRequested.connect(self._kept.discard)
        tray.keptRetimeRequested.connect(self._retime_kept)
        tray.historyRequested.connect(self.open_history)
        tray.menuOpened.connect(lambda: self.controller and self.controller.refresh_if_stale())
        tray.panelRequested.connect(self.show_panel)
        tray.settingsRequested.connect(self._open_settings)
        tray.openPortalRequested.connect(lambda: open_workday_page(self._portal_url()))
        tray.logFolderRequested.connect(open_log_folder)
        tray.aboutRequested.connect(lambda: show_about(self._portal_url(), demo=self.demo))
        tray.quitRequested.connect(self.quit)
        tray.icon.messageClicked.connect(self._desk.message_clicked)

    def _request(self, action: Action) -> None:
        if self.controller is None:
            return
        if action is Action.CLOSE_EXPIRED:
            self._open_report("close_expired")
            return
        self.controller.request(action)

    def show_panel(self) -> None:
        """Open the status panel next to the icon (left click, or a second launch)."""
        self._panel.show(self.controller, self.no_tray)

    @property
    def panel(self) -> StatusPanel | None:
        """The status panel, once opened."""
        return self._panel.panel

    def open_history(self) -> HistoryWindow | None:
        """The history window (one; shown again and re-read when open already)."""
        controller, keeper = self.controller, self.journal
        if controller is None or keeper is None:
            return None
        return self._windows.open_history(controller, keeper, self._plan)

    def _open_report(
        self,
        mode: str,
        *,
        prefill_at: datetime | None = None,
        prefill_reason: str = "",
        replaces: str | None = None,
    ) -> None:
        """``replaces``: the kept click the dialog's write stands in for (dropped when sent)."""
        if self.controller is not None:
            self._windows.open_report(
                self.controller,
                mode,
                prefill_at=prefill_at,
                prefill_reason=prefill_reason,
                replaces=replaces,
            )

    def _retime_kept(self, note: KeptNote) -> None:
        """The report dialog gives the day the kept click's time (or another) instead."""
        mode = self._kept.report_mode(note)
        self._open_report(mode, prefill_at=note.click.clicked_at, replaces=note.click.click_id)

    def _open_settings(self, *, first_run: bool = False) -> None:
        from tray_app.ui.app.settings_opener import open_settings  # noqa: PLC0415

        open_settings(self, first_run=first_run)

    def apply_settings(self, settings: Settings) -> None:
        """Settings saved in the dialog take effect now (language at the next start)."""
        settings = self._policy().apply(settings)
        self.settings = settings
        self.tray.paint_time = settings.paint_time_in_icon
        self.tray.set_portal_known(bool(settings.portal_url) or self.demo)
        self._away.follow(settings, self.controller, started=self._voice.first_status_seen)
        if self.controller is not None:
            self.controller.set_poll_interval(self._policy().interval_s(settings.poll_interval_s))
            self._plan.follow(settings)
            self.tray.render(self.controller.view())

    def account_changed(self) -> None:
        """Signed in or out in the dialog: read everything again."""
        from tray_app.config.settings_file import load_settings_or_defaults  # noqa: PLC0415

        settings, _error = load_settings_or_defaults()
        self.apply_settings(settings)
        if self.journal is not None:
            self.journal.set_account(journal_account(self.settings, demo=self.demo))
        self._plan.forget_week()
        if self.controller is not None:
            self.controller.reconnect()
            self._kept.look(account_changed=True)  # that account's kept clicks

    def _portal_url(self) -> str:
        """The portal in use (the demo's own, else the account's; "" when signed out)."""
        if self.demo_portal is not None:
            return self.demo_portal.base_url or ""
        return self.settings.portal_url if self.settings else ""

    def _command(self, command: str) -> None:
        if command == "show":
            self.show_panel()
        elif command == "refresh" and self.controller is not None:
            self._kept.look()  # the CLI may have kept a click
            self.controller.refresh()

    def quit(self) -> None:
        """Stop the worker and the single-instance server, then leave (the demo portal's
        process is stopped by whoever started it, tray_app/startup/entry.py, once the loop
        returns)."""
        if self.controller is not None:
            self.controller.stop()
        self._away.stop()
        self._journal.close()
        self._kept.close()
        self.notices.close()
        self.tray.icon.hide()
        if self.instance is not None:
            self.instance.release()
        else:
            self._lock.release()
        self.app.exit(0)
