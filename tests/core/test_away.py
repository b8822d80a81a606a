"""The away tracker: when the person left and came back, from idle time, lock state and sleep.

Most tests drive a :class:`Machine`: a person at a computer whose wall clock, monotonic clock,
idle counter and lock screen move as they would, sampled every 20 s as the tray does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tray_app.core.away import (
    AwayCause,
    AwayEpisode,
    AwayTracker,
    ClosePrefill,
    Sample,
    close_prefill,
)
from tray_app.core.backdate import RuleViolation
from tray_app.core.workday import DayState, Workday

PLUS2 = timezone(timedelta(hours=2))
MORNING = datetime(2025, 3, 27, 9, 0, tzinfo=PLUS2)
THRESHOLD = timedelta(minutes=10)
INTERVAL = timedelta(seconds=20)
LONG = timedelta(hours=2)


def direct() -> AwayTracker:
    """A tracker for hand-written samples far apart: only the clocks' disagreement is sleep."""
    return AwayTracker(THRESHOLD, LONG)


def at(hours: int, minutes: int, seconds: int = 0, *, day: int = 27) -> datetime:
    return datetime(2025, 3, day, hours, minutes, seconds, tzinfo=PLUS2)


def minutes(count: float) -> timedelta:
    return timedelta(minutes=count)


@dataclass
class Machine:
    """A computer and its user, sampled every :data:`INTERVAL`.

    ``idle``: ``"wall"`` (the counter runs during sleep, as GetTickCount-based ones do),
    ``"mono"`` (it stops during sleep, like the X server's) or ``"none"`` (not known);
    ``lock``: whether the lock state is known.
    """

    tracker: AwayTracker = field(default_factory=lambda: AwayTracker(THRESHOLD, INTERVAL))
    wall: datetime = MORNING
    mono: float = 5000.0
    idle: str = "wall"
    lock_known: bool = True
    locked: bool = False
    day_open: bool = True
    last_input_wall: datetime = MORNING
    last_input_mono: float = 5000.0
    episodes: list[AwayEpisode] = field(default_factory=list)

    def touch(self) -> None:
        """The person moves the mouse now."""
        self.last_input_wall = self.wall
        self.last_input_mono = self.mono

    def idle_s(self) -> float | None:
        if self.idle == "wall":
            return (self.wall - self.last_input_wall).total_seconds()
        if self.idle == "mono":
            return self.mono - self.last_input_mono
        return None

    def sample(self) -> AwayEpisode | None:
        episode = self.tracker.feed(
            Sample(
                now=self.wall,
                monotonic=self.mono,
                idle_s=self.idle_s(),
                locked=self.locked if self.lock_known else None,
                day_open=self.day_open,
            )
        )
        if episode is not None:
            self.episodes.append(episode)
        return episode

    def run(self, duration: timedelta, *, step: timedelta = INTERVAL) -> None:
        """Time passes with the machine awake, sampled every ``step``."""
        end = self.wall + duration
        while self.wall < end:
            advance = min(step, end - self.wall)
            self.wall += advance
            self.mono += advance.total_seconds()
            self.sample()

    def work(self, duration: timedelta) -> None:
        """The person is at the computer: some input between every two samples."""
        end = self.wall + duration
        while self.wall < end:
            self.run(INTERVAL)
            self.touch()

    def sleep(self, duration: timedelta, *, monotonic_runs: bool = False) -> None:
        """Suspended: no samples; the monotonic clock stops unless ``monotonic_runs``."""
        self.wall += duration
        if monotonic_runs:
            self.mono += duration.total_seconds()

    def start(self) -> None:
        self.sample()
        self.touch()


def machine(**kwargs: object) -> Machine:
    m = Machine(**kwargs)  # type: ignore[arg-type]
    m.start()
    return m


# --- idle ------------------------------------------------------------------------------------


