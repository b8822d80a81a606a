"""Days, clocks and kept clicks for the tests of the kept-click rules (issue 12)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

from tray_app.core.kept_clicks import DayMark, KeptAction, KeptClick, SentWrite, Steady, mark_of
from tray_app.core.workday import DayState, Workday

PLUS3 = timezone(timedelta(hours=3))
PLUS1 = timezone(timedelta(hours=1))
M = timedelta(minutes=1)
H = timedelta(hours=1)
BOOT = "boot-a"


def at(hour: int, minute: int = 0, *, day: int = 17, zone: timezone = PLUS3) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=zone)


START = at(9)
END = at(17)


def opened(record_id: int | None = 7, start: datetime = START, leaks: timedelta = M * 0) -> Workday:
    return Workday(
        DayState.OPENED, record_id=record_id, started_at=start, leaks=leaks, tz_offset=10800
    )


def paused(since: datetime, record_id: int | None = 7) -> Workday:
    return replace(opened(record_id), state=DayState.PAUSED, finished_at=since)


def expired(record_id: int | None = 7) -> Workday:
    return replace(opened(record_id), state=DayState.EXPIRED)


def closed(end: datetime = END, record_id: int | None = 7, start: datetime = START) -> Workday:
    return Workday(
        DayState.CLOSED, record_id=record_id, started_at=start, finished_at=end, tz_offset=10800
    )


NO_DAY = Workday(DayState.CLOSED)


@dataclass
class FakeClock:
    """A wall clock and a steady counter, moved by hand (the wall clock can jump)."""

    wall: datetime = field(default_factory=lambda: at(18, 5))
    counter: float = 1000.0
    boot: str = BOOT

    def now(self) -> datetime:
        return self.wall

    def steady(self) -> Steady:
        return Steady(self.boot, self.counter)

    def advance(self, delta: timedelta) -> None:
        self.wall += delta
        self.counter += delta.total_seconds()


def click(
    action: KeptAction,
    clicked_at: datetime,
    *,
    basis: Workday | DayMark | None,
    steady: Steady | None = None,
    after: str | None = None,
    sent: SentWrite | None = None,
    held: str | None = None,
    click_id: str = "c1",
) -> KeptClick:
    mark = mark_of(basis) if isinstance(basis, Workday) else basis
    return KeptClick(click_id, action, clicked_at, steady, mark, after, sent, held)
