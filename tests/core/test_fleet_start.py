"""A fleet's start on one portal (issue 11, item 4), on a fake clock: one read per tray spread
over a window the fleet's size gives, refused first tries spread again within it, and reads that
can wait coming later still.

Properties (hypothesis, fixed seed): whatever the portal answers, a tray of a fleet never reads
sooner than its first read's window or its back-off allow, never stops trying before its first
status, and once answered keeps to the fleet's interval.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fixed_random import FixedRandom
from tray_app.core.fleet_start import (
    ALONE_UP_TO,
    LATER_READS_SPAN,
    START_SHARE,
    fleet_start_window,
    later_read_delay,
)
from tray_app.core.poll_schedule import PollSchedule, PollTimes
from tray_app.core.remedy import Remedy

FIXED = settings(max_examples=300, derandomize=True, deadline=None)
WINDOW = fleet_start_window(1000, 2.0)
FLEET = PollTimes(interval=1000.0, max_interval=3600.0, start_window=WINDOW)


def test_the_window_fits_the_fleets_first_reads_in_the_drain() -> None:
    assert pytest.approx(1000 / (2.0 * START_SHARE)) == WINDOW
    assert fleet_start_window(1000, 5.0) == pytest.approx(1000 / (5.0 * START_SHARE))
    assert fleet_start_window(30_000, 2.0, share=1.0) == 15_000.0


@pytest.mark.parametrize("size", [None, 1, ALONE_UP_TO])
def test_a_tray_alone_or_a_small_office_reads_at_once(size: int | None) -> None:
    assert fleet_start_window(size, 2.0) == 0.0
    schedule = PollSchedule(PollTimes(start_window=fleet_start_window(size, 2.0)), random.Random())
    assert schedule.first() == 0.0


@pytest.mark.parametrize(("drain", "share"), [(0.0, 0.5), (2.0, 0.0), (2.0, 1.5)])
def test_an_unusable_bucket_is_refused(drain: float, share: float) -> None:
    with pytest.raises(ValueError, match="unusable"):
        fleet_start_window(100, drain, share)


def test_the_first_reads_spread_over_the_whole_window() -> None:
    rng = random.Random(4)
    firsts = [PollSchedule(FLEET, rng).first() for _ in range(1000)]
    assert all(0.0 <= first <= WINDOW for first in firsts)
    assert min(firsts) < 5.0, "the first ones within seconds"
    assert max(firsts) > 0.95 * WINDOW
    in_each_tenth = [
        sum(k * WINDOW / 10 <= f < (k + 1) * WINDOW / 10 for f in firsts) for k in range(10)
    ]
    assert min(in_each_tenth) > 70, "evenly, not in a crowd"


def test_a_refused_first_try_comes_back_within_a_quarter_window_and_teaches_nothing() -> None:
    high = PollSchedule(FLEET, FixedRandom(1.0))
    waits = [high.failed(Remedy.WAIT, 0.0, rate_limited=True) for _ in range(6)]
    base = WINDOW / 20
    assert waits == pytest.approx([base, 2 * base, 4 * base, WINDOW / 4, WINDOW / 4, WINDOW / 4])
    assert high.learnt_interval == 1000.0, "a crowd at the start is not the fleet's interval"
    low = PollSchedule(FLEET, FixedRandom(0.0))
    assert low.failed(Remedy.WAIT, 0.0, rate_limited=True) == 0.0, "full jitter"


def test_the_poll_after_the_first_status_is_spread_later_never_sooner() -> None:
    assert PollSchedule(FLEET, FixedRandom(0.0)).answered() == pytest.approx(900.0)
    assert PollSchedule(FLEET, FixedRandom(1.0)).answered() == pytest.approx(1100.0 * 1.5)
    schedule = PollSchedule(FLEET, FixedRandom(1.0))
    schedule.answered()
    assert schedule.answered() == pytest.approx(1100.0), "then the normal jitter"
    alone = PollSchedule(PollTimes(), FixedRandom(1.0))
    assert alone.answered() == pytest.approx(66.0), "a tray alone: as before"


def test_reads_that_can_wait_come_after_the_first_interval_in_a_fleet_only() -> None:
    assert later_read_delay(1000.0, 0.0, random.Random(1)) == 0.0
    assert later_read_delay(1000.0, WINDOW, FixedRandom(0.0)) == 1000.0
    assert later_read_delay(1000.0, WINDOW, FixedRandom(1.0)) == 1000.0 * (1 + LATER_READS_SPAN)


_ANSWER = st.sampled_from(["answer", "refused", "unavailable"])


@given(answers=st.lists(_ANSWER, max_size=60), seed=st.integers(0, 2**32))
@FIXED
def test_a_fleets_tray_never_reads_faster_than_allowed_nor_stops(
    answers: list[str], seed: int
) -> None:
    schedule = PollSchedule(FLEET, random.Random(seed))
    first = schedule.first()
    assert 0.0 <= first <= WINDOW
    answered = False
    for answer in answers:
        if answer == "answer":
            wait: float | None = schedule.answered()
            assert wait is not None
            assert wait >= 1000.0 * 0.9, "never sooner than the fleet's interval"
            assert wait <= 3600.0 * 1.1 * 1.5
            answered = True
            continue
        wait = schedule.failed(Remedy.WAIT, 0.0, rate_limited=answer == "refused")
        assert wait is not None, "a tray of a fleet never stops trying"
        if answered:
            assert wait >= 1000.0 * 0.9, "a refused poll waits at least the interval"
            assert wait <= 3600.0 * 1.1
        else:
            assert 0.0 <= wait <= WINDOW / 4, "the first tries stay within the window"
        assert 1000.0 <= schedule.learnt_interval <= 3600.0


def test_a_fleets_wake_reads_spread_over_its_start_window() -> None:
    """A whole office waking after lunch at once is a start: spread as widely, so the bucket
    takes it (benchmarks/fleet.py: 1 000 trays, 0.15 % refused instead of 54 %)."""
    schedule = PollSchedule(FLEET, random.Random(3))
    waits = [schedule.woke() for _ in range(500)]
    assert max(waits) <= WINDOW
    assert max(waits) > 0.9 * WINDOW
    alone = PollSchedule(PollTimes(), random.Random(3))
    assert max(alone.woke() for _ in range(500)) <= PollTimes().wake_spread
