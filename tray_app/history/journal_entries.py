"""What goes into the history journal: an action and its outcome, a kept portal record, and
the stored forms of times and answers (UTC text, fingerprints that make a repeat one row)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from tray_app.core.message import say
from tray_app.core.workday import DayState, Workday
from tray_app.history.journal_errors import JournalError

__all__ = [
    "ActionEntry",
    "ActionOutcome",
    "StoredRecord",
    "flag",
    "local_text",
    "observation_fingerprint",
    "parse_moment",
    "row_fingerprint",
    "utc_text",
]


class ActionOutcome(StrEnum):
    """How an action ended."""

    APPLIED = "applied"
    NO_OP = "no_op"  # the portal answered, the day did not change (a silent no-op)
    RECOVERED = "recovered"  # the answer was lost, a status read showed it took effect
    FAILED = "failed"


@dataclass(frozen=True)
class ActionEntry:
    """One action: what (``open``, ``pause``, ...), when, how it ended, the time asked for (a
    backdated start or end), the day's state after it and the portal's error code if any."""

    at: datetime
    action: str
    outcome: ActionOutcome
    requested_time: datetime | None = None
    state_after: DayState | None = None
    error_code: str | None = None
    message: str = ""


@dataclass(frozen=True)
class StoredRecord:
    """A portal record as the journal keeps it (a :class:`RecordLike`)."""

    record_id: int
    started_at: datetime
    finished_at: datetime | None
    worked: timedelta
    breaks: timedelta
    status: str
    approved: bool | None
    fetched_at: datetime


def utc_text(moment: datetime) -> str:
    if moment.utcoffset() is None:
        raise JournalError(
            say("journal.naive_time", "A time recorded in the history journal needs a time zone.")
        )
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def local_text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def parse_moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def row_fingerprint(*parts: object) -> str:
    canonical = json.dumps(parts, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def observation_fingerprint(day: Workday) -> str:
    """Equal for two answers that describe the day identically (the same status answered by
    every poll)."""
    return row_fingerprint(
        day.state.value,
        day.record_id,
        local_text(day.started_at),
        local_text(day.finished_at),
        int(day.duration.total_seconds()),
        int(day.leaks.total_seconds()),
        day.confirmed,
        day.day_offset,
    )
