"""Days summarised from what the tray saw: pure functions, no SQLite, no clock reads.

An :class:`Observation` is one distinct answered workday (the journal keeps each once, with when
it was first and last seen). :func:`summarize_observations` turns them into one
:class:`DayTotals` per calendar day (in the zone the day started in):

- a record is followed by its ``ID`` (newer portals) or else by its start; its figures come from
  the latest observation that tells them: a closed day's ``DURATION`` (or end - start - breaks),
  a paused day's time up to the pause start, a running day's time up to when it was last seen
  (offline, nothing later is known); an expired day without an end keeps the last figure seen;
- a paused day's running break counts up to when it was last seen, as the tray shows it;
- when one record's start was edited (a portal without ``ID``), the old and the new start are two
  overlapping "records" of one day: only the one seen last is kept;
- several records of one day add up (a day closed and started again).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from tray_app.core.timefmt import clamp_day, fixed_offset
from tray_app.core.workday import DayState, Workday

DEFAULT_PLAN = timedelta(hours=8)
WEEKDAYS = frozenset(range(1, 6))  # ISO: Monday to Friday


class Source(StrEnum):
    """Where a day's figures come from."""

    PORTAL = "portal"
    JOURNAL = "journal"
    BOTH = "both"


@dataclass(frozen=True)
class Observation:
    """One distinct answered workday and when it was seen (aware datetimes)."""

    state: DayState
    first_seen: datetime
    last_seen: datetime
    record_id: int | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    duration: timedelta = timedelta(0)
    leaks: timedelta = timedelta(0)
    confirmed: bool | None = None
    tz_offset: int | None = None

    @classmethod
    def from_workday(cls, day: Workday, seen: datetime) -> Observation:
        return cls(
            state=day.state,
            first_seen=seen,
            last_seen=seen,
            record_id=day.record_id,
            started_at=day.started_at,
            finished_at=day.finished_at,
            duration=day.duration,
            leaks=day.leaks,
            confirmed=day.confirmed,
            tz_offset=day.day_offset,
        )

    @property
    def local_start(self) -> datetime | None:
        """The start in the zone the day started in."""
        if self.started_at is None or self.tz_offset is None:
            return self.started_at
        return self.started_at.astimezone(fixed_offset(self.tz_offset))

    def worked(self) -> timedelta | None:
        """Worked time as this answer tells it; None when it does not (expired, no end)."""
        start = self.started_at
        if start is None:
            return None
        if self.state is DayState.CLOSED:
            if self.duration > timedelta(0) or self.finished_at is None:
                return clamp_day(self.duration)
            return clamp_day(self.finished_at - start - self.leaks)
        if self.state is DayState.OPENED:
            return clamp_day(self.last_seen - start - self.leaks)
        if self.finished_at is None:  # expired and never paused (or a doc-style PAUSED)
            return None
        return clamp_day(self.finished_at - start - self.leaks)

    def breaks(self) -> timedelta:
        """Finished breaks plus, while paused, the running one up to when it was last seen."""
        if self.state is DayState.PAUSED and self.finished_at is not None:
            return clamp_day(self.leaks + max(timedelta(0), self.last_seen - self.finished_at))
        return clamp_day(self.leaks)


@dataclass(frozen=True)
class DayTotals:
    """One calendar day: its first start, last end (None while a record is not closed), breaks,
    worked time, whether the portal confirmed it (None: not known) and where this comes from."""

    day: date
    started_at: datetime | None
    finished_at: datetime | None
    breaks: timedelta
    worked: timedelta
    confirmed: bool | None
    open: bool
    source: Source
    records: int = 1


def merge_day(parts: Sequence[DayTotals]) -> DayTotals:
    """Several records of one day as one (``parts`` non-empty, all of the same day)."""
    first = parts[0]
    starts = [p.started_at for p in parts if p.started_at is not None]
    still_open = any(p.open for p in parts)
    ends = [p.finished_at for p in parts if p.finished_at is not None]
    confirmations = [p.confirmed for p in parts]
    if False in confirmations:
        confirmed: bool | None = False
    elif None in confirmations:
        confirmed = None
    else:
        confirmed = True
    return replace(
        first,
        started_at=min(starts) if starts else None,
        finished_at=None if still_open or not ends else max(ends),
        breaks=sum((p.breaks for p in parts), timedelta(0)),
        worked=sum((p.worked for p in parts), timedelta(0)),
        confirmed=confirmed,
        open=still_open,
        records=sum(p.records for p in parts),
    )


