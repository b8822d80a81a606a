"""Notifications through a real daemon, end to end: dunst on the desktop's bus (started by the
test first, so D-Bus activation has nothing to start), the tray on xfce4-panel's status tray
(tests/e2e/sni_host.py, driven over D-Bus), a real Secret Service and the simulator.

The "not started" reminder arrives at dunst with the app's name and picture and its actions;
"Start now", chosen in dunst's action menu (``dunstctl context`` runs the ``dmenu`` program of
its configuration: here a script that picks the "Start now" line and keeps what it was shown),
comes back to the app as ``ActionInvoked`` and starts the day at the simulator. A day closed
elsewhere is told through dunst too. ``dunstctl history`` shows what was shown.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pytest

from tests.e2e.desktop import Desktop, Geometry, missing_programs, wait_until
from tests.e2e.sni_host import SniHost, sni_desktop
from tests.e2e.test_tray_day import SECRET
from tests.e2e.test_tray_schedule import MOSCOW, SCHEDULE, TUESDAY
from tests.e2e.tray_driver import Portal, TrayApp, app_env, sign_in
from tray_app.config.settings_file import load_settings, save_settings
from tray_app.demo import SimClock, SimUser
from tray_app.ui.notify.notifications import SERVICE

pytestmark = [pytest.mark.e2e, pytest.mark.keyring]

PICKER: Final = """#!/bin/sh
# dunst's "dmenu": shown the actions on stdin, answers with the one to invoke.
tee "$0.menu" | grep -m1 'Start now'
"""


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[Portal]:
    """Anna Ivanova (FIXED 09:00-18:00), Tuesday 09:30 in Moscow, no day yet."""
    from datetime import datetime  # noqa: PLC0415

    user = SimUser(user_id=1, secret=SECRET, schedule="FIXED")
    start = datetime(TUESDAY.year, TUESDAY.month, TUESDAY.day, 9, 30, tzinfo=MOSCOW)
    with Portal.running(tmp_path / "tls", SimClock(start=start), [user]) as running:
        yield running


@pytest.fixture
def sni(request: pytest.FixtureRequest) -> Iterator[tuple[Desktop, SniHost]]:
    needed = ("xfce4-panel", "dunst", "dunstctl")
    missing = missing_programs() + [p for p in needed if shutil.which(p) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not found; install xfce4-panel xfconf dunst")
    with sni_desktop(os.environ, notification_daemon=True) as started:
        try:
            yield started
        except BaseException:
            started[0].save_diagnostics(f"failed-{request.node.name}")
            raise


def dunstctl(desktop: Desktop, *args: str) -> str:
    done = subprocess.run(
        ["dunstctl", *args],
        env=desktop.env,
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def history(desktop: Desktop) -> list[dict[str, Any]]:
    """What dunst has shown and closed, newest first, as plain values."""
    document = json.loads(dunstctl(desktop, "history"))
    return [{key: value["data"] for key, value in entry.items()} for entry in document["data"][0]]


def start_dunst(desktop: Desktop, folder: Path) -> Path:
    """dunst with the picker as its dmenu; returns the file the picker keeps its menu in."""
    picker = folder / "picker.sh"
    picker.write_text(PICKER, encoding="utf-8")
    picker.chmod(0o755)
    config = folder / "dunstrc"
    config.write_text(f"[global]\n    dmenu = {picker}\n", encoding="utf-8")
    desktop.launch(["dunst", "-config", str(config)])
    wait_until(
        lambda: True if "true" in _has_owner(desktop) else None,
        10,
        lambda: f"dunst never took {SERVICE}",
        interval_s=0.1,
    )
    return Path(f"{picker}.menu")


def _has_owner(desktop: Desktop) -> str:
    return subprocess.run(
        [
            *("gdbus", "call", "--session", "--dest", "org.freedesktop.DBus"),
            *("--object-path", "/org/freedesktop/DBus"),
            *("--method", "org.freedesktop.DBus.NameHasOwner", SERVICE),
        ],
        env=desktop.env,
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    ).stdout


def test_a_reminder_and_its_action_through_dunst(
    sni: tuple[Desktop, SniHost], portal: Portal, tmp_path: Path
) -> None:
    desktop, host = sni
    sim = portal.sim
    menu_file = start_dunst(desktop, tmp_path)
    sign_in(desktop, portal)
    save_settings(dataclasses.replace(load_settings(), poll_interval_s=15, schedule=SCHEDULE))
    process = desktop.launch([sys.executable, "-m", "tray_app"], app_env(portal))
    app = TrayApp(desktop, process, Geometry(0, 0, 0, 0))
    item = host.wait_for_item()

    # Past 09:10 and not started: the reminder goes to dunst, not to a balloon.
    app.wait_for_log("notification: Workday not started: It is past 09:10", timeout_s=20)
    app.wait_for_log(
        rf"notifications through {SERVICE} \(owned by :1\.\d+; capabilities: [^)]*\bactions\b"
    )
    wait_until(
        lambda: True if dunstctl(desktop, "count", "displayed").strip() == "1" else None,
        10,
        lambda: f"dunst shows {dunstctl(desktop, 'count', 'displayed')} notifications",
    )
    host.desktop.screenshot("notification-dunst-reminder.png")

    # "Start now" from dunst's action menu: one open at the portal.
    mark = len(sim.requests)
    dunstctl(desktop, "context")
    portal.wait_for_request("timeman.open", mark)
    assert portal.writes_since(mark) == [("timeman.open", {})]
    assert portal.status() == "OPENED"
    app.wait_for_log("notification action start on the not_started reminder")
    offered = menu_file.read_text(encoding="utf-8").splitlines()
    assert [line.split(" (")[0] for line in offered] == ["#Snooze today", "#Start now"]
    shown = wait_until(lambda: history(desktop) or None, 10, lambda: "dunst's history is empty")
    reminder = shown[0]
    assert reminder["appname"] == "timeman-tray"
    assert reminder["summary"] == "Workday not started"
    assert reminder["body"].startswith("It is past 09:10, the latest on-time start")
    assert reminder["icon_path"].endswith("opened.svg")

    # Closed elsewhere: the next read (a Refresh from the host's menu) tells it through dunst.
    sim.act(1, "close")
    item.click("Refresh")
    app.wait_for_log("notification: Workday changed elsewhere: The workday was closed elsewhere")
    wait_until(
        lambda: True if dunstctl(desktop, "count", "displayed").strip() == "1" else None,
        10,
        lambda: "dunst does not show the change",
    )
    dunstctl(desktop, "close")
    changed = wait_until(
        lambda: (
            [e for e in history(desktop) if e["summary"] == "Workday changed elsewhere"] or None
        ),
        10,
        lambda: f"not in dunst's history: {history(desktop)}",
    )
    assert changed[0]["appname"] == "timeman-tray"
    assert changed[0]["icon_path"].endswith("opened.svg")
    assert app.log_count("tray balloons") == 0
    app.alive()
