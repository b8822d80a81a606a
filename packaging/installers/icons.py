"""The application icon (``packaging/icons/timeman-tray.svg``) in every format an installer
wants: PNGs for the hicolor theme, a Windows ``.ico`` and a macOS ``.icns``.

The SVG is drawn by Qt (PySide6, which the app needs anyway), so no image tool is required on
any build machine; ``.ico`` and ``.icns`` are written here, both as containers of PNG images
(Windows Vista and later, macOS 10.7 and later read PNG entries).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final

from installers.project import PACKAGING, BuildError

__all__ = [
    "APP_ICON",
    "HICOLOR_SIZES",
    "ICNS_TYPES",
    "ICO_SIZES",
    "icns_bytes",
    "ico_bytes",
    "render_png",
    "write_icns",
    "write_ico",
]

APP_ICON: Final = PACKAGING / "icons" / "timeman-tray.svg"
HICOLOR_SIZES: Final = (16, 22, 24, 32, 48, 64, 128, 256)
ICO_SIZES: Final = (16, 20, 24, 32, 40, 48, 64, 256)
# ICNS element types holding PNG data, by pixel size (the @2x ones reuse the bigger images).
ICNS_TYPES: Final[Mapping[bytes, int]] = {
    b"icp4": 16,
    b"icp5": 32,
    b"icp6": 64,
    b"ic07": 128,
    b"ic08": 256,
    b"ic09": 512,
    b"ic10": 1024,
    b"ic11": 32,
    b"ic12": 64,
    b"ic13": 256,
    b"ic14": 512,
}
_PNG_MAGIC: Final = b"\x89PNG\r\n\x1a\n"


def render_png(svg: Path, size: int) -> bytes:
    """``svg`` drawn into a ``size`` x ``size`` PNG with transparency."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: PLC0415
    from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: PLC0415
    from PySide6.QtSvg import QSvgRenderer  # noqa: PLC0415

    if QGuiApplication.instance() is None:
        _keep.append(QGuiApplication([]))
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise BuildError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stubs want bytes for the format; at run time it must be str.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise BuildError(f"could not encode {svg} at {size} px as PNG")
    buffer.close()
    return bytes(data.data())


_keep: list[object] = []


def _png_size(png: bytes) -> int:
    if not png.startswith(_PNG_MAGIC):
        raise BuildError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    if width != height:
        raise BuildError(f"icon images must be square, not {width}x{height}")
    return int(width)


def ico_bytes(pngs: Iterable[bytes]) -> bytes:
    """A Windows icon file holding the PNG ``pngs`` (square, at most 256 px)."""
    images = sorted(pngs, key=_png_size)
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    directory = b""
    for png in images:
        size = _png_size(png)
        if size > 256:
            raise BuildError(f"an .ico image is at most 256 px, not {size}")
        side = 0 if size == 256 else size  # 0 means 256 in the directory
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + directory + b"".join(images)


def icns_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A macOS icon file from PNGs by pixel size (every size of :data:`ICNS_TYPES`)."""
    body = b""
    for kind, size in ICNS_TYPES.items():
        png = pngs[size]
        if _png_size(png) != size:
            raise BuildError(f"the {kind.decode()} image must be {size} px")
        body += kind + struct.pack(">I", 8 + len(png)) + png
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_ico(target: Path, svg: Path = APP_ICON) -> Path:
    target.write_bytes(ico_bytes(render_png(svg, size) for size in ICO_SIZES))
    return target


def write_icns(target: Path, svg: Path = APP_ICON) -> Path:
    sizes = sorted(set(ICNS_TYPES.values()))
    target.write_bytes(icns_bytes({size: render_png(svg, size) for size in sizes}))
    return target
