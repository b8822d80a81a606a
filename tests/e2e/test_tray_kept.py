"""A click is never lost (issue 12), end to end: the real tray under Xvfb with a real tray host
and a real Secret Service, the portal simulator over HTTPS on a live clock.

The portal goes away; "Close workday" is chosen from the menu; the app is killed (SIGKILL: no
chance to save anything after the click) and started again; the portal comes back; a Refresh
from the menu reads it. The day is then closed on the portal at the click's moment, with the
automatic reason, and the icon shows it closed. Each step is a screenshot in the artifacts.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop
from tests.e2e.tray_driver import Portal, TrayApp, app_env, sign_in
from tray_app.config.settings_file import load_settings, save_settings
from tray_app.demo import SimClock, SimUser

pytestmark = [pytest.mark.e2e, pytest.mark.keyring]

SECRET = "q3vn8ykd2m7w5ht0"
MOSCOW = timezone(timedelta(hours=3))
POLL_S = 15
CLOSE = ("Down", "Down")  # on a running day: Pause, then Close workday
REFRESH = ("Up",) * 6


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[Portal]:
    """The simulator on a live clock with Anna (user 1, Moscow), her day running for a while."""
    user = SimUser(user_id=1, secret=SECRET, schedule="FIXED")
    with Portal.running(tmp_path / "tls", SimClock(), [user]) as running:
        now = datetime.now(MOSCOW)
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        start = max(midnight, now - timedelta(minutes=20)).replace(second=0, microsecond=0)
        running.sim.seed_day(1, "OPENED", start=start.astimezone(UTC))
        yield running


def signed_in_tray(desktop: Desktop, portal: Portal) -> TrayApp:
    """Anna signed in beforehand (the CLI's login), her running day shown."""
    sign_in(desktop, portal)
    save_settings(dataclasses.replace(load_settings(), poll_interval_s=POLL_S))
    app = TrayApp.launch(desktop, app_env(portal))
    app.wait_for_look("opened", timeout_s=20)
    return app


def test_a_close_made_offline_survives_a_kill_and_is_sent_with_its_time(
    keyring_desktop: Desktop, portal: Portal
) -> None:
    desktop, sim = keyring_desktop, portal.sim
    app = signed_in_tray(desktop, portal)
    app.screenshot("kept-01-running")

    # The portal goes away; "Close workday" cannot reach it: kept, before anything is said.
    portal.go_away()
    mark = len(sim.requests)
    app.choose("kept-02-menu-close-offline", *CLOSE)
    kept = app.wait_for_log(r"kept close clicked at (\d\d):(\d\d):(\d\d)", timeout_s=20)
    app.wait_for_look("kept", timeout_s=20)  # grey (offline) with the violet kept badge
    app.screenshot("kept-03-kept")
    panel = app.open_panel("kept-04-panel-kept")
    desktop.key("Escape")
    desktop.wait_window_gone(panel)
    assert portal.writes_since(mark) == []  # the portal is away: nothing reached it

    # Killed: whatever was not on disk is gone. Started again, it shows the kept click.
    app.process.kill()
    app.process.wait(timeout=10)
    app = TrayApp.launch(desktop, app_env(portal))
    app.wait_for_look("kept", timeout_s=30)
    app.screenshot("kept-05-restarted-offline")

    # The portal comes back; a read from the menu, and the kept close goes with its time.
    portal.come_back()
    mark = len(sim.requests)
    app.choose("kept-06-menu-refresh-back", *REFRESH)
    close = portal.wait_for_request("timeman.close", mark, timeout_s=30)
    app.wait_for_look("closed", timeout_s=20)
    app.screenshot("kept-07-sent")

    clicked = f"{kept.group(1)}:{kept.group(2)}:{kept.group(3)}"
    assert isinstance(close.json, dict)
    sent_time = str(close.json["TIME"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT" + clicked + r"\+03:00", sent_time), sent_time
    reason = str(close.json["REPORT"])
    assert re.fullmatch(
        rf"Clicked {clicked[:5]} while the portal was unreachable; sent \d\d:\d\d by "
        r"timeman-tray",
        reason,
    ), reason
    assert [method for method, _ in portal.writes_since(mark)] == ["timeman.close"]  # once
    day = sim.day(1)
    assert day is not None
    assert day.status == "CLOSED"
    assert day.finish == datetime.fromisoformat(sent_time).astimezone(UTC)
    app.wait_for_log(r"notification: Kept click sent: Close at " + clicked[:5])
    assert SECRET not in app.log_text()


def test_a_click_the_cli_kept_shows_in_the_running_tray_at_once(
    keyring_desktop: Desktop, portal: Portal
) -> None:
    desktop, sim = keyring_desktop, portal.sim
    app = signed_in_tray(desktop, portal)

    portal.go_away()
    mark = len(sim.requests)
    cli = subprocess.run(
        [sys.executable, "-m", "tray_app", "pause", "--keep"],
        env={**desktop.env, **app_env(portal)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout.startswith("Kept: pause at "), cli.stdout
    app.wait_for_look("kept", timeout_s=8)  # the CLI's nudge, or the tray's own look
    app.screenshot("kept-11-cli-kept")
    assert portal.writes_since(mark) == []

    # Back: the portal can only pause now, so the tray asks instead of faking the time.
    portal.come_back()
    app.choose("kept-12-menu-refresh-back", *REFRESH)
    app.wait_for_log(r"notification: Pause at \d\d:\d\d: not sent: You paused at", timeout_s=30)
    app.screenshot("kept-13-asked")
    assert [method for method, _ in portal.writes_since(mark)] == []
