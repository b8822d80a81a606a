"""macOS: ``CGEventSourceSecondsSinceLastEventType`` of CoreGraphics through ctypes.

Asked for the HID system state (``kCGEventSourceStateHIDSystemState`` = 1: input from the
hardware, not events programs post) and any input event (``kCGAnyInputEventType`` = ~0), it
answers the seconds since the last keyboard, mouse or tablet input as a double.

Importable everywhere; :meth:`MacIdle.open` answers None except on macOS. The handling of the
answer is tested on any system with the call injected.
"""

from __future__ import annotations

import ctypes
import math
import sys
from collections.abc import Callable
from typing import Final

__all__ = ["MacIdle"]

HID_SYSTEM_STATE: Final = 1
ANY_INPUT_EVENT: Final = 0xFFFF_FFFF
_FRAMEWORK: Final = "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics"


class MacIdle:
    """``seconds_since_input()``: the CoreGraphics call (injected in tests)."""

    name = "macOS CoreGraphics event source"

    def __init__(self, seconds_since_input: Callable[[], float]) -> None:
        self._seconds: Callable[[], float] | None = seconds_since_input

    @classmethod
    def open(cls) -> MacIdle | None:
        """The reader on macOS, else None."""
        if sys.platform != "darwin":
            return None
        graphics = ctypes.CDLL(_FRAMEWORK)  # pragma: no cover - macOS only
        call = graphics.CGEventSourceSecondsSinceLastEventType  # pragma: no cover
        call.restype = ctypes.c_double  # pragma: no cover
        call.argtypes = (ctypes.c_uint32, ctypes.c_uint32)  # pragma: no cover
        return cls(lambda: float(call(HID_SYSTEM_STATE, ANY_INPUT_EVENT)))  # pragma: no cover

    def idle_seconds(self) -> float | None:
        if self._seconds is None:
            return None
        value = self._seconds()
        if not math.isfinite(value):
            return None
        return max(value, 0.0)

    def close(self) -> None:
        self._seconds = None
