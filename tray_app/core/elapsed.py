"""Worked and break time of a day, computed locally from the last answer (API reference §3.3).

Nothing here reads a clock: ``now`` is passed in, already corrected by :class:`ServerClock` for
the skew between the portal's clock (``time.start`` of an answer) and ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tray_app.core.timefmt import clamp_day
from tray_app.core.workday import DayState, Workday

_ZERO = timedelta(0)


@dataclass(frozen=True)
class ServerClock:
    """How far the portal's clock is ahead of ours (negative: behind)."""

    skew: timedelta = _ZERO

    @classmethod
    def from_answer(cls, server_time: float | None, local_time: float) -> ServerClock:
        """The skew seen in one answer: ``time.start`` against the local time it arrived.

        An answer without ``time.start`` leaves the clocks assumed equal.
        """
        if server_time is None:
            return cls()
        return cls(timedelta(seconds=server_time - local_time))

    def server_now(self, local_now: datetime) -> datetime:
        """The portal's "now" for a local reading of the clock."""
        return local_now + self.skew


@dataclass(frozen=True)
class Elapsed:
    """What a person wants to see: time worked, the running break, and for an expired day the
    worked time if it were closed at the suggested end (``proposed``)."""

    worked: timedelta = _ZERO
    on_break: timedelta = _ZERO
    proposed: timedelta | None = None


def elapsed(day: Workday, now: datetime, previous: Elapsed | None = None) -> Elapsed:
    """Worked/break time of ``day`` at the portal's ``now``, clamped to [0, 24 h].

    ``previous`` is the last value computed for the same day; a PAUSED answer without
    ``TIME_FINISH`` (as in the docs' example) freezes it instead of guessing.
    """
    start = day.started_at
    if day.state is DayState.CLOSED:
        return Elapsed(worked=clamp_day(day.duration))
    if start is None:
        return Elapsed()
    if day.state is DayState.OPENED:
        return Elapsed(worked=clamp_day(now - start - day.leaks))
    if day.state is DayState.PAUSED:
        if day.finished_at is None:
            frozen = previous.worked if previous is not None else _ZERO
            return Elapsed(worked=frozen)
        return Elapsed(
            worked=clamp_day(day.finished_at - start - day.leaks),
            on_break=clamp_day(now - day.finished_at),
        )
    recorded = _ZERO if day.finished_at is None else clamp_day(day.finished_at - start - day.leaks)
    proposed = None
    if day.suggested_finish is not None:
        proposed = clamp_day(day.suggested_finish - start - day.leaks)
    return Elapsed(worked=recorded, proposed=proposed)
