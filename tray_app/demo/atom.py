"""ATOM time text exactly as the portal reads and writes it.

Reading: the portal runs ``DateTime::createFromFormat(DATE_ATOM, str_replace(' ', '+',
trim($time)))`` (``timeman/lib/rest.php`` ``convertTimeFromISO``). That is stricter than ISO 8601
in some ways (no fractions, no missing offset, ``T`` required) and looser in others (one-digit
month/day/hour, out-of-range fields roll over instead of failing, a space where the ``+`` of the
offset was, because an unencoded ``+`` in a URL arrives as a space). ``Z`` is refused: PHP 8.2
accepts it, but a recorded call to a real cloud portal got ``WRONG_DATETIME_FORMAT`` for it.

Writing: ``Y-m-d\\TH:i:sP`` with the offset of the workday, and ``HH:MM:SS`` durations built the
way PHP's ``intval`` arithmetic builds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

# PHP trim() strips these, not all Unicode whitespace.
_PHP_TRIM = " \t\n\r\0\x0b"
_ATOM = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})T([0-9]{1,2}):([0-9]{2}):([0-9]{2})"
    r"([+-])([0-9]{2}):?([0-9]{2})",
    re.ASCII,
)
_MAX_OFFSET_HOURS = 23
_MINUTES_PER_HOUR = 60
_MONTHS = 12


class AtomFormatError(ValueError):
    """The text is not something ``createFromFormat(ATOM)`` accepts."""


@dataclass(frozen=True)
class AtomTime:
    """A parsed ``TIME``: the wall clock as sent and the offset it was sent in."""

    local: datetime  # naive wall-clock time in the sent offset, fields already rolled over
    offset: int  # seconds east of UTC

    @property
    def tz(self) -> timezone:
        return timezone(timedelta(seconds=self.offset))

    @property
    def instant(self) -> datetime:
        """The absolute moment, as an aware UTC datetime."""
        return self.local.replace(tzinfo=self.tz).astimezone(UTC)

    @property
    def date(self) -> date:
        """The calendar date in the sent offset (what ``checkDate`` compares)."""
        return self.local.date()

    @classmethod
    def from_datetime(cls, moment: datetime) -> AtomTime:
        """Wrap an aware datetime (used when the simulator acts "elsewhere", without text)."""
        offset = moment.utcoffset()
        if offset is None:
            raise ValueError("an aware datetime is required")
        seconds = int(offset.total_seconds())
        return cls(local=moment.replace(tzinfo=None, microsecond=0), offset=seconds)


def parse_atom(value: object) -> AtomTime:
    """Parse ``TIME`` like the portal does, or raise :class:`AtomFormatError`."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise AtomFormatError("TIME must be a string")
    text = str(value).strip(_PHP_TRIM).replace(" ", "+")
    match = _ATOM.fullmatch(text)
    if match is None:
        raise AtomFormatError(f"not an ATOM datetime: {text!r}")
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    sign = -1 if match.group(7) == "-" else 1
    off_hours, off_minutes = int(match.group(8)), int(match.group(9))
    if off_hours > _MAX_OFFSET_HOURS or off_minutes >= _MINUTES_PER_HOUR:
        raise AtomFormatError(f"offset out of range: {text!r}")
    try:
        local = _rolled_over(year, month, day, hour, minute, second)
    except (ValueError, OverflowError) as exc:
        raise AtomFormatError(f"date out of range: {text!r}") from exc
    return AtomTime(local=local, offset=sign * (off_hours * 3600 + off_minutes * 60))


def _rolled_over(*fields: int) -> datetime:
    """Fields beyond their range roll over, as PHP does (it only warns): 2025-02-30 = 2025-03-02."""
    year, month, day, hour, minute, second = fields
    year += (month - 1) // _MONTHS
    month = (month - 1) % _MONTHS + 1
    first = datetime(year, month, 1)  # a naive wall clock on purpose
    return first + timedelta(days=day - 1, hours=hour, minutes=minute, seconds=second)


def format_offset(offset: int) -> str:
    """``+03:00`` / ``-05:30`` from seconds east of UTC."""
    sign = "-" if offset < 0 else "+"
    hours, rest = divmod(abs(offset), 3600)
    return f"{sign}{hours:02d}:{rest // 60:02d}"


def format_atom(moment: datetime, offset: int) -> str:
    """``2025-03-27T08:00:01+02:00``: ``moment`` shown on the wall clock of ``offset``."""
    local = moment.astimezone(timezone(timedelta(seconds=offset)))
    # isoformat, not strftime: strftime("%Y") drops leading zeros of small years on glibc.
    return local.replace(tzinfo=None, microsecond=0).isoformat() + format_offset(offset)


def format_wall(day: date, seconds_of_day: int, offset: int) -> str:
    """A date plus a clock time, the way ``convertTimeToISO`` glues them (no day carry-over)."""
    return f"{day.isoformat()}T{format_hms(seconds_of_day % 86400)}{format_offset(offset)}"


def format_hms(seconds: int) -> str:
    """``HH:MM:SS`` like PHP ``formatTime`` (hours are not wrapped at 24)."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def parse_hms(text: str) -> int:
    """Seconds from ``HH:MM[:SS]`` (used for settings overrides)."""
    parts = text.strip().split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise ValueError(f"expected HH:MM[:SS], got {text!r}")
    hours, minutes, seconds = (int(p) for p in [*parts, "0"][:3])
    return hours * 3600 + minutes * 60 + seconds
