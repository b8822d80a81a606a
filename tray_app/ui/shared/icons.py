"""Tray icons: the state of today's workday at a glance, drawn from SVG sources.

Every state differs in *shape* as well as in colour, so the icon also reads for colour-blind
people and in a grey panel:

=============  ==========================================================
``OPENED``     green disc with a white "play" triangle (working)
``PAUSED``     two amber vertical bars (on a break)
``CLOSED``     slate-blue rounded square with a white check (day done)
``EXPIRED``    red-orange warning triangle with "!" (a day left open)
``SIGNED_OUT`` a person in outline only, no fill
``LOADING``    a hollow dashed ring (before the first status)
=============  ==========================================================

Modifiers: ``busy`` adds an hourglass badge (bottom right), ``kept`` (a click kept until the
portal answers, issue 12) an arrow into a tray in the same place when nothing is busy,
``stale`` turns the state's shape grey and adds a slashed-dot "offline" badge (top right),
``text`` (e.g. ``"3:41"``) shrinks the shape into the upper half and paints the time in white
on a dark plate of the state's colour below it (the badges then move to the top corners);
under 20 px only the hours are painted.
Only states with a workday show a time: ``SIGNED_OUT`` and ``LOADING`` ignore ``text``.

The shapes are the SVG files ``resources/icons/<state>.svg`` (badges: ``badge-<name>.svg``),
shipped as package data of ``tray_app.resources``; in a source checkout that is not installed
they are read from the ``resources/`` folder beside the package. Everything else is composed
with QPainter in *device* pixels, so the light halo is one real pixel wide at every size and
scale: each shape carries a dark rim (from the SVG) for light panels and gets a light halo (from
here) for dark panels.

Rendering needs a ``QGuiApplication`` (pixmaps and fonts).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final, Literal

from PySide6.QtCore import QByteArray, QPointF, QRectF
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QIcon,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer

__all__ = [
    "DEVICE_PIXEL_RATIOS",
    "ICON_SIZES",
    "IconSpec",
    "IconState",
    "badge_source",
    "fit_text",
    "icon_for",
    "render",
    "svg_source",
]

ICON_SIZES: Final = (16, 22, 24, 32, 48, 64)
"""The logical sizes put into every QIcon (tray hosts ask for 16-64 px)."""
DEVICE_PIXEL_RATIOS: Final = (1.0, 2.0)
"""Each size is also rendered at 2x for 150-200 % scaling."""

BadgeName = Literal["busy", "kept", "stale"]

_RESOURCE_PACKAGE: Final = "tray_app.resources"
_SOURCE_TREE: Final = Path(__file__).resolve().parents[3] / "resources"

# Below this logical size the painted time is shortened to the hours.
_HOURS_ONLY_BELOW: Final = 20
# Share of the icon taken by a badge, and the smallest badge in device pixels.
_BADGE_SHARE: Final = 0.44
_BADGE_MIN_PX: Final = 8
# Share of the icon height taken by the time plate when a time is painted.
_PLATE_SHARE: Final = 0.55
# A shape drawn smaller than this (device px) gets a drawn 1 px rim: the SVG's is too thin.
_RIMLESS_BELOW: Final = 14.0
# Not Qt.GlobalColor.transparent / Qt.PenStyle.NoPen: naming the Qt namespace builds all of
# PySide's Qt enums (~35 ms), and this module is on the path to the first status.
_TRANSPARENT: Final = QColor(0, 0, 0, 0)
_NO_PEN: Final = QPen(QBrush(), 0.0)  # a pen with no brush draws nothing: Qt.NoPen
_HALO_COLOUR: Final = QColor(255, 255, 255)
_HALO_OPACITY: Final = 0.85
_TEXT_COLOUR: Final = QColor(255, 255, 255)
# Condensed bold families first; Qt falls back along the list to whatever the system has.
_TEXT_FAMILIES: Final = (
    "Roboto Condensed",
    "Arial Narrow",
    "Liberation Sans Narrow",
    "Nimbus Sans Narrow",
    "DejaVu Sans Condensed",
    "Helvetica Neue",
    "Segoe UI",
    "Arial",
    "DejaVu Sans",
)
# Text may be squeezed horizontally down to this share of its natural width before it shrinks.
_MIN_TEXT_SQUEEZE: Final = 0.72


class IconState(StrEnum):
    """What the icon shows; the value names the SVG file."""

    OPENED = "opened"
    PAUSED = "paused"
    CLOSED = "closed"
    EXPIRED = "expired"
    SIGNED_OUT = "signed_out"
    LOADING = "loading"


# The states that have a workday whose time can be painted; the others ignore ``text``.
_TIMED_STATES: Final = frozenset(
    {IconState.OPENED, IconState.PAUSED, IconState.CLOSED, IconState.EXPIRED}
)

# The dark plate behind a painted time, in the state's own colour family (white text on it
# has a contrast of at least 7:1).
_PLATE_COLOURS: Final[dict[IconState, QColor]] = {
    IconState.OPENED: QColor("#17612b"),
    IconState.PAUSED: QColor("#6b4300"),
    IconState.CLOSED: QColor("#2a4453"),
    IconState.EXPIRED: QColor("#8f2a06"),
}


@dataclass(frozen=True)
class IconSpec:
    """Everything that decides how the icon looks; equal specs give the same QIcon."""

    state: IconState
    busy: bool = False
    stale: bool = False
    text: str | None = None
    kept: bool = False


# --- sources -------------------------------------------------------------------------------


def _icons_dir() -> Traversable:
    try:
        return resources.files(_RESOURCE_PACKAGE).joinpath("icons")
    except ModuleNotFoundError:  # a source checkout that is not installed
        return _SOURCE_TREE / "icons"


@functools.cache
def _read(name: str) -> bytes:
    return _icons_dir().joinpath(name).read_bytes()


def svg_source(state: IconState) -> bytes:
    """The bytes of the state's SVG file."""
    return _read(f"{IconState(state).value}.svg")


