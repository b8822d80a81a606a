"""Schedule arithmetic of the portal: when a forgotten day expires, what end to propose.

Modelled on ``WorktimeRecordManager`` (``isRecordExpired``, ``getRecommendedStopTimestamp``,
``isEligibleToReopen``). The simulator knows one shift per schedule (``SimUser.shift_start`` /
``shift_end`` on ``work_days``) and does all arithmetic on the wall clock of the day's offset:

- no schedule or FLEXTIME: expired at 00:00 of the second calendar day after the start;
- FIXED, started on a working day (the record belongs to that day's shift): expired once
  ``shift end + min(gap to the next shift / 2, shift length)`` is reached;
- FIXED, started on a day off: if the next shift starts within 24 h of the start, expired after
  ``next shift start - shift length / 2``, otherwise after ``start + 18 h``;
- SHIFT: expired one hour after the end of the shift of the start date.

The proposed end (``TIME_FINISH_DEFAULT``) is the shift end when the record has a shift, else
start + the shift length (FIXED on a day off), else start + 9 h.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from tray_app.demo.users import SimUser

_NINE_HOURS = timedelta(hours=9)
_EIGHTEEN_HOURS = timedelta(hours=18)
_ONE_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)
_WEEK_AND_A_DAY = 8


def _tz(offset: int) -> timezone:
    return timezone(timedelta(seconds=offset))


def shift_bounds(user: SimUser, day: date, offset: int) -> tuple[datetime, datetime]:
    """Start and end of the shift that begins on ``day`` (a night shift ends the next day)."""
    start = datetime.combine(day, user.shift_start, _tz(offset))
    end = datetime.combine(day, user.shift_end, _tz(offset))
    if end <= start:
        end += _DAY
    return start, end


def shift_length(user: SimUser) -> timedelta:
    start, end = shift_bounds(user, date(2000, 1, 3), 0)
    return end - start


def is_work_day(user: SimUser, day: date) -> bool:
    return str(day.isoweekday()) in user.work_days


def record_shift(user: SimUser, start: datetime, offset: int) -> tuple[datetime, datetime] | None:
    """The shift a record started at ``start`` belongs to, if its schedule has one."""
    day = start.astimezone(_tz(offset)).date()
    if user.schedule == "SHIFT" or (user.schedule == "FIXED" and is_work_day(user, day)):
        return shift_bounds(user, day, offset)
    return None


def next_shift_start(user: SimUser, after: datetime, offset: int) -> datetime | None:
    """The first shift start strictly after ``after`` on a working day."""
    day = after.astimezone(_tz(offset)).date()
    for step in range(_WEEK_AND_A_DAY):
        candidate = day + timedelta(days=step)
        begin, _ = shift_bounds(user, candidate, offset)
        if begin > after and is_work_day(user, candidate):
            return begin
    return None


def recommended_stop(user: SimUser, start: datetime, offset: int) -> datetime:
    """The end the portal proposes for a forgotten day."""
    shift = record_shift(user, start, offset)
    if shift is not None:
        return shift[1]
    if user.schedule == "FIXED":
        return start + shift_length(user)
    return start + _NINE_HOURS


def is_expired(user: SimUser, start: datetime, offset: int, now: datetime) -> bool:
    """Whether an unfinished record that started at ``start`` counts as EXPIRED at ``now``."""
    if user.schedule == "SHIFT":
        _, end = shift_bounds(user, start.astimezone(_tz(offset)).date(), offset)
        return now > end + _ONE_HOUR
    if user.schedule == "FIXED":
        shift = record_shift(user, start, offset)
        length = shift_length(user)
        if shift is not None:
            ideal_end = shift[1]
            upcoming = next_shift_start(user, ideal_end, offset)
            if upcoming is None:
                return now >= _midnight_two_days_after(start, offset)
            return now >= ideal_end + min((upcoming - ideal_end) / 2, length)
        upcoming = next_shift_start(user, start, offset)
        if upcoming is not None and upcoming - start < _DAY:
            return now > upcoming - length / 2
        return now > start + _EIGHTEEN_HOURS
    return now >= _midnight_two_days_after(start, offset)


def reopen_allowed(user: SimUser, start: datetime, offset: int, now: datetime) -> bool:
    """A closed day may be resumed while its shift has not ended (schedule permitting)."""
    if not user.can_reopen:
        return False
    shift = record_shift(user, start, offset)
    return shift is not None and now <= shift[1]


def _midnight_two_days_after(start: datetime, offset: int) -> datetime:
    day = start.astimezone(_tz(offset)).date() + timedelta(days=2)
    return datetime.combine(day, datetime.min.time(), _tz(offset))
