"""When to ask the portal again: the poll schedule, back-off, jitter, sleep and offline detection.

Pure and toolkit-free: every method takes the time it is asked at (or nothing) and returns a
number of seconds to wait; the tray's controller only turns these numbers into timers, so all of
it is tested on a fake clock.

Hundreds of trays behind one office address share one leaky bucket at the portal (API reference
§5.5), so the schedule is polite by construction:

- jitter on every delay keeps an office of trays from polling in step;
- :class:`Backoff` (the only one in the product; the client's read retries use it too) spaces
  the tries while the portal is unreachable or refusing, never earlier than its reset time;
- :class:`PollSchedule` learns the interval in the spirit of TCP's congestion control: a refusal
  for the rate limit doubles it, each good answer takes a twentieth back, so a fleet that
  overloads the bucket spreads out by itself and comes back slowly (benchmarks/fleet.py
  measures it with a thousand trays);
- before its first status a tray retries soon (5 s, 10 s, … up to 5 min), each try at a random
  moment below the ceiling, so trays that start together get their first status in turn;
- a failure that waiting cannot fix (:attr:`~tray_app.core.remedy.Remedy.USER_ACTS`) stops the
  background polling instead of retrying it;
- a tray of a fleet whose size the administrator gave (:func:`fleet_start_window`) sends its
  first read at a random moment of a window long enough for the whole fleet's first reads to
  fit in the bucket's drain, and a refused first read is tried again within a window of the
  same size (:meth:`PollSchedule.first`), so a thousand trays starting within a minute all get
  their first status in about ten minutes instead of refusing each other; later reads that can
  wait (the week's records) come later still (:func:`later_read_delay`).
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from tray_app.core.remedy import Remedy

MAX_RETRY_AT_WAIT_S = 3600.0
"""A reset time further ahead than this is not believed (a clock far off, or a bad answer)."""

START_SHARE = 0.8
"""The share of the bucket's drain a fleet's first reads may use: a quarter of the standard
plan's 2/s is left to the company's other integrations (0.5/s in benchmarks/fleet.py) and a
little to the bucket's randomness."""
ALONE_UP_TO = 10
"""A fleet this small reads at once: the bucket's burst (50 on the smallest plan) holds it."""
LATER_READS_SPAN = 4.0
"""Reads that can wait (the week's records) are spread over this many poll intervals, after
the first: a fleet's extra reads then add a quarter of its polls' load, once a day."""


def fleet_start_window(fleet_size: int | None, drain: float, share: float = START_SHARE) -> float:
    """Seconds over which a fleet of ``fleet_size`` trays spreads its first reads so that they
    use at most ``share`` of a bucket draining ``drain`` per second: ``fleet_size / (drain ·
    share)``. 0 (read at once) without a fleet size or for a fleet the burst holds."""
    if fleet_size is None or fleet_size <= ALONE_UP_TO:
        return 0.0
    if not (drain > 0 and 0 < share <= 1):
        raise ValueError(f"unusable drain {drain!r} or share {share!r}")
    return fleet_size / (drain * share)


def later_read_delay(interval: float, start_window: float, rng: random.Random) -> float:
    """Seconds after the first status before a read that can wait (the week's records): at
    once for a tray alone (``start_window`` 0); in a fleet at a random moment of
    :data:`LATER_READS_SPAN` intervals after the first one, so those reads neither follow the
    first status at once nor arrive together."""
    if start_window <= 0:
        return 0.0
    return interval * (1.0 + LATER_READS_SPAN * rng.random())


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


