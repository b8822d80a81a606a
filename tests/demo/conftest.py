"""Fixtures for the simulator's own tests: a frozen clock, a running portal, an HTTPS client."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from tray_app.demo import PortalSimulator, SimClock, SimUser

SECRET = "s3cr3tcode12345"
# Friday 2026-11-20, 09:00 in Moscow (the default profile zone of SimUser).
START = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
MSK = timezone(timedelta(hours=3))


class Portal:
    """Calls the simulator over real HTTPS like a client would, with short helpers."""

    def __init__(self, sim: PortalSimulator, client: httpx.Client) -> None:
        self.sim = sim
        self.client = client

    def url(self, method: str, user_id: int = 1) -> str:
        return self.sim.webhook_url(user_id) + method

    def call(self, method: str, payload: Any = None, *, user_id: int = 1) -> httpx.Response:
        """POST ``payload`` as JSON (an empty object when None)."""
        return self.client.post(self.url(method, user_id), json={} if payload is None else payload)

    def result(self, method: str, payload: Any = None, *, user_id: int = 1) -> dict[str, Any]:
        """The ``result`` of a call that must succeed."""
        response = self.call(method, payload, user_id=user_id)
        assert response.status_code == 200, response.text
        result = response.json()["result"]
        assert isinstance(result, dict)
        return result

    def error(self, method: str, payload: Any = None, *, user_id: int = 1) -> tuple[int, str, str]:
        """``(status, error, error_description)`` of a call that must fail."""
        response = self.call(method, payload, user_id=user_id)
        body = response.json()
        assert "result" not in body, response.text
        return response.status_code, body["error"], body["error_description"]


def trusting(sim: PortalSimulator) -> ssl.SSLContext:
    """An SSL context that trusts the simulator's CA (and nothing else)."""
    assert sim.ca_file is not None
    return ssl.create_default_context(cafile=str(sim.ca_file))


@pytest.fixture
def clock() -> SimClock:
    return SimClock(start=START)


@pytest.fixture
def sim(clock: SimClock) -> Iterator[PortalSimulator]:
    with PortalSimulator(clock=clock) as simulator:
        simulator.add_user(SimUser(user_id=1, secret=SECRET))
        yield simulator


@pytest.fixture
def client(sim: PortalSimulator) -> Iterator[httpx.Client]:
    with httpx.Client(verify=trusting(sim), timeout=5.0) as http:
        yield http


@pytest.fixture
def portal(sim: PortalSimulator, client: httpx.Client) -> Portal:
    return Portal(sim, client)
