"""Settings the administrator's policy sets: their fields disabled and saying so.

The fields are found by ``objectName`` (:data:`FIELD_WIDGETS`), so the pages need no change to
be locked: :func:`lock_settings` runs once the dialog has built them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QLabel, QSpinBox, QWidget

from tray_app.config.policy import Policy
from tray_app.config.setting_checks import MIN_POLL_INTERVAL_S
from tray_app.ui.settings.pages import hint_label

FIELD_WIDGETS: Final[Mapping[str, tuple[str, ...]]] = {
    "start_at_login": ("startAtLoginCheck",),
    "language": ("languageCombo",),
    "ca_file": ("caFileEdit", "caFileBrowseButton"),
    "proxy": ("proxyEdit",),
    "remind_not_started": ("remind_not_started_check",),
    "remind_lunch": ("remind_lunch_check",),
    "remind_work_done": ("remind_work_done_check",),
    "remind_still_open": ("remind_still_open_check",),
    "remind_forgotten_day": ("remind_forgotten_day_check",),
}
"""Each lockable :class:`~tray_app.config.settings.Settings` field and its widgets' names."""
LOCKED_PROPERTY: Final = "lockedByPolicy"


def locked_text() -> str:
    """The words beside a locked field."""
    return QCoreApplication.translate("SettingsDialog", "Set by your administrator")


def lock(widget: QWidget, text: str | None = None) -> None:
    """Disable ``widget`` and say why: a tooltip, and a suffix (a check box, a button) or a
    small label under the field."""
    text = text or locked_text()
    widget.setEnabled(False)
    widget.setToolTip(text)
    widget.setProperty(LOCKED_PROPERTY, True)
    if isinstance(widget, QAbstractButton):
        if widget.isCheckable():
            widget.setText(f"{widget.text()} ({text})")
        return
    note_below(widget, text, widget.objectName() + "LockedLabel")


def note_below(widget: QWidget, text: str, name: str) -> None:
    """A small label with ``text`` under ``widget``, in the first column of boxes around it
    (none found: the tooltip alone says it)."""
    label = hint_label(text, widget)
    label.setObjectName(name)
    child: QWidget | None = widget
    while child is not None:
        parent = child.parentWidget()
        if parent is None:
            break
        layout = parent.layout()
        if isinstance(layout, QBoxLayout) and layout.direction() in (
            QBoxLayout.Direction.TopToBottom,
            QBoxLayout.Direction.BottomToTop,
        ):
            index = layout.indexOf(child)
            if index >= 0:
                label.setParent(parent)
                layout.insertWidget(index + 1, label)
                return
        child = parent
    label.deleteLater()


def note_poll_floor(root: QWidget, policy: Policy) -> None:
    """Say under the poll interval when the administrator's policy polls less often than the
    field may say (the field keeps the person's own value: it counts again without a policy)."""
    floor = policy.floor_s
    spin = root.findChild(QSpinBox, "pollIntervalSpin")
    if spin is None or floor <= MIN_POLL_INTERVAL_S:
        return
    text = QCoreApplication.translate(
        "SettingsDialog", "Your administrator's policy: at most one check every {seconds} s."
    ).format(seconds=floor)
    spin.setToolTip(text)
    note_below(spin, text, "pollIntervalPolicyLabel")


def lock_settings(root: QWidget, policy: Policy) -> list[QWidget]:
    """Lock the fields of every setting ``policy`` sets, found under ``root``; the locked."""
    text = locked_text()
    note_poll_floor(root, policy)
    locked: list[QWidget] = []
    for field_name, names in FIELD_WIDGETS.items():
        if not policy.is_locked(field_name):
            continue
        for name in names:
            widget = root.findChild(QWidget, name)
            if widget is not None and not isinstance(widget, QLabel):
                lock(widget, text)
                locked.append(widget)
    return locked
