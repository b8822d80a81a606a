"""The ``.deb``: the frozen bundle laid out as Debian policy wants it, then ``dpkg-deb``.

Layout::

    /usr/lib/timeman-tray/                      the bundle (executable + _internal/)
    /usr/bin/timeman-tray                       -> ../lib/timeman-tray/timeman-tray
    /usr/share/applications/timeman-tray.desktop
    /usr/share/metainfo/timeman-tray.metainfo.xml  AppStream: what software centres show
    /usr/share/icons/hicolor/{16x16..256x256}/apps/timeman-tray.png, scalable/apps/...svg
    /usr/share/man/man1/timeman-tray.1.gz
    /usr/share/doc/timeman-tray/copyright, changelog.Debian.gz
    /usr/share/lintian/overrides/timeman-tray   (each override with its reason)

``Depends`` is what ``dpkg-shlibdeps`` finds the bundle's ELF files linking to in the system
(the bundle carries no system library, see :mod:`installers.trim`); ``Installed-Size`` is
counted as ``dpkg-gencontrol`` does. No maintainer scripts: dpkg's triggers refresh the icon
cache and the desktop database.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import Final

from installers import icons, notices
from installers.bundle import Bundle
from installers.elf import is_elf
from installers.project import (
    APP_NAME,
    DESCRIPTION,
    LONG_DESCRIPTION,
    PACKAGING,
    ROOT,
    BuildError,
    installed_size_kib,
    maintainer,
    require_tool,
    run,
    version,
)

__all__ = [
    "LIB_DIR",
    "METAINFO",
    "DebPackage",
    "build_deb",
    "changelog",
    "control",
    "lintian",
    "lintian_errors",
    "parse_overrides",
]

LIB_DIR: Final = f"usr/lib/{APP_NAME}"
DEBIAN_REVISION: Final = "1"
LINUX: Final = PACKAGING / "linux"
DESKTOP_FILE: Final = LINUX / f"{APP_NAME}.desktop"
METAINFO: Final = ROOT / "resources" / f"{APP_NAME}.metainfo.xml"
MAN_PAGE: Final = LINUX / f"{APP_NAME}.1"
OVERRIDES: Final = LINUX / "lintian-overrides"
SUGGESTS: Final = "gnome-keyring | kwalletmanager | keepassxc"
HINT: Final = "apt-get install dpkg-dev"


@dataclass(frozen=True)
class DebPackage:
    """A built ``.deb`` and its figures."""

    path: Path
    size: int
    installed_kib: int
    depends: str
    root: Path


def source_date() -> int:
    """``SOURCE_DATE_EPOCH`` (reproducible builds), else now."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else int(time.time())


def package_version() -> str:
    return f"{version()}-{DEBIAN_REVISION}"


def control(*, arch: str, installed_kib: int, depends: str, who: str) -> str:
    """The ``DEBIAN/control`` file."""
    paragraphs = LONG_DESCRIPTION.split("\n\n")
    wrapped = "\n .\n".join(_wrap(paragraph, 74) for paragraph in paragraphs)
    return (
        f"Package: {APP_NAME}\n"
        f"Version: {package_version()}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {who}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {depends}\n"
        f"Suggests: {SUGGESTS}\n"
        "Section: utils\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n"
        f"{wrapped}\n"
    )


def _wrap(text: str, width: int) -> str:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(f" {line}")
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(f" {line}")
    return "\n".join(lines)


def changelog(*, who: str, when: int) -> str:
    """``changelog.Debian``: one entry for this build of the upstream version."""
    return (
        f"{APP_NAME} ({package_version()}) unstable; urgency=medium\n\n"
        f"  * Package of {APP_NAME} {version()}: the app frozen with its Python runtime\n"
        "    (PyInstaller), built by packaging/build.py.\n\n"
        f" -- {who}  {formatdate(when, localtime=False)}\n"
    )


