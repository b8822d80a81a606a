"""The tray's sentences about kept clicks (issue 12): the tooltip's and panel's line, what the
portal has, the buttons' words, the notifications, and the automatic reason's default wording.

Every text is a literal in ``translate("Kept", "...")`` so that ``pyside6-lupdate`` finds it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from tray_app.core.backdate import day_zone
from tray_app.core.kept_clicks import KeptAction, KeptClick
from tray_app.core.kept_rules import Ask, AskWhy, Conflict, ConflictWhy
from tray_app.core.workday import DayState, Workday
from tray_app.ui.shared.kept_note import KeptNote, KeptStage

if TYPE_CHECKING:  # the sender pulls in the portal client (httpx): not on the start-up path
    from tray_app.services.kept_sending import Settled

translate = QCoreApplication.translate


def default_reason_template() -> str:
    """The automatic reason in the person's language (Settings may replace it)."""
    return translate(
        "Kept", "Clicked {clicked} while the portal was unreachable; sent {sent} by timeman-tray"
    )


def click_words(click: KeptClick) -> str:
    """``Close at 18:05`` (the click's own offset)."""
    moment = f"{click.clicked_at:%H:%M}"
    if click.action is KeptAction.OPEN:
        return translate("Kept", "Start at {time}").format(time=moment)
    if click.action is KeptAction.PAUSE:
        return translate("Kept", "Pause at {time}").format(time=moment)
    if click.action is KeptAction.RESUME:
        return translate("Kept", "Resume at {time}").format(time=moment)
    return translate("Kept", "Close at {time}").format(time=moment)


def kept_line(note: KeptNote | None) -> str:
    """``Close at 18:05 kept, will be sent when the portal answers`` (tooltip, panel); ""
    without kept clicks."""
    if note is None:
        return ""
    what = click_words(note.click)
    if note.stage is KeptStage.SENDING:
        line = translate("Kept", "{click} kept: sending it now…").format(click=what)
    elif note.stage is KeptStage.WAITING:
        line = translate("Kept", "{click} kept, will be sent when the portal answers").format(
            click=what
        )
    elif note.stage is KeptStage.ASK:
        line = translate("Kept", "{click} kept: your choice is needed").format(click=what)
    else:
        line = translate("Kept", "{click} kept, not sent").format(click=what)
    if note.count > 1:
        more = translate("Kept", "(and {count} more kept after it)").format(count=note.count - 1)
        line = f"{line} {more}"
    return line


def kept_detail(note: KeptNote) -> str:
    """Why the first kept click waits for the person, and what the portal has (panel, notice);
    "" while it only waits for the portal."""
    stop = note.stop
    if isinstance(stop, Ask):
        return _ask(stop)
    if isinstance(stop, Conflict):
        return _conflict(stop)
    return ""


def _ask(ask: Ask) -> str:  # noqa: PLR0911 - one sentence per question
    moment = f"{ask.click.clicked_at:%H:%M}"
    if ask.why is AskWhy.PAUSE_NOT_BACKDATED:
        return translate(
            "Kept",
            "You paused at {time} while offline; the portal can only pause now. Until then "
            "the time since {time} counts as work.",
        ).format(time=moment)
    if ask.why is AskWhy.RESUME_NOT_BACKDATED:
        return translate(
            "Kept",
            "You resumed at {time} while offline; the portal can only resume now. Until then "
            "the time since {time} counts as a break.",
        ).format(time=moment)
    if ask.why is AskWhy.WOULD_RESUME:
        return translate(
            "Kept",
            "The portal would resume the day closed at {end} instead of starting a new one, "
            "and takes no start time for it: the time since counts as a break.",
        ).format(end=_short(ask.portal.finished_at, ask.portal))
    if ask.why is AskWhy.START_DATE_OVER:
        return translate("Kept", "Its date is over: the portal takes a start time only for today.")
    if ask.why is AskWhy.CLOCK_JUMPED:
        if ask.steady_moment is not None:
            return translate(
                "Kept",
                "This computer's clock jumped since the click (by the steady clock it was at "
                "{steady}), so {time} is not sent by itself: give the time yourself.",
            ).format(steady=f"{ask.steady_moment:%H:%M}", time=moment)
        return translate(
            "Kept",
            "This computer's clock jumped since the click, so {time} is not sent by itself: "
            "give the time yourself.",
        ).format(time=moment)
    return translate("Kept", "The portal takes no end at {time} for the day it has: {day}.").format(
        time=moment, day=portal_words(ask.portal)
    )


