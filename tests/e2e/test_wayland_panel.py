"""Under Wayland (weston, headless) the status panel opens: a frameless tool window, where a
grabbing Qt.Popup without a parent that had input is refused by the compositor."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.e2e.desktop import ROOT
from tests.e2e.wayland import Weston

pytestmark = pytest.mark.e2e

# Opens the panel as a left click does when the icon's geometry is unknown (SNI, Wayland),
# then reports what the compositor made of it.
PROBE = """
import sys
from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
sys.path.insert(0, ".")
from tests.ui.fakes import view_of
from tray_app.core.workday import DayState
from tray_app.ui.shell.panel import StatusPanel
from tray_app.ui.shell.tray import TrayView
tray = TrayView()
tray.render(view_of(DayState.OPENED))
panel = StatusPanel(tray)
panel.show_view(tray.view)
panel.show_near(QRect())
def report():
    handle = panel.windowHandle()
    print(app.platformName(), int(panel.windowType()), panel.isVisible(), handle.isExposed())
    app.quit()
QTimer.singleShot(1500, report)
app.exec()
"""


def test_the_panel_opens_under_wayland() -> None:
    if shutil.which("weston") is None:
        pytest.skip("weston not found; install with: sudo apt-get install -y weston")
    with Weston() as weston:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DISPLAY", "DBUS_SESSION_BUS_ADDRESS"}
        }
        env.update(QT_QPA_PLATFORM="wayland", **weston.env)
        probe = subprocess.run(
            [sys.executable, "-c", PROBE],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert probe.returncode == 0, probe.stderr
    assert "Failed to create grabbing popup" not in probe.stderr, probe.stderr
    platform, window_type, visible, exposed = probe.stdout.split()
    assert platform == "wayland"
    assert window_type == str(0x0B), "Qt.Tool, not Qt.Popup"
    assert (visible, exposed) == ("True", "True"), probe.stderr
