"""Offline told once after a delay, and back online once."""

from __future__ import annotations

from tray_app.core.offline_watch import OfflineWatch


def test_offline_is_told_once_after_the_delay_and_back_online_once() -> None:
    watch = OfflineWatch(300.0)
    assert not watch.offline
    assert watch.check(0.0) is None
    assert watch.failed(1000.0) is None
    assert watch.offline
    assert watch.check(1200.0) is None
    assert watch.failed(1300.0) == 5
    assert watch.check(2000.0) is None, "told once"
    assert watch.answered() is True
    assert not watch.offline
    assert watch.answered() is False, "an answer after a short gap tells nothing"


def test_a_short_outage_says_nothing_and_forget_starts_over() -> None:
    watch = OfflineWatch(300.0)
    watch.failed(0.0)
    watch.forget()
    assert watch.failed(100.0) is None
    assert watch.check(410.0) == 5
    assert OfflineWatch(0.0).failed(0.0) == 1, "at least one minute is said"
