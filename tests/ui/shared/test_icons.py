"""The tray icons, judged on their rendered pixels.

What a person must be able to rely on: every state draws something at every size, the six
states differ in *shape* (not only colour), the modifiers (busy, stale, painted time) change the
picture, every icon keeps an outline that contrasts with a light (#ffffff) and a dark (#2b2b2b)
panel, and the QIcon carries 1x and 2x pixmaps.
"""

from __future__ import annotations

import importlib.util
import itertools
import subprocess
import sys
from pathlib import Path
from typing import Final

import pytest
from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QIcon, QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from tray_app.ui.shared import icons
from tray_app.ui.shared.icons import (
    DEVICE_PIXEL_RATIOS,
    ICON_SIZES,
    IconSpec,
    IconState,
    badge_source,
    fit_text,
    icon_for,
    render,
    svg_source,
)

pytestmark = pytest.mark.gui

ROOT: Final = Path(__file__).resolve().parents[3]
LIGHT: Final = (255, 255, 255)
DARK: Final = (0x2B, 0x2B, 0x2B)
SMALL_SIZES: Final = (16, 22, 32)

Pixels = list[tuple[int, int, int, int]]


# --- pixel helpers -------------------------------------------------------------------------


def rgba(image: QImage) -> Pixels:
    """Straight (not premultiplied) RGBA of every pixel, row by row."""
    straight = image.convertToFormat(QImage.Format.Format_RGBA8888)
    data = bytes(straight.constBits())  # copy while ``straight`` still owns the memory
    return [(data[i], data[i + 1], data[i + 2], data[i + 3]) for i in range(0, len(data), 4)]


def silhouette(image: QImage) -> list[bool]:
    return [a >= 128 for _, _, _, a in rgba(image)]


def differing_share(first: list[bool], second: list[bool]) -> float:
    assert len(first) == len(second)
    return sum(a != b for a, b in zip(first, second, strict=True)) / len(first)