def test_working_steadily_gives_no_episode() -> None:
    m = machine()
    for _ in range(60):
        m.run(minutes(1))
        m.touch()
    assert m.episodes == []
    assert m.tracker.away_since is None


def test_idle_past_the_threshold_is_an_episode_from_the_last_input_to_the_next() -> None:
    m = machine()
    m.run(minutes(5))
    m.touch()  # 09:05, then nothing until 09:40
    m.run(minutes(35))
    assert m.tracker.away_since == at(9, 5)
    m.touch()
    m.run(INTERVAL)
    assert m.episodes == [AwayEpisode(at(9, 5), at(9, 40), AwayCause.IDLE)]
    assert m.episodes[0].duration == minutes(35)


def test_idle_just_under_the_threshold_is_nothing() -> None:
    m = machine()
    m.run(THRESHOLD - timedelta(seconds=1))  # the last sample at 09:09:59
    m.touch()
    m.run(minutes(2))
    assert m.episodes == []


def test_idle_exactly_the_threshold_counts() -> None:
    m = machine()
    m.run(THRESHOLD)
    assert m.tracker.away_since == MORNING
    m.touch()
    m.run(INTERVAL)
    assert m.episodes == [AwayEpisode(MORNING, MORNING + THRESHOLD, AwayCause.IDLE)]


def test_the_threshold_follows_the_settings() -> None:
    m = machine()
    m.tracker.threshold = minutes(30)
    m.run(minutes(20))
    m.touch()
    m.run(INTERVAL)
    assert m.episodes == []
    assert m.tracker.threshold == minutes(30)


def test_one_episode_per_absence_however_long_the_person_stays() -> None:
    m = machine()
    m.run(minutes(15))
    m.touch()
    for _ in range(30):
        m.run(INTERVAL)
        m.touch()
    m.run(minutes(12))
    m.touch()
    m.run(INTERVAL)
    assert [episode.left_at for episode in m.episodes] == [MORNING, at(9, 25)]


def test_jitter_of_the_idle_counter_is_not_input() -> None:
    tracker = direct()
    assert tracker.feed(Sample(at(9, 0), 0.0, idle_s=0.0)) is None
    assert tracker.feed(Sample(at(9, 10), 600.0, idle_s=600.0)) is None
    # Three seconds of disagreement between the clocks: still the same last input.
    assert tracker.feed(Sample(at(9, 10, 20), 620.0, idle_s=617.0)) is None
    assert tracker.away_since == at(9, 0)
    episode = tracker.feed(Sample(at(9, 10, 40), 640.0, idle_s=10.0))
    assert episode == AwayEpisode(at(9, 0), at(9, 10, 30), AwayCause.IDLE)


def test_a_negative_idle_reading_is_taken_as_input_now() -> None:
    tracker = direct()
    tracker.feed(Sample(at(9, 0), 0.0, idle_s=0.0))
    tracker.feed(Sample(at(9, 15), 900.0, idle_s=900.0))
    episode = tracker.feed(Sample(at(9, 15, 20), 920.0, idle_s=-0.5))
    assert episode == AwayEpisode(at(9, 0), at(9, 15, 20), AwayCause.IDLE)


# --- lock ------------------------------------------------------------------------------------


def test_a_long_lock_is_an_episode_from_the_last_input_to_the_unlock() -> None:
    m = machine()
    m.work(minutes(70))
    m.touch()  # 10:10: the last input, then Super+L
    m.locked = True
    m.run(minutes(55))
    assert m.tracker.away_since == at(10, 10)
    m.locked = False
    m.touch()  # typing the password
    m.run(INTERVAL)
    assert m.episodes == [AwayEpisode(at(10, 10), at(11, 5), AwayCause.LOCKED)]


def test_a_short_lock_is_nothing() -> None:
    m = machine()
    m.touch()
    m.locked = True
    m.run(minutes(3))
    m.locked = False
    m.touch()
    m.run(minutes(1))
    assert m.episodes == []
    assert m.tracker.away_since is None