def _gzip(data: bytes) -> bytes:
    """gzip -9n: no name, no time stamp (lintian and reproducibility ask for both)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as out:
        out.write(data)
    return buffer.getvalue()


def parse_overrides(text: str) -> list[tuple[str, str]]:
    """``(override, reason)`` pairs of a lintian overrides file; the reason is the comment
    block right above each override ("" when there is none)."""
    pairs: list[tuple[str, str]] = []
    comment: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            comment = []
        elif line.startswith("#"):
            comment.append(line.lstrip("#").strip())
        else:
            pairs.append((line, " ".join(part for part in comment if part)))
            comment = []
    return pairs


def _normalize_modes(root: Path, executables: Sequence[Path]) -> None:
    """Directories 0755; the executables 0755; every other file 0644 (shared objects too,
    as Debian policy 8.1 asks)."""
    wanted = {path.resolve() for path in executables}
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.resolve() in wanted else 0o644)


def _install(source: Path, target: Path, mode: int = 0o644, data: bytes | None = None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if data is None:
        shutil.copyfile(source, target)
    else:
        target.write_bytes(data)
    target.chmod(mode)


def _layout(bundle: Bundle, root: Path, components: Sequence[notices.Component]) -> None:
    who = maintainer()
    when = source_date()
    lib = root / LIB_DIR
    shutil.copytree(bundle.folder, lib, symlinks=True)
    _normalize_modes(lib, [lib / APP_NAME])
    binary = root / "usr" / "bin" / APP_NAME
    binary.parent.mkdir(parents=True)
    binary.symlink_to(f"../lib/{APP_NAME}/{APP_NAME}")
    share = root / "usr" / "share"
    _install(DESKTOP_FILE, share / "applications" / DESKTOP_FILE.name)
    _install(METAINFO, share / "metainfo" / METAINFO.name)
    hicolor = share / "icons" / "hicolor"
    for size in icons.HICOLOR_SIZES:
        png = icons.render_png(icons.APP_ICON, size)
        _install(icons.APP_ICON, hicolor / f"{size}x{size}" / "apps" / f"{APP_NAME}.png", data=png)
    _install(icons.APP_ICON, hicolor / "scalable" / "apps" / f"{APP_NAME}.svg")
    man = MAN_PAGE.read_text(encoding="utf-8").replace("@VERSION@", version())
    _install(MAN_PAGE, share / "man" / "man1" / f"{APP_NAME}.1.gz", data=_gzip(man.encode()))
    doc = share / "doc" / APP_NAME
    year = time.strftime("%Y", time.gmtime(when))
    text = notices.copyright_file(components, LIB_DIR, year)
    _install(DESKTOP_FILE, doc / "copyright", data=text.encode())
    entry = changelog(who=who, when=when).encode()
    _install(DESKTOP_FILE, doc / "changelog.Debian.gz", data=_gzip(entry))
    _install(OVERRIDES, share / "lintian" / "overrides" / APP_NAME)
    for path in [root, *root.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)


def _depends(root: Path, work: Path) -> str:
    """``shlibs:Depends`` of every ELF file of the bundle, from ``dpkg-shlibdeps``."""
    tool = require_tool("dpkg-shlibdeps", HINT)
    elves = [
        path
        for path in sorted((root / LIB_DIR).rglob("*"))
        if path.is_file() and not path.is_symlink() and is_elf(path)
    ]
    source = work / "shlibdeps"
    shutil.rmtree(source, ignore_errors=True)
    (source / "debian").mkdir(parents=True)
    (source / "debian" / "control").write_text(
        f"Source: {APP_NAME}\n\nPackage: {APP_NAME}\nArchitecture: any\n", encoding="utf-8"
    )
    output = run(
        [
            tool,
            "-O",
            # the bundle's own libraries (Qt, ICU) come with no shlibs file: they are ours
            "--ignore-missing-info",
            f"-S{root}",
            "--warnings=0",
            *(f"-e{path}" for path in elves),
        ],
        cwd=source,
        capture=True,
    )
    for line in output.splitlines():
        if line.startswith("shlibs:Depends="):
            return line.split("=", 1)[1].strip()
    raise BuildError(f"dpkg-shlibdeps printed no dependencies:\n{output}")


def _md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.relative_to(root).parts[0] == "DEBIAN":
            continue
        digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
        lines.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    return "".join(lines)


def build_deb(
    bundle: Bundle, out: Path, work: Path, components: Sequence[notices.Component]
) -> DebPackage:
    """Lay the package out under ``work/deb``, then build ``out/<name>_<version>_<arch>.deb``."""
    dpkg_deb = require_tool("dpkg-deb", HINT)
    arch = run([require_tool("dpkg", HINT), "--print-architecture"], capture=True).strip()
    root = work / "deb"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    _layout(bundle, root, components)
    (root / "DEBIAN").mkdir(mode=0o755)  # dpkg-shlibdeps finds the package root by it
    depends = _depends(root, work)
    installed = installed_size_kib(root)
    who = maintainer()
    _install(
        DESKTOP_FILE,
        root / "DEBIAN" / "control",
        data=control(arch=arch, installed_kib=installed, depends=depends, who=who).encode(),
    )
    _install(DESKTOP_FILE, root / "DEBIAN" / "md5sums", data=_md5sums(root).encode())
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{APP_NAME}_{package_version()}_{arch}.deb"
    target.unlink(missing_ok=True)
    run([dpkg_deb, "--root-owner-group", "-Zxz", "--build", root, target], capture=True)
    return DebPackage(target, target.stat().st_size, installed, depends, root)


def lintian(deb: Path) -> tuple[int, str]:
    """lintian's exit status and report on ``deb`` (every tag, overridden ones shown with
    their reasons)."""
    tool = require_tool("lintian", "apt-get install lintian")
    result = subprocess.run(  # noqa: S603  # our argument list, no shell
        # "--fail-on none": the status tells only whether lintian ran (with overridden tags
        # shown it would fail on them); errors are read from the report
        [
            *(tool, "--fail-on", "none", "--display-info", "--show-overrides"),
            *("--tag-display-limit", "0", str(deb)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def lintian_errors(report: str) -> list[str]:
    """The lines of a lintian report that are errors (``E:``); overridden tags are ``O:``."""
    return [line for line in report.splitlines() if line.startswith("E:")]
