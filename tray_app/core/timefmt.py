"""Time text as the portal speaks it: ATOM datetimes, ``HH:MM:SS`` durations, time zones.

The portal parses ``TIME`` with PHP's ``DateTime::ATOM`` (``Y-m-d\\TH:i:sP``), and a real cloud
portal refused ``Z`` and fractional seconds, so we always *send* ``YYYY-MM-DDTHH:MM:SS±HH:MM``.
What the portal *sends* is parsed leniently (``Z``, fractions, ``+0300``, a space separator).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

import pytz

from tray_app.core.message import Message, say
from tray_app.core.quoting import quoted

MAX_DAY = timedelta(hours=24)
_HMS = re.compile(r"^\s*(\d{1,3}):([0-5]\d)(?::([0-5]\d))?\s*$")
_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


class TimeFormatError(ValueError):
    """A time text that cannot be understood; the message says what was expected (``said``
    where a person may read it: a time to be sent)."""

    def __init__(self, message: Message | str) -> None:
        super().__init__(str(message))
        self.said = message if isinstance(message, Message) else None


def format_atom(moment: datetime) -> str:
    """``2025-02-12T15:52:01+03:00``: whole seconds, an explicit offset, never ``Z``."""
    offset = moment.utcoffset()
    if offset is None:
        raise TimeFormatError(
            say("time.needs_offset", "a time sent to the portal needs a time zone offset")
        )
    if offset.seconds % 60 or offset.microseconds:
        raise TimeFormatError(
            say("time.whole_minutes", "the portal only understands offsets in whole minutes")
        )
    total_minutes = int(offset.total_seconds()) // 60
    sign = "-" if total_minutes < 0 else "+"
    hours, minutes = divmod(abs(total_minutes), 60)
    # isoformat, not strftime("%Y"): glibc writes year 999 as "999", ATOM needs four digits.
    wall = moment.replace(tzinfo=None, microsecond=0).isoformat()
    return f"{wall}{sign}{hours:02d}:{minutes:02d}"


def parse_iso(text: str, default_offset: int | None = None) -> datetime:
    """An aware datetime from what a server sends: ATOM, ``Z``, fractions, ``+0300``, a space.

    A text without an offset takes ``default_offset`` (seconds east of UTC) when given.
    """
    try:
        # Python 3.11 reads Z, fractions, +0300 and a space separator itself.
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise TimeFormatError(f"not an ISO-8601 time: {text!r}") from None
    if moment.tzinfo is None:
        if default_offset is None:
            raise TimeFormatError(f"the time {text!r} has no time zone offset")
        moment = moment.replace(tzinfo=timezone(timedelta(seconds=default_offset)))
    return moment


def parse_hms(text: str) -> timedelta:
    """``HH:MM:SS`` (or ``HH:MM``) as a duration; hours may exceed 24 in the text."""
    match = _HMS.match(text)
    if match is None:
        raise TimeFormatError(f"not a duration of the form HH:MM:SS: {text!r}")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def format_hm(duration: timedelta) -> str:
    """``3:41`` for a duration (hours unpadded, minutes truncated), ``0:00`` for negatives."""
    minutes = max(0, int(duration.total_seconds()) // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def clamp_day(duration: timedelta) -> timedelta:
    """A day's worked or break time as the server stores it: within [0, 24 h]."""
    return min(max(duration, timedelta(0)), MAX_DAY)


def fixed_offset(seconds: int) -> timezone:
    """The zone of a day whose ``TZ_OFFSET`` is ``seconds`` east of UTC."""
    if seconds == 0:
        return UTC
    return timezone(timedelta(seconds=seconds))


def parse_zone(name: str) -> tzinfo:
    """A zone from a pytz name (``Europe/Moscow``) or a fixed offset (``+03:00``, ``-0530``)."""
    text = name.strip()
    match = _OFFSET.match(text)
    if match is not None:
        sign, hours, minutes = match.groups()
        if int(hours) > 14 or int(minutes) >= 60:
            raise TimeFormatError(
                say("time.bad_offset", "not a valid UTC offset: {name}", name=quoted(name))
            )
        seconds = (int(hours) * 3600 + int(minutes) * 60) * (-1 if sign == "-" else 1)
        return fixed_offset(seconds)
    try:
        return pytz.timezone(text)
    except pytz.UnknownTimeZoneError:
        raise TimeFormatError(
            say(
                "time.unknown_zone",
                "unknown time zone {name}: use a name like Europe/Berlin or an offset like +03:00",
                name=quoted(name),
            )
        ) from None


def localize(naive: datetime, zone: tzinfo) -> datetime:
    """Attach ``zone`` to a wall-clock time, refusing times that DST skips or repeats."""
    if isinstance(zone, pytz.BaseTzInfo):
        try:
            return zone.localize(naive, is_dst=None)
        except pytz.NonExistentTimeError:
            raise TimeFormatError(
                say(
                    "time.skipped",
                    "{time} does not exist on {date} in {zone} (the clocks jump forward)",
                    time=f"{naive:%H:%M}",
                    date=f"{naive:%Y-%m-%d}",
                    zone=str(zone.zone),
                )
            ) from None
        except pytz.AmbiguousTimeError:
            raise TimeFormatError(
                say(
                    "time.repeated",
                    "{time} happens twice on {date} in {zone}: give the offset, e.g. +02:00",
                    time=f"{naive:%H:%M}",
                    date=f"{naive:%Y-%m-%d}",
                    zone=str(zone.zone),
                )
            ) from None
    return naive.replace(tzinfo=zone)


def zone_name(zone: tzinfo, at: datetime) -> str:
    """A name to show for a zone: the pytz name, or ``UTC+03:00`` for a fixed offset."""
    if isinstance(zone, pytz.BaseTzInfo):
        return str(zone.zone)
    offset = format_atom(at.astimezone(zone))[-6:]
    return f"UTC{offset}"
