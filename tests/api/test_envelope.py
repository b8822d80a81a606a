"""Every way one call can fail is translated once, into the right branch of the error tree.

The table runs each failure through the client's one call path (``TimemanClient.call``) on a
``MockTransport``, so HTTP statuses, bodies and transport exceptions all take the real route.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import httpx
import pytest

from tests.api.support import (
    RESET_AT,
    SECRET,
    SERVER_NOW,
    Portal,
    Reply,
    assert_no_secret,
    err,
    ok,
    raw,
)
from tray_app.api import (
    AuthError,
    CertificateError,
    ConfigurationError,
    MovedError,
    RateLimitedError,
    RefusedError,
    TimemanClient,
    TimemanError,
    UnavailableError,
    UnexpectedAnswerError,
    WebhookUrlError,
)
from tray_app.api.envelope import AUTH_MESSAGES, describe, error_for, parse_answer
from tray_app.core.remedy import Remedy, remedy_of

CERT_FAILURE = (
    "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
    "unable to get local issuer certificate (_ssl.c:1006)"
)
REASON_REQUIRED_RU = "Необходимо указать причину изменения времени"


@dataclass(frozen=True)
class Case:
    """One failure: what the portal or the network does, and what the caller must get."""

    reply: Reply
    error: type[TimemanError]
    code: str | None = None
    status: int | None = None
    fragment: str = ""
    remedy: Remedy | None = None
    sent: bool | None = None
    extra: dict[str, object] = field(default_factory=dict)


AUTH_CODES = [
    ("INVALID_CREDENTIALS", "Invalid request credentials", "deleted or its secret changed"),
    ("NO_AUTH_FOUND", "Wrong authorization data", "found no credentials"),
    ("insufficient_scope", "The request requires higher privileges than provided", "'timeman'"),
    ("expired_token", "The access token provided has expired.", "has expired"),
    ("INVALID_TOKEN", "", "does not accept these credentials"),
    ("INVALID_REQUEST", "Https required.", "requires HTTPS"),
    ("ACCESS_DENIED", "REST is available only by subscription.", "denies REST access"),
    ("ALLOWED_ONLY_INTRANET_USER", "", "extranet"),
    ("user_access_error", "", "may not use the webhook"),
    ("authorization_error", "", "refused the credentials"),
    ("WRONG_AUTH_TYPE", "", "kind of credentials"),
    ("METHOD_CONFIRM_WAITING", "", "not confirmed"),
    ("METHOD_CONFIRM_DENIED", "", "denied access"),
]

CASES: dict[str, Case] = {
    # -- the network -----------------------------------------------------------------------
    "connect-refused": Case(
        httpx.ConnectError("[Errno 111] Connection refused"),
        UnavailableError,
        fragment="Cannot connect to https://portal.example.com: the connection was refused",
        remedy=Remedy.WAIT,
        sent=False,
    ),
    "connect-dns": Case(
        httpx.ConnectError("[Errno -2] Name or service not known"),
        UnavailableError,
        fragment="the name of the server cannot be found",
        remedy=Remedy.WAIT,
        sent=False,
    ),
    "connect-empty-text": Case(
        httpx.ConnectError(""), UnavailableError, fragment=": ConnectError", sent=False
    ),
    "connect-timeout": Case(
        httpx.ConnectTimeout("timed out"),
        UnavailableError,
        fragment="Cannot connect to https://portal.example.com: no answer",
        remedy=Remedy.WAIT,
        sent=False,
    ),
    "read-timeout": Case(
        httpx.ReadTimeout("timed out"),
        UnavailableError,
        fragment="did not answer in time",
        remedy=Remedy.WAIT,
        sent=True,
    ),
    "write-timeout": Case(
        httpx.WriteTimeout("timed out"),
        UnavailableError,
        fragment="did not answer in time",
        sent=True,
    ),
    "pool-timeout": Case(
        httpx.PoolTimeout("timed out"), UnavailableError, fragment="did not answer in time"
    ),
    "dropped-read-error": Case(
        httpx.ReadError("[Errno 104] Connection reset by peer"),
        UnavailableError,
        fragment="broke off before an answer came: the connection was reset",
        remedy=Remedy.WAIT,
        sent=True,
    ),
    "dropped-remote-protocol": Case(
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        UnavailableError,
        fragment="broke off before an answer came: Server disconnected",
        sent=True,
    ),
    "dropped-write-error": Case(
        httpx.WriteError("[Errno 32] Broken pipe"),
        UnavailableError,
        fragment="broke off",
        sent=True,
    ),
    "proxy-error": Case(
        httpx.ProxyError("407 Proxy Authentication Required"),
        UnavailableError,
        fragment="The proxy refused the connection: 407 Proxy Authentication Required",
        remedy=Remedy.WAIT,
    ),
    "certificate": Case(
        httpx.ConnectError(CERT_FAILURE),
        CertificateError,
        fragment="The certificate of https://portal.example.com is not trusted",
        remedy=Remedy.USER_ACTS,
        sent=False,
    ),
    # -- rate limits -----------------------------------------------------------------------
    "query-limit": Case(
        err("QUERY_LIMIT_EXCEEDED", "Too many requests", 503),
        RateLimitedError,
        code="QUERY_LIMIT_EXCEEDED",
        status=503,
        fragment="rate limiting",
        remedy=Remedy.WAIT,
        sent=False,
        extra={"retry_at": None},
    ),
    "operation-limit-no-earlier-answer": Case(
        err("OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.", 429),
        RateLimitedError,
        code="OPERATION_TIME_LIMIT",
        status=429,
        sent=False,
        extra={"retry_at": None},
    ),
    # -- 5xx error envelopes ---------------------------------------------------------------
    "internal-server-error": Case(
        err("INTERNAL_SERVER_ERROR", "Internal server error", 500),
        UnavailableError,
        code="INTERNAL_SERVER_ERROR",
        status=500,
        fragment="The portal is unavailable (INTERNAL_SERVER_ERROR). Internal server error",
        remedy=Remedy.WAIT,
    ),
    "unexpected-answer-code": Case(
        err("ERROR_UNEXPECTED_ANSWER", "", 500),
        UnavailableError,
        code="ERROR_UNEXPECTED_ANSWER",
        status=500,
        fragment="(ERROR_UNEXPECTED_ANSWER).",
    ),
    "overload-limit": Case(
        err("OVERLOAD_LIMIT", "REST API is blocked due to overload.", 503),
        UnavailableError,
        code="OVERLOAD_LIMIT",
        status=503,
        remedy=Remedy.WAIT,
    ),
    "portal-deleted": Case(
        err("PORTAL_DELETED", "Portal was deleted", 500),
        UnavailableError,
        code="PORTAL_DELETED",
        status=500,
        fragment="deleted or closed",
        remedy=Remedy.USER_ACTS,
    ),
    "unknown-code-502": Case(
        err("", "", 502), UnavailableError, code="", status=502, fragment="unavailable (502)"
    ),
    # -- refused by the portal (§1.3) ------------------------------------------------------
    "user-not-found": Case(
        err("", "User not found"),
        RefusedError,
        code="",
        status=400,
        fragment="The portal refused: User not found",
        extra={"description": "User not found"},
    ),
    "no-access-to-other-users": Case(
        err("", "User does not have access to managing other users work time"),
        RefusedError,
        code="",
        status=400,
        fragment="managing other users work time",
    ),
    "reason-required-no-code": Case(
        err("", REASON_REQUIRED_RU),
        RefusedError,
        code="",
        status=400,
        fragment=REASON_REQUIRED_RU,
    ),
    "alert-warning": Case(
        err("ALERT_WARNING", "Действие недоступно"),
        RefusedError,
        code="ALERT_WARNING",
        status=400,
        fragment="The portal refused: Действие недоступно",
    ),
    "wrong-datetime-format": Case(
        err("WRONG_DATETIME_FORMAT", "Wrong datetime format"),
        RefusedError,
        code="WRONG_DATETIME_FORMAT",
        status=400,
        fragment="did not understand the time",
    ),
    "wrong-datetime-open": Case(
        err("WRONG_DATETIME", "Day open date should correspond to the current date"),
        RefusedError,
        code="WRONG_DATETIME",
        status=400,
        fragment="The portal refused the time: Day open date should correspond to the current date",
    ),
    "wrong-datetime-close": Case(
        err("WRONG_DATETIME", "Day close date should correspond to the day open date"),
        RefusedError,
        code="WRONG_DATETIME",
        status=400,
        fragment="refused the time: Day close date should correspond to the day open date",
    ),
    "wrong-datetime-no-text": Case(
        err("WRONG_DATETIME", ""),
        RefusedError,
        code="WRONG_DATETIME",
        fragment="The portal refused the time: WRONG_DATETIME",
    ),
    "time-while-paused": Case(
        err("TIME", "Unable to set time, work day is paused"),
        RefusedError,
        code="TIME",
        status=400,
        fragment="resume it instead",
    ),
    "wd-expired": Case(
        err("WD_EXPIRED", "Workday is expired"),
        RefusedError,
        code="WD_EXPIRED",
        status=400,
        fragment="close it with an end time and a reason",
    ),
    "report-needed": Case(
        err("REPORT_NEEDED", "Укажите причину"),
        RefusedError,
        code="REPORT_NEEDED",
        status=400,
        fragment="requires a reason",
    ),
    "method-not-found": Case(
        err("ERROR_METHOD_NOT_FOUND", "Method not found!", 404),
        RefusedError,
        code="ERROR_METHOD_NOT_FOUND",
        status=404,
        fragment="does not offer this method",
    ),
    "unknown-code-no-text": Case(
        err("ERROR_BATCH_LENGTH_EXCEEDED", ""),
        RefusedError,
        code="ERROR_BATCH_LENGTH_EXCEEDED",
        fragment="The portal refused (ERROR_BATCH_LENGTH_EXCEEDED).",
    ),
    "no-code-no-text": Case(
        err("", ""), RefusedError, code="", fragment="The portal refused (no error code)."
    ),
    "null-code": Case(
        raw(400, '{"error": null, "error_description": null}'),
        RefusedError,
        code="",
        fragment="no error code",
    ),
    "error-with-status-200": Case(
        err("ALERT_WARNING", "x", 200), RefusedError, code="ALERT_WARNING", status=200
    ),
    # -- answers that are not the portal's JSON --------------------------------------------
    "html-200": Case(
        raw(200, "<html><body>Login</body></html>", "text/html; charset=utf-8"),
        UnexpectedAnswerError,
        status=200,
        fragment="a web page instead of data",
    ),
    "html-502": Case(
        raw(502, "<html><h1>502 Bad Gateway</h1></html>", "text/html"),
        UnexpectedAnswerError,
        status=502,
        fragment="(HTTP 502)",
    ),
    "html-503-no-content-type": Case(
        raw(503, "  <!DOCTYPE html><title>Maintenance</title>", ""),
        UnexpectedAnswerError,
        status=503,
        fragment="a web page",
    ),
    "malformed-json": Case(
        raw(200, '{"result": {"STATUS": "OPENED"'),
        UnexpectedAnswerError,
        status=200,
        fragment="data that is not valid JSON",
    ),
    "not-utf8": Case(
        raw(200, b"\xff\xfe{}"), UnexpectedAnswerError, status=200, fragment="not valid JSON"
    ),
    "empty-body-502": Case(
        raw(502, b""), UnexpectedAnswerError, status=502, fragment="not valid JSON"
    ),
    "json-array": Case(
        raw(200, '[{"result": 1}]'), UnexpectedAnswerError, status=200, fragment="not a JSON object"
    ),
    "json-string": Case(raw(200, '"ok"'), UnexpectedAnswerError, fragment="not a JSON object"),
    "neither-result-nor-error": Case(
        raw(200, '{"time": {"start": 1}}'),
        UnexpectedAnswerError,
        status=200,
        fragment="neither a result nor an error",
    ),
    "result-with-500": Case(
        raw(500, '{"result": {"STATUS": "OPENED"}}'),
        UnexpectedAnswerError,
        status=500,
        fragment="HTTP 500 with a result",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_failure_is_mapped(name: str, portal: Portal, client: TimemanClient) -> None:
    case = CASES[name]
    portal.on("timeman.status", case.reply)
    with pytest.raises(TimemanError) as caught:
        client.call("timeman.status")
    error = caught.value
    assert type(error) is case.error
    assert error.message == str(error)
    assert case.fragment in error.message
    if case.code is not None:
        assert error.code == case.code
    if case.status is not None:
        assert error.http_status == case.status
    if case.remedy is not None:
        assert remedy_of(error) is case.remedy
    if case.sent is not None:
        assert isinstance(error, UnavailableError)
        assert error.sent is case.sent
    for attribute, value in case.extra.items():
        assert getattr(error, attribute) == value
    assert_no_secret(error)
    assert error.__cause__ is None  # translated once: no httpx/json exception rides along
    assert len(portal.requests) == 1  # call() itself never retries


@pytest.mark.parametrize("status", [401, 403, 400])
@pytest.mark.parametrize(("code", "description", "fragment"), AUTH_CODES)
def test_auth_failures_whatever_the_status(
    code: str,
    description: str,
    fragment: str,
    status: int,
    *,
    portal: Portal,
    client: TimemanClient,
) -> None:
    portal.on("timeman.status", err(code, description, status))
    with pytest.raises(AuthError) as caught:
        client.call("timeman.status")
    assert fragment in caught.value.message
    assert caught.value.code == code  # as the portal spelled it, for the log
    assert caught.value.http_status == status
    assert_no_secret(caught.value)


def test_every_auth_code_is_in_the_table() -> None:
    assert {code.upper() for code, _, _ in AUTH_CODES} == set(AUTH_MESSAGES)


def test_operation_time_limit_waits_for_the_last_answers_reset(
    portal: Portal, client: TimemanClient
) -> None:
    portal.on("timeman.status", ok({"STATUS": "CLOSED"}, reset_at=RESET_AT))
    portal.on("timeman.settings", err("OPERATION_TIME_LIMIT", "blocked", 429))
    client.call("timeman.status")
    with pytest.raises(RateLimitedError) as caught:
        client.call("timeman.settings")
    assert caught.value.retry_at == RESET_AT
    assert caught.value.http_status == 429


def test_query_limit_does_not_take_the_reset_time(portal: Portal, client: TimemanClient) -> None:
    portal.on("timeman.status", ok({"STATUS": "CLOSED"}), err("QUERY_LIMIT_EXCEEDED", "", 503))
    client.call("timeman.status")
    with pytest.raises(RateLimitedError) as caught:
        client.call("timeman.status")
    assert caught.value.retry_at is None


def test_an_answer_without_reset_keeps_the_earlier_one(
    portal: Portal, client: TimemanClient
) -> None:
    portal.on(
        "timeman.status",
        ok({"STATUS": "CLOSED"}, reset_at=RESET_AT),
        ok({"STATUS": "CLOSED"}, reset_at=None),
        err("OPERATION_TIME_LIMIT", "", 429),
    )
    client.call("timeman.status")
    client.call("timeman.status")
    with pytest.raises(RateLimitedError) as caught:
        client.call("timeman.status")
    assert caught.value.retry_at == RESET_AT


def test_error_texts_lose_tags_secrets_and_length(portal: Portal, client: TimemanClient) -> None:
    long_text = "слово " * 200
    description = (
        f"<b>Ошибка</b>:\n <a href='https://portal.example.com/rest/1/{SECRET}/x'>see</a> "
        f"https://portal.example.com/rest/1/{SECRET}/timeman.open {long_text}"
    )
    portal.on("timeman.open", err("ALERT_WARNING", description))
    with pytest.raises(RefusedError) as caught:
        client.call("timeman.open")
    error = caught.value
    assert_no_secret(error)
    assert "<" not in error.description
    assert ">" not in error.description
    assert error.description.startswith(
        "Ошибка: see https://portal.example.com/rest/1/***/timeman.open слово"
    )
    assert len(error.description) <= 300
    assert error.description.endswith("…")
    assert "\n" not in error.message


def test_describe() -> None:
    assert describe(None) == ""
    assert describe("  <p>a\t b</p>  ") == "a b"
    assert describe(42) == "42"
    assert describe("x" * 300) == "x" * 300
    assert describe("x" * 301) == "x" * 299 + "…"
    assert (
        describe(f"/rest/api/1/{SECRET}/timeman.record.list")
        == "/rest/api/1/***/timeman.record.list"
    )


def test_error_for_batch_entries_have_no_status() -> None:
    error = error_for("insufficient_scope", "", None)
    assert isinstance(error, AuthError)
    assert error.http_status is None
    refused = error_for(None, None, None)
    assert isinstance(refused, RefusedError)
    assert refused.code == ""


@pytest.mark.parametrize(
    ("timing", "server_time", "reset_at"),
    [
        ({"start": SERVER_NOW, "operating_reset_at": RESET_AT}, SERVER_NOW, float(RESET_AT)),
        ({"start": 1722328319}, 1722328319.0, None),
        ({"start": "1722328319", "operating_reset_at": True}, None, None),
        ({}, None, None),
        ("not a block", None, None),
        (None, None, None),
    ],
)
def test_parse_answer_reads_the_time_block(
    timing: object, server_time: float | None, reset_at: float | None
) -> None:
    body = json.dumps({"result": {"STATUS": "CLOSED"}, "time": timing}).encode()
    answer = parse_answer(200, "application/json", body)
    assert answer.result == {"STATUS": "CLOSED"}
    assert answer.server_time == server_time
    assert answer.reset_at == reset_at


def test_parse_answer_without_time_block() -> None:
    answer = parse_answer(200, "application/json", b'{"result": [1, 2]}')
    assert answer.result == [1, 2]
    assert (answer.server_time, answer.reset_at) == (None, None)


def test_parse_answer_accepts_a_null_result() -> None:
    assert parse_answer(200, "", b'{"result": null}').result is None


def test_redirect_status_without_body_is_not_parsed_as_json(
    portal: Portal, client: TimemanClient
) -> None:
    """A 302 is followed by hand (see test_client_calls); here a 304 is just an odd answer."""
    portal.on("timeman.status", httpx.Response(304))
    with pytest.raises(UnexpectedAnswerError, match="HTTP 304"):
        client.call("timeman.status")


@pytest.mark.parametrize(
    ("error", "remedy"),
    [
        (UnavailableError("x"), Remedy.WAIT),
        (RateLimitedError("x", code="QUERY_LIMIT_EXCEEDED", http_status=503), Remedy.WAIT),
        (UnexpectedAnswerError("x", http_status=503), Remedy.WAIT),
        (UnexpectedAnswerError("x", http_status=200), Remedy.BUG),
        (UnexpectedAnswerError("x"), Remedy.BUG),
        (CertificateError("x"), Remedy.USER_ACTS),
        (AuthError("x"), Remedy.USER_ACTS),
        (RefusedError("x", code="", http_status=400, description=""), Remedy.USER_ACTS),
        (MovedError("x"), Remedy.USER_ACTS),
        (ConfigurationError("x"), Remedy.USER_ACTS),
        (WebhookUrlError("x"), Remedy.USER_ACTS),
        (TimemanError("x"), Remedy.BUG),
    ],
)
def test_every_branch_of_the_tree_says_what_helps(error: TimemanError, remedy: Remedy) -> None:
    assert remedy_of(error) is remedy
