"""A portal that moved (a 302 the client follows) is remembered by the tray as by the CLI: the
new address in the settings, the secret in the keyring under it, the old entry gone. Through
the tray's own client factory, against the simulator's alias address over HTTPS."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from tests.config import fake_backends
from tray_app.config.secrets import account_key
from tray_app.config.settings import Settings
from tray_app.config.settings_file import load_settings, save_settings
from tray_app.demo import PortalSimulator, SimClock, SimUser
from tray_app.startup.tray_wiring import account_side

SECRET = "m0ved4way7secret"


@pytest.fixture
def sim() -> Iterator[PortalSimulator]:
    clock = SimClock(start=datetime(2026, 11, 18, 6, 0, tzinfo=UTC))
    with PortalSimulator(clock=clock, users=[SimUser(user_id=1, secret=SECRET)]) as simulator:
        yield simulator


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    fake_backends.reset()
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.config.fake_backends.MemoryKeyring")
    yield
    fake_backends.reset()


def test_the_tray_keeps_the_new_address_of_a_moved_portal(sim: PortalSimulator) -> None:
    alias = sim.start_alias()
    save_settings(Settings(portal_url=alias, user_id=1, ca_file=str(sim.ca_file)))
    old_key, new_key = account_key(alias, 1), account_key(sim.base_url, 1)
    fake_backends.STORE[("timeman-tray", old_key)] = SECRET

    client = account_side().client_factory()
    try:
        client.status()
        client.status()
    finally:
        client.shutdown()

    assert [r.listener for r in sim.requests] == ["alias", "main", "main"]
    assert load_settings().portal_url == sim.base_url
    assert dict(fake_backends.STORE) == {("timeman-tray", new_key): SECRET}
