"""The status panel's window kind per platform, its closing, and where it opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.fakes import view_of
from tray_app.core.workday import DayState
from tray_app.ui.shell import panel as panel_module
from tray_app.ui.shell.panel import StatusPanel, on_wayland, panel_flags
from tray_app.ui.shell.tray import TrayView


def escape() -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)


@pytest.fixture
def tray(qtbot: QtBot) -> TrayView:
    return TrayView()


@pytest.mark.parametrize("platform", ["xcb", "offscreen", "windows", "cocoa"])
def test_a_popup_everywhere_but_wayland(platform: str) -> None:
    assert not on_wayland(platform)
    assert panel_flags(platform) == Qt.WindowType.Popup


@pytest.mark.parametrize("platform", ["wayland", "wayland-egl"])
def test_a_frameless_tool_window_on_wayland(platform: str) -> None:
    assert on_wayland(platform)
    flags = panel_flags(platform)
    assert flags & Qt.WindowType.WindowType_Mask == Qt.WindowType.Tool
    assert flags & Qt.WindowType.FramelessWindowHint


def test_the_running_platform_is_asked_by_default() -> None:
    assert on_wayland() is QGuiApplication.platformName().startswith("wayland")


def wayland_panel(tray: TrayView, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> StatusPanel:
    monkeypatch.setattr(panel_module, "on_wayland", lambda platform=None: True)
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    tray.render(view_of(DayState.OPENED))
    panel.show_view(tray.view)  # type: ignore[arg-type]
    return panel


def test_the_wayland_panel_is_a_tool_window(
    tray: TrayView, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = wayland_panel(tray, qtbot, monkeypatch)
    assert panel.windowType() == Qt.WindowType.Tool
    assert panel.windowFlags() & Qt.WindowType.FramelessWindowHint


def test_the_wayland_panel_closes_when_it_loses_focus(
    tray: TrayView, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = wayland_panel(tray, qtbot, monkeypatch)
    panel.show()
    qtbot.waitExposed(panel)
    monkeypatch.setattr(panel, "isActiveWindow", lambda: True)
    QApplication.sendEvent(panel, QEvent(QEvent.Type.ActivationChange))
    assert panel.isVisible(), "gaining focus keeps it open"
    monkeypatch.setattr(panel, "isActiveWindow", lambda: False)
    QApplication.sendEvent(panel, QEvent(QEvent.Type.ActivationChange))
    assert not panel.isVisible()


def test_an_x11_popup_leaves_focus_loss_to_qt(tray: TrayView, qtbot: QtBot) -> None:
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    assert panel.windowType() == Qt.WindowType.Popup
    panel.show()
    qtbot.waitExposed(panel)
    QApplication.sendEvent(panel, QEvent(QEvent.Type.ActivationChange))
    assert panel.isVisible()


def test_escape_closes_the_panel(
    tray: TrayView, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = wayland_panel(tray, qtbot, monkeypatch)
    panel.show()
    qtbot.waitExposed(panel)
    other = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, other)
    assert panel.isVisible()
    QApplication.sendEvent(panel, escape())
    assert not panel.isVisible()


def test_an_embedded_panel_stays_open_after_a_button_and_escape(
    tray: TrayView, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QWidget  # noqa: PLC0415

    window = QWidget()
    qtbot.addWidget(window)
    panel = StatusPanel(tray, embedded=True)
    panel.setParent(window)
    tray.render(view_of(DayState.OPENED))
    panel.show_view(tray.view)  # type: ignore[arg-type]
    window.show()
    qtbot.waitExposed(window)
    button = next(b for b, _a in panel.buttons if b.objectName() == "panel_action_pause")
    button.click()
    QApplication.sendEvent(panel, escape())
    assert panel.isVisible()


def test_a_popup_closes_after_a_button(tray: TrayView, qtbot: QtBot) -> None:
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    tray.render(view_of(DayState.OPENED))
    panel.show_view(tray.view)  # type: ignore[arg-type]
    panel.show()
    qtbot.waitExposed(panel)
    next(b for b, _a in panel.buttons if b.objectName() == "panel_action_pause").click()
    assert not panel.isVisible()


def test_without_icon_geometry_it_opens_on_screen_not_at_the_origin(
    tray: TrayView, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    tray.render(view_of(DayState.OPENED))
    panel.show_view(tray.view)  # type: ignore[arg-type]
    monkeypatch.setattr(QCursor, "pos", staticmethod(lambda: QPoint(-99999, 0)))
    panel.show_near(QRect())
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert panel.pos() != QPoint(0, 0)
    assert area.contains(panel.frameGeometry()), (area, panel.frameGeometry())


def test_with_icon_geometry_it_opens_next_to_the_icon(tray: TrayView, qtbot: QtBot) -> None:
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    tray.render(view_of(DayState.OPENED))
    panel.show_view(tray.view)  # type: ignore[arg-type]
    area = QGuiApplication.primaryScreen().availableGeometry()
    icon = QRect(area.center().x(), area.top() + 2, 22, 22)
    panel.show_near(icon)
    assert panel.y() > icon.bottom()
    assert panel.geometry().left() <= icon.center().x() <= panel.geometry().right()
    assert area.contains(panel.frameGeometry())
