"""The history as CSV (pure text, then the file)."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from tests.history.samples import msk
from tray_app.history.export import HEADER, row, to_csv, write_csv
from tray_app.history.summary import DayTotals, Source, default_plan

H = timedelta(hours=1)
M = timedelta(minutes=1)
NEW_YORK = timezone(timedelta(hours=-5))


def totals(**fields: object) -> DayTotals:
    base: dict[str, object] = {
        "day": date(2026, 11, 16),
        "started_at": msk(16, 9, 5),
        "finished_at": msk(16, 18, 20),
        "breaks": 45 * M,
        "worked": 8 * H + 30 * M,
        "confirmed": True,
        "open": False,
        "source": Source.BOTH,
    }
    base.update(fields)
    return DayTotals(**base)  # type: ignore[arg-type]


def test_a_week_as_csv_text() -> None:
    first, last = date(2026, 11, 15), date(2026, 11, 18)  # Sunday to Wednesday
    days = {
        date(2026, 11, 16): totals(),
        date(2026, 11, 17): totals(
            day=date(2026, 11, 17),
            started_at=datetime(2026, 11, 17, 20, 0, tzinfo=NEW_YORK),
            finished_at=datetime(2026, 11, 18, 0, 10, tzinfo=NEW_YORK),
            breaks=timedelta(0),
            worked=4 * H + 10 * M,
            confirmed=False,
            source=Source.PORTAL,
        ),
        date(2026, 11, 18): totals(
            day=date(2026, 11, 18),
            started_at=msk(18, 8, 0),
            finished_at=None,
            breaks=timedelta(0),
            worked=2 * H + 59 * M + timedelta(seconds=59),
            confirmed=None,
            open=True,
            source=Source.JOURNAL,
        ),
        date(2026, 11, 30): totals(day=date(2026, 11, 30)),  # outside the range
    }
    text = to_csv(days, default_plan(first, last), first, last)
    assert text == (
        "date,start,end,utc_offset,breaks,worked,planned,confirmed,open,source\r\n"
        "2026-11-15,,,,0:00,0:00,0:00,,,\r\n"
        "2026-11-16,09:05,18:20,+03:00,0:45,8:30,8:00,yes,no,both\r\n"
        "2026-11-17,20:00,2026-11-18T00:10,-05:00,0:00,4:10,8:00,no,no,portal\r\n"
        "2026-11-18,08:00,,+03:00,0:00,2:59,8:00,,yes,journal\r\n"
    )
    parsed = list(csv.reader(text.splitlines()))
    assert tuple(parsed[0]) == HEADER
    assert all(len(line) == len(HEADER) for line in parsed)


def test_a_day_without_a_start_or_plan() -> None:
    cells = row(date(2026, 11, 16), totals(started_at=None, finished_at=None), timedelta(0))
    assert cells[1:4] == ["", "", ""]
    assert cells[6] == "0:00"


def test_the_file_is_utf8_with_crlf(tmp_path: Path) -> None:
    target = tmp_path / "история.csv"
    text = to_csv({}, {}, date(2026, 11, 16), date(2026, 11, 16))
    write_csv(target, text)
    assert target.read_bytes() == text.encode("utf-8")
    assert target.read_bytes().count(b"\r\n") == 2
    assert b"\r\r" not in target.read_bytes()
