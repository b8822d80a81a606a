"""The tray menu, icon and status panel in every state (pytest-qt, offscreen)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from tests.ui.fakes import START, T0, ZONE, reading, view_of, workday
from tray_app.core.actions import Action
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.summary import EN_DASH
from tray_app.core.workday import DayState
from tray_app.ui.shared.icons import IconSpec, IconState
from tray_app.ui.shared.viewstate import Phase, PlanFigures, ViewState, compute_view
from tray_app.ui.shell.panel import StatusPanel
from tray_app.ui.shell.tray import TrayView, icon_spec

NOW = datetime.fromtimestamp(T0, ZONE)
MENU_ACTIONS = (
    "action_open",
    "action_pause",
    "action_resume",
    "action_close",
    "action_change_start",
    "action_close_at",
    "action_close_expired",
)


@pytest.fixture
def tray(qtbot: QtBot) -> TrayView:
    del qtbot  # the QApplication
    return TrayView()


def enabled(tray: TrayView) -> set[str]:
    return {
        action.objectName()
        for action in tray.menu.actions()
        if action.objectName() in MENU_ACTIONS and action.isEnabled() and action.isVisible()
    }


@pytest.mark.parametrize(
    ("state", "header", "actions"),
    [
        (
            DayState.OPENED,
            "Working · 1:45 · breaks 0:15 · since 08:00",
            {"action_pause", "action_close", "action_close_at"},
        ),
        (
            DayState.PAUSED,
            "On a break · 0:55 · breaks 1:05 · since 08:00",
            {"action_resume", "action_close", "action_close_at"},
        ),
        (
            DayState.CLOSED,
            "Day closed · 7:30 · breaks 0:30 · 08:00\u201316:00",
            # Closed today: Start resumes it, and the portal refuses a start time there.
            {"action_open"},
        ),
        (
            DayState.EXPIRED,
            "Day left open · started Wed 26 Mar 08:00 · suggested end 17:00",
            {"action_close_expired"},
        ),
    ],
)
def test_the_menu_in_each_state(
    tray: TrayView, state: DayState, header: str, actions: set[str]
) -> None:
    tray.render(view_of(state))
    assert tray.header.text() == header
    assert not tray.header.isEnabled()
    assert tray.icon.toolTip() == header
    assert enabled(tray) == actions
    assert tray.close_expired.isVisible() is (state is DayState.EXPIRED)
    for name in ("action_refresh", "action_settings", "action_log_folder", "action_about"):
        assert tray.menu.findChild(type(tray.header), name) is not None


def test_the_forgotten_day_comes_first(tray: TrayView) -> None:
    tray.render(view_of(DayState.EXPIRED))
    visible = [a.objectName() for a in tray.menu.actions() if a.isVisible() and a.objectName()]
    assert visible[:2] == ["header", "action_close_expired"]


def test_busy_offers_nothing(tray: TrayView) -> None:
    tray.render(view_of(DayState.OPENED, busy=True))
    assert enabled(tray) == set()
    assert not tray.refresh.isEnabled()


def test_stale_keeps_the_day_and_says_offline(tray: TrayView) -> None:
    tray.render(view_of(DayState.OPENED, stale=True, last_error="Cannot connect to portal."))
    assert tray.header.text().endswith(" · offline")
    assert tray.icon.toolTip().endswith("\nCannot connect to portal.")
    assert enabled(tray) == {"action_pause", "action_close", "action_close_at"}


@pytest.mark.parametrize(
    ("view", "spec"),
    [
        (ViewState(phase=Phase.LOADING), IconSpec(IconState.LOADING)),
        (ViewState(phase=Phase.SIGNED_OUT), IconSpec(IconState.SIGNED_OUT)),
        (view_of(DayState.OPENED), IconSpec(IconState.OPENED)),
        (view_of(DayState.PAUSED, busy=True), IconSpec(IconState.PAUSED, busy=True)),
        (view_of(DayState.EXPIRED, stale=True), IconSpec(IconState.EXPIRED, stale=True)),
    ],
)
def test_the_icon_follows_the_state(view: ViewState, spec: IconSpec) -> None:
    assert icon_spec(view, paint_time=False) == spec


def test_the_time_is_painted_only_when_asked() -> None:
    view = view_of(DayState.OPENED)
    assert icon_spec(view, paint_time=True).text == "1:45"
    assert icon_spec(view_of(DayState.EXPIRED), paint_time=True).text is None


def test_menu_items_send_their_signals(tray: TrayView, qtbot: QtBot) -> None:
    tray.render(view_of(DayState.OPENED))
    with qtbot.waitSignal(tray.actionRequested) as pause:
        tray.day_actions[Action.PAUSE].trigger()
    assert pause.args == [Action.PAUSE]
    with qtbot.waitSignal(tray.reportRequested) as report:
        tray.close_at.trigger()
    assert report.args == ["close"]
    for action, signal in (
        (tray.refresh, tray.refreshRequested),
        (tray.history, tray.historyRequested),
        (tray.settings, tray.settingsRequested),
        (tray.quit, tray.quitRequested),
        (tray.about, tray.aboutRequested),
        (tray.log_folder, tray.logFolderRequested),
    ):
        with qtbot.waitSignal(signal):
            action.trigger()


def test_open_in_bitrix24_needs_an_address(tray: TrayView) -> None:
    tray.render(view_of(DayState.OPENED))
    assert not tray.open_portal.isEnabled()
    tray.set_portal_known(True)
    assert tray.open_portal.isEnabled()


def test_the_panel_shows_the_day_and_only_applicable_buttons(tray: TrayView, qtbot: QtBot) -> None:
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    tray.render(view_of(DayState.PAUSED))
    panel.show_view(tray.view)  # type: ignore[arg-type]
    assert panel.title.text() == "On a break"
    assert panel.figures.text() == "Worked 0:55 · breaks 1:05"
    assert panel.times.text() == "Started at 08:00"
    shown = {button.objectName() for button, _action in panel.buttons if not button.isHidden()}
    assert shown == {
        "panel_action_resume",
        "panel_action_close",
        "panel_action_close_at",
        "panel_action_history",
        "panel_action_settings",
    }
    with qtbot.waitSignal(tray.actionRequested) as resume:
        next(b for b, _a in panel.buttons if b.objectName() == "panel_action_resume").click()
    assert resume.args == [Action.RESUME]


def test_the_panel_for_a_forgotten_day(tray: TrayView, qtbot: QtBot) -> None:
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    tray.render(view_of(DayState.EXPIRED))
    panel.show_view(tray.view)  # type: ignore[arg-type]
    assert panel.title.text() == "Day left open"
    assert panel.times.text() == "Suggested end: 17:00"
    shown = {button.objectName() for button, _action in panel.buttons if not button.isHidden()}
    assert shown == {
        "panel_action_close_expired",
        "panel_action_history",
        "panel_action_settings",
    }


def test_the_panel_for_a_closed_day_of_yesterday(tray: TrayView, qtbot: QtBot) -> None:
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    yesterday = workday(
        DayState.CLOSED,
        start=START - timedelta(days=1),
        finish=START - timedelta(days=1) + timedelta(hours=8),
        duration=timedelta(hours=7, minutes=30),
        leaks=timedelta(minutes=30),
    )
    view = compute_view(reading(yesterday), PortalSettings(), NOW)
    tray.render(view)
    panel.show_view(view)
    assert panel.title.text() == "No workday today"
    assert panel.figures.text() == "Last day Wed 26 Mar: worked 7:30 · breaks 0:30"
    assert panel.times.text() == f"08:00{EN_DASH}16:00"


def test_the_panel_offers_to_try_again_while_offline(tray: TrayView, qtbot: QtBot) -> None:
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    tray.render(view_of(DayState.OPENED))
    panel.show_view(tray.view)  # type: ignore[arg-type]
    assert panel.retry.isHidden()
    offline = view_of(DayState.OPENED, stale=True, last_error="Cannot connect to portal.")
    tray.render(offline)
    panel.show_view(offline)
    assert not panel.retry.isHidden()
    assert panel.note.text() == (
        "The portal is unreachable; showing the last known state.\nCannot connect to portal."
    )
    with qtbot.waitSignal(tray.refreshRequested):
        panel.retry.click()
    busy = view_of(DayState.OPENED, stale=True, busy=True)
    tray.render(busy)
    panel.show_view(busy)
    assert panel.retry.isHidden(), "a read on its way: nothing to press"


def test_the_panel_signed_out(tray: TrayView, qtbot: QtBot) -> None:
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    view = ViewState(phase=Phase.SIGNED_OUT, headline="Not signed in", last_error="No keyring.")
    tray.render(view)
    panel.show_view(view)
    assert panel.title.text() == "Not signed in"
    assert panel.note.text() == "No keyring."


def test_an_open_menu_whose_header_grows_stays_on_screen(tray: TrayView, qtbot: QtBot) -> None:
    tray.render(view_of(DayState.CLOSED))
    screen = tray.menu.screen().availableGeometry()
    tray.menu.popup(QPoint(screen.right() - tray.menu.sizeHint().width() - 2, screen.top() + 10))
    qtbot.waitUntil(tray.menu.isVisible)
    before = tray.menu.geometry()
    assert before.right() <= screen.right()
    stale = view_of(DayState.CLOSED, stale=True, answered_at=NOW - timedelta(minutes=40))
    tray.render(stale)  # the read that opening the menu asked for failed: a longer header
    after = tray.menu.geometry()
    assert after.width() > before.width(), "the header's age made the menu wider"
    assert after.right() <= screen.right(), "still wholly on screen"
    assert after.left() < before.left()
    tray.menu.hide()


def test_the_tooltip_adds_the_weeks_figure_once_the_plan_is_known(tray: TrayView) -> None:
    opened = view_of(DayState.OPENED)
    tray.render(dataclasses.replace(opened, plan=None))
    assert "\n" not in tray.icon.toolTip(), "no plan yet: no week line"
    hours = timedelta(hours=1)
    planned = PlanFigures(week_done=31 * hours + timedelta(minutes=5), week_planned=40 * hours)
    tray.render(dataclasses.replace(opened, plan=planned))
    line, week = tray.icon.toolTip().split("\n")
    assert line == tray.header.text()
    assert week == "This week: 31:05 of 40:00"
    unplanned = PlanFigures(week_done=2 * hours)
    tray.render(dataclasses.replace(opened, plan=unplanned, last_error="The portal is busy."))
    assert tray.icon.toolTip().split("\n")[1:] == ["This week: 2:00", "The portal is busy."]
    tray.render(dataclasses.replace(opened, plan=planned, phase=Phase.LOADING))
    assert "This week" not in tray.icon.toolTip()


def test_only_a_changed_icon_or_tooltip_goes_to_the_tray_host(
    tray: TrayView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each new icon or tooltip is a D-Bus signal (SNI) or a repaint: a view that changes
    neither sends nothing; a minute more changes the tooltip only, a pause the icon too."""
    icons: list[QIcon] = []
    tooltips: list[str] = []
    set_icon, set_tooltip = tray.icon.setIcon, tray.icon.setToolTip

    def icon_sent(icon: QIcon) -> None:
        icons.append(icon)
        set_icon(icon)

    def tooltip_sent(text: str) -> None:
        tooltips.append(text)
        set_tooltip(text)

    monkeypatch.setattr(tray.icon, "setIcon", icon_sent)
    monkeypatch.setattr(tray.icon, "setToolTip", tooltip_sent)
    opened = view_of(DayState.OPENED)
    tray.render(opened)
    assert (len(icons), len(tooltips)) == (1, 1)
    tray.render(dataclasses.replace(opened, actions=()))  # the menu changes only
    assert (len(icons), len(tooltips)) == (1, 1)
    day = reading(workday(DayState.OPENED, leaks=timedelta(minutes=15)))
    later = compute_view(day, PortalSettings(), NOW + timedelta(minutes=1))
    tray.render(later)
    assert (len(icons), len(tooltips)) == (1, 2)
    assert tooltips[-1] != tooltips[0]
    tray.render(view_of(DayState.PAUSED))
    assert (len(icons), len(tooltips)) == (2, 3)
    assert tray.icon.toolTip() == tooltips[-1]
