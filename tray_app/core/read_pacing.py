"""Reading less while the person is away or the screen locked, and one read when they come
back to an old day or a reminder falls due on one.

The background schedule (:mod:`tray_app.core.poll_schedule`) says when to read next; this
stretches its delays while nobody looks and asks the reads the person's return and the
reminders need, never faster than :attr:`QuietTimes.min_gap` allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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

    The background schedule (:class:`~tray_app.core.poll_schedule.PollSchedule`) says when to
    read next; this stretches its delays while nobody looks (:func:`stretched`), asks one read
    when the person comes back to a day shown too old (at a random moment of the wake spread
    the caller draws, so a whole office unlocking at 9:00 does not arrive in the same second),
    and one before a reminder fires on a day read too long ago. Neither comes sooner than
    :attr:`QuietTimes.min_gap` after the last read sent."""

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
