"""One workday record of the simulated portal, and the state it is in at a moment.

A record is what ``CTimeManUser`` keeps of a day: its start and offset, the close moment (or
the pause start while paused), the finished breaks and the recorded duration. EXPIRED is
checked first, so a paused day can expire too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from tray_app.demo.schedule import is_expired
from tray_app.demo.users import SimUser

State = Literal["OPENED", "PAUSED", "CLOSED", "EXPIRED"]
STATES: tuple[State, ...] = ("OPENED", "PAUSED", "CLOSED", "EXPIRED")
DAY_SECONDS = 86400
DAY = timedelta(seconds=DAY_SECONDS)


@dataclass
class DayRecord:
    id: int
    user_id: int
    start: datetime
    offset: int
    stop: datetime | None = None  # the close moment, or the pause start while paused
    paused: bool = False
    closed: bool = False
    leaks: int = 0  # seconds of finished breaks
    duration: int = 0  # net seconds, recorded on pause and close
    active: bool = True
    ip_open: str = ""
    ip_close: str = ""
    lat_open: float = 0.0
    lon_open: float = 0.0
    lat_close: float = 0.0
    lon_close: float = 0.0


@dataclass(frozen=True)
class Geo:
    """Coordinates sent with open/close; ``None`` = not sent (the stored value is cleared)."""

    lat: float | None = None
    lon: float | None = None


def state_of(user: SimUser, record: DayRecord | None, now: datetime) -> State:
    """The state ``timeman.status`` gives a user whose latest record is ``record``."""
    if record is None or record.closed:
        return "CLOSED"
    if is_expired(user, record.start, record.offset, now):
        return "EXPIRED"
    return "PAUSED" if record.paused else "OPENED"


def end_of(record: DayRecord, now: datetime) -> datetime:
    """Until when a record takes time: its close, or now while it runs (or is paused)."""
    return record.stop if record.closed and record.stop is not None else now


def seconds(delta: timedelta) -> int:
    return int(delta.total_seconds())


def clamp_day(value: int) -> int:
    """Seconds clamped to [0, 24 h], as the portal shows a duration."""
    return min(max(value, 0), DAY_SECONDS)
