"""Reading less while nobody looks, and a read on the return or before a reminder, on a fake
clock.

The property (hypothesis, fixed seed): whatever the person does (away, locked, back, in any
order and rhythm), whatever the portal answers, and whatever reminders fall due, the tray's
reads driven by :class:`PollSchedule` and :class:`ReadPacing` never come faster than the policy
allows, and never stop for good.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.examples import examples
from tray_app.core.poll_schedule import PollSchedule, PollTimes
from tray_app.core.read_pacing import Presence, QuietTimes, ReadPacing, stretched
from tray_app.core.remedy import Remedy

QUIET = QuietTimes()


# -- reading less ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("presence", "delay", "expected"),
    [
        (Presence.HERE, 60.0, 60.0),
        (Presence.AWAY, 60.0, 180.0),
        (Presence.LOCKED, 60.0, 600.0),
        (Presence.LOCKED, 600.0, 1800.0),
        (Presence.LOCKED, 3600.0, 3600.0),
    ],
    ids=["here", "away", "locked", "locked-capped", "longer-taught"],
)
def test_nobody_looking_stretches_the_background_reads(
    presence: Presence, delay: float, expected: float
) -> None:
    assert stretched(delay, presence, QUIET) == expected


def test_back_at_an_old_day_reads_once_spread() -> None:
    pacing = ReadPacing()
    pacing.sent(0.0)
    pacing.answered(0.0)
    assert pacing.set_presence(Presence.LOCKED, 10.0, spread=5.0) is None
    assert pacing.stretch(60.0) == 600.0
    assert pacing.set_presence(Presence.HERE, 900.0, spread=7.5) == 7.5
    assert pacing.stretch(60.0) == 60.0


def test_back_at_a_fresh_day_waits_until_it_turns_old() -> None:
    pacing = ReadPacing()
    pacing.sent(0.0)
    pacing.answered(0.0)
    pacing.set_presence(Presence.AWAY, 10.0, spread=0.0)
    assert pacing.set_presence(Presence.HERE, 50.0, spread=3.0) == 70.0


def test_locking_and_unlocking_in_a_row_cannot_make_reads_faster() -> None:
    pacing = ReadPacing()
    pacing.answered(0.0)
    pacing.sent(1000.0)  # a read just went out (and failed)
    pacing.set_presence(Presence.LOCKED, 1001.0, spread=0.0)
    assert pacing.set_presence(Presence.HERE, 1002.0, spread=0.0) == 28.0, "min_gap after it"


def test_before_a_reminder_an_old_day_is_read_once() -> None:
    pacing = ReadPacing()
    pacing.answered(0.0)
    pacing.sent(0.0)
    assert pacing.before_reminder(60.0) is None, "fresh: fire now"
    assert pacing.before_reminder(600.0) == 0.0, "old: read first"
    assert pacing.before_reminder(660.0) is None, "that read failed: fire on the day known"
    pacing.answered(700.0)
    assert pacing.before_reminder(1000.0) == 0.0, "a new answer: a new chance to read first"


def test_no_day_yet_asks_nothing() -> None:
    pacing = ReadPacing()
    assert pacing.before_reminder(100.0) is None
    pacing.set_presence(Presence.LOCKED, 0.0, spread=0.0)
    assert pacing.set_presence(Presence.HERE, 100.0, spread=0.0) is None


def test_unusable_quiet_times_are_refused() -> None:
    with pytest.raises(ValueError, match="unusable"):
        QuietTimes(away_factor=0.5)


# -- the property -----------------------------------------------------------------------------


@dataclass
class Tray:
    """The controller's use of the pure policy, reduced to the numbers: one read in flight at
    most, answered or failed at once, the next read at the policy's delay."""

    schedule: PollSchedule
    pacing: ReadPacing = field(default_factory=ReadPacing)
    now: float = 0.0
    due: float = 0.0
    reads: list[tuple[float, str]] = field(default_factory=list)

    def read(self, why: str, answer: str) -> None:
        self.reads.append((self.now, why))
        self.pacing.sent(self.now)
        delay: float | None
        if answer == "ok":
            self.pacing.answered(self.now)
            delay = self.schedule.answered()
        else:
            delay = self.schedule.failed(
                Remedy.WAIT, self.now, rate_limited=answer == "limit", retry_at=None
            )
        assert delay is not None, "waiting helps: never stops"
        self.due = self.now + self.pacing.stretch(delay)

    def ask(self, delay: float | None) -> None:
        if delay is not None:
            self.due = min(self.due, self.now + delay)


EVENTS = st.sampled_from(["away", "locked", "here", "reminder", "nothing"])
ANSWERS = st.sampled_from(["ok", "ok", "limit", "down"])


@examples(200)
@given(
    steps=st.lists(
        st.tuples(st.floats(min_value=0.0, max_value=900.0), EVENTS, ANSWERS),
        min_size=1,
        max_size=80,
    ),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_no_sequence_of_events_reads_faster_than_allowed_or_stops_for_good(
    steps: list[tuple[float, str, str]], seed: int
) -> None:
    times = PollTimes()
    tray = Tray(PollSchedule(times, random.Random(seed)))
    tray.read("first", "ok")
    longest = max(times.max_interval, times.backoff.cap, QUIET.cap) * (1 + times.jitter)
    for pause, event, answer in steps:
        target = tray.now + pause
        while tray.due <= target:  # the reads due before the event
            tray.now = tray.due
            tray.read("scheduled", answer)
        tray.now = target
        if event in ("away", "locked", "here"):
            spread = tray.schedule.woke()
            tray.ask(tray.pacing.set_presence(Presence(event), tray.now, spread))
        elif event == "reminder":
            tray.ask(tray.pacing.before_reminder(tray.now))
        if tray.due <= tray.now:
            tray.read(event, answer)
        assert tray.due - tray.now <= longest, "never stops reading for good"
    for (before, _), (after, why) in zip(tray.reads, tray.reads[1:], strict=False):
        if why in ("here", "reminder"):
            assert after - before >= QUIET.min_gap - 1e-6, "events never read faster"
        else:
            floor = times.interval * (1 - times.jitter)
            assert after - before >= min(floor, QUIET.min_gap) - 1e-6


def test_pacing_keeps_its_times_and_a_first_reminder_read_needs_no_gap() -> None:
    times = QuietTimes()
    pacing = ReadPacing(times)
    assert pacing.times is times
    assert pacing.presence is Presence.HERE
    pacing.answered(0.0)  # no read sent by this pacing yet: nothing to keep a gap from
    assert pacing.before_reminder(times.reminder_fresh + 1.0) == 0.0