def test_a_lock_of_exactly_the_threshold_counts() -> None:
    tracker = direct()
    assert tracker.feed(Sample(at(9, 0), 0.0, idle_s=0.0, locked=True)) is None
    assert tracker.feed(Sample(at(9, 9, 50), 590.0, idle_s=5.0, locked=True)) is None
    episode = tracker.feed(Sample(at(9, 10, 10), 610.0, idle_s=10.0, locked=False))
    assert episode == AwayEpisode(at(9, 0), at(9, 10), AwayCause.LOCKED)
    short = direct()
    short.feed(Sample(at(9, 0), 0.0, idle_s=0.0, locked=True))
    assert short.feed(Sample(at(9, 9, 59), 599.0, idle_s=0.0, locked=False)) is None


def test_lock_then_idle_stays_a_lock() -> None:
    m = machine()
    m.locked = True
    m.run(minutes(25))  # idle passes the threshold while locked
    m.locked = False
    m.touch()
    m.run(INTERVAL)
    assert m.episodes == [AwayEpisode(MORNING, at(9, 25), AwayCause.LOCKED)]


def test_idle_then_lock_stays_idle_and_ends_at_the_unlock() -> None:
    m = machine()
    m.run(minutes(12))  # away by idle since 09:00
    m.locked = True  # the screen saver locks at 09:12
    m.run(minutes(30))
    m.locked = False
    m.touch()
    m.run(INTERVAL)
    assert m.episodes == [AwayEpisode(MORNING, at(9, 42), AwayCause.IDLE)]


def test_typing_at_the_lock_screen_is_not_coming_back() -> None:
    m = machine()
    m.locked = True
    m.run(minutes(15))
    m.touch()  # a wrong password, and they walk away again
    m.run(minutes(15))
    assert m.episodes == []
    m.locked = False
    m.run(INTERVAL)  # unlocked (by a fingerprint: no input since 09:15)
    assert m.episodes == [AwayEpisode(MORNING, at(9, 30), AwayCause.LOCKED)]


def test_a_lock_seen_without_idle_time_is_dated_when_seen() -> None:
    m = machine(idle="none")
    m.run(minutes(5))
    m.locked = True
    m.run(minutes(20))
    m.locked = False
    m.run(INTERVAL)
    assert m.episodes == [AwayEpisode(at(9, 5, 20), at(9, 25, 20), AwayCause.LOCKED)]


def test_an_unknown_lock_state_keeps_a_locked_absence_going() -> None:
    tracker = direct()
    tracker.feed(Sample(at(9, 0), 0.0, locked=True))
    assert tracker.feed(Sample(at(9, 20), 1200.0, locked=None)) is None  # D-Bus hiccup
    assert tracker.away_since == at(9, 0)
    episode = tracker.feed(Sample(at(9, 20, 20), 1220.0, locked=False))
    assert episode == AwayEpisode(at(9, 0), at(9, 20, 20), AwayCause.LOCKED)


def test_input_after_a_lock_that_can_no_longer_be_read_is_coming_back() -> None:
    tracker = direct()
    tracker.feed(Sample(at(9, 0), 0.0, idle_s=0.0, locked=True))
    tracker.feed(Sample(at(9, 20), 1200.0, idle_s=1200.0, locked=True))
    episode = tracker.feed(Sample(at(9, 20, 20), 1220.0, idle_s=4.0, locked=None))
    assert episode == AwayEpisode(at(9, 0), at(9, 20, 16), AwayCause.LOCKED)


# --- sleep -----------------------------------------------------------------------------------


def test_sleep_is_an_episode_from_the_last_input_before_it_to_the_wake() -> None:
    m = machine(idle="mono")
    m.work(minutes(30))
    m.touch()  # 09:30
    m.run(minutes(2))  # the lid closes at 09:32
    m.sleep(minutes(60))
    m.run(INTERVAL)  # 10:32:20: awake, not locked
    assert m.episodes == [AwayEpisode(at(9, 30), at(10, 32, 20), AwayCause.ASLEEP)]


