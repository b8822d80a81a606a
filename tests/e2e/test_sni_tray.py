"""The tray on a StatusNotifierItem host, for real: xfce4-panel's status tray on Xvfb
(tests/e2e/sni_host.py), a real Secret Service and the portal simulator over HTTPS. Qt sees
the watcher on the bus and makes a D-Bus item instead of an XEmbed icon; the test reads and
drives that item over D-Bus, as the panel does.

Asserted on D-Bus: the item is registered with the watcher; its Status, icon (IconPixmap's
colour: slate closed, green opened, amber paused, red-orange for a forgotten day) and ToolTip
title follow the day and its elapsed time (Qt puts the whole tooltip in the title; its text
stays empty); its DBusMenu layout enables the actions of each state only; ``Activate`` opens
the status panel (a mapped window of the app); a DBusMenu ``Event`` on "Start workday" and on
"Pause" makes exactly those writes at the simulator. The panel's strip is saved in each state
as ``sni-<state>.png`` in ``$TIMEMAN_ARTIFACTS_DIR``.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop, Geometry, missing_programs, wait_until
from tests.e2e.sni_host import SniHost, SniItem, sni_desktop
from tests.e2e.test_tray_day import FORGOTTEN_START, NOW, SECRET
from tests.e2e.tray_driver import APP_CLASS, STATE_HUES, Portal, TrayApp, app_env, sign_in
from tray_app.config.settings_file import load_settings, save_settings
from tray_app.demo import SimClock, SimUser

pytestmark = [pytest.mark.e2e, pytest.mark.keyring]

DAY_ENTRIES = ("Start workday", "Pause", "Resume", "Close workday")


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[Portal]:
    user = SimUser(user_id=1, secret=SECRET, schedule="FIXED")
    with Portal.running(tmp_path / "tls", SimClock(start=NOW), [user]) as running:
        yield running


@pytest.fixture
def sni(request: pytest.FixtureRequest) -> Iterator[tuple[Desktop, SniHost]]:
    missing = missing_programs() + [p for p in ("xfce4-panel",) if shutil.which(p) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not found; install xfce4-panel xfconf")
    import os  # noqa: PLC0415

    with sni_desktop(os.environ) as started:
        desktop, _host = started
        try:
            yield started
        except BaseException:
            desktop.save_diagnostics(f"failed-{request.node.name}")
            raise


def enabled_day_entries(item: SniItem) -> set[str]:
    return {entry.label for entry in item.menu() if entry.label in DAY_ENTRIES and entry.enabled}


def hue_of(state: str) -> float:
    return STATE_HUES[state]  # type: ignore[index]


def wait_for_state(item: SniItem, state: str, title_start: str, timeout_s: float = 15.0) -> str:
    """Until the tooltip's title starts with ``title_start`` and the icon shows ``state``'s
    colour; returns the title."""

    def probe() -> str | None:
        title, _text = item.tooltip()
        hue = item.icon_hue()
        near = hue is not None and min(abs(hue - hue_of(state)), 360 - abs(hue - hue_of(state)))
        if title.startswith(title_start) and near is not False and near < 20:
            return title
        return None

    return wait_until(
        probe, timeout_s, lambda: f"not {state}: {item.tooltip()}, hue {item.icon_hue()}"
    )


def test_the_item_on_a_real_sni_host(sni: tuple[Desktop, SniHost], portal: Portal) -> None:
    desktop, host = sni
    sim = portal.sim
    sign_in(desktop, portal)
    save_settings(dataclasses.replace(load_settings(), poll_interval_s=15))
    process = desktop.launch([sys.executable, "-m", "tray_app"], app_env(portal))
    app = TrayApp(desktop, process, Geometry(0, 0, 0, 0))

    # Registered with the watcher, no XEmbed window: the SNI path.
    item = host.wait_for_item()
    assert item.property("Id") == "timeman-tray"
    assert item.property("Status") == "Active"
    assert item.tooltip()[1] == ""
    wait_for_state(item, "closed", "No workday")
    assert enabled_day_entries(item) == {"Start workday"}
    assert host.screenshot("sni-closed.png").is_file()

    # "Start workday" from the host's menu: one open at the portal, and the item follows.
    mark = len(sim.requests)
    item.click("Start workday")
    portal.wait_for_request("timeman.open", mark)
    assert portal.writes_since(mark) == [("timeman.open", {})]
    assert portal.status() == "OPENED"
    wait_for_state(item, "opened", "Working")
    assert enabled_day_entries(item) == {"Pause", "Close workday"}

    # Two hours later by the portal's clock, a Refresh: the elapsed time is in the tooltip.
    sim.clock.advance(timedelta(hours=2))
    item.click("Refresh")
    title = wait_for_state(item, "opened", "Working · 2:0")
    assert "since 09:00" in title, title
    assert host.screenshot("sni-opened.png").is_file()

    # Activate (a left click) opens the status panel.
    before = desktop.visible_windows(".", by="--class")
    item.activate()
    panel = desktop.wait_for_new_window(before, class_regex=APP_CLASS)
    assert desktop.is_viewable(panel)
    desktop.key("Escape", window=panel)
    desktop.wait_window_gone(panel)

    mark = len(sim.requests)
    item.click("Pause")
    portal.wait_for_request("timeman.pause", mark)
    assert portal.writes_since(mark) == [("timeman.pause", {})]
    wait_for_state(item, "paused", "On a break")
    assert enabled_day_entries(item) == {"Resume", "Close workday"}
    assert host.screenshot("sni-paused.png").is_file()

    # Monday's day was never closed: the forgotten-day entry comes first, nothing else applies.
    sim.seed_day(1, "EXPIRED", start=FORGOTTEN_START)
    item.click("Refresh")
    wait_for_state(item, "expired", "Day left open")
    forgotten = item.entry("Close the forgotten day…")
    assert forgotten.visible
    assert forgotten.enabled
    assert enabled_day_entries(item) == set()
    assert host.screenshot("sni-expired.png").is_file()
    app.alive()
    assert SECRET not in app.log_text()
