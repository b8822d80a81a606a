"""The workday object that ``timeman.status``/``open``/``pause``/``close`` answer with.

Parsed leniently, as real portals differ (API reference §3): every field is optional (a user who
never had a day answers only ``{"STATUS": "CLOSED"}``), unknown keys are kept, ``ID`` appears on
newer builds only, ``TIME_FINISH`` may be null or the pause start while PAUSED, coordinates carry
float noise. Only an unknown or missing ``STATUS`` is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType

from tray_app.core.timefmt import TimeFormatError, parse_hms, parse_iso


class DayState(StrEnum):
    """The four states of the portal's state machine (§1.1)."""

    OPENED = "OPENED"
    PAUSED = "PAUSED"
    CLOSED = "CLOSED"
    EXPIRED = "EXPIRED"


class WorkdayParseError(ValueError):
    """The answer is not a workday object we can use (no or unknown ``STATUS``, bad types)."""


KNOWN_KEYS = frozenset(
    {
        "STATUS",
        "ID",
        "TIME_START",
        "TIME_FINISH",
        "DURATION",
        "TIME_LEAKS",
        "ACTIVE",
        "IP_OPEN",
        "IP_CLOSE",
        "LAT_OPEN",
        "LON_OPEN",
        "LAT_CLOSE",
        "LON_CLOSE",
        "TZ_OFFSET",
        "TIME_FINISH_DEFAULT",
    }
)


@dataclass(frozen=True)
class Workday:
    """One answered workday. Times are aware datetimes in the offset the portal sent."""

    state: DayState
    record_id: int | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    duration: timedelta = timedelta(0)
    leaks: timedelta = timedelta(0)
    confirmed: bool | None = None
    tz_offset: int | None = None
    suggested_finish: datetime | None = None
    ip_open: str = ""
    ip_close: str = ""
    lat_open: float = 0.0
    lon_open: float = 0.0
    lat_close: float = 0.0
    lon_close: float = 0.0
    extra: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def day_offset(self) -> int | None:
        """Seconds east of UTC of the zone the day started in (``TZ_OFFSET``, else the start's)."""
        if self.tz_offset is not None:
            return self.tz_offset
        if self.started_at is not None:
            offset = self.started_at.utcoffset()
            assert offset is not None, "parse_iso() always gives an aware time"
            return int(offset.total_seconds())
        return None


def parse_workday(raw: object) -> Workday:
    """A :class:`Workday` from the ``result`` of a workday call."""
    if not isinstance(raw, Mapping):
        raise WorkdayParseError(f"a workday must be an object, got {type(raw).__name__}")
    try:
        state = DayState(str(raw.get("STATUS", "")).upper())
    except ValueError:
        raise WorkdayParseError(f"unknown workday STATUS {raw.get('STATUS')!r}") from None
    try:
        tz_offset = _day_offset(raw.get("TZ_OFFSET"))
        return Workday(
            state=state,
            record_id=_optional_int(raw.get("ID")),
            started_at=_optional_time(raw.get("TIME_START"), tz_offset),
            finished_at=_optional_time(raw.get("TIME_FINISH"), tz_offset),
            duration=_duration(raw.get("DURATION")),
            leaks=_duration(raw.get("TIME_LEAKS")),
            confirmed=optional_flag(raw.get("ACTIVE")),
            tz_offset=tz_offset,
            suggested_finish=_optional_time(raw.get("TIME_FINISH_DEFAULT"), tz_offset),
            ip_open=_text(raw.get("IP_OPEN")),
            ip_close=_text(raw.get("IP_CLOSE")),
            lat_open=_coordinate(raw.get("LAT_OPEN")),
            lon_open=_coordinate(raw.get("LON_OPEN")),
            lat_close=_coordinate(raw.get("LAT_CLOSE")),
            lon_close=_coordinate(raw.get("LON_CLOSE")),
            extra=MappingProxyType(
                {str(key): value for key, value in raw.items() if key not in KNOWN_KEYS}
            ),
        )
    except (TimeFormatError, TypeError, ValueError, OverflowError) as exc:
        raise WorkdayParseError(f"unusable workday field: {exc}") from None


def _optional_int(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"expected a number, got {value!r}")
    if isinstance(value, int):
        return value
    try:
        return int(value)  # "123": exact, even beyond the 2**53 a float holds
    except ValueError:
        return int(float(value))  # "123.0", 123.0; inf and nan raise


def _day_offset(value: object) -> int | None:
    offset = _optional_int(value)
    if offset is not None and not -86400 < offset < 86400:
        raise ValueError(f"TZ_OFFSET {offset} is not within a day of UTC")
    return offset


def optional_flag(value: object) -> bool | None:
    """A portal's yes/no field (``Y``/``N``, ``true``, ``1``, a number); None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value.strip().upper() in {"Y", "TRUE", "1"}
    if not isinstance(value, int | float):
        raise TypeError(f"expected a flag, got {value!r}")
    return bool(value)


def _optional_time(value: object, tz_offset: int | None) -> datetime | None:
    if value is None or value == "" or value is False:
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected a time text, got {value!r}")
    return parse_iso(value, default_offset=tz_offset)


def _duration(value: object) -> timedelta:
    if value is None or value == "":
        return timedelta(0)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise TypeError(f"expected HH:MM:SS, got {value!r}")
    if isinstance(value, str):
        return parse_hms(value)
    return timedelta(seconds=int(value))


def _coordinate(value: object) -> float:
    if value is None or value == "" or isinstance(value, bool):
        return 0.0
    if not isinstance(value, int | float | str):
        raise TypeError(f"expected a coordinate, got {value!r}")
    return float(value)


def _text(value: object) -> str:
    return "" if value is None else str(value)