def test_sleep_without_idle_time_starts_when_the_machine_stopped() -> None:
    m = machine(idle="none", lock_known=False)
    m.run(minutes(30))
    m.run(timedelta(seconds=5), step=timedelta(seconds=5))  # the lid closes at 09:30:05
    m.sleep(minutes(60))
    m.run(timedelta(seconds=15), step=timedelta(seconds=15))
    # The 15 s the monotonic clock saw since the last sample are taken as before the sleep.
    assert m.episodes == [AwayEpisode(at(9, 30, 20), at(10, 30, 20), AwayCause.ASLEEP)]


def test_sleep_where_the_monotonic_clock_runs_on_starts_one_interval_after_the_last_sample() -> (
    None
):
    m = machine(idle="none", lock_known=False)
    m.run(minutes(30))
    m.sleep(minutes(60), monotonic_runs=True)
    m.run(INTERVAL)
    assert m.episodes == [AwayEpisode(at(9, 30, 20), at(10, 30, 20), AwayCause.ASLEEP)]


def test_a_wall_clock_idle_counter_across_sleep_still_dates_the_last_input() -> None:
    m = machine(idle="wall")
    m.work(minutes(30))
    m.touch()
    m.run(minutes(1))
    m.sleep(minutes(45), monotonic_runs=True)
    m.run(INTERVAL)
    assert m.episodes == [AwayEpisode(at(9, 30), at(10, 16, 20), AwayCause.ASLEEP)]


def test_locked_on_wake_ends_at_the_unlock() -> None:
    m = machine(idle="mono")
    m.work(minutes(30))
    m.run(INTERVAL)  # the last input at 09:30, seen at 09:30:20
    m.locked = True  # locks on suspend
    m.sleep(minutes(60))
    m.run(minutes(2))  # the lock screen after the wake
    assert m.episodes == []
    assert m.tracker.away_since == at(9, 30)
    m.locked = False
    m.touch()
    m.run(INTERVAL)
    assert m.episodes == [AwayEpisode(at(9, 30), at(10, 32, 20), AwayCause.ASLEEP)]


def test_a_short_sleep_under_the_tolerance_is_noise() -> None:
    m = machine(idle="none", lock_known=False)
    m.run(minutes(1))
    m.sleep(timedelta(seconds=50))
    m.run(minutes(1))
    assert m.episodes == []
    assert m.tracker.away_since is None


def test_a_sleep_shorter_than_the_threshold_is_nothing() -> None:
    m = machine(idle="mono")
    m.run(minutes(1))
    m.touch()
    m.sleep(minutes(5))
    m.run(INTERVAL)
    assert m.episodes == []


def test_sleep_across_midnight() -> None:
    m = machine(idle="mono", wall=at(23, 20), last_input_wall=at(23, 20))
    m.work(minutes(10))
    m.run(INTERVAL)  # the last input at 23:30
    m.sleep(timedelta(hours=8, minutes=30))
    m.run(INTERVAL)
    assert m.episodes == [AwayEpisode(at(23, 30), at(8, 0, 40, day=28), AwayCause.ASLEEP)]


def test_sleep_during_an_idle_absence_keeps_the_idle_start() -> None:
    m = machine(idle="mono")
    m.run(minutes(15))  # away by idle since 09:00
    m.sleep(minutes(60))
    m.run(INTERVAL)
    assert m.episodes == [AwayEpisode(MORNING, at(10, 15, 20), AwayCause.IDLE)]


# --- the day ---------------------------------------------------------------------------------


def test_nothing_while_the_day_is_not_open() -> None:
    m = machine(day_open=False)
    m.locked = True
    m.run(minutes(30))
    m.locked = False
    m.touch()
    m.run(INTERVAL)
    m.sleep(minutes(60))
    m.run(INTERVAL)
    assert m.episodes == []
    assert m.tracker.away_since is None


