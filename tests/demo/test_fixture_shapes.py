"""The simulator's answers have the keys and JSON types of recorded and documented answers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any

import httpx
import pytest

from tests.demo.conftest import SECRET, Portal, trusting
from tests.fixtures import fixture_names, load_fixture
from tray_app.demo import PortalSimulator, SimClock, SimUser

# Differences the reference documents; everything else must match in key and type.
DOCUMENTED = {
    ("docs_pause_paused", "TIME_FINISH"),  # docs: null while paused, real portals: pause start
}


def json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"  # JSON does not tell 0 from 0.0, and neither does PHP's encoder
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def assert_same_shape(actual: Any, expected: Any, fixture: str, path: str = "") -> None:
    """``actual`` has every key of ``expected`` (recursively) with the same JSON type."""
    key = path.rsplit(".", 1)[-1]
    if (fixture, key) in DOCUMENTED:
        return
    assert json_type(actual) == json_type(expected), f"{fixture}{path}: {actual!r} vs {expected!r}"
    if isinstance(expected, dict):
        missing = set(expected) - set(actual)
        assert not missing, f"{fixture}{path}: missing {sorted(missing)}"
        for name, value in expected.items():
            assert_same_shape(actual[name], value, fixture, f"{path}.{name}")


def test_every_fixture_loads() -> None:
    names = fixture_names()
    assert len(names) >= 16
    for name in names:
        document = load_fixture(name)
        assert "result" in document or "error" in document
    assert load_fixture("real_settings.json") == load_fixture("real_settings")


def test_opened_like_the_recording(portal: Portal, clock: SimClock) -> None:
    opened = portal.call("timeman.open").json()
    assert_same_shape(opened, load_fixture("real_open_opened"), "real_open_opened")
    assert set(opened["result"]) - set(load_fixture("real_open_opened")["result"]) == {"ID"}
    clock.advance(3600)
    paused = portal.call("timeman.pause").json()
    assert_same_shape(paused, load_fixture("real_pause_paused"), "real_pause_paused")
    assert_same_shape(paused, load_fixture("docs_pause_paused"), "docs_pause_paused")
    status = portal.call("timeman.status").json()
    assert_same_shape(status, load_fixture("real_status_paused"), "real_status_paused")


def test_settings_equal_the_recording(sim: PortalSimulator, portal: Portal) -> None:
    sim.add_user(SimUser(user_id=2, secret="admin2secret", admin=True))
    answer = portal.call("timeman.settings", user_id=2).json()
    for name in ("real_settings", "docs_settings"):
        assert_same_shape(answer, load_fixture(name), name)
        assert answer["result"] == load_fixture(name)["result"]


def test_errors_equal_the_recordings(sim: PortalSimulator, portal: Portal) -> None:
    sim.add_user(SimUser(user_id=2, secret="admin2secret", admin=True))
    assert portal.call("timeman.status", {"USER_ID": 77}, user_id=2).json() == load_fixture(
        "docs_status_error_user_not_found"
    )
    assert portal.call("timeman.open", {"TIME": "2026-11-19T09:00:00+03:00"}).json() == (
        load_fixture("docs_open_error_wrong_datetime")
    )
    portal.call("timeman.open")
    sim.clock.advance(3600)
    assert portal.call("timeman.close", {"TIME": "2026-11-20T06:30:00Z"}).json() == load_fixture(
        "real_close_error_wrong_datetime_format"
    )
    assert portal.call("timeman.close", {"TIME": "2026-11-21T06:30:00+03:00"}).json() == (
        load_fixture("docs_close_error_wrong_datetime")
    )


def test_profile_like_the_docs(portal: Portal) -> None:
    assert_same_shape(portal.call("profile").json(), load_fixture("docs_profile"), "docs_profile")


def test_batch_errors_like_the_docs(sim: PortalSimulator, portal: Portal) -> None:
    sim.add_user(SimUser(user_id=2, secret="noscope2", scopes=()))
    answer = portal.call(
        "batch",
        {"halt": 0, "cmd": {"get_user": "timeman.status", "get_department": "timeman.settings"}},
        user_id=2,
    ).json()
    expected = load_fixture("docs_batch_error_halt0")
    assert_same_shape(answer, expected, "docs_batch_error_halt0")
    assert answer["result"] == expected["result"]


def test_batch_success_envelope_like_the_docs(portal: Portal) -> None:
    answer = portal.call(
        "batch", {"cmd": {"get_user": "profile", "get_department": "scope"}}
    ).json()
    expected = load_fixture("docs_batch_success")
    assert set(answer["result"]) == set(expected["result"])
    assert set(answer["time"]) == set(expected["time"])
    sub_time = answer["result"]["result_time"]["get_user"]
    assert set(sub_time) == set(expected["result"]["result_time"]["get_user"])


# -- reproducing the documented examples value by value ---------------------------------------

EET = timezone(timedelta(hours=2))


@pytest.fixture
def documented() -> Iterator[tuple[PortalSimulator, httpx.Client]]:
    """A portal like the one of the docs: user 503 in UTC+2 on a fixed 08:00-17:00 schedule."""
    clock = SimClock(start=datetime(2025, 3, 27, 8, 30, tzinfo=EET))
    with PortalSimulator(clock=clock, include_record_id=False) as sim:
        sim.add_user(
            SimUser(
                user_id=503, secret=SECRET, timezone=7200, schedule="FIXED",
                shift_start=time(8), shift_end=time(17),
            )
        )  # fmt: skip
        with httpx.Client(verify=trusting(sim)) as http:
            yield sim, http


def test_reproduces_the_documented_closed_day(
    documented: tuple[PortalSimulator, httpx.Client],
) -> None:
    sim, http = documented
    url = sim.webhook_url(503)
    geo = {"LAT": 53.548841, "LON": 9.987274}
    opened = http.post(
        url + "timeman.open",
        json={"TIME": "2025-03-27T08:00:01+02:00", "REPORT": "I forgot to start the workday"} | geo,
    ).json()
    assert opened["result"] == load_fixture("docs_open_opened")["result"]
    sim.clock.advance(timedelta(hours=3))
    http.post(url + "timeman.pause")
    sim.clock.advance(timedelta(hours=1, minutes=22, seconds=56))
    http.post(url + "timeman.open")
    sim.clock.set(datetime(2025, 3, 27, 19, 0, 1, tzinfo=EET))
    closed = http.post(url + "timeman.close", json=geo).json()
    expected = load_fixture("docs_close_closed")
    assert_same_shape(closed, expected, "docs_close_closed")
    assert closed["result"] == expected["result"] | {"IP_CLOSE": "127.0.0.1"}


def test_reproduces_the_documented_expired_day(
    documented: tuple[PortalSimulator, httpx.Client],
) -> None:
    sim, http = documented
    sim.seed_day(
        503, "OPENED", start=datetime(2025, 3, 27, 8, 0, 1, tzinfo=EET),
        leaks=timedelta(minutes=17, seconds=53), active=False, lat_open=53.548841,
        lon_open=9.987274,
    )  # fmt: skip
    sim.clock.set(datetime(2025, 3, 28, 6, 0, tzinfo=EET))
    status = http.post(sim.webhook_url(503) + "timeman.status").json()
    expected = load_fixture("docs_status_expired")
    assert_same_shape(status, expected, "docs_status_expired")
    assert status["result"] == expected["result"]


def test_time_block_keys_like_the_recordings(portal: Portal) -> None:
    time_block = portal.call("timeman.status").json()["time"]
    assert set(time_block) == set(load_fixture("real_open_opened")["time"])
    assert datetime.fromisoformat(time_block["date_start"]).utcoffset() == timedelta(hours=3)
    assert time_block["start"] == datetime(2026, 11, 20, 6, 0, tzinfo=UTC).timestamp()
