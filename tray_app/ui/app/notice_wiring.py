"""What the running app tells the person in notifications, and what their clicks on one do:
a reminder's own action, or snoozing it for today."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QCursor

from tray_app.core.actions import Action
from tray_app.ui.notify.notifications import Notices

if TYPE_CHECKING:
    from tray_app.core.reminders import Reminder, ReminderKind

log = logging.getLogger(__name__)


class NoticeDesk:
    """The notifications of one running app.

    ``wanted()``: whether the settings want notifications; ``snooze(kind)`` and
    ``request(action)``: what a notification's actions do; ``icon_area()``: where the tray
    icon is on the screen."""

    def __init__(
        self,
        notices: Notices,
        *,
        wanted: Callable[[], bool],
        snooze: Callable[[ReminderKind], None],
        request: Callable[[Action], None],
        icon_area: Callable[[], QRect],
    ) -> None:
        self._notices = notices
        self._wanted = wanted
        self._snooze = snooze
        self._request = request
        self._icon_area = icon_area
        self._message_kind: ReminderKind | None = None
        notices.actionChosen.connect(self.notice_action)

    def notify(
        self,
        title: str,
        message: str,
        *,
        actions: tuple[tuple[str, str], ...] = (),
        tag: str = "",
        click_hint: str = "",
    ) -> None:
        self._message_kind = None  # a click on this message snoozes nothing
        if self._wanted():
            self._notices.show(title, message, actions, tag, click_hint=click_hint)
        log.info("notification: %s: %s", title, message)

    def remind(self, reminder: Reminder) -> None:
        """A reminder as a tray message; a click on it snoozes its kind for today."""
        from tray_app.ui.notify.notice_actions import reminder_actions  # noqa: PLC0415
        from tray_app.ui.text.messages import reminder_text, reminder_title, snooze_hint  # noqa: PLC0415

        actions = reminder_actions(reminder.kind)
        self.notify(
            reminder_title(reminder),
            reminder_text(reminder),
            actions=actions,
            tag=reminder.kind.value,
            click_hint=snooze_hint(),
        )
        self._message_kind = reminder.kind

    def notice_action(self, tag: str, key: str) -> None:
        """An action chosen on a reminder's desktop notification: what it says it does."""
        from tray_app.core.reminders import ReminderKind  # noqa: PLC0415
        from tray_app.ui.notify.notice_actions import DAY_ACTIONS, NoticeAction  # noqa: PLC0415

        try:
            kind, action = ReminderKind(tag), NoticeAction(key)
        except ValueError:
            log.info("notification action %r on %r: not one of ours", key, tag)
            return
        log.info("notification action %s on the %s reminder", action.value, kind.value)
        if action is NoticeAction.SNOOZE:
            self._snooze(kind)
        else:
            self._request(DAY_ACTIONS[action])

    def message_clicked(self) -> None:
        kind, self._message_kind = self._message_kind, None
        # Qt's own tray (XEmbed) also says "message clicked" for any click on the icon while
        # the message shows (and hides it): opening the menu or the panel snoozes nothing.
        on_icon = self._icon_area().contains(QCursor.pos())
        if kind is not None and not on_icon:
            self._snooze(kind)
