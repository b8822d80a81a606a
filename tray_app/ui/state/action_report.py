"""How an own action ended, as the history journal records it (the controller's
``actionSettled``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from tray_app.core.actions import Action
from tray_app.core.workday import DayState


class ActionOutcomeKind(StrEnum):
    """How an action ended, as the history journal records it."""

    APPLIED = "applied"
    NO_OP = "no_op"
    RECOVERED = "recovered"
    FAILED = "failed"


@dataclass(frozen=True)
class ActionReport:
    """One action and its end: when (the portal's time), what, how it ended, the time asked
    for (a changed start or end), the day's state after it, the portal's error code."""

    at: datetime
    action: Action
    outcome: ActionOutcomeKind
    requested_time: datetime | None = None
    state_after: DayState | None = None
    error_code: str | None = None
    message: str = ""
