"""The moved-portal alias (302) and the request log."""

from __future__ import annotations

import logging

import httpx
import pytest

from tests.demo.conftest import SECRET, Portal
from tray_app.demo import PortalSimulator


def test_alias_redirects_to_the_same_path(portal: Portal) -> None:
    alias = portal.sim.start_alias()
    assert alias != portal.sim.base_url
    target = f"/rest/1/{SECRET}/timeman.status?x=1"
    response = portal.client.post(alias + target, json={})
    assert response.status_code == 302
    assert response.headers["location"] == portal.sim.base_url + target
    followed = portal.client.get(alias + target, follow_redirects=True)
    assert followed.json()["result"] == {"STATUS": "CLOSED"}


def test_following_a_redirect_turns_post_into_get(portal: Portal) -> None:
    """Why a client must not follow 302 for POST: the body is lost on the way."""
    alias = portal.sim.start_alias()
    response = portal.client.post(
        f"{alias}/rest/1/{SECRET}/timeman.open", json={"LAT": 1.0}, follow_redirects=True
    )
    assert response.status_code == 200
    arrived = portal.sim.requests[-1]
    assert (arrived.listener, arrived.http_method, arrived.body) == ("main", "GET", b"")
    assert [r.listener for r in portal.sim.requests] == ["alias", "main"]


def test_requests_are_recorded(portal: Portal) -> None:
    portal.client.post(
        portal.url("TIMEMAN.Open.json") + "?user_id=1&x[a]=b",
        json={"report": "late", "Lat": 5},
        headers={"User-Agent": "timeman-tray/0.1"},
    )
    record = portal.sim.requests[-1]
    assert record.http_method == "POST"
    assert record.path == f"/rest/1/{SECRET}/TIMEMAN.Open.json"
    assert record.rest_method == "timeman.open"
    assert record.query == {"user_id": "1", "x": {"a": "b"}}
    assert record.headers["USER-AGENT"] == "timeman-tray/0.1"
    assert record.headers["content-type"] == "application/json"
    assert record.json == {"report": "late", "Lat": 5}
    assert record.body == b'{"report":"late","Lat":5}'
    assert record.params == {"USER_ID": "1", "X": {"a": "b"}, "REPORT": "late", "LAT": 5}
    assert record.client_ip == "127.0.0.1"
    assert record.answered_status == 200
    assert record.scheme == "https"
    assert record.listener == "main"
    assert record.received_at == portal.sim.clock.now()
    portal.sim.clear_requests()
    assert portal.sim.requests == []


def test_errors_are_recorded_with_their_status(portal: Portal) -> None:
    portal.call("timeman.close")
    portal.client.post(portal.sim.base_url + "/rest/1/nope/profile")
    assert [r.answered_status for r in portal.sim.requests] == [400, 401]


def test_simulator_refuses_unknown_users(sim: PortalSimulator) -> None:
    with pytest.raises(KeyError, match="42"):
        sim.webhook_url(42)


def test_not_running() -> None:
    sim = PortalSimulator()
    assert not sim.running
    with pytest.raises(RuntimeError, match="not running"):
        _ = sim.base_url
    with sim:
        assert sim.running
        with httpx.Client(verify=False) as http:  # noqa: S501 - only checks that it listens
            assert http.get(sim.base_url + "/").status_code == 404
    assert not sim.running


def test_the_access_log_masks_webhook_secrets(
    portal: Portal, caplog: pytest.LogCaptureFixture
) -> None:
    """The request line carries the secret; the simulator's debug log must not."""
    with caplog.at_level(logging.DEBUG, logger="tray_app.demo.http"):
        portal.result("timeman.status")
    lines = [
        record.getMessage() for record in caplog.records if record.name == "tray_app.demo.http"
    ]
    assert any("/rest/1/***/timeman.status" in line for line in lines)
    assert all(SECRET not in line for line in lines)


def test_the_portal_goes_offline_and_comes_back_at_the_same_address(
    sim: PortalSimulator, portal: Portal
) -> None:
    """An outage, as a client that already trusts the portal sees it: same port, same CA."""
    before = (sim.base_url, sim.ca_file)
    portal.result("timeman.status")
    url = portal.url("timeman.status")
    sim.go_offline()
    with pytest.raises(httpx.ConnectError):
        portal.client.post(url, json={})
    sim.come_back()
    assert (sim.base_url, sim.ca_file) == before
    assert portal.result("timeman.status") == {"STATUS": "CLOSED"}
