"""The journal keeper alone: deferred writes, one account at a time, a journal that cannot be
opened (told once, tried again only after a while), the last entries written at quit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.fakes import START, workday
from tray_app.core.actions import Action
from tray_app.core.workday import DayState
from tray_app.history.journal import Journal
from tray_app.history.journal_entries import ActionOutcome
from tray_app.history.journal_errors import JournalError
from tray_app.ui.state.action_report import ActionOutcomeKind, ActionReport
from tray_app.ui.state.journal_keeper import RETRY_OPEN_S, JournalKeeper

pytestmark = pytest.mark.gui
SEEN = START + timedelta(hours=1)


class Deferred:
    """Collects the deferred writes; the test runs them."""

    def __init__(self) -> None:
        self.calls: list[Callable[[], None]] = []

    def __call__(self, write: Callable[[], None]) -> None:
        self.calls.append(write)

    def run(self) -> None:
        calls, self.calls = self.calls, []
        for call in calls:
            call()


def test_writes_wait_for_the_deferred_call_and_go_in_one_batch(
    qtbot: QtBot, tmp_path: Path
) -> None:
    deferred = Deferred()
    keeper = JournalKeeper(tmp_path / "j.sqlite3", account="a", defer=deferred)
    keeper.record_status(workday(DayState.OPENED), SEEN)
    keeper.record_action(
        ActionReport(at=SEEN, action=Action.PAUSE, outcome=ActionOutcomeKind.APPLIED)
    )
    assert len(deferred.calls) == 1, "one deferred write for both"
    assert not (tmp_path / "j.sqlite3").exists(), "nothing opened before the deferred call"
    with qtbot.waitSignal(keeper.written):
        deferred.run()
    with Journal.open(tmp_path / "j.sqlite3", account="a") as journal:
        assert len(journal.observations()) == 1
        assert [(a.action, a.outcome) for a in journal.actions()] == [
            ("pause", ActionOutcome.APPLIED)
        ]
    assert keeper.worked_by_date(START.date(), START.date()) == {START.date(): timedelta(hours=1)}
    keeper.close()


def test_another_account_writes_under_its_own_name(qtbot: QtBot, tmp_path: Path) -> None:
    del qtbot
    deferred = Deferred()
    keeper = JournalKeeper(tmp_path / "j.sqlite3", account="first", defer=deferred)
    keeper.record_status(workday(DayState.OPENED), SEEN)
    deferred.run()
    keeper.set_account("second")
    assert keeper.account == "second"
    keeper.record_status(workday(DayState.CLOSED, finish=SEEN), SEEN)
    keeper.close()  # writes what is still queued
    for account, state in (("first", DayState.OPENED), ("second", DayState.CLOSED)):
        with Journal.open(tmp_path / "j.sqlite3", account=account) as journal:
            assert [o.state for o in journal.observations()] == [state]
    keeper.record_status(workday(DayState.OPENED, record_id=9), SEEN)  # after close: dropped
    deferred.run()
    with Journal.open(tmp_path / "j.sqlite3", account="second") as journal:
        assert len(journal.observations()) == 1


def test_a_journal_that_cannot_be_opened_is_told_once_and_retried_later(
    qtbot: QtBot, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    now = [0.0]
    deferred = Deferred()
    keeper = JournalKeeper(
        blocker / "j.sqlite3", account="a", defer=deferred, monotonic=lambda: now[0]
    )
    told: list[str] = []
    keeper.problem.connect(told.append)
    keeper.record_status(workday(DayState.OPENED), SEEN)
    deferred.run()
    assert len(told) == 1
    assert "cannot be made" in told[0]
    assert keeper.worked_by_date(START.date(), START.date()) == {}
    first = keeper.journal()
    assert isinstance(first, JournalError)
    blocker.unlink()  # the way is free now, but it is not tried at once
    now[0] += RETRY_OPEN_S / 2
    assert keeper.journal() is first
    now[0] += RETRY_OPEN_S
    keeper.record_status(workday(DayState.OPENED), SEEN)
    with qtbot.waitSignal(keeper.written):
        deferred.run()
    assert isinstance(keeper.journal(), Journal)
    assert len(told) == 1, "told once per run"
    keeper.close()


def test_a_write_that_fails_is_told_and_the_next_one_tried(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deferred = Deferred()
    keeper = JournalKeeper(tmp_path / "j.sqlite3", account="a", defer=deferred)
    told: list[str] = []
    keeper.problem.connect(told.append)
    journal = keeper.journal()
    assert isinstance(journal, Journal)

    def locked(*_args: object) -> bool:
        raise JournalError("The history journal is locked by another program.")

    monkeypatch.setattr(journal, "record_status", locked)
    keeper.record_status(workday(DayState.OPENED), SEEN)
    deferred.run()
    assert told == ["The history journal is locked by another program."]
    monkeypatch.setattr(journal, "days", locked)
    assert keeper.worked_by_date(START.date(), START.date()) == {}
    monkeypatch.undo()
    keeper.record_status(workday(DayState.OPENED), datetime.now(UTC))
    with qtbot.waitSignal(keeper.written):
        deferred.run()
    assert len(told) == 1
    keeper.close()
