"""The app in a Wayland session, for real: weston 10's headless backend, Qt's Wayland plugin
(no X11 at all for the app), a StatusNotifierWatcher on the session bus as the tray host.

weston's headless backend has no input seat, so the test does what a panel would do, over
D-Bus: it reads the item and its DBusMenu, sends ``Activate`` (a left click) and menu events.
What each step put on screen is found in weston-screenshooter pictures (the area that changed),
and saved as ``wayland-<step>.png`` in ``$TIMEMAN_ARTIFACTS_DIR``. Asserted: the item
registers and its tooltip and menu follow the demo's running day; ``Activate`` opens the
status panel (Qt's grabbing popup is refused on Wayland: the panel is a tool window); "Close
at…" opens the report dialog and "Settings…" the settings, each a window of its own size; Qt
logs no failed window, and the app keeps running.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator

import pytest

from tests.e2e.desktop import Desktop, artifacts_dir, missing_programs, wait_until
from tests.e2e.sni_host import SniItem
from tests.e2e.wayland import WESTON_PROGRAMS, Weston, changed_area
from tests.e2e.x11 import Geometry
from tests.packaging.sni_watcher import Watcher

pytestmark = pytest.mark.e2e

ITEM_PATH = "/StatusNotifierItem"  # where Qt puts its item
WINDOW_TROUBLE = ("Failed to create", "Could not create", "grabbing popup", "Traceback")


@pytest.fixture
def session() -> Iterator[tuple[Desktop, Weston, Watcher]]:
    missing = missing_programs(None) + [p for p in WESTON_PROGRAMS if shutil.which(p) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not found; install weston imagemagick")
    # The Desktop is only the session bus here (its Xvfb stays unused: the app gets no DISPLAY).
    with Desktop(None) as desktop, Weston() as weston, Watcher(desktop.bus_address) as watcher:
        yield desktop, weston, watcher


def wayland_env(weston: Weston) -> dict[str, str]:
    return {
        **weston.env,
        "DISPLAY": "",
        "QT_QPA_PLATFORM": "wayland",
        "XDG_SESSION_TYPE": "wayland",
        "TZ": "Europe/Moscow",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "LANGUAGE": "",
    }


def the_item(desktop: Desktop, watcher: Watcher) -> SniItem:
    def probe() -> SniItem | None:
        items = list(watcher.items)
        return SniItem(desktop, items[0], ITEM_PATH) if items else None

    return wait_until(probe, 30, lambda: "no item registered with the watcher")


class Screen:
    """The screenshots of one session, each compared with the one before."""

    def __init__(self, weston: Weston) -> None:
        self.weston = weston
        self.last = weston.screenshot(artifacts_dir() / "wayland-desktop.png")

    def after(self, step: str, timeout_s: float = 15.0) -> Geometry:
        """Once the screen changed (and then held still), the area that changed."""
        target = artifacts_dir() / f"wayland-{step}.png"
        scratch = self.weston.runtime / "settling.png"

        def probe() -> Geometry | None:
            shot = self.weston.screenshot(target)
            area = changed_area(self.last, shot)
            if area is None:
                return None
            # A window still drawing (or moving) is caught again in a moment.
            still = self.weston.screenshot(scratch)
            return area if changed_area(shot, still) is None else None

        area = wait_until(probe, timeout_s, lambda: f"nothing changed on screen for {step}")
        self.last = target
        return area


def test_the_tray_panel_report_and_settings_under_wayland(
    session: tuple[Desktop, Weston, Watcher],
) -> None:
    desktop, weston, watcher = session
    screen = Screen(weston)
    process = desktop.launch(
        [sys.executable, "-m", "tray_app", "--demo", "--verbose"], wayland_env(weston)
    )

    # The item, its tooltip and its menu, over D-Bus: the demo's day is running.
    item = the_item(desktop, watcher)
    assert item.property("Id") == "timeman-tray"
    wait_until(
        lambda: True if item.tooltip()[0].startswith("Working") else None,
        30,
        lambda: f"the tooltip never said Working: {item.tooltip()}",
    )
    enabled = {entry.label for entry in item.menu() if entry.enabled and not entry.separator}
    assert {"Pause", "Close workday", "Close at…", "Settings…", "Quit"} <= enabled, enabled
    assert "Start workday" not in enabled

    # A left click opens the status panel: a window of a panel's size, fully on screen.
    item.activate()
    panel = screen.after("panel")
    assert 200 <= panel.w <= 700, panel
    assert 100 <= panel.h <= 700, panel
    assert panel.x + panel.w <= weston.size[0], panel
    assert panel.y + panel.h <= weston.size[1], panel

    # "Close at…" opens the report dialog; "Settings…" the settings window.
    item.click("Close at…")
    report = screen.after("report")
    assert report.w >= 300, report
    assert report.h >= 150, report
    item.click("Settings…")
    settings = screen.after("settings")
    assert settings.w >= 400, settings
    assert settings.h >= 300, settings
    assert settings != report

    assert process.poll() is None, desktop.output(process, "stderr")
    errors = desktop.output(process, "stderr")
    trouble = [line for line in errors.splitlines() if any(t in line for t in WINDOW_TROUBLE)]
    assert trouble == [], errors[-3000:]
    assert "away detection: Detects sleep only" in errors, "weston 10 offers no idle source"
