"""Fixtures of the api tests: a scripted portal behind ``httpx.MockTransport``, a fake clock."""

from __future__ import annotations

import random
import ssl
from collections.abc import Callable, Iterator
from functools import cache

import httpx
import pytest

from tests.api.support import WEBHOOK_URL, FakeClock, MakeClient, Portal
from tray_app.api import RetryPolicy, TimemanClient, TransportOptions, Webhook
from tray_app.api import transport as transport_module


@pytest.fixture(autouse=True)
def _clean_network_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy or CA settings of the machine leak into the tests (each test sets its own)."""
    for name in (
        "HTTPS_PROXY",
        "HTTP_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "https_proxy",
        "http_proxy",
        "all_proxy",
        "no_proxy",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def portal() -> Portal:
    return Portal()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def webhook() -> Webhook:
    return Webhook.parse(WEBHOOK_URL)


_real_ssl_context = transport_module.ssl_context


@cache
def _default_ssl_context() -> ssl.SSLContext:
    return _real_ssl_context(None)


def _ssl_context(ca_file: str | None) -> ssl.SSLContext:
    return _real_ssl_context(ca_file) if ca_file else _default_ssl_context()


@pytest.fixture
def make_client(
    portal: Portal, clock: FakeClock, webhook: Webhook, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MakeClient]:
    """Build clients on the scripted portal with the fake clock; all are shut at the end.

    The MockTransport never uses TLS, so the CA bundle (~40 ms to load) is loaded once per run;
    test_transport.py builds real contexts.
    """
    monkeypatch.setattr(transport_module, "ssl_context", _ssl_context)
    made: list[TimemanClient] = []

    def make(
        *,
        policy: RetryPolicy | None = None,
        read_policy: RetryPolicy | None = None,
        options: TransportOptions | None = None,
        hook: Webhook | None = None,
        rng: random.Random | None = None,
        on_move: Callable[[str], None] | None = None,
        may_move_to: Callable[[str], bool] | None = None,
    ) -> TimemanClient:
        client = TimemanClient(
            hook or webhook,
            options=options,
            transport=httpx.MockTransport(portal),
            policy=policy,
            read_policy=read_policy,
            sleep=clock.sleep,
            clock=clock,
            rng=rng or random.Random(7),
            on_move=on_move,
            may_move_to=may_move_to,
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.shutdown()


@pytest.fixture
def client(make_client: MakeClient) -> TimemanClient:
    return make_client()
