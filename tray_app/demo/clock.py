"""The simulator's notion of "now": frozen for tests, or following the real clock.

The portal decides everything from its own clock (is the day EXPIRED, is a TIME in the future,
is it still "today"), so tests need to move that clock without sleeping. A frozen clock moves
only when told; a live clock follows real time plus an offset that ``advance`` can grow, so a
demo can skip ahead an hour and keep ticking.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class SimClock:
    """A thread-safe clock. ``SimClock()`` follows real time; ``SimClock(start=...)`` is frozen."""

    def __init__(self, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._frozen_at: datetime | None = None
        self._offset = timedelta(0)
        if start is not None:
            self._frozen_at = _require_aware(start).astimezone(UTC)

    @property
    def frozen(self) -> bool:
        """True when the clock only moves through ``set``/``advance``."""
        with self._lock:
            return self._frozen_at is not None

    def now(self) -> datetime:
        """The current simulated moment, an aware datetime in UTC."""
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return datetime.now(UTC) + self._offset

    def timestamp(self) -> float:
        """The current simulated moment as Unix seconds (what PHP's ``microtime(true)`` gives)."""
        return self.now().timestamp()

    def set(self, moment: datetime) -> None:
        """Freeze the clock at ``moment`` (a live clock becomes frozen)."""
        with self._lock:
            self._frozen_at = _require_aware(moment).astimezone(UTC)

    def advance(self, delta: timedelta | float) -> None:
        """Move the clock forward (or back, with a negative delta); a live clock keeps ticking."""
        step = delta if isinstance(delta, timedelta) else timedelta(seconds=delta)
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at += step
            else:
                self._offset += step


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("SimClock needs an aware datetime (with tzinfo)")
    return moment
