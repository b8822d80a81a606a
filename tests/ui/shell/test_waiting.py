# ruff: noqa: RUF001 - Russian text is what this file checks (its letters look like Latin ones)
"""An own action waiting for the portal, as the tray shows it: the hourglass on the icon, the
tooltip's and the panel's sentence with the seconds to the next try, no second click offered;
in English and in Russian. The screenshots land in artifacts/ for a person to look at."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import artifacts
from tests.ui.fakes import T0, ZONE, reading, workday
from tray_app.core.actions import Action
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import DayState
from tray_app.ui.shared.icons import render
from tray_app.ui.shared.viewstate import ViewState, Waiting, WaitReason, compute_view
from tray_app.ui.shell.panel import StatusPanel
from tray_app.ui.shell.tray import DAY_ACTIONS, TrayView, icon_spec

pytestmark = pytest.mark.gui

NOW = datetime.fromtimestamp(T0, ZONE)
LINES = {
    "en": {
        WaitReason.BUSY: "Closing… waiting for the portal, busy: trying again in 4 s",
        WaitReason.UNREACHABLE: "Closing… waiting for the portal, unreachable: trying again in 4 s",
        WaitReason.CHECKING: (
            "Closing… the answer was lost: reading the day in 4 s to see whether it took effect"
        ),
        "now": "Closing… waiting for the portal, busy: trying again now",
    },
    "ru": {
        WaitReason.BUSY: "Закрытие дня… ждём портал, он занят: новая попытка через 4 с",
        WaitReason.UNREACHABLE: (
            "Закрытие дня… ждём портал, он недоступен: новая попытка через 4 с"
        ),
        WaitReason.CHECKING: (
            "Закрытие дня… ответ потерян: через 4 с прочитаем день, чтобы узнать, сработало ли"
        ),
        "now": "Закрытие дня… ждём портал, он занят: пробуем снова",
    },
}


def waiting_view(reason: WaitReason = WaitReason.BUSY, retry_in: int | None = 4) -> ViewState:
    return compute_view(
        reading(workday(DayState.OPENED)),
        PortalSettings(),
        NOW,
        waiting=Waiting(Action.CLOSE, reason, retry_in),
    )


@pytest.mark.parametrize("reason", list(WaitReason))
def test_the_tooltip_and_the_panel_say_what_the_click_waits_for(
    lang: str, reason: WaitReason, qtbot: QtBot
) -> None:
    tray = TrayView()
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    view = waiting_view(reason)
    tray.render(view)
    panel.show_view(view)
    line = LINES[lang][reason]
    assert tray.icon.toolTip().split("\n")[1] == line
    assert panel.note.text().split("\n")[0] == line
    assert not panel.note.isHidden()
    for action in DAY_ACTIONS:
        assert not tray.day_actions[action].isEnabled(), f"{action}: no second click meanwhile"
    assert not tray.close_at.isEnabled()
    assert not tray.refresh.isEnabled()
    shown = {button.objectName() for button, _action in panel.buttons if not button.isHidden()}
    assert not shown & {"panel_action_close", "panel_action_pause", "panel_action_close_at"}
    if reason is WaitReason.BUSY:
        panel.show()
        qtbot.waitExposed(panel)
        assert panel.grab().save(str(artifacts() / f"panel-waiting-{lang}.png"))
        panel.hide()


def test_a_try_on_its_way_says_now(lang: str) -> None:
    tray = TrayView()
    tray.render(waiting_view(retry_in=None))
    assert tray.icon.toolTip().split("\n")[1] == LINES[lang]["now"]


def test_the_icon_carries_the_hourglass_while_waiting() -> None:
    view = waiting_view()
    assert view.busy
    spec = icon_spec(view, paint_time=True)
    assert spec.busy
    plain = compute_view(reading(workday(DayState.OPENED)), PortalSettings(), NOW)
    assert not icon_spec(plain, paint_time=True).busy
    for size in (22, 64):
        image = render(spec, size)
        assert image.save(str(artifacts() / f"icon-waiting-{size}.png"))
    assert render(spec, 64) != render(icon_spec(plain, paint_time=True), 64)


def test_when_the_wait_is_over_the_clicks_come_back() -> None:
    tray = TrayView()
    tray.render(waiting_view())
    tray.render(compute_view(reading(workday(DayState.OPENED)), PortalSettings(), NOW))
    assert tray.day_actions[Action.CLOSE].isEnabled()
    assert tray.day_actions[Action.PAUSE].isEnabled()
    assert "\n" not in tray.icon.toolTip() or "waiting" not in tray.icon.toolTip()
