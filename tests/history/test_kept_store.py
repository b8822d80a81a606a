"""The durable queue of kept clicks: order, the steps of a click's life, a kill, two processes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.child_lines import ChildLines
from tray_app.core.kept_clicks import DayMark, KeptAction, KeptClick, SentWrite, Steady
from tray_app.core.remedy import Remedy
from tray_app.core.workday import DayState
from tray_app.history.journal_file import journal_path
from tray_app.history.kept_codec import KeptValueError, decode_mark, decode_sent, encode_sent
from tray_app.history.kept_errors import (
    KeptStoreCorruptError,
    KeptStoreError,
    KeptStoreLockedError,
)
from tray_app.history.kept_store import SCHEMA_VERSION, KeptStore, kept_path

ROOT = Path(__file__).resolve().parents[2]
PLUS3 = timezone(timedelta(hours=3))
MOMENT = datetime(2026, 11, 17, 18, 5, tzinfo=PLUS3)
OPENED = DayMark(DayState.OPENED, 7, datetime(2026, 11, 17, 9, 0, tzinfo=PLUS3))
CLOSED = DayMark(
    DayState.CLOSED,
    7,
    datetime(2026, 11, 17, 9, 0, tzinfo=PLUS3),
    MOMENT,
    timedelta(minutes=42, seconds=5),
)
WRITE = SentWrite("timeman.close", MOMENT, datetime(2026, 11, 17, 18, 40, tzinfo=PLUS3), OPENED)
LATER = SentWrite("timeman.close", MOMENT, datetime(2026, 11, 17, 18, 45, tzinfo=PLUS3), OPENED)


def a_click(click_id: str = "c1", **changes: object) -> KeptClick:
    kept = KeptClick(click_id, KeptAction.CLOSE, MOMENT, Steady("boot-x", 1234.5), OPENED)
    return replace(kept, **changes)  # type: ignore[arg-type]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "kept.sqlite3"


@pytest.fixture
def store(path: Path) -> Iterator[KeptStore]:
    with KeptStore.open(path, now=lambda: datetime(2026, 11, 17, 15, 40, tzinfo=UTC)) as opened:
        yield opened


def test_the_file_lies_beside_the_journal() -> None:
    assert kept_path() == journal_path().parent / "kept.sqlite3"


def test_clicks_come_back_whole_in_the_order_they_were_kept(store: KeptStore) -> None:
    first = a_click("a", action=KeptAction.OPEN, basis=None, steady=None)
    second = a_click("b", after="a", basis=None)
    third = a_click("c", sent=WRITE, held="TIME", basis=CLOSED)
    for kept in (first, second, third):
        store.keep(kept)
    assert store.pending() == [first, second, third]
    assert store.pending()[0].clicked_at.utcoffset() == timedelta(hours=3)


def test_a_kept_click_is_there_for_the_next_run(path: Path) -> None:
    with KeptStore.open(path) as store:
        store.keep(a_click())
    with KeptStore.open(path) as again:
        assert again.pending() == [a_click()]
        assert again.ended() == []


def test_the_file_is_written_through(store: KeptStore, path: Path) -> None:
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_each_change_moves_the_version_on_and_reading_does_not(
    store: KeptStore, path: Path
) -> None:
    before = store.version()
    store.keep(a_click())
    assert store.version() == before + 1
    store.pending()
    assert store.version() == before + 1
    with KeptStore.open(path) as other:  # another process sees the same counter
        assert other.version() == before + 1
        other.discard("c1")
    assert store.version() == before + 2


def test_a_write_is_claimed_once(store: KeptStore) -> None:
    store.keep(a_click())
    assert store.mark_sent("c1", WRITE)
    assert not store.mark_sent("c1", LATER)  # someone else's claim: they send it
    assert store.pending()[0].sent == WRITE
    assert store.mark_sent("c1", LATER, replacing=WRITE)  # after the settling read
    assert store.pending()[0].sent == LATER
    assert not store.mark_sent("missing", WRITE)


def test_a_settled_click_gives_the_next_its_basis(store: KeptStore) -> None:
    store.keep(a_click("a", action=KeptAction.OPEN))
    store.keep(a_click("b", after="a", basis=None))
    store.keep(a_click("c", after="b", basis=None))
    assert store.settle("a", OPENED)
    assert [kept.click_id for kept in store.pending()] == ["b", "c"]
    assert store.pending()[0].basis == OPENED
    assert store.pending()[1].basis is None  # only the one right behind
    assert not store.settle("a", OPENED)
    assert not store.mark_sent("a", WRITE)
    assert store.ended() == [("a", "settled")]


def test_settling_without_a_known_day_leaves_the_next_unknown(store: KeptStore) -> None:
    store.keep(a_click("a"))
    store.keep(a_click("b", after="a", basis=None))
    store.settle("a", None)
    assert store.pending()[0].basis is None


def test_a_discarded_click_is_gone_from_the_queue(store: KeptStore) -> None:
    store.keep(a_click("a"))
    store.keep(a_click("b", after="a", basis=None))
    assert store.discard("a")
    assert not store.discard("a")
    assert store.pending() == [a_click("b", after="a", basis=None)]
    assert store.ended() == [("a", "discarded")]


def test_a_held_click_is_not_claimed_until_released(store: KeptStore) -> None:
    store.keep(a_click())
    store.mark_sent("c1", WRITE)
    assert store.hold("c1", "WRONG_DATETIME")
    held = store.pending()[0]
    assert (held.held, held.sent) == ("WRONG_DATETIME", None)  # the refused write did not run
    assert not store.mark_sent("c1", WRITE)
    assert store.release("c1")
    assert not store.release("c1")
    assert store.mark_sent("c1", WRITE)
    assert not store.hold("missing", "X")


def test_a_retimed_click_is_trusted_but_not_while_a_write_is_out(store: KeptStore) -> None:
    store.keep(a_click())
    fixed = datetime(2026, 11, 17, 17, 45, tzinfo=PLUS3)
    assert store.retime("c1", fixed)
    kept = store.pending()[0]
    assert (kept.clicked_at, kept.steady) == (fixed, None)
    store.mark_sent("c1", WRITE)
    assert not store.retime("c1", MOMENT)


def test_accounts_do_not_see_each_others_clicks(path: Path) -> None:
    with KeptStore.open(path, account="a") as one, KeptStore.open(path, account="b") as two:
        one.keep(a_click("x"))
        assert two.pending() == []
        assert not two.discard("x")
        assert one.pending() == [a_click("x")]


def test_a_moment_without_a_zone_is_refused_and_nothing_is_kept(store: KeptStore) -> None:
    with pytest.raises(KeptValueError):
        store.keep(a_click(clicked_at=MOMENT.replace(tzinfo=None)))
    assert store.pending() == []


def test_the_same_click_is_not_kept_twice(store: KeptStore) -> None:
    store.keep(a_click())
    with pytest.raises(KeptStoreError, match="cannot be used"):
        store.keep(a_click())
    assert len(store.pending()) == 1


def test_the_values_round_trip_as_text() -> None:
    assert decode_mark(None) is None
    assert decode_sent(None) is None
    assert encode_sent(None) is None
    assert decode_sent(encode_sent(WRITE)) == WRITE
    text = encode_sent(WRITE)
    assert text is not None
    assert encode_sent(decode_sent(text)) == text  # what mark_sent compares
    with pytest.raises(ValueError, match="moment"):
        decode_sent(text.replace('"sent_at":"2026-11-17T18:40:00+03:00"', '"sent_at":null'))


# -- bad files -----------------------------------------------------------------------------


def test_an_unreadable_entry_is_a_damaged_file(store: KeptStore) -> None:
    store.keep(a_click())
    store._db.execute("UPDATE kept_clicks SET action = 'dance'")
    with pytest.raises(KeptStoreCorruptError, match="unreadable entry"):
        store.pending()


def test_a_file_from_a_newer_version_is_left_alone(path: Path) -> None:
    KeptStore.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(KeptStoreCorruptError, match="newer version"):
        KeptStore.open(path)


def test_another_programs_database_is_not_taken_over(path: Path) -> None:
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE other (x)")
    db.close()
    with pytest.raises(KeptStoreCorruptError, match="not a file of kept clicks"):
        KeptStore.open(path)


def test_a_file_that_is_no_database_is_damaged(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(KeptStoreCorruptError, match="damaged"):
        KeptStore.open(path)


def test_a_folder_that_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(KeptStoreError, match="folder"):
        KeptStore.open(tmp_path / "file" / "kept.sqlite3")


def test_a_file_that_cannot_be_opened(tmp_path: Path) -> None:
    (tmp_path / "dir.sqlite3").mkdir()
    with pytest.raises(KeptStoreError):
        KeptStore.open(tmp_path / "dir.sqlite3")


def test_a_file_locked_too_long_is_told_as_worth_waiting(store: KeptStore, path: Path) -> None:
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with (
            KeptStore.open(path, timeout=0.05) as other,
            pytest.raises(KeptStoreLockedError) as info,
        ):
            other.keep(a_click())
        assert info.value.remedy is Remedy.WAIT
        assert "locked" in info.value.message
    finally:
        blocker.rollback()
        blocker.close()
    assert store.pending() == []


# -- other processes -----------------------------------------------------------------------


def child(*args: str, stdin: bool = False) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.history.kept_child", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
    )


def test_a_click_kept_survives_a_kill_right_after(path: Path) -> None:
    process = child("keep-and-hang", str(path))
    assert process.stdout is not None
    try:
        assert ChildLines(process.stdout).next(30.0) == "kept"
        process.send_signal(signal.SIGKILL)
        assert process.wait(10) == -signal.SIGKILL
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
    with KeptStore.open(path) as store:
        [kept] = store.pending()
    assert kept.click_id == "killed-after-keep"
    assert kept.clicked_at == MOMENT
    assert kept.steady == Steady("boot-x", 12.5)


def _run_together(*commands: tuple[str, ...]) -> list[list[str]]:
    """Start the children, let them all go at once, and return what each printed."""
    processes = [child(*command, stdin=True) for command in commands]
    readers = []
    try:
        for process in processes:
            assert process.stdout is not None
            reader = ChildLines(process.stdout)
            assert reader.next(30.0) == "ready"
            readers.append(reader)
        for process in processes:
            assert process.stdin is not None
            process.stdin.write(b"go\n")
            process.stdin.flush()
        outputs = []
        for reader in readers:
            lines = []
            while (line := reader.next(60.0)) not in ("done", None):
                lines.append(line)
            assert line == "done"
            outputs.append(lines)
        for process in processes:
            assert process.wait(30) == 0
        return outputs
    finally:
        for process in processes:
            process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()


def test_two_processes_keep_at_once_and_nothing_is_lost_or_reordered(path: Path) -> None:
    KeptStore.open(path).close()
    _run_together(("keep-many", str(path), "cli", "40"), ("keep-many", str(path), "tray", "40"))
    with KeptStore.open(path) as store:
        ids = [kept.click_id for kept in store.pending()]
        assert store.version() == 80
    assert len(ids) == len(set(ids)) == 80
    for prefix in ("cli", "tray"):
        own = [click_id for click_id in ids if click_id.startswith(prefix)]
        assert own == [f"{prefix}-{index:03d}" for index in range(40)]


def test_two_processes_never_both_claim_one_write(path: Path) -> None:
    with KeptStore.open(path) as store:
        for index in range(60):
            store.keep(a_click(f"k{index:02d}"))
    won = _run_together(("claim", str(path)), ("claim", str(path)))
    assert set(won[0]).isdisjoint(won[1])
    assert sorted(won[0] + won[1]) == [f"k{index:02d}" for index in range(60)]


def test_a_file_whose_table_went_missing_cannot_be_used(store: KeptStore) -> None:
    store._db.execute("DROP TABLE kept_clicks")
    with pytest.raises(KeptStoreError, match="cannot be used"):
        store.pending()
