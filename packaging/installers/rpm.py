"""The ``.rpm``: the same files as the ``.deb`` (see :mod:`installers.debian`), packed by
``rpmbuild`` (Debian's ``rpm`` package builds it too).

Dependencies are shared-library names (``libxcb-cursor.so.0()(64bit)``), which every
rpm-based distribution resolves to its own package names; rpm's automatic dependency and
"provides" scan is off, or the package would claim to provide Qt to the whole system. rpm's
post-install steps (strip, byte-compile) are off too: stripping the executable would cut off
the archive PyInstaller appended to it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from installers.debian import LIB_DIR
from installers.elf import ElfError, is_elf, read_elf
from installers.project import (
    APP_NAME,
    LONG_DESCRIPTION,
    PACKAGING,
    SUMMARY,
    BuildError,
    require_tool,
    run,
    version,
)

__all__ = ["RELEASE", "RpmPackage", "build_rpm", "requires", "spec_text"]

RELEASE: Final = "1"
SPEC_TEMPLATE: Final = PACKAGING / "linux" / f"{APP_NAME}.spec.in"
# Provided by the C library itself; rpm lists them only as "libc.so.6(...)".
_LOADERS: Final = ("ld-linux", "ld64.so")
_LICENSES: Final = "MIT AND LGPL-3.0-only AND PSF-2.0 AND BSD-3-Clause AND Apache-2.0 AND MPL-2.0"


@dataclass(frozen=True)
class RpmPackage:
    path: Path
    size: int
    requires: tuple[str, ...]


def requires(tree: Path) -> list[str]:
    """``soname()(64bit)`` for every library an ELF file under ``tree`` needs and the tree
    itself does not hold."""
    needed: set[str] = set()
    provided: set[str] = set()
    bits = 64
    for path in sorted(tree.rglob("*")):
        if path.is_symlink():
            provided.add(path.name)
            continue
        if not path.is_file() or not is_elf(path):
            continue
        try:
            info = read_elf(path)
        except ElfError:
            continue
        bits = info.bits
        provided.add(path.name)
        if info.soname:
            provided.add(info.soname)
        needed.update(info.needed)
    suffix = "()(64bit)" if bits == 64 else ""
    return sorted(f"{name}{suffix}" for name in needed - provided if not name.startswith(_LOADERS))


def spec_text(tree: Path, needs: list[str]) -> str:
    """The rpm spec: ``@FIELDS@`` of the template filled in."""
    template = SPEC_TEMPLATE.read_text(encoding="utf-8")
    values = {
        "@NAME@": APP_NAME,
        "@VERSION@": version(),
        "@RELEASE@": RELEASE,
        "@SUMMARY@": SUMMARY,
        "@LICENSE@": _LICENSES,
        "@REQUIRES@": "\n".join(f"Requires:       {name}" for name in needs),
        "@DESCRIPTION@": LONG_DESCRIPTION,
        "@TREE@": str(tree),
        "@LIBDIR@": f"/{LIB_DIR}",
    }
    for key, value in values.items():
        template = template.replace(key, value)
    if "@" in "".join(line for line in template.splitlines() if not line.startswith("#")):
        raise BuildError("the rpm spec template has a field build.py does not fill")
    return template


def build_rpm(deb_root: Path, out: Path, work: Path) -> RpmPackage:
    """Build ``out/<name>-<version>-<release>.<arch>.rpm`` from the ``.deb``'s file tree."""
    rpmbuild = require_tool("rpmbuild", "apt-get install rpm")
    tree = work / "rpm-tree"
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(deb_root, tree, symlinks=True, ignore=shutil.ignore_patterns("DEBIAN"))
    shutil.rmtree(tree / "usr" / "share" / "lintian")
    doc = tree / "usr" / "share" / "doc" / APP_NAME
    (doc / "changelog.Debian.gz").unlink()
    top = work / "rpmbuild"
    shutil.rmtree(top, ignore_errors=True)
    for folder in ("SPECS", "BUILD", "BUILDROOT", "RPMS", "SRPMS", "SOURCES"):
        (top / folder).mkdir(parents=True)
    needs = requires(tree / LIB_DIR)
    spec = top / "SPECS" / f"{APP_NAME}.spec"
    spec.write_text(spec_text(tree, needs), encoding="utf-8")
    run(
        [
            rpmbuild,
            "-bb",
            "--define",
            f"_topdir {top}",
            "--define",
            f"_rpmdir {top / 'RPMS'}",
            "--define",
            "_build_id_links none",
            spec,
        ],
        capture=True,
    )
    built = sorted((top / "RPMS").rglob("*.rpm"))
    if len(built) != 1:
        raise BuildError(f"rpmbuild made {built}, not one package")
    out.mkdir(parents=True, exist_ok=True)
    target = out / built[0].name
    shutil.copyfile(built[0], target)
    return RpmPackage(target, target.stat().st_size, tuple(needs))
