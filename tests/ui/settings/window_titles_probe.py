"""Opens every window of the app on a real X display and prints their X window ids.

Run by ``tests/ui/settings/test_settings_window_titles.py`` as
``python -m tests.ui.settings.window_titles_probe`` on an Xvfb desktop: it prints one JSON
line ``{name: [window id, QWindow.title()]}`` once all windows are shown, then waits until it
is killed, so the test reads what the window manager sees (``_NET_WM_NAME``). The application
is named as :func:`tray_app.startup.tray_main.run` names it.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tests.core.samples import D_EXPIRED, D_OPENED, D_SETTINGS, result
from tray_app.config import MemorySecretStore, Settings
from tray_app.core.away import AwayCause, AwayEpisode
from tray_app.core.portal_settings import parse_portal_settings
from tray_app.core.workday import parse_workday
from tray_app.services.autostart import Autostart
from tray_app.ui.app.windows import show_about
from tray_app.ui.away.dialog import AwayDialog
from tray_app.ui.history.window import HistoryWindow
from tray_app.ui.report.dialog import ReportDialog, ReportMode
from tray_app.ui.settings.dialog import SettingsDialog
from tray_app.ui.shared.viewstate import Phase, ViewState

APP_NAME = "timeman-tray"
PLUS2 = timezone(timedelta(hours=2))
EVENING = datetime(2025, 3, 27, 17, 30, tzinfo=PLUS2)  # the [D] OPENED day is open


def _view(answer: str) -> ViewState:
    day = parse_workday(result(answer))
    settings = parse_portal_settings(result(D_SETTINGS))
    return ViewState(phase=Phase.READY, day_state=day.state, workday=day, settings=settings)


def _settings(first_run: bool) -> SettingsDialog:
    home = Path(tempfile.mkdtemp(prefix="tm-titles-"))
    return SettingsDialog(
        Settings(),
        run_task=lambda _task, _done: None,
        store_factory=MemorySecretStore,
        first_run=first_run,
        autostart=Autostart(platform="linux", environ={}, home=home),
        autostart_command=["timeman-tray"],
    )


def _about() -> QWidget:
    """The About box as the tray's menu opens it, shown without blocking."""
    shown: list[QMessageBox] = []

    def about(parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
        box.show()
        shown.append(box)

    original = QMessageBox.about
    QMessageBox.about = about  # type: ignore[method-assign]
    try:
        show_about("", demo=True)
    finally:
        QMessageBox.about = original  # type: ignore[method-assign]
    return shown[0]


def windows() -> dict[str, QWidget]:
    """Every kind of window the app opens, by a short name."""
    clock = lambda: EVENING  # noqa: E731
    opened, expired = _view(D_OPENED), _view(D_EXPIRED)
    episode = AwayEpisode(EVENING - timedelta(hours=1), EVENING, AwayCause.LOCKED)
    return {
        "settings": _settings(first_run=False),
        "welcome": _settings(first_run=True),
        "report_start": ReportDialog(ReportMode.START, opened, clock, local_zone=PLUS2),
        "report_close": ReportDialog(ReportMode.CLOSE, opened, clock, local_zone=PLUS2),
        "report_expired": ReportDialog(
            ReportMode.CLOSE_EXPIRED, expired, lambda: EVENING + timedelta(days=2)
        ),
        "away": AwayDialog(episode, opened.workday, local_zone=PLUS2),
        "history": HistoryWindow(None),
        "about": _about(),
    }


def main() -> int:
    app = QApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    shown = windows()
    for window in shown.values():
        window.show()

    def report() -> None:
        ids = {}
        for name, window in shown.items():
            handle = window.windowHandle()
            assert handle is not None, name
            ids[name] = [int(window.winId()), handle.title()]
        print(json.dumps(ids), flush=True)

    QTimer.singleShot(500, report)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
