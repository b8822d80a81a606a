"""A reminder's desktop notification in the running tray: the actions it offers, and each
action chosen on it doing what it says (a fake notifier stands in for the session bus; the
real bus is tests/ui/notify/test_notifications.py, a real daemon
tests/e2e/test_notifications.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import AppRig, launch, settings, stop
from tests.ui.fakes import ZONE, FakeClient, FakeClock, workday
from tray_app.core.actions import Action
from tray_app.core.reminders import ReminderKind
from tray_app.core.workday import DayState
from tray_app.ui.notify.notice_actions import reminder_actions
from tray_app.ui.notify.notifications import Note

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]


class FakeNotifier(QObject):
    """What :class:`~tray_app.ui.notify.notifications.Notices` needs of a DesktopNotifier."""

    actionInvoked = Signal(str, str)
    failed = Signal(object, str)
    how = "a fake"
    connected = True
    capabilities = frozenset({"actions", "body"})
    shows_actions = True

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notes: list[Note] = []

    def notify(self, note: Note) -> None:
        self.notes.append(note)

    def close(self) -> None:
        self.connected = False


def start(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, day_state: DayState
) -> tuple[AppRig, FakeNotifier]:
    notifier = FakeNotifier()
    monkeypatch.setattr(
        "tray_app.ui.notify.notifications._freedesktop_notifier", lambda _p: notifier
    )
    clock = FakeClock(datetime(2025, 3, 27, 18, 3, 30, tzinfo=ZONE).timestamp())
    start_at = datetime(2025, 3, 27, 9, 2, tzinfo=ZONE)
    day = workday(day_state, start=start_at) if day_state is DayState.OPENED else None
    client = FakeClient(day or workday(DayState.CLOSED, start=start_at), clock=clock)
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock, settings=settings())
    rig.wait(lambda: rig.controller.planner is not None)
    return rig, notifier


def test_reminders_offer_the_snooze_and_their_own_step() -> None:
    keys = {kind: [key for key, _label in reminder_actions(kind)] for kind in ReminderKind}
    assert keys == {
        ReminderKind.NOT_STARTED: ["default", "start"],
        ReminderKind.LUNCH: ["default", "pause"],
        ReminderKind.WORK_DONE: ["default", "close"],
        ReminderKind.STILL_OPEN: ["default", "close"],
        ReminderKind.FORGOTTEN_DAY: ["default", "close_expired"],
    }
    assert dict(reminder_actions(ReminderKind.NOT_STARTED)) == {
        "default": "Snooze today",
        "start": "Start now",
    }


def test_a_reminder_goes_to_the_daemon_and_its_actions_act(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rig, notifier = start(qtbot, monkeypatch, tmp_path, DayState.OPENED)
    try:
        for _ in range(120):  # the planned work is done at 18:05 by the portal's limits
            rig.clock.advance(1)
            rig.timers.tick.fire()
        notes = [note for note in notifier.notes if note.tag]
        assert notes, f"no reminder; notes: {notifier.notes}"
        assert notes[0].tag == ReminderKind.WORK_DONE.value
        assert [key for key, _label in notes[0].actions] == ["default", "close"]
        assert rig.messages == []  # no balloon besides

        asked: list[Action] = []
        monkeypatch.setattr(rig.controller, "request", lambda action, **_kw: asked.append(action))
        notifier.actionInvoked.emit("work_done", "close")
        notifier.actionInvoked.emit("work_done", "nonsense")  # not one of ours: nothing
        notifier.actionInvoked.emit("", "default")  # a note without a reminder: nothing
        assert asked == [Action.CLOSE]
        notifier.actionInvoked.emit("work_done", "default")
        assert rig.controller.view().reminder is None, "snoozed"
    finally:
        stop(rig)


def test_not_started_start_now_opens_the_day(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rig, notifier = start(qtbot, monkeypatch, tmp_path, DayState.CLOSED)
    try:
        rig.app._notify("Workday not started", "It is past 09:10.")  # the notifier opens
        notifier.actionInvoked.emit("not_started", "start")
        rig.wait(lambda: "perform" in rig.client.methods())
        rig.wait_idle()
        writes = [call.action for call in rig.client.calls if call.method == "perform"]
        assert writes == [Action.OPEN]
        assert rig.controller.view().day_state is DayState.OPENED
    finally:
        stop(rig)


def test_a_refused_note_becomes_a_balloon(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rig, notifier = start(qtbot, monkeypatch, tmp_path, DayState.CLOSED)
    try:
        rig.app._notify("Workday changed elsewhere", "Closed on the web.")
        assert notifier.notes[-1] == Note("Workday changed elsewhere", "Closed on the web.")
        notifier.failed.emit(notifier.notes[-1], "org.example.Refused: no display")
        assert rig.messages[-1] == ("Workday changed elsewhere", "Closed on the web.")
        assert rig.app.notices.route == "balloon"
        assert not notifier.connected
    finally:
        stop(rig)
