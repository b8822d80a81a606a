"""Whether a write sent for a kept click took effect: read from the portal's day (issue 12).

Used on the answer of a write (a silent no-op shows no effect) and, for a write whose answer
never came, on the status read before anything is sent again. A write with ``TIME`` leaves its
moment to the second (a start at it; the same record closed at it); one without leaves the day
changed from the day it was decided on, the way the method changes it, at about ``sent_at``
(from a minute before, for the clocks' difference, to the end of :data:`IN_FLIGHT_GRACE`).
A change elsewhere that does the same within that window cannot be told from ours.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from tray_app.core.kept_clicks import DayMark, SentWrite, mark_of, same_day, same_record
from tray_app.core.workday import DayState, Workday

EFFECT_SLACK = timedelta(minutes=1)
"""How far the portal's moment of a write without ``TIME`` may lie before our ``sent_at``."""
IN_FLIGHT_GRACE = timedelta(seconds=90)
"""A write this young may still be executing: no second one before its answer is settled."""


def took_effect(sent: SentWrite, day: Workday) -> bool:
    """Whether ``day`` shows the effect of ``sent`` (the portal keeps whole seconds)."""
    if sent.time is not None:
        moment = sent.time.replace(microsecond=0)
        if sent.method == "timeman.open":
            return day.started_at == moment
        return (
            day.state is DayState.CLOSED
            and same_record(sent.basis, day)
            and day.finished_at == moment
        )
    if same_day(sent.basis, day):
        return False
    return _EFFECTS[(sent.method, day.state)](sent, day)


def _recent(sent: SentWrite, moment: datetime | None) -> bool:
    return (
        moment is not None
        and sent.sent_at - EFFECT_SLACK <= moment <= sent.sent_at + IN_FLIGHT_GRACE
    )


def _opened(sent: SentWrite, day: Workday) -> bool:
    basis = sent.basis
    if not same_record(basis, day):
        return _recent(sent, day.started_at)  # a new day
    if basis.finished_at is None:  # it was running already
        return False
    # Continued (or resumed): the break since the pause (or the close) went into the breaks.
    return _recent(sent, basis.finished_at + (day.leaks - basis.leaks))


def _paused_or_closed(sent: SentWrite, day: Workday) -> bool:
    return same_record(sent.basis, day) and _recent(sent, day.finished_at)


def _never(sent: SentWrite, day: Workday) -> bool:
    return False


_EFFECTS: dict[tuple[str, DayState], Callable[[SentWrite, Workday], bool]] = {
    (method, state): _never
    for method in ("timeman.open", "timeman.pause", "timeman.close")
    for state in DayState
}
_EFFECTS[("timeman.open", DayState.OPENED)] = _opened
_EFFECTS[("timeman.pause", DayState.PAUSED)] = _paused_or_closed
_EFFECTS[("timeman.close", DayState.CLOSED)] = _paused_or_closed


def left_by(sent: SentWrite, day: Workday) -> DayMark | None:
    """The day ``sent`` left, when ``day`` (which shows its effect) shows nothing else since;
    None when something may have happened after it (the next kept click cannot be judged
    against a day it never saw)."""
    basis = sent.basis
    if sent.method == "timeman.close":
        # A close from a paused day adds the running break, up to the end.
        gap = timedelta(0)
        if basis.finished_at is not None and day.finished_at is not None:
            gap = day.finished_at - basis.finished_at
        clean = day.leaks == basis.leaks + gap
    elif sent.method == "timeman.pause":
        clean = day.leaks == basis.leaks
    else:  # a new day, untouched since; a continued day cannot be told from one paused again
        clean = (
            not same_record(basis, day) and day.finished_at is None and day.leaks == timedelta(0)
        )
    return mark_of(day) if clean else None
