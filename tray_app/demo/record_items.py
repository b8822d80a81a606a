"""The answer of ``timeman.record.list``: the user's records filtered, sorted, paginated and
shaped as ``RecordDtoMapper`` writes them.

An item: ``id, userId, startTime, endTime`` (ISO 8601 with the day's offset; ``endTime`` null
while the day runs, the pause start while paused), ``duration`` and ``breakLength`` in seconds
(the recorded values: 0 while the day runs), ``state`` ``{status: opened|paused|closed|unknown,
recommendedCloseTime: null}`` (the server fills the status only, ``RecordState::fromStatusOnly``;
an expired day is stored open, so it reads ``opened`` or ``paused`` [I]) and ``isApproved``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from tray_app.demo.atom import format_atom
from tray_app.demo.day_view import DaySnapshot
from tray_app.demo.record_request import ListRequest


def item(snapshot: DaySnapshot, user_id: int, select: tuple[str, ...]) -> dict[str, object]:
    """One record as ``RecordDtoMapper::mapOne`` writes it."""
    status = "closed" if snapshot.closed else "paused" if snapshot.paused else "opened"
    full: dict[str, object] = {
        "id": snapshot.record_id,
        "userId": user_id,
        "startTime": format_atom(snapshot.start, snapshot.tz_offset),
        "endTime": (
            format_atom(snapshot.finish, snapshot.tz_offset)
            if snapshot.finish is not None
            else None
        ),
        "duration": int(snapshot.duration.total_seconds()),
        "breakLength": int(snapshot.leaks.total_seconds()),
        "state": {"status": status, "recommendedCloseTime": None},
        "isApproved": snapshot.active,
    }
    return {key: value for key, value in full.items() if not select or key in select}


def _sort_key(snapshot: DaySnapshot, field: str) -> float:
    if field == "startTime":
        return snapshot.start.timestamp()
    if field == "endTime":
        return snapshot.finish.timestamp() if snapshot.finish is not None else 0.0
    if field == "duration":
        return snapshot.duration.total_seconds()
    return float(snapshot.record_id)  # id; userId is one value here


def list_items(snapshots: Iterable[DaySnapshot], request: ListRequest) -> list[dict[str, object]]:
    """Filter, sort (stable, default by id), paginate and shape the user's records."""
    chosen = [
        s
        for s in snapshots
        if (request.date_from is None or s.start >= request.date_from)
        and (request.date_to is None or s.start <= request.date_to)
    ]
    chosen.sort(key=lambda s: s.record_id)
    for field, descending in reversed(request.order):
        chosen.sort(key=partial(_sort_key, field=field), reverse=descending)
    page = chosen[request.offset : request.offset + request.limit]
    return [item(s, request.user_id, request.select) for s in page]
