"""Rules for a changed start or end time, checked before anything is sent (API reference §2.2).

- open with a time: only from CLOSED; on today's date in the offset of the time; not in the
  future; not before the end of the previous day (the portal refuses overlaps).
- close with a time: on the day's start date in the day's offset; after the start; not in the
  future. An EXPIRED day can only be closed with a time.
- a reason goes with every time; the user is asked for one unless the schedule is flexible.

Each broken rule raises :class:`RuleViolation` whose ``rule`` names it (the UI words it in the
user's language) and whose message says it in English for the CLI and the log.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Final

from tray_app.core.message import Message, say
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.quoting import quoted
from tray_app.core.timefmt import TimeFormatError, fixed_offset, format_hm, localize
from tray_app.core.workday import DayState, Workday

MAX_REASON_LENGTH = 2000
DEFAULT_REASON = "Time set in timeman-tray"
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
MAX_OFFSET = timedelta(hours=14)
# A typed wall time must lie this far inside datetime's range: its offset and then another
# zone's each move it by at most 14 h, and a day's arithmetic by a day; all stay inside.
_EDGE = timedelta(days=2)

TypedTime = time | datetime
"""What :func:`read_user_time` gives: a clock time, or a full (maybe naive) datetime."""


class Rule(StrEnum):
    """The rule a time or reason broke."""

    BAD_TIME = "bad_time"
    OPEN_NOT_CLOSED = "open_not_closed"
    NOT_TODAY = "not_today"
    IN_FUTURE = "in_future"
    OVERLAPS_PREVIOUS = "overlaps_previous"
    CLOSE_NOT_RUNNING = "close_not_running"
    NOT_START_DATE = "not_start_date"
    BEFORE_START = "before_start"
    BEFORE_BREAK = "before_break"
    SHORTER_THAN_BREAKS = "shorter_than_breaks"
    REASON_MISSING = "reason_missing"
    REASON_TOO_LONG = "reason_too_long"
    REASON_CONTROL = "reason_control"


class RuleViolation(ValueError):
    """A time or reason the portal would refuse; nothing was sent. ``rule`` names the rule,
    ``said`` the sentence (``str()`` its English: the CLI's words; None for a bare text)."""

    def __init__(self, rule: Rule, message: Message | str) -> None:
        super().__init__(str(message))
        self.rule = rule
        self.said = message if isinstance(message, Message) else None


_NO_START: Final = say("backdate.no_start", "the portal did not say when this day started")


def day_zone(day: Workday) -> tzinfo:
    """The fixed-offset zone the day started in (close times are expressed in it)."""
    offset = day.day_offset
    if offset is None:
        raise RuleViolation(Rule.CLOSE_NOT_RUNNING, _NO_START)
    return fixed_offset(offset)


def open_date(now: datetime, zone: tzinfo) -> date:
    """The only date a start time may fall on: today in ``zone``."""
    return now.astimezone(zone).date()


def close_date(day: Workday) -> date:
    """The only date an end time may fall on: the day's start date in the day's zone."""
    if day.started_at is None:
        raise RuleViolation(Rule.CLOSE_NOT_RUNNING, _NO_START)
    return day.started_at.astimezone(day_zone(day)).date()


def read_user_time(text: str) -> TypedTime:
    """The form of a time a person typed, judged before anything is read from the portal.

    ``HH:MM`` gives a clock time (placed on a date later), a full ISO-8601 time a datetime
    (naive when it has no offset: it takes a zone later). Refused: anything else, an offset
    not in whole minutes or beyond ±14:00 (ATOM cannot carry it), and a date within two days
    of the ends of the calendar (converting it to another zone would overflow).
    """
    cleaned = text.strip()
    match = _CLOCK.match(cleaned)
    if match is not None:
        return time(int(match[1]), int(match[2]))
    if "T" in cleaned or " " in cleaned:
        try:
            moment = datetime.fromisoformat(cleaned)
        except ValueError:
            pass
        else:
            _check_moment(moment, text)
            return moment
    raise RuleViolation(
        Rule.BAD_TIME,
        say(
            "backdate.not_a_time",
            "{text} is not a time: give HH:MM (24-hour, e.g. 09:05) or a full ISO-8601 "
            "time like 2025-02-12T09:05:00+03:00",
            text=quoted(text),
        ),
    )


def _check_moment(moment: datetime, text: str) -> None:
    offset = moment.utcoffset()
    if offset is not None and (offset % timedelta(minutes=1) or abs(offset) > MAX_OFFSET):
        raise RuleViolation(
            Rule.BAD_TIME,
            say(
                "backdate.offset",
                "the offset of {text} must be whole minutes from -14:00 to +14:00",
                text=quoted(text),
            ),
        )
    wall = moment.replace(tzinfo=None)
    if not datetime.min + _EDGE <= wall <= datetime.max - _EDGE:
        raise RuleViolation(
            Rule.BAD_TIME,
            say(
                "backdate.too_far",
                "{text} is too far in the past or the future for a workday",
                text=quoted(text),
            ),
        )


def place_user_time(typed: TypedTime, on_date: date, zone: tzinfo) -> datetime:
    """A typed time as a moment: a clock time on ``on_date`` in ``zone``; a full time without
    an offset in ``zone``; a full time with an offset as given (never converted to ours)."""
    if isinstance(typed, datetime):
        if typed.tzinfo is not None:
            return typed
        naive = typed
    else:
        naive = datetime.combine(on_date, typed)
    try:
        return localize(naive, zone)
    except TimeFormatError as exc:  # DST gap or overlap: say so, not "not a time"
        raise RuleViolation(Rule.BAD_TIME, exc.said or str(exc)) from None


def parse_user_time(text: str, on_date: date, zone: tzinfo) -> datetime:
    """A time a person typed: ``HH:MM`` on ``on_date`` in ``zone``, or a full ISO-8601 time."""
    return place_user_time(read_user_time(text), on_date, zone)


def check_open_time(day: Workday, when: datetime, now: datetime) -> None:
    """Refuse a start time the portal would refuse (``day`` is the current status)."""
    if day.state is not DayState.CLOSED:
        raise RuleViolation(
            Rule.OPEN_NOT_CLOSED,
            say(
                "backdate.open_not_closed",
                "a start time can only be given for a new day; the day is {state}",
                state=day.state.value,
            ),
        )
    zone = when.tzinfo
    assert zone is not None, "user times are always aware"
    today = open_date(now, zone)
    if when.date() != today:
        raise RuleViolation(
            Rule.NOT_TODAY,
            say(
                "backdate.not_today",
                "the start must be today ({today}), not {date}",
                today=f"{today:%Y-%m-%d}",
                date=f"{when:%Y-%m-%d}",
            ),
        )
    if when > now:
        raise RuleViolation(
            Rule.IN_FUTURE,
            say(
                "backdate.start_in_future",
                "the start {time} is in the future",
                time=f"{when:%H:%M}",
            ),
        )
    if day.finished_at is not None and when < day.finished_at:
        raise RuleViolation(
            Rule.OVERLAPS_PREVIOUS,
            say(
                "backdate.overlaps_previous",
                "the start {time} is before the previous day ended ({ended})",
                time=f"{when:%H:%M}",
                ended=f"{day.finished_at.astimezone(zone):%H:%M}",
            ),
        )


def check_close_time(day: Workday, when: datetime, now: datetime) -> None:
    """Refuse an end time the portal would refuse (``day`` is the current status)."""
    if day.state not in (DayState.OPENED, DayState.PAUSED, DayState.EXPIRED):
        raise RuleViolation(
            Rule.CLOSE_NOT_RUNNING,
            say(
                "backdate.nothing_to_close",
                "there is no open day to close; the day is {state}",
                state=day.state.value,
            ),
        )
    start_date = close_date(day)
    assert day.started_at is not None  # close_date() checked it
    local_end = when.astimezone(day_zone(day))
    if local_end.date() != start_date:
        raise RuleViolation(
            Rule.NOT_START_DATE,
            say(
                "backdate.not_start_date",
                "the end must be on the day's start date ({start_date}), not {date}",
                start_date=f"{start_date:%Y-%m-%d}",
                date=f"{local_end:%Y-%m-%d}",
            ),
        )
    if when <= day.started_at:
        raise RuleViolation(
            Rule.BEFORE_START,
            say(
                "backdate.before_start",
                "the end {time} must be after the start ({start})",
                time=f"{local_end:%H:%M}",
                start=f"{day.started_at.astimezone(day_zone(day)):%H:%M}",
            ),
        )
    # A day left paused: its TIME_FINISH is when the break began, and the portal counts the
    # break up to the end, so an earlier end would be a negative break (ALERT_WARNING).
    if day.state is not DayState.OPENED and day.finished_at is not None and when < day.finished_at:
        raise RuleViolation(
            Rule.BEFORE_BREAK,
            say(
                "backdate.before_break",
                "the end {time} is before the break that began at {began}",
                time=f"{local_end:%H:%M}",
                began=f"{day.finished_at.astimezone(day_zone(day)):%H:%M}",
            ),
        )
    if when - day.started_at < day.leaks:
        raise RuleViolation(
            Rule.SHORTER_THAN_BREAKS,
            say(
                "backdate.shorter_than_breaks",
                "the end {time} leaves less time than the breaks already taken ({breaks})",
                time=f"{local_end:%H:%M}",
                breaks=format_hm(day.leaks),
            ),
        )
    if when > now:
        raise RuleViolation(
            Rule.IN_FUTURE,
            say(
                "backdate.end_in_future",
                "the end {time} is in the future",
                time=f"{local_end:%H:%M}",
            ),
        )


def check_reason(text: str, *, required: bool) -> str:
    """The reason to send, cleaned; refuses a missing, over-long or control-laden text.

    Line breaks and tabs are allowed (a reason box is multi-line); other control characters
    are refused rather than silently dropped, so what arrives is exactly what was typed.
    """
    normalised = text.replace("\r\n", "\n")
    # Lone surrogates are what Python makes of command-line bytes that are not UTF-8: they
    # cannot be encoded, so they could never be sent.
    if any(unicodedata.category(char) == "Cs" for char in normalised):
        raise RuleViolation(
            Rule.REASON_CONTROL,
            say(
                "backdate.reason_not_text",
                "the reason holds bytes that are not valid UTF-8 text; retype it",
            ),
        )
    # Checked before strip(): str.strip() would silently drop \x0b, \x0c, \x1c-\x1f, \x85.
    if any(unicodedata.category(char) == "Cc" and char not in "\n\t" for char in normalised):
        raise RuleViolation(
            Rule.REASON_CONTROL,
            say("backdate.reason_control", "the reason contains control characters"),
        )
    cleaned = normalised.strip()
    if len(cleaned) > MAX_REASON_LENGTH:
        raise RuleViolation(
            Rule.REASON_TOO_LONG,
            say(
                "backdate.reason_too_long",
                "the reason is {length} characters long; at most {most} are allowed",
                length=len(cleaned),
                most=MAX_REASON_LENGTH,
            ),
        )
    if not cleaned and required:
        raise RuleViolation(
            Rule.REASON_MISSING,
            say(
                "backdate.reason_missing",
                "a reason is required when a time is changed (give --reason)",
            ),
        )
    return cleaned or DEFAULT_REASON


def needs_confirmation(
    action_time: datetime, now: datetime, day: Workday, settings: PortalSettings
) -> bool:
    """Whether the portal will ask a supervisor to confirm the change (``ACTIVE`` false).

    A change beyond ``UF_TM_ALLOWED_DELTA`` from the actual moment needs confirmation, and so
    does closing an expired day; flexible schedules never do (API reference §2.4).
    """
    if settings.flexible:
        return False
    if day.state is DayState.EXPIRED:
        return True
    return abs(now - action_time) > max(settings.allowed_delta, timedelta(0))
