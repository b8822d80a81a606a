"""The plan in the running tray: the header and tooltip add the expected end or the overtime,
the status panel shows the day's and the week's bars (the week from the journal), and nothing
of it without a plan. The plan arrives after the first status, never before it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import ACCOUNT, AppRig, launch, stop
from tests.ui.fakes import ZONE, FakeClient, FakeClock, workday
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import DayState
from tray_app.history.journal import Journal
from tray_app.ui.shared.viewstate import Phase, ViewState
from tray_app.ui.shell import tray as tray_module
from tray_app.ui.shell.panel import StatusPanel

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

H, M = timedelta(hours=1), timedelta(minutes=1)
# Thursday 27 March 2025 (+02:00): started 09:02, a 15-minute break; the portal plans 8:48.
START = datetime(2025, 3, 27, 9, 2, tzinfo=ZONE)
NOW = datetime(2025, 3, 27, 12, 58, 30, tzinfo=ZONE)
PORTAL = PortalSettings(min_duration=8 * H + 48 * M)
UNTIL = "Working · 3:41 · breaks 0:15 · since 09:02 · until 18:05"


def past_day(journal: Journal, days_back: int, worked: timedelta) -> None:
    start = START - timedelta(days=days_back)
    journal.record_status(
        workday(
            DayState.CLOSED,
            start=start,
            finish=start + worked + 30 * M,
            leaks=30 * M,
            duration=worked,
            record_id=100 - days_back,
        ),
        start + 10 * H,
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW.timestamp())


@pytest.fixture
def client(clock: FakeClock) -> FakeClient:
    day = workday(DayState.OPENED, start=START, leaks=15 * M)
    return FakeClient(day, clock=clock, settings=PORTAL)


@pytest.fixture
def rig(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    client: FakeClient,
    clock: FakeClock,
) -> Iterator[AppRig]:
    with Journal.open(tmp_path / "journal.sqlite3", account=ACCOUNT) as journal:
        past_day(journal, 3, 8 * H)  # Monday
        past_day(journal, 2, 9 * H)  # Tuesday
        past_day(journal, 1, 8 * H + 30 * M)  # Wednesday
        past_day(journal, 7, 8 * H)  # last week's Thursday: not this week
    running = launch(qtbot, monkeypatch, tmp_path, client, clock)
    running.wait(lambda: running.controller.view().plan is not None)
    yield running
    stop(running)


def panel_of(rig: AppRig, qtbot: QtBot) -> StatusPanel:
    rig.app.show_panel()
    panel = rig.app.panel
    assert panel is not None
    qtbot.waitExposed(panel)
    return panel


def test_the_first_status_comes_without_the_plan_and_the_plan_right_after(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    client: FakeClient,
    clock: FakeClock,
) -> None:
    headers: list[str] = []
    render = tray_module.TrayView.render

    def spy(self: tray_module.TrayView, view: ViewState) -> None:
        render(self, view)
        if view.phase is Phase.READY:
            headers.append(self.icon.toolTip())

    monkeypatch.setattr(tray_module.TrayView, "render", spy)
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock)
    try:
        rig.wait(lambda: len(headers) >= 2)
        # The week's line comes with the plan, as the panel's week bar does.
        assert headers[:2] == [
            "Working · 3:41 · breaks 0:15 · since 09:02",
            f"{UNTIL}\nThis week: 3:41 of 44:00",
        ]
    finally:
        stop(rig)


def test_the_header_and_tooltip_say_until_when(rig: AppRig) -> None:
    assert rig.app.tray.header.text() == UNTIL
    assert rig.app.tray.icon.toolTip() == f"{UNTIL}\nThis week: 29:11 of 44:00"


def test_past_the_end_they_say_the_overtime(rig: AppRig) -> None:
    rig.clock.advance((5 * 60 + 27) * 60)  # 18:25:30: a jump, read as a wake
    rig.timers.tick.fire()
    rig.wait_idle()
    expected = "Working · 9:08 · breaks 0:15 · since 09:02 · +0:20 overtime"
    rig.wait(lambda: rig.app.tray.header.text() == expected)
    assert rig.app.tray.icon.toolTip() == f"{expected}\nThis week: 34:38 of 44:00"


def test_the_panel_shows_the_day_and_the_week_against_the_plan(rig: AppRig, qtbot: QtBot) -> None:
    panel = panel_of(rig, qtbot)
    assert panel.times.text() == "Started at 09:02 · until 18:05"
    assert panel.plan.isVisible()
    assert (panel.day_label.text(), panel.day_figure.text()) == ("Today", "3:41 of 8:48")
    assert panel.day_bar.value() == round(221 / 528 * 1000)
    # Monday 8:00 + Tuesday 9:00 + Wednesday 8:30 from the journal, and today's 3:41.
    assert (panel.week_label.text(), panel.week_figure.text()) == ("This week", "29:11 of 44:00")
    assert panel.week_bar.value() == round((29 * 60 + 11) / (44 * 60) * 1000)
    panel.hide()


def test_the_panel_follows_the_minutes(rig: AppRig, qtbot: QtBot) -> None:
    panel = panel_of(rig, qtbot)
    views: list[ViewState] = []
    rig.controller.viewChanged.connect(views.append)
    for _ in range(29):  # up to 12:58:59: nothing shown changes
        rig.clock.advance(1)
        rig.timers.tick.fire()
    assert views == []
    rig.clock.advance(1)
    rig.timers.tick.fire()
    assert len(views) == 1
    assert panel.day_figure.text() == "3:42 of 8:48"
    assert panel.week_figure.text() == "29:12 of 44:00"
    panel.hide()


def test_without_time_tracking_there_is_no_plan_to_show(
    rig: AppRig, client: FakeClient, qtbot: QtBot
) -> None:
    client.settings = PortalSettings(tracking_enabled=False)
    rig.controller._polls.reset_count()  # the next poll reads the settings too
    rig.timers.poll.fire()
    rig.wait_idle()
    rig.wait(lambda: rig.controller.view().plan is None)
    assert "until" not in rig.app.tray.header.text()
    panel = panel_of(rig, qtbot)
    assert not panel.plan.isVisible()
    assert panel.times.text() == "Started at 09:02"
    panel.hide()


def test_a_day_off_hides_the_days_bar_but_not_the_weeks(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    saturday = START + timedelta(days=2)
    clock = FakeClock((NOW + timedelta(days=2)).timestamp())
    client = FakeClient(workday(DayState.OPENED, start=saturday), clock=clock, settings=PORTAL)
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock)
    try:
        rig.wait(lambda: rig.controller.view().plan is not None)
        assert rig.app.tray.header.text() == (
            "Working · 3:56 · breaks 0:00 · since 09:02 · +3:56 overtime"
        )
        panel = panel_of(rig, qtbot)
        assert panel.plan.isVisible()
        assert not panel.day_bar.isVisible()
        assert not panel.day_label.isVisible()
        assert panel.week_bar.isVisible()
        assert panel.week_figure.text() == "3:56 of 44:00"
        panel.hide()
    finally:
        stop(rig)
