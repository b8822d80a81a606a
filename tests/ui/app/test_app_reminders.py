"""Reminders in the running tray: each fires once as a tray message, a click on the message or
"Snooze today" in the panel silences its kind for the day, the record survives a restart, the
settings turn kinds off, and nothing fires on a day off."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import AppRig, artifacts, launch, settings, stop
from tests.ui.fakes import ZONE, FakeClient, FakeClock, workday
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.reminders import ReminderKind
from tray_app.core.workday import DayState
from tray_app.ui.shell.panel import StatusPanel
from tray_app.ui.state.reminder_state import load_record, save_record, state_path

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

H, M = timedelta(hours=1), timedelta(minutes=1)
# Thursday 27 March 2025 (+02:00): started 09:02 with a 15-minute break; the portal plans 8:48,
# so the planned work is done at 18:05.
START = datetime(2025, 3, 27, 9, 2, tzinfo=ZONE)
PORTAL = PortalSettings(min_duration=8 * H + 48 * M)
DONE = "Planned work done"
DONE_TEXT = (
    "You have worked 8:48 of the 8:48 planned: you can close the day.\n"
    "Click this message to snooze it for today."
)
STILL_OPEN = "Workday still open"


def at(hour: int, minute: int, second: int = 30, day: int = 27) -> float:
    return datetime(2025, 3, day, hour, minute, second, tzinfo=ZONE).timestamp()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(at(18, 3))


@pytest.fixture
def client(clock: FakeClock) -> FakeClient:
    day = workday(DayState.OPENED, start=START, leaks=15 * M)
    return FakeClient(day, clock=clock, settings=PORTAL)


def start(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    client: FakeClient,
    clock: FakeClock,
    **changes: object,
) -> AppRig:
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock, settings=settings(**changes))
    rig.wait(lambda: rig.controller.planner is not None)
    return rig


@pytest.fixture
def rig(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    client: FakeClient,
    clock: FakeClock,
) -> Iterator[AppRig]:
    running = start(qtbot, monkeypatch, tmp_path, client, clock)
    yield running
    stop(running)


def tick(rig: AppRig, seconds: int) -> None:
    """Let ``seconds`` pass one tick at a time."""
    for _ in range(seconds):
        rig.clock.advance(1)
        rig.timers.tick.fire()


def poll(rig: AppRig) -> None:
    rig.timers.poll.fire()
    rig.wait_idle()


def panel_of(rig: AppRig, qtbot: QtBot) -> StatusPanel:
    rig.app.show_panel()
    panel = rig.app.panel
    assert panel is not None
    qtbot.waitExposed(panel)
    return panel


def test_work_done_fires_once_when_the_end_comes(rig: AppRig) -> None:
    tick(rig, 60)
    assert rig.messages == [], "18:04:30: not yet"
    tick(rig, 30)
    assert rig.messages == [(DONE, DONE_TEXT)]
    tick(rig, 600)
    poll(rig)
    rig.clock.advance(1)
    poll(rig)
    assert rig.titles() == [DONE], "once a day, whatever the ticks and polls"
    reads = rig.client.methods().count("status")
    tick(rig, 20 * 60)  # 18:35:30: half an hour past the end
    rig.wait_idle()  # the day shown is 20 minutes old: read once before reminding
    assert rig.client.methods().count("status") == reads + 1
    assert rig.titles() == [DONE, STILL_OPEN]
    assert rig.messages[1][1].startswith(
        "The workday is still open 0:30 after its expected end at 18:05."
    )
    tick(rig, 3600)
    assert rig.titles() == [DONE, STILL_OPEN]


def test_a_click_on_the_message_snoozes_its_kind_for_today(rig: AppRig, qtbot: QtBot) -> None:
    tick(rig, 90)
    assert rig.titles() == [DONE]
    panel = panel_of(rig, qtbot)
    assert panel.reminder.isVisible()
    assert panel.reminder_title.text() == DONE
    rig.app.tray.icon.messageClicked.emit()
    assert ReminderKind.WORK_DONE in load_record().snoozed, "kept for the next run"
    assert rig.controller.view().reminder is None
    assert not panel.reminder.isVisible()
    rig.app.tray.icon.messageClicked.emit()  # a second click: nothing more to snooze
    assert load_record().snoozed == {ReminderKind.WORK_DONE}
    panel.hide()


def test_a_click_on_another_message_snoozes_nothing(rig: AppRig) -> None:
    tick(rig, 90)
    rig.app._notify("Workday changed elsewhere", "The workday was paused elsewhere.")
    rig.app.tray.icon.messageClicked.emit()
    assert load_record().snoozed == frozenset()
    assert rig.controller.view().reminder is not None


def test_the_panel_shows_the_reminder_and_snoozes_it(rig: AppRig, qtbot: QtBot) -> None:
    rig.clock.advance(0.5)
    tick(rig, 90)
    panel = panel_of(rig, qtbot)
    assert panel.reminder.isVisible()
    assert (panel.reminder_title.text(), panel.reminder_text.text()) == (
        DONE,
        "You have worked 8:48 of the 8:48 planned: you can close the day.",
    )
    assert panel.snooze.text() == "Snooze today"
    assert panel.plan.isVisible()
    assert panel.grab().save(str(artifacts() / "panel-plan-reminder.png"))
    panel.snooze.click()
    assert not panel.reminder.isVisible()
    assert load_record().snoozed == {ReminderKind.WORK_DONE}
    panel.hide()


def test_what_fired_or_was_snoozed_stays_so_after_a_restart(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    client: FakeClient,
    clock: FakeClock,
) -> None:
    first = start(qtbot, monkeypatch, tmp_path, client, clock)
    tick(first, 90)
    assert first.titles() == [DONE]
    stop(first)
    record = json.loads(state_path().read_text(encoding="utf-8"))
    assert record == {"day": "2025-03-27", "fired": ["work_done"], "snoozed": []}

    second = start(qtbot, monkeypatch, tmp_path / "again", client, clock)
    try:
        tick(second, 60)
        assert second.titles() == [], "not twice a day, even across a restart"
        assert second.controller.view().reminder is not None, "still shown in the panel"
    finally:
        stop(second)


def test_reminders_turned_off_in_the_settings_do_not_fire(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    client: FakeClient,
    clock: FakeClock,
) -> None:
    rig = start(
        qtbot, monkeypatch, tmp_path, client, clock, remind_work_done=False, still_open_after_min=10
    )
    try:
        tick(rig, 90)
        assert rig.titles() == []
        tick(rig, 10 * 60)  # 18:15:00: ten minutes past the end
        rig.wait_idle()  # the read before reminding on a day shown ten minutes old
        assert rig.titles() == [STILL_OPEN]
        assert rig.app.settings is not None
        rig.app.apply_settings(dataclasses.replace(rig.app.settings, remind_still_open=False))
        assert rig.controller.view().reminder is None, "a kind turned off is not shown"
    finally:
        stop(rig)


def test_not_started_by_the_latest_start_but_never_on_a_day_off(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    yesterday = START - timedelta(days=1)
    for day, expected in ((27, ["Workday not started"]), (29, [])):  # Thursday, Saturday
        clock = FakeClock(at(9, 14, 0, day=day))
        closed = workday(DayState.CLOSED, start=yesterday, finish=yesterday + 9 * H)
        client = FakeClient(closed, clock=clock, settings=PORTAL)
        rig = start(qtbot, monkeypatch, tmp_path / str(day), client, clock)
        try:
            assert rig.titles() == []
            tick(rig, 61)  # 09:15:01, the portal's latest start
            assert rig.titles() == expected
            if expected:
                assert rig.messages[0][1].startswith(
                    "It is past 09:15, the latest on-time start, and the day has not begun."
                )
        finally:
            stop(rig)
        state_path().unlink(missing_ok=True)


def test_no_reminder_on_a_holiday_of_the_chosen_calendar(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Thursday 12 June 2025 is Russia Day: with the Russian calendar chosen it is a day off
    (no plan, no reminder); with "No holidays" it is a working day again."""
    russia_day = datetime(2025, 6, 12, 9, 14, tzinfo=ZONE)
    clock = FakeClock(russia_day.timestamp())
    eve = russia_day - timedelta(days=1, minutes=14)
    closed = workday(DayState.CLOSED, start=eve, finish=eve + 9 * H)
    client = FakeClient(closed, clock=clock, settings=PORTAL)
    rig = start(qtbot, monkeypatch, tmp_path, client, clock, holiday_calendar="ru")
    try:
        tick(rig, 61)  # 09:15:01, past the portal's latest start
        assert rig.titles() == []
        plan = rig.controller.view().plan
        assert plan is not None
        assert plan.day_planned is None, "a holiday plans nothing"
        assert rig.app.settings is not None
        rig.app.apply_settings(dataclasses.replace(rig.app.settings, holiday_calendar="none"))
        tick(rig, 60)
        assert rig.titles() == ["Workday not started"]
        plan = rig.controller.view().plan
        assert plan is not None
        assert plan.day_planned == PORTAL.min_duration
    finally:
        stop(rig)


