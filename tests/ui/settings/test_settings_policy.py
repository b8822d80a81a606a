"""The settings dialog under an administrator's policy: locked fields are disabled and say so,
Save keeps the user's own values in the file, and only the policy's portal can be signed in to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from tray_app.config.policy import Policy
from tray_app.config.settings import Settings
from tray_app.config.settings_file import load_settings, save_settings
from tray_app.services.autostart import Autostart
from tray_app.ui.settings.dialog import SettingsDialog
from tray_app.ui.settings.locks import LOCKED_PROPERTY

SECRET = "k7dmwq2x9p4tz1ab"
LOCKED = Policy(
    portal_url="https://corp.bitrix24.ru",
    locked=frozenset({"proxy", "language", "autostart", "reminders"}),
    values={
        "proxy": "http://proxy.corp:3128",
        "language": "ru",
        "start_at_login": False,
        "remind_not_started": True,
        "remind_lunch": False,
        "remind_work_done": True,
        "remind_still_open": True,
        "remind_forgotten_day": True,
    },
)


def never(
    task: Callable[[], object], done: Callable[[object | None, BaseException | None], None]
) -> None:
    raise AssertionError("nothing may be sent")


def dialog(
    qtbot: QtBot, tmp_path: Path, settings: Settings | None = None, policy: Policy = LOCKED
) -> SettingsDialog:
    window = SettingsDialog(
        settings,
        run_task=never,
        autostart=Autostart(platform="linux", environ={}, home=tmp_path / "home"),
        autostart_command=["timeman-tray"],
        policy=policy,
    )
    qtbot.addWidget(window)
    window.show()
    return window


def test_locked_fields_are_disabled_and_say_so(qtbot: QtBot, tmp_path: Path) -> None:
    window = dialog(qtbot, tmp_path, Settings(proxy="http://mine.example.com:8080"))
    proxy = window.findChild(QLineEdit, "proxyEdit")
    assert proxy is not None
    assert not proxy.isEnabled()
    assert proxy.text() == "http://proxy.corp:3128"  # the policy's value, not the user's
    assert proxy.toolTip() == "Set by your administrator"
    assert proxy.property(LOCKED_PROPERTY) is True
    label = window.findChild(QLabel, "proxyEditLockedLabel")
    assert label is not None
    assert label.text() == "Set by your administrator"
    language = window.findChild(QComboBox, "languageCombo")
    assert language is not None
    assert not language.isEnabled()
    assert language.currentData() == "ru"
    lunch = window.findChild(QCheckBox, "remind_lunch_check")
    assert lunch is not None
    assert not lunch.isEnabled()
    assert not lunch.isChecked()
    assert lunch.text().endswith("(Set by your administrator)")
    start = window.findChild(QCheckBox, "startAtLoginCheck")
    assert start is not None
    assert not start.isEnabled()
    # Not locked: still the user's to change.
    for name in ("caFileEdit",):
        field = window.findChild(QLineEdit, name)
        assert field is not None
        assert field.isEnabled()
    notifications = window.findChild(QCheckBox, "notificationsCheck")
    assert notifications is not None
    assert notifications.isEnabled()


def test_save_keeps_the_users_values_of_locked_settings(qtbot: QtBot, tmp_path: Path) -> None:
    save_settings(Settings(proxy="http://mine.example.com:8080", language="de"))
    window = dialog(qtbot, tmp_path, load_settings())
    notifications = window.findChild(QCheckBox, "notificationsCheck")
    assert notifications is not None
    notifications.setChecked(False)
    with qtbot.waitSignal(window.settingsChanged) as saved:
        assert window.save()
    shown = saved.args[0]
    assert isinstance(shown, Settings)
    on_disk = load_settings()
    assert on_disk.notifications is False
    assert on_disk.proxy == "http://mine.example.com:8080"
    assert on_disk.language == "de"


def test_only_the_policys_portal_can_be_signed_in_to(qtbot: QtBot, tmp_path: Path) -> None:
    window = dialog(qtbot, tmp_path)
    portal = window.findChild(QLabel, "policyPortalLabel")
    assert portal is not None
    assert "https://corp.bitrix24.ru" in portal.text()
    edit = window.findChild(QLineEdit, "webhookUrlEdit")
    assert edit is not None
    edit.setText(f"https://other.bitrix24.ru/rest/1/{SECRET}/")
    button = window.findChild(QPushButton, "signInButton")
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # `never` fails if anything is sent
    error = window.findChild(QLabel, "webhookUrlError")
    assert error is not None
    assert "your administrator allows only webhooks of https://corp.bitrix24.ru" in error.text()
    assert "https://other.bitrix24.ru" in error.text()
    assert SECRET not in error.text()


def test_the_poll_interval_says_the_policys_floor_and_keeps_the_persons_value(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = SettingsDialog(
        Settings(poll_interval_s=60),
        run_task=never,
        autostart=Autostart(platform="linux", environ={}, home=tmp_path / "home"),
        autostart_command=["timeman-tray"],
        policy=Policy(fleet_size=1000),
    )
    qtbot.addWidget(window)
    window.show()
    spin = window.findChild(QSpinBox, "pollIntervalSpin")
    note = window.findChild(QLabel, "pollIntervalPolicyLabel")
    assert spin is not None
    assert note is not None
    assert spin.isEnabled()
    assert spin.value() == 60, "the person's own value stays for when there is no policy"
    assert note.text() == "Your administrator's policy: at most one check every 1000 s."
    assert not note.isHidden()
    assert spin.toolTip() == note.text()


def test_without_a_fleet_or_minimum_nothing_is_said_under_the_interval(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = dialog(qtbot, tmp_path)
    assert window.findChild(QLabel, "pollIntervalPolicyLabel") is None


def test_a_locked_ca_file_that_is_missing_is_a_note_and_the_rest_saves(
    qtbot: QtBot, tmp_path: Path
) -> None:
    missing = tmp_path / "gone" / "corp-ca.pem"
    policy = Policy(locked=frozenset({"ca_bundle"}), values={"ca_file": str(missing)})
    save_settings(Settings(ca_file="", notifications=True))
    window = dialog(qtbot, tmp_path, load_settings(), policy)
    note = window.findChild(QLabel, "caFilePolicyNote")
    error = window.findChild(QLabel, "caFileError")
    assert note is not None
    assert error is not None
    assert not note.isHidden()  # said as soon as the dialog opens (on its tab)
    assert note.text().endswith("Your administrator sets this file; the other settings still save.")
    assert str(missing) in note.text()
    notifications = window.findChild(QCheckBox, "notificationsCheck")
    assert notifications is not None
    notifications.setChecked(False)
    with qtbot.waitSignal(window.settingsChanged):
        assert window.save()  # the person cannot change the file: it holds nothing back
    assert error.isHidden()
    on_disk = load_settings()
    assert on_disk.notifications is False
    assert on_disk.ca_file == ""  # the policy's value never lands in the user's file


def test_an_unlocked_missing_ca_file_still_holds_save_back(qtbot: QtBot, tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "mine.pem"
    window = dialog(qtbot, tmp_path, Settings(ca_file=str(missing)), Policy())
    assert not window.save()
    error = window.findChild(QLabel, "caFileError")
    note = window.findChild(QLabel, "caFilePolicyNote")
    assert error is not None
    assert note is not None
    assert not error.isHidden()
    assert note.isHidden()
