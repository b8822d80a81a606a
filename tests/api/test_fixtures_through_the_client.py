"""Every §8 recorded or documented answer, served as-is, through the real client and parser.

The simulator's answers are checked against the same files (tests/demo/test_fixture_shapes.py),
so the parser and the simulator agree with the recordings, not merely with each other.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.fixtures import load_fixture
from tray_app.api import RefusedError, TimemanClient, Webhook
from tray_app.core.elapsed import elapsed
from tray_app.core.workday import DayState

URL = "https://portal.example.com/rest/1/abcdef0123456789/"


def client_answering(document: dict[str, object], status: int = 200) -> TimemanClient:
    body = json.dumps(document).encode()

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body, headers={"content-type": "application/json"})

    return TimemanClient(Webhook.parse(URL), transport=httpx.MockTransport(answer))


@pytest.mark.parametrize(
    ("name", "state", "worked"),
    [
        ("real_open_opened", DayState.OPENED, None),
        ("real_pause_paused", DayState.PAUSED, timedelta(hours=1, minutes=11, seconds=10)),
        ("real_status_paused", DayState.PAUSED, timedelta(hours=1, minutes=11, seconds=10)),
        ("docs_open_opened", DayState.OPENED, None),
        ("docs_pause_paused", DayState.PAUSED, timedelta(0)),
        ("docs_close_closed", DayState.CLOSED, timedelta(hours=9, minutes=37, seconds=4)),
        ("docs_status_expired", DayState.EXPIRED, None),
    ],
)
def test_workday_fixtures_parse(name: str, state: DayState, worked: timedelta | None) -> None:
    with client_answering(load_fixture(name)) as client:
        reading = client.status()
    assert reading.workday.state is state
    if worked is not None:
        later = datetime(2030, 1, 1, tzinfo=UTC)
        assert elapsed(reading.workday, later).worked == worked


def test_the_expired_fixture_proposes_its_default_end() -> None:
    with client_answering(load_fixture("docs_status_expired")) as client:
        day = client.status().workday
    assert day.suggested_finish == datetime.fromisoformat("2025-03-27T17:00:00+02:00")


@pytest.mark.parametrize("name", ["real_settings", "docs_settings"])
def test_settings_fixtures_parse(name: str) -> None:
    with client_answering(load_fixture(name)) as client:
        settings = client.settings()
    assert settings.max_start == timedelta(hours=9, minutes=15)
    assert settings.allowed_delta == timedelta(minutes=15)
    assert settings.reason_required


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("real_close_error_wrong_datetime_format", "WRONG_DATETIME_FORMAT"),
        ("docs_close_error_wrong_datetime", "WRONG_DATETIME"),
        ("docs_open_error_wrong_datetime", "WRONG_DATETIME"),
        ("docs_status_error_user_not_found", ""),
    ],
)
def test_error_fixtures_become_refusals(name: str, code: str) -> None:
    with (
        client_answering(load_fixture(name), status=400) as client,
        pytest.raises(RefusedError) as caught,
    ):
        client.status()
    assert caught.value.code == code


def test_the_profile_fixture_parses() -> None:
    with client_answering(load_fixture("docs_profile")) as client:
        profile = client.profile()
    assert profile.user_id > 0
    assert profile.display_name
