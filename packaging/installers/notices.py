"""Who wrote what the bundle carries, and under which license: the Debian ``copyright`` file
(machine-readable format 1.0) and a plain ``NOTICES.txt`` for the Windows and macOS bundles.

The list is not written by hand: it comes from the modules PyInstaller put in the bundle
(:func:`bundled_distributions` maps them to the Python distributions installed in the build
environment), and each license text from that distribution's own metadata.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Final

from installers.project import APP_NAME

__all__ = [
    "Component",
    "bundled_distributions",
    "copyright_file",
    "expat_text",
    "notices_text",
    "python_runtime",
    "qt_extras",
]

FORMAT: Final = "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
# Licenses Debian ships in /usr/share/common-licenses (referred to instead of copied).
COMMON_LICENSES: Final[Mapping[str, str]] = {
    "LGPL-3.0-only": "LGPL-3",
    "LGPL-3": "LGPL-3",
    "GPL-2.0-only": "GPL-2",
    "GPL-3.0-only": "GPL-3",
    "Apache-2.0": "Apache-2.0",
    "MPL-2.0": "MPL-2.0",
}
_EXPAT: Final = """\
Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""
# First lines of the licenses Debian ships whole in /usr/share/common-licenses: a copy of
# one of these in the copyright file is replaced by a reference (lintian asks for that).
_COMMON_HEADINGS: Final[Mapping[str, str]] = {
    "Apache License": "Apache-2.0",
    "GNU LESSER GENERAL PUBLIC LICENSE": "LGPL-3",
    "GNU GENERAL PUBLIC LICENSE": "GPL-3",
    "Mozilla Public License Version 2.0": "MPL-2.0",
    "Mozilla Public License, version 2.0": "MPL-2.0",
}
_COPYRIGHT_LINE: Final = re.compile(r"^\s*(?:Copyright|\(c\)|©)\s*(?:\(c\)|©)?\s*(.+)$", re.I)


def expat_text() -> str:
    """The MIT (Expat) license of timeman-tray itself."""
    return _EXPAT


@dataclass(frozen=True)
class Component:
    """One bundled piece with its license: ``files`` are patterns relative to the bundle."""

    name: str
    version: str
    files: tuple[str, ...]
    copyright: str
    license: str
    text: str
    """The license text(s); a license Debian ships is referred to, not copied."""
    comment: str = ""


def _license_name(dist: metadata.Distribution) -> str:
    meta = dist.metadata

    def first(field: str) -> str:
        values: list[str] = meta.get_all(field) or []
        return values[0].strip() if values else ""

    expression = first("License-Expression")
    if expression:
        return expression
    declared = first("License")
    if declared and len(declared) < 60 and "\n" not in declared:
        return declared
    classifiers: list[str] = meta.get_all("Classifier") or []
    for classifier in classifiers:
        if classifier.startswith("License :: OSI Approved :: "):
            return classifier.rsplit(" :: ", 1)[1]
    return "other"


def _license_files(dist: metadata.Distribution) -> list[str]:
    texts = []
    for file in dist.files or []:
        parts = file.parts
        if len(parts) >= 2 and parts[0].endswith(".dist-info"):
            name = parts[-1].upper()
            if name.startswith(("LICENSE", "LICENCE", "COPYING")) or "licenses" in parts:
                if name.endswith((".PY", ".JSON")) or parts[-1].startswith("AUTHORS"):
                    continue
                path = Path(str(dist.locate_file(file)))
                if path.is_file():
                    texts.append(path.read_text(encoding="utf-8", errors="replace").strip())
    return texts


def common_license_of(text: str) -> str | None:
    """The /usr/share/common-licenses name if ``text`` is a whole copy of such a license."""
    head = " ".join(text.split()[:12])
    for heading, name in _COMMON_HEADINGS.items():
        if head.startswith(heading) or f" {heading} " in f" {head} "[:80]:
            return name
    return None


def _license_body(texts: Sequence[str], license_name: str) -> str:
    """The license texts to copy, with whole common licenses replaced by references."""
    kept: list[str] = []
    references: list[str] = []
    for text in texts:
        common = common_license_of(text)
        if common is None:
            kept.append(text)
        elif common not in references:
            references.append(common)
    if not texts:
        first = COMMON_LICENSES.get(license_name.split(" OR ", maxsplit=1)[0].strip())
        if first:
            references.append(first)
    kept += [
        f"On Debian systems the full text of the {name} license is in "
        f"/usr/share/common-licenses/{name}."
        for name in references
    ]
    return "\n\n".join(kept)


def _copyright_of(texts: Sequence[str], fallback: str) -> str:
    for text in texts:
        for line in text.splitlines():
            match = _COPYRIGHT_LINE.match(line)
            if match and any(char.isdigit() for char in match[1]):
                return match[1].strip().rstrip(".")
    return fallback