@pytest.fixture
def forgotten() -> tuple[FakeClient, FakeClock]:
    """Monday's day, never closed, read on Thursday at 10:00."""
    clock = FakeClock(at(10, 0))
    day = workday(DayState.EXPIRED, start=START - timedelta(days=3))
    return FakeClient(day, clock=clock, settings=PORTAL), clock


def test_a_forgotten_day_is_told_once_not_twice(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    forgotten: tuple[FakeClient, FakeClock],
) -> None:
    client, clock = forgotten
    rig = start(qtbot, monkeypatch, tmp_path, client, clock)
    try:
        tick(rig, 120)
        poll(rig)
        assert rig.titles() == ["Workday left open"]
        assert rig.controller.view().reminder is not None  # the panel still shows it
    finally:
        stop(rig)


def test_a_forgotten_day_is_told_once_a_day_even_across_a_restart(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    forgotten: tuple[FakeClient, FakeClock],
) -> None:
    client, clock = forgotten
    first = start(qtbot, monkeypatch, tmp_path, client, clock)
    assert first.titles() == ["Workday left open"]
    stop(first)
    assert "forgotten_day" in json.loads(state_path().read_text(encoding="utf-8"))["fired"]

    second = start(qtbot, monkeypatch, tmp_path / "again", client, clock)
    try:
        tick(second, 61)
        poll(second)
        assert second.titles() == [], "the record kept between runs says it was told"
        assert second.controller.view().day_state is DayState.EXPIRED
    finally:
        stop(second)
    clock.advance(24 * 3600)  # the next day it is told again
    third = start(qtbot, monkeypatch, tmp_path / "next-day", client, clock)
    try:
        assert third.titles() == ["Workday left open"]
    finally:
        stop(third)


