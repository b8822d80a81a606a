"""The SQLite journal: what goes in once, what comes out, and a damaged or locked file."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.history.samples import closed_record, msk, workday
from tray_app.core.workday import DayState
from tray_app.history import journal_file
from tray_app.history.journal import Journal
from tray_app.history.journal_entries import ActionEntry, ActionOutcome, StoredRecord
from tray_app.history.journal_errors import (
    JournalCorruptError,
    JournalError,
    JournalLockedError,
    JournalVersionError,
)
from tray_app.history.journal_file import SCHEMA_VERSION, journal_path
from tray_app.history.summary import Source

H = timedelta(hours=1)
M = timedelta(minutes=1)
MONDAY, TUESDAY = date(2026, 11, 16), date(2026, 11, 17)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def journal(path: Path) -> Iterator[Journal]:
    with Journal.open(path, account="portal.example.com#1") as opened:
        yield opened


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as db:
        value = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
    db.close()
    return int(value)


def test_the_file_lives_in_the_user_data_folder() -> None:
    # tests/conftest.py points XDG_DATA_HOME at a folder of this test.
    expected = Path(os.environ["XDG_DATA_HOME"]) / "timeman-tray" / "journal.sqlite3"
    assert journal_path() == expected
    with Journal.open() as opened:
        assert opened.path == expected
        assert expected.is_file()
        assert opened.schema_version == SCHEMA_VERSION == 1


def test_the_same_status_answered_twice_is_one_row(journal: Journal, path: Path) -> None:
    running = workday("OPENED")
    assert journal.record_status(running, msk(16, 10)) is True
    assert journal.record_status(running, msk(16, 11)) is False
    assert journal.record_status(running, msk(16, 9, 30)) is False  # a late, older reading
    assert count(path, "observations") == 1
    (observation,) = journal.observations()
    assert (observation.first_seen, observation.last_seen) == (msk(16, 9, 30), msk(16, 11))
    assert observation.state is DayState.OPENED
    assert observation.started_at == msk(16, 9)
    assert (
        journal.record_status(
            workday("PAUSED", TIME_FINISH="2026-11-16T11:00:00+03:00"), msk(16, 11)
        )
        is True
    )
    assert count(path, "observations") == 2


def test_a_status_round_trips(journal: Journal) -> None:
    closed = workday(
        "CLOSED",
        TIME_FINISH="2026-11-16T18:00:00+03:00",
        DURATION="08:00:00",
        TIME_LEAKS="01:00:00",
        ACTIVE=False,
    )
    journal.record_status(closed, msk(16, 18))
    (observation,) = journal.observations()
    assert observation.record_id == 7
    assert observation.finished_at == msk(16, 18)
    assert (observation.duration, observation.leaks) == (8 * H, H)
    assert (observation.confirmed, observation.tz_offset) == (False, 10800)
    assert observation.started_at is not None
    assert observation.started_at.utcoffset() == timedelta(hours=3)


def test_observations_since_a_moment(journal: Journal) -> None:
    journal.record_status(workday("CLOSED", TIME_START=None, ID=None), msk(15, 9))  # no day yet
    journal.record_status(workday("OPENED"), msk(16, 10))
    journal.record_status(
        workday("OPENED", ID=8, TIME_START="2026-11-17T09:00:00+03:00"), msk(17, 9)
    )
    assert len(journal.observations()) == 3
    assert [o.record_id for o in journal.observations(msk(16, 12))] == [8]


def test_accounts_do_not_mix(path: Path, journal: Journal) -> None:
    journal.record_status(workday("OPENED"), msk(16, 10))
    with Journal.open(path, account="other.example.com#5") as other:
        assert other.observations() == []
        assert other.record_status(workday("OPENED"), msk(16, 10)) is True
    assert len(journal.observations()) == 1


def test_a_naive_time_is_refused(journal: Journal) -> None:
    with pytest.raises(JournalError, match="time zone"):
        journal.record_status(workday("OPENED"), datetime(2026, 11, 16, 10))


def test_actions_with_their_outcomes(journal: Journal, path: Path) -> None:
    opened = ActionEntry(
        at=msk(16, 9),
        action="open",
        outcome=ActionOutcome.APPLIED,
        requested_time=msk(16, 8, 45),
        state_after=DayState.OPENED,
    )
    refused = ActionEntry(
        at=msk(16, 18),
        action="close",
        outcome=ActionOutcome.FAILED,
        error_code="WRONG_DATETIME",
        message="The portal refused the time.",
    )
    assert journal.record_action(opened) is True
    assert journal.record_action(opened) is False
    assert journal.record_action(refused) is True
    assert count(path, "actions") == 2
    assert journal.actions() == [
        ActionEntry(
            at=msk(16, 9).astimezone(UTC),
            action="open",
            outcome=ActionOutcome.APPLIED,
            requested_time=msk(16, 8, 45),
            state_after=DayState.OPENED,
        ),
        ActionEntry(
            at=msk(16, 18).astimezone(UTC),
            action="close",
            outcome=ActionOutcome.FAILED,
            error_code="WRONG_DATETIME",
            message="The portal refused the time.",
        ),
    ]
    assert [a.action for a in journal.actions(msk(16, 12))] == ["close"]


def test_the_portals_records_are_kept_and_replaced(journal: Journal) -> None:
    fetched = msk(20, 9)
    week = [
        closed_record(1, msk(16, 9), msk(16, 18), H),
        closed_record(2, msk(17, 9), msk(17, 17), 30 * M, approved=False),
        closed_record(3, msk(18, 9), msk(18, 18), H),
    ]
    assert journal.replace_records(msk(16, 0), msk(18, 23), week, fetched) == 3
    kept = journal.records()
    assert kept[1] == StoredRecord(
        record_id=2,
        started_at=msk(17, 9),
        finished_at=msk(17, 17),
        worked=7 * H + 30 * M,
        breaks=30 * M,
        status="closed",
        approved=False,
        fetched_at=fetched.astimezone(UTC),
    )
    # Tuesday and Wednesday fetched again: Tuesday's record is gone on the portal now.
    edited = closed_record(3, msk(18, 8), msk(18, 18), H)
    journal.replace_records(msk(17, 0), msk(18, 23), [edited], fetched)
    assert [(r.record_id, r.started_at) for r in journal.records()] == [
        (1, msk(16, 9)),
        (3, msk(18, 8)),
    ]
    assert [r.record_id for r in journal.records(msk(17, 0))] == [3]


def test_days_from_the_journal_and_the_portal(journal: Journal) -> None:
    journal.record_status(
        workday("CLOSED", TIME_FINISH="2026-11-16T17:00:00+03:00", DURATION="08:00:00"),
        msk(16, 17),
    )
    journal.record_status(
        workday("OPENED", ID=9, TIME_START="2026-11-17T09:00:00+03:00"), msk(17, 12)
    )
    local = journal.days(MONDAY, TUESDAY)
    assert [(d.source, d.worked) for d in local.values()] == [
        (Source.JOURNAL, 8 * H),
        (Source.JOURNAL, 3 * H),
    ]
    portal = [closed_record(7, msk(16, 9), msk(16, 18), 30 * M)]
    fresh = journal.days(MONDAY, TUESDAY, portal=portal)
    assert (fresh[MONDAY].source, fresh[MONDAY].worked) == (Source.BOTH, 8 * H + 30 * M)
    assert fresh[TUESDAY].source is Source.JOURNAL
    assert journal.days(MONDAY, TUESDAY)[MONDAY].source is Source.JOURNAL  # nothing kept yet
    journal.replace_records(msk(16, 0), msk(17, 23), portal, msk(17, 12))
    assert journal.days(MONDAY, TUESDAY)[MONDAY].worked == 8 * H + 30 * M  # the kept copy
    assert list(journal.days(TUESDAY, TUESDAY)) == [TUESDAY]


def test_data_survives_closing(path: Path) -> None:
    with Journal.open(path) as first:
        first.record_status(workday("OPENED"), msk(16, 10))
    with Journal.open(path) as second:
        assert len(second.observations()) == 1
        assert second.recovered_from is None


# -- a damaged, foreign, newer or locked file ---------------------------------------------------


def test_a_damaged_file_is_a_clear_error(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not SQLite at all, just some text " * 100)
    with pytest.raises(JournalCorruptError, match="damaged") as caught:
        Journal.open(path)
    assert str(path) in caught.value.message
    assert path.read_bytes().startswith(b"this is not SQLite")  # left as it was


def test_a_damaged_file_can_be_moved_aside(path: Path) -> None:
    path.parent.mkdir(parents=True)
    damaged = b"garbage " * 500
    path.write_bytes(damaged)
    moment = datetime(2026, 11, 20, 9, 30, 15, tzinfo=UTC)
    with Journal.open(path, recover=True, now=lambda: moment) as fresh:
        assert fresh.recovered_from == path.with_name("journal.sqlite3.damaged-20261120-093015")
        assert fresh.recovered_from.read_bytes() == damaged
        assert fresh.record_status(workday("OPENED"), msk(16, 10)) is True


def test_a_damaged_file_that_cannot_be_moved(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage " * 500)

    def refuse(self: Path, target: Path) -> Path:
        raise PermissionError("read-only folder")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(JournalError, match="cannot be moved aside: read-only folder"):
        Journal.open(path, recover=True)


def test_another_programs_database_is_not_taken_over(path: Path) -> None:
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    db.close()
    with pytest.raises(JournalCorruptError, match="not a journal"):
        Journal.open(path)
    assert count(path, "notes") == 0


def test_a_journal_from_a_newer_version_is_left_alone(path: Path) -> None:
    with Journal.open(path):
        pass
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(JournalVersionError, match="newer version"):
        Journal.open(path, recover=True)  # not "damaged": nothing is moved
    assert path.is_file()


def test_a_locked_file(path: Path) -> None:
    with Journal.open(path, timeout=0.05) as journal:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(JournalLockedError, match="locked by another program"):
                Journal.open(path, timeout=0.05)
            with pytest.raises(JournalLockedError):
                journal.record_status(workday("OPENED"), msk(16, 10))
            with pytest.raises(JournalLockedError):
                journal.observations()
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert journal.record_status(workday("OPENED"), msk(16, 10)) is True  # works again


def test_an_unwritable_place(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(JournalError, match="folder of the history journal cannot be made"):
        Journal.open(blocker / "journal.sqlite3")
    folder = tmp_path / "a-folder.sqlite3"
    folder.mkdir()
    with pytest.raises(JournalError, match="cannot be used: unable to open"):
        Journal.open(folder)


def test_an_unreadable_entry(path: Path, journal: Journal) -> None:
    journal.record_status(workday("OPENED"), msk(16, 10))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE observations SET state = 'HOLIDAY'")
    db.close()
    with pytest.raises(JournalCorruptError, match="unreadable entry"):
        journal.observations()


def test_a_failed_migration_changes_nothing(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = {1: ("CREATE TABLE first (x INTEGER)", "CREATE TABLE broken (")}
    monkeypatch.setattr(journal_file, "_MIGRATIONS", broken)
    with pytest.raises(JournalError, match="cannot be used"):
        Journal.open(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    db.close()


def test_a_damaged_page_is_found_on_open(path: Path) -> None:
    with Journal.open(path) as opened:
        for hour in range(200):
            opened.record_status(
                workday("OPENED", ID=hour, TIME_START=f"2026-11-16T09:00:{hour % 60:02d}+03:00"),
                msk(16, 10) + timedelta(minutes=hour),
            )
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 : page * 2 + 200] = b"\xff" * 200  # scribble over a b-tree page
    path.write_bytes(bytes(data))
    with pytest.raises(JournalCorruptError):
        Journal.open(path)
