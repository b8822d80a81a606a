"""History in the tray: "History…" opens the window, every answer and action goes to the
journal (after the answer is shown), past days come from the portal through the worker, a
journal that cannot be used is told once and stops nothing, and ``--demo`` has past days."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import ACCOUNT, AppRig, launch, stop
from tests.ui.fakes import START, ZONE, FakeClient, FakeClock, workday
from tray_app.api import TimemanClient, Webhook
from tray_app.api.envelope import Answer
from tray_app.api.errors import RefusedError, UnavailableError
from tray_app.core.actions import Action
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import DayState
from tray_app.demo import PortalSimulator, SimClock, SimUser
from tray_app.demo.records import PastDay
from tray_app.history.journal import Journal
from tray_app.history.journal_entries import ActionOutcome
from tray_app.startup.demo_mode import DEMO_USER_ID, HISTORY_WEEKS, start_demo_portal
from tray_app.ui.app.application import TrayApplication
from tray_app.ui.shared.viewstate import Phase
from tray_app.ui.shell.panel import StatusPanel
from tray_app.ui.shell.tray import TrayView

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

YESTERDAY = START - timedelta(days=1)  # Wednesday 26 March 2025, 08:00 +02:00


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(clock: FakeClock) -> FakeClient:
    seven = PortalSettings(min_duration=timedelta(hours=7))  # the portal plans 7-hour days
    return FakeClient(workday(DayState.OPENED), clock=clock, settings=seven)


@pytest.fixture
def rig(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    client: FakeClient,
    clock: FakeClock,
) -> Iterator[AppRig]:
    # Yesterday's day is in the journal already, from an earlier run.
    with Journal.open(tmp_path / "journal.sqlite3", account=ACCOUNT) as journal:
        journal.record_status(
            workday(
                DayState.CLOSED,
                start=YESTERDAY + timedelta(hours=1),
                finish=YESTERDAY + timedelta(hours=9, minutes=30),
                leaks=timedelta(minutes=30),
                duration=timedelta(hours=8),
                record_id=0,
            ),
            YESTERDAY + timedelta(hours=10),
        )
    running = launch(qtbot, monkeypatch, tmp_path, client, clock)
    yield running
    stop(running)


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def journal_of(rig: AppRig) -> Journal:
    return Journal.open(rig.journal_path, account=ACCOUNT)


def test_the_menu_and_the_panel_offer_history_below_the_day_and_above_refresh(
    rig: AppRig,
) -> None:
    names = [action.objectName() for action in rig.app.tray.menu.actions()]
    assert names.index("action_close_at") < names.index("action_history")
    assert names.index("action_history") < names.index("action_refresh")
    assert rig.app.tray.history.text() == "History…"
    assert rig.app.tray.history.isEnabled()
    panel = StatusPanel(rig.app.tray)
    panel.show_view(rig.controller.view())
    link = next(button for button, action in panel.buttons if action is rig.app.tray.history)
    assert link.objectName() == "panel_action_history"
    assert link.text() == "History…"
    panel.close()


def test_history_opens_the_window_with_the_journals_days_and_the_portals(
    rig: AppRig, client: FakeClient
) -> None:
    client.records = [
        {  # a day only the portal knows: Thursday 20 March
            "id": 40,
            "userId": 1,
            "startTime": "2025-03-20T09:15:00+02:00",
            "endTime": "2025-03-20T18:00:00+02:00",
            "duration": 30600,
            "breakLength": 900,
            "state": {"status": "closed"},
            "isApproved": False,
        }
    ]
    rig.wait(lambda: rig.controller.planner is not None)
    rig.wait(lambda: record_reads(client) == 1)  # the week's, at start-up
    rig.app.tray.history.trigger()
    window = rig.app.history_window
    assert window is not None
    assert window.isVisible()
    rig.wait(window.refresh_button.isEnabled)  # the portal answered
    assert window.last_day == date(2025, 3, 27)  # today by the portal's clock, in the zone
    rows = [
        [cell(window.table, row, column) for column in range(5)]
        for row in range(window.table.rowCount())
    ]
    assert rows == [
        ["Thu 27 Mar 2025", "08:00", "not closed", "0:00", "2:00"],
        ["Wed 26 Mar 2025", "09:00", "17:30", "0:30", "8:00"],
        ["Thu 20 Mar 2025", "09:15", "18:00", "0:15", "8:30"],
    ]
    assert window.note.text() == "Shown from the portal and this computer's journal."
    # The plan column follows the plan in use: the portal's 7 hours, Monday to Friday.
    assert [cell(window.table, row, 5) for row in range(3)] == ["7:00"] * 3
    assert window.plan()[date(2025, 3, 22)] == timedelta(0)  # a Saturday
    reads = [call for call in client.calls if call.method == "read:timeman.record.list:v3"]
    assert len(reads) == 2
    assert reads[1].thread != threading.get_ident(), "the portal is read on the worker"
    with journal_of(rig) as journal:
        assert [record.record_id for record in journal.records()] == [40]

    # Asked again, the same window comes back and reads again.
    rig.app.tray.history.trigger()
    assert rig.app.history_window is window
    rig.wait(lambda: len([c for c in client.calls if c.method.startswith("read:")]) == 3)


def test_every_answer_is_written_after_it_is_shown(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    client: FakeClient,
    clock: FakeClock,
) -> None:
    opened_when_shown: list[bool] = []
    render = TrayView.render

    def spy(self: TrayView, view: object) -> None:
        application = self.parent()
        if isinstance(application, TrayApplication) and application.journal is not None:
            opened_when_shown.append(application.journal._journal is not None)
        render(self, view)  # type: ignore[arg-type]

    monkeypatch.setattr(TrayView, "render", spy)
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock)
    try:
        assert opened_when_shown[:2] == [False, False], "loading and the first status come first"
        rig.wait(rig.journal_path.exists)
        with journal_of(rig) as journal:
            seen = journal.observations()
        assert [(o.state, o.started_at) for o in seen] == [(DayState.OPENED, START)]
        assert seen[0].last_seen == datetime.fromtimestamp(clock.now, UTC)

        # The same answer again is the same row, seen later.
        clock.advance(60)
        rig.timers.poll.fire()
        rig.wait_idle()
        with journal_of(rig) as journal:
            again = journal.observations()
        assert len(again) == 1
        assert again[0].last_seen == datetime.fromtimestamp(clock.now, UTC)
    finally:
        stop(rig)


def not_allowed() -> RefusedError:
    """The portal's refusal of an action the day does not allow."""
    return RefusedError(
        "The portal refused: the action is not allowed now.",
        code="ALERT_WARNING",
        http_status=400,
        description="Action not allowed",
    )


