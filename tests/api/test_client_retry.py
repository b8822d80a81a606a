"""Reads retry with jittered exponential back-off, bounded by attempts and by time."""

from __future__ import annotations

import random

import httpx
import pytest

from tests.api.support import SECRET, SERVER_NOW, FakeClock, MakeClient, Portal, Reply, err, ok, raw
from tray_app.api import (
    AuthError,
    CertificateError,
    ConfigurationError,
    MovedError,
    RateLimitedError,
    RefusedError,
    RetryPolicy,
    TimemanClient,
    TimemanError,
    UnavailableError,
    UnexpectedAnswerError,
)
from tray_app.api.retry import NO_RETRY, wait_before_retry, worth_retrying
from tray_app.core.remedy import Remedy
from tray_app.core.workday import DayState

CLOSED = ok({"STATUS": "CLOSED"})
CERT_FAILURE = "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"


def expected_waits(count: int, policy: RetryPolicy, seed: int = 7) -> list[float]:
    """The waits the client must choose with ``random.Random(seed)``."""
    rng = random.Random(seed)
    return [policy.delay(failure, rng) for failure in range(1, count + 1)]


RETRIED: dict[str, Reply] = {
    "query-limit-503": err("QUERY_LIMIT_EXCEEDED", "Too many requests", 503),
    "internal-500": err("INTERNAL_SERVER_ERROR", "", 500),
    "overload-503": err("OVERLOAD_LIMIT", "", 503),
    "html-502": raw(502, "<html>Bad Gateway</html>", "text/html"),
    "result-with-500": raw(500, '{"result": {}}'),
    "connect-error": httpx.ConnectError("[Errno 111] Connection refused"),
    "connect-timeout": httpx.ConnectTimeout("timed out"),
    "read-timeout": httpx.ReadTimeout("timed out"),
    "dropped": httpx.RemoteProtocolError("Server disconnected without sending a response."),
    "proxy": httpx.ProxyError("502 Bad Gateway"),
}


