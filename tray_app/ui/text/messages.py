"""The tray's words that are not a widget's own: the headline (menu header, tooltip, panel),
an own action waiting, reminders, and the start-up messages of ``main``.

:func:`headline` composes the line of :class:`~tray_app.ui.shared.viewstate.ViewState` from its
fields (state, worked, breaks, start, end) with translated pieces; in English it is exactly the
line :func:`tray_app.core.summary.headline` builds (``view.headline``). The lower layers'
errors are said by their message ids in :mod:`tray_app.ui.text.errors` (:func:`error_text` is
also importable from here).

Every text is a literal in ``translate("Context", "...")`` or ``QT_TRANSLATE_NOOP("Context",
"...")``, so ``pyside6-lupdate`` finds it; values are filled in with ``str.format`` afterwards.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from tray_app.core.actions import Action
from tray_app.core.timefmt import format_hm
from tray_app.core.workday import DayState
from tray_app.ui.shared.viewstate import Phase, PlanFigures, ViewState, Waiting, WaitReason
from tray_app.ui.text.errors import error_text

if TYPE_CHECKING:
    from tray_app.core.reminders import Reminder

__all__ = [
    "QT_TRANSLATE_NOOP",
    "crash_message",
    "day_and_time",
    "day_name",
    "error_text",
    "headline",
    "internal_error",
    "last_day",
    "no_workday_today",
    "plan_hint",
    "reminder_text",
    "reminder_title",
    "snooze_hint",
    "state_word",
    "time_range",
    "waiting_line",
    "week_line",
]

translate = QCoreApplication.translate
"""Always called by this name with a literal context: ``pyside6-lupdate`` finds nothing else."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name pyside6-lupdate knows
    """Mark ``text`` for ``pyside6-lupdate`` in ``context``; returns it unchanged (translate it
    where it is shown). Typed, unlike PySide6's own, which returns ``object``."""
    del context
    return text


SEPARATOR: Final = " · "
EN_DASH: Final = "\u2013"


# -- the headline -----------------------------------------------------------------------------


def state_word(state: DayState) -> str:
    """``Working``, ``On a break``, ``Day closed``, ``Day left open``."""
    if state is DayState.OPENED:
        return translate("Headline", "Working")
    if state is DayState.PAUSED:
        return translate("Headline", "On a break")
    if state is DayState.CLOSED:
        return translate("Headline", "Day closed")
    return translate("Headline", "Day left open")


def no_workday() -> str:
    return translate("Headline", "No workday yet")


def no_workday_today() -> str:
    return translate("Headline", "No workday today")


def day_name(moment: datetime) -> str:
    """``Mon 16 Nov`` (the date of ``moment`` in its own zone)."""
    pattern = translate("Headline", "ddd dd MMM", "QLocale date format: the date of a workday")
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), pattern)


def last_day(moment: datetime) -> str:
    """``last day Mon 16 Nov``: the date of a closed day before today."""
    return translate("Headline", "last day {date}").format(date=day_name(moment))


def signed_out() -> str:
    return translate("Headline", "Not signed in")


def loading(*, signing_in: bool = False) -> str:
    if signing_in:
        return translate("Headline", "Signing in…")
    return translate("Headline", "Loading…")


def day_and_time(moment: datetime) -> str:
    """``Wed 26 Mar 08:00`` (the wall time of ``moment`` in its own zone)."""
    return f"{day_name(moment)} {moment:%H:%M}"


def headline(view: ViewState) -> str:
    """``Working · 3:41 · breaks 0:15 · since 09:02`` and its siblings, in the user's language."""
    text = _headline(view)
    if view.stale and view.phase is not Phase.SIGNED_OUT:
        text += SEPARATOR + translate("Headline", "offline")
        if view.as_of is not None:
            text += SEPARATOR + translate("Headline", "as of {time}").format(
                time=f"{view.as_of:%H:%M}"
            )
    return text


def _headline(view: ViewState) -> str:
    if view.phase is Phase.SIGNED_OUT:
        return signed_out()
    if view.phase is Phase.LOADING or view.day_state is None:
        return loading(signing_in=view.signing_in)
    if view.settings is not None and not view.settings.tracking_enabled:
        return translate("Headline", "Time tracking is off for you on this portal")
    state, start = view.day_state, view.started_at
    if start is None:
        return no_workday() if state is DayState.CLOSED else state_word(state)
    return _day_line(view, state, start)


def _day_line(view: ViewState, state: DayState, start: datetime) -> str:
    """The headline of a day that has a start (times in the zone it started in)."""
    if state is DayState.EXPIRED:
        started = translate("Headline", "started {start}").format(start=day_and_time(start))
        if view.suggested_close_at is None:
            return SEPARATOR.join((state_word(state), started))
        end = view.suggested_close_at.astimezone(start.tzinfo)
        suggested = translate("Headline", "suggested end {end}").format(end=f"{end:%H:%M}")
        return SEPARATOR.join((state_word(state), started, suggested))
    parts = [
        *((no_workday_today(), last_day(start)) if view.earlier_day else (state_word(state),)),
        format_hm(view.worked),
        translate("Headline", "breaks {breaks}").format(breaks=format_hm(view.breaks)),
    ]
    if state is DayState.CLOSED:
        finished = view.workday.finished_at if view.workday is not None else None
        if finished is not None:
            parts.append(time_range(start, finished))
    else:
        parts.append(translate("Headline", "since {start}").format(start=f"{start:%H:%M}"))
    hint = plan_hint(view.plan)
    if hint:
        parts.append(hint)
    return SEPARATOR.join(parts)


def time_range(start: datetime, end: datetime) -> str:
    """``09:12-17:45`` (with an en dash), both ends on the wall clock of ``start``."""
    return f"{start:%H:%M}{EN_DASH}{end.astimezone(start.tzinfo):%H:%M}"


