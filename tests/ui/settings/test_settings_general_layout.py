"""The General page of Settings at a normal and at a large font: grouped like a native
preferences window, every row whole, the groups packed at the top of the tab."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QGroupBox, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.settings.test_settings_dialog import (  # noqa: F401  (the dialog's fixtures)
    Rig,
    autostart,
    make,
    sim,
    store,
)
from tray_app.ui.settings.pages import GeneralPage

GENERAL_TAB, CONNECTION_TAB, SCHEDULE_TAB = 1, 2, 3


@pytest.fixture(params=[1.0, 1.5], ids=["normal-font", "large-font"])
def font_scale(request: pytest.FixtureRequest) -> Iterator[float]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    bigger = QFont(before)
    bigger.setPointSizeF(before.pointSizeF() * request.param)
    app.setFont(bigger)
    yield float(request.param)
    app.setFont(before)


def _inside(child: QWidget, ancestor: QWidget) -> bool:
    top_left = child.mapTo(ancestor, child.rect().topLeft())
    bottom_right = child.mapTo(ancestor, child.rect().bottomRight())
    return ancestor.rect().contains(top_left) and ancestor.rect().contains(bottom_right)


def _assert_rows_whole(page: QWidget) -> None:
    for widget in page.findChildren(QWidget):
        if not widget.isVisible() or widget.objectName().startswith("qt_"):
            continue  # Qt's own parts of a spin box or combo box size themselves
        least = widget.minimumSizeHint()
        # Every field, label and check box gets at least the room it needs (a wrapped hint
        # its height at the width it got), on the page.
        high = widget.heightForWidth(widget.width()) if widget.hasHeightForWidth() else -1
        assert widget.width() >= least.width(), widget.objectName()
        assert widget.height() >= max(least.height(), high), widget.objectName()
        assert _inside(widget, page), widget.objectName()


def test_the_general_page_is_grouped_whole_and_packed_at_the_top(
    make: Callable[..., Rig],  # noqa: F811  (the fixture imported above)
    qtbot: QtBot,
    font_scale: float,
) -> None:
    rig = make(demo=True)
    dialog = rig.dialog
    page = dialog.findChild(QWidget, "generalPage")
    assert page is not None
    qtbot.waitUntil(page.isVisible)
    groups = [
        page.findChild(QGroupBox, name) for name in ("portalGroup", "trayGroup", "startGroup")
    ]
    assert all(group is not None and group.isVisible() for group in groups)
    _assert_rows_whole(page)
    # The groups follow each other from the top, with the free room below the last one only.
    tops = [group.geometry().top() for group in groups if group is not None]
    assert tops == sorted(tops)
    last = groups[-1]
    assert last is not None
    assert last.geometry().bottom() < page.height()
    gaps = [
        later.geometry().top() - earlier.geometry().bottom()
        for earlier, later in itertools.pairwise(groups)
        if earlier is not None and later is not None
    ]
    assert max(gaps) <= 3 * page.fontMetrics().height()
    free_below = page.height() - last.geometry().bottom()
    assert free_below <= 2 * page.fontMetrics().height(), "the window is as tall as the page"
    folder = Path(os.environ.get("TIMEMAN_ARTIFACTS_DIR", "artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(folder / f"settings-general-{font_scale:g}x.png"))


def test_the_window_takes_each_tabs_height_and_grows_with_a_message(
    make: Callable[..., Rig],  # noqa: F811  (the fixture imported above)
    qtbot: QtBot,
) -> None:
    rig = make(demo=True)
    dialog = rig.dialog
    tabs = dialog.findChild(QTabWidget, "settingsTabs")
    page = dialog.findChild(GeneralPage, "generalPage")
    assert tabs is not None
    assert page is not None
    qtbot.waitUntil(page.isVisible)
    general = dialog.size()
    heights = {}
    for index in (CONNECTION_TAB, SCHEDULE_TAB, GENERAL_TAB):
        tabs.setCurrentIndex(index)
        qtbot.wait(20)
        heights[index] = dialog.height()
        assert dialog.width() == general.width(), "the tabs do not jump sideways"
        shown = tabs.currentWidget()
        assert shown is not None
        _assert_rows_whole(shown)
    assert heights[CONNECTION_TAB] < general.height() < heights[SCHEDULE_TAB]
    assert heights[GENERAL_TAB] == general.height(), "back on General, as tall as at first"

    page.show_autostart_error("The start-at-login entry could not be written. " * 6)
    qtbot.waitUntil(lambda: dialog.height() > general.height())
    _assert_rows_whole(page)
