"""The poll schedule: jitter, its back-off, the learnt interval and quiet days, on a fake clock.

Properties (hypothesis, fixed seed) over any sequence of answers and failures: the schedule
never asks sooner than a normal poll would, never later than its caps (or a believed reset time),
stops for what only the person can fix, and comes back to the normal interval after the rate
limit lets go.
"""

from __future__ import annotations

import itertools
import random
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fixed_random import FixedRandom
from tray_app.core.poll_schedule import PollSchedule, PollTimes, quiet_day
from tray_app.core.remedy import Remedy

FIXED = settings(max_examples=300, derandomize=True, deadline=None)
TIMES = PollTimes()  # 60 s ± 10 %, back-off 60 s … 900 s, learnt at most 3600 s


def answered_once(schedule: PollSchedule) -> PollSchedule:
    """Past the first status (the learnt interval stays at its floor)."""
    schedule.answered()
    return schedule


# -- the schedule ------------------------------------------------------------------------------


def test_normal_polls_are_jittered_around_the_interval() -> None:
    schedule = PollSchedule(TIMES, random.Random(3))
    waits = [schedule.answered() for _ in range(50)]
    assert all(54.0 <= wait <= 66.0 for wait in waits)
    assert len(set(waits)) > 40, "an office of trays does not poll in step"


def test_a_wake_reads_within_a_spread_that_the_rate_limit_stretches() -> None:
    schedule = PollSchedule(TIMES, random.Random(5))
    waits = [schedule.woke() for _ in range(200)]
    assert all(0.0 <= wait <= 20.0 for wait in waits)
    assert max(waits) - min(waits) > 15.0, "spread over the whole window"
    schedule.failed(Remedy.WAIT, 0.0, rate_limited=True)  # learnt 120 s: twice the spread
    assert max(schedule.woke() for _ in range(200)) > 20.0


def test_an_own_action_is_followed_by_one_quick_read() -> None:
    assert PollSchedule(TIMES, random.Random(1)).acted() == 3.0


def test_the_back_off_grows_and_starts_over_after_an_answer() -> None:
    schedule = answered_once(PollSchedule(TIMES, FixedRandom(1.0)))
    waits = [schedule.failed(Remedy.WAIT, 0.0) for _ in range(6)]
    assert waits == [66.0, 120.0, 240.0, 480.0, 900.0, 900.0]
    assert schedule.failures == 6
    schedule.answered()
    assert schedule.failures == 0
    assert schedule.failed(Remedy.WAIT, 0.0) == 66.0


def test_what_only_the_person_can_fix_stops_the_polls() -> None:
    schedule = PollSchedule(TIMES, random.Random(1))
    assert schedule.failed(Remedy.USER_ACTS, 0.0) is None
    assert schedule.failures == 0, "not a failure that waiting counts"


def test_a_bug_neither_backs_off_nor_hammers() -> None:
    schedule = PollSchedule(TIMES, random.Random(1))
    for _ in range(5):
        wait = schedule.failed(Remedy.BUG, 0.0)
        assert wait is not None
        assert 54.0 <= wait <= 66.0
    assert schedule.failures == 0


def test_without_a_first_status_the_tries_come_soon_and_spread_out() -> None:
    high = PollSchedule(TIMES, FixedRandom(1.0))
    assert [high.failed(Remedy.WAIT, 0.0) for _ in range(8)] == [5, 10, 20, 40, 80, 160, 300, 300]
    low = PollSchedule(TIMES, FixedRandom(0.0))
    assert low.failed(Remedy.WAIT, 0.0) == 0.0, "full jitter: anywhere below the ceiling"
    spread = PollSchedule(TIMES, random.Random(2))
    assert spread.failed(Remedy.WAIT, 0.0, rate_limited=True) != spread.failed(Remedy.WAIT, 0.0)
    assert spread.learnt_interval == 120.0, "the refusal still teaches the later polls"
    spread.answered()
    wait = spread.failed(Remedy.WAIT, 0.0)
    assert wait is not None
    assert wait >= 54.0, "once answered, never sooner than a normal poll"


def test_a_reset_time_later_than_the_back_off_wins() -> None:
    schedule = answered_once(PollSchedule(TIMES, FixedRandom(0.0)))
    assert schedule.failed(Remedy.WAIT, 1000.0, rate_limited=True, retry_at=1500.0) == 500.0
    assert schedule.failed(Remedy.WAIT, 1000.0, rate_limited=True, retry_at=1001.0) == 216.0


def test_the_learnt_interval_doubles_under_the_rate_limit_up_to_its_cap() -> None:
    schedule = PollSchedule(TIMES, random.Random(1))
    learnt = []
    for _ in range(6):
        schedule.failed(Remedy.WAIT, 0.0, rate_limited=True)
        learnt.append(schedule.learnt_interval)
    assert learnt == [120.0, 240.0, 480.0, 960.0, 1920.0, 3600.0]
    schedule.failed(Remedy.WAIT, 0.0)
    assert schedule.learnt_interval == 3600.0, "only the rate limit teaches the interval"


