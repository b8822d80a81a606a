"""How a day reads to a person: one headline for the tooltip, menu header and CLI, and the
machine-readable status of ``timeman-tray status --json``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tray_app.core.elapsed import Elapsed
from tray_app.core.timefmt import clamp_day, fixed_offset, format_atom, format_hm
from tray_app.core.workday import DayState, Workday

EN_DASH = "\u2013"  # between the two ends of a time range
NO_WORKDAY_TODAY = "No workday today"
STATE_WORDS = {
    DayState.OPENED: "Working",
    DayState.PAUSED: "On a break",
    DayState.CLOSED: "Day closed",
    DayState.EXPIRED: "Day left open",
}


@dataclass(frozen=True)
class DaySummary:
    """The figures of a day at one moment."""

    state: DayState
    worked: timedelta
    breaks: timedelta
    started_at: datetime | None
    finished_at: datetime | None
    suggested_close_at: datetime | None
    earlier_day: bool = False
    """A closed day that started before today: nothing has been worked today."""

    def local(self, moment: datetime) -> datetime:
        """``moment`` in the zone the day started in."""
        return moment.astimezone(self.started_at.tzinfo) if self.started_at else moment


def summarize(day: Workday, figures: Elapsed, now: datetime | None = None) -> DaySummary:
    """Worked time, all breaks (finished plus the running one) and the day's moments.

    ``now`` (the portal's time) tells a closed day of an earlier date from today's: the portal
    keeps answering with the last day until a new one is opened.
    """
    zone = fixed_offset(day.day_offset) if day.day_offset is not None else None
    started = day.started_at.astimezone(zone) if day.started_at and zone else day.started_at
    earlier = (
        day.state is DayState.CLOSED
        and started is not None
        and now is not None
        and now.astimezone(started.tzinfo).date() > started.date()
    )
    return DaySummary(
        state=day.state,
        worked=figures.worked,
        breaks=clamp_day(day.leaks + figures.on_break),
        started_at=started,
        finished_at=day.finished_at,
        suggested_close_at=day.suggested_finish if day.state is DayState.EXPIRED else None,
        earlier_day=earlier,
    )


def headline(summary: DaySummary) -> str:
    """``Working · 3:41 · breaks 0:15 · since 09:02`` and its siblings for the other states."""
    word = STATE_WORDS[summary.state]
    if summary.started_at is None:
        return "No workday yet" if summary.state is DayState.CLOSED else word
    since = f"since {summary.started_at:%H:%M}"
    if summary.state is DayState.EXPIRED:
        started = f"{summary.started_at:%a %d %b %H:%M}"
        if summary.suggested_close_at is not None:
            end = summary.local(summary.suggested_close_at)
            return f"{word} · started {started} · suggested end {end:%H:%M}"
        return f"{word} · started {started}"
    parts = [word, format_hm(summary.worked), f"breaks {format_hm(summary.breaks)}"]
    if summary.earlier_day:
        parts[:1] = [NO_WORKDAY_TODAY, f"last day {summary.started_at:%a %d %b}"]
    if summary.state is DayState.CLOSED:
        if summary.finished_at is not None:
            end = summary.local(summary.finished_at)
            parts.append(f"{summary.started_at:%H:%M}{EN_DASH}{end:%H:%M}")
    else:
        parts.append(since)
    return " · ".join(parts)


def status_document(day: Workday, summary: DaySummary) -> dict[str, object]:
    """The object ``status --json`` prints (keys fixed by the CLI's contract)."""

    def atom(moment: datetime | None) -> str | None:
        return None if moment is None else format_atom(summary.local(moment))

    return {
        "status": day.state.value,
        "worked_seconds": int(summary.worked.total_seconds()),
        "break_seconds": int(summary.breaks.total_seconds()),
        "started_at": atom(day.started_at),
        "finished_at": atom(day.finished_at),
        "tz_offset": day.day_offset,
        "confirmed": day.confirmed,
        "suggested_close_at": atom(summary.suggested_close_at),
    }
