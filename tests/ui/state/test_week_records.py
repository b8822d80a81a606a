"""WeekRecords: the portal's records of the week, asked once a day and kept in the journal; a
failure waits a quarter of an hour, an unavailable method a day, an answer for another account
is dropped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import pytz

from tray_app.api.errors import UnavailableError
from tray_app.api.record_models import (
    PortalRecord,
    RecordList,
    RecordsOutcome,
    RecordStatus,
    RecordsUnavailable,
    Unavailability,
)
from tray_app.history.journal import Journal
from tray_app.history.journal_errors import JournalError
from tray_app.ui.state.week_records import RETRY_AFTER, WeekRecords

PLUS2 = timezone(timedelta(hours=2))
MONDAY = date(2025, 3, 24)
THURSDAY = date(2025, 3, 27)
NOW = datetime(2025, 3, 27, 10, 0, tzinfo=PLUS2)
TUESDAY_RECORD = PortalRecord(
    record_id=52,
    started_at=datetime(2025, 3, 25, 8, 0, tzinfo=PLUS2),
    finished_at=datetime(2025, 3, 25, 19, 0, tzinfo=PLUS2),
    worked=timedelta(hours=11),
    status=RecordStatus.CLOSED,
)

Done = Callable[[RecordsOutcome | Exception], None]


class FakeSource:
    """Keeps each request; the test answers it when it likes."""

    def __init__(self) -> None:
        self.asked: list[tuple[datetime, datetime, Done]] = []

    def __call__(self, since: datetime, until: datetime, done: Done) -> None:
        self.asked.append((since, until, done))

    def answer(self, outcome: RecordsOutcome | Exception, index: int = -1) -> None:
        self.asked[index][2](outcome)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "journal.sqlite3", account="acc") as opened:
        yield opened


def week(source: FakeSource, journal: Journal | JournalError) -> tuple[WeekRecords, list[int]]:
    records = WeekRecords(source, lambda: journal, PLUS2)
    changes: list[int] = []
    records.changed.connect(lambda: changes.append(1))
    return records, changes


def test_the_week_is_asked_once_a_day_and_kept_in_the_journal(journal: Journal) -> None:
    source = FakeSource()
    records, changes = week(source, journal)
    records.want(MONDAY, THURSDAY, NOW)
    records.want(MONDAY, THURSDAY, NOW)  # on its way: not asked twice
    assert len(source.asked) == 1
    since, until, _done = source.asked[0]
    assert since == datetime(2025, 3, 24, 0, 0, tzinfo=PLUS2)
    assert until == datetime(2025, 3, 27, 23, 59, 59, 999999, tzinfo=PLUS2)
    source.answer(RecordList((TUESDAY_RECORD,)))
    assert changes == [1]
    assert [r.record_id for r in journal.records()] == [52]
    assert journal.days(MONDAY, THURSDAY)[date(2025, 3, 25)].worked == timedelta(hours=11)
    records.want(MONDAY, THURSDAY, NOW + timedelta(hours=5))  # polls later that day
    assert len(source.asked) == 1
    records.want(MONDAY, date(2025, 3, 28), NOW + timedelta(days=1))  # a new day
    assert len(source.asked) == 2


def test_a_failure_is_asked_again_only_after_a_while(journal: Journal) -> None:
    source = FakeSource()
    records, changes = week(source, journal)
    records.want(MONDAY, THURSDAY, NOW)
    source.answer(UnavailableError("The portal did not answer."))
    assert changes == []
    assert journal.records() == []
    records.want(MONDAY, THURSDAY, NOW + RETRY_AFTER - timedelta(seconds=1))
    assert len(source.asked) == 1
    records.want(MONDAY, THURSDAY, NOW + RETRY_AFTER)
    assert len(source.asked) == 2
    source.answer(RecordList((TUESDAY_RECORD,)))
    assert changes == [1]
    records.want(MONDAY, THURSDAY, NOW + 2 * RETRY_AFTER)  # read now: not again today
    assert len(source.asked) == 2


def test_a_portal_without_records_is_not_asked_again_that_day(journal: Journal) -> None:
    source = FakeSource()
    records, changes = week(source, journal)
    records.want(MONDAY, THURSDAY, NOW)
    source.answer(RecordsUnavailable(Unavailability.MISSING, "no records here"))
    records.want(MONDAY, THURSDAY, NOW + 2 * RETRY_AFTER)
    assert len(source.asked) == 1
    assert changes == []


def test_a_journal_that_cannot_be_used_keeps_nothing_and_tells_no_change(
    journal: Journal,
) -> None:
    source = FakeSource()
    records, changes = week(source, JournalError("the disk is full"))
    records.want(MONDAY, THURSDAY, NOW)
    source.answer(RecordList((TUESDAY_RECORD,)))
    assert changes == []

    journal.close()  # writing to a closed journal fails
    closed_source = FakeSource()
    closed, closed_changes = week(closed_source, journal)
    closed.want(MONDAY, THURSDAY, NOW)
    closed_source.answer(RecordList((TUESDAY_RECORD,)))
    assert closed_changes == []


def test_an_answer_for_the_account_before_is_dropped(journal: Journal) -> None:
    source = FakeSource()
    records, changes = week(source, journal)
    records.want(MONDAY, THURSDAY, NOW)
    records.forget()  # signed in as someone else while it was on its way
    source.answer(RecordList((TUESDAY_RECORD,)), index=0)
    assert changes == []
    assert journal.records() == []
    records.want(MONDAY, THURSDAY, NOW)
    assert len(source.asked) == 2, "the new account's week is asked"


def test_a_pytz_zone_bounds_the_week_on_its_own_wall_clock(journal: Journal) -> None:
    source = FakeSource()
    moscow = pytz.timezone("Europe/Moscow")
    WeekRecords(source, lambda: journal, moscow).want(MONDAY, THURSDAY, NOW)
    since, until, _done = source.asked[0]
    assert since.isoformat() == "2025-03-24T00:00:00+03:00"
    assert until.date() == THURSDAY


def test_one_of_a_fleet_asks_for_its_week_not_before_its_moment(journal: Journal) -> None:
    """The first status does not bring the week's read right behind it: not before
    ``not_before`` (tray_app.core.fleet_start.later_read_delay), then as usual."""
    source = FakeSource()
    later = NOW + timedelta(minutes=40)
    records = WeekRecords(source, lambda: journal, PLUS2, not_before=later)
    records.want(MONDAY, THURSDAY, NOW)
    records.want(MONDAY, THURSDAY, later - timedelta(seconds=1))
    assert source.asked == []
    records.want(MONDAY, THURSDAY, later)
    assert len(source.asked) == 1
