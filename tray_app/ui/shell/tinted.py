"""The panel's boxes that stand out (a reminder, kept clicks): a thin border of a palette
colour, a faint fill of it, a bold first line."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QLabel


def tint(box: QFrame, name: str, colour: QColor, alpha: int) -> None:
    """Name ``box`` and frame it in ``colour``, filled with it at ``alpha`` (0-255)."""
    box.setObjectName(name)
    box.setFrameShape(QFrame.Shape.StyledPanel)
    fill = f"{colour.red()}, {colour.green()}, {colour.blue()}"
    box.setStyleSheet(
        f"QFrame#{name} {{ border: 1px solid {colour.name()}; border-radius: 4px; "
        f"background: rgba({fill}, {alpha}); }}"
    )


def bold_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