def test_actions_and_their_outcomes_are_journaled(rig: AppRig, client: FakeClient) -> None:
    rig.clock.advance(30)
    assert rig.controller.request(Action.PAUSE)
    rig.wait(lambda: rig.controller.view().day_state is DayState.PAUSED)
    client.fail(not_allowed())
    close_at = START + timedelta(hours=2)
    assert rig.controller.request(Action.CLOSE, time=close_at, reason="left early")
    rig.wait(lambda: rig.controller.idle and not rig.controller.view().busy)
    rig.wait_idle()
    with journal_of(rig) as journal:
        actions = journal.actions()
    assert [(a.action, a.outcome, a.state_after, a.error_code) for a in actions] == [
        ("pause", ActionOutcome.APPLIED, DayState.PAUSED, None),
        ("close", ActionOutcome.FAILED, None, "ALERT_WARNING"),
    ]
    assert actions[1].requested_time == close_at
    assert actions[1].message
    # No report dialog sent it: the failure is a notification, once.
    assert rig.messages == [
        ("Could not close the workday", "The portal refused: the action is not allowed now.")
    ]


def test_a_refusal_for_the_report_dialog_is_shown_there_only(
    rig: AppRig, client: FakeClient
) -> None:
    rig.app.tray.reportRequested.emit("close")
    dialog = rig.app.report
    assert dialog is not None
    client.fail(not_allowed())
    assert rig.controller.request(Action.CLOSE, time=START + timedelta(hours=2), reason="x")
    rig.wait(lambda: rig.controller.idle and not rig.controller.view().busy)
    rig.wait_idle()
    message = dialog.findChild(QLabel, "reportMessage")
    assert message is not None
    assert "not allowed now" in message.text()
    assert rig.messages == [], "not a second time in a balloon"


