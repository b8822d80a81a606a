"""The combined source: one idle reader, many lock readers, and what it says it detects."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tray_app.ui.away.idle.base import CombinedSource, Detection, DetectionLevel, merge_locks


class FakeIdle:
    name = "fake idle"

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.closed = 0

    def idle_seconds(self) -> float | None:
        return self.seconds

    def close(self) -> None:
        self.closed += 1


class FakeLock:
    def __init__(self, name: str, answer: bool | None) -> None:
        self.name = name
        self.answer = answer
        self.closed = 0

    def locked(self) -> bool | None:
        return self.answer

    def close(self) -> None:
        self.closed += 1


class WatchedLock(FakeLock):
    def __init__(self, name: str, answer: bool | None) -> None:
        super().__init__(name, answer)
        self.callback: Callable[[], None] | None = None

    def watch(self, callback: Callable[[], None] | None) -> None:
        self.callback = callback


@pytest.mark.parametrize(
    ("answers", "merged"),
    [
        ([], None),
        ([None, None], None),
        ([False, None], False),
        ([False, True], True),
        ([None, True, False], True),
    ],
)
def test_any_locked_answer_wins(answers: list[bool | None], merged: bool | None) -> None:
    assert merge_locks(answers) is merged


def test_the_source_asks_its_readers() -> None:
    idle = FakeIdle(42.0)
    locks = [FakeLock("a", False), FakeLock("b", None)]
    source = CombinedSource(idle, locks)
    assert source.idle_seconds() == 42.0
    assert source.locked() is False
    locks[1].answer = True
    assert source.locked() is True
    assert source.readers == (idle, tuple(locks))
    assert source.describe() == Detection(idle="fake idle", lock=("a", "b"))


def test_lock_announcements_reach_the_callback_where_the_desktop_makes_them() -> None:
    watched, silent = WatchedLock("w", False), FakeLock("s", False)
    source = CombinedSource(None, [watched, silent])
    calls: list[int] = []
    source.on_change(lambda: calls.append(1))
    assert watched.callback is not None
    watched.callback()
    assert calls == [1]
    source.on_change(None)
    assert watched.callback is None


def test_close_releases_every_reader_once_and_silences_the_source() -> None:
    idle, watched = FakeIdle(1.0), WatchedLock("w", True)
    source = CombinedSource(idle, [watched])
    source.on_change(lambda: None)
    source.close()
    source.close()
    assert (idle.closed, watched.closed) == (1, 1)
    assert watched.callback is None
    assert source.idle_seconds() is None
    assert source.locked() is None


def test_without_readers_only_sleep_is_detected() -> None:
    source = CombinedSource(None)
    assert source.idle_seconds() is None
    assert source.locked() is None
    assert source.describe().level is DetectionLevel.SLEEP_ONLY
    source.close()


@pytest.mark.parametrize(
    ("detection", "level", "text"),
    [
        (
            Detection("X11", ("logind",)),
            DetectionLevel.FULL,
            "Detects no input for a while (X11), a locked screen (logind) and sleep.",
        ),
        (
            Detection("Windows"),
            DetectionLevel.IDLE_AND_SLEEP,
            "Detects no input for a while (Windows) and sleep.",
        ),
        (
            Detection(lock=("GNOME", "logind")),
            DetectionLevel.LOCK_AND_SLEEP,
            "Detects a locked screen (GNOME, logind) and sleep.",
        ),
        (
            Detection(),
            DetectionLevel.SLEEP_ONLY,
            "Detects sleep only: no idle time or lock state is available here.",
        ),
    ],
)
def test_detection_levels_and_words(detection: Detection, level: DetectionLevel, text: str) -> None:
    assert detection.level is level
    assert str(detection) == text
