"""Just enough of the ELF format to read a shared object's dynamic section: the libraries it
needs (``DT_NEEDED``), its own name (``DT_SONAME``) and its search path (``DT_RUNPATH`` or the
older ``DT_RPATH``). Standard library only, so the PyInstaller spec can use it too.

Why not ``ldd`` or ``readelf``: ``ldd`` resolves against the build machine (the question here is
what a file *asks for*, wherever it ends up), runs the loader on untrusted files, and neither is
on every build machine; the dynamic section is a few dozen lines to read.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Final

__all__ = ["ElfError", "ElfInfo", "is_elf", "read_elf"]

MAGIC: Final = b"\x7fELF"
_PT_DYNAMIC: Final = 2
_DT_NULL: Final = 0
_DT_NEEDED: Final = 1
_DT_STRTAB: Final = 5
_DT_SONAME: Final = 14
_DT_RPATH: Final = 15
_DT_RUNPATH: Final = 29
_PT_LOAD: Final = 1


class ElfError(ValueError):
    """Not an ELF file, or one whose dynamic section cannot be read."""


@dataclass(frozen=True)
class ElfInfo:
    """What a dynamically linked ELF file says about its libraries."""

    needed: tuple[str, ...] = ()
    soname: str | None = None
    runpath: tuple[str, ...] = field(default=())
    machine: int = 0
    bits: int = 64


def is_elf(path: Path) -> bool:
    """True if ``path`` is a regular file that starts with the ELF magic."""
    try:
        with path.open("rb") as stream:
            return stream.read(4) == MAGIC
    except OSError:
        return False


def _read_at(stream: BinaryIO, offset: int, size: int) -> bytes:
    stream.seek(offset)
    data = stream.read(size)
    if len(data) != size:
        raise ElfError(f"truncated ELF file (wanted {size} bytes at {offset})")
    return data


def _string(table: bytes, offset: int) -> str:
    end = table.find(b"\0", offset)
    if offset >= len(table) or end < 0:
        raise ElfError(f"string offset {offset} outside the string table")
    return table[offset:end].decode("utf-8", errors="replace")


def read_elf(path: Path) -> ElfInfo:
    """The dynamic section of ``path``; a static file gives an empty :class:`ElfInfo`.

    Raises :class:`ElfError` if ``path`` is not an ELF file or is malformed.
    """
    with path.open("rb") as stream:
        ident = stream.read(16)
        if len(ident) < 16 or ident[:4] != MAGIC:
            raise ElfError(f"{path} is not an ELF file")
        bits = {1: 32, 2: 64}.get(ident[4])
        order = {1: "<", 2: ">"}.get(ident[5])
        if bits is None or order is None:
            raise ElfError(f"{path}: unknown ELF class or byte order")
        if bits == 64:
            header = struct.unpack(order + "HHIQQQIHHHHHH", _read_at(stream, 16, 48))
        else:
            header = struct.unpack(order + "HHIIIIIHHHHHH", _read_at(stream, 16, 36))
        machine, phoff, phentsize, phnum = header[1], header[4], header[8], header[9]
        segments = _program_headers(stream, order, bits, (phoff, phentsize, phnum))
        dynamic = next((s for s in segments if s[0] == _PT_DYNAMIC), None)
        if dynamic is None:
            return ElfInfo(machine=machine, bits=bits)
        entries = _dynamic_entries(stream, order, bits, dynamic[1], dynamic[2])
        strtab_address = next((value for tag, value in entries if tag == _DT_STRTAB), None)
        if strtab_address is None:
            raise ElfError(f"{path}: a dynamic section without a string table")
        strtab_offset = _file_offset(segments, strtab_address)
        stream.seek(strtab_offset)
        table = stream.read(1 << 20)  # far larger than any real .dynstr
    needed = tuple(_string(table, value) for tag, value in entries if tag == _DT_NEEDED)
    sonames = [_string(table, value) for tag, value in entries if tag == _DT_SONAME]
    paths = [_string(table, value) for tag, value in entries if tag == _DT_RUNPATH]
    if not paths:
        paths = [_string(table, value) for tag, value in entries if tag == _DT_RPATH]
    runpath = tuple(part for text in paths for part in text.split(":") if part)
    return ElfInfo(
        needed=needed,
        soname=sonames[0] if sonames else None,
        runpath=runpath,
        machine=machine,
        bits=bits,
    )


def _program_headers(
    stream: BinaryIO, order: str, bits: int, table: tuple[int, int, int]
) -> list[tuple[int, int, int, int]]:
    """``(type, file offset, file size, virtual address)`` of every segment; ``table`` is the
    header's (offset, entry size, count) of the program header table."""
    offset, size, count = table
    segments = []
    for index in range(count):
        raw = _read_at(stream, offset + index * size, size)
        if bits == 64:
            kind, _flags, p_offset, p_vaddr, _paddr, p_filesz = struct.unpack(
                order + "IIQQQQ", raw[:40]
            )
        else:
            kind, p_offset, p_vaddr, _paddr, p_filesz = struct.unpack(order + "IIIII", raw[:20])
        segments.append((kind, p_offset, p_filesz, p_vaddr))
    return segments


def _dynamic_entries(
    stream: BinaryIO, order: str, bits: int, offset: int, size: int
) -> list[tuple[int, int]]:
    entry = struct.Struct(order + ("qQ" if bits == 64 else "iI"))
    raw = _read_at(stream, offset, size)
    entries = []
    for start in range(0, len(raw) - entry.size + 1, entry.size):
        tag, value = entry.unpack_from(raw, start)
        if tag == _DT_NULL:
            break
        entries.append((tag, value))
    return entries


def _file_offset(segments: list[tuple[int, int, int, int]], address: int) -> int:
    """Where the virtual ``address`` lies in the file (through the loadable segments)."""
    for kind, offset, size, vaddr in segments:
        if kind == _PT_LOAD and vaddr <= address < vaddr + max(size, 1):
            return offset + (address - vaddr)
    raise ElfError(f"address {address:#x} is in no loadable segment")
