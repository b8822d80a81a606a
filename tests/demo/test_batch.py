"""``batch``: one request, many calls, errors per command."""

from __future__ import annotations

from typing import Any

from tests.demo.conftest import Portal
from tray_app.demo import PortalSimulator, SimUser

SUB_TIME_KEYS = {"start", "finish", "duration", "processing", "date_start", "date_finish"}


def batch(portal: Portal, payload: Any, user_id: int = 1) -> dict[str, Any]:
    response = portal.call("batch", payload, user_id=user_id)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"result", "time"}
    assert set(body["result"]) == {
        "result",
        "result_error",
        "result_total",
        "result_next",
        "result_time",
    }
    result = body["result"]
    assert isinstance(result, dict)
    return result


def test_status_and_settings_in_one_request(portal: Portal) -> None:
    result = batch(
        portal, {"halt": 0, "cmd": {"s": "timeman.status", "t": "timeman.settings?USER_ID=1"}}
    )
    assert result["result"]["s"] == {"STATUS": "CLOSED"}
    assert result["result"]["t"]["ADMIN"] is False
    assert result["result_error"] == []
    assert result["result_total"] == []
    assert result["result_next"] == []
    assert set(result["result_time"]) == {"s", "t"}
    assert set(result["result_time"]["s"]) == SUB_TIME_KEYS
    assert len(portal.sim.requests) == 1


def test_sub_call_errors_go_to_result_error(portal: Portal) -> None:
    result = batch(
        portal,
        {
            "cmd": {
                "a": "timeman.status?USER_ID=2",
                "b": "timeman.close",
                "c": "timeman.nothing",
                "d": "timeman.open",
            }
        },
    )
    assert result["result_error"] == {
        "a": {
            "error": "",
            "error_description": "User does not have access to managing other users work time",
        },
        "b": {"error": "ALERT_WARNING", "error_description": result["result_error"]["b"][
            "error_description"
        ]},
        "c": {"error": "ERROR_METHOD_NOT_FOUND", "error_description": "Method not found!"},
    }  # fmt: skip
    assert list(result["result"]) == ["d"]
    assert result["result"]["d"]["STATUS"] == "OPENED"


def test_halt_stops_at_the_first_error(portal: Portal) -> None:
    result = batch(portal, {"halt": 1, "cmd": {"a": "timeman.close", "b": "timeman.open"}})
    assert list(result["result_error"]) == ["a"]
    assert result["result"] == []
    assert result["result_time"] == []
    assert portal.result("timeman.status") == {"STATUS": "CLOSED"}


def test_more_than_fifty_commands(portal: Portal) -> None:
    commands = {f"c{i}": "timeman.status" for i in range(53)}
    result = batch(portal, {"cmd": commands})
    assert len(result["result"]) == 50
    assert set(result["result_error"]) == {"c50", "c51", "c52"}
    assert result["result_error"]["c50"] == {
        "error": "ERROR_BATCH_LENGTH_EXCEEDED",
        "error_description": "Max batch length exceeded",
    }


def test_batch_inside_batch(portal: Portal) -> None:
    result = batch(portal, {"cmd": {"inner": "batch?cmd[x]=timeman.status", "s": "scope"}})
    assert result["result_error"] == {
        "inner": {
            "error": "ERROR_BATCH_METHOD_NOT_ALLOWED",
            "error_description": "Method is not allowed for batch usage",
        }
    }
    assert result["result"] == {"s": ["timeman", "user"]}


def test_list_of_commands_gives_lists(portal: Portal) -> None:
    result = batch(portal, {"cmd": ["timeman.status", "profile"]})
    assert isinstance(result["result"], list)
    assert result["result"][1]["ID"] == "1"


def test_form_encoded_batch(portal: Portal) -> None:
    response = portal.client.post(
        portal.url("batch"),
        data={"halt": "0", "cmd[s]": "timeman.status", "cmd[p]": "timeman.settings?user_id=1"},
    )
    assert set(response.json()["result"]["result"]) == {"s", "p"}


def test_references_to_earlier_results(portal: Portal) -> None:
    result = batch(
        portal, {"cmd": {"me": "profile", "day": "timeman.status?USER_ID=$result[me][ID]"}}
    )
    assert result["result_error"] == []
    assert result["result"]["day"] == {"STATUS": "CLOSED"}


def test_scope_errors_inside_batch_have_no_description(
    sim: PortalSimulator, portal: Portal
) -> None:
    sim.add_user(SimUser(user_id=2, secret="userscope2", scopes=("user",)))
    result = batch(portal, {"cmd": {"s": "timeman.status", "p": "profile"}}, user_id=2)
    assert result["result_error"] == {"s": {"error": "insufficient_scope", "error_description": ""}}
    assert result["result"]["p"]["ID"] == "2"


def test_batch_without_commands(portal: Portal) -> None:
    result = batch(portal, {})
    assert result == {
        "result": [],
        "result_error": [],
        "result_total": [],
        "result_next": [],
        "result_time": [],
    }