def _conflict(conflict: Conflict) -> str:
    day = portal_words(conflict.portal)
    if conflict.why is ConflictWhy.CHANGED_ELSEWHERE:
        return translate(
            "Kept",
            "The workday changed elsewhere since the click, so it was not sent. The portal "
            "has: {day}.",
        ).format(day=day)
    if conflict.why is ConflictWhy.NOT_APPLICABLE:
        return translate(
            "Kept", "It does not apply to the day the portal has, so it was not sent: {day}."
        ).format(day=day)
    if conflict.why is ConflictWhy.PREDECESSOR_NOT_SENT:
        return translate("Kept", "It followed a kept click that was not sent.")
    if conflict.why is ConflictWhy.NO_EFFECT:
        return translate("Kept", "The portal did nothing with it. It has: {day}.").format(day=day)
    code = conflict.code or conflict.click.held or "?"
    return translate("Kept", "The portal refused it [{code}]. It has: {day}.").format(
        code=code, day=day
    )


def portal_words(day: Workday) -> str:
    """``closed, 09:00-17:30``: the day as the portal has it."""
    start = day.started_at
    if start is None:
        return translate("Kept", "no workday yet")
    since = _short(start, day)
    if day.state is DayState.CLOSED:
        return translate("Kept", "closed, {start}-{end}").format(
            start=since, end=_short(day.finished_at, day)
        )
    if day.state is DayState.PAUSED:
        return translate("Kept", "on a break since {time}").format(
            time=_short(day.finished_at, day)
        )
    if day.state is DayState.EXPIRED:
        return translate("Kept", "left open since {date} {time}").format(
            date=f"{start.astimezone(day_zone(day)):%Y-%m-%d}", time=since
        )
    return translate("Kept", "running since {time}").format(time=since)


def _short(moment: datetime | None, day: Workday) -> str:
    return "?" if moment is None else f"{moment.astimezone(day_zone(day)):%H:%M}"


def now_button_text(note: KeptNote) -> str:
    """The button that sends the first kept click as the portal allows now."""
    stop = note.stop
    if isinstance(stop, Conflict):
        return translate("Kept", "Try again")
    if isinstance(stop, Ask):
        if stop.why is AskWhy.PAUSE_NOT_BACKDATED:
            return translate("Kept", "Pause now")
        if stop.why in (AskWhy.RESUME_NOT_BACKDATED, AskWhy.WOULD_RESUME):
            return translate("Kept", "Resume now")
        if stop.click.action is KeptAction.OPEN:
            return translate("Kept", "Start now")
        return translate("Kept", "Close now")
    return translate("Kept", "Send now")


def new_time_button_text(note: KeptNote) -> str:
    """The button that opens the report dialog with the kept time."""
    if note.click.action is KeptAction.OPEN:
        return translate("Kept", "Change start time…")
    return translate("Kept", "Close at…")


def discard_button_text() -> str:
    return translate("Kept", "Discard")


def sent_notice(settled: Settled) -> tuple[str, str]:
    """The notification once a kept click took effect."""
    what = click_words(settled.click)
    title = translate("Kept", "Kept click sent")
    if settled.sent:
        text = translate("Kept", "{click}: sent. The portal has: {day}.")
    else:
        text = translate("Kept", "{click}: it had reached the portal already. It has: {day}.")
    return title, text.format(click=what, day=portal_words(settled.day))


def stop_notice(note: KeptNote) -> tuple[str, str]:
    """The notification when the first kept click needs the person."""
    title = translate("Kept", "{click}: not sent").format(click=click_words(note.click))
    return title, kept_detail(note)
