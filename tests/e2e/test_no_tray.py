"""Without any tray host the app shows its status in a window within seconds; a tray host
started later gets the icon, and the window goes; when that host goes, the window comes back."""

from __future__ import annotations

import sys
import time

import pytest

from tests.e2e.desktop import INSTALL_HINT, Desktop, missing_programs
from tests.e2e.tray_driver import APP_CLASS

pytestmark = pytest.mark.e2e

WINDOW = "^timeman-tray$"
SHOWN_WITHIN_S = 10.0  # the app waits 2 s for a tray; the rest is Python and Qt starting
BACK_WITHIN_S = 30.0  # two answers of "no tray", 10 s apart, then the window


def test_no_tray_shows_a_window_then_a_tray_takes_over_and_leaves_again() -> None:
    missing = missing_programs("trayer")
    if missing:
        pytest.skip(f"{', '.join(missing)} not found; install with: {INSTALL_HINT}")
    desktop = Desktop(tray_host=None).start()  # Xvfb only: no window manager, no tray
    try:
        started = time.monotonic()
        process = desktop.launch([sys.executable, "-m", "tray_app", "--demo"])
        window = desktop.wait_for_window(WINDOW, timeout_s=SHOWN_WITHIN_S)
        shown_after = time.monotonic() - started
        print(f"no-tray window shown {shown_after:.1f} s after launch")
        desktop.wait_for_output(process, "No system tray was found", stream="stderr")
        assert shown_after < SHOWN_WITHIN_S
        time.sleep(1.5)  # the demo portal's first status fills the panel
        shot = desktop.screenshot("no-tray-window.png")
        area = desktop.window_geometry(window)
        assert area.w >= 200, area
        assert area.h >= 100, area
        red, green, blue = desktop.mean_color(shot, area)
        assert min(red, green, blue) > 0.5, "the window is not on the screenshot (a dark area)"

        desktop.add_tray_host("trayer")
        icon = desktop.find_tray_icon(APP_CLASS, timeout_s=15)
        desktop.wait_window_gone(window, timeout_s=10)
        desktop.screenshot("no-tray-then-trayer.png")
        assert 16 <= icon.w <= 48, icon
        assert process.poll() is None, "the app keeps running in the tray"

        desktop.remove_tray_host()
        back = desktop.wait_for_window(WINDOW, timeout_s=BACK_WITHIN_S)
        desktop.add_tray_host("trayer")
        desktop.find_tray_icon(APP_CLASS, timeout_s=15)
        desktop.wait_window_gone(back, timeout_s=10)
        assert process.poll() is None
    finally:
        desktop.stop()
