"""Every window's title bar names the app exactly once, as the window manager reads it.

Qt's xcb platform appends `` — <applicationDisplayName>`` to a window title that does not
already end with it (``QPlatformWindow::formatWindowTitle``), so a title that starts with the
name ("timeman-tray settings") read "timeman-tray settings — timeman-tray". The windows run in
a subprocess on an Xvfb desktop with a window manager (icewm); ``xprop`` reads
``_NET_WM_NAME``, the title the window manager draws.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.e2e.desktop import Desktop, missing_programs

pytestmark = pytest.mark.e2e

APP_NAME = "timeman-tray"
EXPECTED = {
    "settings": "Settings — timeman-tray",
    "welcome": "Welcome to timeman-tray",
    "report_start": "Change start time — timeman-tray",
    "report_close": "Close at another time — timeman-tray",
    "report_expired": "Close the forgotten day — timeman-tray",
    "away": "Welcome back — timeman-tray",
    "history": "Work history — timeman-tray",
    "about": "About timeman-tray",
}


def net_wm_name(desktop: Desktop, wid: int) -> str:
    out = subprocess.run(
        ["xprop", "-id", str(wid), "_NET_WM_NAME"],
        env=desktop.env,
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    ).stdout
    found = re.fullmatch(r'_NET_WM_NAME\(UTF8_STRING\) = "(.*)"\s*', out, re.DOTALL)
    assert found is not None, out
    return found.group(1)


@pytest.fixture(scope="module")
def titles() -> dict[str, tuple[str, str]]:
    """Each window's QWindow.title() and its _NET_WM_NAME."""
    missing = missing_programs("icewm") + missing_programs(None)
    if missing:
        pytest.skip(f"missing: {', '.join(sorted(set(missing)))}")
    with Desktop("icewm") as desktop:
        probe = desktop.launch(
            [sys.executable, "-m", "tests.ui.settings.window_titles_probe"],
            {"QT_QPA_PLATFORM": "xcb", "LANGUAGE": "en", "LC_ALL": "C.UTF-8"},
        )
        line = desktop.wait_for_output(probe, r"^\{.*\}$", timeout_s=30)
        ids = json.loads(line.group(0))
        return {name: (qt, net_wm_name(desktop, wid)) for name, (wid, qt) in ids.items()}


def test_every_window_is_probed(titles: dict[str, tuple[str, str]]) -> None:
    assert set(titles) == set(EXPECTED)


@pytest.mark.parametrize("window", sorted(EXPECTED))
def test_the_title_bar_names_the_app_once(titles: dict[str, tuple[str, str]], window: str) -> None:
    qt_title, shown = titles[window]
    assert shown == EXPECTED[window]
    assert shown.count(APP_NAME) == 1
    # The window's own title stays without the suffix Qt adds on X11 (no name twice elsewhere).
    assert shown in (qt_title, f"{qt_title} — {APP_NAME}")
