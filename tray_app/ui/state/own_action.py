"""An own action (start, pause, resume, close) from the click until it went through or failed.

The controller sends it on the worker's action lane at once. When the portal refuses it before
running it (the rate limit, a refused connection) it is sent again shortly; when its answer is
lost the day is read instead, never the action sent twice
(:func:`tray_app.core.action_retry.action_retry` says when, and when to give up). Meanwhile the view
says what it waits for (``ViewState.waiting``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from tray_app.core.action_retry import WaitReason
from tray_app.core.actions import Action

LIMIT_CODES = frozenset({"QUERY_LIMIT_EXCEEDED", "OPERATION_TIME_LIMIT"})
LIMIT_STATUSES = frozenset({429, 503})


class Step(StrEnum):
    """What the action is doing now."""

    SENDING = "sending"
    """Sent (the first time, or again): its answer is awaited."""
    RESEND = "resend"
    """Refused before it ran: waiting to send it again."""
    CHECK = "check"
    """Its answer was lost: waiting to read the day, or reading it."""


@dataclass
class PendingAction:
    """One own action on its way; ``seq`` is the job in flight (None while waiting)."""

    action: Action
    time: datetime | None
    reason: str | None
    clicked_at: float
    seq: int | None = None
    step: Step = Step.SENDING
    failures: int = 0
    next_at: float | None = None
    """When the next try starts (clock seconds), while waiting."""
    why: WaitReason | None = None
    last_error: Exception | None = None

    def retry_in(self, now: float) -> int | None:
        """Whole seconds until the next try; None while a try is on its way."""
        return None if self.next_at is None else max(0, math.ceil(self.next_at - now))


def not_sent(error: Exception) -> bool:
    """Whether the portal certainly did not run the request (safe to send again)."""
    return getattr(error, "sent", True) is False


def refused_for_limit(error: Exception) -> bool:
    """The portal's rate limit refused it (503 ``QUERY_LIMIT_EXCEEDED``, 429 …)."""
    code = getattr(error, "code", None)
    return code in LIMIT_CODES or getattr(error, "http_status", None) in LIMIT_STATUSES
