"""When the controller's clock tick comes next, and whether the machine slept between two.

Everything the tray shows of time is in whole minutes (worked, breaks, the expected end, the
wall-clock minute the reminders are checked in), so an idle tray need not wake every second:
the tick is set for the next moment one of those figures turns, at most a minute away. Only a
countdown in whole seconds (an own action waiting to be tried again) ticks every second.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from tray_app.core.elapsed import Elapsed
from tray_app.ui.shared.viewstate import figures
from tray_app.ui.state.timers import Timer, ms

if TYPE_CHECKING:  # only the type: tray_app.api pulls in httpx, loaded after the icon shows
    from tray_app.api.models import DayReading

MINUTE_S = 60.0
TURN_MARGIN_S = 0.05
"""Waking this much after a figure turns, so that it has turned when the view is computed."""
_PROBE = timedelta(seconds=1)


def to_next_minute(seconds: float) -> float:
    """Seconds until a count of ``seconds`` reaches its next whole minute (never 0)."""
    return MINUTE_S - (seconds % MINUTE_S)


def next_turn_in(
    now: float,
    reading: DayReading | None,
    frozen: Elapsed | None,
    *,
    also_due: Iterable[float] = (),
) -> float:
    """Seconds from ``now`` (the local clock) until a figure shown may turn: the local and
    the portal's wall-clock minute, and the worked, break or proposed time where it grows;
    ``also_due``: other moments (local clock) something is due, those in the past ignored."""
    turns = [to_next_minute(now)]
    if reading is not None:
        local = datetime.fromtimestamp(now, UTC)
        turns.append(to_next_minute(reading.clock.server_now(local).timestamp()))
        at, later = figures(reading, local, frozen), figures(reading, local + _PROBE, frozen)
        turns.extend(_growing_turns(at, later))
    turns.extend(due - now for due in also_due if due > now)
    return min(turns) + TURN_MARGIN_S


def _growing_turns(at: Elapsed, later: Elapsed) -> list[float]:
    """The next whole minute of each figure that grows between ``at`` and ``later``."""
    pairs = [(at.worked, later.worked), (at.on_break, later.on_break)]
    if at.proposed is not None and later.proposed is not None:
        pairs.append((at.proposed, later.proposed))
    return [to_next_minute(now.total_seconds()) for now, then in pairs if then > now]


class SleepWatch:
    """Finds a sleep or a change of the wall clock between two ticks, however far apart they
    are: the wall clock moved more than the monotonic one (which stops while the machine
    sleeps), or went back."""

    def __init__(self, tolerance_s: float, wall: float, monotonic: float) -> None:
        self._tolerance = tolerance_s
        self._wall = wall
        self._monotonic = monotonic

    def restart(self, wall: float, monotonic: float) -> None:
        """Count from now (the tick starts)."""
        self._wall, self._monotonic = wall, monotonic

    def tick(self, wall: float, monotonic: float) -> float | None:
        """The wall clock's gap since the last tick when it jumped, else None."""
        gap = wall - self._wall
        jump = gap - (monotonic - self._monotonic)
        self.restart(wall, monotonic)
        return gap if abs(jump) > self._tolerance else None


class Ticker:
    """The controller's tick: its timer, set for the next turn, and the sleep watch."""

    def __init__(
        self,
        timer: Timer,
        *,
        tick_s: float,
        clock: Callable[[], float],
        monotonic: Callable[[], float],
    ) -> None:
        """``timer`` calls the controller's tick; ``tick_s``: the tick while a countdown in
        seconds shows (a sleep is a jump of more than two of them)."""
        self._timer = timer
        self._tick_s = tick_s
        self._clock = clock
        self._monotonic = monotonic
        self._watch = SleepWatch(2 * tick_s, clock(), monotonic())

    def start(self) -> None:
        self._watch.restart(self._clock(), self._monotonic())

    def stop(self) -> None:
        self._timer.stop()

    def jumped(self) -> float | None:
        """At a tick: the wall clock's jump since the last one (a sleep), else None."""
        return self._watch.tick(self._clock(), self._monotonic())

    def arm(
        self,
        *,
        countdown: bool,
        reading: DayReading | None,
        frozen: Elapsed | None,
        offline_due: float | None,
    ) -> None:
        """Set the next tick: every ``tick_s`` while a ``countdown`` shows, else when a figure
        of ``reading`` turns or the offline notice is due."""
        if countdown:
            delay = self._tick_s
        else:
            due = () if offline_due is None else (offline_due,)
            delay = next_turn_in(self._clock(), reading, frozen, also_due=due)
        self._timer.start(ms(delay))
