"""The kept clicks' values as the store writes them: ISO times with their offset, JSON marks.

The text of a value is deterministic (sorted keys, no spaces), so the store can compare an
in-flight write by its text (:meth:`tray_app.history.kept_store.KeptStore.mark_sent`).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from tray_app.core.kept_clicks import DayMark, KeptAction, KeptClick, SentWrite, Steady
from tray_app.core.workday import DayState


class KeptValueError(ValueError):
    """A value that cannot be kept (a moment without a time zone)."""


def time_text(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.utcoffset() is None:
        raise KeptValueError("a kept moment needs a time zone")
    return moment.isoformat()


def _moment(text: object) -> datetime | None:
    return None if text is None else datetime.fromisoformat(str(text))


def _mark_data(mark: DayMark) -> dict[str, Any]:
    return {
        "state": mark.state.value,
        "record_id": mark.record_id,
        "started_at": time_text(mark.started_at),
        "finished_at": time_text(mark.finished_at),
        "leaks": mark.leaks.total_seconds(),
    }


def _mark_from(data: dict[str, Any]) -> DayMark:
    record_id = data["record_id"]
    return DayMark(
        state=DayState(data["state"]),
        record_id=None if record_id is None else int(record_id),
        started_at=_moment(data["started_at"]),
        finished_at=_moment(data["finished_at"]),
        leaks=timedelta(seconds=float(data["leaks"])),
    )


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def encode_mark(mark: DayMark | None) -> str | None:
    return None if mark is None else _json(_mark_data(mark))


def decode_mark(text: str | None) -> DayMark | None:
    return None if text is None else _mark_from(json.loads(text))


def encode_sent(sent: SentWrite | None) -> str | None:
    if sent is None:
        return None
    return _json(
        {
            "method": sent.method,
            "time": time_text(sent.time),
            "sent_at": time_text(sent.sent_at),
            "basis": _mark_data(sent.basis),
        }
    )


def decode_sent(text: str | None) -> SentWrite | None:
    if text is None:
        return None
    data = json.loads(text)
    sent_at = _moment(data["sent_at"])
    if sent_at is None:
        raise ValueError("a sent write without its moment")
    return SentWrite(str(data["method"]), _moment(data["time"]), sent_at, _mark_from(data["basis"]))


def click_from(row: tuple[Any, ...]) -> KeptClick:
    click_id, action, clicked_at, boot, seconds, basis, after, sent, held = row
    steady = None if boot is None else Steady(str(boot), float(seconds))
    return KeptClick(
        click_id=str(click_id),
        action=KeptAction(action),
        clicked_at=datetime.fromisoformat(clicked_at),
        steady=steady,
        basis=decode_mark(basis),
        after=after,
        sent=decode_sent(sent),
        held=held,
    )
