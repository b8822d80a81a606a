"""A ``timeman.record.list`` body validated directly (the endpoint's tests: test_records.py)."""

from __future__ import annotations

from tests.demo.conftest import MSK
from tray_app.demo.record_request import ListRequest, parse_request


def test_parse_request_defaults() -> None:
    assert parse_request({"filter": [["userId", 9]]}, MSK) == ListRequest(user_id=9)
