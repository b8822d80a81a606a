"""The desktop notifier against a real, private dbus-daemon and a stand-in daemon
(tests/ui/fake_notifications.py) with the real D-Bus types: what Notify carries, actions
coming back as signals, a refusal or no daemon at all falling back to the tray balloon, and
a daemon the bus starts on demand (D-Bus activation).

The bus runs with its own configuration: its only service folder is the test's, so nothing
installed on the machine (dunst, say) can be activated behind the test's back.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from tests.child_lines import ChildLines
from tests.e2e.desktop import ROOT
from tests.session_bus import SessionBus, write_bus_config
from tray_app.ui.notify.notifications import (
    APP_ICON,
    APP_NAME,
    SERVICE,
    DesktopNotifier,
    Note,
    Notices,
    NotifierUnavailable,
)


class Bus:
    def __init__(self, address: str, services: Path) -> None:
        self.address = address
        self.services = services


class FakeDaemon:
    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        assert process.stdout is not None
        self._lines = ChildLines(process.stdout)

    def line(self, timeout_s: float = 10.0) -> str:
        line = self._lines.next(timeout_s)
        assert line is not None, "the fake daemon said nothing"
        return line.strip()

    def call(self) -> dict[str, object]:
        document: dict[str, object] = json.loads(self.line())
        return document

    def invoke(self, number: int, key: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"invoke {number} {key}\n")
        self.process.stdin.flush()
        assert self.line() == "ok"


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[Bus]:
    with private_bus(tmp_path) as started:
        yield started


@contextlib.contextmanager
def private_bus(tmp_path: Path, services: dict[str, str] | None = None) -> Iterator[Bus]:
    """A bus whose only service folder holds ``services`` (file name: text)."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon not found; install with: sudo apt-get install -y dbus")
    folder = tmp_path / "services"
    folder.mkdir()
    for name, text in (services or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    daemon = SessionBus.start(write_bus_config(tmp_path / "bus.conf", folder, listen=tmp_path))
    try:
        yield Bus(daemon.address, folder)
    finally:
        daemon.stop()


@pytest.fixture
def fake_daemon(bus: Bus) -> Iterator[Callable[..., FakeDaemon]]:
    started: list[subprocess.Popen[str]] = []

    def start(*options: str) -> FakeDaemon:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.fake_notifications", *options],
            cwd=ROOT,
            env={"DBUS_SESSION_BUS_ADDRESS": bus.address, "PATH": "/usr/bin:/bin"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        fake = FakeDaemon(process)
        assert fake.line() == "ready"
        return fake

    try:
        yield start
    finally:
        for process in started:
            process.kill()
            process.wait(timeout=10)
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()


class Balloons:
    """A tray icon whose balloons are recorded instead of shown."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.icon = QSystemTrayIcon()
        self.shown: list[tuple[str, str]] = []
        monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
        self.icon.showMessage = self._caught  # type: ignore[method-assign,assignment]

    def _caught(self, title: str, message: str, *_rest: object) -> None:
        self.shown.append((title, message))


@pytest.fixture
def balloons(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Balloons:
    del qtbot
    return Balloons(monkeypatch)


def notices_on(bus: Bus, balloons: Balloons) -> Notices:
    def opener(parent: QObject) -> DesktopNotifier:
        return DesktopNotifier.open(bus.address, parent=parent, image="/icons/opened.svg")

    return Notices(balloons.icon, opener=opener)


def test_a_note_carries_the_apps_name_icon_and_actions_with_the_real_types(
    bus: Bus, fake_daemon: Callable[..., FakeDaemon], balloons: Balloons, qtbot: QtBot
) -> None:
    daemon = fake_daemon()
    notices = notices_on(bus, balloons)
    actions = (("default", "Snooze today"), ("start", "Start now"))

    notices.show(
        "Workday not started",
        "It is past 09:10.",
        actions,
        tag="not_started",
        click_hint="Click to snooze.",
    )

    call = daemon.call()
    assert call["signature"] == "susssasa{sv}i"  # replaces_id unsigned, as the spec says
    assert call["args"] == [
        APP_NAME,
        0,
        APP_ICON,
        "Workday not started",
        "It is past 09:10.\nClick to snooze.",
        ["default", "Snooze today", "start", "Start now"],
        {"desktop-entry": ["s", APP_NAME], "image-path": ["s", "/icons/opened.svg"]},
        -1,
    ]
    assert notices.route == "desktop"
    assert balloons.shown == []
    notifier = notices._notifier
    assert notifier is not None
    assert notifier.capabilities == frozenset({"actions", "body"})

    # The daemon answers with id 1; a click on "Start now" comes back with the note's tag.
    with qtbot.waitSignal(notices.actionChosen, timeout=5000) as chosen:
        qtbot.waitUntil(lambda: _shown_count(notices) == 1)
        daemon.invoke(1, "start")
    assert chosen.args == ["not_started", "start"]
    notices.close()


def test_a_daemon_without_buttons_gets_the_steps_in_words_and_no_actions(
    bus: Bus,
    fake_daemon: Callable[..., FakeDaemon],
    balloons: Balloons,
    caplog: pytest.LogCaptureFixture,
) -> None:
    daemon = fake_daemon("no-actions")
    notices = notices_on(bus, balloons)
    actions = (("default", "Snooze today"), ("close_expired", "Close the forgotten day…"))
    with caplog.at_level(logging.INFO, logger="tray_app.ui.notify.notifications"):
        notices.show(
            "A day left open",
            "Since Monday.",
            actions,
            tag="forgotten_day",
            click_hint="Click this message to snooze it.",
        )
        notices.show("Changed elsewhere", "Closed on the web.")
    first, second = daemon.call()["args"], daemon.call()["args"]
    assert isinstance(first, list)
    assert isinstance(second, list)
    assert (
        first[4]
        == "Since Monday.\nIn the tray icon's panel: Snooze today, Close the forgotten day."
    )
    assert first[5] == [], "no buttons the daemon would not show"
    assert second[4:6] == ["Closed on the web.", []], "a note without actions is left as it is"
    assert notices.route == "desktop"
    assert any("capabilities: body)" in r.getMessage() for r in caplog.records)
    notices.close()


def test_a_daemon_that_does_not_say_what_it_shows_gets_the_actions(
    bus: Bus, fake_daemon: Callable[..., FakeDaemon], balloons: Balloons
) -> None:
    daemon = fake_daemon("no-capabilities")
    notices = notices_on(bus, balloons)
    notices.show("Lunch", "13:00", (("default", "Snooze today"),), tag="lunch")
    args = daemon.call()["args"]
    assert isinstance(args, list)
    assert args[4:6] == ["13:00", ["default", "Snooze today"]]
    notifier = notices._notifier
    assert notifier is not None
    assert notifier.capabilities is None
    assert notifier.shows_actions
    notices.close()


def _shown_count(notices: Notices) -> int:
    notifier = notices._notifier
    return 0 if notifier is None else len(notifier._shown)


def test_an_action_on_a_note_of_another_connection_is_not_ours(
    bus: Bus, fake_daemon: Callable[..., FakeDaemon], balloons: Balloons, qtbot: QtBot
) -> None:
    daemon = fake_daemon()
    first = notices_on(bus, balloons)
    second = notices_on(bus, balloons)
    first.show("One", "1", (("default", "Snooze"),), tag="lunch")
    assert daemon.call()["id"] == 1
    second.show("Two", "2", (("default", "Snooze"),), tag="work_done")
    assert daemon.call()["id"] == 2
    qtbot.waitUntil(lambda: _shown_count(second) == 1)
    heard: list[tuple[str, str]] = []
    first.actionChosen.connect(lambda tag, key: heard.append((tag, key)))
    with qtbot.waitSignal(second.actionChosen, timeout=5000) as chosen:
        daemon.invoke(2, "default")
    assert chosen.args == ["work_done", "default"]
    assert heard == []
    # The closed note is forgotten: the same id again means nothing.
    qtbot.waitUntil(lambda: _shown_count(second) == 0)
    first.close()
    second.close()


def test_no_daemon_and_none_to_start_means_tray_balloons_and_the_log_says_why(
    bus: Bus, balloons: Balloons, caplog: pytest.LogCaptureFixture
) -> None:
    notices = notices_on(bus, balloons)
    with caplog.at_level(logging.INFO, logger="tray_app.ui.notify.notifications"):
        notices.show("Workday changed elsewhere", "Closed on the web.", (("default", "x"),))
        notices.show("Second", "Also a balloon.")
    assert balloons.shown == [
        ("Workday changed elsewhere", "Closed on the web."),
        ("Second", "Also a balloon."),
    ]
    assert notices.route == "balloon"
    reasons = [r.getMessage() for r in caplog.records if "balloons" in r.getMessage()]
    assert reasons == [
        f"notifications as tray balloons: nothing owns {SERVICE} on the session bus and it "
        "cannot start one"
    ]


def test_without_a_session_bus_there_is_no_notifier(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    with pytest.raises(NotifierUnavailable, match="no session bus"):
        DesktopNotifier.open()
    with pytest.raises(NotifierUnavailable, match="does not answer"):
        DesktopNotifier.open("unix:path=/nonexistent/bus")


def test_a_refusing_daemon_falls_back_to_the_balloon_for_this_note_and_the_next(
    bus: Bus,
    fake_daemon: Callable[..., FakeDaemon],
    balloons: Balloons,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake_daemon("refuse")
    notices = notices_on(bus, balloons)
    with caplog.at_level(logging.INFO, logger="tray_app.ui.notify.notifications"):
        notices.show("Time for lunch", "13:00 to 14:00", (("default", "Snooze"),), tag="lunch")
        qtbot.waitUntil(lambda: balloons.shown == [("Time for lunch", "13:00 to 14:00")])
        notices.show("After", "straight to a balloon")
    assert balloons.shown[-1] == ("After", "straight to a balloon")
    assert any(
        "failed (org.example.Refused: no display): tray balloons from now on" in r.getMessage()
        for r in caplog.records
    )


def test_a_daemon_the_bus_starts_on_demand(qtbot: QtBot, tmp_path: Path) -> None:
    # The stand-in, started by the bus on the first Notify (its output into a file).
    calls = tmp_path / "calls.jsonl"
    service = (
        "[D-BUS Service]\n"
        f"Name={SERVICE}\n"
        f"Exec=/bin/sh -c 'cd {ROOT} && exec {sys.executable} -m tests.ui.fake_notifications "
        f"< /dev/null > {calls}'\n"
    )
    with private_bus(tmp_path, {"fake-notifications.service": service}) as bus:
        _notify_on_demand(bus, qtbot, calls)


def _notify_on_demand(bus: Bus, qtbot: QtBot, calls: Path) -> None:
    notifier = DesktopNotifier.open(bus.address)
    assert notifier.how == "started on demand (D-Bus activation)"
    notifier.notify(Note("Planned work done", "You can close the day.", (("close", "Close"),)))
    qtbot.waitUntil(lambda: len(notifier._shown) == 1, timeout=10000)
    lines = calls.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "ready"
    assert json.loads(lines[1])["args"][3] == "Planned work done"
    notifier.close()
    assert not notifier.connected
    with pytest.raises(NotifierUnavailable, match="closed"):
        notifier.notify(Note("late", "after closing"))