@dataclass(frozen=True)
class PollTimes:
    """The schedule's settings, in seconds."""

    interval: float = 60.0
    """The normal spacing of the polls (the person's or the admin's setting)."""
    jitter: float = 0.1
    """Each normal poll is drawn from ``interval·(1 ± jitter)``."""
    follow_up: float = 3.0
    """One quick read after an own action, to catch what the server did next."""
    backoff: Backoff = Backoff(base=60.0, cap=900.0, spread=0.2)
    first_backoff: Backoff = Backoff(base=5.0, cap=300.0, spread=1.0)
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
    (:func:`fleet_start_window`; 0: at once), and a refused first read is tried again within
    a window as long (at least ``first_backoff``'s)."""
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


class OfflineWatch:
    """Says once when the portal has not answered for ``notify_after`` seconds, and once when
    it answers again after that."""

    def __init__(self, notify_after: float) -> None:
        self._notify_after = notify_after
        self._since: float | None = None
        self._told = False

    @property
    def offline(self) -> bool:
        return self._since is not None

    def failed(self, now: float) -> int | None:
        """A failure at ``now``; the minutes offline when it is time to tell, else None."""
        if self._since is None:
            self._since = now
        return self.check(now)

    def check(self, now: float) -> int | None:
        """The minutes offline, once, when they reach ``notify_after``; else None."""
        since = self._since
        if since is None or self._told or now - since < self._notify_after:
            return None
        self._told = True
        return max(1, round((now - since) / 60))

    def answered(self) -> bool:
        """The portal answered: whether the person was told it was offline (say it is back)."""
        told = self._told
        self.forget()
        return told

    def forget(self) -> None:
        """Nothing to tell any more (signed out, a new account)."""
        self._since = None
        self._told = False


# -- own clicks and quiet times ------------------------------------------------------------------
# (The tray's own actions while the portal is busy, and reading less while the person is away
# or the screen locked. Kept apart from the start-up and first-status part above.)


@dataclass(frozen=True)
class ActionTimes:
    """How an own action (start, pause, resume, close) waits for a busy portal, in seconds.

    An action is what the person waits for, so it is tried again within seconds, not on the
    background schedule; but only a request the portal certainly did not run is sent again
    (refused for the rate limit, a connection refused): after an answer was lost the day is read
    first, and the action is never sent twice."""

    resend: Backoff = Backoff(base=1.0, cap=15.0, spread=0.5)
    """Refused before it ran: sent again after about 1 s, 2 s, 4 s, 8 s, 15 s, 15 s … (some
    eight tries in the bounded wait: prompt for the person, no hammering of a full bucket)."""
    check: Backoff = Backoff(base=2.0, cap=15.0, spread=0.5)
    """Its answer lost: the day is read (the action is not sent) after about 2 s, 4 s … 15 s."""
    give_up_after: float = 60.0
    """No try starts later than this after the click (the CLI waits as long by default)."""


class WaitReason(StrEnum):
    """Why an own action has not gone through yet."""

    BUSY = "busy"
    """Refused for the portal's rate limit (not run): sent again shortly."""
    UNREACHABLE = "unreachable"
    """The portal could not be reached (not sent): sent again shortly."""
    CHECKING = "checking"
    """Its answer was lost: the day is read to learn whether it took effect (never re-sent)."""


def action_retry(
    times: ActionTimes,
    *,
    resend: bool,
    failures: int,
    waited: float,
    now: float,
    rng: random.Random,
    retry_at: float | None = None,
) -> float | None:
    """The wait before the next try of an own action after its ``failures``-th failure in a row,
    ``waited`` seconds after the click: a send again (``resend``) or a read of the day. Never
    sooner than a reset time the portal gave. None: give up, the next try would start after
    :attr:`ActionTimes.give_up_after`."""
    backoff = times.resend if resend else times.check
    delay = backoff.delay(failures, rng)
    reset = wait_for_reset(retry_at, now, rng)
    if reset is not None:
        delay = max(delay, reset)
    if waited + delay > times.give_up_after:
        return None
    return delay


class Presence(StrEnum):
    """Whether the person can see the tray: here, away from the desk (idle), or locked."""

    HERE = "here"
    AWAY = "away"
    LOCKED = "locked"


@dataclass(frozen=True)
class QuietTimes:
    """How much less the tray reads while nobody looks, in seconds."""

    away_factor: float = 3.0
    """Away from the desk: the background reads this many times further apart ..."""
    locked_factor: float = 10.0
    """... locked: this many times ..."""
    cap: float = 1800.0
    """... but no further apart than this (unless the rate limit or the back-off taught longer):
    a locked tray still reads, so a day closed elsewhere is shown soon after the return anyway,
    and a tray never stops reading for good."""
    return_after: float = 120.0
    """Back at the desk: one read (spread like a wake's) when the day shown is older than this."""
    reminder_fresh: float = 120.0
    """A reminder fires on a day read at most this long ago; an older one is read first."""
    min_gap: float = 30.0
    """A read asked by the return or a reminder comes at least this long after the last read
    sent: locking and unlocking (or reminders) in a row cannot make a tray read faster."""

    def __post_init__(self) -> None:
        if min(self.away_factor, self.locked_factor) < 1.0 or self.min_gap < 0:
            raise ValueError(f"unusable quiet times {self!r}")


def stretched(delay: float, presence: Presence, times: QuietTimes) -> float:
    """The delay of the next background read while the person is ``presence``: ``delay``
    stretched by the presence's factor up to :attr:`QuietTimes.cap`; never shorter."""
    factor = {
        Presence.HERE: 1.0,
        Presence.AWAY: times.away_factor,
        Presence.LOCKED: times.locked_factor,
    }[presence]
    return max(delay, min(delay * factor, times.cap))


class ReadPacing:
    """The reads the person's presence and the reminders ask for, on a clock the caller passes.

    The background schedule (:class:`PollSchedule`) says when to read next; this stretches its
    delays while nobody looks (:func:`stretched`), asks one read when the person comes back to
    a day shown too old (at a random moment of the wake spread the caller draws, so a whole
    office unlocking at 9:00 does not arrive in the same second), and one before a reminder
    fires on a day read too long ago. Neither comes sooner than :attr:`QuietTimes.min_gap`
    after the last read sent."""

    def __init__(self, times: QuietTimes | None = None) -> None:
        self._times = times or QuietTimes()
        self._presence = Presence.HERE
        self._last_sent: float | None = None
        self._answered_at: float | None = None
        self._reminder_read = False

    @property
    def times(self) -> QuietTimes:
        return self._times

    @property
    def presence(self) -> Presence:
        return self._presence

    def sent(self, now: float) -> None:
        """A read (of any kind) was sent at ``now``."""
        self._last_sent = now

    def answered(self, now: float) -> None:
        """The day was read at ``now`` (a poll's or an action's answer)."""
        self._answered_at = now
        self._reminder_read = False

    def age(self, now: float) -> float | None:
        """Seconds since the day was last read; None before the first answer."""
        return None if self._answered_at is None else max(0.0, now - self._answered_at)

    def stretch(self, delay: float) -> float:
        """A background delay as the presence allows (:func:`stretched`)."""
        return stretched(delay, self._presence, self._times)

    def set_presence(self, presence: Presence, now: float, spread: float) -> float | None:
        """The person is now ``presence``. The delay of the one read a return asks for (back,
        and the day shown older than :attr:`QuietTimes.return_after` by then), at ``spread``
        seconds from now at the earliest; None: the schedule stands."""
        before, self._presence = self._presence, presence
        if presence is not Presence.HERE or before is Presence.HERE:
            return None
        age = self.age(now)
        if age is None:
            return None  # no day read yet: the first-status schedule is already trying
        delay = max(spread, self._times.return_after - age, 0.0)
        return self._not_before(now, delay)

    def before_reminder(self, now: float) -> float | None:
        """A reminder is due at ``now``: the delay of one read first when the day shown is
        older than :attr:`QuietTimes.reminder_fresh` (the reminder then waits for its answer);
        None: fire now (the day is fresh, or this day's read was asked already and failed:
        the last known day is the best there is)."""
        age = self.age(now)
        if age is None or age <= self._times.reminder_fresh or self._reminder_read:
            return None
        self._reminder_read = True
        return self._not_before(now, 0.0)

    def _not_before(self, now: float, delay: float) -> float:
        if self._last_sent is None:
            return delay
        return max(delay, self._last_sent + self._times.min_gap - now)
