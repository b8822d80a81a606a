"""A short soak in CI: the real app, dense hours against the simulator, must hold no more file
descriptors, threads, widgets, QObjects or QTimers at the end than after warm-up (counts, not
timings or RSS, so the machine does not matter). The full day and week: benchmarks/soak.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from benchmarks.soak import run_soak
from benchmarks.soak_probe import Holdings

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints",
        "This plugin does not support raise",
        "This plugin does not support grabbing the keyboard",
    ),
]


def test_a_dense_hour_grows_no_count(qtbot: QtBot, tmp_path: Path) -> None:
    del qtbot  # only for its QApplication
    result = run_soak(1, warmup_hours=1, dense=True, folder=tmp_path)

    assert len(result.rows) == 1
    tally = result.tally
    assert tally["away_dialogs"] == 2, "each hour asked about time away"
    assert tally["wakes"], "the sleeps were noticed"
    assert result.rows[-1].requests > 0, "the portal was polled"
    counted = [name for name in Holdings.counted() if name != "py_objects"]
    grown = {name: n for name, n in result.count_growth.items() if name in counted}
    assert grown == {}, f"grew over the soak: {grown}"
