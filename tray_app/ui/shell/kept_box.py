"""The status panel's box about kept clicks (issue 12): what is kept, why it waits if it waits
for the person, and the buttons: send it now (as the portal allows now), discard it, or give
the day the time in the report dialog.

Signals: ``sendRequested(str)``, ``discardRequested(str)`` - the kept click's id;
``retimeRequested(object)`` - the :class:`~tray_app.ui.shared.kept_note.KeptNote`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from tray_app.ui.shared.kept_note import KeptNote, KeptStage
from tray_app.ui.shell.tinted import bold_label, tint
from tray_app.ui.text.kept_texts import (
    discard_button_text,
    kept_detail,
    kept_line,
    new_time_button_text,
    now_button_text,
)

KEPT_COLOUR = QColor("#7b1fa2")
"""The kept badge's violet (resources/icons/badge-kept.svg)."""


class KeptBox(QFrame):
    """Hidden while nothing is kept."""

    sendRequested = Signal(str)
    discardRequested = Signal(str)
    retimeRequested = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        tint(self, "panel_kept", KEPT_COLOUR, 24)
        self.line = bold_label("panel_kept_line")
        self.line.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("panel_kept_detail")
        self.detail.setWordWrap(True)
        self.send = QPushButton()
        self.send.setObjectName("panel_kept_send")
        self.discard = QPushButton(discard_button_text())
        self.discard.setObjectName("panel_kept_discard")
        self.retime = QPushButton()
        self.retime.setObjectName("panel_kept_retime")
        self.send.clicked.connect(self._send)
        self.discard.clicked.connect(self._discard)
        self.retime.clicked.connect(self._retime)
        buttons = QHBoxLayout()
        buttons.addWidget(self.send)
        buttons.addWidget(self.retime)
        buttons.addWidget(self.discard)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        column.addWidget(self.line)
        column.addWidget(self.detail)
        column.addLayout(buttons)
        self.note: KeptNote | None = None
        self.setVisible(False)

    def show_note(self, note: KeptNote | None) -> None:
        self.note = note
        self.setVisible(note is not None)
        if note is None:
            return
        self.line.setText(kept_line(note))
        detail = kept_detail(note)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        sending = note.stage is KeptStage.SENDING
        self.send.setText(now_button_text(note))
        self.send.setVisible(note.offers_now and not sending)
        self.retime.setText(new_time_button_text(note))
        self.retime.setVisible(note.offers_new_time and not sending)
        self.discard.setVisible(not sending)

    def _send(self) -> None:
        if self.note is not None:
            self.sendRequested.emit(self.note.click.click_id)

    def _discard(self) -> None:
        if self.note is not None:
            self.discardRequested.emit(self.note.click.click_id)

    def _retime(self) -> None:
        if self.note is not None:
            self.retimeRequested.emit(self.note)
