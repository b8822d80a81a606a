"""A locked autostart is put in force when the tray starts, not only at the next Save."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tray_app.config.policy import Policy
from tray_app.services.autostart import Autostart, AutostartError
from tray_app.startup import tray_main
from tray_app.ui.settings.autostart_switch import AutostartSwitch, apply_policy_autostart

COMMAND = ["timeman-tray"]


def locked(on: bool) -> Policy:
    return Policy(locked=frozenset({"autostart"}), values={"start_at_login": on})


def entry(tmp_path: Path) -> Autostart:
    return Autostart(platform="linux", environ={}, home=tmp_path / "home")


def test_a_locked_autostart_on_writes_the_login_entry(tmp_path: Path) -> None:
    autostart = entry(tmp_path)
    assert apply_policy_autostart(locked(True), autostart, COMMAND) is True
    assert autostart.is_enabled()


def test_a_locked_autostart_off_removes_the_login_entry(tmp_path: Path) -> None:
    autostart = entry(tmp_path)
    autostart.enable(COMMAND)
    assert apply_policy_autostart(locked(False), autostart, COMMAND) is False
    assert not autostart.is_enabled()


def test_without_a_lock_the_entry_is_the_persons(tmp_path: Path) -> None:
    autostart = entry(tmp_path)
    autostart.enable(COMMAND)
    assert apply_policy_autostart(Policy(), autostart, COMMAND) is None
    assert autostart.is_enabled()


class Broken(Autostart):
    def is_enabled(self) -> bool:
        raise AutostartError("The autostart folder cannot be read.")

    def enable(self, command: object) -> None:
        raise AutostartError("The autostart entry cannot be written.")


def test_an_entry_that_cannot_be_written_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = Broken(platform="linux", environ={}, home=tmp_path / "home")
    assert apply_policy_autostart(locked(True), broken, COMMAND) is None
    assert "The autostart entry cannot be written." in caplog.text
    assert not AutostartSwitch(broken, COMMAND).was_on


def test_the_tray_puts_the_locked_value_in_force_at_start() -> None:
    # The tests' XDG_CONFIG_HOME is a fresh folder: the machine's entry of this run.
    assert not Autostart().is_enabled()
    tray_main.apply_locked_autostart(locked(True))
    assert Autostart().is_enabled()
    tray_main.apply_locked_autostart(locked(False))
    assert not Autostart().is_enabled()


def test_a_policy_that_does_not_lock_it_leaves_the_persons_entry() -> None:
    Autostart().enable(COMMAND)
    tray_main.apply_locked_autostart(Policy())  # nothing locked
    assert Autostart().is_enabled()
    Autostart().disable()


def test_without_a_lock_the_entrys_code_stays_unloaded() -> None:
    """A running tray does not hold the login entry's code (and macOS's plistlib) for nothing."""
    probe = (
        "import sys\n"
        "from tray_app.config.policy import Policy\n"
        "from tray_app.startup import tray_main\n"
        "tray_main.apply_locked_autostart(Policy())\n"
        "print(sorted(m for m in sys.modules if 'autostart' in m or m == 'plistlib'))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert found.stdout.strip() == "[]", found.stdout + found.stderr
