"""The tick wakes when a figure shown turns, not every second, and finds a sleep however far
apart two ticks are."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.fakes import START, T0, FakeClient, FakeClock, FakeFactory, FakeTimers, reading
from tests.ui.fakes import workday as make_day
from tests.ui.state.controller_rig import Rig
from tray_app.core.workday import DayState
from tray_app.ui.state.controller import DayController
from tray_app.ui.state.tick import TURN_MARGIN_S, SleepWatch, next_turn_in, to_next_minute

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING")]

# T0 is 10:00:30 local: the local minute turns in 30 s.


def test_a_count_reaches_its_next_minute() -> None:
    assert to_next_minute(90.0) == 30.0
    assert to_next_minute(120.0) == 60.0, "never 0: a minute just turned waits for the next"


def test_without_a_day_only_the_minute_of_the_clock() -> None:
    assert next_turn_in(T0, None, None) == pytest.approx(30 + TURN_MARGIN_S)


def test_a_running_day_wakes_when_its_worked_minute_turns() -> None:
    """Started 08:00:50: at 10:00:30 it is 1:59:40 worked, the headline's 2:00 in 20 s."""
    day = make_day(DayState.OPENED, start=START + timedelta(seconds=50))
    assert next_turn_in(T0, reading(day), None) == pytest.approx(20 + TURN_MARGIN_S)


def test_a_closed_day_wakes_with_the_clock_only() -> None:
    day = make_day(
        DayState.CLOSED,
        start=START + timedelta(seconds=50),
        finish=START + timedelta(hours=1),
        duration=timedelta(minutes=59, seconds=10),
    )
    assert next_turn_in(T0, reading(day), None) == pytest.approx(30 + TURN_MARGIN_S)


def test_the_portals_minute_counts_too() -> None:
    """A portal 20 s ahead turns its minute 10 s from now (the expected end is in its time)."""
    day = make_day(DayState.CLOSED, finish=START + timedelta(hours=1))
    assert next_turn_in(T0, reading(day, skew_s=20), None) == pytest.approx(10 + TURN_MARGIN_S)


def test_a_moment_due_soon_counts_and_one_past_does_not() -> None:
    assert next_turn_in(T0, None, None, also_due=(T0 + 5,)) == pytest.approx(5 + TURN_MARGIN_S)
    assert next_turn_in(T0, None, None, also_due=(T0 - 5,)) == pytest.approx(30 + TURN_MARGIN_S)


def test_a_sleep_is_the_wall_clock_outrunning_the_monotonic_one() -> None:
    watch = SleepWatch(2.0, wall=1000.0, monotonic=50.0)
    assert watch.tick(1060.0, 110.0) is None, "a minute apart, both clocks alike"
    assert watch.tick(4660.0, 111.0) == 3600.0, "an hour asleep"
    assert watch.tick(4560.0, 112.0) == -100.0, "the clock set back"
    assert watch.tick(4561.5, 113.0) is None, "within the tolerance"


def test_an_idle_tray_ticks_at_the_next_minute_not_every_second(qtbot: QtBot) -> None:
    clock = FakeClock()
    client = FakeClient(make_day(DayState.OPENED), clock=clock)
    timers = FakeTimers()
    controller = DayController(
        FakeFactory(client), clock=clock, rng=random.Random(7), timer_factory=timers
    )
    rig = Rig.recording(controller, client, FakeFactory(client), clock, timers, qtbot)
    try:
        rig.start()
        assert timers.tick.interval_ms == round((30 + TURN_MARGIN_S) * 1000)
        worked = rig.view.worked
        clock.advance(30 + TURN_MARGIN_S)
        timers.tick.fire()
        assert rig.view.worked == worked + timedelta(minutes=1), "the minute turned"
        assert timers.tick.interval_ms == 60_000, "and the next one is a minute away"
    finally:
        controller.stop()
