"""The away monitor on a fake source and fake clocks: what it asks, when, and what it reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest
from pytestqt.qtbot import QtBot

from tray_app.core.away import AwayCause, AwayEpisode
from tray_app.core.read_pacing import Presence
from tray_app.ui.away.idle.base import Detection, DetectionLevel
from tray_app.ui.away.monitor import AwayMonitor, detection_text, local_now

PLUS2 = timezone(timedelta(hours=2))
NINE = datetime(2025, 3, 27, 9, 0, tzinfo=PLUS2)


class FakeSource:
    """An idle source whose answers the test sets; counts the questions."""

    def __init__(self) -> None:
        self.idle: float | None = 0.0
        self.is_locked: bool | None = False
        self.questions = 0
        self.callback: Callable[[], None] | None = None
        self.closed = False

    def idle_seconds(self) -> float | None:
        self.questions += 1
        return self.idle

    def locked(self) -> bool | None:
        return self.is_locked

    def describe(self) -> Detection:
        return Detection("fake", ("fake lock",))

    def on_change(self, callback: Callable[[], None] | None) -> None:
        self.callback = callback

    def close(self) -> None:
        self.closed = True


class Clocks:
    """Wall and monotonic clocks that move together, or apart for a sleep."""

    def __init__(self) -> None:
        self.wall = NINE
        self.mono = 1000.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float, *, asleep: bool = False) -> None:
        self.wall += timedelta(seconds=seconds)
        if not asleep:
            self.mono += seconds


@pytest.fixture
def parts(qtbot: QtBot) -> tuple[AwayMonitor, FakeSource, Clocks, list[AwayEpisode]]:
    source, clocks = FakeSource(), Clocks()
    monitor = AwayMonitor(
        source, threshold_min=10, wall=clocks.now, monotonic=clocks.monotonic, timer_ms=3_600_000
    )
    episodes: list[AwayEpisode] = []
    monitor.returned.connect(episodes.append)
    return monitor, source, clocks, episodes


def run(monitor: AwayMonitor, source: FakeSource, clocks: Clocks, minutes: float) -> None:
    """``minutes`` pass with a sample every 20 s; the idle time grows unless it is None."""
    for _ in range(round(minutes * 3)):
        clocks.advance(20)
        if source.idle is not None:
            source.idle += 20
        monitor.sample_now()


def test_a_lock_announced_by_the_desktop_is_an_exact_moment(
    parts: tuple[AwayMonitor, FakeSource, Clocks, list[AwayEpisode]], qtbot: QtBot
) -> None:
    monitor, source, clocks, episodes = parts
    monitor.set_day_open(True)
    monitor.start()
    assert source.callback is not None
    clocks.advance(7)
    source.idle, source.is_locked = 0.0, True
    source.callback()  # ActiveChanged: sampled at once, not 13 s later
    assert monitor.away_since == NINE + timedelta(seconds=7)
    run(monitor, source, clocks, 30)
    source.idle, source.is_locked = 0.0, False
    clocks.advance(5)
    with qtbot.waitSignal(monitor.returned) as signal:
        source.callback()
    expected = AwayEpisode(NINE + timedelta(seconds=7), clocks.wall, AwayCause.LOCKED)
    assert signal.args == [expected]
    assert episodes == [expected]


def test_the_source_is_not_asked_while_the_day_is_not_open(
    parts: tuple[AwayMonitor, FakeSource, Clocks, list[AwayEpisode]],
) -> None:
    monitor, source, clocks, episodes = parts
    monitor.start()
    source.is_locked = True
    run(monitor, source, clocks, 30)
    assert source.questions == 0
    assert episodes == []
    monitor.set_day_open(True)  # opening samples at once
    assert source.questions == 1
    assert monitor.day_open
    monitor.set_day_open(True)  # no change: no extra sample
    assert source.questions == 1


def test_sleep_is_seen_in_the_clocks(
    parts: tuple[AwayMonitor, FakeSource, Clocks, list[AwayEpisode]],
) -> None:
    monitor, source, clocks, episodes = parts
    source.idle = None  # a desktop that tells nothing: sleep only
    source.is_locked = None
    monitor.set_day_open(True)
    monitor.start()
    clocks.advance(3600, asleep=True)
    monitor.sample_now()  # e.g. the controller noticed the wake
    assert episodes == [AwayEpisode(NINE, NINE + timedelta(hours=1), AwayCause.ASLEEP)]


def test_the_threshold_follows_the_settings(
    parts: tuple[AwayMonitor, FakeSource, Clocks, list[AwayEpisode]],
) -> None:
    monitor, source, clocks, episodes = parts
    monitor.set_threshold(30)
    monitor.set_day_open(True)
    monitor.start()
    run(monitor, source, clocks, 20)
    source.idle = 0.0
    run(monitor, source, clocks, 1)
    assert episodes == []
    assert monitor.away_since is None


def test_the_timer_samples_on_its_own(qtbot: QtBot) -> None:
    source, clocks = FakeSource(), Clocks()
    monitor = AwayMonitor(
        source,
        threshold_min=10,
        interval_s=20,
        wall=clocks.now,
        monotonic=clocks.monotonic,
        timer_ms=10,
    )
    monitor.set_day_open(True)
    monitor.start()
    monitor.start()  # twice is once
    assert monitor.running
    qtbot.waitUntil(lambda: source.questions >= 4, timeout=5000)
    monitor.stop()
    asked = source.questions
    qtbot.wait(60)
    assert source.questions == asked
    assert source.callback is None
    monitor.stop()
    monitor.sample_now()  # stopped: nothing is asked
    assert source.questions == asked


def test_a_restart_does_not_take_the_pause_for_sleep(
    parts: tuple[AwayMonitor, FakeSource, Clocks, list[AwayEpisode]],
) -> None:
    monitor, _source, clocks, episodes = parts
    monitor.set_day_open(True)
    monitor.start()
    monitor.stop()
    clocks.advance(3600, asleep=True)
    monitor.start()
    assert episodes == []


def test_close_releases_the_source(
    parts: tuple[AwayMonitor, FakeSource, Clocks, list[AwayEpisode]],
) -> None:
    monitor, source, _clocks, _episodes = parts
    monitor.start()
    assert monitor.describe() == Detection("fake", ("fake lock",))
    monitor.close()
    assert source.closed
    assert not monitor.running


def test_the_settings_say_what_is_detected() -> None:
    texts = {
        level: detection_text(detection)
        for level, detection in [
            (DetectionLevel.FULL, Detection("x", ("y",))),
            (DetectionLevel.IDLE_AND_SLEEP, Detection("x")),
            (DetectionLevel.LOCK_AND_SLEEP, Detection(lock=("y",))),
            (DetectionLevel.SLEEP_ONLY, Detection()),
        ]
    }
    assert len(set(texts.values())) == 4
    assert "locked screen and sleep only" in texts[DetectionLevel.LOCK_AND_SLEEP]
    assert texts[DetectionLevel.SLEEP_ONLY].endswith("from sleep only.")


def test_local_now_is_aware() -> None:
    assert local_now().tzinfo is not None


def test_the_presence_follows_the_lock_and_a_long_absence(
    parts: tuple[AwayMonitor, FakeSource, Clocks, list[AwayEpisode]],
) -> None:
    monitor, source, clocks, _episodes = parts
    told: list[Presence] = []
    monitor.presenceChanged.connect(told.append)
    monitor.set_day_open(True)
    monitor.start()
    run(monitor, source, clocks, 9)  # idle 9 min: under the 10-min threshold
    assert told == []
    assert monitor.presence is Presence.HERE
    run(monitor, source, clocks, 2)
    assert told == [Presence.AWAY]
    source.is_locked = True
    assert source.callback is not None
    source.callback()
    assert told == [Presence.AWAY, Presence.LOCKED]
    run(monitor, source, clocks, 30)  # still locked: said once
    source.idle, source.is_locked = 0.0, False
    source.callback()
    assert told == [Presence.AWAY, Presence.LOCKED, Presence.HERE]


def test_a_stopped_monitor_leaves_the_polls_normal(
    parts: tuple[AwayMonitor, FakeSource, Clocks, list[AwayEpisode]],
) -> None:
    monitor, source, _clocks, _episodes = parts
    told: list[Presence] = []
    monitor.presenceChanged.connect(told.append)
    monitor.set_day_open(True)
    monitor.start()
    source.is_locked = True
    monitor.sample_now()
    monitor.set_day_open(False)  # the day closed: nothing is asked, the person counts as here
    assert told == [Presence.LOCKED, Presence.HERE]
    monitor.set_day_open(True)
    monitor.stop()
    assert told == [Presence.LOCKED, Presence.HERE, Presence.LOCKED, Presence.HERE]
