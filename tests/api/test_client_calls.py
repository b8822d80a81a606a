"""The one call path (request shape, redirects) and the typed read methods."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest

from tests.api.support import (
    RESET_AT,
    SECRET,
    SERVER_NOW,
    SETTINGS,
    FakeClock,
    MakeClient,
    Portal,
    assert_no_secret,
    day,
    err,
    ok,
    raw,
)
from tray_app import __version__
from tray_app.api import (
    AccountCheck,
    AuthError,
    ConfigurationError,
    MovedError,
    Profile,
    RateLimitedError,
    RefusedError,
    RetryPolicy,
    TimemanClient,
    UnavailableError,
    UnexpectedAnswerError,
    Webhook,
)
from tray_app.api.envelope import Answer
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import DayState

# -- the request --------------------------------------------------------------------------


def test_a_call_is_one_json_post(portal: Portal, client: TimemanClient) -> None:
    portal.on("timeman.open", ok(day("OPENED")))
    params = {"TIME": "2025-03-27T08:00:00+03:00", "REPORT": "Опоздал: пробки на МКАД", "LAT": 55.5}
    answer = client.call("timeman.open", params)
    assert isinstance(answer, Answer)
    (request,) = portal.requests
    assert request.method == "POST"
    assert str(request.url) == f"https://portal.example.com/rest/1/{SECRET}/timeman.open"
    assert request.url.query == b""
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Accept"] == "application/json"
    assert request.headers["User-Agent"] == f"timeman-tray/{__version__}"
    expected = (
        '{"TIME":"2025-03-27T08:00:00+03:00","REPORT":"Опоздал: пробки на МКАД","LAT":55.5}'
    ).encode()
    assert request.content == expected  # compact, UTF-8, the Cyrillic not escaped
    assert json.loads(request.content) == params


def test_a_call_without_params_posts_an_empty_object(portal: Portal, client: TimemanClient) -> None:
    portal.on("timeman.status", ok({"STATUS": "CLOSED"}))
    client.call("timeman.status")
    assert portal.requests[0].content == b"{}"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), object(), {1, 2}])
def test_params_that_are_not_json_are_refused_before_sending(
    value: object, portal: Portal, client: TimemanClient
) -> None:
    with pytest.raises(ConfigurationError, match="cannot be sent as JSON"):
        client.call("timeman.open", {"LAT": value})
    assert portal.requests == []


def test_timeouts_and_redirect_policy_are_set(client: TimemanClient) -> None:
    http = client._http
    assert http.follow_redirects is False
    assert http.timeout.connect == 10.0
    assert http.timeout.read == 20.0
    assert http.timeout.write == 20.0
    assert http.timeout.pool == 20.0


def test_the_client_closes_its_pool(make_client: MakeClient) -> None:
    with make_client() as client:
        assert not client._http.is_closed
    assert client._http.is_closed


# -- a moved portal (302) -----------------------------------------------------------------


def _moved(location: str | None, status: int = 302) -> httpx.Response:
    headers = {} if location is None else {"Location": location}
    return httpx.Response(status, headers=headers, text="<html>Moved</html>")


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_re_posted_once_to_the_new_origin(
    status: int, portal: Portal, client: TimemanClient
) -> None:
    target = f"https://new.example.com/rest/1/{SECRET}/timeman.close"
    portal.on("timeman.close", _moved(target, status), ok(day("CLOSED", DURATION="08:00:00")))
    answer = client.call("timeman.close", {"TIME": "2025-03-27T17:00:00+03:00", "REPORT": "x"})
    assert isinstance(answer.result, dict)
    first, second = portal.requests
    assert first.url.host == "portal.example.com"
    assert second.url.host == "new.example.com"
    assert second.method == "POST"
    assert second.url.path == f"/rest/1/{SECRET}/timeman.close"
    assert second.content == first.content
    assert second.headers["Content-Type"] == "application/json"
    assert client.moved_to == "https://new.example.com"
    assert client.webhook.base_url == "https://new.example.com"
    assert client.webhook.secret == SECRET
    # The next call goes straight to the new address.
    portal.on("timeman.status", ok({"STATUS": "CLOSED"}))
    client.call("timeman.status")
    assert portal.requests[-1].url.host == "new.example.com"


def test_a_move_is_reported_once_to_be_kept(portal: Portal, make_client: MakeClient) -> None:
    moves: list[str] = []
    client = make_client(on_move=moves.append)
    portal.on(
        "timeman.status",
        _moved("https://new.example.com/"),
        ok({"STATUS": "CLOSED"}),
        ok({"STATUS": "CLOSED"}),
    )
    client.call("timeman.status")
    client.call("timeman.status")
    assert moves == ["https://new.example.com"]


def test_a_move_the_administrator_excludes_is_not_followed(
    portal: Portal, make_client: MakeClient
) -> None:
    moves: list[str] = []
    allowed = {"https://portal.example.com", "https://new.example.com"}
    client = make_client(on_move=moves.append, may_move_to=allowed.__contains__)
    portal.on("timeman.status", _moved("https://elsewhere.example.org/"))
    with pytest.raises(MovedError, match=r"elsewhere\.example\.org, which your administrator"):
        client.call("timeman.status")
    assert [request.url.host for request in portal.requests] == ["portal.example.com"]
    assert client.moved_to is None
    assert moves == []
    portal.on("timeman.status", _moved("https://new.example.com/"), ok({"STATUS": "CLOSED"}))
    client.call("timeman.status")  # the allowed one is followed
    assert moves == ["https://new.example.com"]


def test_a_move_that_cannot_be_kept_still_answers(
    portal: Portal, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(base_url: str) -> None:
        raise OSError(f"settings file not writable for {base_url}")

    client = make_client(on_move=refuse)
    portal.on("timeman.status", _moved("https://new.example.com/"), ok({"STATUS": "CLOSED"}))
    assert client.call("timeman.status").result == {"STATUS": "CLOSED"}
    assert client.moved_to == "https://new.example.com"
    assert "could not be kept" in caplog.text


def test_a_redirect_keeps_only_the_origin_of_the_location(
    portal: Portal, client: TimemanClient
) -> None:
    portal.on(
        "timeman.status",
        _moved("https://NEW.example.com:8443/some/where?x=1"),
        ok({"STATUS": "CLOSED"}),
    )
    client.call("timeman.status")
    assert str(portal.requests[1].url) == (
        f"https://new.example.com:8443/rest/1/{SECRET}/timeman.status"
    )
    assert client.moved_to == "https://new.example.com:8443"


def test_a_redirect_to_loopback_http_is_followed(portal: Portal, client: TimemanClient) -> None:
    portal.on("timeman.status", _moved("http://127.0.0.1:8081/"), ok({"STATUS": "CLOSED"}))
    client.call("timeman.status")
    assert client.moved_to == "http://127.0.0.1:8081"


def test_an_error_from_the_new_origin_still_moves(portal: Portal, client: TimemanClient) -> None:
    portal.on(
        "timeman.status", _moved("https://new.example.com/"), err("INVALID_CREDENTIALS", "", 401)
    )
    with pytest.raises(AuthError):
        client.call("timeman.status")
    assert client.moved_to == "https://new.example.com"


@pytest.mark.parametrize(
    ("location", "fragment"),
    [
        (None, "gives no new address"),
        ("", "gives no new address"),
        ("/rest/1/elsewhere/", "gives no new address"),
        ("https://[bad", "not a portal"),
        ("https://new.example.com:port/", "gives no new address"),
        ("https://a..b/", "not a portal"),
        ("http://new.example.com/", "non-HTTPS"),
        ("ftp://127.0.0.1/", "not a portal"),
    ],
)
def test_redirects_that_are_not_followed(
    location: str | None, fragment: str, portal: Portal, client: TimemanClient
) -> None:
    portal.on("timeman.status", _moved(location))
    with pytest.raises(MovedError, match=fragment) as caught:
        client.call("timeman.status")
    assert caught.value.http_status == 302
    assert len(portal.requests) == 1
    assert client.moved_to is None
    assert client.webhook.base_url == "https://portal.example.com"
    assert_no_secret(caught.value)


def test_a_second_redirect_is_not_followed(portal: Portal, client: TimemanClient) -> None:
    portal.on(
        "timeman.status",
        _moved(f"https://new.example.com/rest/1/{SECRET}/timeman.status"),
        _moved(f"https://third.example.com/rest/1/{SECRET}/timeman.status"),
    )
    with pytest.raises(MovedError, match="redirects again") as caught:
        client.call("timeman.status")
    assert len(portal.requests) == 2
    assert client.moved_to is None
    assert client.webhook.base_url == "https://portal.example.com"
    assert_no_secret(caught.value)


def test_a_redirect_is_logged_without_the_secret(
    portal: Portal, client: TimemanClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG", logger="tray_app")
    portal.on("timeman.status", _moved("https://new.example.com/"), ok({"STATUS": "CLOSED"}))
    client.call("timeman.status")
    assert "portal moved from https://portal.example.com to https://new.example.com" in caplog.text
    assert SECRET not in caplog.text


# -- status and the server clock ----------------------------------------------------------


def test_status_parses_the_workday_and_the_clock_skew(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    clock.now = SERVER_NOW - 42.5  # our clock is 42.5 s behind the portal's
    portal.on("timeman.status", ok(day("OPENED", ID="17", TIME_LEAKS="00:10:00"), start=SERVER_NOW))
    reading = client.status()
    assert reading.workday.state is DayState.OPENED
    assert reading.workday.record_id == 17
    assert reading.workday.started_at == datetime(
        2025, 3, 27, 8, 0, 1, tzinfo=timezone(timedelta(hours=2))
    )
    assert reading.workday.leaks == timedelta(minutes=10)
    assert reading.received_at == clock.now
    assert reading.clock.skew == timedelta(seconds=42.5)
    local = datetime(2025, 3, 27, 7, 0, tzinfo=UTC)
    assert reading.clock.server_now(local) == local + timedelta(seconds=42.5)
    assert portal.methods == ["timeman.status"]
    assert portal.requests[0].content == b"{}"  # USER_ID omitted: the webhook's own user


def test_status_without_time_block_assumes_equal_clocks(
    portal: Portal, client: TimemanClient
) -> None:
    portal.on("timeman.status", raw(200, '{"result": {"STATUS": "CLOSED"}}'))
    reading = client.status()
    assert reading.workday.state is DayState.CLOSED
    assert reading.workday.started_at is None
    assert reading.clock.skew == timedelta(0)


@pytest.mark.parametrize(
    "result",
    [
        {"STATUS": "FOO"},
        {"TIME_START": "2025-03-27T08:00:01+02:00"},
        {"STATUS": "OPENED", "TIME_START": "yesterday"},
        ["OPENED"],
        None,
    ],
)
def test_an_unusable_workday_is_an_unexpected_answer(
    result: object, portal: Portal, client: TimemanClient
) -> None:
    portal.always("timeman.status", ok(result))
    with pytest.raises(UnexpectedAnswerError, match="cannot be used") as caught:
        client.status()
    assert caught.value.http_status is None
    assert len(portal.requests) == 1  # not retried: waiting will not fix it


# -- settings -----------------------------------------------------------------------------


def test_settings(portal: Portal, client: TimemanClient) -> None:
    portal.on(
        "timeman.settings", ok({**SETTINGS, "UF_TM_FREE": True, "UF_TM_MAX_START": "10:00:00"})
    )
    settings = client.settings()
    assert isinstance(settings, PortalSettings)
    assert settings.flexible is True
    assert settings.admin is True
    assert settings.max_start == timedelta(hours=10)
    assert portal.methods == ["timeman.settings"]


def test_unusable_settings(portal: Portal, client: TimemanClient) -> None:
    portal.on("timeman.settings", ok({**SETTINGS, "UF_TM_MAX_START": "soon"}))
    with pytest.raises(UnexpectedAnswerError, match="cannot be used"):
        client.settings()


# -- status and settings in one batch -----------------------------------------------------


def _batch(
    results: object,
    errors: object,
    *,
    start: float = SERVER_NOW,
    reset_at: float | None = RESET_AT,
) -> httpx.Response:
    # The official shape: settings/how-to-call-rest-api/batch.md (b24restdocs): every part is a
    # list [] when empty, an object keyed by command otherwise.
    body = {
        "result": results,
        "result_error": errors,
        "result_total": [],
        "result_next": [],
        "result_time": [],
    }
    return ok(body, start=start, reset_at=reset_at)


def test_status_and_settings_in_one_batch(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    clock.now = SERVER_NOW + 3
    portal.on("batch", _batch({"status": day("PAUSED"), "settings": SETTINGS}, []))
    reading, settings = client.status_and_settings()
    assert reading.workday.state is DayState.PAUSED
    assert reading.clock.skew == timedelta(seconds=-3)
    assert settings.admin is True
    (request,) = portal.requests
    assert request.url.path == f"/rest/1/{SECRET}/batch"
    assert request.content == (
        b'{"halt":0,"cmd":{"status":"timeman.status","settings":"timeman.settings"}}'
    )


def test_batch_result_error_as_empty_object(portal: Portal, client: TimemanClient) -> None:
    portal.on("batch", _batch({"status": {"STATUS": "CLOSED"}, "settings": {}}, {}))
    reading, settings = client.status_and_settings()
    assert reading.workday.state is DayState.CLOSED
    assert settings == PortalSettings()


@pytest.mark.parametrize(
    ("errors", "error_type", "code"),
    [
        (
            {
                "status": {"error": "insufficient_scope", "error_description": ""},
                "settings": {"error": "insufficient_scope", "error_description": ""},
            },
            AuthError,
            "insufficient_scope",
        ),
        ({"settings": {"error": "", "error_description": "User not found"}}, RefusedError, ""),
        ({"status": {"error": "INTERNAL_SERVER_ERROR"}}, UnavailableError, "INTERNAL_SERVER_ERROR"),
    ],
)
def test_batch_sub_command_errors(
    errors: object,
    error_type: type[Exception],
    code: str,
    portal: Portal,
    make_client: MakeClient,
) -> None:
    client = make_client(policy=RetryPolicy(attempts=1))
    portal.on("batch", _batch([], errors))
    with pytest.raises(error_type) as caught:
        client.status_and_settings()
    assert getattr(caught.value, "code", None) == code
    assert getattr(caught.value, "http_status", 0) is None


def test_batch_sub_command_error_that_is_not_an_object_is_ignored(
    portal: Portal, client: TimemanClient
) -> None:
    portal.on(
        "batch", _batch({"status": {"STATUS": "OPENED"}, "settings": SETTINGS}, {"status": "odd"})
    )
    reading, _ = client.status_and_settings()
    assert reading.workday.state is DayState.OPENED


def test_batch_sub_command_operation_limit_waits_for_reset_and_retries(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    limited = {"status": {"error": "OPERATION_TIME_LIMIT", "error_description": "blocked"}}
    portal.on(
        "batch",
        _batch({"settings": SETTINGS}, limited, reset_at=SERVER_NOW + 20),
        _batch({"status": {"STATUS": "CLOSED"}, "settings": SETTINGS}, []),
    )
    reading, _ = client.status_and_settings()
    assert reading.workday.state is DayState.CLOSED
    assert len(clock.sleeps) == 1
    assert 20 <= clock.sleeps[0] <= 21  # until the reset the batch answer itself announced


@pytest.mark.parametrize(
    "results",
    [[], {"status": {"STATUS": "OPENED"}}, {"settings": SETTINGS}, "nothing"],
)
def test_batch_with_missing_parts(results: object, portal: Portal, client: TimemanClient) -> None:
    portal.on("batch", _batch(results, []))
    with pytest.raises(UnexpectedAnswerError, match="lacks the status or settings"):
        client.status_and_settings()


@pytest.mark.parametrize("result", [[], None, "ok"])
def test_batch_answer_that_is_not_an_object(
    result: object, portal: Portal, client: TimemanClient
) -> None:
    portal.on("batch", ok(result))
    with pytest.raises(UnexpectedAnswerError, match="batch answer is not an object"):
        client.status_and_settings()


def test_batch_with_an_unusable_status(portal: Portal, client: TimemanClient) -> None:
    portal.on("batch", _batch({"status": {"STATUS": "FOO"}, "settings": SETTINGS}, []))
    with pytest.raises(UnexpectedAnswerError, match="'FOO'"):
        client.status_and_settings()


# -- profile, scope, verify ---------------------------------------------------------------

PROFILE = {
    "ID": "1",
    "ADMIN": True,
    "NAME": "Анна",
    "LAST_NAME": "Иванова",
    "PERSONAL_GENDER": "F",
    "TIME_ZONE": "Europe/Moscow",
}


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (PROFILE, Profile(1, "Анна", "Иванова", admin=True, time_zone="Europe/Moscow")),
        ({"ID": 7}, Profile(7)),
        ({"ID": "7", "ADMIN": "Y", "NAME": None}, Profile(7)),
    ],
)
def test_profile(result: object, expected: Profile, portal: Portal, client: TimemanClient) -> None:
    portal.on("profile", ok(result))
    assert client.profile() == expected
    assert portal.methods == ["profile"]


def test_profile_display_name() -> None:
    assert Profile(1, "Анна", "Иванова").display_name == "Анна Иванова"
    assert Profile(1, "", "Иванова").display_name == "Иванова"
    assert Profile(9).display_name == "user 9"


@pytest.mark.parametrize("result", [{"NAME": "x"}, {"ID": "admin"}, {"ID": None}, [], "1"])
def test_profile_without_an_id(result: object, portal: Portal, client: TimemanClient) -> None:
    portal.on("profile", ok(result))
    with pytest.raises(UnexpectedAnswerError, match="no user id"):
        client.profile()


def test_scopes(portal: Portal, client: TimemanClient) -> None:
    portal.on("scope", ok(["basic", "timeman", "user_brief"]))
    assert client.scopes() == ("basic", "timeman", "user_brief")


@pytest.mark.parametrize("result", [{"0": "timeman"}, "timeman", None])
def test_scopes_not_a_list(result: object, portal: Portal, client: TimemanClient) -> None:
    portal.on("scope", ok(result))
    with pytest.raises(UnexpectedAnswerError, match="not a list"):
        client.scopes()


def test_verify(portal: Portal, client: TimemanClient) -> None:
    portal.on("profile", ok(PROFILE))
    portal.on("scope", ok(["basic", "timeman"]))
    portal.on("timeman.status", ok(day("EXPIRED", TIME_FINISH_DEFAULT="2025-03-27T17:00:00+02:00")))
    check = client.verify()
    assert isinstance(check, AccountCheck)
    assert check.profile.user_id == 1
    assert check.scopes == ("basic", "timeman")
    assert check.reading.workday.state is DayState.EXPIRED
    assert portal.methods == ["profile", "scope", "timeman.status"]


def test_verify_without_timeman_scope(portal: Portal, client: TimemanClient) -> None:
    portal.on("profile", ok(PROFILE))
    portal.on("scope", ok(["basic", "crm"]))
    with pytest.raises(AuthError, match="'timeman'") as caught:
        client.verify()
    assert caught.value.code == "insufficient_scope"
    assert portal.methods == ["profile", "scope"]


def test_verify_with_a_deleted_webhook(portal: Portal, client: TimemanClient) -> None:
    portal.on("profile", err("INVALID_CREDENTIALS", "Invalid request credentials", 401))
    with pytest.raises(AuthError, match="deleted or its secret changed") as caught:
        client.verify()
    assert_no_secret(caught.value)
    assert portal.methods == ["profile"]


def test_rate_limit_error_type_is_unavailable() -> None:
    assert issubclass(RateLimitedError, UnavailableError)


def test_client_for_a_loopback_http_portal(portal: Portal, make_client: MakeClient) -> None:
    client = make_client(hook=Webhook.parse(f"http://127.0.0.1:8080/rest/3/{SECRET}/"))
    portal.on("timeman.status", ok({"STATUS": "CLOSED"}))
    client.status()
    assert str(portal.requests[0].url) == f"http://127.0.0.1:8080/rest/3/{SECRET}/timeman.status"
