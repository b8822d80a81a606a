"""A smaller ICU data library for the Linux bundle.

PySide6's Qt links ICU, whose data library (``libicudata.so.<N>``, ~32 MB) holds the tables of
every locale: collation, names of languages, currencies, units and time zones, transliteration,
number spell-out. The app speaks English and Russian, so the tables of other locales are left
out (ICU falls back to ``root`` for them, as for any locale it has no data for), and so are the
word lists of languages written without spaces; what no locale owns (converters, normalization,
break rules, time zones, ...) stays whole.

The data is an ICU "common data" package (format ``CmnD``: a header, a table of contents sorted
by name, the items) exported as the symbol ``icudt<N>_dat``. It is read from the wheel's
library, rewritten with the kept items, and linked into a new library of the same name with
binutils (``objcopy``, ``ld``; dpkg-dev, which the .deb needs anyway, depends on them).
Standard library only, so the PyInstaller spec can use it.
"""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = [
    "DATA_LIBRARY",
    "CommonData",
    "IcuError",
    "keep_item",
    "read_common_data",
    "shrink_library",
]

DATA_LIBRARY: Final = re.compile(r"^libicudata\.so\.(?P<major>\d+)$")
_FORMAT: Final = b"CmnD"
_MAGIC: Final = b"\xda\x27"
_X86_64: Final = struct.pack("<H", 62)  # e_machine EM_X86_64: what link_data_library writes
_ALIGN: Final = 16  # as ICU's own tools lay items out
# A locale's own file: "ru.res", "en_GB.res", "sr_Latn_BA.res"; "root.res" is the fallback.
_LOCALE_FILE: Final = re.compile(r"^(?P<language>[a-z]{2,3})(?:_[A-Za-z0-9]+)*\.res$")
_NOT_A_LOCALE: Final = frozenset({"res_index.res"})  # the list of locales, not one of them
# Word lists for breaking Chinese, Japanese, Thai, Lao, Khmer and Burmese text into words
# (~3 MB); without them ICU breaks such text between characters.
_WORD_LIST: Final = ".dict"


class IcuError(ValueError):
    """Not an ICU data library, or one this module cannot rewrite."""


@dataclass(frozen=True)
class CommonData:
    """An ICU common data package: its header (copied as it is) and its items by name."""

    header: bytes
    items: tuple[tuple[str, bytes], ...]

    def to_bytes(self) -> bytes:
        """The package as ICU reads it: names and items in the order given (sorted)."""
        count = len(self.items)
        names = b"".join(name.encode("ascii") + b"\0" for name, _data in self.items)
        toc_size = 4 + 8 * count
        data_start = _aligned(toc_size + len(names))
        entries: list[bytes] = []
        body = bytearray()
        name_offset = toc_size
        for name, data in self.items:
            entries.append(struct.pack("<II", name_offset, data_start + len(body)))
            name_offset += len(name) + 1
            body += data + b"\0" * (_aligned(len(data)) - len(data))
        table = struct.pack("<I", count) + b"".join(entries) + names
        return self.header + table + b"\0" * (data_start - len(table)) + bytes(body)


