"""What every idle source offers, and the source made of the readers that work here.

A *reader* knows one thing from one place: seconds since the last input (:class:`IdleReader`)
or whether the screen is locked (:class:`LockReader`). :class:`CombinedSource` puts the first
working idle reader and every working lock reader together behind :class:`IdleSource`, which
is all the away monitor sees. Sleep needs no reader: the away tracker sees it in the clocks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

__all__ = [
    "CombinedSource",
    "Detection",
    "DetectionLevel",
    "IdleReader",
    "IdleSource",
    "LockReader",
    "WatchableLockReader",
]


class IdleSource(Protocol):
    """Is the person at the computer? Every answer may be None: "cannot tell now"."""

    def idle_seconds(self) -> float | None:
        """Seconds since the last keyboard or pointer input."""

    def locked(self) -> bool | None:
        """Whether the screen is locked."""

    def describe(self) -> Detection:
        """What this source can detect (for the settings)."""

    def on_change(self, callback: Callable[[], None] | None) -> None:
        """Call ``callback`` (on the GUI thread) when the desktop announces a lock or unlock,
        so the moment is not left to the next sample; None stops it."""

    def close(self) -> None:
        """Release connections and libraries; the source answers None afterwards."""


class IdleReader(Protocol):
    """Seconds since the last input, from one place."""

    name: str

    def idle_seconds(self) -> float | None: ...

    def close(self) -> None: ...


class LockReader(Protocol):
    """The lock state, from one place."""

    name: str

    def locked(self) -> bool | None: ...

    def close(self) -> None: ...


@runtime_checkable
class WatchableLockReader(LockReader, Protocol):
    """A lock reader whose desktop announces changes."""

    def watch(self, callback: Callable[[], None] | None) -> None: ...


class DetectionLevel(StrEnum):
    """How much of an absence can be seen."""

    FULL = "full"  # no input for a while, a locked screen, sleep
    IDLE_AND_SLEEP = "idle_and_sleep"  # no input, sleep (a lock shows as no input)
    LOCK_AND_SLEEP = "lock_and_sleep"
    SLEEP_ONLY = "sleep_only"


@dataclass(frozen=True)
class Detection:
    """What a source detects: ``idle`` names what measures the time without input ("" when
    nothing does); ``lock`` names what tells the screen is locked. Sleep is always detected."""

    idle: str = ""
    lock: tuple[str, ...] = ()

    @property
    def level(self) -> DetectionLevel:
        if self.idle and self.lock:
            return DetectionLevel.FULL
        if self.idle:
            return DetectionLevel.IDLE_AND_SLEEP
        if self.lock:
            return DetectionLevel.LOCK_AND_SLEEP
        return DetectionLevel.SLEEP_ONLY

    def __str__(self) -> str:
        """In English, for the log and the CLI (the settings word it in the user's language)."""
        idle = f"no input for a while ({self.idle})" if self.idle else ""
        lock = f"a locked screen ({', '.join(self.lock)})" if self.lock else ""
        parts = [part for part in (idle, lock) if part] + ["sleep"]
        if len(parts) == 1:
            return "Detects sleep only: no idle time or lock state is available here."
        return "Detects " + ", ".join(parts[:-1]) + " and " + parts[-1] + "."


def merge_locks(answers: Sequence[bool | None]) -> bool | None:
    """Locked if any reader says so; unlocked if one answers and none says locked."""
    if any(answer is True for answer in answers):
        return True
    if any(answer is False for answer in answers):
        return False
    return None


class CombinedSource:
    """One idle reader (or none) and any number of lock readers as an :class:`IdleSource`."""

    def __init__(self, idle: IdleReader | None, locks: Sequence[LockReader] = ()) -> None:
        self._idle = idle
        self._locks = list(locks)
        self._closed = False

    @property
    def readers(self) -> tuple[IdleReader | None, tuple[LockReader, ...]]:
        return (self._idle, tuple(self._locks))

    def idle_seconds(self) -> float | None:
        if self._closed or self._idle is None:
            return None
        return self._idle.idle_seconds()

    def locked(self) -> bool | None:
        if self._closed:
            return None
        return merge_locks([reader.locked() for reader in self._locks])

    def describe(self) -> Detection:
        idle = "" if self._idle is None else self._idle.name
        return Detection(idle=idle, lock=tuple(reader.name for reader in self._locks))

    def on_change(self, callback: Callable[[], None] | None) -> None:
        for reader in self._locks:
            if isinstance(reader, WatchableLockReader):
                reader.watch(callback)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.on_change(None)
        if self._idle is not None:
            self._idle.close()
        for reader in self._locks:
            reader.close()
