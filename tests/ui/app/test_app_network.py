"""The network watcher (Qt's QNetworkInformation: a backend, a thread, ~3 MiB) is loaded only
once a read has failed: until then the polls are on time and nothing waits for the network."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import launch, stop
from tests.ui.fakes import FakeClient, FakeClock, workday
from tray_app.api.errors import UnavailableError
from tray_app.core.workday import DayState
from tray_app.ui.app import controller_voice

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]


def test_the_network_is_watched_from_the_first_failed_read(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    watched: list[object] = []
    monkeypatch.setattr(controller_voice, "watch_network", watched.append)
    clock = FakeClock()
    client = FakeClient(workday(DayState.OPENED), clock=clock)
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock)
    try:
        rig.wait(lambda: rig.controller.planner is not None)
        assert watched == [], "not while the reads succeed"
        client.fail(UnavailableError("Cannot connect to the portal."))
        rig.timers.poll.fire()
        rig.wait(lambda: rig.controller.view().stale)
        assert watched == [rig.controller]
        rig.timers.poll.fire()  # failing again: still the one watcher
        qtbot.wait(50)
        assert watched == [rig.controller]
    finally:
        stop(rig)
