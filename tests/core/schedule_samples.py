"""Schedules, zones and statuses shared by the schedule, day-plan and reminder tests."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

import pytz

from tray_app.core.schedule_import import parse_schedule
from tray_app.core.schedule_model import WorkTimeSchedule
from tray_app.core.workday import DayState, Workday

SCHEDULES = Path(__file__).resolve().parent.parent / "fixtures" / "schedules"

BERLIN = pytz.timezone("Europe/Berlin")
MOSCOW = pytz.timezone("Europe/Moscow")
NEW_YORK = pytz.timezone("America/New_York")
SAO_PAULO = pytz.timezone("America/Sao_Paulo")
TEHRAN = pytz.timezone("Asia/Tehran")
KOLKATA = pytz.timezone("Asia/Kolkata")
TOKYO = pytz.timezone("Asia/Tokyo")


def document(name: str) -> dict[str, Any]:
    """A fresh copy of ``tests/fixtures/schedules/<name>.json``."""
    loaded = json.loads((SCHEDULES / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return copy.deepcopy(loaded)


def schedule(name: str) -> WorkTimeSchedule:
    return parse_schedule(document(name))


def hm(hours: int, minutes: int = 0) -> timedelta:
    return timedelta(hours=hours, minutes=minutes)


def local(zone: tzinfo, text: str) -> datetime:
    """``"2024-06-03 09:00"`` on the wall clock of ``zone``; skipped or repeated times raise."""
    naive = datetime.fromisoformat(text)
    if isinstance(zone, pytz.BaseTzInfo):
        return zone.localize(naive, is_dst=None)
    return naive.replace(tzinfo=zone)


def utc(text: str) -> datetime:
    """``"2024-06-03 07:00"`` in UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def wall(moment: datetime | None) -> tuple[str, str] | None:
    """A moment as its wall clock and offset, e.g. ``("2024-03-31 06:30", "+02:00")``."""
    if moment is None:
        return None
    text = moment.isoformat(timespec="minutes")
    return f"{text[:10]} {text[11:16]}", text[16:]


def opened(start: datetime, leaks: timedelta = timedelta(0)) -> Workday:
    return Workday(state=DayState.OPENED, started_at=start, leaks=leaks)


def paused(start: datetime, pause: datetime, leaks: timedelta = timedelta(0)) -> Workday:
    return Workday(state=DayState.PAUSED, started_at=start, finished_at=pause, leaks=leaks)


def closed(
    start: datetime | None = None, end: datetime | None = None, leaks: timedelta = timedelta(0)
) -> Workday:
    duration = timedelta(0) if start is None or end is None else end - start - leaks
    return Workday(
        state=DayState.CLOSED, started_at=start, finished_at=end, leaks=leaks, duration=duration
    )


def expired(start: datetime, suggested: datetime | None = None) -> Workday:
    return Workday(state=DayState.EXPIRED, started_at=start, suggested_finish=suggested)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
