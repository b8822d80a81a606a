"""Calls of ``timeman.record.list`` for the demo portal's tests, and the week they read.

The clock stands at Friday 2026-11-20 09:00 in Moscow; past days are seeded the week before.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytz

from tests.demo.conftest import MSK, SECRET, Portal
from tray_app.demo.records import PastDay

RECORD_LIST = "timeman.record.list"
ITEM_KEYS = [
    "id", "userId", "startTime", "endTime", "duration", "breakLength", "state", "isApproved",
]  # fmt: skip
MOSCOW = pytz.timezone("Europe/Moscow")
INVALID = "VALIDATION_REQUESTVALIDATIONEXCEPTION"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026, Moscow time."""
    return datetime(2026, 11, day, hour, minute, tzinfo=MSK)


WEEK = [
    PastDay(at(16, 9), at(16, 18), timedelta(hours=1)),
    PastDay(at(17, 8, 30), at(17, 17, 45), timedelta(minutes=45), approved=False),
    PastDay(at(18, 10), at(18, 19, 30), timedelta(minutes=30)),
    PastDay(at(19, 9, 15), at(19, 13), timedelta(0)),
]


def v3_url(
    portal: Portal, method: str = RECORD_LIST, *, user_id: int = 1, secret: str = SECRET
) -> str:
    return f"{portal.sim.base_url}/rest/api/{user_id}/{secret}/{method}"


def call(portal: Portal, body: Any, **kwargs: Any) -> httpx.Response:
    return portal.client.post(v3_url(portal, **kwargs), json=body)


def items(portal: Portal, body: Any, **kwargs: Any) -> list[dict[str, Any]]:
    response = call(portal, body, **kwargs)
    assert response.status_code == 200, response.text
    result = response.json()["result"]
    assert list(result) == ["items"]
    found = result["items"]
    assert isinstance(found, list)
    return found


def v3_error(response: httpx.Response) -> tuple[int, str, str, list[dict[str, str]]]:
    body = response.json()
    assert "result" not in body
    error = body["error"]
    assert isinstance(error, dict), body
    return response.status_code, error["code"], error["message"], error.get("validation", [])


def own(extra: Sequence[object] = ()) -> dict[str, Any]:
    return {"filter": [["userId", 1], *extra]}
