"""The "My shift" field of the Schedule tab: the shifts of the revision in force today, or the
default one; a chosen shift that is no longer there falls back to the default, with a hint."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from tray_app.ui.settings.pages import hint_label

__all__ = ["ShiftChoice"]

DEFAULT = -1  # the "My shift" entry of the default shift


class ShiftChoice(QWidget):
    """The "My shift" field: a shift of the schedule by name, or its default (first) one.

    ``stored``: the name from the settings (None: the default). A chosen shift is followed
    through renames and moves; when it is removed, or a schedule without it is loaded, the
    default applies and a hint says so.
    """

    def __init__(self, stored: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("myShift")
        self._wanted_name = stored
        self._wanted_key: int | None = None
        self._names: dict[int, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.combo = QComboBox(self)
        self.combo.setObjectName("myShiftCombo")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.activated.connect(self._on_chosen)
        self.hint = hint_label("", self)
        self.hint.setObjectName("myShiftHint")
        layout.addWidget(self.combo, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.hint)
        self.show_shifts([])

    def show_shifts(self, entries: Sequence[tuple[int, str]]) -> None:
        """List ``entries`` (``(key, name)``, the default first) and select the chosen one."""
        self._names = dict(entries)
        if self._wanted_key not in self._names and self._wanted_name is not None:
            matches = (key for key, name in entries if name == self._wanted_name)
            self._wanted_key = next(matches, None)
        wanted = self._wanted_key
        found = wanted is not None and wanted in self._names
        if wanted is not None and found:
            self._wanted_name = self._names[wanted]  # followed through a rename
        self.combo.blockSignals(True)
        try:
            self.combo.clear()
            if entries:
                default = self.tr("The default shift ({name})").format(name=entries[0][1])
                self.combo.addItem(default, DEFAULT)
                for entry_key, name in entries:
                    self.combo.addItem(name, entry_key)
            else:
                self.combo.addItem(self.tr("No shifts"), DEFAULT)
            self.combo.setCurrentIndex(max(0, self.combo.findData(self._wanted_key)))
        finally:
            self.combo.blockSignals(False)
        self.combo.setEnabled(bool(entries))
        if not entries:
            hint = self.tr("Only a schedule with shift work has shifts to choose from.")
        elif self._wanted_name is not None and not found:
            hint = self.tr(
                "The shift {name} is not in the schedule any more: the default shift applies."
            ).format(name=f"\u201c{self._wanted_name}\u201d")
        else:
            hint = ""
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def _on_chosen(self, _index: int) -> None:
        key = self.combo.currentData()
        self._wanted_key = None if key == DEFAULT else key
        self._wanted_name = None if key == DEFAULT else self._names[key]
        self.show_shifts(list(self._names.items()))

    def chosen(self) -> str | None:
        """The name of the chosen shift; None for the default (also without shifts)."""
        key = self.combo.currentData()
        return None if key == DEFAULT else self._names.get(key)
