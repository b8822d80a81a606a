"""The two cloud limits: a request-rate leaky bucket and a per-method operating-time budget.

Both run on the *simulated* clock. With a frozen clock nothing drains until a test advances the
clock, so "the 51st request in a burst is refused" holds exactly instead of depending on how
fast the machine is; with a live clock they drain in real time as on the portal.

- Rate: one bucket per source IP; every HTTP request adds one (a ``batch`` is one request), the
  bucket drains ``drain`` per second, and a request that finds it at ``threshold`` or above is
  refused with 503 ``QUERY_LIMIT_EXCEEDED`` (and not counted).
- Operating time: per webhook and method, the handler time is summed in ten one-minute buckets;
  once the sum reaches ``limit`` seconds the method answers 429 ``OPERATION_TIME_LIMIT`` until
  old buckets drop out. ``block`` forces that answer for a method (or ``"*"``) for tests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from tray_app.demo.envelope import Operating

_WINDOW_BUCKETS = 10
_BUCKET_SECONDS = 60


class LeakyBucket:
    """Request counter per key (source IP) that drains at a constant rate."""

    def __init__(self, now: Callable[[], float], *, drain: float = 2.0, threshold: int = 50):
        self._now = now
        self.drain = drain
        self.threshold = threshold
        self.enabled = True
        self._lock = threading.Lock()
        self._levels: dict[str, tuple[float, float]] = {}

    def admit(self, key: str) -> bool:
        """Count one request for ``key``; False when it must be refused."""
        if not self.enabled:
            return True
        now = self._now()
        with self._lock:
            level, since = self._levels.get(key, (0.0, now))
            level = max(0.0, level - max(0.0, now - since) * self.drain)
            if level >= self.threshold:
                self._levels[key] = (level, now)
                return False
            self._levels[key] = (level + 1.0, now)
            return True

    def level(self, key: str) -> float:
        """The current fill of ``key``'s bucket (after draining)."""
        now = self._now()
        with self._lock:
            level, since = self._levels.get(key, (0.0, now))
            return max(0.0, level - max(0.0, now - since) * self.drain)

    def reset(self) -> None:
        with self._lock:
            self._levels.clear()


class OperatingLimiter:
    """Per (webhook, method) execution time over a ten-minute sliding window."""

    def __init__(self, now: Callable[[], float], *, limit: float | None = None) -> None:
        self._now = now
        self.limit = limit
        self._lock = threading.Lock()
        self._usage: dict[tuple[str, str], dict[int, float]] = {}
        self._blocked: set[str] = set()

    def block(self, method: str = "*", *, blocked: bool = True) -> None:
        """Force (or lift) the 429 answer for ``method``; ``"*"`` means every method."""
        with self._lock:
            if blocked:
                self._blocked.add(method.lower())
            else:
                self._blocked.discard(method.lower())

    def _window(self, key: tuple[str, str]) -> dict[int, float]:
        current = int(self._now() // _BUCKET_SECONDS)
        buckets = self._usage.setdefault(key, {})
        for minute in [m for m in buckets if m <= current - _WINDOW_BUCKETS]:
            del buckets[minute]
        return buckets

    def is_blocked(self, entity: str, method: str) -> bool:
        with self._lock:
            if "*" in self._blocked or method in self._blocked:
                return True
            if self.limit is None:
                return False
            return sum(self._window((entity, method)).values()) >= self.limit

    def register(self, entity: str, method: str, seconds: float) -> None:
        with self._lock:
            buckets = self._window((entity, method))
            minute = int(self._now() // _BUCKET_SECONDS)
            buckets[minute] = buckets.get(minute, 0.0) + seconds

    def state(self, entity: str, method: str) -> Operating:
        """``operating`` (seconds used in the window) and ``operating_reset_at``."""
        with self._lock:
            buckets = self._window((entity, method))
            if not buckets:
                return Operating(operating=0, reset_at=None)
            oldest = min(buckets)
            return Operating(
                operating=sum(buckets.values()),
                reset_at=(oldest + _WINDOW_BUCKETS) * _BUCKET_SECONDS,
            )
