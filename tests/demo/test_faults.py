"""Injected faults: statuses, HTML, broken JSON, delays, dropped connections, redirects."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest

from tests.demo.conftest import SECRET, Portal, trusting
from tray_app.demo import Fault, PortalSimulator, SimClock, SimUser


def test_status_fault_with_the_standard_envelope(portal: Portal) -> None:
    portal.sim.faults.push(Fault.status(503))
    assert portal.error("timeman.status") == (503, "QUERY_LIMIT_EXCEEDED", "Too many requests")
    assert portal.call("timeman.status").status_code == 200  # used up


@pytest.mark.parametrize(
    ("status", "code"),
    [(500, "INTERNAL_SERVER_ERROR"), (429, "OPERATION_TIME_LIMIT"), (403, "ACCESS_DENIED")],
)
def test_status_fault_defaults(portal: Portal, status: int, code: str) -> None:
    portal.sim.faults.push(Fault.status(status))
    assert portal.error("timeman.status")[:2] == (status, code)


def test_status_fault_with_own_code_or_body(portal: Portal) -> None:
    portal.sim.faults.push(Fault.status(503, error="OVERLOAD_LIMIT", description="blocked"))
    assert portal.error("timeman.status") == (503, "OVERLOAD_LIMIT", "blocked")
    portal.sim.faults.push(Fault.status(502, body="Bad gateway", content_type="text/plain"))
    response = portal.call("timeman.status")
    assert (response.status_code, response.text) == (502, "Bad gateway")


def test_html_instead_of_json(portal: Portal) -> None:
    portal.sim.faults.push(Fault.html())
    response = portal.call("timeman.status")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.startswith("<!DOCTYPE html>")


def test_malformed_json(portal: Portal) -> None:
    portal.sim.faults.push(Fault.malformed_json())
    response = portal.call("timeman.status")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_delay(portal: Portal) -> None:
    portal.sim.faults.push(Fault.delay(0.3))
    started = time.monotonic()
    assert portal.call("timeman.status").status_code == 200
    assert time.monotonic() - started >= 0.3
    portal.sim.faults.push(Fault.delay(1.0))
    with pytest.raises(httpx.ReadTimeout):
        portal.client.post(portal.url("timeman.status"), timeout=0.2)


def test_delay_then_another_fault(portal: Portal) -> None:
    portal.sim.faults.push(Fault.delay(0.05))
    portal.sim.faults.push(Fault.status(500))
    assert portal.call("timeman.status").status_code == 500


def test_drop_closes_without_an_answer(portal: Portal) -> None:
    portal.sim.faults.push(Fault.drop())
    with pytest.raises(httpx.RemoteProtocolError):
        portal.call("timeman.open")
    assert portal.sim.requests[-1].answered_status is None
    assert portal.result("timeman.status") == {"STATUS": "CLOSED"}  # nothing was done


def test_redirect(portal: Portal) -> None:
    portal.sim.faults.push(Fault.redirect("https://elsewhere.example/rest/x"))
    response = portal.call("timeman.status")
    assert response.status_code == 302
    assert response.headers["location"] == "https://elsewhere.example/rest/x"


def test_count_and_filters(portal: Portal) -> None:
    portal.sim.faults.push(Fault.status(500, count=2, method="TIMEMAN.OPEN.json"))
    portal.sim.faults.push(Fault.status(503, http_method="GET"))
    assert portal.call("timeman.status").status_code == 200
    assert portal.call("timeman.open").status_code == 500
    assert len(portal.sim.faults.pending) == 2
    assert portal.call("timeman.open").status_code == 500
    assert portal.call("timeman.open").status_code == 200
    assert portal.client.get(portal.url("profile")).status_code == 503
    assert portal.sim.faults.pending == []


def test_faults_can_be_cleared(portal: Portal) -> None:
    portal.sim.faults.push(Fault.drop(count=5))
    portal.sim.faults.clear()
    assert portal.call("timeman.status").status_code == 200


def test_a_fault_needs_a_positive_count() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Fault.drop(count=0)


def test_stop_wakes_a_held_request(clock: SimClock) -> None:
    sim = PortalSimulator(clock=clock).start()
    sim.add_user(SimUser(user_id=1, secret=SECRET))
    sim.faults.push(Fault.delay(30))
    outcome: list[object] = []

    def call() -> None:
        with httpx.Client(verify=trusting(sim), timeout=10) as http:
            try:
                outcome.append(http.post(sim.webhook_url(1) + "timeman.status").status_code)
            except httpx.HTTPError as exc:
                outcome.append(exc)

    worker = threading.Thread(target=call)
    worker.start()
    deadline = time.monotonic() + 5
    while sim.faults.pending and time.monotonic() < deadline:
        time.sleep(0.01)  # until the request is being held
    time.sleep(0.05)
    started = time.monotonic()
    sim.stop()
    worker.join(5)
    assert time.monotonic() - started < 3
    assert not worker.is_alive()
    assert len(outcome) == 1
