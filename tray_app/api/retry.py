"""How long the client waits before reading again (writes are never retried blindly).

The waits come from the product's one back-off (:class:`tray_app.core.backoff.Backoff`, drawn
from [½d, d]): many copies of the app behind one office IP share one rate-limit budget, and
jitter keeps them from retrying in step (API reference §5.5). Whether to try again at all is
the error's own :class:`~tray_app.core.remedy.Remedy`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tray_app.api.errors import RateLimitedError, TimemanError
from tray_app.core.backoff import Backoff, wait_for_reset
from tray_app.core.remedy import Remedy


@dataclass(frozen=True)
class RetryPolicy:
    """At most ``attempts`` tries within ``budget`` seconds; delays grow ``base``·2ⁿ to ``cap``."""

    attempts: int = 4
    base: float = 1.0
    cap: float = 30.0
    budget: float = 60.0

    @property
    def backoff(self) -> Backoff:
        return Backoff(base=self.base, cap=self.cap, spread=0.5)

    def delay(self, failures: int, rng: random.Random) -> float:
        """Seconds to wait after the ``failures``-th failure (1-based), jittered in [½d, d]."""
        return self.backoff.delay(failures, rng)


NO_RETRY = RetryPolicy(attempts=1)
"""One try: for a caller that schedules its own next read (the tray's poll schedule, which
backs off across the whole fleet instead of retrying within one call)."""


def worth_retrying(error: TimemanError) -> bool:
    """Whether waiting and reading again can help."""
    return error.remedy is Remedy.WAIT


def wait_before_retry(
    error: TimemanError, failures: int, policy: RetryPolicy, rng: random.Random, now: float
) -> float:
    """The wait before the next try: the portal's reset time when it is still ahead, else
    back-off (a reset time already past is stale and would make the retries hammer)."""
    retry_at = error.retry_at if isinstance(error, RateLimitedError) else None
    reset = wait_for_reset(retry_at, now, rng)
    return policy.delay(failures, rng) if reset is None else reset
