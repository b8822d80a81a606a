"""The history as CSV: one row per calendar day, for a spreadsheet or a timesheet.

Columns (the header row names them; machine-readable, so not translated): ``date`` (ISO,
``2026-11-20``), ``start`` and ``end`` (``09:05`` on the day's own clock; an end on a later date
is written ``2026-11-21T00:10``), ``utc_offset`` of the day (``+03:00``), ``breaks``,
``worked`` and ``planned`` as ``H:MM``, ``confirmed`` (``yes``/``no``, empty when not known),
``open`` (``yes`` while the day is not closed) and ``source`` (``portal``, ``journal``, ``both``).
A day without work has empty times and ``0:00`` worked. Lines end in CRLF (RFC 4180); the text
is written as UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path

from tray_app.core.timefmt import format_hm
from tray_app.history.summary import DayTotals, date_range

HEADER = (
    "date", "start", "end", "utc_offset", "breaks", "worked", "planned", "confirmed", "open",
    "source",
)  # fmt: skip


def _offset(moment: datetime | None) -> str:
    offset = moment.utcoffset() if moment is not None else None
    if offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _clock(moment: datetime | None, day: date) -> str:
    if moment is None:
        return ""
    if moment.date() != day:
        return f"{moment:%Y-%m-%dT%H:%M}"
    return f"{moment:%H:%M}"


def _flag(value: bool | None) -> str:
    if value is None:
        return ""
    return "yes" if value else "no"


def row(day: date, totals: DayTotals | None, planned: timedelta) -> list[str]:
    """The cells of one day."""
    if totals is None:
        return [day.isoformat(), "", "", "", "0:00", "0:00", format_hm(planned), "", "", ""]
    return [
        day.isoformat(),
        _clock(totals.started_at, day),
        _clock(totals.finished_at, day),
        _offset(totals.started_at),
        format_hm(totals.breaks),
        format_hm(totals.worked),
        format_hm(planned),
        _flag(totals.confirmed),
        _flag(totals.open),
        totals.source.value,
    ]


def to_csv(
    days: Mapping[date, DayTotals], plan: Mapping[date, timedelta], first: date, last: date
) -> str:
    """Every day from ``first`` to ``last`` as CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for day in date_range(first, last):
        writer.writerow(row(day, days.get(day), plan.get(day, timedelta(0))))
    return buffer.getvalue()


def write_csv(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 exactly as given (the line ends are already CRLF)."""
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(text)
