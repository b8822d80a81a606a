"""Moments of the CLI tests' day: Friday 2026-11-20 in Moscow (UTC+3), the user's zone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

MSK = timezone(timedelta(hours=3))


def at(hour: int, minute: int = 0, day: int = 20) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=MSK)
