"""The settings window's size follows the tab on show, as a native preferences window does.

A ``QTabWidget`` is as tall as its tallest page (its size hint takes every page, whatever
their size policies), so the short General page sat above half a window of empty space. Here,
on each change of tab, the window takes the height the shown page needs (a scrolled page with
all of its content) within the screen: the window's hint with the tallest page swapped for the
shown one. The width is the widest page's, so the tabs do not jump sideways.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QScrollArea, QTabWidget, QWidget

LEAST_WIDTH = 600
FRAME_ROOM = 60
"""Pixels kept free on the screen for the title bar and borders: a window manager may
otherwise push the title bar off the top of a 768-pixel screen."""


def scrolled_room(page: QWidget) -> int:
    """How much taller ``page`` would be with its scrolled parts shown whole."""
    room = 0
    for scroller in page.findChildren(QScrollArea):
        content = scroller.widget()
        if content is not None and scroller.isVisibleTo(page):
            room += max(0, content.sizeHint().height() - scroller.sizeHint().height())
    return room


class TabFitting(QObject):
    """Sizes ``window`` to the shown tab of ``tabs`` (first at :meth:`fit`, then on each
    change of tab)."""

    def __init__(self, window: QWidget, tabs: QTabWidget) -> None:
        super().__init__(window)
        self._window = window
        self._tabs = tabs
        self._width = max([LEAST_WIDTH] + [page.sizeHint().width() for page in _pages(tabs)])
        tabs.currentChanged.connect(self._changed)
        # A page that grows while shown (a message under a field, more rows) makes the window
        # grow with it; it does not shrink back until the next change of tab, so it never jumps.
        self._grow = QTimer(self)
        self._grow.setSingleShot(True)
        self._grow.setInterval(0)
        self._grow.timeout.connect(self._grow_to_page)
        for page in _pages(tabs):
            page.installEventFilter(self)

    def _follow_shown_tab(self) -> QSize:
        """Give the tabs the shown page's least height (not the tallest page's), and return
        the window's size for that page, within the screen."""
        window, tabs = self._window, self._tabs
        hint = window.sizeHint()
        page = tabs.currentWidget()
        tallest = max((page.sizeHint().height() for page in _pages(tabs, visible=True)), default=0)
        height = hint.height() - tallest
        if page is not None:
            height += page.sizeHint().height() + scrolled_room(page)
            chrome = tabs.sizeHint().height() - tallest
            tabs.setMinimumHeight(page.minimumSizeHint().height() + chrome)
            layout = window.layout()
            if layout is not None:
                layout.activate()  # the window's least size follows before any resize
        size = QSize(max(self._width, hint.width()), height)
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            size = size.boundedTo(QSize(area.width() - FRAME_ROOM, area.height() - FRAME_ROOM))
        return size

    def fit(self, *, centre: bool) -> None:
        """Take the shown tab's size; ``centre``: also place the window in the screen's middle."""
        size = self._follow_shown_tab()
        self._window.resize(size)
        screen = self._window.screen() or QGuiApplication.primaryScreen()
        if centre and screen is not None:
            middle = screen.availableGeometry().center()
            self._window.move(middle.x() - size.width() // 2, middle.y() - size.height() // 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched is self._tabs.currentWidget():
            self._grow.start()
        return False

    def _grow_to_page(self) -> None:
        wanted = self._follow_shown_tab()
        if wanted.height() > self._window.height():
            self._window.resize(self._window.width(), wanted.height())

    def _changed(self, _index: int) -> None:
        self.fit(centre=False)  # the window keeps its place; only its height changes


def _pages(tabs: QTabWidget, *, visible: bool = False) -> list[QWidget]:
    """The pages of ``tabs`` (``visible``: only those whose tab is shown)."""
    pages = (tabs.widget(i) for i in range(tabs.count()) if not visible or tabs.isTabVisible(i))
    return [page for page in pages if page is not None]
