"""The Windows and macOS readers on any system: the calls injected, the arithmetic real."""

from __future__ import annotations

import math
import sys

import pytest

from tray_app.ui.away.idle.macos import MacIdle
from tray_app.ui.away.idle.windows import WindowsIdle, idle_milliseconds

WRAP = 2**32


@pytest.mark.parametrize(
    ("tick_count", "last_input", "expected"),
    [
        (10_000, 4_000, 6_000),
        (10_000, 10_000, 0),
        (WRAP + 100, WRAP - 50, 150),  # GetTickCount wrapped between input and now
        (5 * WRAP + 1_000, 500, 500),  # 200 days up: only the low 32 bits are compared
        (7 * WRAP + 20, WRAP - 30, 50),  # wrapped, and up for weeks
        (10_000, 10_016, 0),  # input stamped a little after our tick count: just now
        (3 * 86_400_000, 0, 3 * 86_400_000),  # three days without input
    ],
)
def test_idle_milliseconds(tick_count: int, last_input: int, expected: int) -> None:
    assert idle_milliseconds(tick_count, last_input) == expected


def test_windows_reader_with_the_calls_injected() -> None:
    answers: list[int | None] = [WRAP - 1_500, None]
    reader = WindowsIdle(lambda: answers.pop(0), lambda: 2 * WRAP + 1_000)
    assert reader.idle_seconds() == 2.5
    assert reader.idle_seconds() is None  # GetLastInputInfo failed
    reader.close()
    assert reader.idle_seconds() is None


@pytest.mark.skipif(sys.platform == "win32", reason="checks the answer off Windows")
def test_windows_reader_is_not_offered_elsewhere() -> None:
    assert WindowsIdle.open() is None


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(12.5, 12.5), (0.0, 0.0), (-0.25, 0.0), (math.nan, None), (math.inf, None)],
)
def test_mac_reader_with_the_call_injected(seconds: float, expected: float | None) -> None:
    reader = MacIdle(lambda: seconds)
    assert reader.idle_seconds() == expected
    reader.close()
    assert reader.idle_seconds() is None


@pytest.mark.skipif(sys.platform == "darwin", reason="checks the answer off macOS")
def test_mac_reader_is_not_offered_elsewhere() -> None:
    assert MacIdle.open() is None
