"""The running tray under an administrator's policy: it polls no faster than the policy allows,
uses the locked values, and a bad policy is named once in the log and once in a notification
while the app still starts."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import PORTAL, launch, stop
from tests.ui.fakes import FakeClient, FakeClock, workday
from tray_app.config.settings import Settings
from tray_app.core.workday import DayState

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]


def write_policy(document: object) -> None:
    folder = Path(os.environ["XDG_CONFIG_DIRS"]) / "timeman-tray"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "policy.json").write_text(json.dumps(document), encoding="utf-8")


def test_the_poll_interval_follows_the_fleet_and_locked_values_apply(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write_policy(
        {
            "fleet_size": 300,
            "locked": ["language"],
            "settings": {"proxy": "http://proxy.corp:3128"},
        }
    )
    clock = FakeClock()
    client = FakeClient(workday(DayState.OPENED), clock=clock)
    rig = launch(qtbot, monkeypatch, tmp_path, client, clock)
    try:
        assert rig.controller.poll_times.interval == 300  # 300 trays / (2/s x 0.5)
        assert rig.controller.poll_times.start_window == pytest.approx(300 / (2 * 0.8))
        assert rig.titles() == []  # a good policy says nothing
        assert rig.app.settings is not None
        assert rig.app.settings.proxy == "http://proxy.corp:3128"
        assert rig.app.settings.language == ""  # locked at the default
        rig.app.apply_settings(Settings(portal_url=PORTAL, user_id=7, poll_interval_s=30))
        assert rig.controller.poll_times.interval == 300
    finally:
        stop(rig)


def test_a_bad_policy_is_told_once_and_the_app_starts(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    write_policy({"fleet_size": "many", "colour": "blue", "min_interval_s": 120})
    clock = FakeClock()
    client = FakeClient(workday(DayState.OPENED), clock=clock)
    with caplog.at_level(logging.WARNING, logger="tray_app"):
        rig = launch(qtbot, monkeypatch, tmp_path, client, clock)
    try:
        problems = [record for record in caplog.records if "The policy " in record.getMessage()]
        assert len(problems) == 2
        assert rig.titles().count("The administrator's policy has problems") == 1
        assert rig.controller.poll_times.interval == 120  # the good key is used
    finally:
        stop(rig)
