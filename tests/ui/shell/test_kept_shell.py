# ruff: noqa: RUF001 - Russian text is what this file checks (its letters look like Latin ones)
"""Kept clicks as the tray shows them (issue 12): the badge on the icon, the tooltip's line, the
panel's box with Send now / Discard / a new time, and the day shown with the click applied; in
English and in Russian. The screenshots land in artifacts/ for a person to look at."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import artifacts
from tests.ui.fakes import START, T0, ZONE, reading, workday
from tray_app.core.actions import Action
from tray_app.core.kept_clicks import KeptAction, KeptClick, mark_of
from tray_app.core.kept_projection import projected_day
from tray_app.core.kept_rules import Ask, AskWhy, Conflict, ConflictWhy, Send
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import DayState
from tray_app.ui.shared.icons import render
from tray_app.ui.shared.kept_note import KeptNote, KeptStage
from tray_app.ui.shared.viewstate import ViewState, compute_view
from tray_app.ui.shell.panel import StatusPanel
from tray_app.ui.shell.tray import TrayView, icon_spec

pytestmark = pytest.mark.gui

NOW = datetime.fromtimestamp(T0, ZONE)
CLICKED = datetime(2025, 3, 27, 9, 45, tzinfo=ZONE)
OPENED = workday(DayState.OPENED)
LINES = {
    "en": {
        KeptStage.WAITING: "Close at 09:45 kept, will be sent when the portal answers",
        KeptStage.SENDING: "Close at 09:45 kept: sending it now…",
        KeptStage.CONFLICT: "Close at 09:45 kept, not sent",
        "send": "Send now",
        "discard": "Discard",
        "retime": "Close at…",
        "elsewhere": "The workday changed elsewhere since the click, so it was not sent. "
        "The portal has: closed, 08:00-09:50.",
    },
    "ru": {
        KeptStage.WAITING: "Сохранено: Завершение в 09:45; будет отправлено, когда портал ответит",
        KeptStage.SENDING: "Сохранено: Завершение в 09:45; отправляется…",
        KeptStage.CONFLICT: "Сохранено: Завершение в 09:45; не отправлено",
        "send": "Отправить сейчас",
        "discard": "Отменить",
        "retime": "Завершить в…",
        "elsewhere": "Рабочий день после нажатия изменили в другом месте, поэтому нажатие не "
        "отправлено. На портале: завершён, 08:00-09:50.",
    },
}


def kept_close(action: KeptAction = KeptAction.CLOSE) -> KeptClick:
    return KeptClick("c1", action, CLICKED, None, mark_of(OPENED))


def kept_view(note: KeptNote) -> ViewState:
    shown = replace(reading(OPENED), workday=projected_day(OPENED, [note.click]))
    return compute_view(shown, PortalSettings(), NOW, stale=True, kept=note)


@pytest.mark.parametrize("stage", [KeptStage.WAITING, KeptStage.SENDING])
def test_the_tooltip_and_the_panel_say_the_click_is_kept(
    lang: str, stage: KeptStage, qtbot: QtBot
) -> None:
    tray = TrayView()
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    view = kept_view(KeptNote(kept_close(), 1, stage))
    tray.render(view)
    panel.show_view(view)
    line = LINES[lang][stage]
    assert tray.icon.toolTip().split("\n")[1] == line
    assert panel.kept_box.line.text() == line
    assert not panel.kept_box.isHidden()
    assert panel.kept_box.detail.isHidden()
    waiting = stage is KeptStage.WAITING
    assert panel.kept_box.send.isHidden() is not waiting
    assert panel.kept_box.discard.isHidden() is not waiting
    assert panel.kept_box.retime.isHidden()
    if waiting:
        assert panel.kept_box.send.text() == LINES[lang]["send"]
        assert panel.kept_box.discard.text() == LINES[lang]["discard"]
        panel.show()
        qtbot.waitExposed(panel)
        assert panel.grab().save(str(artifacts() / f"panel-kept-{lang}.png"))
        panel.hide()


def test_the_day_shown_follows_the_kept_close(qtbot: QtBot) -> None:
    tray = TrayView()
    view = kept_view(KeptNote(kept_close(), 1, KeptStage.WAITING))
    tray.render(view)
    assert view.day_state is DayState.CLOSED
    assert view.worked == CLICKED - START  # the clock stopped at the click
    assert Action.OPEN in view.actions  # what follows the kept close is offered
    assert not tray.close_at.isEnabled()  # a time now would overtake the kept click
    assert not tray.change_start.isEnabled()


def test_a_change_elsewhere_offers_discard_and_a_new_time(lang: str, qtbot: QtBot) -> None:
    tray = TrayView()
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    portal = replace(
        OPENED, state=DayState.CLOSED, finished_at=datetime(2025, 3, 27, 9, 50, tzinfo=ZONE)
    )
    stop = Conflict(kept_close(), ConflictWhy.CHANGED_ELSEWHERE, portal)
    note = KeptNote(kept_close(), 1, KeptStage.CONFLICT, stop)
    panel.show_view(kept_view(note))
    box = panel.kept_box
    assert box.line.text() == LINES[lang][KeptStage.CONFLICT]
    assert box.detail.text() == LINES[lang]["elsewhere"]
    assert box.send.isHidden()  # sending it would double what was done elsewhere
    assert not box.discard.isHidden()
    assert not box.retime.isHidden()
    assert box.retime.text() == LINES[lang]["retime"]
    chosen: list[object] = []
    tray.keptDiscardRequested.connect(chosen.append)
    tray.keptRetimeRequested.connect(chosen.append)
    box.discard.click()
    box.retime.click()
    assert chosen == ["c1", note]
    if lang == "ru":
        panel.show()
        qtbot.waitExposed(panel)
        assert panel.grab().save(str(artifacts() / "panel-kept-conflict-ru.png"))


def test_a_kept_pause_offers_pause_now(qtbot: QtBot) -> None:
    tray = TrayView()
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    click = kept_close(KeptAction.PAUSE)
    now_send = Send(click, Action.PAUSE, None, None, mark_of(OPENED), NOW)
    note = KeptNote(
        click, 2, KeptStage.ASK, Ask(click, AskWhy.PAUSE_NOT_BACKDATED, OPENED, now_send)
    )
    panel.show_view(kept_view(note))
    box = panel.kept_box
    assert box.line.text() == (
        "Pause at 09:45 kept: your choice is needed (and 1 more kept after it)"
    )
    assert "counts as work" in box.detail.text()
    assert box.send.text() == "Pause now"
    sent: list[str] = []
    tray.keptSendRequested.connect(sent.append)
    box.send.click()
    assert sent == ["c1"]


def test_the_icon_carries_the_kept_badge() -> None:
    view = kept_view(KeptNote(kept_close(), 1, KeptStage.WAITING))
    spec = icon_spec(view, paint_time=True)
    assert spec.kept
    plain = icon_spec(replace(view, kept=None), paint_time=True)
    assert not plain.kept
    assert render(spec, 64) != render(plain, 64)
    for size in (22, 64):
        assert render(spec, size).save(str(artifacts() / f"icon-kept-{size}.png"))
    busy = icon_spec(replace(view, busy=True), paint_time=False)
    assert render(busy, 64) == render(replace(busy, kept=False), 64)  # on its way says more
