"""``fetch_records`` over real HTTPS against the portal simulator's ``timeman.record.list``.

The simulator's clock is frozen at Friday 2026-11-20 12:00 in Moscow; eight weeks of past days
are seeded, more than one page of fifty.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import pytz

from tray_app.api import (
    AuthError,
    RecordList,
    RecordsUnavailable,
    TimemanClient,
    TransportOptions,
    Unavailability,
    Webhook,
    fetch_records,
)
from tray_app.api.record_models import RecordStatus
from tray_app.api.records import METHOD
from tray_app.demo import PortalSimulator, SimClock, SimUser
from tray_app.demo.records import PastDay, sample_history

START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
MSK = timezone(timedelta(hours=3))
SECRET = "rec0rdsW3bh00kS3cr3t"
SECRET_PEER = "p33rW3bh00kS3cr3tX"
SECRET_NO_SCOPE = "n0Sc0p3R3c0rdsXy"
SINCE = datetime(2026, 9, 1, tzinfo=MSK)
UNTIL = datetime(2026, 11, 20, 23, 59, 59, tzinfo=MSK)


@pytest.fixture
def sim_clock() -> SimClock:
    return SimClock(start=START)


@pytest.fixture
def sim(sim_clock: SimClock) -> Iterator[PortalSimulator]:
    users = [
        SimUser(user_id=1, secret=SECRET),
        SimUser(user_id=2, secret=SECRET_PEER),
        SimUser(user_id=3, secret=SECRET_NO_SCOPE, scopes=("user",)),
    ]
    with PortalSimulator(clock=sim_clock, users=users) as simulator:
        yield simulator


@pytest.fixture
def history(sim: PortalSimulator) -> list[PastDay]:
    days = sample_history(date(2026, 11, 20), pytz.timezone("Europe/Moscow"), weeks=12)
    sim.seed_history(1, days)
    return days


def client_for(sim: PortalSimulator, sim_clock: SimClock, user_id: int = 1) -> TimemanClient:
    options = TransportOptions(ca_file=str(sim.ca_file), timeout=10.0, connect_timeout=5.0)
    return TimemanClient(
        Webhook.parse(sim.webhook_url(user_id)),
        options=options,
        sleep=sim_clock.advance,
        clock=sim_clock.timestamp,
    )


@pytest.fixture
def client(sim: PortalSimulator, sim_clock: SimClock) -> Iterator[TimemanClient]:
    with client_for(sim, sim_clock) as made:
        yield made


def test_every_past_day_in_the_range_over_several_pages(
    sim: PortalSimulator, client: TimemanClient, history: list[PastDay]
) -> None:
    sim.seed_day(1, "PAUSED", start=datetime(2026, 11, 20, 9, 30, tzinfo=MSK))
    outcome = fetch_records(client, SINCE, UNTIL)
    assert isinstance(outcome, RecordList)
    assert outcome.complete
    expected = [d for d in history if d.start >= SINCE]
    assert len(expected) > 50  # more than one page
    got = outcome.records
    assert [r.started_at for r in got[:-1]] == [d.start for d in expected]
    assert [r.finished_at for r in got[:-1]] == [d.finish for d in expected]
    assert [r.breaks for r in got[:-1]] == [d.breaks for d in expected]
    assert [r.worked for r in got[:-1]] == [d.finish - d.start - d.breaks for d in expected]
    assert [r.approved for r in got[:-1]] == [d.approved for d in expected]
    assert {r.status for r in got[:-1]} == {RecordStatus.CLOSED}
    assert {r.user_id for r in got} == {1}
    today = got[-1]
    assert (today.status, today.started_at) == (
        RecordStatus.PAUSED,
        datetime(2026, 11, 20, 9, 30, tzinfo=MSK),
    )
    assert today.finished_at == datetime(2026, 11, 20, 12, 0, tzinfo=MSK)  # the pause start
    pages = [r for r in sim.requests if r.rest_method == METHOD]
    assert [r.json["pagination"]["page"] for r in pages] == [1, 2]  # type: ignore[index]
    assert all(r.path.startswith("/rest/api/1/") and r.scheme == "https" for r in pages)


def test_the_range_bounds_are_inclusive(client: TimemanClient, history: list[PastDay]) -> None:
    first, second = history[3], history[4]
    outcome = fetch_records(client, first.start, second.start)
    assert isinstance(outcome, RecordList)
    assert [r.started_at for r in outcome.records] == [first.start, second.start]
    late = fetch_records(client, first.start + timedelta(seconds=1), second.start)
    assert isinstance(late, RecordList)
    assert [r.started_at for r in late.records] == [second.start]


def test_a_portal_without_the_method(sim: PortalSimulator, client: TimemanClient) -> None:
    sim.record_list = False
    outcome = fetch_records(client, SINCE, UNTIL)
    assert isinstance(outcome, RecordsUnavailable)
    assert (outcome.reason, outcome.code, outcome.http_status) == (
        Unavailability.MISSING,
        "ERROR_METHOD_NOT_FOUND",
        404,
    )
    assert client.status().workday.state.value == "CLOSED"  # the rest still works


def test_a_portal_without_rest_3(sim: PortalSimulator, client: TimemanClient) -> None:
    sim.rest_v3 = False
    outcome = fetch_records(client, SINCE, UNTIL)
    assert isinstance(outcome, RecordsUnavailable)
    assert outcome.reason is Unavailability.MISSING


def test_someone_elses_records_are_forbidden(
    sim: PortalSimulator, sim_clock: SimClock, history: list[PastDay]
) -> None:
    with client_for(sim, sim_clock, user_id=2) as peer:
        outcome = fetch_records(peer, SINCE, UNTIL, user_id=1)
        assert isinstance(outcome, RecordsUnavailable)
        assert outcome.reason is Unavailability.FORBIDDEN
        own = fetch_records(peer, SINCE, UNTIL)
        assert own == RecordList(())


def test_a_webhook_without_the_timeman_scope(sim: PortalSimulator, sim_clock: SimClock) -> None:
    with client_for(sim, sim_clock, user_id=3) as client, pytest.raises(AuthError) as caught:
        fetch_records(client, SINCE, UNTIL)
    assert caught.value.code == "BITRIX_REST_V3_EXCEPTION_INSUFFICIENTSCOPEEXCEPTION"
    assert caught.value.http_status == 403
