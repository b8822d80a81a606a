"""Time away in the running tray: the monitor starts after the first status and follows the
day, a return asks once, and each answer does what it says (nothing, a pause, or the close
dialog pre-filled with the moment they left and a reason); the settings switch it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QPushButton, QTimeEdit
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import AppRig, artifacts, launch, settings, stop
from tests.ui.away.test_away_monitor import FakeSource
from tests.ui.fakes import START, FakeClient, FakeClock, workday
from tray_app.core.actions import Action
from tray_app.core.read_pacing import Presence
from tray_app.core.workday import DayState
from tray_app.ui.app.settings_opener import open_settings
from tray_app.ui.away.dialog import AwayDialog
from tray_app.ui.away.idle.base import Detection
from tray_app.ui.settings.reminders import RemindersPage

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints",
        "This plugin does not support raise",
        "This plugin does not support grabbing the keyboard",
    ),
]

LEFT = START + timedelta(hours=1, minutes=10)  # 09:10 +02:00; the portal's clock says 10:00:30


class Clocks:
    """The monitor's wall and monotonic clocks, moved by the test."""

    def __init__(self) -> None:
        self.wall = LEFT - timedelta(minutes=5)
        self.mono = 500.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono


@dataclass
class Away:
    rig: AppRig
    source: FakeSource
    clocks: Clocks

    def sample(self, seconds: float = 20.0, *, typing: bool = False) -> None:
        """``seconds`` pass, with input all along (``typing``) or none."""
        self.clocks.wall += timedelta(seconds=seconds)
        self.clocks.mono += seconds
        if typing:
            self.source.idle = 0.0
        elif self.source.idle is not None:
            self.source.idle += seconds
        monitor = self.rig.app.away
        assert monitor is not None
        monitor.sample_now()

    def leave_and_return(self, minutes: int = 20) -> AwayDialog:
        """Input until 09:10, nothing for ``minutes``, then input again."""
        while self.clocks.wall < LEFT:
            self.sample(typing=True)
        for _ in range(minutes * 3):
            self.sample()
        self.sample(1, typing=True)
        dialog = self.rig.app.away_dialog
        assert dialog is not None
        self.rig.wait(dialog.isVisible)
        return dialog


@pytest.fixture
def away(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Away]:
    clock = FakeClock()
    client = FakeClient(workday(DayState.OPENED), clock=clock)
    source, clocks = FakeSource(), Clocks()
    rig = launch(
        qtbot,
        monkeypatch,
        tmp_path,
        client,
        clock,
        idle_source=lambda: source,
        away_options={"wall": clocks.now, "monotonic": clocks.monotonic, "timer_ms": 3_600_000},
    )
    rig.wait(lambda: rig.app.away is not None)
    yield Away(rig, source, clocks)
    dialog = rig.app.away_dialog
    stop(rig)
    if dialog is not None:
        import shiboken6  # noqa: PLC0415

        if shiboken6.isValid(dialog):
            dialog.close()


def button(widget: AwayDialog, name: str) -> QPushButton:
    found = widget.findChild(QPushButton, name)
    assert found is not None, name
    return found


def test_the_monitor_follows_the_day(away: Away) -> None:
    monitor = away.rig.app.away
    assert monitor is not None
    assert monitor.running
    assert monitor.day_open, "the day is OPENED"
    assert away.rig.controller.request(Action.PAUSE)
    away.rig.wait(lambda: not monitor.day_open)
    assert away.source.closed is False


def test_back_from_time_away_the_tray_asks_once(away: Away) -> None:
    dialog = away.leave_and_return()
    headline = dialog.findChild(QLabel, "awayHeadline")
    assert headline is not None
    assert headline.text() == "You were away from 09:10 to 09:30 (20 min, no input)."
    assert dialog.grab().save(str(artifacts() / "away-dialog.png"))
    # Away again while the question is open: not asked a second time.
    monitor = away.rig.app.away
    assert monitor is not None
    episodes: list[object] = []
    monitor.returned.connect(episodes.append)
    for _ in range(20 * 3):
        away.sample()
    away.sample(1, typing=True)
    assert len(episodes) == 1, "a second absence was noticed"
    assert away.rig.app.away_dialog is dialog
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, AwayDialog)] == [dialog]


