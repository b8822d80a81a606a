"""What the controller tells the person about things they did not do here: the day changed
elsewhere, a forgotten day, the portal unreachable or back, signed out; and the sentences of
an own action that did not happen.

The texts are in English, marked for translation in the context "DayController" (where they
were first written; the translations are keyed by it) and said in the user's language here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from tray_app.core.actions import Action
from tray_app.core.workday import DayState, Workday
from tray_app.ui.text.messages import QT_TRANSLATE_NOOP, day_and_time

log = logging.getLogger(__name__)
CONTEXT = "DayController"

FAILED_TITLES = {
    Action.OPEN: QT_TRANSLATE_NOOP("DayController", "Could not start the workday"),
    Action.RESUME: QT_TRANSLATE_NOOP("DayController", "Could not resume the workday"),
    Action.PAUSE: QT_TRANSLATE_NOOP("DayController", "Could not pause the workday"),
    Action.CLOSE: QT_TRANSLATE_NOOP("DayController", "Could not close the workday"),
    Action.CLOSE_EXPIRED: QT_TRANSLATE_NOOP(
        "DayController", "Could not close the forgotten workday"
    ),
}
NO_OP_MESSAGES = {
    DayState.OPENED: QT_TRANSLATE_NOOP(
        "DayController", "The portal did nothing: the day is still OPENED."
    ),
    DayState.PAUSED: QT_TRANSLATE_NOOP(
        "DayController", "The portal did nothing: the day is still PAUSED."
    ),
    DayState.CLOSED: QT_TRANSLATE_NOOP(
        "DayController", "The portal did nothing: the day is still CLOSED."
    ),
    DayState.EXPIRED: QT_TRANSLATE_NOOP(
        "DayController", "The portal did nothing: the day is still EXPIRED."
    ),
}
CHANGED_TITLE = QT_TRANSLATE_NOOP("DayController", "Workday changed elsewhere")
CLOSED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "DayController", "The workday was closed elsewhere (web, phone or auto-close)."
)
PAUSED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "DayController", "The workday was paused elsewhere (web or phone)."
)
RESUMED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "DayController", "The workday was resumed elsewhere (web or phone)."
)
STARTED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "DayController", "A workday was started elsewhere (web or phone)."
)
EXPIRED_TITLE = QT_TRANSLATE_NOOP("DayController", "Workday left open")
OFFLINE_TITLE = QT_TRANSLATE_NOOP("DayController", "Portal unreachable")
ONLINE_TITLE = QT_TRANSLATE_NOOP("DayController", "Back online")
SIGNED_OUT_TITLE = QT_TRANSLATE_NOOP("DayController", "Signed out")
NOT_TAKEN_EFFECT = QT_TRANSLATE_NOOP(
    "DayController",
    "Its answer was lost, and the day read since is still {state}: it did not take effect. "
    "Nothing was sent twice.",
)


def tr(text: str) -> str:
    """One of this module's QT_TRANSLATE_NOOP texts in the user's language."""
    return QCoreApplication.translate(CONTEXT, text)


def failure_title(action: Action) -> str:
    """The title of the notification of a failed ``action``, in the user's language."""
    return tr(FAILED_TITLES[action])


def no_op_message(state: DayState) -> str:
    """The portal answered an action with the day unchanged, still ``state``."""
    return tr(NO_OP_MESSAGES[state])


def not_taken_effect(state: DayState) -> str:
    """The day read after a lost answer is still ``state``: the action did not happen."""
    return tr(NOT_TAKEN_EFFECT).format(state=state.value)


class DayNotices:
    """Words the notices and hands each to ``notify(title, message)``."""

    def __init__(self, notify: Callable[[str, str], None]) -> None:
        self._notify = notify

    def changed_elsewhere(self, before: Workday, after: Workday) -> None:
        """Tell about a change between two polls that no action of ours explains."""
        if after.state is DayState.EXPIRED:
            return  # told by forgotten_day
        if before.state is after.state:
            new_day = before.started_at != after.started_at and after.state is DayState.OPENED
            message = STARTED_ELSEWHERE if new_day else None
        elif after.state is DayState.CLOSED:
            message = CLOSED_ELSEWHERE
        elif after.state is DayState.PAUSED:
            message = PAUSED_ELSEWHERE
        elif before.state is DayState.PAUSED:
            message = RESUMED_ELSEWHERE
        else:
            message = STARTED_ELSEWHERE
        if message is not None:
            log.info("the day went from %s to %s elsewhere", before.state, after.state)
            self._notify(tr(CHANGED_TITLE), tr(message))

    def forgotten_day(self, day: Workday) -> None:
        """A day of an earlier date was left open."""
        if day.started_at is not None:
            message = QCoreApplication.translate(
                "DayController",
                "The workday started {start} was never closed. Close it with its real end time "
                "before starting a new one.",
            ).format(start=day_and_time(day.started_at))
        else:
            message = QCoreApplication.translate(
                "DayController",
                "The workday was never closed. Close it with its real end time before starting "
                "a new one.",
            )
        self._notify(tr(EXPIRED_TITLE), message)

    def offline(self, minutes: int | None) -> None:
        """Say the portal has not answered for ``minutes`` (None: nothing to say)."""
        if minutes is not None:
            self._notify(
                tr(OFFLINE_TITLE),
                QCoreApplication.translate(
                    "DayController",
                    "The portal has not answered for {minutes} min; the day shown may be out of "
                    "date. Retrying in the background.",
                ).format(minutes=minutes),
            )

    def back_online(self) -> None:
        self._notify(
            tr(ONLINE_TITLE),
            QCoreApplication.translate(
                "DayController", "The portal answers again; the day shown is current."
            ),
        )

    def signed_out(self, message: str) -> None:
        """The webhook stopped working (``message`` says how)."""
        self._notify(
            tr(SIGNED_OUT_TITLE),
            QCoreApplication.translate("DayController", "{message} Sign in again.").format(
                message=message
            ),
        )
