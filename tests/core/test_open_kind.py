"""What ``timeman.open`` does to a closed day (API reference §1.2): resume it or start anew."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tray_app.core.open_kind import OpenKind, open_kind, resumed
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import DayState, Workday

PLUS3 = timezone(timedelta(hours=3))
START = datetime(2026, 11, 17, 9, 0, tzinfo=PLUS3)
END = datetime(2026, 11, 17, 17, 5, tzinfo=PLUS3)
LATER_TODAY = datetime(2026, 11, 17, 18, 0, tzinfo=PLUS3)
FIXED = PortalSettings(flexible=False)
FLEXIBLE = PortalSettings(flexible=True)


def day(
    state: DayState = DayState.CLOSED,
    *,
    start: datetime | None = START,
    end: datetime | None = END,
    record_id: int | None = 7,
    tz_offset: int | None = 10800,
) -> Workday:
    return Workday(
        state=state,
        record_id=record_id,
        started_at=start,
        finished_at=end,
        tz_offset=tz_offset if start is not None else None,
    )


@pytest.mark.parametrize("state", [DayState.OPENED, DayState.PAUSED, DayState.EXPIRED])
@pytest.mark.parametrize("settings", [None, FIXED, FLEXIBLE])
def test_only_a_closed_day_is_started_or_resumed(
    state: DayState, settings: PortalSettings | None
) -> None:
    # OPENED/EXPIRED: open is a silent no-op; PAUSED: open continues the break (Action.RESUME).
    assert open_kind(day(state), LATER_TODAY, settings) is None


@pytest.mark.parametrize("settings", [None, FIXED, FLEXIBLE])
def test_without_any_day_a_new_one_starts(settings: PortalSettings | None) -> None:
    assert open_kind(day(start=None, end=None), LATER_TODAY, settings) is OpenKind.NEW_DAY


@pytest.mark.parametrize("settings", [None, FIXED])
def test_a_day_closed_earlier_today_is_resumed_on_a_schedule_that_is_not_flexible(
    settings: PortalSettings | None,
) -> None:
    assert open_kind(day(), LATER_TODAY, settings) is OpenKind.RESUME_DAY


def test_a_flexible_schedule_never_resumes() -> None:
    assert open_kind(day(), LATER_TODAY, FLEXIBLE) is OpenKind.NEW_DAY


@pytest.mark.parametrize("settings", [None, FIXED, FLEXIBLE])
def test_a_day_of_an_earlier_date_is_not_resumed(settings: PortalSettings | None) -> None:
    tomorrow = LATER_TODAY + timedelta(days=1)
    assert open_kind(day(), tomorrow.replace(hour=8), settings) is OpenKind.NEW_DAY


def test_the_date_is_taken_in_the_zone_the_day_started_in() -> None:
    # 20:30 UTC is 23:30 of the day's date in its zone (+03:00); 21:30 UTC, still the 17th in
    # UTC, is already 00:30 of the next date there.
    late = datetime(2026, 11, 17, 20, 30, tzinfo=UTC)
    past_midnight = datetime(2026, 11, 17, 21, 30, tzinfo=UTC)
    assert open_kind(day(), late, FIXED) is OpenKind.RESUME_DAY
    assert open_kind(day(), past_midnight, FIXED) is OpenKind.NEW_DAY


def test_without_tz_offset_the_starts_own_offset_is_the_days_zone() -> None:
    no_offset = day(tz_offset=None)
    past_midnight = datetime(2026, 11, 17, 21, 30, tzinfo=UTC)
    assert open_kind(no_offset, past_midnight, FIXED) is OpenKind.NEW_DAY
    assert open_kind(no_offset, LATER_TODAY, FIXED) is OpenKind.RESUME_DAY


def test_the_same_record_running_again_was_resumed() -> None:
    assert resumed(day(), day(DayState.OPENED, end=None))


def test_a_new_record_was_not_resumed() -> None:
    fresh = day(DayState.OPENED, start=LATER_TODAY, end=None, record_id=8)
    assert not resumed(day(), fresh)


def test_without_ids_the_start_decides() -> None:
    closed = day(record_id=None)
    assert resumed(closed, day(DayState.OPENED, end=None, record_id=None))
    assert not resumed(closed, day(DayState.OPENED, start=LATER_TODAY, record_id=None))
    # One side without an id: the start still tells (older builds answer without ID).
    assert resumed(closed, day(DayState.OPENED, end=None, record_id=8))
    assert not resumed(day(), day(DayState.OPENED, start=LATER_TODAY, record_id=None))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (day(DayState.PAUSED), day(DayState.OPENED)),  # a break continued, not a resume
        (day(), day(DayState.CLOSED)),  # the portal did nothing
        (day(start=None, end=None), day(DayState.OPENED, record_id=1)),  # the first day ever
    ],
)
def test_nothing_else_is_a_resume(before: Workday, after: Workday) -> None:
    assert not resumed(before, after)
