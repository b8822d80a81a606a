"""The running tray keeps the poll interval the rate limit taught, and starts from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import launch, stop
from tests.ui.fakes import FakeClient, FakeClock, workday
from tray_app.api.errors import RateLimitedError
from tray_app.core.workday import DayState
from tray_app.ui.state.poll_state import load_learnt_interval, save_learnt_interval

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]


def test_a_restart_starts_from_the_interval_the_rate_limit_taught(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clock = FakeClock()
    client = FakeClient(workday(DayState.OPENED), clock=clock)
    assert save_learnt_interval(240.0)
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock)
    try:
        # The kept 240 s, less the twentieth the first answer gave back.
        learnt = rig.controller.learnt_interval_s
        assert learnt == pytest.approx(240 / 1.05)
        client.fail(RateLimitedError("Too many.", code="QUERY_LIMIT_EXCEEDED", http_status=503))
        rig.timers.poll.fire()
        rig.wait_idle()
        assert rig.controller.learnt_interval_s == pytest.approx(2 * learnt)
        assert load_learnt_interval() == pytest.approx(2 * learnt), "kept for the next run"
    finally:
        stop(rig)
