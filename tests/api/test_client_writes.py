"""open/resume/pause/close: what is sent, silent no-ops, and never a blind second write."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest
import pytz

from tests.api.support import (
    SECRET,
    SERVER_NOW,
    FakeClock,
    MakeClient,
    Portal,
    Reply,
    assert_no_secret,
    day_ok,
    err,
    ok,
    raw,
)
from tray_app.api import (
    AuthError,
    ConfigurationError,
    MovedError,
    RateLimitedError,
    RefusedError,
    RetryPolicy,
    TimemanClient,
    TimemanError,
    UnavailableError,
    UnexpectedAnswerError,
    WriteOutcome,
)
from tray_app.core.actions import Action
from tray_app.core.backdate import DEFAULT_REASON
from tray_app.core.remedy import Remedy
from tray_app.core.workday import DayState

MSK = timezone(timedelta(hours=3))
REASON = "Забыл отметиться: встреча у клиента «Ромашка»"  # noqa: RUF001 (Cyrillic on purpose)

# -- what is sent -------------------------------------------------------------------------


def test_open_now_sends_nothing_but_the_call(portal: Portal, client: TimemanClient) -> None:
    portal.on("timeman.open", day_ok("OPENED"))
    outcome = client.open()
    assert outcome == WriteOutcome(Action.OPEN, outcome.reading, applied=True)
    assert outcome.workday.state is DayState.OPENED
    assert outcome.recovered is False
    assert portal.methods == ["timeman.open"]
    assert portal.requests[0].content == b"{}"


def test_backdated_open_sends_atom_time_and_the_reason_byte_for_byte(
    portal: Portal, client: TimemanClient
) -> None:
    portal.on("timeman.open", day_ok("OPENED"))
    client.open(datetime(2025, 3, 27, 8, 5, 7, 999_999, tzinfo=MSK), REASON)
    expected = '{"TIME":"2025-03-27T08:05:07+03:00","REPORT":"' + REASON + '"}'
    assert portal.requests[0].content == expected.encode("utf-8")


@pytest.mark.parametrize(
    ("moment", "atom"),
    [
        (datetime(2025, 3, 27, 8, 0, tzinfo=UTC), "2025-03-27T08:00:00+00:00"),
        (
            datetime(2025, 3, 27, 8, 0, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
            "2025-03-27T08:00:00-05:30",
        ),
        (
            pytz.timezone("Europe/Moscow").localize(datetime(2025, 3, 27, 9, 15)),
            "2025-03-27T09:15:00+03:00",
        ),
        (
            pytz.timezone("Europe/Berlin").localize(datetime(2025, 7, 1, 9, 15)),
            "2025-07-01T09:15:00+02:00",
        ),
    ],
)
def test_times_are_atom_with_an_explicit_offset(
    moment: datetime, atom: str, portal: Portal, client: TimemanClient
) -> None:
    portal.on("timeman.close", day_ok("CLOSED"))
    client.close(moment, "x")
    assert portal.bodies("timeman.close") == [{"TIME": atom, "REPORT": "x"}]


@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_a_time_always_goes_with_a_reason(
    reason: str | None, portal: Portal, client: TimemanClient
) -> None:
    portal.on("timeman.open", day_ok("OPENED"))
    client.open(datetime(2025, 3, 27, 8, 0, tzinfo=MSK), reason)
    assert portal.bodies("timeman.open") == [
        {"TIME": "2025-03-27T08:00:00+03:00", "REPORT": DEFAULT_REASON}
    ]


def test_a_reason_without_a_time_is_not_sent(portal: Portal, client: TimemanClient) -> None:
    portal.on("timeman.close", day_ok("CLOSED"))
    client.close(reason="left early")
    assert portal.bodies("timeman.close") == [{}]


@pytest.mark.parametrize(
    ("lat", "lon"), [(55.751244, 37.618423), (90.0, 180.0), (-90.0, -180.0), (0.0, 0.0)]
)
def test_coordinates_go_along(
    lat: float, lon: float, portal: Portal, client: TimemanClient
) -> None:
    portal.on("timeman.open", day_ok("OPENED"))
    portal.on("timeman.close", day_ok("CLOSED"))
    client.open(lat=lat, lon=lon)
    client.close(datetime(2025, 3, 27, 18, 0, tzinfo=MSK), "x", lat, lon)
    assert portal.bodies("timeman.open") == [{"LAT": lat, "LON": lon}]
    assert portal.bodies("timeman.close") == [
        {"TIME": "2025-03-27T18:00:00+03:00", "REPORT": "x", "LAT": lat, "LON": lon}
    ]


@pytest.mark.parametrize(
    ("lat", "lon", "fragment"),
    [
        (55.0, None, "both a latitude and a longitude"),
        (None, 37.0, "both a latitude and a longitude"),
        (90.0001, 0.0, "out of range"),
        (-91.0, 0.0, "out of range"),
        (0.0, 180.5, "out of range"),
        (0.0, -181.0, "out of range"),
        (float("nan"), 0.0, "out of range"),
        (0.0, float("nan"), "out of range"),
        (float("inf"), 0.0, "out of range"),
    ],
)
def test_bad_coordinates_are_refused_before_sending(
    lat: float | None, lon: float | None, fragment: str, portal: Portal, client: TimemanClient
) -> None:
    with pytest.raises(ConfigurationError, match=fragment):
        client.open(lat=lat, lon=lon)
    with pytest.raises(ConfigurationError, match=fragment):
        client.close(lat=lat, lon=lon)
    assert portal.requests == []


@pytest.mark.parametrize(
    ("moment", "fragment"),
    [
        (datetime(2025, 3, 27, 8, 0), "needs a time zone offset"),
        (datetime(2025, 3, 27, 8, 0, tzinfo=timezone(timedelta(seconds=10830))), "whole minutes"),
    ],
)
def test_unusable_times_are_refused_before_sending(
    moment: datetime, fragment: str, portal: Portal, client: TimemanClient
) -> None:
    with pytest.raises(ConfigurationError, match=fragment):
        client.open(moment, "x")
    assert portal.requests == []


def test_resume_is_open_without_parameters(portal: Portal, client: TimemanClient) -> None:
    portal.on("timeman.open", day_ok("OPENED", TIME_LEAKS="00:15:00"))
    outcome = client.resume()
    assert outcome.action is Action.RESUME
    assert outcome.applied is True
    assert portal.bodies("timeman.open") == [{}]


def test_pause_sends_no_parameters(portal: Portal, client: TimemanClient) -> None:
    portal.on("timeman.pause", day_ok("PAUSED", TIME_FINISH="2025-03-27T12:00:00+02:00"))
    outcome = client.pause()
    assert outcome.applied is True
    assert outcome.workday.finished_at == datetime(
        2025, 3, 27, 12, 0, tzinfo=timezone(timedelta(hours=2))
    )
    assert portal.bodies("timeman.pause") == [{}]


@pytest.mark.parametrize("action", [Action.RESUME, Action.PAUSE])
def test_actions_that_take_no_time_refuse_one(
    action: Action, portal: Portal, client: TimemanClient
) -> None:
    with pytest.raises(ConfigurationError, match=f"cannot be given to {action.value}"):
        client.perform(action, time=datetime(2025, 3, 27, 8, 0, tzinfo=MSK))
    assert portal.requests == []


def test_an_expired_day_needs_an_end_time(portal: Portal, client: TimemanClient) -> None:
    with pytest.raises(ConfigurationError, match="only be closed with an end time"):
        client.perform(Action.CLOSE_EXPIRED)
    assert portal.requests == []


def test_closing_an_expired_day_with_a_time(portal: Portal, client: TimemanClient) -> None:
    portal.on("timeman.close", day_ok("CLOSED", ACTIVE=False, DURATION="09:00:00"))
    outcome = client.perform(
        Action.CLOSE_EXPIRED, time=datetime(2025, 3, 26, 18, 0, tzinfo=MSK), reason="забыл"
    )
    assert outcome.applied is True
    assert outcome.workday.confirmed is False
    assert portal.bodies("timeman.close") == [
        {"TIME": "2025-03-26T18:00:00+03:00", "REPORT": "забыл"}
    ]


# -- silent no-ops ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "answered", "applied"),
    [
        (Action.OPEN, "EXPIRED", False),
        (Action.OPEN, "PAUSED", False),
        (Action.RESUME, "EXPIRED", False),
        (Action.PAUSE, "CLOSED", False),
        (Action.PAUSE, "EXPIRED", False),
        (Action.PAUSE, "OPENED", False),
        (Action.CLOSE, "CLOSED", True),
        (Action.OPEN, "OPENED", True),
        (Action.PAUSE, "PAUSED", True),
    ],
)
def test_silent_no_ops_are_reported(
    action: Action,
    answered: str,
    applied: bool,
    *,
    portal: Portal,
    client: TimemanClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The portal answers open/pause in the wrong state with the unchanged day, no error (§1.2).

    A no-op in the target state itself (open on OPENED, pause on PAUSED) answers exactly like
    a success: the answer alone cannot tell them apart, and the day is where the user wanted it.
    """
    caplog.set_level("INFO", logger="tray_app")
    method = {"open": "timeman.open", "resume": "timeman.open", "pause": "timeman.pause"}.get(
        action.value, "timeman.close"
    )
    portal.on(method, day_ok(answered))
    outcome = client.perform(action)
    assert outcome.applied is applied
    assert outcome.recovered is False
    assert outcome.workday.state is DayState(answered)
    assert portal.methods == [method]
    assert ("silent no-op" in caplog.text) is not applied