def badge_source(name: BadgeName) -> bytes:
    """The bytes of a badge's SVG file (``busy``, ``kept`` or ``stale``)."""
    return _read(f"badge-{name}.svg")


def _renderer(svg: bytes) -> QSvgRenderer:
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("invalid SVG icon source")
    return renderer


# --- composition ---------------------------------------------------------------------------


def _blank(px: int) -> QImage:
    image = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(_TRANSPARENT)
    return image


def _draw_svg(image: QImage, svg: bytes, target: QRectF) -> None:
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    _renderer(svg).render(painter, target)
    painter.end()


def _desaturate(image: QImage) -> QImage:
    """The image in greys (same alpha), its contrast softened a little so it looks faded."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888_Premultiplied)
    bits = rgba.bits()
    if not isinstance(bits, memoryview):  # pragma: no cover - PySide6 hands out a memoryview
        raise TypeError("QImage.bits() is not writable")
    data = bytes(bits)  # rows of 4-byte pixels: no padding
    grey = bytes(
        (54 * r + 183 * g + 19 * b) * 17 // 5120 + a * 3 // 40
        for r, g, b, a in zip(data[0::4], data[1::4], data[2::4], data[3::4], strict=True)
    )
    for channel in range(3):
        bits[channel::4] = grey
    return rgba.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


def _grow_under(image: QImage, radius: int, colour: QColor, opacity: float) -> QImage:
    """``image`` over a silhouette of itself in ``colour``, grown by ``radius`` pixels."""
    silhouette = image.copy()
    painter = QPainter(silhouette)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(silhouette.rect(), colour)
    painter.end()

    grown = QImage(image.size(), QImage.Format.Format_ARGB32_Premultiplied)
    grown.fill(_TRANSPARENT)
    painter = QPainter(grown)
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            if dx * dx + dy * dy <= radius * radius + radius:
                painter.drawImage(dx, dy, silhouette)
    painter.end()

    out = QImage(image.size(), QImage.Format.Format_ARGB32_Premultiplied)
    out.fill(_TRANSPARENT)
    painter = QPainter(out)
    painter.setOpacity(opacity)
    painter.drawImage(0, 0, grown)
    painter.setOpacity(1.0)
    painter.drawImage(0, 0, image)
    painter.end()
    return out


def _punch(image: QImage, centre: QPointF, radius: float) -> None:
    """Clear a disc, so a badge drawn there stands apart from the shape under it."""
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
    painter.setPen(_NO_PEN)
    painter.setBrush(QColor(0, 0, 0))
    painter.drawEllipse(centre, radius, radius)
    painter.end()


def _text_font() -> QFont:
    font = QFont()
    font.setFamilies(list(_TEXT_FAMILIES))
    font.setWeight(QFont.Weight.Bold)
    font.setStretch(QFont.Stretch.Condensed)
    font.setPixelSize(100)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def fit_text(text: str, box: QRectF) -> QPainterPath:
    """The outline of ``text`` scaled to fill ``box``: as tall as the box, centred.

    Text too wide for the box is first squeezed horizontally (down to a condensed look) and
    then shrunk; the result always lies inside ``box``. Glyph heights are whole pixels so the
    digits' tops and baselines fall on pixel edges.
    """
    path = QPainterPath()
    path.addText(0.0, 0.0, _text_font(), text)
    natural = path.boundingRect()
    if natural.isEmpty() or box.isEmpty():
        return QPainterPath()
    height = max(1.0, float(int(box.height())))
    scale_y = height / natural.height()
    scale_x = scale_y
    if natural.width() * scale_x > box.width():
        scale_x = box.width() / natural.width()
        if scale_x < scale_y * _MIN_TEXT_SQUEEZE:
            height = max(1.0, float(int(natural.height() * scale_x / _MIN_TEXT_SQUEEZE)))
            scale_y = height / natural.height()
    width = natural.width() * scale_x
    left = box.left() + (box.width() - width) / 2.0
    top = float(round(box.top() + (box.height() - height) / 2.0))
    transform = QTransform()
    transform.translate(left, top)
    transform.scale(scale_x, scale_y)
    transform.translate(-natural.left(), -natural.top())
    return transform.map(path)


def _painted_text(text: str, size: int) -> str:
    if size < _HOURS_ONLY_BELOW and ":" in text:
        return text.split(":", 1)[0]
    return text


def _draw_plate(image: QImage, state: IconState, text: str, plate: QRectF, inset: float) -> None:
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(_NO_PEN)
    painter.setBrush(_PLATE_COLOURS[state])
    corner = plate.height() / 5.0
    painter.drawRoundedRect(plate, corner, corner)
    painter.setBrush(_TEXT_COLOUR)
    painter.drawPath(fit_text(text, plate.adjusted(inset, inset, -inset, -inset)))
    painter.end()


def render(spec: IconSpec, size: int, device_pixel_ratio: float = 1.0) -> QImage:
    """The icon for ``spec`` at ``size`` logical pixels and the given scale.

    The image is ``round(size * device_pixel_ratio)`` pixels square and carries that ratio.
    """
    if size <= 0 or device_pixel_ratio <= 0:
        raise ValueError("size and device pixel ratio must be positive")
    px = max(1, round(size * device_pixel_ratio))
    halo = max(1, round(px / 28))
    badge = float(max(_BADGE_MIN_PX, round(px * _BADGE_SHARE)))

    wanted: list[BadgeName] = []
    if spec.busy:
        wanted.append("busy")
    elif spec.kept:  # on its way (busy) says more than kept
        wanted.append("kept")
    if spec.stale:
        wanted.append("stale")

    # 1. The state's shape: the whole square, or a small one above a plate with the time.
    body = _blank(px)
    if spec.text and spec.state in _TIMED_STATES:
        plate_h = float(round(px * _PLATE_SHARE))
        top_h = float(px) - plate_h
        shape = top_h  # from just under the halo down onto the plate's edge
        badge = max(4.0, float(round(top_h * 0.85)))
        shape_x = (px - shape) / 2.0
        if len(wanted) == 1:  # the shape to the left, the badge to the right
            shape_x = max(0.0, (px - badge) / 2.0 - shape / 2.0 + halo)
        glyph = _blank(px)
        _draw_svg(glyph, svg_source(spec.state), QRectF(shape_x, halo, shape, shape))
        if shape < _RIMLESS_BELOW:  # the SVG's own rim is thinner than a pixel here
            glyph = _grow_under(glyph, 1, _PLATE_COLOURS[spec.state], 1.0)
        painter = QPainter(body)
        painter.drawImage(0, 0, glyph)
        painter.end()
        plate = QRectF(halo, px - plate_h, px - 2.0 * halo, plate_h - halo)
        text = _painted_text(spec.text, size)
        _draw_plate(body, spec.state, text, plate, inset=max(1.0, round(px / 24)))
        spots: dict[BadgeName, QPointF] = {
            "stale": QPointF(px - badge / 2.0, badge / 2.0),
            "busy": QPointF(px - badge / 2.0 if len(wanted) == 1 else badge / 2.0, badge / 2.0),
        }
        spots["kept"] = spots["busy"]
    else:
        _draw_svg(body, svg_source(spec.state), QRectF(0.0, 0.0, px, px))
        spots = {
            "stale": QPointF(px - badge / 2.0, badge / 2.0),
            "busy": QPointF(px - badge / 2.0, px - badge / 2.0),
        }
        spots["kept"] = spots["busy"]

    # 2. Stale: the last known state, faded to grey.
    if spec.stale:
        body = _desaturate(body)

    # 3. Badges, each in a hole punched into the shape.
    for name in wanted:
        _punch(body, spots[name], badge / 2.0 + halo)
    for name in wanted:
        centre = spots[name]
        target = QRectF(centre.x() - badge / 2.0, centre.y() - badge / 2.0, badge, badge)
        _draw_svg(body, badge_source(name), target)

    # 4. A light halo under everything, for dark panels.
    image = _grow_under(body, halo, _HALO_COLOUR, _HALO_OPACITY)
    image.setDevicePixelRatio(device_pixel_ratio)
    return image


@functools.lru_cache(maxsize=32)
def icon_for(spec: IconSpec) -> QIcon:
    """The QIcon for ``spec`` with pixmaps at every size of ``ICON_SIZES``, at 1x and 2x.

    Cached: the same spec returns the same QIcon object.
    """
    icon = QIcon()
    for size in ICON_SIZES:
        for ratio in DEVICE_PIXEL_RATIOS:
            pixmap = QPixmap.fromImage(render(spec, size, ratio))
            pixmap.setDevicePixelRatio(ratio)
            icon.addPixmap(pixmap)
    return icon
