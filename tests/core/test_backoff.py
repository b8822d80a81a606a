"""The back-off and the portal's reset time, on a fake clock.

The property (hypothesis, fixed seed): every wait lies between the spread and the cap.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fixed_random import FixedRandom
from tray_app.core.backoff import (
    MAX_RETRY_AT_WAIT_S,
    REFUSED_WRITE_BACKOFF,
    Backoff,
    wait_for_reset,
)

FIXED = settings(max_examples=300, derandomize=True, deadline=None)


# -- the back-off ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failures", "ceiling"),
    [(0, 60.0), (1, 60.0), (2, 120.0), (4, 480.0), (5, 900.0), (999, 900.0)],
)
def test_the_ceiling_doubles_up_to_the_cap(failures: int, ceiling: float) -> None:
    assert Backoff(base=60.0, cap=900.0).ceiling(failures) == ceiling


def test_the_wait_is_drawn_below_the_ceiling_only() -> None:
    backoff = Backoff(base=10.0, cap=100.0, spread=0.5)
    assert backoff.delay(2, FixedRandom(0.0)) == 10.0
    assert backoff.delay(2, FixedRandom(1.0)) == 20.0


@given(failures=st.integers(min_value=-5, max_value=10_000), seed=st.integers(0, 2**32))
@FIXED
def test_every_wait_lies_between_spread_and_cap(failures: int, seed: int) -> None:
    backoff = Backoff(base=1.0, cap=30.0, spread=0.5)
    wait = backoff.delay(failures, random.Random(seed))
    ceiling = backoff.ceiling(failures)
    assert 0.5 * ceiling <= wait <= ceiling <= 30.0


@pytest.mark.parametrize(
    ("base", "cap", "spread"),
    [(-1.0, 1.0, 0.5), (2.0, 1.0, 0.5), (1.0, 2.0, 1.5), (1.0, 2.0, -0.1)],
)
def test_an_unusable_back_off_is_refused(base: float, cap: float, spread: float) -> None:
    with pytest.raises(ValueError, match="unusable back-off"):
        Backoff(base=base, cap=cap, spread=spread)


# -- the portal's reset time -------------------------------------------------------------------


def test_a_reset_time_ahead_is_waited_for_with_a_little_jitter() -> None:
    assert wait_for_reset(110.0, 100.0, FixedRandom(0.5)) == 10.5


@pytest.mark.parametrize("retry_at", [None, 100.0, 99.0])
def test_no_reset_time_or_one_already_past_means_no_wait(retry_at: float | None) -> None:
    assert wait_for_reset(retry_at, 100.0, FixedRandom(0.5)) is None


def test_a_reset_time_far_ahead_is_not_believed() -> None:
    assert wait_for_reset(1e12, 0.0, FixedRandom(0.0)) == MAX_RETRY_AT_WAIT_S


def test_a_click_refused_for_the_rate_limit_is_sent_again_within_seconds() -> None:
    rng = random.Random(3)
    waits = [REFUSED_WRITE_BACKOFF.delay(n, rng) for n in range(1, 5)]
    assert sum(waits) <= 0.25 + 0.5 + 1 + 2
    assert all(w >= 0.125 for w in waits), "not in a tight loop"
    assert REFUSED_WRITE_BACKOFF.ceiling(99) == 2.0
