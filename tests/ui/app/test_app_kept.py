"""The app and its kept clicks (issue 12): the store beside the history journal, the panel's
box wired to the controller (in the tray's panel and the same way in the window without a
tray), a CLI-kept click shown on the CLI's nudge."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import ACCOUNT, launch, settings, stop
from tests.ui.fakes import FakeClient, FakeClock, workday
from tray_app.api.errors import UnavailableError
from tray_app.core.actions import Action
from tray_app.core.kept_clicks import KeptAction, SystemClock
from tray_app.core.workday import DayState
from tray_app.history.kept_store import KeptStore
from tray_app.services.kept_sending import keep_click

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def pending(path: Path) -> list[KeptAction]:
    with KeptStore.open(path, account=ACCOUNT) as store:
        return [click.action for click in store.pending()]


def test_a_click_kept_from_the_menu_is_discarded_from_the_panel(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clock = FakeClock()
    client = FakeClient(workday(DayState.OPENED), clock=clock)
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock)
    kept_file = tmp_path / "kept.sqlite3"
    try:
        client.fail(UnavailableError("Cannot connect to the portal.", sent=False))
        rig.app.tray.day_actions[Action.CLOSE].trigger()
        rig.wait(lambda: rig.controller.view().kept is not None)
        assert pending(kept_file) == [KeptAction.CLOSE]  # beside the journal, for the account
        assert "kept, will be sent when the portal answers" in rig.app.tray.icon.toolTip()
        rig.app.show_panel()
        panel = rig.app.panel
        assert panel is not None
        rig.wait(panel.kept_box.isVisible)
        rig.wait_idle()
        rig.wait(panel.kept_box.discard.isVisible)
        panel.kept_box.discard.click()
        rig.wait(lambda: rig.controller.view().kept is None)
        assert pending(kept_file) == []
    finally:
        stop(rig)


def test_the_clis_nudge_shows_the_click_it_kept(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clock = FakeClock()
    client = FakeClient(workday(DayState.OPENED), clock=clock)
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock, settings=settings())
    try:
        with KeptStore.open(tmp_path / "kept.sqlite3", account=ACCOUNT) as store:
            keep_click(store, KeptAction.PAUSE, SystemClock(), last_known=None)
        rig.app._command("refresh")  # what the CLI sends a running tray
        rig.wait(lambda: rig.controller.view().kept is not None)
        note = rig.controller.view().kept
        assert note is not None
        assert note.click.action is KeptAction.PAUSE
    finally:
        stop(rig)
