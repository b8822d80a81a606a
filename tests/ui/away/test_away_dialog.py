"""The question asked on return: what it says, what each answer decides, and a screenshot.

The pre-fill of "Close the day at …" is checked against the portal's own rules
(:mod:`tray_app.core.backdate`): what the report dialog would receive must be sendable.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from tray_app.core.away import AwayCause, AwayEpisode
from tray_app.core.backdate import check_close_time, check_reason
from tray_app.core.workday import DayState, Workday
from tray_app.ui.away.dialog import (
    AwayChoice,
    AwayDecision,
    AwayDialog,
    away_decision,
    cause_words,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PLUS2 = timezone(timedelta(hours=2))
REPO = Path(__file__).resolve().parents[3]
DAY = Workday(
    state=DayState.OPENED, started_at=datetime(2025, 3, 27, 8, 0, 1, tzinfo=PLUS2), tz_offset=7200
)
LOCKED = AwayEpisode(
    datetime(2025, 3, 27, 12, 10, 42, tzinfo=PLUS2),
    datetime(2025, 3, 27, 13, 5, 3, tzinfo=PLUS2),
    AwayCause.LOCKED,
)


@pytest.fixture(autouse=True)
def _english_dates() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(previous)


def make(
    qtbot: QtBot, episode: AwayEpisode = LOCKED, day: Workday | None = DAY
) -> tuple[AwayDialog, list[AwayDecision]]:
    dialog = AwayDialog(episode, day, local_zone=PLUS2)
    qtbot.addWidget(dialog)
    decisions: list[AwayDecision] = []
    dialog.decided.connect(decisions.append)
    return dialog, decisions


def text(dialog: AwayDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def button(dialog: AwayDialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None, name
    return found


def test_it_says_when_how_long_and_why(qtbot: QtBot) -> None:
    dialog, _ = make(qtbot)
    assert (
        text(dialog, "awayHeadline") == "You were away from 12:10 to 13:05 (55 min, screen locked)."
    )
    assert dialog.windowTitle() == "Welcome back"
    assert [button(dialog, name).text() for name in ("awayKeep", "awayPause", "awayClose")] == [
        "&Keep as work",
        "&Pause now",
        "&Close the day at 12:10…",
    ]
    assert button(dialog, "awayKeep").isDefault()


def test_it_says_a_pause_cannot_be_backdated(qtbot: QtBot) -> None:
    dialog, _ = make(qtbot)
    note = text(dialog, "awayNote")
    assert "cannot start a break in the past" in note
    assert "starts the break now" in note


@pytest.mark.parametrize(
    ("cause", "words"),
    [
        (AwayCause.IDLE, "no input"),
        (AwayCause.LOCKED, "screen locked"),
        (AwayCause.ASLEEP, "computer asleep"),
    ],
)
def test_each_cause_in_words(qtbot: QtBot, cause: AwayCause, words: str) -> None:
    episode = AwayEpisode(LOCKED.left_at, LOCKED.left_at + timedelta(hours=1, minutes=30), cause)
    dialog, _ = make(qtbot, episode)
    assert text(dialog, "awayHeadline").endswith(f"(1:30 h, {words}).")
    assert cause_words(cause) == words


def test_times_are_shown_in_the_local_zone(qtbot: QtBot) -> None:
    utc = AwayEpisode(
        datetime(2025, 3, 27, 10, 10, tzinfo=UTC),
        datetime(2025, 3, 27, 11, 5, tzinfo=UTC),
        AwayCause.IDLE,
    )
    dialog, _ = make(qtbot, utc)
    assert text(dialog, "awayHeadline").startswith("You were away from 12:10 to 13:05 (55 min")


def test_an_absence_over_midnight_names_the_days(qtbot: QtBot) -> None:
    night = AwayEpisode(
        datetime(2025, 3, 27, 23, 30, tzinfo=PLUS2),
        datetime(2025, 3, 28, 8, 0, 20, tzinfo=PLUS2),
        AwayCause.ASLEEP,
    )
    dialog, _ = make(qtbot, night)
    thursday = QLocale().dayName(QDate(2025, 3, 27).dayOfWeek(), QLocale.FormatType.ShortFormat)
    friday = QLocale().dayName(QDate(2025, 3, 28).dayOfWeek(), QLocale.FormatType.ShortFormat)
    assert text(dialog, "awayHeadline") == (
        f"You were away from {thursday} 23:30 to {friday} 08:00 (8:30 h, computer asleep)."
    )
    assert (thursday, friday) == ("Thu", "Fri")
    assert button(dialog, "awayClose").text() == "&Close the day at 23:30…"


def test_left_after_midnight_offers_the_last_minute_of_the_start_date(qtbot: QtBot) -> None:
    night = AwayEpisode(
        datetime(2025, 3, 28, 0, 40, tzinfo=PLUS2),
        datetime(2025, 3, 28, 8, 0, tzinfo=PLUS2),
        AwayCause.IDLE,
    )
    dialog, decisions = make(qtbot, night)
    assert text(dialog, "awayHeadline").startswith("You were away from 00:40 to 08:00")
    assert button(dialog, "awayClose").text() == "&Close the day at 23:59…"
    button(dialog, "awayClose").click()
    (decision,) = decisions
    assert decision.close_at == datetime(2025, 3, 27, 23, 59, tzinfo=PLUS2)
    assert decision.clamped
    assert decision.reason.startswith("Away from the computer from 00:40 (no input)")


def test_keep_decides_keep_once(qtbot: QtBot) -> None:
    dialog, decisions = make(qtbot)
    dialog.show()
    button(dialog, "awayKeep").click()
    assert decisions == [AwayDecision(AwayChoice.KEEP, LOCKED)]
    assert not dialog.isVisible()
    assert dialog.decision == decisions[0]
    button(dialog, "awayPause").click()  # a second answer is ignored
    assert len(decisions) == 1


def test_pause_decides_pause(qtbot: QtBot) -> None:
    dialog, decisions = make(qtbot)
    button(dialog, "awayPause").click()
    assert decisions == [AwayDecision(AwayChoice.PAUSE, LOCKED)]


def test_close_hands_over_a_sendable_prefill(qtbot: QtBot) -> None:
    dialog, decisions = make(qtbot)
    button(dialog, "awayClose").click()
    (decision,) = decisions
    assert decision.choice is AwayChoice.CLOSE
    assert decision.close_at == datetime(2025, 3, 27, 12, 10, tzinfo=PLUS2)
    assert decision.reason == (
        "Away from the computer from 12:10 (screen locked); the day ends when I left."
    )
    assert not decision.clamped
    assert decision.close_at is not None
    check_close_time(DAY, decision.close_at, LOCKED.returned_at)  # the portal's rules hold
    assert check_reason(decision.reason, required=True) == decision.reason


def test_escape_means_keep(qtbot: QtBot) -> None:
    dialog, decisions = make(qtbot)
    with qtbot.waitExposed(dialog):
        dialog.show()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert decisions == [AwayDecision(AwayChoice.KEEP, LOCKED)]
    assert not dialog.isVisible()


def test_no_close_without_a_started_day(qtbot: QtBot) -> None:
    dialog, _ = make(qtbot, day=None)
    assert not button(dialog, "awayClose").isVisibleTo(dialog)
    assert away_decision(AwayChoice.CLOSE, LOCKED, None) == AwayDecision(AwayChoice.KEEP, LOCKED)
    unstarted = Workday(state=DayState.OPENED)
    assert away_decision(AwayChoice.CLOSE, LOCKED, unstarted).choice is AwayChoice.KEEP


def test_screenshot(qtbot: QtBot) -> None:
    dialog, _ = make(qtbot)
    with qtbot.waitExposed(dialog):
        dialog.show()
    QApplication.processEvents()
    folder = Path(os.environ.get("TIMEMAN_ARTIFACTS_DIR") or REPO / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "away-dialog.png"
    assert dialog.grab().save(str(path))
    assert path.stat().st_size > 0
