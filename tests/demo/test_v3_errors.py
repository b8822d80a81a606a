"""REST 3.0's error shape, directly."""

from __future__ import annotations

from tray_app.demo.v3_errors import V3Error


def test_v3_error_envelope() -> None:
    plain = V3Error("X", "text", 418)
    assert plain.envelope() == {"error": {"code": "X", "message": "text"}}
