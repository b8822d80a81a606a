"""URLs, parameters, envelopes and authentication, over real HTTPS."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.demo.conftest import SECRET, START, Portal
from tray_app.demo import PortalSimulator, SimClock, SimUser

TIME_KEYS = {
    "start",
    "finish",
    "duration",
    "processing",
    "date_start",
    "date_finish",
    "operating_reset_at",
    "operating",
}


def test_user_without_any_day_gets_only_status(portal: Portal) -> None:
    response = portal.call("timeman.status")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["result"] == {"STATUS": "CLOSED"}
    assert set(body["time"]) == TIME_KEYS


def test_time_block_comes_from_the_simulated_clock(portal: Portal) -> None:
    time = portal.call("timeman.status").json()["time"]
    assert time["start"] == START.timestamp()
    assert time["finish"] >= time["start"]
    assert time["duration"] == pytest.approx(time["finish"] - time["start"])
    assert time["date_start"] == "2026-11-20T09:00:00+03:00"  # server zone: Moscow
    assert isinstance(time["operating_reset_at"], int)
    assert time["operating_reset_at"] > time["start"]


@pytest.mark.parametrize(
    "method", ["timeman.status", "timeman.status.json", "TIMEMAN.Status", "Timeman.Status.JSON"]
)
def test_method_name_is_case_insensitive_and_json_optional(portal: Portal, method: str) -> None:
    assert portal.result(method) == {"STATUS": "CLOSED"}


def test_get_with_query_parameters(portal: Portal) -> None:
    response = portal.client.get(portal.url("timeman.settings"), params={"user_id": "1"})
    assert response.status_code == 200
    assert response.json()["result"]["ADMIN"] is False


def test_body_overrides_query_and_names_are_case_insensitive(portal: Portal) -> None:
    url = portal.url("timeman.settings") + "?USER_ID=99"
    assert portal.client.post(url, json={"user_id": 1}).status_code == 200
    refused = portal.client.post(url, json={})
    assert refused.status_code == 400
    assert refused.json()["error_description"].startswith("User does not have access")


def test_malformed_json_body_is_silently_ignored(portal: Portal) -> None:
    """The method runs with the query parameters alone: here the query's USER_ID wins."""
    url = portal.url("timeman.settings") + "?USER_ID=99"
    response = portal.client.post(
        url, content=b'{"USER_ID": 1', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert portal.sim.requests[-1].json is None
    assert portal.sim.requests[-1].params == {"USER_ID": "99"}


def test_malformed_json_close_means_close_now(portal: Portal, clock: SimClock) -> None:
    portal.result("timeman.open")
    clock.advance(3600)
    response = portal.client.post(
        portal.url("timeman.close"),
        content=b'{"TIME": "2026-11-20T09:30:00+03:00", "REPORT": "x"',
        headers={"Content-Type": "application/json"},
    )
    assert response.json()["result"]["TIME_FINISH"] == "2026-11-20T10:00:00+03:00"


def test_form_and_multipart_bodies(portal: Portal) -> None:
    form = portal.client.post(portal.url("timeman.open"), data={"lat": "53.5", "LON": "9.25"})
    assert form.json()["result"]["LAT_OPEN"] == 53.5
    assert form.json()["result"]["LON_OPEN"] == 9.25
    multipart = portal.client.post(portal.url("timeman.settings"), files={"USER_ID": (None, "99")})
    assert multipart.status_code == 400


def test_unencoded_plus_in_query_is_repaired(portal: Portal) -> None:
    url = portal.url("timeman.open") + "?TIME=2026-11-20T08:50:00+03:00"
    result = portal.client.post(url).json()["result"]
    assert result["TIME_START"] == "2026-11-20T08:50:00+03:00"


# -- authentication and routing ---------------------------------------------------------------


def test_wrong_secret_and_unknown_user(portal: Portal) -> None:
    base = portal.sim.base_url
    for path in (f"/rest/1/wrong{SECRET}/profile", f"/rest/7/{SECRET}/profile"):
        response = portal.client.post(base + path)
        assert response.status_code == 401
        assert response.json() == {
            "error": "INVALID_CREDENTIALS",
            "error_description": "Invalid request credentials",
        }


def test_no_recognisable_auth(portal: Portal) -> None:
    response = portal.client.post(portal.sim.base_url + "/rest/timeman.status")
    assert response.status_code == 401
    assert response.json() == {
        "error": "NO_AUTH_FOUND",
        "error_description": "Wrong authorization data",
    }
    token = portal.client.post(portal.sim.base_url + "/rest/timeman.status", json={"auth": "x"})
    assert (token.status_code, token.json()["error"]) == (401, "invalid_token")


def test_unknown_method_is_404_before_authentication(portal: Portal) -> None:
    for url in (portal.url("timeman.nothing"), portal.sim.base_url + "/rest/1/bad/nothing.here"):
        response = portal.client.post(url)
        assert response.status_code == 404
        assert response.json() == {
            "error": "ERROR_METHOD_NOT_FOUND",
            "error_description": "Method not found!",
        }


def test_rest_v3_path_and_non_rest_paths(portal: Portal) -> None:
    # REST 3.0 serves only timeman.record.*; any other method there is not found.
    v3 = portal.client.post(f"{portal.sim.base_url}/rest/api/1/{SECRET}/tasks.task.get")
    assert v3.status_code == 404
    assert v3.json()["error"]["code"] == "ERROR_METHOD_NOT_FOUND"
    page = portal.client.get(portal.sim.base_url + "/favicon.ico")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")


def test_login_instead_of_user_id(sim: PortalSimulator, portal: Portal) -> None:
    sim.add_user(SimUser(user_id=5, secret="other5secret", login="boris"))
    response = portal.client.post(f"{sim.base_url}/rest/boris/other5secret/profile")
    assert response.json()["result"]["ID"] == "5"
    leading_zero = portal.client.post(f"{sim.base_url}/rest/05/other5secret/profile")
    assert leading_zero.json()["error"] == "INVALID_CREDENTIALS"


def test_scope_outside_the_webhook(sim: PortalSimulator, portal: Portal) -> None:
    sim.add_user(SimUser(user_id=2, secret="userscopeonly", scopes=("user",)))
    status, code, text = portal.error("timeman.status", user_id=2)
    assert (status, code) == (401, "insufficient_scope")
    assert "higher privileges" in text
    assert portal.result("profile", user_id=2)["ID"] == "2"  # global scope
    assert portal.call("scope", user_id=2).json()["result"] == ["user"]


def test_extranet_user_is_refused_timeman(sim: PortalSimulator, portal: Portal) -> None:
    sim.add_user(SimUser(user_id=3, secret="extranet3secret", extranet=True))
    status, code, _ = portal.error("timeman.status", user_id=3)
    assert (status, code) == (403, "ALLOWED_ONLY_INTRANET_USER")
    assert portal.result("profile", user_id=3)["ID"] == "3"


def test_deactivated_user(sim: PortalSimulator, portal: Portal) -> None:
    sim.add_user(SimUser(user_id=4, secret="fired4secret", active=False))
    assert portal.error("profile", user_id=4)[:2] == (401, "authorization_error")


@pytest.fixture
def plain(clock: SimClock) -> Iterator[PortalSimulator]:
    with PortalSimulator(clock=clock, tls=False) as simulator:
        simulator.add_user(SimUser(user_id=1, secret=SECRET))
        yield simulator


def test_plain_http_is_refused_unless_allowed(plain: PortalSimulator) -> None:
    assert plain.ca_file is None
    assert plain.base_url.startswith("http://127.0.0.1:")
    with httpx.Client(timeout=5.0) as http:
        refused = http.post(plain.webhook_url(1) + "timeman.status")
        assert refused.status_code == 401
        assert refused.json() == {
            "error": "INVALID_REQUEST",
            "error_description": "Https required.",
        }
        plain.allow_http = True
        assert http.post(plain.webhook_url(1) + "timeman.status").status_code == 200


# -- global methods ---------------------------------------------------------------------------


def test_profile_and_scope(sim: PortalSimulator, portal: Portal) -> None:
    sim.add_user(
        SimUser(
            user_id=9, secret="nine9secret", name="Ivan", last_name="Petrov", admin=True,
            scopes=("timeman", "user", "basic"), timezone=7200,
        )
    )  # fmt: skip
    assert portal.result("profile", user_id=9) == {
        "ID": "9",
        "ADMIN": True,
        "NAME": "Ivan",
        "LAST_NAME": "Petrov",
        "PERSONAL_GENDER": "",
        "TIME_ZONE": "",
    }
    assert portal.result("profile")["TIME_ZONE"] == "Europe/Moscow"
    assert portal.call("scope", user_id=9).json()["result"] == ["timeman", "user"]
    full = portal.call("scope", {"full": True}, user_id=9).json()["result"]
    assert "timeman" in full
    assert len(full) > 10
    assert portal.call("server.time").json()["result"] == "2026-11-20T09:00:00+03:00"


# -- USER_ID and settings ---------------------------------------------------------------------


@pytest.fixture
def team(sim: PortalSimulator) -> PortalSimulator:
    sim.add_user(SimUser(user_id=2, secret="boss2secret", admin=True, schedule="FLEXTIME"))
    sim.add_user(SimUser(user_id=3, secret="peer3secret", settings={"UF_TM_MAX_START": "10:00"}))
    return sim


def test_own_user_id_is_the_same_as_none(team: PortalSimulator, portal: Portal) -> None:
    assert portal.result("timeman.settings", {"USER_ID": 1})["ADMIN"] is False
    assert portal.result("timeman.settings", {"USER_ID": "1"})["ADMIN"] is False


def test_other_user_without_rights(team: PortalSimulator, portal: Portal) -> None:
    text = "User does not have access to managing other users work time"
    assert portal.error("timeman.status", {"USER_ID": 3}) == (400, "", text)
    # The rights are checked before the user's existence.
    assert portal.error("timeman.open", {"USER_ID": 404}) == (400, "", text)
    assert team.day(3) is None


def test_admin_manages_others(team: PortalSimulator, portal: Portal) -> None:
    assert portal.error("timeman.status", {"USER_ID": 404}, user_id=2) == (
        400,
        "",
        "User not found",
    )
    opened = portal.result("timeman.open", {"USER_ID": 3}, user_id=2)
    assert opened["STATUS"] == "OPENED"
    day = team.day(3)
    assert day is not None
    assert day.status == "OPENED"
    settings = portal.result("timeman.settings", {"USER_ID": 3}, user_id=2)
    assert "ADMIN" not in settings  # only when asking about yourself
    assert settings["UF_TM_MAX_START"] == "10:00:00"


def test_settings_defaults_and_flextime(team: PortalSimulator, portal: Portal) -> None:
    assert portal.result("timeman.settings") == {
        "UF_TIMEMAN": True,
        "UF_TM_FREE": False,
        "UF_TM_MAX_START": "09:15:00",
        "UF_TM_MIN_FINISH": "17:45:00",
        "UF_TM_MIN_DURATION": "08:00:00",
        "UF_TM_ALLOWED_DELTA": "00:15:00",
        "ADMIN": False,
    }
    boss = portal.result("timeman.settings", user_id=2)
    assert boss["UF_TM_FREE"] is True
    assert boss["ADMIN"] is True


def test_settings_of_a_user_without_time_tracking(sim: PortalSimulator, portal: Portal) -> None:
    sim.add_user(SimUser(user_id=6, secret="six6secret", settings={"UF_TIMEMAN": False}))
    settings = portal.result("timeman.settings", user_id=6)
    assert settings["UF_TIMEMAN"] is False
    assert settings["UF_TM_MAX_START"] == "00:00:00"
