"""Without a system tray the status panel lives in a window; a tray appearing takes over."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import launch, stop
from tests.ui.fakes import FakeClient, FakeClock, view_of, workday
from tray_app.core.workday import DayState
from tray_app.ui.shared.viewstate import Phase, ViewState
from tray_app.ui.shell.no_tray import LOST_AFTER, NoTrayMode, NoTrayWindow
from tray_app.ui.shell.tray import TrayView

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]


class Availability:
    """A fake QSystemTrayIcon.isSystemTrayAvailable the test switches on."""

    def __init__(self) -> None:
        self.available = False
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.available


MADE: list[NoTrayMode] = []


@pytest.fixture(autouse=True)
def _stop_modes() -> Iterator[None]:
    """A mode keeps polling as long as its tray lives: stop every one a test made, so none
    polls on into the next test (the soak counts timers)."""
    yield
    for mode in MADE:
        mode.timer.stop()
        mode.deleteLater()
    MADE.clear()


def made(mode: NoTrayMode) -> NoTrayMode:
    MADE.append(mode)
    return mode


def mode_of(
    qtbot: QtBot, tray: TrayView, availability: Availability, *, window_now: bool = True
) -> tuple[NoTrayMode, list[str]]:
    quits: list[str] = []
    mode = made(
        NoTrayMode(
            tray,
            lambda: quits.append("quit"),
            window_now=window_now,
            tray_available=availability,
            poll_ms=20,
            watch_ms=20,
        )
    )
    if mode.window is not None:
        qtbot.addWidget(mode.window)
    return mode, quits


def window_of(mode: NoTrayMode) -> NoTrayWindow:
    assert mode.window is not None, "the window was never built"
    return mode.window


def test_the_window_says_why_and_shows_the_panel_once_the_menu_exists(qtbot: QtBot) -> None:
    tray = TrayView(menu=False)
    tray.render(ViewState(phase=Phase.LOADING))
    mode, _quits = mode_of(qtbot, tray, Availability())
    qtbot.waitExposed(window_of(mode))
    assert window_of(mode).windowTitle() == "timeman-tray"
    assert window_of(mode).isWindow()
    assert "No system tray was found" in window_of(mode).notice.text()
    assert window_of(mode).panel is None, "the panel's buttons are the menu's actions: none yet"
    tray.build_menu()  # renders the last view again
    assert window_of(mode).panel is not None
    tray.render(view_of(DayState.OPENED))
    panel = window_of(mode).panel
    assert panel is not None
    assert panel.title.text() == "Working"
    assert not panel.isWindow(), "inside the window, not a popup of its own"
    assert panel.isVisible()


def test_a_view_before_the_window_is_shown_at_once(qtbot: QtBot) -> None:
    tray = TrayView()
    tray.render(view_of(DayState.PAUSED))
    mode, _quits = mode_of(qtbot, tray, Availability())
    panel = window_of(mode).panel
    assert panel is not None
    assert panel.title.text() == "On a break"


def test_closing_the_window_quits(qtbot: QtBot) -> None:
    mode, quits = mode_of(qtbot, TrayView(), Availability())
    qtbot.waitExposed(window_of(mode))
    window_of(mode).showMinimized()
    assert quits == [], "minimising keeps it running"
    window_of(mode).close()
    assert quits == ["quit"]


def test_a_tray_appearing_later_takes_over(qtbot: QtBot) -> None:
    tray = TrayView()
    availability = Availability()
    mode, quits = mode_of(qtbot, tray, availability)
    qtbot.waitExposed(window_of(mode))
    qtbot.waitUntil(lambda: availability.asked >= 3)
    assert mode.active
    assert window_of(mode).isVisible()
    assert not tray.icon.isVisible()
    availability.available = True
    qtbot.waitUntil(lambda: not mode.active)
    assert not window_of(mode).isVisible()
    assert tray.icon.isVisible()
    assert quits == [], "hiding the window is no close: the app keeps running"
    assert mode.timer.interval() == 20, "the host is still watched, at the watch interval"


def test_the_window_comes_back_when_the_tray_goes_and_leaves_when_it_returns(
    qtbot: QtBot,
) -> None:
    tray = TrayView()
    tray.render(view_of(DayState.OPENED))
    availability = Availability()
    availability.available = True
    mode, quits = mode_of(qtbot, tray, availability, window_now=False)
    assert mode.window is None, "with a tray, no window is built"
    assert not mode.active
    qtbot.waitUntil(lambda: availability.asked >= 3)
    assert mode.window is None
    availability.available = False
    qtbot.waitUntil(lambda: mode.active)
    window = window_of(mode)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert not tray.icon.isVisible()
    assert window.panel is not None
    assert window.panel.title.text() == "Working", "the last view, at once"
    availability.available = True
    qtbot.waitUntil(lambda: not mode.active)
    assert not window.isVisible()
    assert tray.icon.isVisible()
    assert quits == []


def test_one_answer_of_no_tray_is_not_enough_to_bring_the_window(qtbot: QtBot) -> None:
    answers = iter([False] * (LOST_AFTER - 1) + [True] + [False] * (LOST_AFTER - 1) + [True] * 99)
    asked: list[bool] = []

    def available() -> bool:
        asked.append(next(answers))
        return asked[-1]

    tray = TrayView()
    mode = made(
        NoTrayMode(tray, lambda: None, window_now=False, tray_available=available, watch_ms=5)
    )
    qtbot.waitUntil(lambda: len(asked) >= 2 * LOST_AFTER + 3)
    assert mode.window is None, "a panel restarting is away for a moment: no window for that"
    assert not mode.active


def test_raise_window_brings_back_a_minimised_window(qtbot: QtBot) -> None:
    mode, _quits = mode_of(qtbot, TrayView(), Availability())
    qtbot.waitExposed(window_of(mode))
    window_of(mode).showMinimized()
    mode.raise_window()
    assert not window_of(mode).isMinimized()
    assert window_of(mode).isVisible()


def test_the_app_shows_the_window_instead_of_the_panel_while_there_is_no_tray(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clock = FakeClock()
    rig = launch(
        qtbot, monkeypatch, tmp_path, FakeClient(workday(DayState.OPENED), clock=clock), clock
    )
    try:
        availability = Availability()
        mode = made(NoTrayMode(rig.app.tray, rig.app.quit, tray_available=availability, poll_ms=20))
        rig.app.no_tray = mode
        rig.wait(lambda: window_of(mode).panel is not None)
        window_of(mode).showMinimized()
        rig.app.show_panel()
        assert rig.app.panel is None, "no popup next to an icon nobody sees"
        assert not window_of(mode).isMinimized()
        availability.available = True
        rig.wait(lambda: not mode.active)
        rig.app.show_panel()
        assert rig.app.panel is not None
        assert rig.app.panel.isWindow()
        QApplication.processEvents()
    finally:
        window_of(mode).hide()
        stop(rig)


def test_the_window_is_as_narrow_as_its_panel_not_as_wide_as_the_note(qtbot: QtBot) -> None:
    tray = TrayView()
    tray.render(view_of(DayState.OPENED))
    mode, _quits = mode_of(qtbot, tray, Availability())
    window = window_of(mode)
    assert window.panel is not None
    window.fit()  # before anything changed: nothing to do
    panel_width = window.panel.sizeHint().width()
    assert window.notice.maximumWidth() == max(panel_width, 320)
    assert window.sizeHint().width() < panel_width + 80
    window.resize(900, 500)
    tray.render(view_of(DayState.OPENED))  # the same buttons: the user's size stays
    assert window.width() == 900
    empty = made(NoTrayMode(TrayView(menu=False), lambda: None, tray_available=Availability()))
    qtbot.addWidget(window_of(empty))
    window_of(empty).fit()
    assert window_of(empty).panel is None
