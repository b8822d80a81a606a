"""The tray app end to end, for real: ``python -m tray_app`` under Xvfb with a real tray host
(icewm, then trayer), a real Secret Service (gnome-keyring on the desktop's bus) and the portal
simulator over HTTPS (trusted through ``SSL_CERT_FILE``), driven only from the outside: xdotool
clicks on the icon, keys in its menu and dialogs, typed text (Cyrillic too).

Asserted from the outside as well: the requests the simulator recorded (method and JSON body)
and its day, the keyring entry, the settings file, the app's log, the windows, and the icon's
colour on screenshots (green opened, amber paused, slate closed, red-orange expired, grey when
the portal is unreachable). Each state is saved as ``tray-<host>-<step>.png`` in
``$TIMEMAN_ARTIFACTS_DIR`` (default ``artifacts/``) for a person to look at.

The menu, top to bottom (tray.py): the header (disabled), "Close the forgotten day..." (only for
an expired day), Start workday, Pause, Resume, Close workday, Change start time..., Close at...,
Refresh, Open in Bitrix24, Settings..., Open log folder, About, Quit. Arrow keys skip disabled
and hidden items: ``Down`` reaches the first day action that applies, and six times ``Up``
reaches Refresh whatever the day.

The simulator's clock is frozen and moved by the test; the app follows it through the
``time.start`` of each answer.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop
from tests.e2e.tray_driver import (
    APP_CLASS,
    Portal,
    TrayApp,
    app_env,
    keyring_secret,
    sign_in,
    wait_for_secret,
)
from tray_app.config.settings import Settings
from tray_app.config.settings_file import load_settings, save_settings
from tray_app.demo import SimClock, SimUser

pytestmark = [pytest.mark.e2e, pytest.mark.keyring]

SECRET = "k7dmwq2x9p4tz1ab"
# Wednesday 2026-11-18, 09:00 in Moscow (UTC+3): the user's profile zone and the app's TZ.
NOW = datetime(2026, 11, 18, 6, 0, tzinfo=UTC)
# Monday 2026-11-16, 09:12 in Moscow: a day nobody closed.
FORGOTTEN_START = datetime(2026, 11, 16, 6, 12, tzinfo=UTC)
REASON = "Забыл закрыть день"
POLL_S = 15  # the shortest poll interval the settings allow
REFRESH = ("Up",) * 6  # from below: Quit, About, Open log folder, Settings, Open in Bitrix24


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[Portal]:
    """The simulator with Anna Ivanova (user 1, FIXED schedule, Moscow), no day yet."""
    user = SimUser(user_id=1, secret=SECRET, schedule="FIXED")
    with Portal.running(tmp_path / "tls", SimClock(start=NOW), [user]) as running:
        yield running


def test_first_run_and_a_day_from_the_menu(keyring_desktop: Desktop, portal: Portal) -> None:
    desktop, sim = keyring_desktop, portal.sim
    save_settings(Settings(poll_interval_s=POLL_S))  # no account: the first run
    app = TrayApp.launch(desktop, app_env(portal))

    # The welcome dialog opens by itself; the webhook is typed and Enter signs in.
    dialog = desktop.wait_for_window("^Welcome to timeman-tray", timeout_s=20)
    app.screenshot("01-first-run")
    desktop.key("alt+w", window=dialog)  # the "Webhook URL" field
    desktop.type_text(sim.webhook_url(1))
    app.screenshot("02-webhook-typed")
    mark = len(sim.requests)
    desktop.key("Return")
    username = f"127.0.0.1:{portal.port}/1"
    assert wait_for_secret(desktop, username) == SECRET
    app.wait_for_log(r"the webhook of user 1 at https://127\.0\.0\.1:\d+ works")
    app.screenshot("03-signed-in")
    assert portal.methods_since(mark)[:3] == ["profile", "scope", "timeman.status"]
    desktop.key("Escape", window=dialog)
    desktop.wait_window_gone(dialog)
    settings = app.settings_document()
    assert settings["portal_url"] == sim.base_url
    assert settings["user_id"] == 1
    assert settings["display_name"] == "Anna Ivanova"
    assert settings["poll_interval_s"] == POLL_S
    assert SECRET not in str(settings)
    app.wait_for_look("closed")  # no day yet
    app.screenshot("04-no-workday")

    # Start, pause, resume from the menu: one write each, and the portal's day follows.
    mark = len(sim.requests)
    app.choose("05-menu-start", "Down")
    portal.wait_for_request("timeman.open", mark)
    app.wait_for_look("opened")
    app.screenshot("06-opened")
    assert portal.writes_since(mark) == [("timeman.open", {})]
    assert portal.status() == "OPENED"

    sim.clock.advance(timedelta(hours=2))
    mark = len(sim.requests)
    app.choose("07-menu-pause", "Down")
    portal.wait_for_request("timeman.pause", mark)
    app.wait_for_look("paused")
    app.screenshot("08-paused")
    assert portal.writes_since(mark) == [("timeman.pause", {})]
    assert portal.status() == "PAUSED"

    sim.clock.advance(timedelta(minutes=15))
    mark = len(sim.requests)
    app.choose("09-menu-resume", "Down")
    resumed = portal.wait_for_request("timeman.open", mark)
    app.wait_for_look("opened")
    assert portal.writes_since(mark) == [("timeman.open", {})]
    assert portal.status() == "OPENED"

    # A left click opens the status panel; Escape closes it.
    panel = app.open_panel("10-panel")
    desktop.key("Escape")
    desktop.wait_window_gone(panel)

    # Closed elsewhere (the web, a phone): the next poll shows it and a balloon says so. Once
    # the follow-up read 3 s after the action is done, only the poll timer reads.
    portal.wait_for_request("timeman.status", portal.index(resumed) + 1, timeout_s=10)
    sim.clock.advance(timedelta(hours=6))
    before = desktop.visible_windows(".", by="--class")
    mark = len(sim.requests)
    sim.act(1, "close")
    took = app.wait_for_look("closed", timeout_s=POLL_S * 1.1 + 5)
    assert took <= POLL_S * 1.1 + 3, f"noticed after {took:.1f} s"
    app.wait_for_log(
        "notification: Workday changed elsewhere: The workday was closed elsewhere", timeout_s=5
    )
    desktop.wait_for_new_window(before, class_regex=APP_CLASS)  # the balloon
    # This desktop has no notification daemon (tests/e2e/desktop.py): the log says so.
    app.wait_for_log(
        "notifications as tray balloons: nothing owns org.freedesktop.Notifications on the "
        "session bus and it cannot start one"
    )
    app.screenshot("11-closed-elsewhere")
    assert set(portal.methods_since(mark)) <= {"timeman.status", "batch"}
    assert keyring_secret(desktop, username) == SECRET
    assert SECRET not in app.log_text()


def test_a_forgotten_day_and_the_portal_away(keyring_desktop: Desktop, portal: Portal) -> None:
    desktop, sim = keyring_desktop, portal.sim
    # Signed in beforehand, as benchmarks/run.py does: "timeman-tray login" into the keyring.
    sign_in(desktop, portal)
    save_settings(dataclasses.replace(load_settings(), poll_interval_s=POLL_S))
    assert keyring_secret(desktop, f"127.0.0.1:{portal.port}/1") == SECRET
    app = TrayApp.launch(desktop, app_env(portal))
    app.wait_for_look("closed", timeout_s=20)

    # Monday's day was never closed: Refresh shows it (red-orange, and a balloon).
    sim.seed_day(1, "EXPIRED", start=FORGOTTEN_START)
    refresh_row = app.choose("21-menu-refresh", *REFRESH)
    app.wait_for_look("expired")
    app.wait_for_log(
        "notification: Workday left open: The workday started Mon 16 Nov 09:12 was never closed"
    )
    app.screenshot("22-expired")

    # "Close the forgotten day..." comes first; its dialog suggests an end on Monday. Another
    # time and a reason in Russian are typed; Ctrl+Enter sends them.
    app.choose("23-menu-close-forgotten", "Down")
    dialog = desktop.wait_for_window("^Close the forgotten day")
    time.sleep(0.3)  # painted
    app.screenshot("24-forgotten-day-dialog")
    desktop.key("alt+t", window=dialog)
    desktop.type_text("17:45")
    desktop.key("alt+r")
    desktop.type_text(REASON)
    time.sleep(0.2)
    app.screenshot("25-forgotten-day-filled")
    mark = len(sim.requests)
    desktop.key("ctrl+Return")
    close = portal.wait_for_request("timeman.close", mark)
    desktop.wait_window_gone(dialog)
    assert close.json == {"TIME": "2026-11-16T17:45:00+03:00", "REPORT": REASON}
    assert close.params["REPORT"] == REASON
    assert portal.writes_since(mark) == [("timeman.close", close.json)]
    day = sim.day(1)
    assert day is not None
    assert (day.status, day.start, day.finish) == (
        "CLOSED",
        FORGOTTEN_START,
        datetime(2026, 11, 16, 14, 45, tzinfo=UTC),
    )
    app.wait_for_look("closed")
    app.screenshot("26-forgotten-day-closed")

    # The portal goes away: the next read fails and the icon turns grey, the last day kept.
    portal.go_away()
    app.choose("27-menu-refresh-offline", *REFRESH, above_bottom=refresh_row)
    app.wait_for_look("grey", timeout_s=20)
    app.wait_for_log(r"status\S* job \d+ failed \([^)]*\): Cannot connect to https://127\.0\.0\.1")
    app.screenshot("28-portal-away")
    panel = app.open_panel("29-panel-away")
    desktop.key("Escape")
    desktop.wait_window_gone(panel)

    # It comes back at the same address: a read from the menu brings the colour back.
    mark = len(sim.requests)
    portal.come_back()
    app.choose("30-menu-refresh-back", *REFRESH, above_bottom=refresh_row)
    app.wait_for_look("closed", timeout_s=20)
    app.screenshot("31-portal-back")
    statuses = [r for r in portal.requests_since(mark) if r.rest_method == "timeman.status"]
    assert statuses
    assert statuses[-1].answered_status == 200
    assert portal.writes_since(mark) == []
    assert SECRET not in app.log_text()
