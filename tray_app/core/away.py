"""Away from the computer while the day was open: when the person left, when they came back.

:class:`AwayTracker` is fed a :class:`Sample` every few seconds (the moment, a monotonic clock,
the seconds since the last input and whether the screen is locked, each ``None`` when this
system cannot tell, and whether the day is open) and answers with an :class:`AwayEpisode`
exactly once per absence, on the sample that sees the person back. Nothing here reads a clock.

When the person left (``left_at``), by the first evidence of an absence (``cause``):

- ``asleep``: the wall clock moved on further than the monotonic clock explains, i.e. the machine
  was suspended (on Linux and macOS the monotonic clock stops during sleep; where it does not,
  a gap far beyond the sampling interval means the program did not run). The machine is taken
  to have gone to sleep right after the awake time the monotonic clock saw; the person left at
  their last input before it, when that is known.
- ``locked``: the screen is locked; the person left at their last input, or when the lock was
  seen when input is not known.
- ``idle``: no input for at least the threshold; they left at their last input.

A forward clock change looks like a sleep and is taken for one (the person can keep the time
as work); a clock set back moves every moment remembered by the same amount.

When they came back (``returned_at``): at the wake when the machine slept and the screen is not
locked; at the unlock (their first input after it, when known); or at their first input after
leaving. An absence shorter than the threshold, or one during which the day stopped being open,
is dropped. Absences are counted only from when the day was first seen open.

:func:`close_prefill` gives what "close the day at the moment they left" fills in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from enum import StrEnum

from tray_app.core.backdate import close_date, day_zone
from tray_app.core.workday import Workday

__all__ = [
    "DEFAULT_INPUT_TOLERANCE",
    "DEFAULT_SLEEP_TOLERANCE",
    "AwayCause",
    "AwayEpisode",
    "AwayTracker",
    "ClosePrefill",
    "Sample",
    "close_prefill",
]

DEFAULT_SLEEP_TOLERANCE = timedelta(seconds=60)
"""Wall time the monotonic clock does not explain, beyond which the machine slept."""
DEFAULT_INPUT_TOLERANCE = timedelta(seconds=5)
"""How much later than the last known input an input must be to count as a new one (the idle
counter and the wall clock are read at slightly different moments)."""

_MINUTE = timedelta(minutes=1)


class AwayCause(StrEnum):
    """The first evidence that the person had gone."""

    IDLE = "idle"
    LOCKED = "locked"
    ASLEEP = "asleep"


@dataclass(frozen=True)
class Sample:
    """One look at the machine.

    ``now`` is the aware wall-clock time; ``monotonic`` seconds from a clock that is never set
    (``time.monotonic()``); ``idle_s`` the seconds since the last keyboard or pointer input and
    ``locked`` whether the screen is locked, each None when unknown; ``day_open`` whether the
    workday is running (OPENED).
    """

    now: datetime
    monotonic: float
    idle_s: float | None = None
    locked: bool | None = None
    day_open: bool = True


@dataclass(frozen=True)
class AwayEpisode:
    """One absence while the day was open."""

    left_at: datetime
    returned_at: datetime
    cause: AwayCause

    @property
    def duration(self) -> timedelta:
        return self.returned_at - self.left_at


@dataclass(frozen=True)
class _Absence:
    left_at: datetime
    cause: AwayCause
    mark: datetime  # the latest input seen since leaving: a later one means they are back
    was_locked: bool  # the last known lock state during the absence was "locked"


class AwayTracker:
    """Turns samples into away episodes (see the module docstring).

    ``threshold``: the shortest absence worth asking about; ``interval``: how often the caller
    samples (a longer gap on the monotonic clock is not believed to be awake time);
    ``sleep_tolerance``: unexplained wall time below this is clock noise, not sleep;
    ``input_tolerance``: see :data:`DEFAULT_INPUT_TOLERANCE`.
    """

    def __init__(
        self,
        threshold: timedelta,
        interval: timedelta,
        *,
        sleep_tolerance: timedelta = DEFAULT_SLEEP_TOLERANCE,
        input_tolerance: timedelta = DEFAULT_INPUT_TOLERANCE,
    ) -> None:
        if interval <= timedelta(0):
            raise ValueError(f"the sampling interval must be positive, not {interval}")
        self.threshold = threshold
        self._interval = interval
        self._sleep_tolerance = sleep_tolerance
        self._input_tolerance = input_tolerance
        self._prev: Sample | None = None
        self._open_since: datetime | None = None
        self._away: _Absence | None = None

    @property
    def threshold(self) -> timedelta:
        return self._threshold

    @threshold.setter
    def threshold(self, value: timedelta) -> None:
        """A new threshold (the settings changed); applies to the absence under way too."""
        if value <= timedelta(0):
            raise ValueError(f"the away threshold must be positive, not {value}")
        self._threshold = value

    @property
    def away_since(self) -> datetime | None:
        """When the person left, while an absence is under way (not yet known to be long
        enough); None while they are here."""
        return None if self._away is None else self._away.left_at

    def reset(self) -> None:
        """Forget everything (e.g. after the source changed)."""
        self._prev = None
        self._open_since = None
        self._away = None

    def feed(self, sample: Sample) -> AwayEpisode | None:
        """Take one sample; the episode that ended with it, if any (once per absence)."""
        prev, self._prev = self._prev, sample
        slept_at: datetime | None = None
        prev_now: datetime | None = None
        if prev is not None and sample.monotonic >= prev.monotonic:
            awake = min(timedelta(seconds=sample.monotonic - prev.monotonic), self._interval)
            unexplained = sample.now - prev.now - awake
            prev_now = prev.now
            if unexplained > self._sleep_tolerance:
                slept_at = prev.now + awake
            elif unexplained < -self._sleep_tolerance:
                self._shift(unexplained)  # the clock was set back
                prev_now = prev.now + unexplained
        if not sample.day_open:
            self._open_since = None
            self._away = None
            return None
        if self._open_since is None:
            self._open_since = sample.now
        last_input = _last_input(sample)
        away = self._away
        if away is None:
            away = self._start(sample, prev, prev_now, slept_at, last_input)
            if away is None:
                return None
        returned = self._returned(sample, away, prev_now, slept_at, last_input)
        if returned is None:
            self._away = _continued(away, sample.locked, last_input)
            return None
        self._away = None
        if returned - away.left_at < self._threshold:
            return None
        return AwayEpisode(away.left_at, returned, away.cause)

    # -- internals ----------------------------------------------------------------------------

    def _shift(self, delta: timedelta) -> None:
        if self._open_since is not None:
            self._open_since += delta
        if self._away is not None:
            self._away = replace(
                self._away, left_at=self._away.left_at + delta, mark=self._away.mark + delta
            )

    def _start(
        self,
        sample: Sample,
        prev: Sample | None,
        prev_now: datetime | None,
        slept_at: datetime | None,
        last_input: datetime | None,
    ) -> _Absence | None:
        """A new absence if this sample shows one (sleep first, then lock, then idle)."""
        if slept_at is not None:
            left = slept_at
            assert prev is not None
            assert prev_now is not None
            if prev.idle_s is not None:
                left = min(left, prev_now - timedelta(seconds=max(prev.idle_s, 0.0)))
            cause = AwayCause.ASLEEP
        elif sample.locked is True:
            left = sample.now if last_input is None else min(sample.now, last_input)
            cause = AwayCause.LOCKED
        elif last_input is not None and sample.now - last_input >= self._threshold:
            left = last_input
            cause = AwayCause.IDLE
        else:
            return None
        assert self._open_since is not None
        left = max(left, self._open_since)
        mark = left if last_input is None else max(left, last_input)
        return _Absence(left, cause, mark, was_locked=False)

    def _returned(
        self,
        sample: Sample,
        away: _Absence,
        prev_now: datetime | None,
        slept_at: datetime | None,
        last_input: datetime | None,
    ) -> datetime | None:
        """When the person came back, if this sample shows they are."""
        if sample.locked is True:
            return None
        if slept_at is not None:
            return sample.now  # woke up, and nothing is locked
        unlocked = sample.locked is False and away.was_locked
        new_input = last_input is not None and last_input > away.mark + self._input_tolerance
        if not unlocked and not new_input:
            return None
        lower = away.left_at if prev_now is None else max(away.left_at, prev_now)
        moment = sample.now if last_input is None else last_input
        return min(max(moment, lower), sample.now)


def _last_input(sample: Sample) -> datetime | None:
    if sample.idle_s is None:
        return None
    return sample.now - timedelta(seconds=max(sample.idle_s, 0.0))


def _continued(away: _Absence, locked: bool | None, last_input: datetime | None) -> _Absence:
    was_locked = away.was_locked if locked is None else locked
    mark = away.mark if last_input is None else max(away.mark, last_input)
    return replace(away, was_locked=was_locked, mark=mark)


@dataclass(frozen=True)
class ClosePrefill:
    """What "close the day at the moment I left" fills in.

    ``when``: the end time in the day's zone, to the minute; ``reason_key``: which default
    reason to offer (the UI words it); ``clamped``: the moment they left is not a time the day
    can end at (before its start, or after the end of its start date), so the nearest one that
    is was taken instead.
    """

    when: datetime
    reason_key: AwayCause
    clamped: bool


def close_prefill(episode: AwayEpisode, day: Workday) -> ClosePrefill:
    """The end time and reason key to offer for closing ``day`` when the person left.

    The end is the minute they left, in the day's zone; it must be after the start and on the
    start date (the portal's rules, :func:`tray_app.core.backdate.check_close_time`), so it is
    kept within the first minute after the start and 23:59 of the start date.
    """
    start_date = close_date(day)  # raises RuleViolation for a day without a start
    zone = day_zone(day)
    start = day.started_at
    assert start is not None
    wanted = _floor_minute(episode.left_at.astimezone(zone))
    earliest = _floor_minute(start.astimezone(zone)) + _MINUTE
    latest = datetime.combine(start_date, time(23, 59), tzinfo=zone)
    when = min(max(wanted, earliest), latest)
    return ClosePrefill(when=when, reason_key=episode.cause, clamped=when != wanted)


def _floor_minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)
