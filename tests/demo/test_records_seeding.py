"""Past days seeded into the demo portal, and the sample history the demo shows.

The clock stands at Friday 2026-11-20 09:00 in Moscow; past days are seeded the week before.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests.demo.conftest import MSK, START, Portal
from tests.demo.record_calls import MOSCOW, WEEK, at, items, own
from tray_app.demo import PortalSimulator
from tray_app.demo.records import PastDay, sample_history


def test_past_days_go_before_todays_day(sim: PortalSimulator) -> None:
    sim.seed_day(1, "OPENED", start=START)
    records = sim.seed_history(1, WEEK)
    assert [r.start for r in records] == [d.start for d in WEEK] + [START]
    assert sim.status(1)["STATUS"] == "OPENED"
    assert records[1].active is False
    assert records[0].duration == timedelta(hours=8)


def test_a_past_day_after_the_last_closed_one_becomes_the_last_day(sim: PortalSimulator) -> None:
    sim.seed_history(1, WEEK[:1])
    sim.seed_history(1, WEEK[1:2])
    status = sim.status(1)
    assert (status["STATUS"], status["TIME_START"]) == ("CLOSED", "2026-11-17T08:30:00+03:00")


@pytest.mark.parametrize(
    "day",
    [
        PastDay(at(16, 17), at(16, 20)),  # overlaps WEEK[0]
        PastDay(at(20, 8), at(20, 10)),  # ends in the future (now is 09:00)
        PastDay(at(14, 9), at(14, 9)),  # empty
        PastDay(at(12, 8), at(13, 9)),  # longer than a day
        PastDay(at(13, 9), at(13, 10), timedelta(hours=2)),  # more break than day
        PastDay(datetime(2026, 11, 13, 9), datetime(2026, 11, 13, 10)),  # naive
    ],
)
def test_impossible_past_days_are_refused(sim: PortalSimulator, day: PastDay) -> None:
    sim.seed_history(1, WEEK[:1])
    with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
        sim.seed_history(1, [day])
    assert len(sim.records(1)) == 1


def test_a_past_day_overlapping_a_running_day_is_refused(sim: PortalSimulator) -> None:
    sim.seed_day(1, "PAUSED", start=at(20, 7), paused_at=at(20, 8))
    with pytest.raises(ValueError, match="overlaps"):
        sim.seed_history(1, [PastDay(at(20, 8, 30), at(20, 8, 45))])  # after the pause start


def test_sample_history_is_plausible_and_stable() -> None:
    today = date(2026, 11, 20)
    days = sample_history(today, MOSCOW)
    assert days == sample_history(today, MOSCOW)
    assert 14 <= len(days) <= 20
    assert all(d.start.date() < today and d.start.isoweekday() <= 5 for d in days)
    assert all(
        timedelta(hours=7) <= d.finish - d.start - d.breaks < timedelta(hours=10) for d in days
    )
    assert all(d.start.utcoffset() == timedelta(hours=3) for d in days)
    assert any(not d.approved for d in days)
    fixed = sample_history(today, MSK, weeks=1, work_days="6")
    assert [d.start.date() for d in fixed] == [date(2026, 11, 14)]


def test_sample_history_seeds_into_the_portal(portal: Portal, sim: PortalSimulator) -> None:
    days = sample_history(date(2026, 11, 20), MOSCOW)
    sim.seed_history(1, days)
    found = items(portal, own())
    assert len(found) == len(days)
    assert [i["duration"] for i in found] == [
        int((d.finish - d.start - d.breaks).total_seconds()) for d in days
    ]
