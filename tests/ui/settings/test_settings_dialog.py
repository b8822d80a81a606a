"""The settings / first-run dialog against the portal simulator over real HTTPS.

Sign-in tasks run synchronously here (``run_task`` calls ``done`` at once) unless a test is about
the wait itself (a held runner) or about the app's wiring (the real controller's worker). The
secret lives in a :class:`MemorySecretStore`; the settings file is the isolated
``$XDG_CONFIG_HOME/timeman-tray/settings.json``.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication, QTextDocumentFragment
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tray_app.api import RetryPolicy, TimemanClient, TransportOptions, Webhook
from tray_app.api.envelope import AUTH_MESSAGES
from tray_app.api.webhook import EXPECTED_FORM
from tray_app.config import (
    KeyringLockedError,
    MemorySecretStore,
    Settings,
    account_key,
    load_settings,
    save_settings,
    settings_path,
)
from tray_app.config.policy import Policy
from tray_app.config.setting_checks import MAX_POLL_INTERVAL_S, MIN_POLL_INTERVAL_S
from tray_app.demo import PortalSimulator, SimClock, SimUser
from tray_app.services.account import NotSignedInError
from tray_app.services.autostart import Autostart, AutostartError, exec_line
from tray_app.ui.app.settings_opener import open_settings
from tray_app.ui.settings.dialog import ACCOUNT_TAB, CONNECTION_TAB, GENERAL_TAB, SettingsDialog
from tray_app.ui.settings.support import (
    ClientFactory,
    Done,
    RunTask,
    controller_runner,
    default_client,
)
from tray_app.ui.state.controller import DayController

if TYPE_CHECKING:
    from tray_app.config.policy import Policy
    from tray_app.ui.away.monitor import AwayMonitor

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_level_fail("WARNING"),
    # The offscreen platform says so for every top-level window shown or raised; xcb does not.
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

SECRET = "k7dmwq2x9p4tz1ab"
OTHER_SECRET = "zz9yy8xx7ww6vv5u"
# Friday 2026-11-20 12:30 in Moscow.
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
COMMAND = ["/opt/time man/bin/timeman-tray", "--from", "autostart"]
WAIT_MS = 5000
W = TypeVar("W", bound=QWidget)


def run_now(task: Callable[[], object], done: Done) -> None:
    """A :data:`RunTask` that runs the task at once (the simulator answers from its thread)."""
    try:
        value = task()
    except Exception as error:
        done(None, error)
    else:
        done(value, None)


@dataclass
class HeldRunner:
    """Keeps tasks until :meth:`release`, to look at the dialog while they are on their way."""

    held: list[tuple[Callable[[], object], Done]] = field(default_factory=list)

    def __call__(self, task: Callable[[], object], done: Done) -> None:
        self.held.append((task, done))

    def release(self) -> None:
        while self.held:
            run_now(*self.held.pop(0))


@dataclass
class Rig:
    """A dialog with what it emitted recorded."""

    dialog: SettingsDialog
    sim: PortalSimulator
    store: MemorySecretStore
    qtbot: QtBot
    account_changes: list[None] = field(default_factory=list)
    saved: list[Settings] = field(default_factory=list)

    def find(self, kind: type[W], name: str) -> W:
        widget = self.dialog.findChild(kind, name)
        assert widget is not None, name
        return widget

    def click(self, name: str) -> None:
        QTest.mouseClick(self.find(QPushButton, name), Qt.MouseButton.LeftButton)

    def url(self, text: str) -> None:
        self.find(QLineEdit, "webhookUrlEdit").setText(text)

    def ca(self, path: object) -> None:
        self.find(QLineEdit, "caFileEdit").setText(str(path))

    def text(self, name: str) -> str:
        return self.find(QLabel, name).text()

    def shown(self, name: str) -> bool:
        return not self.find(QLabel, name).isHidden()

    @property
    def status(self) -> str:
        """The result line as read (it is rich text, for the link to the CA file field)."""
        return QTextDocumentFragment.fromHtml(self.text("accountStatusLabel")).toPlainText()

    @property
    def status_html(self) -> str:
        return self.text("accountStatusLabel")

    def labels(self) -> list[str]:
        """Every text a person can see or hover in the dialog."""
        texts = [self.dialog.windowTitle()]
        for widget in self.dialog.findChildren(QWidget):
            texts.append(widget.toolTip())
            if isinstance(widget, QLabel | QPushButton | QCheckBox):
                texts.append(widget.text())
            if isinstance(widget, QLineEdit):
                texts.append(widget.displayText())
        return texts


@pytest.fixture
def sim() -> Iterator[PortalSimulator]:
    with PortalSimulator(clock=SimClock(start=NOW), tls=True) as simulator:
        simulator.add_user(SimUser(user_id=1, secret=SECRET))
        yield simulator


@pytest.fixture
def store() -> MemorySecretStore:
    return MemorySecretStore()


@pytest.fixture
def autostart(tmp_path: Path) -> Autostart:
    return Autostart(platform="linux", environ={}, home=tmp_path / "home")


@pytest.fixture
def make(
    qtbot: QtBot, sim: PortalSimulator, store: MemorySecretStore, autostart: Autostart
) -> Callable[..., Rig]:
    def build(
        settings: Settings | None = None,
        *,
        first_run: bool = False,
        run_task: RunTask = run_now,
        confirm: Callable[[QWidget, str, str], bool] = lambda _parent, _title, _text: True,
        client_factory: ClientFactory = default_client,
        autostart_: Autostart = autostart,
        track: bool = True,
        demo: bool = False,
        policy: Policy | None = None,
    ) -> Rig:
        dialog = SettingsDialog(
            settings,
            run_task=run_task,
            store_factory=lambda: store,
            first_run=first_run,
            client_factory=client_factory,
            autostart=autostart_,
            autostart_command=COMMAND,
            confirm=confirm,
            demo=demo,
            policy=policy,
        )
        if track:  # closed by qtbot at the end of the test
            qtbot.addWidget(dialog)
        rig = Rig(dialog, sim, store, qtbot)
        dialog.accountChanged.connect(lambda: rig.account_changes.append(None))
        dialog.settingsChanged.connect(rig.saved.append)
        dialog.show()
        return rig

    return build


@pytest.fixture
def signed_in(make: Callable[..., Rig], sim: PortalSimulator, store: MemorySecretStore) -> Rig:
    """A dialog opened by a user who signed in before (secret stored, settings written)."""
    settings = Settings(
        portal_url=sim.base_url, user_id=1, display_name="Anna Ivanova", ca_file=str(sim.ca_file)
    )
    save_settings(settings)
    store.set(account_key(sim.base_url, 1), SECRET)
    return make(load_settings())


def artifacts_dir() -> Path:
    directory = Path(
        os.environ.get("TIMEMAN_ARTIFACTS_DIR") or Path(__file__).parents[3] / "artifacts"
    )
    directory.mkdir(parents=True, exist_ok=True)
    return directory


# -- the webhook field and the first run ---------------------------------------------------------


def test_the_webhook_url_is_masked_and_can_be_shown(make: Callable[..., Rig]) -> None:
    rig = make(first_run=True)
    edit = rig.find(QLineEdit, "webhookUrlEdit")
    rig.url("https://portal.example.com/rest/1/" + SECRET + "/")
    assert edit.echoMode() is QLineEdit.EchoMode.Password
    assert SECRET not in edit.displayText()
    rig.click("showWebhookButton")
    assert edit.echoMode() is QLineEdit.EchoMode.Normal
    assert rig.find(QPushButton, "showWebhookButton").text() == "Hide"
    rig.click("showWebhookButton")
    assert edit.echoMode() is QLineEdit.EchoMode.Password


def test_the_dialog_fits_the_screen_with_room_for_its_frame(make: Callable[..., Rig]) -> None:
    rig = make()
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    area = screen.availableGeometry()
    geometry = rig.dialog.geometry()
    assert geometry.height() <= min(640, area.height() - 60)
    assert geometry.width() <= min(600, area.width() - 60)
    assert area.contains(geometry.adjusted(0, -30, 0, 0)), "the title bar stays on screen"


def test_first_run_opens_on_the_account_with_where_to_get_a_webhook(
    make: Callable[..., Rig],
) -> None:
    rig = make(first_run=True)
    assert rig.find(QTabWidget, "settingsTabs").currentIndex() == ACCOUNT_TAB
    assert "Welcome" in rig.dialog.windowTitle()
    help_text = rig.text("webhookHelpLabel")
    assert "Developer resources → Other → Incoming webhook" in help_text
    assert "<b>timeman</b>" in help_text
    assert EXPECTED_FORM in help_text
    assert rig.find(QLabel, "welcomeLabel").isVisible()


def test_every_input_and_button_has_an_object_name(make: Callable[..., Rig]) -> None:
    rig = make(first_run=True)
    for kind in (QLineEdit, QPushButton, QCheckBox, QComboBox, QSpinBox):
        for widget in rig.dialog.findChildren(kind):
            if widget.parent() is not None and isinstance(widget.parent(), QSpinBox):
                continue  # the spin box's own line edit
            assert widget.objectName(), f"{kind.__name__} {widget!r} has no objectName"


# -- test connection -----------------------------------------------------------------------------


def test_a_working_webhook_shows_who_and_what_access(
    make: Callable[..., Rig], sim: PortalSimulator, store: MemorySecretStore
) -> None:
    sim.seed_day(1, "OPENED")
    rig = make(first_run=True)
    rig.ca(sim.ca_file)
    rig.url(sim.webhook_url(1))
    rig.click("testConnectionButton")
    assert rig.status == "Anna Ivanova (user 1) · timeman access granted · today: Working"
    assert {r.rest_method for r in sim.requests} == {"profile", "scope", "timeman.status"}
    assert store._secrets == {}  # a test stores nothing
    assert not settings_path().exists()
    assert rig.account_changes == []


def test_a_wrong_secret_says_the_portal_does_not_accept_the_webhook(
    make: Callable[..., Rig], sim: PortalSimulator
) -> None:
    rig = make(first_run=True)
    rig.ca(sim.ca_file)
    rig.url(f"{sim.base_url}/rest/1/{OTHER_SECRET}/")
    rig.click("testConnectionButton")
    assert rig.status == str(AUTH_MESSAGES["INVALID_CREDENTIALS"])
    assert rig.find(QLabel, "accountStatusLabel").property("error") is True


def test_a_webhook_without_the_timeman_scope_says_which_permission_to_tick(
    make: Callable[..., Rig], sim: PortalSimulator
) -> None:
    sim.add_user(SimUser(user_id=2, secret=OTHER_SECRET, scopes=("user",)))
    rig = make(first_run=True)
    rig.ca(sim.ca_file)
    rig.url(sim.webhook_url(2))
    rig.click("testConnectionButton")
    assert "tick the 'timeman' (Time management) permission" in rig.status


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("", "No webhook URL given"),
        ("https://portal.example.com/rest/1/", "the path must be /rest/USER_ID/SECRET/"),
        ("http://portal.example.com/rest/1/abcd1234efgh/", "Plain http://"),
        ("ftp://portal.example.com/rest/1/abcd1234efgh/", "must start with https://"),
        ("https://portal.example.com/rest/x/abcd1234efgh/", "user id must be a positive number"),
    ],
)
def test_a_bad_url_is_refused_before_anything_is_sent(
    make: Callable[..., Rig], sim: PortalSimulator, url: str, words: str
) -> None:
    rig = make(first_run=True)
    rig.url(url)
    rig.click("testConnectionButton")
    assert rig.shown("webhookUrlError")
    assert words in rig.text("webhookUrlError")
    rig.click("signInButton")
    assert sim.requests == []
    assert rig.account_changes == []
    rig.find(QLineEdit, "webhookUrlEdit").textEdited.emit("h")  # typing clears the message
    assert not rig.shown("webhookUrlError")


def test_an_untrusted_certificate_points_at_the_ca_file(
    make: Callable[..., Rig], sim: PortalSimulator
) -> None:
    rig = make(first_run=True)
    rig.url(sim.webhook_url(1))
    rig.click("testConnectionButton")
    assert "is not trusted" in rig.status
    assert 'href="#connection"' in rig.status_html
    assert rig.status.endswith("Open the connection settings")
    rig.find(QLabel, "accountStatusLabel").linkActivated.emit("#connection")
    assert rig.find(QTabWidget, "settingsTabs").currentIndex() == CONNECTION_TAB


def test_an_unreachable_portal_says_so(make: Callable[..., Rig]) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    def no_retry(webhook: Webhook, options: TransportOptions) -> TimemanClient:
        return TimemanClient(webhook, options=options, policy=RetryPolicy(attempts=1))

    rig = make(first_run=True, client_factory=no_retry)
    rig.url(f"https://127.0.0.1:{port}/rest/1/{SECRET}/")
    rig.click("testConnectionButton")
    assert rig.status.startswith(f"Cannot connect to https://127.0.0.1:{port}")


def test_bad_connection_settings_stop_the_test_with_messages(
    make: Callable[..., Rig], sim: PortalSimulator, tmp_path: Path
) -> None:
    rig = make(first_run=True)
    rig.ca(tmp_path / "missing.pem")
    rig.url(sim.webhook_url(1))
    rig.click("testConnectionButton")
    assert "Fix the connection settings first." in rig.status
    assert rig.shown("caFileError")
    assert sim.requests == []


def test_an_internal_error_is_worded_and_logged_without_the_secret(
    make: Callable[..., Rig], sim: PortalSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(webhook: Webhook, options: TransportOptions) -> TimemanClient:
        raise RuntimeError(f"boom at {webhook.endpoint('profile')}")

    rig = make(first_run=True, client_factory=broken)
    rig.url(sim.webhook_url(1))
    with caplog.at_level(logging.DEBUG):
        rig.click("testConnectionButton")
    assert rig.status == "timeman-tray ran into an internal error (RuntimeError); see the log."
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "RuntimeError: boom at" in logged
    assert "/rest/1/***/profile" in logged
    assert SECRET not in logged


# -- sign in and sign out ------------------------------------------------------------------------


def test_sign_in_stores_the_secret_and_the_settings(
    make: Callable[..., Rig], sim: PortalSimulator, store: MemorySecretStore
) -> None:
    rig = make(first_run=True)
    rig.ca(sim.ca_file)
    rig.url(sim.webhook_url(1))
    with rig.qtbot.waitSignal(rig.dialog.accountChanged, timeout=WAIT_MS):
        rig.click("signInButton")
    assert store.get(account_key(sim.base_url, 1)) == SECRET
    stored = load_settings()
    assert (stored.portal_url, stored.user_id, stored.display_name) == (
        sim.base_url,
        1,
        "Anna Ivanova",
    )
    assert stored.ca_file == str(sim.ca_file)  # the connection that worked is kept
    assert rig.dialog.settings() == stored
    assert rig.text("signedInLabel") == f"Signed in as Anna Ivanova at {sim.base_url} (user 1)"
    assert not rig.find(QWidget, "signedInPage").isHidden()
    assert rig.find(QWidget, "signedOutPage").isHidden()
    assert rig.status.endswith("timeman access granted · today: Not working")
    assert rig.find(QLineEdit, "webhookUrlEdit").text() == ""  # not kept in the widget
    assert rig.find(QPushButton, "cancelButton").text() == "Close"
    assert rig.saved == []  # the account is stored; Save is for the other settings


def test_enter_in_the_url_field_signs_in_instead_of_saving(
    make: Callable[..., Rig], sim: PortalSimulator
) -> None:
    rig = make(first_run=True)
    rig.ca(sim.ca_file)
    rig.url(sim.webhook_url(1))
    QTest.keyClick(rig.find(QLineEdit, "webhookUrlEdit"), Qt.Key.Key_Return)
    assert rig.account_changes == [None]
    assert rig.dialog.isVisible()
    assert rig.saved == []


def test_sign_in_follows_a_moved_portal_and_stores_the_new_address(
    make: Callable[..., Rig], sim: PortalSimulator, store: MemorySecretStore
) -> None:
    alias = sim.start_alias()
    rig = make(first_run=True)
    rig.ca(sim.ca_file)
    rig.url(f"{alias}/rest/1/{SECRET}/")
    rig.click("signInButton")
    assert load_settings().portal_url == sim.base_url
    assert store.get(account_key(sim.base_url, 1)) == SECRET


@pytest.mark.parametrize("button", ["signInButton", "testConnectionButton"])
def test_a_portal_that_moves_away_from_the_policys_portal_is_refused(
    make: Callable[..., Rig], sim: PortalSimulator, store: MemorySecretStore, button: str
) -> None:
    alias = sim.start_alias()  # the policy's portal, which answers with 302 to another address
    rig = make(first_run=True, policy=Policy(portal_url=alias))
    rig.ca(sim.ca_file)
    rig.url(f"{alias}/rest/1/{SECRET}/")
    rig.click(button)
    assert rig.text("webhookUrlError") == (
        f"This webhook is of {sim.base_url}, but your administrator allows only webhooks of "
        f"{alias}. Nothing was stored."
    )  # the sentence of a sign in with another portal's webhook
    assert rig.status == ""
    assert store._secrets == {}
    assert not settings_path().exists()
    assert rig.account_changes == []
    assert not rig.find(QWidget, "signedOutPage").isHidden()


def test_a_locked_keyring_stores_nothing(
    make: Callable[..., Rig], sim: PortalSimulator, store: MemorySecretStore
) -> None:
    store.error = KeyringLockedError("The keyring is locked; unlock it and try again.")
    rig = make(first_run=True)
    rig.ca(sim.ca_file)
    rig.url(sim.webhook_url(1))
    rig.click("signInButton")
    assert rig.status == "The keyring is locked; unlock it and try again. Nothing was stored."
    assert not settings_path().exists()
    assert rig.account_changes == []
    assert not rig.find(QWidget, "signedOutPage").isHidden()


def test_sign_out_asks_then_deletes_the_secret_and_the_account(
    signed_in: Rig, sim: PortalSimulator, store: MemorySecretStore
) -> None:
    assert signed_in.find(QTabWidget, "settingsTabs").currentIndex() == GENERAL_TAB
    signed_in.click("signOutButton")
    assert store._secrets == {}
    stored = load_settings()
    assert (stored.portal_url, stored.user_id, stored.display_name) == ("", 0, "")
    assert stored.ca_file == str(sim.ca_file)  # the connection settings stay
    assert signed_in.account_changes == [None]
    assert not signed_in.find(QWidget, "signedOutPage").isHidden()
    assert signed_in.status == "Signed out; the webhook secret is deleted."


def test_sign_out_follows_a_portal_that_moved_while_the_dialog_was_open(
    make: Callable[..., Rig], sim: PortalSimulator, store: MemorySecretStore
) -> None:
    old = Settings(portal_url="https://old.example.com", user_id=1, display_name="Anna Ivanova")
    rig = make(old)
    save_settings(dataclasses.replace(old, portal_url=sim.base_url))  # the worker followed a 302
    store.set(account_key(sim.base_url, 1), SECRET)
    rig.click("signOutButton")
    assert store._secrets == {}
    assert load_settings().portal_url == ""


def test_sign_out_with_a_damaged_settings_file_uses_the_dialogs_settings(
    make: Callable[..., Rig], sim: PortalSimulator, store: MemorySecretStore
) -> None:
    settings = Settings(portal_url=sim.base_url, user_id=1, display_name="Anna Ivanova")
    rig = make(settings)
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{ damaged")
    store.set(account_key(sim.base_url, 1), SECRET)
    rig.click("signOutButton")
    assert store._secrets == {}
    assert load_settings().user_id == 0
    assert settings_path().with_name("settings.json.bak").read_text() == "{ damaged"


def test_sign_out_can_be_cancelled(
    make: Callable[..., Rig], sim: PortalSimulator, store: MemorySecretStore
) -> None:
    settings = Settings(portal_url=sim.base_url, user_id=1, display_name="Anna Ivanova")
    save_settings(settings)
    store.set(account_key(sim.base_url, 1), SECRET)
    questions: list[str] = []

    def refuse(_parent: QWidget, _title: str, question: str) -> bool:
        questions.append(question)
        return False

    rig = make(settings, confirm=refuse)
    rig.click("signOutButton")
    assert len(questions) == 1
    assert sim.base_url in questions[0]
    assert store.get(account_key(sim.base_url, 1)) == SECRET
    assert load_settings().user_id == 1
    assert rig.account_changes == []


def test_a_failed_sign_out_says_why(signed_in: Rig, store: MemorySecretStore) -> None:
    store.error = KeyringLockedError("The keyring is locked; unlock it and try again.")
    signed_in.click("signOutButton")
    assert signed_in.status == "The keyring is locked; unlock it and try again."
    assert load_settings().user_id == 1
    assert signed_in.account_changes == []


def test_the_dialog_waits_for_a_sign_in_on_its_way(
    make: Callable[..., Rig], sim: PortalSimulator
) -> None:
    runner = HeldRunner()
    rig = make(first_run=True, run_task=runner)
    rig.ca(sim.ca_file)
    rig.url(sim.webhook_url(1))
    rig.click("signInButton")
    assert rig.status == "Signing in…"
    for name in ("saveButton", "cancelButton", "signInButton", "testConnectionButton"):
        assert not rig.find(QPushButton, name).isEnabled(), name
    assert not rig.find(QLineEdit, "webhookUrlEdit").isEnabled()
    rig.dialog.reject()
    rig.dialog.close()
    assert rig.dialog.isVisible()
    assert not rig.dialog.save()
    runner.release()
    assert rig.account_changes == [None]
    assert rig.find(QPushButton, "saveButton").isEnabled()
    rig.dialog.reject()
    assert not rig.dialog.isVisible()


def test_a_test_result_after_the_dialog_is_gone_is_dropped(
    make: Callable[..., Rig], sim: PortalSimulator, qtbot: QtBot
) -> None:
    runner = HeldRunner()
    rig = make(first_run=True, run_task=runner, track=False)
    rig.ca(sim.ca_file)
    rig.url(sim.webhook_url(1))
    rig.click("testConnectionButton")
    rig.dialog.reject()  # a test does not hold the dialog
    assert not rig.dialog.isVisible()
    rig.dialog.deleteLater()
    qtbot.waitUntil(lambda: not _alive(rig.dialog), timeout=WAIT_MS)
    runner.release()  # nothing to update: no crash, no signal
    assert rig.account_changes == []


def _alive(widget: QWidget) -> bool:
    import shiboken6  # noqa: PLC0415

    return bool(shiboken6.isValid(widget))


def test_the_app_runs_the_sign_in_on_the_controllers_worker(
    make: Callable[..., Rig], sim: PortalSimulator, store: MemorySecretStore, qtbot: QtBot
) -> None:
    def signed_out() -> TimemanClient:
        raise NotSignedInError("Not signed in.")

    controller = DayController(signed_out)
    controller.start()
    threads: list[threading.Thread] = []

    def client(webhook: Webhook, options: TransportOptions) -> TimemanClient:
        threads.append(threading.current_thread())
        return TimemanClient(webhook, options=options)

    try:
        rig = make(first_run=True, run_task=controller_runner(controller), client_factory=client)
        rig.ca(sim.ca_file)
        rig.url(sim.webhook_url(1))
        with qtbot.waitSignal(rig.dialog.accountChanged, timeout=WAIT_MS):
            rig.click("signInButton")
            assert rig.status == "Signing in…"  # the click returned before the answer
        assert len(threads) == 1
        assert threads[0] is not threading.main_thread()
        assert store.get(account_key(sim.base_url, 1)) == SECRET
    finally:
        controller.stop()


# -- general and connection settings -------------------------------------------------------------


def test_save_writes_the_settings_and_emits_them(signed_in: Rig) -> None:
    signed_in.find(QSpinBox, "pollIntervalSpin").setValue(120)
    signed_in.find(QCheckBox, "notificationsCheck").setChecked(False)
    signed_in.find(QCheckBox, "paintTimeCheck").setChecked(True)
    language = signed_in.find(QComboBox, "languageCombo")
    language.setCurrentIndex(language.findData("ru"))
    with signed_in.qtbot.waitSignal(signed_in.dialog.settingsChanged, timeout=WAIT_MS):
        signed_in.click("saveButton")
    stored = load_settings()
    assert signed_in.saved == [stored]
    assert (
        stored.poll_interval_s,
        stored.notifications,
        stored.paint_time_in_icon,
        stored.language,
    ) == (120, False, True, "ru")
    assert stored.user_id == 1  # the account is kept
    assert signed_in.dialog.result() == QDialog.DialogCode.Accepted


def test_the_demo_has_no_account_and_stores_nothing(make: Callable[..., Rig]) -> None:
    rig = make(Settings(), demo=True)
    tabs = rig.find(QTabWidget, "settingsTabs")
    assert not tabs.isTabEnabled(ACCOUNT_TAB)
    assert tabs.currentIndex() == GENERAL_TAB
    rig.find(QCheckBox, "paintTimeCheck").setChecked(True)
    with rig.qtbot.waitSignal(rig.dialog.settingsChanged, timeout=WAIT_MS):
        rig.click("saveButton")
    assert rig.saved[0].paint_time_in_icon
    assert not settings_path().exists()


def test_the_languages_offered(make: Callable[..., Rig]) -> None:
    rig = make(Settings(language="pt_BR"))
    combo = rig.find(QComboBox, "languageCombo")
    items = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    assert items == [
        ("System language", ""),
        ("English", "en"),
        ("Русский", "ru"),
        ("pt_BR", "pt_BR"),  # set by hand: kept, not lost on save
    ]
    assert combo.currentData() == "pt_BR"


def test_start_at_login_writes_and_removes_the_autostart_entry(
    make: Callable[..., Rig], autostart: Autostart, tmp_path: Path
) -> None:
    rig = make()
    assert not rig.find(QCheckBox, "startAtLoginCheck").isChecked()
    rig.find(QCheckBox, "startAtLoginCheck").setChecked(True)
    rig.click("saveButton")
    entry = tmp_path / "home" / ".config" / "autostart" / "timeman-tray.desktop"
    assert f"Exec={exec_line(COMMAND)}\n" in entry.read_text()
    assert load_settings().start_at_login is True

    again = make(load_settings())
    assert again.find(QCheckBox, "startAtLoginCheck").isChecked()
    again.find(QCheckBox, "startAtLoginCheck").setChecked(False)
    again.click("saveButton")
    assert not entry.exists()
    assert load_settings().start_at_login is False


def test_the_checkbox_shows_whether_the_entry_really_exists(
    make: Callable[..., Rig], autostart: Autostart
) -> None:
    autostart.enable(COMMAND)
    assert make(Settings(start_at_login=False)).find(QCheckBox, "startAtLoginCheck").isChecked()
    autostart.disable()
    assert not make(Settings(start_at_login=True)).find(QCheckBox, "startAtLoginCheck").isChecked()


class BrokenAutostart(Autostart):
    def is_enabled(self) -> bool:
        raise AutostartError("Could not read the entry (Permission denied).")

    def enable(self, command: object) -> None:
        raise AutostartError("Could not write the entry (Permission denied).")


def test_a_failed_autostart_shows_why_and_saves_nothing(make: Callable[..., Rig]) -> None:
    rig = make(autostart_=BrokenAutostart(platform="linux"))
    assert not rig.find(QCheckBox, "startAtLoginCheck").isChecked()
    rig.find(QCheckBox, "startAtLoginCheck").setChecked(True)
    rig.click("saveButton")
    assert rig.text("startAtLoginError") == "Could not write the entry (Permission denied)."
    assert rig.shown("startAtLoginError")
    assert not settings_path().exists()
    assert rig.saved == []
    assert rig.find(QTabWidget, "settingsTabs").currentIndex() == GENERAL_TAB


def test_poll_interval_bounds_come_from_the_settings(make: Callable[..., Rig]) -> None:
    rig = make()
    spin = rig.find(QSpinBox, "pollIntervalSpin")
    assert (spin.minimum(), spin.maximum()) == (MIN_POLL_INTERVAL_S, MAX_POLL_INTERVAL_S)
    spin.lineEdit().setText("5")
    rig.click("saveButton")
    assert rig.text("pollIntervalError") == (
        f"Enter a number of seconds from {MIN_POLL_INTERVAL_S} to {MAX_POLL_INTERVAL_S}."
    )
    assert not settings_path().exists()
    assert rig.saved == []
    assert not rig.find(QPushButton, "saveButton").isEnabled()  # until the field is good
    spin.setValue(30)
    rig.qtbot.waitUntil(rig.find(QPushButton, "saveButton").isEnabled)
    rig.click("saveButton")
    assert not rig.shown("pollIntervalError")
    assert load_settings().poll_interval_s == 30


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "does not exist or is not a file"),
        (b"not a certificate\n", "holds no usable certificate (expected PEM)"),
    ],
)
def test_a_bad_ca_file_is_refused(
    make: Callable[..., Rig], tmp_path: Path, content: bytes | None, words: str
) -> None:
    path = tmp_path / "company-ca.pem"
    if content is not None:
        path.write_bytes(content)
    rig = make()
    rig.ca(path)
    rig.click("saveButton")
    assert words in rig.text("caFileError")
    assert rig.find(QTabWidget, "settingsTabs").currentIndex() == CONNECTION_TAB
    assert not settings_path().exists()


def test_a_good_ca_file_and_proxy_are_saved(make: Callable[..., Rig], sim: PortalSimulator) -> None:
    rig = make()
    rig.ca(sim.ca_file)
    rig.find(QLineEdit, "proxyEdit").setText("http://proxy.example.com:3128")
    rig.click("saveButton")
    stored = load_settings()
    assert (stored.ca_file, stored.proxy) == (str(sim.ca_file), "http://proxy.example.com:3128")


def test_the_ca_file_can_be_chosen_with_a_file_dialog(
    make: Callable[..., Rig], sim: PortalSimulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415

    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(sim.ca_file), ""))
    )
    rig = make()
    rig.click("caFileBrowseButton")
    assert rig.find(QLineEdit, "caFileEdit").text() == str(sim.ca_file)
    assert not rig.shown("caFileError")


def test_the_kept_clicks_reason_is_worded_by_the_person(make: Callable[..., Rig]) -> None:
    rig = make()
    field = rig.find(QLineEdit, "keptReasonEdit")
    assert field.text() == ""  # the default, shown as the placeholder
    assert field.placeholderText().startswith("Clicked {clicked} while the portal")
    field.setText("  Offline at {clicked}, sent {sent}  ")
    rig.click("saveButton")
    assert load_settings().kept_reason == "Offline at {clicked}, sent {sent}"


def test_a_reason_with_a_webhook_in_it_is_refused(make: Callable[..., Rig]) -> None:
    rig = make()
    rig.find(QLineEdit, "keptReasonEdit").setText(
        "see https://portal.example.com/rest/7/k7dmwq2x9p4tz1ab/"
    )
    rig.click("saveButton")
    assert "one line, without a webhook address" in rig.text("keptReasonError")
    assert "k7dmwq2x9p4tz1ab" not in rig.text("keptReasonError")
    assert not settings_path().exists()
    assert rig.saved == []


@pytest.mark.parametrize(
    ("proxy", "words"),
    [
        ("http://anna:pa55word@proxy:3128", "looks like a secret"),
        ("http://anna@proxy:3128", "must not contain user@"),
        ("socks5://proxy:1080", "Enter the proxy as http://host:port or https://host:port."),
        ("proxy.example.com:3128", "Enter the proxy as http://host:port or https://host:port."),
        ("http://proxy:99999", "Enter the proxy as http://host:port or https://host:port."),
        ("http://proxy:3128/path", "Enter the proxy as http://host:port or https://host:port."),
    ],
)
def test_a_bad_proxy_is_refused(make: Callable[..., Rig], proxy: str, words: str) -> None:
    rig = make()
    rig.find(QLineEdit, "proxyEdit").setText(proxy)
    rig.click("saveButton")
    assert words in rig.text("proxyError")
    assert "pa55word" not in rig.text("proxyError")
    assert not settings_path().exists()
    assert rig.saved == []


# -- the secret stays secret ---------------------------------------------------------------------


def test_the_secret_is_in_no_label_and_no_log_record(
    make: Callable[..., Rig],
    sim: PortalSimulator,
    store: MemorySecretStore,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    rig = make(first_run=True)
    rig.ca(sim.ca_file)
    seen: list[str] = []
    rig.url(f"{sim.base_url}/rest/1/{OTHER_SECRET}/")  # refused by the portal
    rig.click("testConnectionButton")
    seen += rig.labels()
    rig.url(sim.webhook_url(1))
    rig.click("testConnectionButton")
    seen += rig.labels()
    rig.click("signInButton")
    seen += rig.labels()
    rig.click("signOutButton")
    seen += rig.labels()
    assert rig.account_changes == [None, None]
    logged = [record.getMessage() for record in caplog.records]
    logged += [record.exc_text or "" for record in caplog.records]
    assert any("checking the webhook of user 1" in line for line in logged)
    for secret in (SECRET, OTHER_SECRET):
        assert not [text for text in seen if secret in text]
        assert not [line for line in logged if secret in line]


# -- what it looks like --------------------------------------------------------------------------


def test_screenshots(
    make: Callable[..., Rig], sim: PortalSimulator, qtbot: QtBot, tmp_path: Path
) -> None:
    """Saved for a person to look at: the first run, and the settings of a signed-in user."""
    sim.seed_day(1, "OPENED")
    first = make(first_run=True)
    first.url(sim.webhook_url(1))
    first.dialog.grab().save(str(artifacts_dir() / "settings-first-run.png"))

    first.ca(sim.ca_file)
    first.click("signInButton")
    first.dialog.grab().save(str(artifacts_dir() / "settings-signed-in.png"))
    tabs = first.find(QTabWidget, "settingsTabs")
    tabs.setCurrentIndex(GENERAL_TAB)
    first.find(QSpinBox, "pollIntervalSpin").lineEdit().setText("5")
    first.click("saveButton")
    first.dialog.grab().save(str(artifacts_dir() / "settings-general-error.png"))
    tabs.setCurrentIndex(CONNECTION_TAB)
    first.find(QLineEdit, "proxyEdit").setText("http://anna@proxy:3128")
    first.ca(tmp_path / "missing.pem")
    first.click("saveButton")
    first.dialog.grab().save(str(artifacts_dir() / "settings-connection-error.png"))
    for name in ("first-run", "signed-in", "general-error", "connection-error"):
        assert (artifacts_dir() / f"settings-{name}.png").stat().st_size > 1000


# -- the app's entry point -----------------------------------------------------------------------


class FakeApp:
    """What :func:`open_settings` uses of the tray application."""

    def __init__(self, controller: DayController | None, settings: Settings) -> None:
        self.controller = controller
        self.settings: Settings | None = settings
        self.demo = False
        self.settings_dialog: QObject | None = None
        self.away: AwayMonitor | None = None
        self.policy: Policy | None = None
        self.applied: list[Settings] = []
        self.account_changes = 0

    def apply_settings(self, settings: Settings) -> None:
        self.applied.append(settings)

    def account_changed(self) -> None:
        self.account_changes += 1


def test_open_settings_wires_the_dialog_to_the_app(qtbot: QtBot) -> None:
    def signed_out() -> TimemanClient:
        raise NotSignedInError("Not signed in.")

    assert open_settings(FakeApp(None, Settings())) is None
    controller = DayController(signed_out)
    controller.start()
    app = FakeApp(controller, Settings(poll_interval_s=90))
    try:
        dialog = open_settings(app, first_run=True)
        assert dialog is not None
        assert app.settings_dialog is dialog
        assert dialog.isVisible()
        assert dialog.windowTitle() == "Welcome to timeman-tray"
        assert open_settings(app) is dialog  # one at a time
        assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accountChanged.emit()
        assert app.account_changes == 1
        spin = dialog.findChild(QSpinBox, "pollIntervalSpin")
        assert spin is not None
        assert spin.value() == 90
        dialog.save()
        assert [s.poll_interval_s for s in app.applied] == [90]
        assert app.settings_dialog is None  # forgotten once closed
        qtbot.waitUntil(lambda: not _alive(dialog), timeout=WAIT_MS)
    finally:
        controller.stop()


def test_a_settings_file_that_cannot_be_written_is_reported(make: Callable[..., Rig]) -> None:
    settings_path().parent.parent.mkdir(parents=True, exist_ok=True)
    settings_path().parent.write_text("a file where the folder belongs")
    rig = make()
    rig.click("saveButton")
    assert rig.shown("saveError")
    assert "cannot be written" in rig.text("saveError")
    assert rig.saved == []
    assert rig.dialog.isVisible()


def test_a_bad_field_is_named_as_it_is_typed_and_save_waits_for_it(
    make: Callable[..., Rig],
) -> None:
    rig = make()
    save = rig.find(QPushButton, "saveButton")
    tabs = rig.find(QTabWidget, "settingsTabs")
    tab = tabs.currentIndex()
    spin = rig.find(QSpinBox, "pollIntervalSpin")
    spin.lineEdit().setText("5")  # typed, not saved: the message comes without a click
    rig.qtbot.waitUntil(lambda: rig.shown("pollIntervalError"))
    assert not save.isEnabled()
    assert tabs.currentIndex() == tab, "a live check does not switch tabs"
    assert not settings_path().exists()
    spin.lineEdit().setText("45")
    rig.qtbot.waitUntil(save.isEnabled)
    assert not rig.shown("pollIntervalError")
    assert rig.saved == []
