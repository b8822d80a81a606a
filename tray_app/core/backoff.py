"""The product's one back-off and the wait for a reset time the portal gave.

:class:`Backoff` spaces the tries while the portal is unreachable or refusing: the background
polls (:mod:`tray_app.core.poll_schedule`), an own click's retries
(:mod:`tray_app.core.action_retry`) and the client's read retries all use it, and none of them
comes back before the portal's reset time (:func:`wait_for_reset`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MAX_RETRY_AT_WAIT_S = 3600.0
"""A reset time further ahead than this is not believed (a clock far off, or a bad answer)."""


@dataclass(frozen=True)
class Backoff:
    """Exponential back-off with jitter: after the ``n``-th failure in a row (1-based) the wait
    is drawn from ``[(1 - spread)·c, c]`` with the ceiling ``c = min(cap, base·2ⁿ⁻¹)``.

    Drawing below the ceiling only (never above) keeps the cap a real cap and still spreads the
    tries of many clients that failed together."""

    base: float
    cap: float
    spread: float = 0.5

    def __post_init__(self) -> None:
        if not (0 <= self.base <= self.cap) or not (0.0 <= self.spread <= 1.0):
            raise ValueError(f"unusable back-off {self!r}")

    def ceiling(self, failures: int) -> float:
        """The longest wait after ``failures`` failures in a row."""
        exponent = min(max(failures, 1) - 1, 64)  # 2**64 * base is past any cap
        return min(self.cap, self.base * 2.0**exponent)

    def delay(self, failures: int, rng: random.Random) -> float:
        """A wait after ``failures`` failures in a row, drawn below the ceiling."""
        ceiling = self.ceiling(failures)
        return ceiling * (1.0 - self.spread + self.spread * rng.random())


REFUSED_WRITE_BACKOFF = Backoff(base=0.25, cap=2.0, spread=0.5)
"""An own click refused for the rate limit (503 ``QUERY_LIMIT_EXCEEDED``: never executed) is
sent again soon: 0.25 s, 0.5 s, 1 s, then every 2 s, each drawn in its upper half, so it goes
through at most about 2 s after the bucket lets it. A refused request is not counted by the
bucket, and a person is waiting for it."""


def wait_for_reset(retry_at: float | None, now: float, rng: random.Random) -> float | None:
    """Seconds until the portal said its limit resets, plus up to a second of jitter (so the
    clients it refused do not all come back in the same instant); None when there is no such
    time, it has passed (a stale reset time would make the tries hammer), or it is too far."""
    if retry_at is None or retry_at <= now:
        return None
    return min(retry_at - now, MAX_RETRY_AT_WAIT_S) + rng.random()
