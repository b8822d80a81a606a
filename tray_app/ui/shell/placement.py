"""Where the status panel opens: pure geometry, no Qt.

With the icon's geometry (X11 XEmbed trays) the panel opens next to the icon. SNI hosts and
Wayland report no geometry; the panel then opens at the pointer when it is known, else in the
corner of the screen edge that holds a panel (where the available area is cut off), and it is
always kept fully on screen - never at the top-left corner by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

MARGIN = 8


@dataclass(frozen=True)
class Rect:
    """A rectangle like QRect's: ``x``, ``y`` top-left, ``width``, ``height`` in pixels."""

    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        """One past the last column (unlike QRect.right())."""
        return self.x + self.width

    @property
    def bottom(self) -> int:
        """One past the last row."""
        return self.y + self.height

    @property
    def empty(self) -> bool:
        return self.width <= 0 or self.height <= 0

    def center(self) -> tuple[int, int]:
        return self.x + self.width // 2, self.y + self.height // 2

    def contains(self, other: Rect) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


class Edge(Enum):
    """The screen edge that holds a desktop panel (a tray lives there)."""

    TOP = "top"
    BOTTOM = "bottom"
    LEFT = "left"
    RIGHT = "right"


def panel_edge(screen: Rect, available: Rect) -> Edge:
    """The edge where ``available`` is cut off most from ``screen``; BOTTOM when none is
    (a hidden or floating panel: bottom-right is where most desktops keep the tray)."""
    cuts = {
        Edge.TOP: available.y - screen.y,
        Edge.BOTTOM: screen.bottom - available.bottom,
        Edge.LEFT: available.x - screen.x,
        Edge.RIGHT: screen.right - available.right,
    }
    edge, cut = max(cuts.items(), key=lambda item: item[1])
    return edge if cut > 0 else Edge.BOTTOM


def _clamp(value: int, low: int, high: int) -> int:
    """``value`` within [low, high]; ``low`` wins when the range is empty (too big to fit)."""
    return max(low, min(value, high))


def _fit(x: int, y: int, width: int, height: int, area: Rect) -> tuple[int, int]:
    """The top-left that keeps the panel inside ``area`` with a margin where it fits."""
    margin_x = MARGIN if width + 2 * MARGIN <= area.width else max(0, (area.width - width) // 2)
    margin_y = MARGIN if height + 2 * MARGIN <= area.height else max(0, (area.height - height) // 2)
    return (
        _clamp(x, area.x + margin_x, area.right - width - margin_x),
        _clamp(y, area.y + margin_y, area.bottom - height - margin_y),
    )


def panel_position(
    size: tuple[int, int],
    screen: Rect,
    available: Rect,
    icon: Rect | None = None,
    pointer: tuple[int, int] | None = None,
) -> tuple[int, int]:
    """The top-left of a panel of ``size`` (width, height).

    ``icon``: the tray icon's geometry (None or empty when the tray gives none); ``pointer``:
    the mouse position when known. The panel is centred on the icon (or pointer) horizontally
    and opens below it, or above when there is no room below; without either, in the corner
    of the panel edge. The result lies inside ``available`` whenever the panel fits there.
    """
    width, height = size
    if icon is not None and not icon.empty:
        return _beside(icon.center(), icon.height // 2, size, available)
    if pointer is not None and _inside(pointer, screen):
        return _beside(pointer, 0, size, available)
    return _corner(panel_edge(screen, available), width, height, available)


def _inside(point: tuple[int, int], area: Rect) -> bool:
    x, y = point
    return area.x <= x < area.right and area.y <= y < area.bottom


def _beside(
    point: tuple[int, int], half: int, size: tuple[int, int], area: Rect
) -> tuple[int, int]:
    """Centred on ``point``, below it (``half`` the icon's height away) or else above."""
    (cx, cy), (width, height) = point, size
    x = cx - width // 2
    below = cy + half + MARGIN
    y = below if below + height + MARGIN <= area.bottom else cy - half - MARGIN - height
    return _fit(x, y, width, height, area)


def _corner(edge: Edge, width: int, height: int, area: Rect) -> tuple[int, int]:
    # The tray sits at the trailing end of a horizontal panel, the bottom of a vertical one.
    right = area.right - width
    bottom = area.bottom - height
    corners = {
        Edge.TOP: (right, area.y),
        Edge.BOTTOM: (right, bottom),
        Edge.LEFT: (area.x, bottom),
        Edge.RIGHT: (right, bottom),
    }
    x, y = corners[edge]
    return _fit(x, y, width, height, area)
