"""The first status read in a child: what it hands over, against the simulator over HTTPS.

The document crosses a pipe as JSON, so each test sends it through ``json`` the same way.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tray_app.api import TimemanClient, TransportOptions, Webhook
from tray_app.api.errors import RateLimitedError
from tray_app.core.workday import DayState
from tray_app.demo import Fault, PortalSimulator, SimClock, SimUser
from tray_app.services.first_day import read_in_child, reading_from

SECRET = "f1rstD4yS3cr3tKey"
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def sim() -> Iterator[PortalSimulator]:
    users = [SimUser(user_id=1, secret=SECRET, schedule="FIXED")]
    with PortalSimulator(clock=SimClock(start=START), users=users) as simulator:
        yield simulator


def _options(sim: PortalSimulator) -> TransportOptions:
    return TransportOptions(ca_file=str(sim.ca_file))


def _piped(document: dict[str, object]) -> object:
    return json.loads(json.dumps(document, ensure_ascii=False))


def test_the_childs_read_is_the_clients_own(sim: PortalSimulator) -> None:
    with TimemanClient(Webhook.parse(sim.webhook_url()), options=_options(sim)) as client:
        client.open()
        here, here_settings = client.status_and_settings()
    before = len(sim.requests)

    document = read_in_child(Webhook.parse(sim.webhook_url()), _options(sim))
    first = reading_from(_piped(document))

    assert first is not None
    reading, settings = first
    assert reading.workday == here.workday
    assert reading.workday.state is DayState.OPENED
    assert settings == here_settings
    assert abs(reading.clock.skew - here.clock.skew) < timedelta(seconds=5)
    assert [r.rest_method for r in sim.requests[before:]] == ["batch"]  # one request, one rate unit


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        (Fault.status(500), "UnavailableError"),
        (Fault.status(401, error="INVALID_CREDENTIALS"), "AuthError"),
        (Fault.malformed_json(), "UnexpectedAnswerError"),
    ],
    ids=["unavailable", "auth", "garbled"],
)
def test_a_failed_read_is_not_retried_but_left_to_the_tray(
    sim: PortalSimulator, fault: Fault, kind: str
) -> None:
    sim.faults.push(fault)
    document = read_in_child(Webhook.parse(sim.webhook_url()), _options(sim))
    assert document == {"error": kind}
    assert len(sim.requests) == 1
    assert reading_from(_piped(document)) is None


def test_an_unreachable_portal_is_left_to_the_tray(sim: PortalSimulator, tmp_path: Path) -> None:
    url = sim.webhook_url()
    ca_file = shutil.copy(str(sim.ca_file), tmp_path / "ca.pem")
    sim.stop()
    options = TransportOptions(ca_file=str(ca_file))
    assert read_in_child(Webhook.parse(url), options) == {"error": "UnavailableError"}


def test_a_moved_portal_is_left_to_the_tray_which_keeps_the_address(
    sim: PortalSimulator,
) -> None:
    alias = sim.start_alias()
    document = read_in_child(Webhook.parse(f"{alias}/rest/1/{SECRET}/"), _options(sim))
    assert document == {"error": "moved"}


def test_the_secret_is_not_in_the_document(sim: PortalSimulator) -> None:
    document = read_in_child(Webhook.parse(sim.webhook_url()), _options(sim))
    assert "result" in document
    assert SECRET not in json.dumps(document)


@pytest.mark.parametrize(
    "document",
    [
        None,
        [],
        {},
        {"error": "UnavailableError"},
        {"result": {}, "server_time": None, "reset_at": None, "received_at": 1.0},
        {"result": {"result": {}}, "server_time": "soon", "reset_at": None, "received_at": 1.0},
        {"result": {"result": {}}, "server_time": None, "reset_at": None, "received_at": None},
        {"result": {"result": {}}, "server_time": None, "reset_at": None, "received_at": True},
    ],
    ids=["none", "list", "empty", "error", "no-batch", "odd-time", "no-moment", "bool-moment"],
)
def test_an_unusable_document_means_the_tray_reads_itself(document: object) -> None:
    assert reading_from(document) is None


def test_a_refusal_for_the_rate_limit_is_handed_over_as_the_refusal(
    sim: PortalSimulator,
) -> None:
    """Reading again at once would only add load: the tray gets the refusal and backs off."""
    sim.faults.push(Fault.status(503))
    document = read_in_child(Webhook.parse(sim.webhook_url()), _options(sim))
    assert document["error"] == "RateLimitedError"
    assert len(sim.requests) == 1
    with pytest.raises(RateLimitedError) as caught:
        reading_from(_piped(document))
    assert caught.value.code == "QUERY_LIMIT_EXCEEDED"
    assert caught.value.http_status == 503
    assert caught.value.sent is False
    assert caught.value.said is not None  # the tray says it by its id, as if read itself
    assert caught.value.said.id == "api.rate_limited"
    assert sim.webhook_url() not in str(document)


@pytest.mark.parametrize(
    "refused",
    [None, "busy", {"message": 1, "code": "X"}, {"message": "m", "code": "X", "http_status": True}],
)
def test_a_garbled_refusal_means_the_tray_reads_itself(refused: object) -> None:
    assert reading_from({"error": "RateLimitedError", "refused": refused}) is None
