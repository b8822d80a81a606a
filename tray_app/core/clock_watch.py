"""Finding a sleep or a change of the clock from a periodic tick."""

from __future__ import annotations


class ClockWatch:
    """Finds a sleep or a change of the clock from a periodic tick: the wall clock moved much
    more (or less) between two ticks than the tick's period."""

    def __init__(self, tick: float, now: float, *, tolerance: float = 2.0) -> None:
        self._limit = tolerance * tick
        self._last = now

    def restart(self, now: float) -> None:
        """Count from ``now`` (the tick starts or starts again)."""
        self._last = now

    def tick(self, now: float) -> float | None:
        """The jump in seconds when the clock jumped since the last tick, else None."""
        gap, self._last = now - self._last, now
        return gap if abs(gap) > self._limit else None