# -- refusals are final -------------------------------------------------------------------

REFUSALS: dict[str, tuple[Reply, type[TimemanError]]] = {
    "close-on-closed": (err("ALERT_WARNING", "Действие недоступно"), RefusedError),
    "wd-expired": (err("WD_EXPIRED", "Workday is expired"), RefusedError),
    "report-needed": (err("REPORT_NEEDED", "нужна причина"), RefusedError),
    "wrong-datetime": (
        err("WRONG_DATETIME", "Day close date should correspond to the day open date"),
        RefusedError,
    ),
    "deleted-webhook": (err("INVALID_CREDENTIALS", "", 401), AuthError),
    "no-scope": (err("insufficient_scope", "", 403), AuthError),
    "moved-nowhere": (httpx.Response(302), MovedError),
}


@pytest.mark.parametrize("name", list(REFUSALS))
def test_refusals_are_raised_without_reading_or_resending(
    name: str, portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    reply, error_type = REFUSALS[name]
    portal.on("timeman.close", reply)
    with pytest.raises(error_type) as caught:
        client.close()
    assert portal.methods == ["timeman.close"]
    assert clock.sleeps == []
    assert "The day is still" not in caught.value.message
    assert_no_secret(caught.value)


# -- an answer lost after the request may have run ----------------------------------------

MAYBE_RAN: dict[str, Reply] = {
    "read-timeout": httpx.ReadTimeout("timed out"),
    "write-timeout": httpx.WriteTimeout("timed out"),
    "dropped-mid-request": httpx.RemoteProtocolError(
        "Server disconnected without sending a response."
    ),
    "connection-reset": httpx.ReadError("[Errno 104] Connection reset by peer"),
    "internal-error-500": err("INTERNAL_SERVER_ERROR", "", 500),
    "html-502": raw(502, "<html>Bad Gateway</html>", "text/html"),
    "html-200": raw(200, "<html>Maintenance</html>", "text/html"),
    "broken-json": raw(200, '{"result":{"STATUS":"CLO'),
}

ACTIONS = {
    Action.OPEN: ("timeman.open", "CLOSED", "OPENED"),
    Action.RESUME: ("timeman.open", "PAUSED", "OPENED"),
    Action.PAUSE: ("timeman.pause", "OPENED", "PAUSED"),
    Action.CLOSE: ("timeman.close", "OPENED", "CLOSED"),
    Action.CLOSE_EXPIRED: ("timeman.close", "EXPIRED", "CLOSED"),
}


def _perform(client: TimemanClient, action: Action) -> WriteOutcome:
    time = datetime(2025, 3, 27, 17, 0, tzinfo=MSK) if action is Action.CLOSE_EXPIRED else None
    return client.perform(action, time=time)


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("failure", list(MAYBE_RAN))
def test_a_lost_answer_is_recovered_by_reading_the_status(
    action: Action, failure: str, portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    method, _, target = ACTIONS[action]
    portal.on(method, MAYBE_RAN[failure])
    portal.on("timeman.status", day_ok(target))
    outcome = _perform(client, action)
    assert outcome.applied is True
    assert outcome.recovered is True
    assert outcome.action is action
    assert outcome.workday.state is DayState(target)
    assert portal.methods == [method, "timeman.status"]  # exactly ONE write
    assert clock.sleeps == []


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("failure", list(MAYBE_RAN))
def test_a_write_that_may_have_run_is_never_sent_twice(
    action: Action, failure: str, portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    method, before, _ = ACTIONS[action]
    portal.on(method, MAYBE_RAN[failure])
    portal.on("timeman.status", day_ok(before))
    with pytest.raises((UnavailableError, UnexpectedAnswerError)) as caught:
        _perform(client, action)
    error = caught.value
    assert error.message.endswith(f"The day is still {before}.")
    assert error.args == (error.message,)
    assert str(error) == error.message
    assert_no_secret(error)
    assert portal.methods == [method, "timeman.status"]
    assert clock.sleeps == []


# -- a request that certainly never reached the portal ------------------------------------

NEVER_RAN: dict[str, Reply] = {
    "connect-error": httpx.ConnectError("[Errno 111] Connection refused"),
    "connect-timeout": httpx.ConnectTimeout("timed out"),
    "query-limit": err("QUERY_LIMIT_EXCEEDED", "Too many requests", 503),
    "operation-limit": err("OPERATION_TIME_LIMIT", "", 429),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("failure", list(NEVER_RAN))
def test_a_write_that_never_arrived_is_resent_after_back_off(
    action: Action, failure: str, portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    method, before, target = ACTIONS[action]
    portal.on(method, NEVER_RAN[failure], day_ok(target))
    portal.on("timeman.status", day_ok(before))
    outcome = _perform(client, action)
    assert outcome.applied is True
    assert outcome.recovered is False
    assert portal.bodies(method)[0] == portal.bodies(method)[1]
    (wait,) = clock.sleeps
    if action is Action.PAUSE and failure in {"query-limit", "operation-limit"}:
        # Refused, so not run; a pause cannot do anything else: again soon, nothing read.
        assert portal.methods == [method, method]
        assert 0.125 <= wait <= 0.25
    else:
        assert portal.methods == [method, "timeman.status", method]
        assert 0.5 <= wait <= 1.0


def test_a_refused_pause_is_sent_again_soon_until_the_policys_time_is_up(
    make_client: MakeClient, portal: Portal, clock: FakeClock
) -> None:
    """Each try 0.25 s, 0.5 s, 1 s, then 2 s after the last, within the budget; then the
    status is read once to say where the day is."""
    client = make_client(policy=RetryPolicy(attempts=4, budget=10.0))
    portal.always("timeman.pause", err("QUERY_LIMIT_EXCEEDED", "", 503))
    portal.always("timeman.status", day_ok("OPENED"))
    with pytest.raises(UnavailableError, match=r"The day is still OPENED\.") as caught:
        client.pause()
    assert caught.value.sent is False
    assert portal.methods.count("timeman.status") == 1
    assert portal.methods[-1] == "timeman.status"
    assert sum(clock.sleeps) <= 10.0
    assert all(a <= 2 * b for a, b in zip(clock.sleeps, clock.sleeps[1:], strict=False))
    assert max(clock.sleeps) <= 2.0
    assert portal.methods.count("timeman.pause") == len(clock.sleeps) + 1 >= 4


def test_a_write_that_never_arrived_but_no_longer_applies_is_not_resent(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    portal.on("timeman.open", httpx.ConnectError("refused"))
    portal.on("timeman.status", day_ok("PAUSED"))  # paused elsewhere meanwhile: open would resume
    with pytest.raises(UnavailableError, match=r"The day is still PAUSED\.") as caught:
        client.open()
    assert caught.value.sent is False
    assert portal.methods == ["timeman.open", "timeman.status"]
    assert clock.sleeps == []


def test_a_write_that_never_arrived_but_the_day_got_there_is_recovered(
    portal: Portal, client: TimemanClient
) -> None:
    portal.on("timeman.close", err("QUERY_LIMIT_EXCEEDED", "", 503))
    portal.on("timeman.status", day_ok("CLOSED"))  # closed in the browser meanwhile
    outcome = client.close()
    assert (outcome.applied, outcome.recovered) == (True, True)
    assert portal.methods == ["timeman.close", "timeman.status"]


def test_resending_is_bounded_by_the_attempts(
    make_client: MakeClient, portal: Portal, clock: FakeClock
) -> None:
    client = make_client(policy=RetryPolicy(attempts=3, budget=1000.0))
    portal.always("timeman.open", httpx.ConnectError("refused"))
    portal.always("timeman.status", day_ok("CLOSED"))
    with pytest.raises(UnavailableError, match=r"The day is still CLOSED\."):
        client.open()
    assert portal.methods.count("timeman.open") == 3
    assert portal.methods.count("timeman.status") == 3
    assert len(clock.sleeps) == 2


def test_resending_is_bounded_by_the_time_budget(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    portal.on("timeman.status", ok({"STATUS": "CLOSED"}, reset_at=SERVER_NOW + 300))
    client.status()  # the last good answer says the operating limit resets in 5 min
    portal.on("timeman.open", err("OPERATION_TIME_LIMIT", "", 429))
    portal.on("timeman.status", day_ok("CLOSED"))
    with pytest.raises(RateLimitedError, match=r"The day is still CLOSED\.") as caught:
        client.open()
    assert caught.value.retry_at == SERVER_NOW + 300
    assert portal.methods.count("timeman.open") == 1
    assert clock.sleeps == []  # 5 min is beyond the 60 s budget: the caller comes back later


def test_operation_limit_on_a_write_waits_until_the_reset(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    portal.on("timeman.status", ok({"STATUS": "OPENED"}, reset_at=SERVER_NOW + 20))
    client.status()
    portal.on("timeman.pause", err("OPERATION_TIME_LIMIT", "", 429), day_ok("PAUSED"))
    portal.on("timeman.status", day_ok("OPENED"))
    assert client.pause().applied is True
    (wait,) = clock.sleeps
    assert 20 <= wait < 21


def test_an_untrusted_certificate_is_raised_at_once(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    portal.on(
        "timeman.open",
        httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
    )
    with pytest.raises(UnavailableError, match="is not trusted") as caught:
        client.open()
    assert caught.value.remedy is Remedy.USER_ACTS
    assert "The day is still" not in caught.value.message
    assert portal.methods == ["timeman.open"]  # nothing reached the portal: nothing to check


# -- when even the status cannot be read --------------------------------------------------


@pytest.mark.parametrize(
    "status_failure",
    [
        httpx.ConnectError("refused"),
        err("INTERNAL_SERVER_ERROR", "", 500),
        err("INVALID_CREDENTIALS", "", 401),
        raw(200, "<html></html>", "text/html"),
    ],
)
def test_when_the_status_cannot_be_read_the_outcome_is_unknown_and_nothing_is_resent(
    status_failure: Reply, portal: Portal, client: TimemanClient
) -> None:
    portal.on("timeman.close", httpx.ReadTimeout("timed out"))
    portal.always("timeman.status", status_failure)
    with pytest.raises(UnavailableError) as caught:
        client.close()
    error = caught.value
    assert "did not answer in time" in error.message
    assert "Whether the close took effect is unknown" in error.message
    assert "it will not be sent twice" in error.message
    assert error.remedy is Remedy.WAIT
    assert_no_secret(error)
    assert portal.methods.count("timeman.close") == 1


def test_an_unknown_outcome_keeps_the_original_code(portal: Portal, client: TimemanClient) -> None:
    portal.on("timeman.open", err("INTERNAL_SERVER_ERROR", "", 500))
    portal.always("timeman.status", httpx.ConnectError("refused"))
    with pytest.raises(UnavailableError, match="Whether the open took effect is unknown") as caught:
        client.open()
    assert caught.value.code == "INTERNAL_SERVER_ERROR"
    assert caught.value.http_status == 500
    assert portal.methods.count("timeman.open") == 1


def test_the_status_read_after_a_failure_retries_like_any_read(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    portal.on("timeman.open", httpx.ReadTimeout("timed out"))
    portal.on("timeman.status", err("QUERY_LIMIT_EXCEEDED", "", 503), day_ok("OPENED"))
    outcome = client.open()
    assert outcome.recovered is True
    assert portal.methods == ["timeman.open", "timeman.status", "timeman.status"]
    assert len(clock.sleeps) == 1


def test_recovery_logs_without_the_secret(
    portal: Portal, client: TimemanClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    portal.on("timeman.open", httpx.ReadTimeout("timed out"))
    portal.on("timeman.status", day_ok("OPENED"))
    client.open()
    assert "answer lost, but the day is OPENED" in caplog.text
    assert SECRET not in caplog.text


def test_a_write_refused_for_the_rate_limit_says_it_was_not_made_when_the_status_is_refused_too(
    portal: Portal, client: TimemanClient
) -> None:
    """A 503 QUERY_LIMIT_EXCEEDED is a refusal: the close did not run, whatever the status read
    after it answers (here the same refusal), so nothing is "unknown"."""
    portal.on("timeman.close", err("QUERY_LIMIT_EXCEEDED", "", 503))
    portal.always("timeman.status", err("QUERY_LIMIT_EXCEEDED", "", 503))
    with pytest.raises(UnavailableError) as caught:
        client.close()
    error = caught.value
    assert "The close was not made; try it again later." in error.message
    assert "unknown" not in error.message
    assert error.sent is False
    assert error.code == "QUERY_LIMIT_EXCEEDED"
    assert portal.methods.count("timeman.close") == 1
