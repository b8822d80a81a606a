"""The settings dialog's live check: every field of a page, watched so that the checks of
*Save* run again shortly after the last edit (one check for a burst of typing)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

__all__ = ["LIVE_CHECK_MS", "live_timer", "watch_fields"]

LIVE_CHECK_MS = 150
"""The fields are checked this long after the last edit (one check for a burst of typing)."""


def live_timer(parent: QObject, check: Callable[[], None]) -> QTimer:
    """A single-shot timer of :data:`LIVE_CHECK_MS` that runs ``check``."""
    live = QTimer(parent)
    live.setObjectName("liveCheckTimer")
    live.setSingleShot(True)
    live.setInterval(LIVE_CHECK_MS)
    live.timeout.connect(check)
    return live


def watch_fields(page: QWidget, later: Callable[[], None]) -> None:
    """Call ``later`` after any edit of ``page``'s fields.

    The fields are found once, here: a field added later (a new shift's row) is not watched
    until the next edit elsewhere, which is fine because *Save* checks every field when
    clicked. The line edits found include those inside spin boxes, time fields and editable
    lists, so half-typed text that changes no value is checked too.
    """
    for edit in page.findChildren(QLineEdit):
        edit.textChanged.connect(later)
    for spin in page.findChildren(QSpinBox):
        spin.valueChanged.connect(later)
    for double in page.findChildren(QDoubleSpinBox):
        double.valueChanged.connect(later)
    for clock in page.findChildren(QDateTimeEdit):  # also QTimeEdit and QDateEdit
        clock.dateTimeChanged.connect(later)
    for combo in page.findChildren(QComboBox):
        combo.currentIndexChanged.connect(later)
        combo.editTextChanged.connect(later)
    for switch in page.findChildren(QAbstractButton):
        switch.toggled.connect(later)
    for plain in page.findChildren(QPlainTextEdit):
        plain.textChanged.connect(later)
    for rich in page.findChildren(QTextEdit):
        rich.textChanged.connect(later)