def plan_hint(plan: PlanFigures | None) -> str:
    """``until 18:05`` (the expected end) or ``+0:20 overtime``; "" when the plan adds nothing."""
    if plan is None:
        return ""
    if plan.overtime is not None:
        return translate("Headline", "+{overtime} overtime").format(
            overtime=format_hm(plan.overtime)
        )
    if plan.until is not None:
        return translate("Headline", "until {end}").format(end=f"{plan.until:%H:%M}")
    return ""


def week_line(plan: PlanFigures | None) -> str:
    """``This week: 31:05 of 40:00`` for the tooltip (the figure the panel's week bar and
    History show); without a week's plan only what was done; "" before the plan is known."""
    if plan is None:
        return ""
    done = format_hm(plan.week_done)
    if plan.week_planned is None:
        return translate("Headline", "This week: {done}").format(done=done)
    return translate("Headline", "This week: {done} of {planned}").format(
        done=done, planned=format_hm(plan.week_planned)
    )


# -- an own action waiting for the portal -------------------------------------------------


def _doing(action: Action) -> str:
    """``Closing…``: the action under way."""
    if action is Action.OPEN:
        return translate("Waiting", "Starting…")
    if action is Action.PAUSE:
        return translate("Waiting", "Pausing…")
    if action is Action.RESUME:
        return translate("Waiting", "Resuming…")
    return translate("Waiting", "Closing…")


def waiting_line(waiting: Waiting | None) -> str:
    """``Closing… waiting for the portal, busy: trying again in 4 s`` (tooltip, panel); ""
    when nothing waits."""
    if waiting is None:
        return ""
    doing, seconds = _doing(waiting.action), waiting.retry_in
    if waiting.reason is WaitReason.CHECKING:
        if seconds is None:
            text = translate(
                "Waiting", "the answer was lost: reading the day to see whether it took effect"
            )
        else:
            text = translate(
                "Waiting",
                "the answer was lost: reading the day in {seconds} s to see whether it took effect",
            ).format(seconds=seconds)
    elif waiting.reason is WaitReason.BUSY:
        if seconds is None:
            text = translate("Waiting", "waiting for the portal, busy: trying again now")
        else:
            text = translate(
                "Waiting", "waiting for the portal, busy: trying again in {seconds} s"
            ).format(seconds=seconds)
    elif seconds is None:
        text = translate("Waiting", "waiting for the portal, unreachable: trying again now")
    else:
        text = translate(
            "Waiting", "waiting for the portal, unreachable: trying again in {seconds} s"
        ).format(seconds=seconds)
    return f"{doing} {text}"


# -- reminders --------------------------------------------------------------------------------


def reminder_title(reminder: Reminder) -> str:
    """The first line of a reminder: what it is about."""
    from tray_app.core.reminders import (  # noqa: PLC0415  (loaded with the plan, after start)
        ForgottenDay,
        LunchDue,
        NotStarted,
        StillOpen,
    )

    if isinstance(reminder, NotStarted):
        return translate("Reminders", "Workday not started")
    if isinstance(reminder, LunchDue):
        return translate("Reminders", "Time for lunch")
    if isinstance(reminder, StillOpen):
        return translate("Reminders", "Workday still open")
    if isinstance(reminder, ForgottenDay):
        return translate("Reminders", "Workday left open")
    return translate("Reminders", "Planned work done")


def reminder_text(reminder: Reminder) -> str:
    """What the reminder says, in one or two sentences."""
    from tray_app.core.reminders import (  # noqa: PLC0415
        ForgottenDay,
        LunchDue,
        NotStarted,
        StillOpen,
    )

    if isinstance(reminder, NotStarted):
        return translate(
            "Reminders", "It is past {time}, the latest on-time start, and the day has not begun."
        ).format(time=f"{reminder.latest_start:%H:%M}")
    if isinstance(reminder, LunchDue):
        return translate(
            "Reminders", "Lunch is from {start} to {end} ({length}); pause the workday for it."
        ).format(
            start=f"{reminder.start:%H:%M}",
            end=f"{reminder.end:%H:%M}",
            length=format_hm(reminder.length),
        )
    if isinstance(reminder, StillOpen):
        return translate(
            "Reminders",
            "The workday is still open {past} after its expected end at {end}. Close it if "
            "you have finished.",
        ).format(past=format_hm(reminder.past), end=f"{reminder.expected_end:%H:%M}")
    if isinstance(reminder, ForgottenDay):
        if reminder.started_at is None:
            return translate(
                "Reminders", "An earlier workday was never closed. Close it with its real end time."
            )
        return translate(
            "Reminders",
            "The workday started {start} was never closed. Close it with its real end time.",
        ).format(start=day_and_time(reminder.started_at))
    return translate(
        "Reminders", "You have worked {worked} of the {planned} planned: you can close the day."
    ).format(worked=format_hm(reminder.worked), planned=format_hm(reminder.planned))


def snooze_hint() -> str:
    """The line a reminder notification ends with (a tray message has no buttons)."""
    return translate("Reminders", "Click this message to snooze it for today.")


# -- main -------------------------------------------------------------------------------------


def crash_message(kind: str, folder: object) -> str:
    """The dialog of an unexpected exception (``kind``: its class name)."""
    return translate(
        "Application",
        "timeman-tray ran into an unexpected problem ({kind}) and keeps running. "
        "Details are in the log in {folder}.",
    ).format(kind=kind, folder=folder)


def internal_error(error: BaseException) -> str:
    """A bug's one sentence (the traceback goes to the log)."""
    return translate(
        "Errors", "timeman-tray ran into an internal error ({kind}); see the log."
    ).format(kind=type(error).__name__)
