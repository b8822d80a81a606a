"""The settings dialog, also the first-run dialog: account, general options, connection,
the work schedule, reminders.

Five tabs:

* **Account** (:class:`~tray_app.ui.settings.account.AccountPage`): sign in with a webhook URL
  (masked, tested against the portal first, the secret stored in the keyring) or sign out.
  These take effect at once and emit ``accountChanged``; *Cancel* does not undo them.
* **General** (:class:`~tray_app.ui.settings.pages.GeneralPage`): poll interval,
  notifications, the time painted into the icon, start at login, language (after a restart).
* **Connection** (:class:`~tray_app.ui.settings.pages.ConnectionPage`): a custom CA file (PEM)
  and a proxy; *Test connection* and *Sign in* use what is typed there, and a sign-in stores
  them with the account.
* **Schedule** (:class:`~tray_app.ui.settings.schedule.SchedulePage`): the portal's limits or
  a work schedule, imported from a WorkTimeSchedule file or edited by hand (days, week plan,
  hours, lunch, lateness, shifts); the shift the user works; where holidays come from.
* **Reminders** (:class:`~tray_app.ui.settings.reminders.RemindersPage`): each reminder on or
  off, how long after the expected end the day counts as still open, and time away (on or off,
  its threshold, and what this desktop lets the app notice).

*Save* checks every field (a message next to each bad one, nothing saved), switches start at
login on or off, writes the settings file and emits ``settingsChanged``. The same checks run
while the user types (shortly after the last edit, :data:`LIVE_CHECK_MS`): the message appears
next to the bad field and *Save* stays disabled until every field is good again
(:mod:`.live_check`). Import this module when the dialog is first opened: it loads httpx;
:func:`~tray_app.ui.app.settings_opener.open_settings` opens it for the running app.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tray_app.config import (
    ConfigError,
    KeyringSecretStore,
    Settings,
    load_settings_or_defaults,
)
from tray_app.config.effective_settings import save_user_settings
from tray_app.config.policy import Policy
from tray_app.config.policy_sources import load_policy
from tray_app.core.portal_settings import PortalSettings
from tray_app.services.autostart import Autostart, AutostartError
from tray_app.ui.away.idle.base import Detection
from tray_app.ui.settings.account import AccountPage, Confirm, ask
from tray_app.ui.settings.autostart_switch import AutostartSwitch
from tray_app.ui.settings.fitting import TabFitting
from tray_app.ui.settings.live_check import live_timer, watch_fields
from tray_app.ui.settings.locks import lock_settings
from tray_app.ui.settings.pages import (
    LANGUAGES,
    ConnectionPage,
    GeneralPage,
    error_label,
    set_error,
)
from tray_app.ui.settings.reminders import RemindersPage
from tray_app.ui.settings.schedule import SchedulePage
from tray_app.ui.settings.support import (
    ClientFactory,
    RunTask,
    StoreFactory,
    default_client,
    sentence,
)
from tray_app.ui.text.messages import error_text

__all__ = [
    "ACCOUNT_TAB",
    "CONNECTION_TAB",
    "GENERAL_TAB",
    "LANGUAGES",
    "REMINDERS_TAB",
    "SCHEDULE_TAB",
    "SettingsDialog",
]

log = logging.getLogger(__name__)

ACCOUNT_TAB, GENERAL_TAB, CONNECTION_TAB, SCHEDULE_TAB, REMINDERS_TAB = 0, 1, 2, 3, 4


class SettingsDialog(QDialog):
    """Settings, and on the first run the welcome that asks for the webhook.

    ``settings``: the app's current settings (read from the file when None). ``run_task`` runs
    the blocking work (the portal check, the keyring, the account's settings write) off the UI
    thread and calls back on it; the app passes
    :func:`~tray_app.ui.settings.support.controller_runner`. ``store_factory`` makes the secret
    store on the worker (the OS keyring by default). ``client_factory``, ``autostart``,
    ``autostart_command`` and ``confirm`` are for tests. ``away_detection``: what the running
    away monitor can notice on this desktop, said under the time-away switch (None: not running).
    ``portal``: the portal's limits as last read, the schedule editor's starting point.

    Signals:
        accountChanged(): signed in or out; the keyring and the settings file changed already
            (the app calls ``controller.reconnect()``).
        settingsChanged(object): *Save* wrote these :class:`Settings`.
    """

    accountChanged = Signal()
    settingsChanged = Signal(object)

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        run_task: RunTask,
        store_factory: StoreFactory = KeyringSecretStore,
        first_run: bool = False,
        client_factory: ClientFactory = default_client,
        autostart: Autostart | None = None,
        autostart_command: Sequence[str] | None = None,
        confirm: Confirm = ask,
        demo: bool = False,
        away_detection: Detection | None = None,
        portal: PortalSettings | None = None,
        policy: Policy | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # The administrator's policy: its locked values shown, disabled, never saved as the
        # user's; its portal the only one to sign in to.
        self._policy = policy if policy is not None else load_policy().policy
        self._demo = demo
        self.setObjectName("settingsDialog")
        # Without the app's name: Qt's xcb platform appends " — timeman-tray" to a title that
        # does not end with it (the welcome's does), so the title bar names it once.
        self.setWindowTitle(
            self.tr("Welcome to timeman-tray") if first_run else self.tr("Settings")
        )
        current = settings if settings is not None else load_settings_or_defaults()[0]
        current = self._policy.apply(current)
        self._autostart = AutostartSwitch(autostart, autostart_command)

        self._account = AccountPage(
            current,
            run_task=run_task,
            store_factory=store_factory,
            client_factory=client_factory,
            connection=self._with_connection,
            confirm=confirm,
            first_run=first_run,
            portal_url=self._policy.portal_url,
            parent=self,
        )
        self._account.accountChanged.connect(self._on_account_changed)
        self._account.busyChanged.connect(self._on_busy)
        self._account.connectionRequested.connect(self._show_connection)
        self._general = GeneralPage(
            current,
            start_at_login=self._autostart.shown(self._policy, current.start_at_login),
            autostart_location=self._autostart.autostart.location(),
            parent=self,
        )
        self._connection = ConnectionPage(
            current, ca_file_locked=self._policy.is_locked("ca_file"), parent=self
        )
        self._schedule = SchedulePage(current, portal=portal, parent=self)
        self._reminders = RemindersPage(current, detection=away_detection, parent=self)

        lock_settings(self, self._policy)

        self._tabs = QTabWidget(self)
        self._tabs.setObjectName("settingsTabs")
        self._tabs.addTab(self._account, self.tr("&Account"))
        self._tabs.addTab(self._general, self.tr("&General"))
        self._tabs.addTab(self._connection, self.tr("&Connection"))
        self._tabs.addTab(self._schedule, self.tr("Sched&ule"))
        self._tabs.addTab(self._reminders, self.tr("Remin&ders"))
        signed_in = self._account.signed_in
        self._tabs.setCurrentIndex(GENERAL_TAB if signed_in and not first_run else ACCOUNT_TAB)
        if demo:
            self._tabs.setTabEnabled(ACCOUNT_TAB, False)
            self._tabs.setTabToolTip(ACCOUNT_TAB, self.tr("The demo portal needs no account."))
            self._tabs.setCurrentIndex(GENERAL_TAB)

        self._save_error = error_label("saveError", self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.setObjectName("dialogButtons")
        self._save = buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save.setObjectName("saveButton")
        self._cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self._cancel.setObjectName("cancelButton")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self._tabs)
        layout.addWidget(self._save_error)
        layout.addWidget(buttons)
        TabFitting(self, self._tabs).fit(centre=True)  # a child of the dialog: it lives on

        self._fields_bad = False  # the last live check found a bad field
        self._live = live_timer(self, self._live_check)
        for page in (self._general, self._connection, self._schedule, self._reminders):
            watch_fields(page, self._live.start)

    # -- public face -----------------------------------------------------------------------

    @property
    def account_page(self) -> AccountPage:
        """The account tab."""
        return self._account

    def settings(self) -> Settings:
        """The settings as stored now (after a sign in, sign out or *Save*)."""
        return self._account.settings

    def save(self) -> bool:
        """Check the fields, apply start at login, write the settings; close when it worked."""
        if self._account.busy:
            return False
        self._live.stop()  # this check is the one that counts
        set_error(self._save_error, "")
        new = self._checked_settings(switch_tab=True)
        self._fields_bad = new is None
        self._update_save()
        if new is None:
            return False
        if self._demo:
            # --demo stores nothing: the changes apply to this run only.
            self.settingsChanged.emit(new)
            self.accept()
            return True
        if not self._apply_autostart(new.start_at_login):
            self._tabs.setCurrentIndex(GENERAL_TAB)
            return False
        try:
            save_user_settings(new, self._policy)
        except ConfigError as error:
            set_error(self._save_error, error_text(error))
            return False
        log.info("settings saved")
        self._account.adopt(new)
        self.settingsChanged.emit(new)
        self.accept()
        return True

    def reject(self) -> None:
        """Cancel, unless a sign in or sign out is on its way (its result must be seen)."""
        if not self._account.changing_account:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Like *Cancel*: not while the account is changing."""
        if self._account.changing_account:
            event.ignore()
        else:
            super().closeEvent(event)

    # -- checks ----------------------------------------------------------------------------

    def _with_connection(self, settings: Settings) -> Settings | None:
        return self._connection.apply(settings)

    def _checked_settings(self, *, switch_tab: bool) -> Settings | None:
        """The settings with every page's values, or None with a message next to each bad
        field; ``switch_tab`` (on *Save*, not while typing) shows the first bad field's tab."""

        def show(tab: int) -> None:
            if switch_tab:
                self._tabs.setCurrentIndex(tab)

        try:
            general = self._general.apply(self._account.settings)
            connected = self._connection.apply(general) if general is not None else None
        except ValueError as error:  # a check of Settings that no field check makes
            set_error(self._save_error, sentence(error_text(error)))
            return None
        if general is None:
            show(GENERAL_TAB)
            self._connection.apply(self._account.settings)  # its messages too, in one go
            return None
        if connected is None:
            show(CONNECTION_TAB)
            return None
        try:
            scheduled = self._schedule.apply(connected)
        except ValueError as error:  # a check of Settings (the shift's name) the page lacks
            set_error(self._save_error, sentence(error_text(error)))
            return None
        if scheduled is None:
            show(SCHEDULE_TAB)
            return None
        return self._reminders.apply(scheduled)

    # -- live checks -----------------------------------------------------------------------

    def _live_check(self) -> None:
        """The checks of *Save*, without saving and without changing the tab."""
        set_error(self._save_error, "")
        self._fields_bad = self._checked_settings(switch_tab=False) is None
        self._update_save()

    @property
    def fields_bad(self) -> bool:
        """The last check (live or *Save*) found a field that cannot be saved."""
        return self._fields_bad

    def _update_save(self) -> None:
        """*Save* only with good fields and no sign in or sign out on its way."""
        self._save.setEnabled(not self._account.busy and not self._fields_bad)

    def _apply_autostart(self, wanted: bool) -> bool:
        try:
            self._autostart.switch(wanted)
        except AutostartError as error:
            self._general.show_autostart_error(error_text(error))
            return False
        return True

    # -- reactions -------------------------------------------------------------------------

    def _on_account_changed(self, settings: object) -> None:
        del settings  # the page keeps it
        self._cancel.setText(self.tr("Close"))  # what was signed in or out stays so
        self.accountChanged.emit()

    def _on_busy(self, busy: bool) -> None:
        self._update_save()
        self._cancel.setEnabled(not (busy and self._account.changing_account))

    def _show_connection(self) -> None:
        self._tabs.setCurrentIndex(CONNECTION_TAB)
        self._connection.focus_ca_file()