def test_a_forgotten_day_is_not_told_when_its_reminder_is_off(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    forgotten: tuple[FakeClient, FakeClock],
) -> None:
    client, clock = forgotten
    rig = start(qtbot, monkeypatch, tmp_path, client, clock, remind_forgotten_day=False)
    try:
        tick(rig, 61)
        poll(rig)
        assert rig.titles() == []
        assert rig.app.tray.header.text().startswith("Day left open")
    finally:
        stop(rig)


def test_without_notifications_the_panel_still_shows_it(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    client: FakeClient,
    clock: FakeClock,
) -> None:
    rig = start(qtbot, monkeypatch, tmp_path, client, clock, notifications=False)
    try:
        tick(rig, 90)
        assert rig.titles() == []
        reminder = rig.controller.view().reminder
        assert reminder is not None
        assert reminder.kind is ReminderKind.WORK_DONE
        QApplication.processEvents()
    finally:
        stop(rig)


def test_an_unreadable_state_file_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "reminders.json"
    path.write_bytes(b"\xff{")
    assert load_record(path).fired == frozenset()
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    assert not save_record(load_record(path), blocked / "reminders.json")


OFFICE = {
    "id": None,
    "name": "Office",
    "settingsRevisions": [
        {
            "dateFrom": None,
            "businessCalendarName": "",
            "ignoreCalendar": True,
            "timeControl": 0,
            "controlPeriod": 0,
            "workStartFrom": 540,
            "workStartTo": 540,
            "workEndFrom": 1080,
            "workEndTo": 1080,
            "dinners": [{"start": 780, "end": 840, "maxDuration": 60}],
            "workDuration": 540,
            "planDaysType": 1,
            "planDaysTemplates": [480, 480, 480, 480, 480, 0, 0],
            "violationsControl": 0,
            "allowableDelay": 5,
            "timeMarks": [],
            "isIndividualTimeControl": False,
            "shiftNotificationBefore": 1440,
            "shiftNotificationPeriod": 1440,
        }
    ],
}


def test_a_schedule_from_the_settings_plans_the_day_and_its_lunch(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clock = FakeClock(at(12, 59))
    client = FakeClient(workday(DayState.OPENED, start=START), clock=clock, settings=PORTAL)
    rig = start(qtbot, monkeypatch, tmp_path, client, clock, schedule=OFFICE)
    try:
        rig.wait(lambda: "until" in rig.app.tray.header.text())
        # 09:02 + 8:00 of work + the hour of lunch still to take: 18:02 (not before 18:00).
        assert rig.app.tray.header.text().endswith("since 09:02 · until 18:02")
        tick(rig, 30)
        assert rig.messages == [
            (
                "Time for lunch",
                "Lunch is from 13:00 to 14:00 (1:00); pause the workday for it.\n"
                "Click this message to snooze it for today.",
            )
        ]
        # Back to the portal's limits (8:48 a day, no lunch known): the plan follows at once.
        assert rig.app.settings is not None
        rig.app.apply_settings(dataclasses.replace(rig.app.settings, schedule=None))
        assert rig.app.tray.header.text().endswith("since 09:02 · until 17:50")
    finally:
        stop(rig)