def test_the_learnt_interval_is_kept_from_an_earlier_run_within_its_bounds() -> None:
    rng = random.Random(1)
    assert PollSchedule(TIMES, rng, learnt_interval=300.0).learnt_interval == 300.0
    assert PollSchedule(TIMES, rng, learnt_interval=5.0).learnt_interval == 60.0
    assert PollSchedule(TIMES, rng, learnt_interval=1e9).learnt_interval == 3600.0


def test_a_new_interval_setting_bounds_the_learnt_one() -> None:
    schedule = PollSchedule(TIMES, random.Random(1), learnt_interval=120.0)
    schedule.set_interval(300.0)
    assert schedule.learnt_interval == 300.0
    assert schedule.times.interval == 300.0
    schedule.set_interval(7200.0)
    assert schedule.learnt_interval == 7200.0, "a long interval setting is not capped below"
    assert 6480.0 <= schedule.regular() <= 7920.0


_EVENT = st.one_of(
    st.just(("answer", None)),
    st.tuples(st.just("wait"), st.booleans()),
    st.just(("user", None)),
    st.just(("bug", None)),
)


@given(events=st.lists(_EVENT, max_size=80), seed=st.integers(0, 2**32))
@FIXED
def test_any_history_keeps_every_wait_within_its_bounds(
    events: list[tuple[str, bool | None]], seed: int
) -> None:
    schedule = answered_once(PollSchedule(TIMES, random.Random(seed)))
    for kind, limited in events:
        if kind == "answer":
            wait: float | None = schedule.answered()
        elif kind == "wait":
            wait = schedule.failed(Remedy.WAIT, 0.0, rate_limited=bool(limited))
        elif kind == "user":
            assert schedule.failed(Remedy.USER_ACTS, 0.0) is None
            continue
        else:
            wait = schedule.failed(Remedy.BUG, 0.0)
        assert wait is not None
        assert TIMES.interval * (1 - TIMES.jitter) <= wait, "never sooner than a normal poll"
        assert wait <= TIMES.max_interval * (1 + TIMES.jitter)
        assert TIMES.interval <= schedule.learnt_interval <= TIMES.max_interval


@given(refusals=st.integers(1, 10), seed=st.integers(0, 2**32))
@FIXED
def test_after_the_limit_lets_go_the_interval_comes_back_slowly_and_surely(
    refusals: int, seed: int
) -> None:
    schedule = PollSchedule(TIMES, random.Random(seed))
    for _ in range(refusals):
        schedule.failed(Remedy.WAIT, 0.0, rate_limited=True)
    learnt = [schedule.learnt_interval]
    for _ in range(100):  # 5 % a time: from the 3 600 s cap back to 60 s in 84 answers
        schedule.answered()
        learnt.append(schedule.learnt_interval)
    assert all(a >= b for a, b in itertools.pairwise(learnt)), "never grows back up"
    assert learnt[1] >= learnt[0] * 0.5, "one answer does not undo a refusal"
    assert learnt[-1] == TIMES.interval


# -- quiet days --------------------------------------------------------------------------------

H = timedelta(hours=1)
LATEST_START = 9 * H + timedelta(minutes=15)


@pytest.mark.parametrize(
    ("closed", "time_of_day", "quiet"),
    [
        (True, 22 * H, True),
        (True, 3 * H, True),
        (True, 7 * H + timedelta(minutes=14), True),
        (True, 7 * H + timedelta(minutes=15), False),
        (True, 9 * H, False),
        (True, 10 * H + timedelta(minutes=15), False),
        (True, 10 * H + timedelta(minutes=16), True),
        (False, 22 * H, False),
    ],
)
def test_a_closed_day_is_quiet_except_around_the_start(
    closed: bool, time_of_day: timedelta, quiet: bool
) -> None:
    assert quiet_day(closed=closed, time_of_day=time_of_day, latest_start=LATEST_START) is quiet


def test_a_quiet_day_is_polled_ten_times_less_up_to_a_quarter_hour() -> None:
    schedule = PollSchedule(TIMES, FixedRandom(0.5))
    assert schedule.answered(quiet=True) == 600.0
    assert schedule.regular() == 60.0
    slow = PollSchedule(TIMES, FixedRandom(0.5), learnt_interval=300.0)
    assert slow.regular(quiet=True) == 900.0, "at most the quiet cap"
    taught = PollSchedule(TIMES, FixedRandom(0.5), learnt_interval=2000.0)
    assert taught.regular(quiet=True) == 2000.0, "never sooner than the rate limit taught"
