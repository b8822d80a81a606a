"""When and how long to wait before reading again (writes are never retried blindly).

Exponential back-off with jitter (each delay drawn from [½d, d]): many copies of the app behind
one office IP share one rate-limit budget, and jitter keeps them from retrying in step (API
reference §5.5).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tray_app.api.errors import (
    RateLimitedError,
    TimemanError,
    UnavailableError,
    UnexpectedAnswerError,
)


@dataclass(frozen=True)
class RetryPolicy:
    """At most ``attempts`` tries within ``budget`` seconds; delays grow ``base``·2ⁿ to ``cap``."""

    attempts: int = 4
    base: float = 1.0
    cap: float = 30.0
    budget: float = 60.0

    def delay(self, failures: int, rng: random.Random) -> float:
        """Seconds to wait after the ``failures``-th failure (1-based), jittered in [½d, d]."""
        ceiling = min(self.cap, self.base * 2.0 ** (failures - 1))
        return ceiling / 2 + rng.random() * ceiling / 2


def is_retryable(error: TimemanError) -> bool:
    """Whether waiting and reading again can help."""
    if isinstance(error, UnavailableError):
        return error.retryable
    if isinstance(error, UnexpectedAnswerError):
        return error.http_status is not None and error.http_status >= 500
    return False


def wait_before_retry(
    error: TimemanError, failures: int, policy: RetryPolicy, rng: random.Random, now: float
) -> float:
    """The wait before the next try: the portal's reset time when it is still ahead, else
    back-off (a reset time already past is stale and would make the retries hammer)."""
    if isinstance(error, RateLimitedError) and error.retry_at is not None and error.retry_at > now:
        return error.retry_at - now + rng.random()
    return policy.delay(failures, rng)
