"""The day as the person sees it while clicks are kept (issue 12): the portal's last answer with
the kept clicks applied in order, so the clock follows them (a kept close stops it at the
click's minute, a kept start runs it from there).

Only the figures the tray shows are projected (state, start, end or break start, breaks,
duration); a click that does not apply to the projected state leaves it as it is (the sending
rules, :mod:`tray_app.core.kept_rules`, tell the person about it). The record id is dropped
from a projected new day: it does not exist on the portal yet.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime, timedelta

from tray_app.core.kept_clicks import KeptAction, KeptClick
from tray_app.core.workday import DayState, Workday

_ZERO = timedelta(0)
_RUNNING = (DayState.OPENED, DayState.PAUSED, DayState.EXPIRED)


def projected_day(day: Workday, queue: Sequence[KeptClick]) -> Workday:
    """``day`` with every click of ``queue`` applied, in order."""
    for click in queue:
        day = _apply(day, click)
    return day


def _apply(day: Workday, click: KeptClick) -> Workday:
    moment = click.clicked_at
    if click.action is KeptAction.OPEN:
        return _opened(day, moment)
    if click.action is KeptAction.PAUSE and day.state is DayState.OPENED:
        return dataclasses.replace(day, state=DayState.PAUSED, finished_at=_in_day(day, moment))
    if click.action is KeptAction.RESUME and day.state is DayState.PAUSED:
        paused = day.finished_at or moment
        leaks = day.leaks + max(_ZERO, moment - paused)
        return dataclasses.replace(day, state=DayState.OPENED, finished_at=None, leaks=leaks)
    if click.action is KeptAction.CLOSE and day.state in _RUNNING and day.started_at is not None:
        return _closed(day, moment)
    return day


def _opened(day: Workday, moment: datetime) -> Workday:
    if day.state is not DayState.CLOSED:
        return day
    offset = moment.utcoffset()
    assert offset is not None, "kept moments are aware"
    return Workday(state=DayState.OPENED, started_at=moment, tz_offset=int(offset.total_seconds()))


def _closed(day: Workday, moment: datetime) -> Workday:
    start = day.started_at
    assert start is not None, "only a started day is closed"
    end = _in_day(day, moment)
    # A paused day closes at the click; the break since the pause counts as break.
    if day.state is DayState.PAUSED and day.finished_at is not None:
        leaks = day.leaks + max(_ZERO, end - day.finished_at)
    else:
        leaks = day.leaks
    duration = max(_ZERO, end - start - leaks)
    return dataclasses.replace(
        day, state=DayState.CLOSED, finished_at=end, leaks=leaks, duration=duration
    )


def _in_day(day: Workday, moment: datetime) -> datetime:
    """``moment`` in the offset the day started in."""
    start = day.started_at
    return moment if start is None else moment.astimezone(start.tzinfo)
