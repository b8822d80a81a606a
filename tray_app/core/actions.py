"""Which actions apply in which state: one table the tray, the CLI and the tests share."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tray_app.core.workday import DayState


class Action(StrEnum):
    """What a person can do to the day."""

    OPEN = "open"
    RESUME = "resume"
    PAUSE = "pause"
    CLOSE = "close"
    CLOSE_EXPIRED = "close_expired"


@dataclass(frozen=True)
class ActionSpec:
    """How an action reaches the portal and what it should leave the day in."""

    method: str
    expected: DayState
    takes_time: bool
    needs_time: bool


SPECS: dict[Action, ActionSpec] = {
    Action.OPEN: ActionSpec("timeman.open", DayState.OPENED, takes_time=True, needs_time=False),
    # Resuming goes through timeman.open too; the portal refuses a TIME there (error "TIME").
    Action.RESUME: ActionSpec("timeman.open", DayState.OPENED, takes_time=False, needs_time=False),
    Action.PAUSE: ActionSpec("timeman.pause", DayState.PAUSED, takes_time=False, needs_time=False),
    Action.CLOSE: ActionSpec("timeman.close", DayState.CLOSED, takes_time=True, needs_time=False),
    # Closing an expired day without TIME is refused (WD_EXPIRED): the end must be given.
    Action.CLOSE_EXPIRED: ActionSpec(
        "timeman.close", DayState.CLOSED, takes_time=True, needs_time=True
    ),
}

AVAILABLE: dict[DayState, tuple[Action, ...]] = {
    DayState.CLOSED: (Action.OPEN,),
    DayState.OPENED: (Action.PAUSE, Action.CLOSE),
    DayState.PAUSED: (Action.RESUME, Action.CLOSE),
    DayState.EXPIRED: (Action.CLOSE_EXPIRED,),
}


def available_actions(state: DayState) -> tuple[Action, ...]:
    """The actions that make sense in ``state``, in menu order."""
    return AVAILABLE[state]


def applies(action: Action, state: DayState) -> bool:
    """Whether ``action`` does something in ``state`` (others are refused locally)."""
    return action in AVAILABLE[state]


def close_action_for(state: DayState) -> Action:
    """The close that fits ``state``: an expired day needs the close with a time."""
    return Action.CLOSE_EXPIRED if state is DayState.EXPIRED else Action.CLOSE
