"""The sentences of a write that failed: the failure's own sentence, then what is known of the
day after it (:meth:`tray_app.api.client.TimemanClient.perform`)."""

from __future__ import annotations

from typing import Final

from tray_app.api.errors import TimemanError
from tray_app.core.actions import Action
from tray_app.core.message import Message, say
from tray_app.core.workday import DayState

__all__ = ["not_made", "outcome_unknown", "still"]

_STILL: Final = {
    # One sentence per state: a translation names the state in its own words.
    DayState.OPENED: say("api.write.still_opened", "{message} The day is still OPENED."),
    DayState.PAUSED: say("api.write.still_paused", "{message} The day is still PAUSED."),
    DayState.CLOSED: say("api.write.still_closed", "{message} The day is still CLOSED."),
    DayState.EXPIRED: say("api.write.still_expired", "{message} The day is still EXPIRED."),
}


def _said(error: TimemanError) -> Message | str:
    """The failure's sentence: its message, or its bare text."""
    return error.said or error.message


def still(error: TimemanError, state: DayState) -> Message:
    """``error``'s sentence, then that the day is still in ``state`` (the write did nothing)."""
    return _STILL[state].with_params(message=_said(error))


def not_made(error: TimemanError, action: Action) -> Message:
    """Refused before it ran, and the day cannot be read: the write was not made."""
    return say(
        "api.write.not_made",
        "{message} The {action} was not made; try it again later.",
        message=_said(error),
        action=action.value,
    )


def outcome_unknown(error: TimemanError, action: Action) -> Message:
    """The answer was lost and the day cannot be read: nobody knows yet."""
    return say(
        "api.write.outcome_unknown",
        "{message} Whether the {action} took effect is unknown until the portal answers "
        "again; it will not be sent twice.",
        message=_said(error),
        action=action.value,
    )
