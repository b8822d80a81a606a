"""The request-rate leaky bucket (503) and the operating-time limit (429), over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.demo.conftest import SECRET, Portal, trusting
from tray_app.demo import PortalSimulator, SimClock, SimUser

LIMITED = (503, "QUERY_LIMIT_EXCEEDED", "Too many requests")


def test_fifty_pass_the_fifty_first_is_refused(portal: Portal, clock: SimClock) -> None:
    for _ in range(50):
        assert portal.call("timeman.status").status_code == 200
    assert portal.error("timeman.status") == LIMITED
    assert portal.error("profile") == LIMITED  # every method, even unknown ones
    clock.advance(1.0)  # drains two
    assert portal.call("timeman.status").status_code == 200
    assert portal.call("timeman.status").status_code == 200
    assert portal.error("timeman.status") == LIMITED


def test_a_batch_counts_as_one_request(portal: Portal) -> None:
    for _ in range(48):
        portal.call("profile")
    commands = {f"c{i}": "timeman.status" for i in range(10)}
    assert portal.call("batch", {"cmd": commands}).status_code == 200
    assert portal.call("timeman.status").status_code == 200
    assert portal.error("timeman.status") == LIMITED


@pytest.fixture
def unlimited(clock: SimClock) -> Iterator[tuple[PortalSimulator, httpx.Client]]:
    with PortalSimulator(clock=clock, rate_limit=False) as sim:
        sim.add_user(SimUser(user_id=1, secret=SECRET))
        with httpx.Client(verify=trusting(sim)) as http:
            yield sim, http


def test_rate_limit_can_be_switched_off(unlimited: tuple[PortalSimulator, httpx.Client]) -> None:
    sim, http = unlimited
    for _ in range(60):
        assert http.post(sim.webhook_url(1) + "profile").status_code == 200


def test_threshold_is_configurable(clock: SimClock) -> None:
    with PortalSimulator(clock=clock, rate_threshold=3, rate_drain=5.0) as sim:
        sim.add_user(SimUser(user_id=1, secret=SECRET))
        with httpx.Client(verify=trusting(sim)) as http:
            codes = [http.post(sim.webhook_url(1) + "profile").status_code for _ in range(4)]
            assert codes == [200, 200, 200, 503]
            clock.advance(0.2)
            assert http.post(sim.webhook_url(1) + "profile").status_code == 200


def test_forced_operation_time_limit(portal: Portal) -> None:
    portal.sim.block_method("timeman.status")
    assert portal.error("timeman.status") == (
        429,
        "OPERATION_TIME_LIMIT",
        "Method is blocked due to operation time limit.",
    )
    assert portal.call("timeman.settings").status_code == 200
    batch = portal.call("batch", {"cmd": {"s": "timeman.status"}}).json()["result"]
    assert batch["result_error"]["s"]["error"] == "OPERATION_TIME_LIMIT"
    portal.sim.block_method("timeman.status", blocked=False)
    assert portal.call("timeman.status").status_code == 200


def test_operating_time_budget(clock: SimClock) -> None:
    with PortalSimulator(clock=clock, operating_limit=1.0) as sim:
        sim.add_user(SimUser(user_id=1, secret=SECRET))
        sim.engine.operating_cost = 0.4
        with httpx.Client(verify=trusting(sim)) as http:
            url = sim.webhook_url(1) + "timeman.status"
            times = [http.post(url).json()["time"] for _ in range(3)]
            assert [t["operating"] for t in times] == pytest.approx([0.4, 0.8, 1.2])
            assert times[0]["operating_reset_at"] == int(clock.timestamp()) // 60 * 60 + 600
            assert http.post(url).status_code == 429
            assert http.post(sim.webhook_url(1) + "timeman.open").status_code == 200
            clock.advance(601)
            assert http.post(url).status_code == 200
