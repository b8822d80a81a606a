"""Many clients at once: the store stays consistent and every request is answered."""

from __future__ import annotations

import threading

import httpx

from tests.demo.conftest import trusting
from tray_app.demo import PortalSimulator, SimUser


def test_parallel_clients(sim: PortalSimulator) -> None:
    sim.rate_limiter.enabled = False
    for user_id in range(2, 9):
        sim.add_user(SimUser(user_id=user_id, secret=f"secret-{user_id}"))
    failures: list[str] = []

    def worker(user_id: int) -> None:
        with httpx.Client(verify=trusting(sim), timeout=10) as http:
            base = sim.webhook_url(user_id)
            for method in ["timeman.open", "timeman.pause", "timeman.open", "timeman.status"] * 3:
                response = http.post(base + method, json={})
                if response.status_code != 200:
                    failures.append(f"{user_id} {method} {response.status_code}")

    threads = [threading.Thread(target=worker, args=(u,)) for u in range(1, 9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert failures == []
    for user_id in range(1, 9):
        day = sim.day(user_id)
        assert day is not None
        assert day.status == "OPENED"
    assert len(sim.requests) == 8 * 12
    assert len({r.client_ip for r in sim.requests}) == 1
