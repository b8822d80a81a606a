"""The answer of ``timeman.record.list``, directly (through the endpoint: test_records.py)."""

from __future__ import annotations

from tray_app.demo.record_items import list_items
from tray_app.demo.record_request import ListRequest


def test_no_records_make_an_empty_answer() -> None:
    assert list_items([], ListRequest(user_id=1)) == []