def group_days(parts: Iterable[DayTotals]) -> dict[date, DayTotals]:
    """Merge per day; the result is ordered by day."""
    by_day: dict[date, list[DayTotals]] = {}
    for part in parts:
        by_day.setdefault(part.day, []).append(part)
    return {day: merge_day(by_day[day]) for day in sorted(by_day)}


def _identity(observation: Observation) -> tuple[str, object]:
    if observation.record_id is not None:
        return ("id", observation.record_id)
    return ("start", observation.started_at)


def _record_totals(history: Sequence[Observation]) -> DayTotals:
    """One record from its observations, oldest first (the last one has a start)."""
    latest = history[-1]
    worked = next((w for w in (o.worked() for o in reversed(history)) if w is not None), None)
    start = latest.local_start
    assert start is not None, "records are built from observations with a start"
    closed = latest.state is DayState.CLOSED
    end = latest.finished_at
    if end is not None and latest.tz_offset is not None:
        end = end.astimezone(fixed_offset(latest.tz_offset))
    return DayTotals(
        day=start.date(),
        started_at=start,
        finished_at=end if closed else None,
        breaks=latest.breaks(),
        worked=worked if worked is not None else timedelta(0),
        confirmed=latest.confirmed,
        open=not closed,
        source=Source.JOURNAL,
    )


def _span(totals: DayTotals, seen: datetime) -> tuple[datetime, datetime]:
    assert totals.started_at is not None
    return totals.started_at, totals.finished_at or seen


def summarize_observations(observations: Iterable[Observation]) -> dict[date, DayTotals]:
    """The days the observations tell of, ordered by day (see the module docstring)."""
    records: dict[tuple[str, object], list[Observation]] = {}
    for observation in sorted(observations, key=lambda o: o.last_seen):
        if observation.started_at is not None:
            records.setdefault(_identity(observation), []).append(observation)
    # Newest first: an older reading of an edited record overlapping a newer one is dropped.
    candidates = sorted(
        ((_record_totals(history), history[-1].last_seen) for history in records.values()),
        key=lambda pair: pair[1],
        reverse=True,
    )
    kept: list[tuple[DayTotals, datetime]] = []
    for totals, seen in candidates:
        start, end = _span(totals, seen)
        if not any(
            start < other_end and other_start < end
            for other_start, other_end in (_span(t, s) for t, s in kept)
        ):
            kept.append((totals, seen))
    return group_days(totals for totals, _ in kept)


def default_plan(
    first: date, last: date, *, hours: timedelta = DEFAULT_PLAN
) -> dict[date, timedelta]:
    """``hours`` on each weekday (Monday to Friday) from ``first`` to ``last``, both included."""
    return {day: hours for day in date_range(first, last) if day.isoweekday() in WEEKDAYS}


def date_range(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last``, both included (empty when ``last`` < ``first``)."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@dataclass(frozen=True)
class PeriodTotals:
    """Sums over a period."""

    worked: timedelta
    planned: timedelta
    days_worked: int
    unconfirmed: int


def period_totals(
    days: Mapping[date, DayTotals], plan: Mapping[date, timedelta], first: date, last: date
) -> PeriodTotals:
    """Worked and planned time of the days from ``first`` to ``last``."""
    span = date_range(first, last)
    chosen = [days[d] for d in span if d in days]
    return PeriodTotals(
        worked=sum((d.worked for d in chosen), timedelta(0)),
        planned=sum((plan.get(d, timedelta(0)) for d in span), timedelta(0)),
        days_worked=sum(1 for d in chosen if d.worked > timedelta(0)),
        unconfirmed=sum(1 for d in chosen if d.confirmed is False),
    )
