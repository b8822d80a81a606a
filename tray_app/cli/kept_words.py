"""The CLI's sentences about kept clicks: what was kept, what the portal has, what to do."""

from __future__ import annotations

from datetime import datetime

from tray_app.core.backdate import day_zone
from tray_app.core.kept_clicks import KeptAction, KeptClick
from tray_app.core.kept_rules import Ask, AskWhy, Conflict, ConflictWhy, Decision, Done, Send, Wait
from tray_app.core.workday import Workday
from tray_app.services.kept_sending import Round

NAMES = {
    KeptAction.OPEN: "start",
    KeptAction.PAUSE: "pause",
    KeptAction.RESUME: "resume",
    KeptAction.CLOSE: "close",
}
_ONLY_NOW = (KeptAction.PAUSE, KeptAction.RESUME)


def click_words(click: KeptClick, *, dated: bool = False) -> str:
    """``close at 18:05`` (``dated``: ``close at 2026-11-20 18:05``), in the click's offset."""
    when = f"{click.clicked_at:%Y-%m-%d %H:%M}" if dated else f"{click.clicked_at:%H:%M}"
    return f"{NAMES[click.action]} at {when}"


def kept_sentence(click: KeptClick, *, behind: bool = False) -> str:
    """What ``--keep`` says once the click is durably kept."""
    text = f"Kept: {click_words(click)}"
    if behind:
        return text + ", behind the clicks kept before it; sending them in order now."
    if click.action in _ONLY_NOW:
        name = NAMES[click.action]
        return (
            f"{text}; the portal can only {name} at the moment it is told, not at "
            f"{click.clicked_at:%H:%M}: when it answers, 'timeman-tray kept send --now "
            f"{click.click_id[:8]}' does it then, 'timeman-tray kept discard "
            f"{click.click_id[:8]}' drops it (timeman-tray kept)."
        )
    return f"{text}; it will be sent when the portal answers (timeman-tray kept)."


def portal_words(day: Workday) -> str:
    """``OPENED since 09:00``, ``CLOSED 09:00-17:30``: the day as the portal has it."""
    if day.started_at is None:
        return f"{day.state.value} (no workday yet)"
    zone = day_zone(day)
    start = f"{day.started_at.astimezone(zone):%Y-%m-%d %H:%M}"
    if day.finished_at is not None:
        end = f"{day.finished_at.astimezone(zone):%H:%M}"
        return f"{day.state.value}, started {start}, ended or paused at {end}"
    return f"{day.state.value}, started {start}"


def _short(moment: datetime | None) -> str:
    return "?" if moment is None else f"{moment:%H:%M}"


def decision_words(decision: Decision) -> str:
    """What will happen to the head of the queue, and what the person may do."""
    click = decision.click
    short = click.click_id[:8]
    now = f"'timeman-tray kept send --now {short}'"
    discard = f"'timeman-tray kept discard {short}' drops it"
    if isinstance(decision, Send):
        return "will be sent with its time by 'timeman-tray kept send'."
    if isinstance(decision, Done):
        return "already done on the portal (its answer was lost); it is not sent again."
    if isinstance(decision, Wait):
        return (
            f"its write went out and its answer may still come: nothing is sent before "
            f"{decision.until.astimezone(click.clicked_at.tzinfo):%H:%M:%S}."
        )
    if isinstance(decision, Ask):
        return _ask_words(decision, now, discard)
    return _conflict_words(decision, now, discard)


def _ask_words(ask: Ask, now: str, discard: str) -> str:
    offer = f"{now} does it as the portal allows now, {discard}." if ask.now_send else discard
    if ask.why is AskWhy.PAUSE_NOT_BACKDATED:
        return f"the portal can only pause now, not at the kept moment: {offer}"
    if ask.why is AskWhy.RESUME_NOT_BACKDATED:
        return f"the portal can only resume now, not at the kept moment: {offer}"
    if ask.why is AskWhy.WOULD_RESUME:
        return (
            f"the portal would resume the day closed at {_short(ask.portal.finished_at)} "
            f"instead of starting a new one, and takes no start time for it (the time since "
            f"counts as a break): {offer}"
        )
    if ask.why is AskWhy.START_DATE_OVER:
        return f"its date is over; the portal takes a start time only today: {offer}"
    if ask.why is AskWhy.CLOCK_JUMPED:
        by_steady = ""
        if ask.steady_moment is not None:
            by_steady = f" (by the steady clock it was at {ask.steady_moment:%H:%M})"
        return (
            f"the machine's clock jumped since{by_steady}, so its time is not sent by itself: "
            f"{discard}, and give the time with 'timeman-tray close --at HH:MM'."
        )
    return (
        f"the portal takes no end at that time for the day it has "
        f"({portal_words(ask.portal)}): {offer}"
    )


def _conflict_words(conflict: Conflict, now: str, discard: str) -> str:
    has = portal_words(conflict.portal)
    if conflict.why is ConflictWhy.CHANGED_ELSEWHERE:
        return f"not sent: the workday changed elsewhere since; the portal has it {has}. {discard}."
    if conflict.why is ConflictWhy.NOT_APPLICABLE:
        return f"not sent: it does not apply to the day the portal has ({has}). {discard}."
    if conflict.why is ConflictWhy.PREDECESSOR_NOT_SENT:
        return f"not sent: it followed a kept click that was not sent. {discard}."
    if conflict.why is ConflictWhy.NO_EFFECT:
        return (
            f"the portal did nothing with it; it has the day {has}. {now} tries again, {discard}."
        )
    code = conflict.code or conflict.click.held or "no code"
    return f"the portal refused it [{code}]; it has the day {has}. {now} tries again, {discard}."


def round_lines(done: Round) -> list[str]:
    """One line per click settled, then the one the sending stopped at."""
    lines = []
    for settled in done.settled:
        what = click_words(settled.click)
        if settled.sent:
            lines.append(f"Sent: {what}; the portal has the day {portal_words(settled.day)}.")
        else:
            lines.append(
                f"Already done on the portal: {what} (its answer was lost; not sent again)."
            )
    if done.stopped is not None:
        lines.append(f"{click_words(done.stopped.click)}: {decision_words(done.stopped)}")
    elif done.taken and done.left:
        lines.append(f"{click_words(done.left[0])}: another timeman-tray is sending it now.")
    elif done.unreachable is not None and done.left:
        lines.append(f"Still kept: {', '.join(click_words(click) for click in done.left)}.")
    elif not done.left and not done.settled:
        lines.append("Nothing is kept.")
    return lines