def test_an_absence_during_which_the_day_stops_is_dropped() -> None:
    m = machine()
    m.locked = True
    m.run(minutes(20))
    m.day_open = False  # paused from the phone
    m.run(INTERVAL)
    m.day_open = True  # and resumed at 09:20:40, still locked
    m.run(minutes(15))
    m.locked = False
    m.touch()
    m.run(INTERVAL)
    assert m.episodes == [AwayEpisode(at(9, 20, 40), at(9, 35, 20), AwayCause.LOCKED)]


def test_absences_count_from_when_the_day_was_seen_open() -> None:
    tracker = direct()
    tracker.feed(Sample(at(9, 0), 0.0, idle_s=3600.0, day_open=False))
    assert tracker.feed(Sample(at(9, 0, 20), 20.0, idle_s=3620.0)) is None
    # Idle since 08:00, but the day has been open only since now.
    assert tracker.away_since == at(9, 0, 20)
    assert tracker.feed(Sample(at(9, 10, 20), 620.0, idle_s=4220.0)) is None
    assert tracker.away_since == at(9, 0, 20)
    episode = tracker.feed(Sample(at(9, 10, 40), 640.0, idle_s=1.0))
    assert episode == AwayEpisode(at(9, 0, 20), at(9, 10, 39), AwayCause.IDLE)


def test_waking_into_a_day_that_just_opened_is_nothing() -> None:
    tracker = direct()
    tracker.feed(Sample(at(8, 0), 0.0, day_open=False))
    assert tracker.feed(Sample(at(9, 0), 20.0, day_open=True)) is None
    assert tracker.away_since is None


# --- clocks ----------------------------------------------------------------------------------


def test_a_clock_set_back_moves_the_absence_with_it() -> None:
    tracker = direct()
    tracker.feed(Sample(at(9, 0), 0.0, idle_s=0.0, locked=True))
    tracker.feed(Sample(at(9, 20), 1200.0, idle_s=1200.0, locked=True))
    # The clock is set back an hour between two samples 20 s apart.
    assert tracker.feed(Sample(at(8, 20, 20), 1220.0, idle_s=1220.0, locked=True)) is None
    assert tracker.away_since == at(8, 0)
    episode = tracker.feed(Sample(at(8, 20, 40), 1240.0, idle_s=2.0, locked=False))
    assert episode == AwayEpisode(at(8, 0), at(8, 20, 38), AwayCause.LOCKED)


def test_a_clock_set_back_when_the_day_is_not_open_changes_nothing() -> None:
    tracker = direct()
    tracker.feed(Sample(at(9, 0), 0.0, day_open=False))
    assert tracker.feed(Sample(at(8, 0), 20.0, day_open=False)) is None
    assert tracker.feed(Sample(at(8, 0, 20), 40.0, idle_s=0.0)) is None
    assert tracker.away_since is None


def test_a_clock_set_forward_looks_like_sleep() -> None:
    tracker = direct()
    tracker.feed(Sample(at(9, 0), 0.0, idle_s=0.0))
    episode = tracker.feed(Sample(at(10, 0, 20), 20.0, idle_s=20.0))
    assert episode == AwayEpisode(at(9, 0), at(10, 0, 20), AwayCause.ASLEEP)


def test_small_clock_corrections_are_ignored() -> None:
    tracker = direct()
    tracker.feed(Sample(at(9, 0), 0.0, idle_s=0.0, locked=True))
    tracker.feed(Sample(at(9, 0, 50), 20.0, idle_s=50.0, locked=True))  # NTP: +30 s
    tracker.feed(Sample(at(9, 0, 40), 40.0, idle_s=40.0, locked=True))  # NTP: -30 s
    assert tracker.away_since == at(9, 0)


