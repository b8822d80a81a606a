"""The portal's records (``timeman.record.list``) merged with what the tray saw: pure functions.

The records arrive as anything shaped like :class:`RecordLike` (the api layer's
``PortalRecord`` is one; this package does not import the api layer). Per day:

- only the portal knows the day: its figures (a day worked on another device, or before the tray
  was installed);
- only the journal knows it: its figures (a portal without the method, an offline day, a day
  outside what was fetched);
- both know it: the portal is the truth for a closed day (edits and confirmations happen there);
  for a day still running it has recorded nothing yet (``duration`` 0 until a pause or the close),
  so the larger worked time of the two is shown, with the portal's start and confirmation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Protocol

from tray_app.history.summary import DayTotals, Source, group_days

CLOSED = "closed"


class RecordLike(Protocol):
    """What the history needs of a portal record."""

    @property
    def record_id(self) -> int: ...

    @property
    def started_at(self) -> datetime: ...

    @property
    def finished_at(self) -> datetime | None: ...

    @property
    def worked(self) -> timedelta: ...

    @property
    def breaks(self) -> timedelta: ...

    @property
    def status(self) -> str: ...

    @property
    def approved(self) -> bool | None: ...


def record_totals(record: RecordLike) -> DayTotals:
    """One record as a day of its own; its day is the start's date in the start's zone."""
    closed = str(record.status).lower() == CLOSED
    return DayTotals(
        day=record.started_at.date(),
        started_at=record.started_at,
        finished_at=record.finished_at if closed else None,
        breaks=record.breaks,
        worked=record.worked,
        confirmed=record.approved,
        open=not closed,
        source=Source.PORTAL,
    )


def portal_days(records: Iterable[RecordLike]) -> dict[date, DayTotals]:
    """The portal's records per day, ordered by day."""
    return group_days(record_totals(record) for record in records)


def merge_one(portal: DayTotals, local: DayTotals) -> DayTotals:
    """One day both sides know (see the module docstring)."""
    if not portal.open:
        return replace(portal, source=Source.BOTH)
    fresher = local if local.worked > portal.worked else portal
    return replace(
        portal,
        worked=fresher.worked,
        breaks=max(portal.breaks, local.breaks),
        source=Source.BOTH,
    )


def reconcile(
    portal: Mapping[date, DayTotals] | None, local: Mapping[date, DayTotals]
) -> dict[date, DayTotals]:
    """Every day either side knows, ordered by day; ``portal`` None: the journal alone."""
    if portal is None:
        return dict(sorted(local.items()))
    merged: dict[date, DayTotals] = {}
    for day in sorted(set(portal) | set(local)):
        theirs, ours = portal.get(day), local.get(day)
        if theirs is not None and ours is not None:
            merged[day] = merge_one(theirs, ours)
        else:
            found = theirs or ours
            assert found is not None
            merged[day] = found
    return merged
