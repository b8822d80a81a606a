"""The whole tray application on a fake portal client, a fake clock and hand-fired timers.

:func:`launch` builds :class:`~tray_app.ui.app.application.TrayApplication` the way ``main`` does
(a shown icon, the per-user lock), with the test's client, clock, timers, zone and journal file,
starts it and waits for the first answer. Tray messages are caught instead of shown.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from tests.ui.fakes import ZONE, FakeClient, FakeClock, FakeFactory, FakeTimers
from tray_app.config.settings import Settings
from tray_app.config.settings_file import save_settings
from tray_app.startup.instance_lock import InstanceLock
from tray_app.startup.tray_wiring import serve_commands
from tray_app.ui.app.application import TrayApplication
from tray_app.ui.shared.viewstate import Phase
from tray_app.ui.shell.wiring import PortalSide
from tray_app.ui.state.controller import DayController

REPO = Path(__file__).resolve().parents[2]
WAIT_MS = 5000
PORTAL = "https://portal.example.com"
ACCOUNT = f"{PORTAL}/7"


@dataclass
class AppRig:
    """A running app and what it showed."""

    app: TrayApplication
    client: FakeClient
    clock: FakeClock
    timers: FakeTimers
    qtbot: QtBot
    journal_path: Path
    messages: list[tuple[str, str]] = field(default_factory=list)

    @property
    def controller(self) -> DayController:
        assert self.app.controller is not None
        return self.app.controller

    def wait(self, condition: Callable[[], bool], timeout: int = WAIT_MS) -> None:
        self.qtbot.waitUntil(condition, timeout=timeout)

    def wait_idle(self) -> None:
        """Until no poll or action is on its way and queued writes ran."""
        self.wait(lambda: self.controller.idle)
        QApplication.processEvents()

    def titles(self) -> list[str]:
        return [title for title, _ in self.messages]


def launch(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    client: FakeClient,
    clock: FakeClock,
    *,
    settings: Settings | None = None,
    zone: tzinfo = ZONE,
    journal_path: Path | None = None,
    factory: Callable[[], object] | None = None,
    idle_source: Callable[[], object] | None = None,
    away_options: dict[str, object] | None = None,
) -> AppRig:
    """The app, started, with its first answer shown. ``factory`` replaces ``client`` as the
    app's portal (a real client of the simulator)."""
    monkeypatch.setattr("tray_app.services.logs.setup_logging", lambda **_kwargs: None)
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    save_settings(settings or Settings(portal_url=PORTAL, user_id=7, language="en"))
    icon = QSystemTrayIcon()
    lock = InstanceLock()
    assert lock.acquire()
    timers = FakeTimers()
    path = journal_path or tmp_path / "journal.sqlite3"
    app = TrayApplication(
        QApplication.instance(),  # type: ignore[arg-type]
        icon,
        lock,
        portal=PortalSide(client_factory=factory or FakeFactory(client)),  # type: ignore[arg-type]
        serve_commands=serve_commands,
        controller_options={"clock": clock, "timer_factory": timers, "rng": random.Random(7)},
        journal_path=path,
        zone=zone,
        idle_source=idle_source or _NoDesktop,  # type: ignore[arg-type]
        away_options=away_options,
    )
    rig = AppRig(app, client, clock, timers, qtbot, path)

    def caught(title: str, message: str, *_rest: object) -> None:
        rig.messages.append((title, message))

    icon.showMessage = caught  # type: ignore[method-assign,assignment]
    app.start()

    def ready() -> bool:
        return app.controller is not None and app.controller.view().phase is Phase.READY

    def spread() -> bool:  # one of a fleet: the first read waits for its moment (the timer)
        return app.controller is not None and bool(timers.made) and timers.poll.active

    rig.wait(lambda: ready() or spread())
    if not ready():
        timers.poll.fire()
    rig.wait(ready)
    rig.wait_idle()
    return rig


class _NoDesktop:
    """An idle source that notices nothing (the tests' machine's desktop is not asked)."""

    def idle_seconds(self) -> None:
        return None

    def locked(self) -> None:
        return None

    def describe(self) -> object:
        from tray_app.ui.away.idle.base import Detection  # noqa: PLC0415

        return Detection()

    def on_change(self, callback: object) -> None:
        del callback

    def close(self) -> None:
        pass


def stop(rig: AppRig) -> None:
    """Quit the app and close what it opened."""
    if rig.client.release is not None:
        rig.client.release.set()
    window = rig.app.history_window
    # QApplication.exit() outside a running loop would end the tests' later waits at once.
    rig.app.app = SimpleNamespace(exit=lambda _code: None)  # type: ignore[assignment]
    rig.app.quit()
    if window is not None:
        import shiboken6  # noqa: PLC0415

        if shiboken6.isValid(window):
            window.close()
    QApplication.processEvents()


def local(moment: datetime) -> datetime:
    return moment.astimezone(ZONE)


def artifacts() -> Path:
    """Where screenshots go for a person to look at."""
    folder = Path(os.environ.get("TIMEMAN_ARTIFACTS_DIR") or REPO / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settings(**changes: object) -> Settings:
    """The signed-in test account's settings, with ``changes``."""
    return Settings(portal_url=PORTAL, user_id=7, language="en", **changes)  # type: ignore[arg-type]
