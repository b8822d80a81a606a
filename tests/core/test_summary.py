"""How a day reads to a person, and the ``status --json`` document."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.core.samples import (
    D_CLOSED,
    D_EXPIRED,
    D_OPENED,
    R_OPENED,
    R_PAUSED,
    R_PAUSED_STATUS_AT,
    result,
)
from tray_app.core.elapsed import Elapsed, elapsed
from tray_app.core.summary import (
    EN_DASH,
    STATE_WORDS,
    DaySummary,
    headline,
    status_document,
    summarize,
)
from tray_app.core.workday import DayState, Workday, parse_workday

PLUS2 = timezone(timedelta(hours=2))
PLUS3 = timezone(timedelta(hours=3))


def hms(hours: int, minutes: int, seconds: int = 0) -> timedelta:
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def summary_at(answer: str, now: datetime) -> tuple[Workday, DaySummary]:
    day = parse_workday(result(answer))
    return day, summarize(day, elapsed(day, now))


def test_every_state_has_a_word() -> None:
    assert set(STATE_WORDS) == set(DayState)


# --- summarize ---------------------------------------------------------------------------------


def test_times_are_shown_in_the_day_zone_not_the_string_offset() -> None:
    """[R] strings are in +00:00 but TZ_OFFSET 10800: the day started 10:10 local."""
    _, summary = summary_at(R_OPENED, datetime(2024, 7, 30, 8, 31, 59, tzinfo=UTC))
    assert summary.started_at == datetime(2024, 7, 30, 10, 10, 51, tzinfo=PLUS3)
    assert summary.started_at is not None
    assert summary.started_at.utcoffset() == timedelta(hours=3)


def test_breaks_are_the_finished_ones_plus_the_running_one() -> None:
    """TIME_LEAKS excludes the running break (§3.1): 0:09:59 + 0:05:00."""
    now = datetime(2024, 7, 30, 8, 37, tzinfo=UTC)
    _, summary = summary_at(R_PAUSED, now)
    assert summary.worked == hms(1, 11, 10)
    assert summary.breaks == hms(0, 14, 59)


def test_breaks_are_clamped_to_a_day() -> None:
    day = parse_workday({"STATUS": "PAUSED", "TIME_LEAKS": "20:00:00"})
    summary = summarize(day, Elapsed(on_break=hms(5, 0)))
    assert summary.breaks == timedelta(hours=24)


def test_the_suggested_end_is_only_for_an_expired_day() -> None:
    expired = parse_workday(result(D_EXPIRED))
    assert summarize(expired, Elapsed()).suggested_close_at == datetime(
        2025, 3, 27, 17, 0, tzinfo=PLUS2
    )
    stray = parse_workday({**result(D_OPENED), "TIME_FINISH_DEFAULT": "2025-03-27T17:00:00+02:00"})
    assert summarize(stray, Elapsed()).suggested_close_at is None


def test_a_day_without_start_keeps_none() -> None:
    summary = summarize(Workday(state=DayState.CLOSED), Elapsed())
    assert summary.started_at is None
    moment = datetime(2025, 3, 27, 9, 0, tzinfo=UTC)
    assert summary.local(moment) is moment


# --- headline ----------------------------------------------------------------------------------


def test_headline_working() -> None:
    _, summary = summary_at(D_OPENED, datetime(2025, 3, 27, 11, 41, 59, tzinfo=PLUS2))
    assert headline(summary) == "Working · 3:41 · breaks 0:00 · since 08:00"


def test_headline_on_a_break() -> None:
    _, summary = summary_at(R_PAUSED, datetime.fromtimestamp(R_PAUSED_STATUS_AT, UTC))
    assert headline(summary) == "On a break · 1:11 · breaks 0:10 · since 10:10"


def test_headline_closed_shows_the_range_in_the_day_zone() -> None:
    _, summary = summary_at(D_CLOSED, datetime(2025, 3, 28, 9, 0, tzinfo=PLUS2))
    assert headline(summary) == f"Day closed · 9:37 · breaks 1:22 · 08:00{EN_DASH}19:00"


def test_a_closed_day_of_an_earlier_date_says_no_workday_today() -> None:
    """The portal answers with the last day until a new one opens: Thursday's day, read on
    Friday (in the day's own zone), is not today's."""
    day = parse_workday(result(D_CLOSED))
    friday = datetime(2025, 3, 28, 9, 0, tzinfo=PLUS2)
    summary = summarize(day, elapsed(day, friday), friday)
    assert summary.earlier_day
    assert headline(summary) == (
        f"No workday today · last day Thu 27 Mar · 9:37 · breaks 1:22 · 08:00{EN_DASH}19:00"
    )


@pytest.mark.parametrize(
    ("answer", "now"),
    [
        # Closed the same evening: still today's day.
        (D_CLOSED, datetime(2025, 3, 27, 23, 59, tzinfo=PLUS2)),
        # 00:30 on the 28th at +03:00 is 23:30 on the 27th in the day's zone, which decides.
        (D_CLOSED, datetime(2025, 3, 28, 0, 30, tzinfo=PLUS3)),
        # Only closed days: an open day past midnight (a night shift) is the current one.
        (D_OPENED, datetime(2025, 3, 28, 1, 0, tzinfo=PLUS2)),
    ],
)
def test_a_day_of_today_is_not_earlier(answer: str, now: datetime) -> None:
    day = parse_workday(result(answer))
    assert not summarize(day, elapsed(day, now), now).earlier_day


def test_without_a_moment_no_day_is_called_earlier() -> None:
    day = parse_workday(result(D_CLOSED))
    assert not summarize(day, Elapsed()).earlier_day
    assert not summarize(Workday(state=DayState.CLOSED), Elapsed(), datetime.now(UTC)).earlier_day


def test_headline_closed_range_is_converted_to_the_day_zone() -> None:
    day = parse_workday(
        {
            "STATUS": "CLOSED",
            "TIME_START": "2024-07-30T07:10:51+00:00",
            "TIME_FINISH": "2024-07-30T15:00:00+00:00",
            "DURATION": "07:39:10",
            "TIME_LEAKS": "00:09:59",
            "TZ_OFFSET": 10800,
        }
    )
    summary = summarize(day, elapsed(day, datetime(2024, 7, 30, 16, 0, tzinfo=UTC)))
    assert headline(summary) == f"Day closed · 7:39 · breaks 0:09 · 10:10{EN_DASH}18:00"


def test_headline_closed_without_finish_has_no_range() -> None:
    day = parse_workday(
        {"STATUS": "CLOSED", "TIME_START": "2025-03-27T08:00:01+02:00", "DURATION": "01:00:00"}
    )
    assert (
        headline(summarize(day, elapsed(day, datetime(2025, 3, 28, tzinfo=UTC))))
        == "Day closed · 1:00 · breaks 0:00"
    )


def test_headline_expired_with_the_suggested_end() -> None:
    _, summary = summary_at(D_EXPIRED, datetime(2025, 3, 28, 9, 0, tzinfo=PLUS2))
    started = f"{datetime(2025, 3, 27, 8, 0, 1):%a %d %b %H:%M}"
    assert headline(summary) == f"Day left open · started {started} · suggested end 17:00"


def test_headline_expired_without_a_suggested_end() -> None:
    day = parse_workday({"STATUS": "EXPIRED", "TIME_START": "2025-03-27T08:00:01+02:00"})
    started = f"{datetime(2025, 3, 27, 8, 0, 1):%a %d %b %H:%M}"
    assert headline(summarize(day, Elapsed())) == f"Day left open · started {started}"


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (DayState.CLOSED, "No workday yet"),
        (DayState.OPENED, "Working"),
        (DayState.PAUSED, "On a break"),
        (DayState.EXPIRED, "Day left open"),
    ],
)
def test_headline_without_a_start(state: DayState, expected: str) -> None:
    """A user who never had a day answers ``{"STATUS":"CLOSED"}`` only (§3.1)."""
    assert headline(summarize(Workday(state=state), Elapsed())) == expected


# --- status_document -----------------------------------------------------------------------------


def test_status_document_of_a_paused_day() -> None:
    day, summary = summary_at(R_PAUSED, datetime(2024, 7, 30, 8, 37, tzinfo=UTC))
    assert status_document(day, summary) == {
        "status": "PAUSED",
        "worked_seconds": 4270,
        "break_seconds": 899,
        "started_at": "2024-07-30T10:10:51+03:00",
        "finished_at": "2024-07-30T11:32:00+03:00",
        "tz_offset": 10800,
        "confirmed": False,
        "suggested_close_at": None,
    }


def test_status_document_of_an_expired_day() -> None:
    day, summary = summary_at(D_EXPIRED, datetime(2025, 3, 28, 9, 0, tzinfo=PLUS2))
    document = status_document(day, summary)
    assert document["status"] == "EXPIRED"
    assert document["suggested_close_at"] == "2025-03-27T17:00:00+02:00"
    assert document["finished_at"] is None
    assert document["break_seconds"] == 17 * 60 + 53


def test_status_document_of_no_day_is_json() -> None:
    day = Workday(state=DayState.CLOSED)
    document = status_document(day, summarize(day, Elapsed()))
    assert json.loads(json.dumps(document)) == {
        "status": "CLOSED",
        "worked_seconds": 0,
        "break_seconds": 0,
        "started_at": None,
        "finished_at": None,
        "tz_offset": None,
        "confirmed": None,
        "suggested_close_at": None,
    }