def test_a_journal_that_cannot_be_used_is_told_once_and_stops_nothing(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    client: FakeClient,
    clock: FakeClock,
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the journal's folder should be", encoding="utf-8")
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock, journal_path=blocked / "j.sqlite3")
    try:
        rig.wait(lambda: "History not recorded" in rig.titles())
        for _ in range(3):
            clock.advance(60)
            rig.timers.poll.fire()
            rig.wait_idle()
        assert rig.titles().count("History not recorded") == 1
        assert rig.controller.view().phase is Phase.READY
        assert rig.controller.request(Action.PAUSE), "the tray works on"
        rig.wait(lambda: rig.controller.view().day_state is DayState.PAUSED)
        rig.app.tray.history.trigger()
        window = rig.app.history_window
        assert window is not None
        rig.wait(window.refresh_button.isEnabled)
        assert "The journal cannot be used" in window.note.text()
    finally:
        stop(rig)


def test_the_demo_portal_has_four_weeks_of_past_days() -> None:
    simulator = start_demo_portal()
    try:
        records = simulator.records(DEMO_USER_ID)
        today = datetime.now().astimezone().date()
        past = [r for r in records if r.start.astimezone().date() < today]
        assert records[-1].status == "OPENED"
        assert len(past) >= HISTORY_WEEKS * 5 - 4 - 4  # a missed day a week at most, sometimes
        first = min(r.start for r in past).astimezone().date()
        assert today - first < timedelta(weeks=HISTORY_WEEKS)
        assert today - first >= timedelta(weeks=HISTORY_WEEKS - 1)
    finally:
        simulator.stop()