def test_a_wake_the_controller_notices_asks_at_once(away: Away) -> None:
    """The monitor's own timer is an hour away here: only the controller's wake samples."""
    while away.clocks.wall < LEFT:
        away.sample(typing=True)
    away.clocks.wall += timedelta(minutes=40)  # asleep: the monotonic clock stood still
    away.source.idle = 0.0
    away.rig.controller.on_wake()
    dialog = away.rig.app.away_dialog
    assert dialog is not None
    away.rig.wait(dialog.isVisible)
    headline = dialog.findChild(QLabel, "awayHeadline")
    assert headline is not None
    assert "09:10 to 09:50" in headline.text()


def test_keep_sends_nothing(away: Away) -> None:
    dialog = away.leave_and_return()
    calls = len(away.rig.client.calls)
    button(dialog, "awayKeep").click()
    away.rig.wait_idle()
    assert away.rig.client.calls[calls:] == []
    assert away.rig.controller.view().day_state is DayState.OPENED


def test_pause_pauses_the_day_now(away: Away) -> None:
    dialog = away.leave_and_return()
    button(dialog, "awayPause").click()
    away.rig.wait(lambda: away.rig.controller.view().day_state is DayState.PAUSED)
    performed = [c for c in away.rig.client.calls if c.method == "perform"]
    assert [(c.action, c.time, c.reason) for c in performed] == [(Action.PAUSE, None, None)]


def test_pause_that_cannot_be_sent_says_so(away: Away) -> None:
    dialog = away.leave_and_return()
    assert away.rig.controller.request(Action.PAUSE)  # paused elsewhere in the meantime
    away.rig.wait(lambda: away.rig.controller.view().day_state is DayState.PAUSED)
    button(dialog, "awayPause").click()
    assert "Not paused" in away.rig.titles()


def test_close_opens_the_close_dialog_at_the_moment_they_left(away: Away) -> None:
    dialog = away.leave_and_return()
    close = button(dialog, "awayClose")
    assert close.text() == "&Close the day at 09:10…"
    close.click()
    report = away.rig.app.report
    assert report is not None
    assert report.isVisible()
    time_edit = report.findChild(QTimeEdit, "reportTime")
    reason = report.findChild(QPlainTextEdit, "reportReason")
    assert time_edit is not None
    assert reason is not None
    assert time_edit.time().toString("HH:mm") == "09:10"
    assert reason.toPlainText() == (
        "Away from the computer from 09:10 (no input); the day ends when I left."
    )
    ok = report.findChild(QPushButton, "reportOk")
    assert ok is not None
    away.rig.wait(ok.isEnabled)
    typed = reason.toPlainText()  # the dialog is deleted once it closes
    ok.click()
    away.rig.wait(lambda: away.rig.controller.view().day_state is DayState.CLOSED)
    performed = [c for c in away.rig.client.calls if c.method == "perform"]
    assert [(c.action, c.time, c.reason) for c in performed] == [(Action.CLOSE, LEFT, typed)]


def test_the_settings_turn_it_off_and_on_and_say_what_is_noticed(away: Away, qtbot: QtBot) -> None:
    app = away.rig.app
    dialog = open_settings(app)
    assert dialog is not None
    page = dialog.findChild(RemindersPage, "remindersPage")
    assert page is not None
    assert page.detection.text() == (
        "Time away is noticed from no input, a locked screen and sleep."
    )
    assert Detection("fake", ("fake lock",)) == away.source.describe()
    page.away.setChecked(False)
    with qtbot.waitSignal(dialog.settingsChanged):
        dialog.save()
    assert app.away is None
    assert away.source.closed
    assert app.settings is not None
    app.apply_settings(
        dataclasses.replace(app.settings, away_detection=True, away_threshold_min=30)
    )
    assert app.away is not None
    assert app.away.running


def test_without_the_setting_nothing_is_watched(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clock = FakeClock()
    client = FakeClient(workday(DayState.OPENED), clock=clock)
    asked: list[None] = []

    def source() -> FakeSource:
        asked.append(None)
        return FakeSource()

    rig = launch(
        qtbot,
        monkeypatch,
        tmp_path,
        client,
        clock,
        settings=settings(away_detection=False),
        idle_source=source,
    )
    try:
        rig.wait(lambda: rig.controller.planner is not None)
        qtbot.wait(20)
        assert rig.app.away is None
        assert asked == [], "the desktop is not even asked"
    finally:
        stop(rig)


def test_a_locked_screen_makes_the_tray_read_less(away: Away) -> None:
    controller = away.rig.controller
    seen = [controller.presence]
    away.source.is_locked = True
    away.sample()
    seen.append(controller.presence)
    away.source.is_locked, away.source.idle = False, 0.0
    away.sample()
    seen.append(controller.presence)
    assert seen == [Presence.HERE, Presence.LOCKED, Presence.HERE]
