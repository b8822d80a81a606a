"""A sleep or a change of the clock, found from a periodic tick."""

from __future__ import annotations

import pytest

from tray_app.core.clock_watch import ClockWatch


def test_a_tick_finds_a_jump_of_the_clock_either_way() -> None:
    watch = ClockWatch(1.0, 100.0)
    assert watch.tick(101.0) is None
    assert watch.tick(102.9) is None
    assert watch.tick(3702.9) == 3600.0
    assert watch.tick(3000.0) == pytest.approx(-702.9)
    watch.restart(5000.0)
    assert watch.tick(5001.0) is None