def test_the_demo_history_reaches_the_window_through_the_worker(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    simulator = start_demo_portal()
    url = simulator.webhook_url(DEMO_USER_ID)
    clock = FakeClock(datetime.now(UTC).timestamp())
    rig = launch(
        qtbot,
        monkeypatch,
        tmp_path,
        FakeClient(workday(DayState.OPENED), clock=clock),  # not asked: the simulator is
        clock,
        zone=datetime.now().astimezone().tzinfo or ZONE,
        factory=lambda: TimemanClient(Webhook.parse(url)),
    )
    try:
        rig.app.tray.history.trigger()
        window = rig.app.history_window
        assert window is not None
        rig.wait(window.refresh_button.isEnabled, timeout=15_000)
        assert window.note.text() == "Shown from the portal and this computer's journal."
        assert len(window.days) >= 3 * 5 - 3
        QApplication.processEvents()
    finally:
        stop(rig)
        simulator.stop()


def test_the_portal_client_is_only_handed_out_on_the_worker(rig: AppRig) -> None:
    with pytest.raises(RuntimeError, match="only used on the portal worker's thread"):
        rig.controller.portal_client()
    number = rig.controller.call(lambda: rig.controller.portal_client() is rig.client)
    results: list[object] = []
    rig.controller.taskFinished.connect(
        lambda seq, value, error: results.append((value, error)) if seq == number else None
    )
    rig.wait(lambda: bool(results))
    assert results == [(True, None)]


# -- the week's figure knows the days worked elsewhere --------------------------------------


def elsewhere(record_id: int, day: int, hours: int, *, status: str = "closed") -> dict[str, object]:
    """A record made elsewhere (the browser): ``hours`` worked from 08:00 on ``day`` March."""
    start = datetime(2025, 3, day, 8, 0, tzinfo=ZONE)
    return {
        "id": record_id,
        "userId": 7,
        "startTime": start.isoformat(),
        "endTime": None if status == "opened" else (start + timedelta(hours=hours)).isoformat(),
        "duration": hours * 3600,
        "breakLength": 0,
        "state": {"status": status},
        "isApproved": False,
    }


ELSEWHERE = [
    elsewhere(51, 24, 11),  # Monday
    elsewhere(52, 25, 11),
    elsewhere(53, 26, 11),  # Wednesday: the journal has 8 h of it from this computer
    elsewhere(54, 27, 1, status="opened"),  # today, as the portal last saw it: 1 h, running
]


def record_reads(client: FakeClient) -> int:
    return client.methods().count("read:timeman.record.list:v3")


def week_done(rig: AppRig) -> timedelta:
    plan = rig.controller.view().plan
    assert plan is not None
    return plan.week_done


@pytest.fixture
def busy_week(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: FakeClock
) -> Iterator[AppRig]:
    client = FakeClient(
        workday(DayState.OPENED),
        clock=clock,
        settings=PortalSettings(min_duration=timedelta(hours=7)),
    )
    client.records = list(ELSEWHERE)
    with Journal.open(tmp_path / "journal.sqlite3", account=ACCOUNT) as journal:
        journal.record_status(
            workday(
                DayState.CLOSED,
                start=YESTERDAY,
                finish=YESTERDAY + timedelta(hours=8),
                duration=timedelta(hours=8),
                record_id=53,
            ),
            YESTERDAY + timedelta(hours=9),
        )
    running = launch(qtbot, monkeypatch, tmp_path, client, clock)
    yield running
    stop(running)


def test_the_week_counts_days_worked_elsewhere_without_history_being_opened(
    busy_week: AppRig,
) -> None:
    rig = busy_week
    # 3 x 11 h from the records, today once: the live 2:00, not the portal's stale 1:00 on top.
    expected = timedelta(hours=35)
    rig.wait(lambda: rig.controller.planner is not None and week_done(rig) == expected)
    assert rig.app.history_window is None, "History was not opened"
    assert record_reads(rig.client) == 1
    panel = StatusPanel(rig.app.tray)
    panel.show_view(rig.controller.view())
    assert panel.week_figure.text() == "35:00 of 35:00"
    panel.close()
    # The tooltip tells the day (today's live 2:00, as History's row for today below) and the
    # week, to the minute as the panel.
    assert rig.app.tray.icon.toolTip() == (
        "Working · 2:00 · breaks 0:00 · since 08:00 · until 17:45\nThis week: 35:00 of 35:00"
    )

    # Polls do not read the records again.
    for _ in range(3):
        rig.clock.advance(60)
        rig.timers.poll.fire()
        rig.wait_idle()
    assert record_reads(rig.client) == 1
    assert week_done(rig) == expected + timedelta(minutes=3)

    # History shows the same week, to the minute.
    rig.app.tray.history.trigger()
    window = rig.app.history_window
    assert window is not None
    rig.wait(window.refresh_button.isEnabled)
    monday = date(2025, 3, 24)
    shown = sum(
        (totals.worked for day, totals in window.days.items() if day >= monday), timedelta()
    )
    assert shown // timedelta(minutes=1) == week_done(rig) // timedelta(minutes=1)
    assert window.days[date(2025, 3, 27)].worked // timedelta(minutes=1) == 2 * 60 + 3
    assert record_reads(rig.client) == 2, "History reads for itself, once"


def test_the_week_is_read_again_after_the_day_changes_and_not_per_poll(
    busy_week: AppRig,
) -> None:
    rig = busy_week
    rig.wait(lambda: record_reads(rig.client) == 1)
    rig.wait_idle()
    rig.clock.advance(16 * 3600)  # past local midnight: Friday
    rig.timers.poll.fire()
    rig.wait(lambda: record_reads(rig.client) == 2)
    rig.wait_idle()
    for _ in range(3):
        rig.clock.advance(60)
        rig.timers.poll.fire()
        rig.wait_idle()
    assert record_reads(rig.client) == 2


def test_a_failed_read_keeps_the_journals_week_and_is_retried_later(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: FakeClock
) -> None:
    client = FakeClient(workday(DayState.OPENED), clock=clock)
    client.records = list(ELSEWHERE)
    original = client.read
    failures = [UnavailableError("The portal did not answer.", http_status=503)]

    def read(method: str, params: object = None, *, rest_v3: bool = False) -> Answer:
        if failures:  # the first read of the records fails (the status reads do not)
            client.fail(failures.pop())
        return original(method, params, rest_v3=rest_v3)

    monkeypatch.setattr(client, "read", read)
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock)
    try:
        rig.wait(lambda: record_reads(client) == 1 and rig.controller.planner is not None)
        rig.wait_idle()
        assert week_done(rig) == timedelta(hours=2), "the journal's own figure: today"
        for _ in range(5):  # polls within the quarter of an hour: no new read
            clock.advance(60)
            rig.timers.poll.fire()
            rig.wait_idle()
        assert record_reads(client) == 1
        clock.advance(15 * 60)
        rig.timers.poll.fire()
        rig.wait(lambda: record_reads(client) == 2)
        rig.wait(lambda: week_done(rig) > timedelta(hours=30))
        assert week_done(rig) == timedelta(hours=35, minutes=20)
    finally:
        stop(rig)


