"""Webhook secrets never reach a log record, whoever logs them."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.api.servers import https_portal
from tests.api.support import SECRET, Portal, day_ok, err, ok
from tray_app.api import TimemanClient, TransportOptions, Webhook
from tray_app.api.redact import HTTP_LOGGERS, RedactingFilter, install_log_redaction, redact
from tray_app.demo.tls import generate_tls_files


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (
            f"POST https://p.example.com/rest/1/{SECRET}/timeman.status",
            "POST https://p.example.com/rest/1/***/timeman.status",
        ),
        (f"https://p.example.com/rest/1/{SECRET}", "https://p.example.com/rest/1/***"),
        (f"https://p.example.com/rest/1/{SECRET}/", "https://p.example.com/rest/1/***/"),
        (
            f"https://p.example.com/rest/api/12/{SECRET}/timeman.record.list",
            "https://p.example.com/rest/api/12/***/timeman.record.list",
        ),
        (f"'/rest/7/{SECRET}' and \"/rest/8/{SECRET}\"", "'/rest/7/***' and \"/rest/8/***\""),
        (f"/rest/1/{SECRET}?x=1 next", "/rest/1/*** next"),
        ("/rest/1/", "/rest/1/"),
        ("https://p.example.com/rest/timeman.status", "https://p.example.com/rest/timeman.status"),
        ("nothing to hide", "nothing to hide"),
    ],
)
def test_redact(text: str, masked: str) -> None:
    assert redact(text) == masked


def test_the_filter_masks_the_formatted_message() -> None:
    record = logging.LogRecord(
        "httpx",
        logging.INFO,
        __file__,
        1,
        "HTTP Request: %s %s",
        ("POST", f"https://p/rest/1/{SECRET}/x"),
        None,
    )
    assert RedactingFilter().filter(record) is True
    assert record.getMessage() == "HTTP Request: POST https://p/rest/1/***/x"
    assert record.args is None


def test_the_filter_leaves_clean_records_alone() -> None:
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "%s items", (3,), None)
    assert RedactingFilter().filter(record) is True
    assert record.args == (3,)


def test_install_is_idempotent_and_quietens_the_http_loggers() -> None:
    install_log_redaction()
    install_log_redaction()
    for name in HTTP_LOGGERS:
        logger = logging.getLogger(name)
        assert logger.level == logging.WARNING
        assert sum(isinstance(f, RedactingFilter) for f in logger.filters) == 1
    for child in ("httpcore.http11", "httpcore.connection", "httpcore.proxy"):
        logger = logging.getLogger(child)
        assert sum(isinstance(f, RedactingFilter) for f in logger.filters) == 1
        assert logger.getEffectiveLevel() == logging.WARNING


def _no_secret_in(records: list[logging.LogRecord], text: str) -> None:
    assert records
    for record in records:
        assert SECRET not in record.getMessage()
        assert SECRET not in str(record.args)
    assert SECRET not in text


def test_mock_calls_at_debug_leak_nothing(
    portal: Portal, client: TimemanClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="httpx")
    caplog.set_level(logging.DEBUG, logger="httpcore")
    portal.on("timeman.status", day_ok("OPENED"))
    portal.on(
        "timeman.pause",
        err("QUERY_LIMIT_EXCEEDED", f"see https://portal.example.com/rest/1/{SECRET}/x", 503),
        day_ok("PAUSED"),
    )
    portal.on("timeman.status", day_ok("OPENED"))
    portal.on("profile", ok({"ID": "1"}))
    client.status()
    client.pause()
    client.profile()
    http_records = [r for r in caplog.records if r.name == "httpx"]
    assert any(
        "HTTP Request: POST https://portal.example.com/rest/1/***/timeman.status" in r.getMessage()
        for r in http_records
    )
    _no_secret_in(caplog.records, caplog.text)


def test_real_tls_calls_at_debug_leak_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pki = generate_tls_files(tmp_path)
    with https_portal(pki) as server:
        hook = Webhook.parse(f"https://localhost:{server.port}/rest/1/{SECRET}/")
        with TimemanClient(hook, options=TransportOptions(ca_file=str(pki.ca_file))) as client:
            caplog.set_level(logging.DEBUG)
            caplog.set_level(logging.DEBUG, logger="httpx")
            caplog.set_level(logging.DEBUG, logger="httpcore")
            client.status()
    assert any(r.name.startswith("httpcore.") for r in caplog.records)
    _no_secret_in(caplog.records, caplog.text)


def test_httpcore_response_headers_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    """httpcore logs response headers at DEBUG; a redirect's Location may carry the secret."""
    install_log_redaction()
    caplog.set_level(logging.DEBUG, logger="httpcore")
    logging.getLogger("httpcore.http11").debug(
        "receive_response_headers.complete return_value=%r",
        (
            b"HTTP/1.1",
            302,
            b"Found",
            [(b"Location", f"https://new.example.com/rest/1/{SECRET}/x".encode())],
        ),
    )
    _no_secret_in(caplog.records, caplog.text)
    assert "/rest/1/***/x" in caplog.text