def test_a_monotonic_clock_that_goes_back_is_not_trusted_for_sleep() -> None:
    tracker = direct()
    tracker.feed(Sample(at(9, 0), 500.0, locked=False))
    assert tracker.feed(Sample(at(10, 0), 10.0, locked=False)) is None
    assert tracker.away_since is None
    tracker.feed(Sample(at(10, 0), 20.0, locked=True))
    tracker.feed(Sample(at(10, 20), 5.0, locked=True))  # no gap to check, still away
    episode = tracker.feed(Sample(at(10, 20, 20), 25.0, locked=False))
    assert episode == AwayEpisode(at(10, 0), at(10, 20, 20), AwayCause.LOCKED)


def test_a_delayed_sample_is_not_sleep() -> None:
    tracker = AwayTracker(THRESHOLD, INTERVAL)
    tracker.feed(Sample(at(9, 0), 0.0, idle_s=0.0))
    # The event loop was busy: 70 s between samples on both clocks (less than 20 s + 60 s).
    assert tracker.feed(Sample(at(9, 1, 10), 70.0, idle_s=1.0)) is None
    assert tracker.away_since is None


def test_reset_forgets_the_absence_and_the_last_sample() -> None:
    tracker = direct()
    tracker.feed(Sample(at(9, 0), 0.0, locked=True))
    tracker.reset()
    assert tracker.away_since is None
    # No previous sample: an hour later on the wall clock is not a sleep.
    assert tracker.feed(Sample(at(10, 0), 20.0, locked=False)) is None


@pytest.mark.parametrize("bad", [timedelta(0), timedelta(seconds=-1)])
def test_threshold_and_interval_must_be_positive(bad: timedelta) -> None:
    with pytest.raises(ValueError, match="threshold"):
        AwayTracker(bad, INTERVAL)
    with pytest.raises(ValueError, match="interval"):
        AwayTracker(THRESHOLD, bad)
    tracker = direct()
    with pytest.raises(ValueError, match="threshold"):
        tracker.threshold = bad
    assert tracker.threshold == THRESHOLD


# --- close at the moment they left -----------------------------------------------------------


EIGHT = at(8, 0, 1)


def opened(start: datetime | None = EIGHT, tz_offset: int | None = 7200) -> Workday:
    return Workday(state=DayState.OPENED, started_at=start, tz_offset=tz_offset)


def test_close_prefill_is_the_minute_they_left_in_the_days_zone() -> None:
    episode = AwayEpisode(
        datetime(2025, 3, 27, 10, 10, 42, tzinfo=UTC),
        datetime(2025, 3, 27, 11, 5, tzinfo=UTC),
        AwayCause.LOCKED,
    )
    prefill = close_prefill(episode, opened())
    assert prefill == ClosePrefill(at(12, 10), AwayCause.LOCKED, clamped=False)
    assert prefill.when.utcoffset() == timedelta(hours=2)


def test_close_prefill_stays_after_the_start() -> None:
    episode = AwayEpisode(at(8, 0, 30), at(9, 0), AwayCause.IDLE)
    assert close_prefill(episode, opened()) == ClosePrefill(at(8, 1), AwayCause.IDLE, True)
    on_the_minute = opened(at(8, 0))
    assert close_prefill(episode, on_the_minute).when == at(8, 1)


def test_close_prefill_stays_on_the_start_date() -> None:
    before_midnight = AwayEpisode(at(23, 30), at(8, 0, day=28), AwayCause.ASLEEP)
    assert close_prefill(before_midnight, opened()) == ClosePrefill(
        at(23, 30), AwayCause.ASLEEP, clamped=False
    )
    after_midnight = AwayEpisode(at(0, 40, day=28), at(8, 0, day=28), AwayCause.ASLEEP)
    assert close_prefill(after_midnight, opened()) == ClosePrefill(
        at(23, 59), AwayCause.ASLEEP, clamped=True
    )


def test_close_prefill_needs_a_started_day() -> None:
    episode = AwayEpisode(at(10, 0), at(11, 0), AwayCause.IDLE)
    with pytest.raises(RuleViolation):
        close_prefill(episode, opened(None, None))
