"""What the typed client methods return, beyond the core's workday and settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tray_app.core.actions import Action
from tray_app.core.elapsed import ServerClock
from tray_app.core.workday import Workday


@dataclass(frozen=True)
class DayReading:
    """One answered workday with the clock skew seen in the same answer."""

    workday: Workday
    clock: ServerClock
    received_at: float


@dataclass(frozen=True)
class WriteOutcome:
    """What a write did. ``applied`` is whether the answered day is in the state the action
    leads to; it is false when the portal silently did nothing in a state that differs from it
    (open on an EXPIRED day, pause on a CLOSED or EXPIRED one). A no-op in the target state
    itself (open on OPENED, pause on PAUSED) answers exactly like a success and cannot be told
    apart from the answer alone. ``recovered`` when the answer was lost and a status read
    afterwards showed the day in the target state."""

    action: Action
    reading: DayReading
    applied: bool
    recovered: bool = False

    @property
    def workday(self) -> Workday:
        """The day as the portal answered it."""
        return self.reading.workday


@dataclass(frozen=True)
class Profile:
    """Who the webhook belongs to (``profile`` method)."""

    user_id: int
    name: str = ""
    last_name: str = ""
    admin: bool = False
    time_zone: str = ""

    @property
    def display_name(self) -> str:
        """``Anna Ivanova``, or ``user 1`` when the profile has no name."""
        full = f"{self.name} {self.last_name}".strip()
        return full or f"user {self.user_id}"


def parse_profile(raw: object) -> Profile | None:
    """A :class:`Profile` from the ``profile`` result, None when it is unusable."""
    if not isinstance(raw, Mapping):
        return None
    try:
        user_id = int(str(raw.get("ID", "")))
    except ValueError:
        return None
    return Profile(
        user_id=user_id,
        name=str(raw.get("NAME") or ""),
        last_name=str(raw.get("LAST_NAME") or ""),
        admin=raw.get("ADMIN") is True,
        time_zone=str(raw.get("TIME_ZONE") or ""),
    )


@dataclass(frozen=True)
class AccountCheck:
    """The result of checking a webhook before storing it: who, what access, today's day."""

    profile: Profile
    scopes: tuple[str, ...]
    reading: DayReading
