"""The tray icon and its menu: a view of :class:`~tray_app.ui.shared.viewstate.ViewState`.

It renders views and turns clicks into signals; it decides nothing about the portal. The
status panel's buttons trigger the same QActions as the menu, so both behave alike.

Signals: ``actionRequested(object)`` (a core Action), ``reportRequested(str)`` (a
ReportMode value), ``refreshRequested()``, ``historyRequested()``, ``settingsRequested()``,
``openPortalRequested()``, ``logFolderRequested()``, ``aboutRequested()``,
``quitRequested()``, ``panelRequested()`` (left click), ``menuOpened()``, ``rendered(object)``
(each ViewState shown: the no-tray window follows it); from the status panel's box of kept
clicks: ``keptSendRequested(str)``, ``keptDiscardRequested(str)`` (the click's id),
``keptRetimeRequested(object)`` (its :class:`~tray_app.ui.shared.kept_note.KeptNote`).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from tray_app.core.actions import Action
from tray_app.core.open_kind import OpenKind
from tray_app.core.workday import DayState
from tray_app.ui.shared.icons import IconSpec, IconState, icon_for
from tray_app.ui.shared.viewstate import Phase, ViewState
from tray_app.ui.text.kept_texts import kept_line
from tray_app.ui.text.messages import headline, waiting_line, week_line

ICON_STATES = {
    DayState.OPENED: IconState.OPENED,
    DayState.PAUSED: IconState.PAUSED,
    DayState.CLOSED: IconState.CLOSED,
    DayState.EXPIRED: IconState.EXPIRED,
}
DAY_ACTIONS = (Action.OPEN, Action.PAUSE, Action.RESUME, Action.CLOSE)


def icon_spec(view: ViewState, *, paint_time: bool) -> IconSpec:
    """How the icon looks for ``view``: shape by state, plus busy/stale marks and the time."""
    if view.phase is Phase.SIGNED_OUT:
        return IconSpec(IconState.SIGNED_OUT)
    if view.phase is Phase.LOADING or view.day_state is None:
        # Started again without the portal: the kept click still shows (its badge, the line).
        kept = view.kept is not None
        return IconSpec(IconState.LOADING, busy=view.busy, stale=view.stale, kept=kept)
    text = view.icon_text if paint_time and view.icon_text else None
    return IconSpec(
        ICON_STATES[view.day_state],
        busy=view.busy,
        stale=view.stale,
        text=text,
        kept=view.kept is not None,
    )


class TrayView(QObject):
    """The QSystemTrayIcon, its menu and their texts."""

    actionRequested = Signal(object)
    reportRequested = Signal(str)
    refreshRequested = Signal()
    historyRequested = Signal()
    settingsRequested = Signal()
    openPortalRequested = Signal()
    logFolderRequested = Signal()
    aboutRequested = Signal()
    quitRequested = Signal()
    panelRequested = Signal()
    menuOpened = Signal()
    rendered = Signal(object)
    keptSendRequested = Signal(str)
    keptDiscardRequested = Signal(str)
    keptRetimeRequested = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        paint_time: bool = False,
        menu: bool = True,
        icon: QSystemTrayIcon | None = None,
    ) -> None:
        """``icon``: one already shown (the app shows its loading icon first), else a new one."""
        super().__init__(parent)
        self.paint_time = paint_time
        self.icon = icon or QSystemTrayIcon(self)
        if icon is not None:
            icon.setParent(self)
        self.icon.setObjectName("tray_icon")
        self.icon.activated.connect(self._activated)
        self.view: ViewState | None = None
        self._shown_icon: IconSpec | None = None
        self.portal_known = False
        self.has_menu = False
        if menu:
            self.build_menu()

    def build_menu(self) -> None:
        """Create the menu. The app calls it after the icon is up and the translation is
        installed: the loading icon needs no menu, and texts are translated when created."""
        self.menu = QMenu()
        self.menu.setObjectName("tray_menu")
        self.header = self._add("header", "", None)
        self.header.setEnabled(False)
        self.close_expired = self._add(
            "action_close_expired",
            self.tr("Close the forgotten day…"),
            lambda: self.reportRequested.emit("close_expired"),
        )
        self.menu.addSeparator()
        self.day_actions: dict[Action, QAction] = {
            Action.OPEN: self._day_action("action_open", self.open_text(None), Action.OPEN),
            Action.PAUSE: self._day_action("action_pause", self.tr("Pause"), Action.PAUSE),
            Action.RESUME: self._day_action("action_resume", self.tr("Resume"), Action.RESUME),
            Action.CLOSE: self._day_action("action_close", self.tr("Close workday"), Action.CLOSE),
        }
        self.menu.addSeparator()
        self.change_start = self._add(
            "action_change_start",
            self.tr("Change start time…"),
            lambda: self.reportRequested.emit("start"),
        )
        self.change_start.setStatusTip(
            self.tr("Start the workday at an earlier time (the portal allows it for a new day).")
        )
        self.close_at = self._add(
            "action_close_at", self.tr("Close at…"), lambda: self.reportRequested.emit("close")
        )
        self.history = self._add("action_history", self.tr("History…"), self.historyRequested.emit)
        self.menu.addSeparator()
        self.refresh = self._add("action_refresh", self.tr("Refresh"), self.refreshRequested.emit)
        self.open_portal = self._add(
            "action_open_portal", self.tr("Open in Bitrix24"), self.openPortalRequested.emit
        )
        self.settings = self._add(
            "action_settings", self.tr("Settings…"), self.settingsRequested.emit
        )
        self.log_folder = self._add(
            "action_log_folder", self.tr("Open log folder"), self.logFolderRequested.emit
        )
        self.about = self._add("action_about", self.tr("About"), self.aboutRequested.emit)
        self.menu.addSeparator()
        self.quit = self._add("action_quit", self.tr("Quit"), self.quitRequested.emit)
        self.menu.aboutToShow.connect(self.menuOpened.emit)
        self.icon.setContextMenu(self.menu)
        self.has_menu = True
        if self.view is not None:
            self.render(self.view)

    def _add(self, name: str, text: str, slot: object) -> QAction:
        action = self.menu.addAction(text)
        action.setObjectName(name)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _day_action(self, name: str, text: str, action: Action) -> QAction:
        return self._add(name, text, lambda: self.actionRequested.emit(action))

    def open_text(self, kind: OpenKind | None) -> str:
        """The words of the Start item: what ``timeman.open`` will do to the day (§1.2)."""
        if kind is OpenKind.RESUME_DAY:
            return self.tr("Resume the day")
        return self.tr("Start workday")

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # macOS users expect the menu on either click, and Qt shows it there by itself.
        if sys.platform == "darwin":
            return
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.panelRequested.emit()

    def render(self, view: ViewState) -> None:
        """Show ``view``: icon, tooltip, menu header and which actions are enabled."""
        self.view = view
        # Only what changed goes to the tray host: each new icon or tooltip is a D-Bus signal
        # (StatusNotifierItem) or a repaint (XEmbed), and most views change neither.
        spec = icon_spec(view, paint_time=self.paint_time)
        if spec != self._shown_icon:
            self._shown_icon = spec
            self.icon.setIcon(icon_for(spec))
        line = headline(view)
        week = week_line(view.plan) if view.phase is Phase.READY else ""
        parts = (line, kept_line(view.kept), waiting_line(view.waiting), week, view.last_error)
        tooltip = "\n".join(part for part in parts if part)
        if tooltip != self.icon.toolTip():
            self.icon.setToolTip(tooltip)
        if self.has_menu:
            self._render_menu(view, line)
        self.rendered.emit(view)

    def _render_menu(self, view: ViewState, line: str) -> None:
        self.header.setText(line)
        expired = view.day_state is DayState.EXPIRED and view.phase is Phase.READY
        self.close_expired.setVisible(expired)
        self.close_expired.setEnabled(Action.CLOSE_EXPIRED in view.actions)
        for action, item in self.day_actions.items():
            item.setEnabled(action in view.actions)
        self.day_actions[Action.OPEN].setText(self.open_text(view.open_kind))
        # A resumed day keeps its start: the portal refuses a start time there (error TIME).
        resumes = view.open_kind is OpenKind.RESUME_DAY
        # A time given while clicks are kept would overtake them (the kept ones go first).
        kept = view.kept is not None
        self.change_start.setEnabled(Action.OPEN in view.actions and not resumes and not kept)
        self.close_at.setEnabled(Action.CLOSE in view.actions and not kept)
        self.refresh.setEnabled(not view.busy and view.phase is not Phase.LOADING)
        self.open_portal.setEnabled(self.portal_known)
        self._keep_menu_on_screen()

    def _keep_menu_on_screen(self) -> None:
        """An open menu whose header grew (the read that opening it asked for answered, or
        failed: "· offline · as of 09:12") grows to the right, past the screen's edge near
        the tray: move it back in. Qt places a menu only when it opens."""
        menu = self.menu
        if not menu.isVisible():
            return
        menu.adjustSize()
        frame, screen = menu.geometry(), menu.screen().availableGeometry()
        left = min(frame.left(), screen.right() + 1 - frame.width())
        if left != frame.left():
            menu.move(max(screen.left(), left), frame.top())

    def set_portal_known(self, known: bool) -> None:
        """Whether "Open in Bitrix24" has an address to open."""
        self.portal_known = known
        if self.has_menu:
            self.open_portal.setEnabled(known)
