"""When to ask the portal again: the background poll schedule, its back-off and jitter.

Pure and toolkit-free: every method takes the time it is asked at (or nothing) and returns a
number of seconds to wait; the tray's controller only turns these numbers into timers, so all of
it is tested on a fake clock.

Hundreds of trays behind one office address share one leaky bucket at the portal (API reference
§5.5), so the schedule is polite by construction:

- jitter on every delay keeps an office of trays from polling in step;
- the back-off (:class:`~tray_app.core.backoff.Backoff`) spaces the tries while the portal is
  unreachable or refusing, never earlier than its reset time;
- :class:`PollSchedule` learns the interval in the spirit of TCP's congestion control: a refusal
  for the rate limit doubles it, each good answer takes a twentieth back, so a fleet that
  overloads the bucket spreads out by itself and comes back slowly (benchmarks/fleet.py
  measures it with a thousand trays);
- before its first status a tray retries soon (5 s, 10 s, … up to 5 min), each try at a random
  moment below the ceiling, so trays that start together get their first status in turn;
- a failure that waiting cannot fix (:attr:`~tray_app.core.remedy.Remedy.USER_ACTS`) stops the
  background polling instead of retrying it;
- a tray of a fleet spreads its first reads over the fleet's start window
  (:mod:`tray_app.core.fleet_start`), and a refused first read is tried again within a window
  of the same size (:meth:`PollSchedule.first`);
- a closed day far from its start is polled less (:func:`quiet_day`).

Reading less while nobody looks is :mod:`tray_app.core.read_pacing`; an own click's retries,
:mod:`tray_app.core.action_retry`.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass, field
from datetime import timedelta

from tray_app.core.backoff import Backoff, wait_for_reset
from tray_app.core.remedy import Remedy


@dataclass(frozen=True)
class PollTimes:
    """The schedule's settings, in seconds."""

    interval: float = 60.0
    """The normal spacing of the polls (the person's or the admin's setting)."""
    jitter: float = 0.1
    """Each normal poll is drawn from ``interval·(1 ± jitter)``."""
    follow_up: float = 3.0
    """One quick read after an own action, to catch what the server did next."""
    # field(default=...): one shared frozen value, as a plain default (ruff cannot see that
    # Backoff, of another module, is frozen).
    backoff: Backoff = field(default=Backoff(base=60.0, cap=900.0, spread=0.2))
    first_backoff: Backoff = field(default=Backoff(base=5.0, cap=300.0, spread=1.0))
    """Before the first answer: a tray with nothing to show tries again soon, each try at a
    random moment below the ceiling (full jitter), so a fleet starting together spreads out."""
    max_interval: float = 3600.0
    """The longest the learnt interval grows to under the rate limit."""
    recovery: float = 0.05
    """The share of the learnt interval a good answer takes back (1/(1 + recovery))."""
    quiet_factor: float = 10.0
    """While nothing is likely to change (the day is closed, far from its start), the polls
    are this many times further apart ..."""
    quiet_cap: float = 900.0
    """... but no further apart than this (unless the rate limit taught longer)."""
    wake_spread: float = 20.0
    """A read after a wake or the network's return comes within this many seconds (more when
    the rate limit has stretched the interval): an office whose laptops all wake at 9:00 does
    not arrive in the same second."""
    start_window: float = 0.0
    """The first read comes at a random moment within this many seconds of the start
    (:func:`~tray_app.core.fleet_start.fleet_start_window`; 0: at once), and a refused first
    read is tried again within a window as long (at least ``first_backoff``'s)."""
    first_jitter: float = 0.5
    """When the fleet started together (``start_window`` > 0) the poll after the first status
    comes up to this share of the interval later than a normal one (never sooner): the next
    rounds do not repeat the start's crowd."""