@pytest.mark.parametrize("name", list(RETRIED))
def test_reads_retry_transient_failures_with_back_off(
    name: str, portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    failure = RETRIED[name]
    portal.on("timeman.status", failure, failure, CLOSED)
    reading = client.status()
    assert reading.workday.state is DayState.CLOSED
    assert portal.methods == ["timeman.status"] * 3
    assert clock.sleeps == pytest.approx(expected_waits(2, RetryPolicy()))
    # The received time of the reading is after the waits.
    assert reading.received_at == pytest.approx(SERVER_NOW + sum(clock.sleeps))


def test_back_off_grows_exponentially_with_jitter(
    make_client: MakeClient, portal: Portal, clock: FakeClock
) -> None:
    policy = RetryPolicy(attempts=6, base=1.0, cap=30.0, budget=1000.0)
    client = make_client(policy=policy)
    portal.on("timeman.status", *[err("QUERY_LIMIT_EXCEEDED", "", 503)] * 5, CLOSED)
    client.status()
    assert len(clock.sleeps) == 5
    for failure, wait in enumerate(clock.sleeps, start=1):
        ceiling = 2.0 ** (failure - 1)
        assert ceiling / 2 <= wait <= ceiling
    assert clock.sleeps == pytest.approx(expected_waits(5, policy))


def test_jitter_differs_between_clients(
    make_client: MakeClient, portal: Portal, clock: FakeClock
) -> None:
    waits = set()
    for seed in range(5):
        client = make_client(rng=random.Random(seed))
        portal.on("timeman.status", err("QUERY_LIMIT_EXCEEDED", "", 503), CLOSED)
        clock.sleeps.clear()
        client.status()
        waits.add(clock.sleeps[0])
    assert len(waits) == 5  # copies of the app behind one IP do not retry in step
    assert all(0.5 <= wait <= 1.0 for wait in waits)


@pytest.mark.parametrize(
    ("failures", "ceiling"), [(1, 1.0), (2, 2.0), (3, 4.0), (6, 30.0), (60, 30.0)]
)
def test_policy_delay_is_capped(failures: int, ceiling: float) -> None:
    policy = RetryPolicy(base=1.0, cap=30.0)
    low = policy.delay(failures, _FixedRandom(0.0))
    high = policy.delay(failures, _FixedRandom(0.999999))
    assert low == ceiling / 2
    assert high == pytest.approx(ceiling, rel=1e-5)


class _FixedRandom(random.Random):
    def __init__(self, value: float) -> None:
        super().__init__(0)
        self._value = value

    def random(self) -> float:
        return self._value


def test_reads_give_up_after_the_attempts(
    make_client: MakeClient, portal: Portal, clock: FakeClock
) -> None:
    client = make_client(policy=RetryPolicy(attempts=3, budget=1000.0))
    portal.always("timeman.status", err("QUERY_LIMIT_EXCEEDED", "", 503))
    with pytest.raises(RateLimitedError):
        client.status()
    assert len(portal.requests) == 3
    assert len(clock.sleeps) == 2


def test_default_policy_tries_four_times(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    portal.always("timeman.status", httpx.ConnectError("refused"))
    with pytest.raises(UnavailableError, match="Cannot connect"):
        client.status()
    assert len(portal.requests) == 4
    assert clock.sleeps == pytest.approx(expected_waits(3, RetryPolicy()))


def test_reads_give_up_when_the_next_wait_would_pass_the_budget(
    make_client: MakeClient, portal: Portal, clock: FakeClock
) -> None:
    client = make_client(policy=RetryPolicy(attempts=10, base=4.0, cap=100.0, budget=10.0))
    portal.always("timeman.status", err("INTERNAL_SERVER_ERROR", "", 500))
    with pytest.raises(UnavailableError):
        client.status()
    # waits: [2,4] then [4,8]: the sum of both always fits 10 s only if small; the third ([8,16])
    # never does. Whatever was slept stays within the budget.
    assert sum(clock.sleeps) <= 10.0
    assert 1 <= len(clock.sleeps) <= 2
    assert len(portal.requests) == len(clock.sleeps) + 1


def test_budget_counts_time_spent_in_requests(
    make_client: MakeClient, portal: Portal, clock: FakeClock
) -> None:
    client = make_client(policy=RetryPolicy(attempts=10, base=1.0, budget=30.0))

    def slow_failure(request: httpx.Request) -> httpx.Response:
        clock.now += 25.0  # the request itself took 25 s before timing out
        raise httpx.ReadTimeout("timed out")

    portal.always("timeman.status", slow_failure)
    with pytest.raises(UnavailableError, match="did not answer in time"):
        client.status()
    # 25 s + a short wait fit the 30 s budget once; after the second 25 s request they do not.
    assert len(portal.requests) == 2
    assert len(clock.sleeps) == 1


NOT_RETRIED: dict[str, tuple[Reply, type[TimemanError]]] = {
    "invalid-credentials": (err("INVALID_CREDENTIALS", "", 401), AuthError),
    "insufficient-scope": (err("insufficient_scope", "", 403), AuthError),
    "refused": (err("", "User not found"), RefusedError),
    "alert-warning": (err("ALERT_WARNING", "no"), RefusedError),
    "method-not-found": (err("ERROR_METHOD_NOT_FOUND", "", 404), RefusedError),
    "html-200": (raw(200, "<html>login</html>", "text/html"), UnexpectedAnswerError),
    "broken-json-200": (raw(200, "{"), UnexpectedAnswerError),
    "no-result-200": (raw(200, "{}"), UnexpectedAnswerError),
    "unusable-workday": (ok({"STATUS": "FOO"}), UnexpectedAnswerError),
    "certificate": (httpx.ConnectError(CERT_FAILURE), UnavailableError),
    "portal-deleted": (err("PORTAL_DELETED", "", 500), UnavailableError),
    "moved-nowhere": (httpx.Response(302), MovedError),
}


@pytest.mark.parametrize("name", list(NOT_RETRIED))
def test_reads_do_not_retry_what_waiting_cannot_fix(
    name: str, portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    reply, error_type = NOT_RETRIED[name]
    portal.always("timeman.status", reply)
    with pytest.raises(error_type):
        client.status()
    assert len(portal.requests) == 1
    assert clock.sleeps == []


def test_configuration_errors_are_not_retried(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    with pytest.raises(ConfigurationError):
        client.read("timeman.status", {"USER_ID": float("nan")})
    assert portal.requests == []
    assert clock.sleeps == []


def test_operation_time_limit_waits_until_the_reset(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    reset_at = SERVER_NOW + 40
    portal.on(
        "timeman.status",
        ok({"STATUS": "OPENED"}, reset_at=reset_at),
        err("OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.", 429),
        CLOSED,
    )
    client.status()
    clock.now += 5
    assert client.status().workday.state is DayState.CLOSED
    (wait,) = clock.sleeps
    assert 35 <= wait < 36  # until operating_reset_at, plus up to a second of jitter
    assert clock.now >= reset_at


def test_operation_time_limit_beyond_the_budget_is_not_waited_for(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    portal.on(
        "timeman.status",
        ok({"STATUS": "OPENED"}, reset_at=SERVER_NOW + 600),
        err("OPERATION_TIME_LIMIT", "", 429),
    )
    client.status()
    with pytest.raises(RateLimitedError) as caught:
        client.status()
    assert caught.value.retry_at == SERVER_NOW + 600
    assert clock.sleeps == []  # the caller (the poller) decides when to come back


def test_operation_time_limit_with_a_stale_reset_backs_off(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    portal.on(
        "timeman.status",
        ok({"STATUS": "OPENED"}, reset_at=SERVER_NOW - 100),
        err("OPERATION_TIME_LIMIT", "", 429),
        err("OPERATION_TIME_LIMIT", "", 429),
        CLOSED,
    )
    client.status()
    client.status()
    first, second = clock.sleeps
    assert 0.5 <= first <= 1.0
    assert 1.0 <= second <= 2.0


def test_operation_time_limit_without_any_reset_backs_off(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    portal.on("timeman.status", err("OPERATION_TIME_LIMIT", "", 429), CLOSED)
    client.status()
    assert 0.5 <= clock.sleeps[0] <= 1.0


def test_retries_are_logged_without_the_secret(
    portal: Portal, client: TimemanClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    portal.on(
        "timeman.status",
        httpx.ConnectError("refused"),
        err("QUERY_LIMIT_EXCEEDED", "", 503),
        CLOSED,
    )
    client.status()
    retries = [r.getMessage() for r in caplog.records if "retrying in" in r.getMessage()]
    assert len(retries) == 2
    assert "Cannot connect to https://portal.example.com" in retries[0]
    assert "QUERY_LIMIT_EXCEEDED" in retries[1]
    assert SECRET not in caplog.text


@pytest.mark.parametrize(
    ("error", "retryable"),
    [
        (UnavailableError("x"), True),
        (UnavailableError("x", remedy=Remedy.USER_ACTS), False),
        (CertificateError("x"), False),
        (RateLimitedError("x", code="QUERY_LIMIT_EXCEEDED", http_status=503), True),
        (UnexpectedAnswerError("x", http_status=502), True),
        (UnexpectedAnswerError("x", http_status=200), False),
        (UnexpectedAnswerError("x"), False),
        (AuthError("x"), False),
        (MovedError("x"), False),
        (ConfigurationError("x"), False),
    ],
)
def test_only_what_waiting_may_fix_is_retried(error: TimemanError, retryable: bool) -> None:
    assert worth_retrying(error) is retryable


def test_wait_before_retry() -> None:
    policy = RetryPolicy()
    rng = _FixedRandom(0.5)
    limited = RateLimitedError("x", code="OPERATION_TIME_LIMIT", http_status=429, retry_at=110.0)
    assert wait_before_retry(limited, 1, policy, rng, now=100.0) == 10.5
    assert wait_before_retry(limited, 2, policy, rng, now=110.0) == policy.delay(2, rng)
    assert wait_before_retry(UnavailableError("x"), 3, policy, rng, now=0.0) == 3.0


def test_a_caller_with_its_own_schedule_reads_once_and_writes_still_resend(
    make_client: MakeClient, portal: Portal, clock: FakeClock
) -> None:
    client = make_client(policy=RetryPolicy(attempts=3, budget=1000.0), read_policy=NO_RETRY)
    portal.on("timeman.status", err("QUERY_LIMIT_EXCEEDED", "", 503), CLOSED)
    with pytest.raises(RateLimitedError):
        client.status()
    assert portal.methods == ["timeman.status"], "a refused poll costs one request"
    assert clock.sleeps == []
    portal.methods.clear()
    portal.on("timeman.open", httpx.ConnectError("refused"), ok({"STATUS": "OPENED"}))
    portal.always("timeman.status", CLOSED)
    assert client.open().applied, "a click that was not sent is still sent again"
    assert portal.methods.count("timeman.open") == 2