def bundled_distributions(
    modules: Iterable[str], on_disk: Iterable[str], exclude: Iterable[str] = (APP_NAME,)
) -> list[Component]:
    """The Python distributions that provide the top-level ``modules`` of the bundle.

    ``on_disk`` are the top-level names that exist as folders or files in ``_internal``
    (PySide6, certifi, ...); the others are compiled into the executable's archive.
    """
    owners = metadata.packages_distributions()
    present = set(on_disk)
    skip = {name.lower().replace("_", "-") for name in exclude}
    found: dict[str, set[str]] = {}
    for module in sorted(set(modules)):
        for dist_name in owners.get(module, []):
            if dist_name.lower().replace("_", "-") not in skip:
                found.setdefault(dist_name, set()).add(module)
    components = []
    for dist_name, tops in sorted(found.items(), key=lambda item: item[0].lower()):
        dist = metadata.distribution(dist_name)
        license_name = _license_name(dist)
        texts = _license_files(dist)
        files = tuple(sorted(f"_internal/{top}/*" for top in tops if top in present))
        archived = sorted(top for top in tops if top not in present)
        comment = f"Python distribution {dist.metadata['Name']} {dist.version}"
        if archived:
            comment += f"; the modules {', '.join(archived)} are compiled into the executable"
        components.append(
            Component(
                name=dist.metadata["Name"],
                version=dist.version,
                files=files or (APP_NAME,),
                copyright=_copyright_of(texts, f"the {dist.metadata['Name']} authors"),
                license=license_name,
                text=_license_body(texts, license_name),
                comment=comment,
            )
        )
    return components


def python_runtime(python: str | None = None) -> Component:
    """The Python interpreter and standard library the bundle carries (``python``'s)."""
    probe = "import sys, sysconfig; print(sysconfig.get_paths()['stdlib']); print(sys.version)"
    output = subprocess.run(  # noqa: S603  # our argument list, no shell
        [python or sys.executable, "-I", "-c", probe],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    stdlib, full_version = Path(output[0]), output[1].split()[0]
    short = ".".join(full_version.split(".")[:2])
    license_file = stdlib / "LICENSE.txt"
    text = ""
    if license_file.is_file():
        text = license_file.read_text(encoding="utf-8", errors="replace").strip()
    text = text or "See https://docs.python.org/3/license.html"
    return Component(
        name="Python",
        version=full_version,
        files=(
            f"_internal/libpython{short}*",
            f"_internal/python{short}/*",
            "_internal/base_library.zip",
        ),
        copyright="2001-2024 Python Software Foundation",
        license="PSF-2.0",
        text=text,
        comment="The Python runtime; its standard library is in base_library.zip and the "
        "executable",
    )


def qt_extras() -> list[Component]:
    """What PySide6's Qt carries besides Qt itself (listed after PySide6, so it wins)."""
    return [
        Component(
            name="ICU",
            version="73",
            files=("_internal/PySide6/Qt/lib/libicu*",),
            copyright="2016 and later Unicode, Inc. and others",
            license="Unicode-3.0",
            text=(
                "The ICU libraries that come with Qt are under the Unicode License v3:\n"
                "https://www.unicode.org/license.txt\n\n"
                "Qt itself contains further third-party code under permissive licenses; "
                "they are listed at\nhttps://doc.qt.io/qt-6/licenses-used-in-qt.html"
            ),
            comment="International Components for Unicode, used by Qt Core",
        )
    ]


def _field(name: str, value: str) -> str:
    """A deb822 field; continuation lines indented, blank lines as " ."."""
    first, *rest = value.splitlines() or [""]
    lines = [f"{name}: {first}".rstrip()]
    for line in rest:
        lines.append(f" {line.rstrip()}" if line.strip() else " .")
    return "\n".join(lines)


def copyright_file(components: Sequence[Component], prefix: str, app_year: str) -> str:
    """The Debian ``copyright`` file; ``prefix`` is the bundle's folder in the package."""
    paragraphs = [
        "\n".join(
            [
                f"Format: {FORMAT}",
                f"Upstream-Name: {APP_NAME}",
                _field(
                    "Comment",
                    "This package carries its own Python runtime and the Python packages the "
                    "app uses\n(frozen with PyInstaller) under "
                    f"/{prefix}; each of them is listed below.",
                ),
            ]
        ),
        "\n".join(
            [
                "Files: *",
                f"Copyright: {app_year} timeman-tray contributors",
                _field("License", "Expat\n" + expat_text()),
            ]
        ),
    ]
    for component in components:
        text = component.text or "See the distribution of the component."
        files = " ".join(f"{prefix}/{pattern}" for pattern in component.files)
        license_name = component.license.replace(" OR ", " or ").replace(" AND ", " and ")
        paragraphs.append(
            "\n".join(
                [
                    _field("Files", files),
                    _field("Copyright", component.copyright),
                    _field("License", f"{license_name}\n{text}"),
                    _field("Comment", component.comment),
                ]
            )
        )
    return "\n\n".join(paragraphs) + "\n"


def notices_text(components: Sequence[Component]) -> str:
    """The same facts as plain text, for bundles without a Debian copyright file."""
    parts = [f"{APP_NAME}: MIT License\n\n{expat_text()}"]
    for component in components:
        parts.append(
            f"{component.name} {component.version}: {component.license}\n"
            f"Copyright {component.copyright}\n\n{component.text}"
        )
    return ("\n" + "=" * 72 + "\n\n").join(parts)
