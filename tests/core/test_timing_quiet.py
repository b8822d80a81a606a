"""Own clicks on a busy portal and reading less while nobody looks, on a fake clock.

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
from tray_app.core.remedy import Remedy
from tray_app.core.timing import (
    ActionTimes,
    PollSchedule,
    PollTimes,
    Presence,
    QuietTimes,
    ReadPacing,
    action_retry,
    stretched,
)

TIMES = ActionTimes()
QUIET = QuietTimes()


class _Fixed(random.Random):
    """A random source that always draws ``value``."""

    def __init__(self, value: float) -> None:
        super().__init__(0)
        self.value = value

    def random(self) -> float:
        return self.value


# -- own clicks -------------------------------------------------------------------------------


def test_a_refused_click_is_sent_again_within_seconds() -> None:
    top = _Fixed(1.0)
    waits = [
        action_retry(TIMES, resend=True, failures=n, waited=0.0, now=0.0, rng=top)
        for n in range(1, 6)
    ]
    assert waits == [1.0, 2.0, 4.0, 8.0, 15.0]
    low = action_retry(TIMES, resend=True, failures=1, waited=0.0, now=0.0, rng=_Fixed(0.0))
    assert low == 0.5, "drawn in [½c, c]: a fleet refused together comes back spread"


def test_a_lost_answer_is_checked_more_slowly_than_a_refusal_is_resent() -> None:
    top = _Fixed(1.0)
    checks = [
        action_retry(TIMES, resend=False, failures=n, waited=0.0, now=0.0, rng=top)
        for n in range(1, 6)
    ]
    assert checks == [2.0, 4.0, 8.0, 15.0, 15.0]


def test_the_wait_for_a_click_is_bounded() -> None:
    rng = _Fixed(1.0)
    assert action_retry(TIMES, resend=True, failures=3, waited=57.0, now=0.0, rng=rng) is None
    assert action_retry(TIMES, resend=True, failures=3, waited=56.0, now=0.0, rng=rng) == 4.0
    assert action_retry(TIMES, resend=False, failures=1, waited=59.0, now=0.0, rng=rng) is None


def test_a_reset_time_is_honoured_and_one_past_the_bound_gives_up() -> None:
    rng = _Fixed(0.0)
    soon = action_retry(
        TIMES, resend=True, failures=1, waited=0.0, now=100.0, rng=rng, retry_at=106
    )
    assert soon == 6.0
    late = action_retry(
        TIMES, resend=True, failures=1, waited=0.0, now=100.0, rng=rng, retry_at=900
    )
    assert late is None, "an operating-time limit resetting in minutes: say so at once"
    stale = action_retry(
        TIMES, resend=True, failures=1, waited=0.0, now=100.0, rng=rng, retry_at=50
    )
    assert stale == 0.5, "a reset time already past is ignored"


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
