"""What ``timeman.open`` will do to a closed day: start a new record, or resume the closed one.

From CLOSED the portal (API reference §1.2; ``WorktimeRecordManager::isEligibleToReopen``,
``CTimeManUser::OpenAction``) resumes the last record instead of starting a new one when the
record's schedule allows re-opening and its working day is not over; the time since the close is
then booked as a break, and a start time (``TIME``) is refused with the error ``TIME``.
Re-opening is allowed by default on every schedule that is not flexible; a FLEXTIME schedule
never re-opens, and a day of an earlier date has its next shift due (or begun), so it is a new
record.

REST tells neither the schedule's re-open switch nor the shift, so the prediction uses what the
client knows: the status, the day's date against today (both in the zone the day started in)
and ``UF_TM_FREE`` of ``timeman.settings``. Unknown settings count as not flexible, the usual
case. The answer stays the truth: :func:`resumed` tells afterwards what the portal did.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from tray_app.core.portal_settings import PortalSettings
from tray_app.core.timefmt import fixed_offset
from tray_app.core.workday import DayState, Workday


class OpenKind(StrEnum):
    """What ``timeman.open`` does to a CLOSED day."""

    NEW_DAY = "new_day"
    """A new record starts now (a start time may be given)."""
    RESUME_DAY = "resume_day"
    """The closed record goes on; the gap since its end counts as a break (no start time)."""


def open_kind(day: Workday, now: datetime, settings: PortalSettings | None) -> OpenKind | None:
    """What opening ``day`` at the portal's moment ``now`` (aware) will do; None unless CLOSED
    (an open then continues a paused day or does nothing, see :mod:`tray_app.core.actions`)."""
    if day.state is not DayState.CLOSED:
        return None
    if day.started_at is None:  # no day yet: nothing to resume
        return OpenKind.NEW_DAY
    if settings is not None and settings.flexible:
        return OpenKind.NEW_DAY
    if not _same_date(day, day.started_at, now):
        return OpenKind.NEW_DAY
    return OpenKind.RESUME_DAY


def _same_date(day: Workday, started: datetime, now: datetime) -> bool:
    offset = day.day_offset
    assert offset is not None, "a day with a start has an offset (TZ_OFFSET or the start's)"
    zone = fixed_offset(offset)
    return started.astimezone(zone).date() == now.astimezone(zone).date()


def resumed(before: Workday, after: Workday) -> bool:
    """Whether an open of the CLOSED day ``before`` resumed it: the answer is the same record
    running again (same ``ID`` where both carry one, else the same start)."""
    if before.state is not DayState.CLOSED or after.state is not DayState.OPENED:
        return False
    if before.started_at is None:
        return False
    if before.record_id is not None and after.record_id is not None:
        return before.record_id == after.record_id
    return after.started_at == before.started_at
