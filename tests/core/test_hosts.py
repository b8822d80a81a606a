"""The one rule for host names (webhook and proxy) and for loopback (plain HTTP)."""

from __future__ import annotations

import pytest

from tray_app.core.hosts import is_host, is_loopback


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("LocalHost", True),
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("10.0.0.1", False),
        ("portal.example.com", False),
        ("localhost.example.com", False),
        ("", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("host", "valid"),
    [
        ("portal.example.com", True),
        ("portal.example.com.", True),
        ("портал.рф", True),
        ("10.0.0.1", True),
        ("::1", True),
        ("proxy example", False),
        ("a..b", False),
        ("", False),
        ("x" * 64 + ".com", False),
    ],
)
def test_is_host(host: str, valid: bool) -> None:
    assert is_host(host) is valid
