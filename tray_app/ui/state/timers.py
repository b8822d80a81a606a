"""The timers the controller runs on: QTimers, or in the tests timers fired by hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer


class Timer(Protocol):
    """The little of QTimer the controller uses; tests pass timers they fire by hand."""

    def start(self, msec: int) -> None: ...

    def stop(self) -> None: ...

    def is_active(self) -> bool: ...


TimerFactory = Callable[[Callable[[], None], bool], Timer]
"""``factory(callback, single_shot)`` -> a stopped timer that calls ``callback`` on timeout."""


class QtTimer:
    """A QTimer behind :class:`Timer`."""

    def __init__(self, parent: QObject, callback: Callable[[], None], single_shot: bool) -> None:
        self._timer = QTimer(parent)
        self._timer.setSingleShot(single_shot)
        self._timer.timeout.connect(callback)

    def start(self, msec: int) -> None:
        self._timer.start(msec)

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()


def ms(seconds: float) -> int:
    """``seconds`` as a timer's whole milliseconds, never negative."""
    return max(0, round(seconds * 1000))
