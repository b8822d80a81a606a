"""Render a contact sheet of every tray icon, to look at them as a person would.

    python tools/render_icon_sheet.py OUT.png [--zoom N]

Rows: each state plain, then busy, stale, with a painted time ("3:41"), and busy + stale +
time. Columns: the logical sizes 16/22/24/32/48/64 at 1x, then 16/22/32 at 2x (drawn at their
device size), once on a light strip (#ffffff) and once on a dark one (#2b2b2b). ``--zoom``
enlarges the whole sheet without smoothing, to inspect single pixels.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES_1X = (16, 22, 24, 32, 48, 64)
SIZES_2X = (16, 22, 32)
BACKGROUNDS = (("light", "#ffffff", "#202020"), ("dark", "#2b2b2b", "#e0e0e0"))
TIME = "3:41"
CELL_GAP = 10
LABEL_W = 180
HEADER_H = 22


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the PNG file to write")
    parser.add_argument("--zoom", type=int, default=1, help="enlarge N times (nearest pixel)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if str(ROOT) not in sys.path:  # run from a checkout without installing
        sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QRect, Qt  # noqa: PLC0415 - after the platform is chosen
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter  # noqa: PLC0415

    from tray_app.ui.shared.icons import IconSpec, IconState, render  # noqa: PLC0415

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - keeps Qt alive

    rows: list[tuple[str, IconSpec]] = []
    variants: tuple[tuple[str, dict[str, object]], ...] = (
        ("", {}),
        (" busy", {"busy": True}),
        (" stale", {"stale": True}),
        (f" {TIME}", {"text": TIME}),
        (f" busy+stale {TIME}", {"busy": True, "stale": True, "text": TIME}),
    )
    for suffix, extra in variants:
        for state in IconState:
            spec = IconSpec(
                state,
                busy=bool(extra.get("busy", False)),
                stale=bool(extra.get("stale", False)),
                text=str(extra["text"]) if "text" in extra else None,
            )
            rows.append((f"{state.value}{suffix}", spec))

    columns = [(size, 1.0) for size in SIZES_1X] + [(size, 2.0) for size in SIZES_2X]
    widths = [round(size * ratio) for size, ratio in columns]
    strip_w = sum(widths) + CELL_GAP * (len(columns) + 1)
    row_h = max(widths) + CELL_GAP
    width = LABEL_W + strip_w * len(BACKGROUNDS)
    height = HEADER_H + row_h * len(rows) + CELL_GAP

    sheet = QImage(width, height, QImage.Format.Format_ARGB32)
    sheet.fill(QColor("#9e9e9e"))
    painter = QPainter(sheet)
    font = QFont()
    font.setPixelSize(12)
    painter.setFont(font)
    for strip, (name, background, ink) in enumerate(BACKGROUNDS):
        x0 = LABEL_W + strip * strip_w
        painter.fillRect(QRect(x0, 0, strip_w, height), QColor(background))
        painter.setPen(QColor(ink))
        x = x0 + CELL_GAP
        for (size, ratio), w in zip(columns, widths, strict=True):
            label = f"{size}" if ratio == 1.0 else f"{size}@2x"
            painter.drawText(
                QRect(x - 4, 2, w + 8, HEADER_H - 4), Qt.AlignmentFlag.AlignCenter, label
            )
            x += w + CELL_GAP
        painter.drawText(QRect(x0, height - 14, strip_w, 14), Qt.AlignmentFlag.AlignCenter, name)
    painter.setPen(QColor("#000000"))
    for index, (label, spec) in enumerate(rows):
        y = HEADER_H + index * row_h
        painter.drawText(QRect(6, y, LABEL_W - 8, row_h), Qt.AlignmentFlag.AlignVCenter, label)
        for strip in range(len(BACKGROUNDS)):
            x = LABEL_W + strip * strip_w + CELL_GAP
            for (size, ratio), w in zip(columns, widths, strict=True):
                image = render(spec, size, ratio)
                image.setDevicePixelRatio(1.0)  # show device pixels one to one
                painter.drawImage(x, y + (row_h - w) // 2, image)
                x += w + CELL_GAP
    painter.end()

    if args.zoom > 1:
        sheet = sheet.scaled(
            width * args.zoom,
            height * args.zoom,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.FastTransformation,
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not sheet.save(str(args.out)):
        print(f"could not write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