def _aligned(size: int) -> int:
    return -(-size // _ALIGN) * _ALIGN


def read_common_data(blob: bytes) -> CommonData:
    """Parse a little-endian common data package that fills ``blob`` exactly."""
    if len(blob) < 32 or blob[2:4] != _MAGIC or blob[12:16] != _FORMAT or blob[8] != 0:
        raise IcuError("not a little-endian ICU common data package")
    (header_size,) = struct.unpack_from("<H", blob, 0)
    table = blob[header_size:]
    (count,) = struct.unpack_from("<I", table, 0)
    if 4 + 8 * count > len(table):
        raise IcuError("the table of contents runs past the data")
    offsets = [struct.unpack_from("<II", table, 4 + 8 * index) for index in range(count)]
    ends = [data for _name, data in offsets[1:]] + [len(table)]
    items: list[tuple[str, bytes]] = []
    for (name_offset, data_offset), end in zip(offsets, ends, strict=True):
        name_end = table.find(b"\0", name_offset)
        if name_end < 0 or not data_offset <= end <= len(table):
            raise IcuError("an item of the table of contents points outside the data")
        items.append((table[name_offset:name_end].decode("ascii"), table[data_offset:end]))
    return CommonData(blob[:header_size], tuple(items))


def keep_item(name: str, languages: Iterable[str]) -> bool:
    """Whether the item ``name`` (``icudt73l/coll/de.res``) is kept for ``languages``."""
    file = name.rsplit("/", 1)[-1]
    if file.endswith(_WORD_LIST):
        return False
    match = _LOCALE_FILE.match(file)
    if match is None or file in _NOT_A_LOCALE:
        return True
    return match["language"] in {"en", *languages}


def _elf_section_holding(image: bytes, offset: int) -> tuple[int, int]:
    """``(start, end)`` in the file of the section that holds ``offset`` (64-bit LE ELF)."""
    if image[:4] != b"\x7fELF" or image[4] != 2 or image[5] != 1:
        raise IcuError("not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", image, 0x28)
    entry_size, count = struct.unpack_from("<HH", image, 0x3A)
    for index in range(count):
        start, size = struct.unpack_from("<QQ", image, shoff + index * entry_size + 0x18)
        kind = struct.unpack_from("<I", image, shoff + index * entry_size + 4)[0]
        if kind != 8 and start <= offset < start + size:  # 8: SHT_NOBITS, nothing in the file
            return start, start + size
    raise IcuError("the ICU data lies in no section")


def extract_data(image: bytes) -> bytes:
    """The common data package inside a ``libicudata`` image (the section it fills)."""
    found = image.find(_FORMAT)
    while found >= 0 and image[found - 10 : found - 8] != _MAGIC:
        found = image.find(_FORMAT, found + 1)
    if found < 12:
        raise IcuError("no ICU common data in this library")
    start = found - 12
    _section_start, end = _elf_section_holding(image, start)
    return image[start:end]


def _tool(name: str) -> str:
    from shutil import which  # noqa: PLC0415  # only the build needs it

    found = which(name)
    if found is None:
        raise IcuError(f"{name} not found: apt-get install binutils")
    return found


def link_data_library(package: bytes, major: str, target: Path) -> None:
    """Write ``target``: a shared library ``libicudata.so.<major>`` exporting ``package``
    read-only as ``icudt<major>_dat``."""
    symbol = f"icudt{major}_dat"
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder, "icudata.bin")
        data.write_bytes(package)
        obj = Path(folder, "icudata.o")
        mangled = "_binary_" + re.sub(r"[^A-Za-z0-9]", "_", str(data))
        _check(
            [
                *(_tool("objcopy"), "-I", "binary", "-O", "elf64-x86-64", "-B", "i386:x86-64"),
                "--rename-section=.data=.rodata,alloc,load,readonly,data,contents",
                f"--set-section-alignment=.rodata={_ALIGN}",
                f"--redefine-sym={mangled}_start={symbol}",
                *(f"--strip-symbol={mangled}_end", f"--strip-symbol={mangled}_size"),
                *(str(data), str(obj)),
            ]
        )
        _check(
            [
                *(_tool("ld"), "-shared", f"-soname=libicudata.so.{major}"),
                *("-z", "noexecstack", "-z", "relro", "--build-id", "-s"),
                *("-o", str(target), str(obj)),
            ]
        )


def _check(argv: Sequence[str]) -> None:
    result = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise IcuError(f"{argv[0]} failed: {result.stderr.strip()}")


def shrink_library(source: Path, target: Path, languages: Iterable[str]) -> tuple[int, int]:
    """Write a ``libicudata`` with only the items :func:`keep_item` keeps; ``(bytes before,
    bytes after)`` of the library."""
    match = DATA_LIBRARY.match(source.name)
    if match is None:
        raise IcuError(f"{source.name} is not an ICU data library")
    wanted = tuple(languages)
    image = source.read_bytes()
    if image[:4] != b"\x7fELF" or image[18:20] != _X86_64:
        raise IcuError(f"{source.name} is not an x86-64 library: only those are rebuilt")
    package = read_common_data(extract_data(image))
    kept = tuple(item for item in package.items if keep_item(item[0], wanted))
    target.parent.mkdir(parents=True, exist_ok=True)
    link_data_library(CommonData(package.header, kept).to_bytes(), match["major"], target)
    return source.stat().st_size, target.stat().st_size
