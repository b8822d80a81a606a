"""What a reminder's desktop notification offers, and what each offer does.

Every reminder keeps today's behaviour of its balloon: a click on the message itself (the
``default`` action) snoozes its kind for today. Beside it, the one step the reminder is about:
start the day, pause for lunch, close the day, or close the forgotten one (in its dialog,
which asks for the end and the reason).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication

from tray_app.core.actions import Action

if TYPE_CHECKING:
    from tray_app.core.reminders import ReminderKind


class NoticeAction(StrEnum):
    """The keys of the actions a reminder notification can carry."""

    SNOOZE = "default"  # a click on the message, as on the tray balloon
    START = "start"
    PAUSE = "pause"
    CLOSE = "close"
    CLOSE_EXPIRED = "close_expired"


DAY_ACTIONS: Final = {
    NoticeAction.START: Action.OPEN,
    NoticeAction.PAUSE: Action.PAUSE,
    NoticeAction.CLOSE: Action.CLOSE,
    NoticeAction.CLOSE_EXPIRED: Action.CLOSE_EXPIRED,
}
"""The day's action each key asks for (all but the snooze)."""


def _label(action: NoticeAction) -> str:
    translate = QCoreApplication.translate
    labels = {
        NoticeAction.SNOOZE: translate("Notifications", "Snooze today"),
        NoticeAction.START: translate("Notifications", "Start now"),
        NoticeAction.PAUSE: translate("Notifications", "Pause for lunch"),
        NoticeAction.CLOSE: translate("Notifications", "Close the day"),
        NoticeAction.CLOSE_EXPIRED: translate("Notifications", "Close the forgotten day…"),
    }
    return labels[action]


def reminder_actions(kind: ReminderKind) -> tuple[tuple[str, str], ...]:
    """``(key, label)`` pairs for a reminder of ``kind``: the snooze, then its own step."""
    from tray_app.core.reminders import ReminderKind  # noqa: PLC0415  (loaded with the plan)

    own = {
        ReminderKind.NOT_STARTED: NoticeAction.START,
        ReminderKind.LUNCH: NoticeAction.PAUSE,
        ReminderKind.WORK_DONE: NoticeAction.CLOSE,
        ReminderKind.STILL_OPEN: NoticeAction.CLOSE,
        ReminderKind.FORGOTTEN_DAY: NoticeAction.CLOSE_EXPIRED,
    }[kind]
    return tuple((action.value, _label(action)) for action in (NoticeAction.SNOOZE, own))
