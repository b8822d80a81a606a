"""An own click on a busy portal: sent again soon when refused, checked when its answer was
lost, and given up after a bounded wait."""

from __future__ import annotations

from tests.fixed_random import FixedRandom
from tray_app.core.action_retry import ActionTimes, action_retry

TIMES = ActionTimes()


def test_a_refused_click_is_sent_again_within_seconds() -> None:
    top = FixedRandom(1.0)
    waits = [
        action_retry(TIMES, resend=True, failures=n, waited=0.0, now=0.0, rng=top)
        for n in range(1, 6)
    ]
    assert waits == [1.0, 2.0, 4.0, 8.0, 15.0]
    low = action_retry(TIMES, resend=True, failures=1, waited=0.0, now=0.0, rng=FixedRandom(0.0))
    assert low == 0.5, "drawn in [½c, c]: a fleet refused together comes back spread"


def test_a_lost_answer_is_checked_more_slowly_than_a_refusal_is_resent() -> None:
    top = FixedRandom(1.0)
    checks = [
        action_retry(TIMES, resend=False, failures=n, waited=0.0, now=0.0, rng=top)
        for n in range(1, 6)
    ]
    assert checks == [2.0, 4.0, 8.0, 15.0, 15.0]


def test_the_wait_for_a_click_is_bounded() -> None:
    rng = FixedRandom(1.0)
    assert action_retry(TIMES, resend=True, failures=3, waited=57.0, now=0.0, rng=rng) is None
    assert action_retry(TIMES, resend=True, failures=3, waited=56.0, now=0.0, rng=rng) == 4.0
    assert action_retry(TIMES, resend=False, failures=1, waited=59.0, now=0.0, rng=rng) is None


def test_a_reset_time_is_honoured_and_one_past_the_bound_gives_up() -> None:
    rng = FixedRandom(0.0)
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
