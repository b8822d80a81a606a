"""Freed memory goes back to the system: glibc's malloc told to keep its first thresholds.

glibc raises its mmap threshold each time a large block is freed, and the heap's trim
threshold with it (to twice that block), so after one large image or answer is freed it keeps
up to several MiB of freed heap for good: the soak benchmark saw a tray grow by 2 MiB the first
time the history window was closed, and never give it back. Fixing the mmap threshold at its
initial 128 KiB turns the adjustment off (for both thresholds): large blocks are mapped and
unmapped, and the heap's free top is trimmed as it was at start.

Only on glibc (``mallopt`` exists; musl and other systems are left alone), and not when the
person set a ``MALLOC_*`` tunable in the environment: theirs wins.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from typing import Final

M_MMAP_THRESHOLD: Final = -3
"""``mallopt``'s parameter number for the mmap threshold (glibc's malloc.h)."""
FIXED_MMAP_THRESHOLD: Final = 128 * 1024
"""glibc's own initial value: blocks this large are mapped, and unmapped when freed."""

Mallopt = Callable[[int, int], int]


def glibc_mallopt() -> Mallopt | None:
    """This process's ``mallopt``, or None where the C library has none (not glibc)."""
    if not sys.platform.startswith("linux"):
        return None
    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)
    if mallopt is None:
        return None
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt  # type: ignore[no-any-return]


def keep_thresholds_fixed(
    find: Callable[[], Mallopt | None] = glibc_mallopt,
    environ: Mapping[str, str] = os.environ,
) -> bool:
    """Fix glibc's mmap threshold (see the module's docstring); True when it was done."""
    if any(name.startswith(("MALLOC_", "GLIBC_TUNABLES")) for name in environ):
        return False
    mallopt = find()
    return mallopt is not None and mallopt(M_MMAP_THRESHOLD, FIXED_MMAP_THRESHOLD) == 1