def test_on_the_simulator_the_panel_and_history_agree_on_a_week_worked_elsewhere(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: FakeClock
) -> None:
    # The portal's clock and the app's agree: Thursday 27 March 2025, 10:00:30 +02:00.
    sim_clock = SimClock(start=datetime.fromtimestamp(clock.now, ZONE))
    user = SimUser(user_id=7, secret="w33kS3cr3tW3bh00k", timezone=7200)
    simulator = PortalSimulator(clock=sim_clock, users=[user], tls=False, allow_http=True)
    simulator.start()
    simulator.seed_history(  # Monday to Wednesday in the browser, 11 hours each
        7,
        [
            PastDay(
                datetime(2025, 3, day, 8, 0, tzinfo=ZONE),
                datetime(2025, 3, day, 19, 0, tzinfo=ZONE),
            )
            for day in (24, 25, 26)
        ],
    )
    simulator.seed_day(7, "OPENED", start=START)
    url = simulator.webhook_url(7)
    rig = launch(
        qtbot,
        monkeypatch,
        tmp_path,
        FakeClient(workday(DayState.OPENED), clock=clock),  # not asked: the simulator is
        clock,
        factory=lambda: TimemanClient(Webhook.parse(url), clock=clock),
    )

    def reads() -> int:
        return [r.rest_method for r in simulator.requests].count("timeman.record.list")

    try:
        expected = timedelta(hours=35)  # 3 x 11 h and today's 2:00, once
        rig.wait(lambda: rig.controller.planner is not None and week_done(rig) == expected)
        assert rig.app.history_window is None
        assert reads() == 1
        panel = StatusPanel(rig.app.tray)
        panel.show_view(rig.controller.view())
        assert panel.week_figure.text() == "35:00 of 40:00"
        panel.close()
        assert rig.app.tray.icon.toolTip().startswith("Working · 2:00 · ")
        for _ in range(3):  # polls: no new read
            clock.advance(60)
            sim_clock.advance(60)
            rig.timers.poll.fire()
            rig.wait_idle()
        assert reads() == 1

        rig.app.tray.history.trigger()
        window = rig.app.history_window
        assert window is not None
        rig.wait(lambda: reads() == 2 and window.refresh_button.isEnabled(), timeout=15_000)
        monday = date(2025, 3, 24)
        shown = sum((t.worked for d, t in window.days.items() if d >= monday), timedelta())
        assert shown // timedelta(minutes=1) == week_done(rig) // timedelta(minutes=1)

        clock.advance(16 * 3600)  # Friday, after local midnight: the week is read again
        sim_clock.advance(16 * 3600)
        rig.timers.poll.fire()
        rig.wait(lambda: reads() == 3, timeout=15_000)
    finally:
        stop(rig)
        simulator.stop()
