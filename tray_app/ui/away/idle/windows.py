"""Windows: ``GetLastInputInfo`` and ``GetTickCount64`` (user32, kernel32) through ctypes.

``GetLastInputInfo`` gives the 32-bit tick count (milliseconds since boot, wrapping every 49.7
days) of the session's last input; the idle time is the current tick count minus it, taken
modulo 2**32. Microsoft warns that the last input's tick count may be a little *later* than a
tick count read before it (input sent with its own time stamp): such a "negative" idle time is
input just now, not 49 days of absence.

Importable everywhere; :meth:`WindowsIdle.open` answers None except on Windows. The arithmetic
is tested on any system with the two calls injected.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Final

__all__ = ["WindowsIdle", "idle_milliseconds"]

_WRAP: Final = 1 << 32


class LASTINPUTINFO(ctypes.Structure):
    _fields_ = (("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint32))


def idle_milliseconds(tick_count: int, last_input: int) -> int:
    """Milliseconds from the 32-bit tick count ``last_input`` to the 64-bit ``tick_count``."""
    elapsed = (tick_count - last_input) % _WRAP
    return 0 if elapsed >= _WRAP // 2 else elapsed


class WindowsIdle:
    """``last_input()``: the tick count of the last input (None when the call failed);
    ``tick_count()``: the current tick count."""

    name = "Windows GetLastInputInfo"

    def __init__(self, last_input: Callable[[], int | None], tick_count: Callable[[], int]) -> None:
        self._last_input: Callable[[], int | None] | None = last_input
        self._tick_count = tick_count

    @classmethod
    def open(cls) -> WindowsIdle | None:
        """The reader on Windows, else None."""
        if sys.platform != "win32":
            return None
        user32 = ctypes.WinDLL("user32")  # pragma: no cover - Windows only
        kernel32 = ctypes.WinDLL("kernel32")  # pragma: no cover
        kernel32.GetTickCount64.restype = ctypes.c_uint64  # pragma: no cover

        def last_input() -> int | None:  # pragma: no cover
            info = LASTINPUTINFO(cbSize=ctypes.sizeof(LASTINPUTINFO))
            if not user32.GetLastInputInfo(ctypes.byref(info)):
                return None
            return int(info.dwTime)

        return cls(last_input, lambda: int(kernel32.GetTickCount64()))  # pragma: no cover

    def idle_seconds(self) -> float | None:
        if self._last_input is None:
            return None
        last = self._last_input()
        if last is None:
            return None
        return idle_milliseconds(self._tick_count(), last) / 1000.0

    def close(self) -> None:
        self._last_input = None
