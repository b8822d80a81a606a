"""Later launches and the CLI reach the running tray: it listens once its first status shows
(its socket is not made on the way to it), and a launch meanwhile holds on."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import launch, stop
from tests.ui.fakes import FakeClient, FakeClock, workday
from tray_app.core.workday import DayState
from tray_app.services import instance

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]


def _send_from_another_process(command: str) -> threading.Thread:
    """``instance.send`` blocks, and the tray answers in this thread's event loop."""
    thread = threading.Thread(target=instance.send, args=(command,), daemon=True)
    thread.start()
    return thread


def test_show_and_refresh_reach_the_tray_after_its_first_status(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clock = FakeClock()
    client = FakeClient(workday(DayState.OPENED), clock=clock)
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock)
    try:
        rig.wait(lambda: rig.app.instance is not None)
        assert Path(instance.server_name()).exists()

        _send_from_another_process(instance.SHOW).join(5)
        rig.wait(lambda: rig.app.panel is not None and rig.app.panel.isVisible())

        reads = len(client.methods())
        _send_from_another_process(instance.REFRESH).join(5)
        rig.wait(lambda: len(client.methods()) > reads)
    finally:
        stop(rig)
    assert not Path(instance.server_name()).exists(), "the socket goes with the tray"