class PollSchedule:
    """The delay before the next background read, from what the last one brought.

    ``learnt_interval`` starts at ``times.interval`` (or a value kept from an earlier run) and
    only ever lies between that and ``times.max_interval``."""

    def __init__(
        self, times: PollTimes, rng: random.Random, *, learnt_interval: float | None = None
    ) -> None:
        self._times = times
        self._rng = rng
        self._failures = 0
        self._answered_once = False
        self._learnt = self._bounded(learnt_interval or times.interval)

    @property
    def times(self) -> PollTimes:
        return self._times

    @property
    def failures(self) -> int:
        """Failures in a row that waiting may fix (0 after an answer)."""
        return self._failures

    @property
    def learnt_interval(self) -> float:
        """The interval the rate limit has taught, worth keeping across restarts."""
        return self._learnt

    def set_interval(self, seconds: float) -> None:
        """A new normal interval (from the settings); the learnt one never goes below it."""
        self._times = dataclasses.replace(
            self._times, interval=seconds, max_interval=max(self._times.max_interval, seconds)
        )
        self._learnt = self._bounded(self._learnt)

    def regular(self, *, quiet: bool = False) -> float:
        """The next poll after nothing in particular (a dropped answer, an odd one); ``quiet``:
        nothing is likely to change soon (:func:`quiet_day`)."""
        interval = self._learnt
        if quiet:
            times = self._times
            interval = max(interval, min(interval * times.quiet_factor, times.quiet_cap))
        return self._jittered(interval)

    def answered(self, *, quiet: bool = False) -> float:
        """A good answer: the failures are over, a little rate comes back."""
        self._failures = 0
        first, self._answered_once = not self._answered_once, True
        self._learnt = self._bounded(self._learnt / (1.0 + self._times.recovery))
        regular = self.regular(quiet=quiet)
        if first and self._times.start_window > 0:
            return regular * (1.0 + self._times.first_jitter * self._rng.random())
        return regular

    def first(self) -> float:
        """The delay before the first read after the start: 0 for a tray alone, else a random
        moment of the fleet's start window."""
        window = self._times.start_window
        return self._rng.uniform(0.0, window) if window > 0 else 0.0  # alone: nothing drawn

    def woke(self) -> float:
        """The machine woke, or the network came back: read again soon, at a random moment
        within the wake spread (stretched as far as the rate limit stretched the interval), or
        of a fleet's start window when longer: a whole office waking after lunch is a start."""
        stretch = self._learnt / self._times.interval
        spread = max(self._times.wake_spread * stretch, self._times.start_window)
        return self._rng.uniform(0.0, spread)

    def acted(self) -> float:
        """An own action was answered (done, a no-op or refused): read once more soon."""
        return self._times.follow_up

    def failed(
        self,
        remedy: Remedy,
        now: float,
        *,
        rate_limited: bool = False,
        retry_at: float | None = None,
    ) -> float | None:
        """A background read failed. The delay before the next, or None: stop polling, waiting
        will not help (the person must act first)."""
        if remedy is Remedy.USER_ACTS:
            return None
        if remedy is Remedy.BUG:
            return self.regular()
        self._failures += 1
        # A fleet's crowd at the start says nothing about the interval it can keep: its first
        # tries spread over the start window instead of teaching a longer interval.
        fleet_start = not self._answered_once and self._times.start_window > 0
        if rate_limited and not fleet_start:
            self._learnt = self._bounded(self._learnt * 2.0)
        if not self._answered_once:
            delay = self._first_backoff().delay(self._failures, self._rng)
        else:  # never sooner than a normal poll: the back-off starts at the interval
            delay = max(self._times.backoff.delay(self._failures, self._rng), self.regular())
        reset = wait_for_reset(retry_at, now, self._rng)
        return delay if reset is None else max(delay, reset)

    def _first_backoff(self) -> Backoff:
        """Before the first status: the ``first_backoff``, scaled to a fleet's start window (base
        a twentieth of it, ceiling a quarter): a refused first try comes back spread, but
        within the window's last part, so the last first status is not much later."""
        backoff, window = self._times.first_backoff, self._times.start_window
        if window <= backoff.cap:
            return backoff
        return dataclasses.replace(backoff, base=max(backoff.base, window / 20), cap=window / 4)

    def _jittered(self, seconds: float) -> float:
        jitter = self._times.jitter
        return seconds * (1.0 + self._rng.uniform(-jitter, jitter))

    def _bounded(self, seconds: float) -> float:
        return min(max(seconds, self._times.interval), self._times.max_interval)


QUIET_BEFORE_START = timedelta(hours=2)
QUIET_AFTER_START = timedelta(hours=1)


def quiet_day(*, closed: bool, time_of_day: timedelta, latest_start: timedelta) -> bool:
    """Whether a day can be polled less: it is closed and the wall clock is not near the time
    people start (from two hours before the latest start to one hour after), when a day opened
    in the browser should show soon."""
    near_start = (
        latest_start - QUIET_BEFORE_START <= time_of_day <= latest_start + QUIET_AFTER_START
    )
    return closed and not near_start
