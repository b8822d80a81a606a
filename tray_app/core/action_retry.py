"""How the tray's own actions (start, pause, resume, close) wait for a busy portal."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from enum import StrEnum

from tray_app.core.backoff import Backoff, wait_for_reset


@dataclass(frozen=True)
class ActionTimes:
    """How an own action (start, pause, resume, close) waits for a busy portal, in seconds.

    An action is what the person waits for, so it is tried again within seconds, not on the
    background schedule; but only a request the portal certainly did not run is sent again
    (refused for the rate limit, a connection refused): after an answer was lost the day is read
    first, and the action is never sent twice."""

    # field(default=...): one shared frozen value, as a plain default (ruff cannot see that
    # Backoff, of another module, is frozen).
    resend: Backoff = field(default=Backoff(base=1.0, cap=15.0, spread=0.5))
    """Refused before it ran: sent again after about 1 s, 2 s, 4 s, 8 s, 15 s, 15 s … (some
    eight tries in the bounded wait: prompt for the person, no hammering of a full bucket)."""
    check: Backoff = field(default=Backoff(base=2.0, cap=15.0, spread=0.5))
    """Its answer lost: the day is read (the action is not sent) after about 2 s, 4 s … 15 s."""
    give_up_after: float = 60.0
    """No try starts later than this after the click (the CLI waits as long by default)."""


class WaitReason(StrEnum):
    """Why an own action has not gone through yet."""

    BUSY = "busy"
    """Refused for the portal's rate limit (not run): sent again shortly."""
    UNREACHABLE = "unreachable"
    """The portal could not be reached (not sent): sent again shortly."""
    CHECKING = "checking"
    """Its answer was lost: the day is read to learn whether it took effect (never re-sent)."""


def action_retry(
    times: ActionTimes,
    *,
    resend: bool,
    failures: int,
    waited: float,
    now: float,
    rng: random.Random,
    retry_at: float | None = None,
) -> float | None:
    """The wait before the next try of an own action after its ``failures``-th failure in a row,
    ``waited`` seconds after the click: a send again (``resend``) or a read of the day. Never
    sooner than a reset time the portal gave. None: give up, the next try would start after
    :attr:`ActionTimes.give_up_after`."""
    backoff = times.resend if resend else times.check
    delay = backoff.delay(failures, rng)
    reset = wait_for_reset(retry_at, now, rng)
    if reset is not None:
        delay = max(delay, reset)
    if waited + delay > times.give_up_after:
        return None
    return delay