def changed_pixels(first: QImage, second: QImage) -> int:
    return sum(a != b for a, b in zip(rgba(first), rgba(second), strict=True))


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour with 0-255 channels."""

    def linear(channel: float) -> float:
        c = channel / 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def over(
    pixel: tuple[int, int, int, int], background: tuple[int, int, int]
) -> tuple[float, float, float]:
    r, g, b, a = pixel
    alpha = a / 255.0
    return (
        r * alpha + background[0] * (1 - alpha),
        g * alpha + background[1] * (1 - alpha),
        b * alpha + background[2] * (1 - alpha),
    )


def outline_contrast_share(image: QImage, background: tuple[int, int, int]) -> float:
    """Share of the silhouette's edge pixels that have, within 2 px, a pixel contrasting
    3:1 or more with ``background`` once the icon is laid on it.
    """
    width, height = image.width(), image.height()
    pixels = rgba(image)
    strong = [contrast(over(p, background), background) >= 3.0 for p in pixels]
    solid = [p[3] >= 128 for p in pixels]

    def transparent(x: int, y: int) -> bool:
        return not (0 <= x < width and 0 <= y < height) or pixels[y * width + x][3] < 32

    edge = [
        (x, y)
        for y in range(height)
        for x in range(width)
        if solid[y * width + x]
        and any(transparent(x + dx, y + dy) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)))
    ]
    assert edge, "the icon has no edge"
    near = 0
    for x, y in edge:
        if any(
            strong[ny * width + nx]
            for nx in range(max(0, x - 2), min(width, x + 3))
            for ny in range(max(0, y - 2), min(height, y + 3))
        ):
            near += 1
    return near / len(edge)


ALL_SPECS: Final = [
    IconSpec(state, busy=busy, stale=stale, text=text)
    for state in IconState
    for busy, stale, text in (
        (False, False, None),
        (True, False, None),
        (False, True, None),
        (False, False, "3:41"),
        (True, True, "3:41"),
    )
]


# --- sources -------------------------------------------------------------------------------


@pytest.mark.parametrize("state", list(IconState))
def test_state_svg_is_valid_and_square(state: IconState) -> None:
    renderer = QSvgRenderer(QByteArray(svg_source(state)))
    assert renderer.isValid()
    assert renderer.viewBoxF() == QRectF(0, 0, 64, 64)


@pytest.mark.parametrize("name", ["busy", "stale"])
def test_badge_svg_is_valid(name: icons.BadgeName) -> None:
    assert QSvgRenderer(QByteArray(badge_source(name))).isValid()


def test_sources_are_the_files_in_resources_icons() -> None:
    folder = ROOT / "resources" / "icons"
    for state in IconState:
        assert svg_source(state) == (folder / f"{state.value}.svg").read_bytes()
    assert badge_source("busy") == (folder / "badge-busy.svg").read_bytes()


def test_icons_module_does_not_pull_in_qtwidgets() -> None:
    code = (
        "import sys, tray_app.ui.shared.icons; "
        "assert 'PySide6.QtWidgets' not in sys.modules, sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# --- rendering -----------------------------------------------------------------------------


@pytest.mark.parametrize("spec", ALL_SPECS, ids=repr)
def test_every_spec_renders_non_empty_at_every_size(qapp: QApplication, spec: IconSpec) -> None:
    for size, ratio in itertools.product(ICON_SIZES, DEVICE_PIXEL_RATIOS):
        image = render(spec, size, ratio)
        side = round(size * ratio)
        assert (image.width(), image.height()) == (side, side)
        assert image.devicePixelRatio() == ratio
        covered = sum(silhouette(image)) / (side * side)
        assert covered > 0.25, (size, ratio, covered)


@pytest.mark.parametrize("size", SMALL_SIZES)
def test_states_differ_in_shape_not_only_colour(qapp: QApplication, size: int) -> None:
    masks = {state: silhouette(render(IconSpec(state), size)) for state in IconState}
    for first, second in itertools.combinations(IconState, 2):
        share = differing_share(masks[first], masks[second])
        assert share > 0.08, f"{first} and {second} at {size} px differ in {share:.0%} only"


@pytest.mark.parametrize("state", list(IconState))
def test_stale_is_grey_and_differs(qapp: QApplication, state: IconState) -> None:
    for size in SMALL_SIZES:
        fresh = render(IconSpec(state), size)
        stale = render(IconSpec(state, stale=True), size)
        assert changed_pixels(fresh, stale) > size * size // 10
        spread = max(max(r, g, b) - min(r, g, b) for r, g, b, a in rgba(stale) if a > 0)
        assert spread <= 3, "a stale icon keeps no colour"


@pytest.mark.parametrize("state", list(IconState))
def test_busy_adds_a_badge(qapp: QApplication, state: IconState) -> None:
    for size in SMALL_SIZES:
        idle = render(IconSpec(state), size)
        busy = render(IconSpec(state, busy=True), size)
        assert changed_pixels(idle, busy) > size * size // 10
        assert render(IconSpec(state, busy=True, stale=True), size) != render(
            IconSpec(state, stale=True), size
        )


TIMED: Final = [IconState.OPENED, IconState.PAUSED, IconState.CLOSED, IconState.EXPIRED]


@pytest.mark.parametrize("state", TIMED)
def test_painted_time_changes_the_picture(qapp: QApplication, state: IconState) -> None:
    for size in (22, 24, 32):
        plain = render(IconSpec(state), size)
        with_time = render(IconSpec(state, text="3:41"), size)
        other_time = render(IconSpec(state, text="10:05"), size)
        assert changed_pixels(plain, with_time) > size * size // 4
        assert changed_pixels(with_time, other_time) > size


@pytest.mark.parametrize("state", [IconState.SIGNED_OUT, IconState.LOADING])
def test_states_without_a_workday_paint_no_time(qapp: QApplication, state: IconState) -> None:
    assert render(IconSpec(state, text="3:41"), 22) == render(IconSpec(state), 22)


def test_small_icons_paint_only_the_hours(qapp: QApplication) -> None:
    hours = render(IconSpec(IconState.OPENED, text="3"), 16)
    assert render(IconSpec(IconState.OPENED, text="3:41"), 16) == hours
    assert render(IconSpec(IconState.OPENED, text="3:41"), 22) != render(
        IconSpec(IconState.OPENED, text="3"), 22
    )


@pytest.mark.parametrize("text", ["3:41", "0:05", "12:34", "88:88", "3", "W"])
@pytest.mark.parametrize("box", [QRectF(1, 11, 20, 10), QRectF(2, 30, 60, 32), QRectF(0, 0, 7, 7)])
def test_fitted_text_stays_inside_its_box(qapp: QApplication, text: str, box: QRectF) -> None:
    bounds = fit_text(text, box).boundingRect()
    assert not bounds.isEmpty()
    tolerance = 0.01
    assert bounds.left() >= box.left() - tolerance
    assert bounds.right() <= box.right() + tolerance
    assert bounds.top() >= box.top() - tolerance
    assert bounds.bottom() <= box.bottom() + tolerance
    assert bounds.height() >= box.height() * 0.5  # not shrunk to nothing


def test_time_text_is_painted_inside_the_icon(qapp: QApplication) -> None:
    """The white digits sit on the plate, clear of the icon's edges."""
    for size in (22, 32, 64):
        pixels = rgba(render(IconSpec(IconState.OPENED, text="12:34"), size))
        white = [
            (i % size, i // size)
            for i, (r, g, b, a) in enumerate(pixels)
            if a == 255 and min(r, g, b) >= 240 and i // size > size // 2
        ]
        assert white, "no text painted"
        assert min(x for x, _ in white) >= 1
        assert max(x for x, _ in white) <= size - 2
        assert max(y for _, y in white) <= size - 2


@pytest.mark.parametrize("spec", ALL_SPECS, ids=repr)
def test_outline_reads_on_light_and_dark_panels(qapp: QApplication, spec: IconSpec) -> None:
    for size in SMALL_SIZES:
        image = render(spec, size)
        for background in (LIGHT, DARK):
            share = outline_contrast_share(image, background)
            assert share >= 0.95, f"{size} px on {background}: {share:.0%} of the edge reads"


def test_render_rejects_nonsense_sizes(qapp: QApplication) -> None:
    with pytest.raises(ValueError, match="positive"):
        render(IconSpec(IconState.OPENED), 0)
    with pytest.raises(ValueError, match="positive"):
        render(IconSpec(IconState.OPENED), 16, 0.0)


# --- the QIcon -----------------------------------------------------------------------------


def test_icon_has_every_size_at_1x_and_2x(qapp: QApplication) -> None:
    # With a time, 16 px @2x (hours only) differs from 32 px @1x: Qt must pick by scale.
    spec = IconSpec(IconState.PAUSED, busy=True, text="3:41")
    assert render(spec, 16, 2.0) != render(spec, 32, 1.0)
    icon = icon_for(spec)
    assert not icon.isNull()
    available = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(size, size) for size in ICON_SIZES} <= available
    for size in ICON_SIZES:
        sharp = icon.pixmap(QSize(size, size), 2.0)
        assert sharp.devicePixelRatio() == 2.0
        assert (sharp.width(), sharp.height()) == (2 * size, 2 * size)
        assert sharp.toImage() == render(spec, size, 2.0)
        plain = icon.pixmap(QSize(size, size), 1.0)
        assert (plain.width(), plain.height()) == (size, size)
        assert plain.toImage() == render(spec, size, 1.0)


def test_icon_is_cached_per_spec(qapp: QApplication) -> None:
    first = icon_for(IconSpec(IconState.CLOSED, text="8:00"))
    assert icon_for(IconSpec(IconState.CLOSED, text="8:00")) is first
    assert icon_for(IconSpec(IconState.CLOSED, text="8:01")) is not first
    assert isinstance(first, QIcon)


# --- the contact sheet ---------------------------------------------------------------------


def test_contact_sheet_script_writes_a_png(qapp: QApplication, tmp_path: Path) -> None:
    script = ROOT / "tools" / "render_icon_sheet.py"
    spec = importlib.util.spec_from_file_location("render_icon_sheet", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "sheet.png"
    assert module.main([str(out)]) == 0
    sheet = QImage(str(out))
    assert sheet.width() > 600
    assert sheet.height() > 30 * 64
