"""Time zones a person can pick in a dialog: pytz's common names plus fixed offsets.

A zone is shown as :func:`~tray_app.core.timefmt.zone_name` writes it (``Europe/Berlin`` or
``UTC+03:00``) and read back by :func:`parse_zone_label`, which also takes what
:func:`~tray_app.core.timefmt.parse_zone` takes (``+03:00``, ``-0530``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from enum import StrEnum

import pytz
from PySide6.QtCore import QTimeZone

from tray_app.core.timefmt import fixed_offset, parse_zone, zone_name


class WallTimeProblem(StrEnum):
    """Why a wall-clock time has no single moment in a zone."""

    GAP = "gap"  # the clocks jump over it (spring forward)
    REPEATED = "repeated"  # it happens twice (fall back)


def zone_label(zone: tzinfo, at: datetime) -> str:
    """The text that names ``zone`` in the list (its offset at ``at`` for a fixed zone)."""
    return zone_name(zone, at)


def parse_zone_label(text: str) -> tzinfo:
    """A zone from a list entry or typed text; raises ``TimeFormatError`` for anything else."""
    cleaned = text.strip()
    if cleaned[:3].upper() == "UTC" and cleaned[3:4] in {"+", "-"}:
        cleaned = cleaned[3:]
    return parse_zone(cleaned)


def zone_choices(first: Iterable[str]) -> list[str]:
    """``first`` (the zones that matter now), then pytz's common zones, without repeats."""
    seen: set[str] = set()
    choices: list[str] = []
    for name in (*first, *pytz.common_timezones):
        if name not in seen:
            seen.add(name)
            choices.append(name)
    return choices


def system_zone(now: datetime) -> tzinfo:
    """This machine's zone: its pytz name when Qt knows one, else its offset at ``now``."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    if name in pytz.all_timezones_set:
        return pytz.timezone(name)
    offset = now.astimezone().utcoffset()
    return fixed_offset(int(offset.total_seconds()) if offset is not None else 0)


def wall_time_problem(naive: datetime, zone: tzinfo) -> WallTimeProblem | None:
    """Whether ``naive`` is skipped or repeated by a DST change in ``zone``."""
    if not isinstance(zone, pytz.BaseTzInfo):
        return None
    try:
        zone.localize(naive, is_dst=None)
    except pytz.NonExistentTimeError:
        return WallTimeProblem.GAP
    except pytz.AmbiguousTimeError:
        return WallTimeProblem.REPEATED
    return None
