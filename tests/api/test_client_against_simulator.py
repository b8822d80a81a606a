"""The client over real HTTPS on loopback against the portal simulator (``tray_app.demo``).

The simulator's clock is frozen (Friday 2026-11-20, 12:00 in Moscow), so dates are fixed; the
client reads the same clock, and its ``sleep`` moves that clock instead of waiting, so the
rate-limit bucket drains exactly as much as the client waited.
"""

from __future__ import annotations

import logging
import threading
import time as _time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tray_app import __version__
from tray_app.api import (
    AuthError,
    MovedError,
    RateLimitedError,
    RefusedError,
    RetryPolicy,
    TimemanClient,
    TransportOptions,
    UnavailableError,
    UnexpectedAnswerError,
    Webhook,
)
from tray_app.core.actions import Action
from tray_app.core.remedy import Remedy
from tray_app.core.workday import DayState
from tray_app.demo import Fault, PortalSimulator, RecordedRequest, SimClock, SimUser
from tray_app.demo.day_record import State

START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # a Friday; 12:00 in Moscow
MSK = timezone(timedelta(hours=3))
SECRET = "s1mW3bh00kS3cr3tA"
SECRET_FLEX = "f1exW3bh00kS3cr3t"
SECRET_NO_SCOPE = "n0Sc0p3W3bh00kXy"
REASON = "Опоздал: пробки на Садовом кольце"


@dataclass
class SimSleep:
    """The client's ``sleep``: moves the simulator's frozen clock; ``hook`` runs first."""

    clock: SimClock
    sleeps: list[float] = field(default_factory=list)
    hook: Callable[[], None] | None = None

    def __call__(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        if self.hook is not None:
            self.hook()
        self.clock.advance(seconds)


Connect = Callable[..., TimemanClient]


@pytest.fixture
def sim_clock() -> SimClock:
    return SimClock(start=START)


@pytest.fixture
def sim(sim_clock: SimClock) -> Iterator[PortalSimulator]:
    users = [
        SimUser(user_id=1, secret=SECRET, schedule="FIXED"),
        SimUser(user_id=2, secret=SECRET_FLEX, schedule="FLEXTIME"),
        SimUser(user_id=3, secret=SECRET_NO_SCOPE, scopes=("user",)),
    ]
    with PortalSimulator(clock=sim_clock, users=users) as simulator:
        yield simulator
    leftovers = [t for t in threading.enumerate() if t.name.startswith("portal-simulator")]
    assert leftovers == [], "the simulator left threads running"


@pytest.fixture
def sim_sleep(sim_clock: SimClock) -> SimSleep:
    return SimSleep(sim_clock)


@pytest.fixture
def connect(sim: PortalSimulator, sim_clock: SimClock, sim_sleep: SimSleep) -> Iterator[Connect]:
    """Clients for the simulator's users, trusting its CA; all shut at the end."""
    made: list[TimemanClient] = []

    def make(
        user_id: int = 1,
        *,
        url: str | None = None,
        policy: RetryPolicy | None = None,
        timeout: float = 10.0,
        ca_file: bool = True,
        clock: Callable[[], float] | None = None,
    ) -> TimemanClient:
        options = TransportOptions(
            ca_file=str(sim.ca_file) if ca_file else None, timeout=timeout, connect_timeout=5.0
        )
        client = TimemanClient(
            Webhook.parse(url or sim.webhook_url(user_id)),
            options=options,
            policy=policy,
            sleep=sim_sleep,
            clock=clock or sim_clock.timestamp,
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.shutdown()


def _calls(sim: PortalSimulator, *methods: str) -> list[RecordedRequest]:
    return [r for r in sim.requests if r.rest_method in methods]


def _writes(sim: PortalSimulator) -> list[RecordedRequest]:
    return _calls(sim, "timeman.open", "timeman.pause", "timeman.close")


# -- a whole day --------------------------------------------------------------------------


def test_a_whole_day(sim: PortalSimulator, sim_clock: SimClock, connect: Connect) -> None:
    client = connect()
    assert client.status().workday.state is DayState.CLOSED

    started = datetime(2026, 11, 20, 9, 30, tzinfo=MSK)
    opened = client.open(started, REASON)
    assert (opened.applied, opened.workday.state) == (True, DayState.OPENED)
    assert opened.workday.started_at == started
    assert opened.workday.tz_offset == 3 * 3600

    sim_clock.advance(timedelta(hours=2))  # 14:00
    paused = client.pause()
    assert (paused.applied, paused.workday.state) == (True, DayState.PAUSED)
    assert paused.workday.finished_at == datetime(2026, 11, 20, 14, 0, tzinfo=MSK)

    sim_clock.advance(timedelta(minutes=15))  # 14:15
    resumed = client.resume()
    assert (resumed.applied, resumed.workday.state) == (True, DayState.OPENED)
    assert resumed.workday.leaks == timedelta(minutes=15)

    sim_clock.advance(timedelta(hours=3))  # 17:15
    closed = client.close()
    assert (closed.applied, closed.workday.state) == (True, DayState.CLOSED)
    assert closed.workday.duration == timedelta(hours=7, minutes=30)
    assert closed.workday.finished_at == datetime(2026, 11, 20, 17, 15, tzinfo=MSK)
    day = sim.day(1)
    assert day is not None
    assert day.status == "CLOSED"

    writes = _writes(sim)
    assert [r.rest_method for r in writes] == [
        "timeman.open",
        "timeman.pause",
        "timeman.open",
        "timeman.close",
    ]
    open_request = writes[0]
    expected = '{"TIME":"2026-11-20T09:30:00+03:00","REPORT":"' + REASON + '"}'
    assert open_request.body == expected.encode("utf-8")  # REPORT byte for byte
    assert open_request.json == {"TIME": "2026-11-20T09:30:00+03:00", "REPORT": REASON}
    assert open_request.params == {"TIME": "2026-11-20T09:30:00+03:00", "REPORT": REASON}
    assert [r.json for r in writes[1:]] == [{}, {}, {}]
    for request in sim.requests:
        assert request.http_method == "POST"
        assert request.scheme == "https"
        assert request.query == {}
        assert request.path == f"/rest/1/{SECRET}/{request.rest_method}"
        assert request.headers["Content-Type"] == "application/json"
        assert request.headers["Accept"] == "application/json"
        assert request.headers["User-Agent"] == f"timeman-tray/{__version__}"
        assert request.answered_status == 200


def test_a_backdated_close_with_coordinates(sim: PortalSimulator, connect: Connect) -> None:
    sim.seed_day(1, "OPENED", start=datetime(2026, 11, 20, 8, 0, tzinfo=MSK))
    outcome = connect().close(datetime(2026, 11, 20, 11, 45, tzinfo=MSK), "", 55.75, 37.62)
    assert outcome.workday.state is DayState.CLOSED
    assert outcome.workday.finished_at == datetime(2026, 11, 20, 11, 45, tzinfo=MSK)
    assert (outcome.workday.lat_close, outcome.workday.lon_close) == (55.75, 37.62)
    (close,) = _writes(sim)
    assert close.json == {
        "TIME": "2026-11-20T11:45:00+03:00",
        "REPORT": "Time set in timeman-tray",
        "LAT": 55.75,
        "LON": 37.62,
    }


def test_status_and_settings_in_one_batch(sim: PortalSimulator, connect: Connect) -> None:
    sim.seed_day(2, "PAUSED")
    reading, settings = connect(2).status_and_settings()
    assert reading.workday.state is DayState.PAUSED
    assert settings.flexible is True
    (batch,) = sim.requests
    assert batch.rest_method == "batch"
    assert batch.json == {
        "halt": 0,
        "cmd": {"status": "timeman.status", "settings": "timeman.settings"},
    }


def test_verify(sim: PortalSimulator, connect: Connect) -> None:
    check = connect().verify()
    assert check.profile.user_id == 1
    assert check.profile.display_name == "Anna Ivanova"
    assert "timeman" in check.scopes
    assert check.reading.workday.state is DayState.CLOSED


def test_verify_without_the_timeman_scope(sim: PortalSimulator, connect: Connect) -> None:
    client = connect(3)
    with pytest.raises(AuthError) as caught:
        client.verify()
    assert caught.value.code == "insufficient_scope"
    with pytest.raises(AuthError) as direct:
        client.status()  # the portal says the same
    assert (direct.value.code or "").lower() == "insufficient_scope"
    assert len(_calls(sim, "timeman.status")) == 1  # an auth failure is not retried


def test_a_wrong_secret(sim: PortalSimulator, connect: Connect) -> None:
    client = connect(url=f"{sim.base_url}/rest/1/wrongS3cr3tW3bh00k/")
    with pytest.raises(AuthError, match="deleted or its secret changed") as caught:
        client.status()
    assert caught.value.code == "INVALID_CREDENTIALS"
    assert caught.value.http_status == 401


def test_the_server_clock_skew(sim: PortalSimulator, sim_clock: SimClock, connect: Connect) -> None:
    client = connect(clock=lambda: sim_clock.timestamp() - 30.0)  # our clock is 30 s slow
    assert client.status().clock.skew == pytest.approx(
        timedelta(seconds=30), abs=timedelta(seconds=0.01)
    )


# -- silent no-ops and refusals -----------------------------------------------------------


@pytest.mark.parametrize(
    ("seeded", "action", "answered", "applied"),
    [
        ("CLOSED", Action.PAUSE, DayState.CLOSED, False),
        ("EXPIRED", Action.PAUSE, DayState.EXPIRED, False),
        ("EXPIRED", Action.OPEN, DayState.EXPIRED, False),
        ("PAUSED", Action.PAUSE, DayState.PAUSED, True),  # indistinguishable from a success
        ("OPENED", Action.OPEN, DayState.OPENED, True),  # indistinguishable from a success
    ],
)
def test_silent_no_ops(
    seeded: State,
    action: Action,
    answered: DayState,
    applied: bool,
    *,
    sim: PortalSimulator,
    connect: Connect,
) -> None:
    sim.seed_day(1, seeded)
    before = sim.day(1)
    outcome = connect().perform(action)
    assert outcome.workday.state is answered
    assert outcome.applied is applied
    assert len(_writes(sim)) == 1
    assert sim.day(1) == before  # nothing changed on the portal


def test_closing_an_expired_day(sim: PortalSimulator, connect: Connect) -> None:
    seeded = sim.seed_day(1, "EXPIRED", start=datetime(2026, 11, 17, 9, 5, tzinfo=MSK))
    client = connect()
    assert client.status().workday.state is DayState.EXPIRED

    with pytest.raises(RefusedError, match="close it with an end time") as caught:
        client.close()
    assert caught.value.code == "WD_EXPIRED"

    with pytest.raises(RefusedError) as wrong_date:
        client.perform(Action.CLOSE_EXPIRED, time=datetime(2026, 11, 18, 18, 0, tzinfo=MSK))
    assert wrong_date.value.code == "WRONG_DATETIME"

    end = datetime(2026, 11, 17, 18, 0, tzinfo=MSK)
    outcome = client.perform(Action.CLOSE_EXPIRED, time=end, reason="Забыл закрыть день")
    assert (outcome.applied, outcome.workday.state) == (True, DayState.CLOSED)
    assert outcome.workday.finished_at == end
    assert outcome.workday.confirmed is False  # awaits the supervisor on a fixed schedule
    assert seeded.tz_offset == 3 * 3600
    last = _writes(sim)[-1]
    assert last.json == {"TIME": "2026-11-17T18:00:00+03:00", "REPORT": "Забыл закрыть день"}
    assert [r.answered_status for r in _writes(sim)] == [400, 400, 200]


def test_close_on_a_closed_day_is_refused(sim: PortalSimulator, connect: Connect) -> None:
    sim.seed_day(1, "CLOSED")
    with pytest.raises(RefusedError) as caught:
        connect().close()
    assert caught.value.code == "ALERT_WARNING"
    assert [r.rest_method for r in sim.requests] == ["timeman.close"]


def test_a_time_on_resume_is_refused_by_the_portal(sim: PortalSimulator, connect: Connect) -> None:
    """The client refuses a time for RESUME locally; OPEN with a time on a paused day is the
    portal's ``TIME`` refusal."""
    sim.seed_day(1, "PAUSED")
    with pytest.raises(RefusedError, match="resume it instead") as caught:
        connect().open(datetime(2026, 11, 20, 9, 0, tzinfo=MSK), "x")
    assert caught.value.code == "TIME"


# -- faults -------------------------------------------------------------------------------


def test_a_close_dropped_before_it_ran_is_not_sent_again(
    sim: PortalSimulator, connect: Connect
) -> None:
    sim.seed_day(1, "OPENED")
    sim.faults.push(Fault.drop(method="timeman.close"))
    with pytest.raises(UnavailableError, match=r"The day is still OPENED\.") as caught:
        connect().close()
    assert caught.value.sent is True
    closes = _calls(sim, "timeman.close")
    assert len(closes) == 1
    assert closes[0].answered_status is None
    assert [r.rest_method for r in sim.requests] == ["timeman.close", "timeman.status"]


def test_a_close_whose_answer_was_dropped_is_recovered(
    sim: PortalSimulator, connect: Connect
) -> None:
    """The portal ran the close, then the connection broke before the answer (to the client
    this is the same as the simulator dropping the request of a day closed meanwhile)."""
    sim.seed_day(1, "OPENED")
    sim.act(1, "close")
    sim.faults.push(Fault.drop(method="timeman.close"))
    outcome = connect().close()
    assert (outcome.applied, outcome.recovered) == (True, True)
    assert outcome.workday.state is DayState.CLOSED
    assert len(_calls(sim, "timeman.close")) == 1
    assert [r.rest_method for r in sim.requests] == ["timeman.close", "timeman.status"]


def test_a_close_that_timed_out_after_it_ran_is_recovered(
    sim: PortalSimulator, sim_sleep: SimSleep, connect: Connect
) -> None:
    """Real timing: the portal holds the close longer than the client's read timeout and runs
    it afterwards. The client's first status read is held too and times out; before the second
    it waits (its ``sleep``) until the portal has run the close."""
    sim.seed_day(1, "OPENED")
    sim.faults.push(Fault.delay(0.8, method="timeman.close"))
    sim.faults.push(Fault.delay(5.0, method="timeman.status"))

    def until_the_close_ran() -> None:
        deadline = _time.monotonic() + 5.0
        while not _calls(sim, "timeman.close") and _time.monotonic() < deadline:
            _time.sleep(0.02)

    sim_sleep.hook = until_the_close_ran
    outcome = connect(timeout=0.4).close()
    assert (outcome.applied, outcome.recovered) == (True, True)
    assert outcome.workday.state is DayState.CLOSED
    closes = _calls(sim, "timeman.close")
    assert len(closes) == 1
    assert closes[0].answered_status == 200  # answered, but to nobody
    assert len(sim_sleep.sleeps) == 1


def test_an_html_page(sim: PortalSimulator, connect: Connect) -> None:
    client = connect()
    sim.faults.push(Fault.html())
    with pytest.raises(UnexpectedAnswerError, match="a web page instead of data") as caught:
        client.status()
    assert caught.value.http_status == 200
    assert len(sim.requests) == 1  # a 200 page is not retried

    sim.faults.push(Fault.html(502))
    assert client.status().workday.state is DayState.CLOSED  # a 502 page is retried
    assert [r.answered_status for r in sim.requests] == [200, 502, 200]


def test_malformed_json(sim: PortalSimulator, connect: Connect) -> None:
    client = connect()
    sim.faults.push(Fault.malformed_json(method="timeman.status"))
    with pytest.raises(UnexpectedAnswerError, match="not valid JSON"):
        client.status()

    sim.seed_day(1, "OPENED")
    sim.faults.push(Fault.malformed_json(method="timeman.pause"))
    with pytest.raises(UnexpectedAnswerError, match=r"The day is still OPENED\."):
        client.pause()
    assert len(_calls(sim, "timeman.pause")) == 1


def test_a_server_error_is_retried_for_reads(
    sim: PortalSimulator, connect: Connect, sim_sleep: SimSleep
) -> None:
    sim.faults.push(Fault.status(500, count=2))
    assert connect().status().workday.state is DayState.CLOSED
    assert [r.answered_status for r in sim.requests] == [500, 500, 200]
    assert len(sim_sleep.sleeps) == 2


def test_a_moved_portal_via_the_alias(sim: PortalSimulator, connect: Connect) -> None:
    alias = sim.start_alias()
    client = connect(url=f"{alias}/rest/1/{SECRET}/")
    started = datetime(2026, 11, 20, 9, 30, tzinfo=MSK)
    outcome = client.open(started, REASON)
    assert outcome.workday.state is DayState.OPENED
    assert client.moved_to == sim.base_url
    assert client.webhook.base_url == sim.base_url
    moved, landed = sim.requests
    assert (moved.listener, moved.answered_status) == ("alias", 302)
    assert (landed.listener, landed.answered_status) == ("main", 200)
    assert landed.http_method == "POST"
    assert landed.body == moved.body
    assert landed.json == {"TIME": "2026-11-20T09:30:00+03:00", "REPORT": REASON}
    client.status()
    assert sim.requests[-1].listener == "main"  # the new address is used from now on


def test_redirects_that_are_not_followed(sim: PortalSimulator, connect: Connect) -> None:
    client = connect()
    sim.faults.push(Fault.redirect(f"http://portal.example.com/rest/1/{SECRET}/timeman.status"))
    with pytest.raises(MovedError, match="non-HTTPS"):
        client.status()
    again = f"{sim.base_url}/rest/1/{SECRET}/timeman.status"
    sim.faults.push(Fault.redirect(again, count=2))
    with pytest.raises(MovedError, match="redirects again"):
        client.status()
    assert client.moved_to is None
    assert len(sim.requests) == 3


# -- limits -------------------------------------------------------------------------------


def test_the_request_rate_limit(
    sim: PortalSimulator, connect: Connect, sim_sleep: SimSleep
) -> None:
    sim.rate_limiter.threshold = 2  # two requests in a burst, then 503 until it drains (2/s)
    client = connect()
    for _ in range(3):
        client.status()
    assert [r.answered_status for r in sim.requests] == [200, 200, 503, 200]
    (wait,) = sim_sleep.sleeps
    assert 0.5 <= wait <= 1.0


def test_a_rate_limited_close_is_sent_again_once_it_drained(
    sim: PortalSimulator, connect: Connect, sim_sleep: SimSleep
) -> None:
    sim.seed_day(1, "OPENED")
    client = connect()
    client.status()
    sim.rate_limiter.threshold = 1  # the bucket is full now
    outcome = client.close()
    assert (outcome.applied, outcome.recovered) == (True, False)
    closes = _calls(sim, "timeman.close")
    assert [r.answered_status for r in closes] == [503, 200]  # the first never ran
    assert all(r.body == closes[0].body for r in closes)
    assert sim_sleep.sleeps


def test_the_operating_time_limit(
    sim: PortalSimulator, sim_clock: SimClock, connect: Connect, sim_sleep: SimSleep
) -> None:
    client = connect()
    reset_at = client.call("timeman.status").reset_at
    assert reset_at is not None
    sim.block_method("timeman.status")
    with pytest.raises(RateLimitedError) as caught:
        client.status()
    assert caught.value.code == "OPERATION_TIME_LIMIT"
    assert caught.value.http_status == 429
    assert caught.value.retry_at == reset_at  # from the last good answer
    assert sim_sleep.sleeps == []  # the reset is beyond the read's time budget

    sim_clock.set(datetime.fromtimestamp(reset_at - 10, UTC))
    sim_sleep.hook = lambda: sim.block_method("timeman.status", blocked=False)
    assert client.status().workday.state is DayState.CLOSED
    (wait,) = sim_sleep.sleeps
    assert 10 <= wait < 11  # until operating_reset_at
    assert [r.answered_status for r in sim.requests] == [200, 429, 429, 200]


# -- TLS ----------------------------------------------------------------------------------


def test_the_simulators_certificate_is_not_trusted_by_default(
    sim: PortalSimulator, connect: Connect
) -> None:
    client = connect(ca_file=False)
    with pytest.raises(UnavailableError, match="is not trusted") as caught:
        client.status()
    assert caught.value.remedy is Remedy.USER_ACTS
    assert sim.requests == []


def test_the_simulators_ca_file_is_trusted(sim: PortalSimulator, connect: Connect) -> None:
    assert sim.ca_file is not None
    assert connect().status().workday.state is DayState.CLOSED


# -- secrets ------------------------------------------------------------------------------


def test_no_secret_in_the_clients_logs(
    sim: PortalSimulator, connect: Connect, caplog: pytest.LogCaptureFixture
) -> None:
    client = connect()
    moved = connect(url=f"{sim.start_alias()}/rest/1/{SECRET}/")
    caplog.set_level(logging.DEBUG)  # after the clients: they turn the http loggers down
    caplog.set_level(logging.DEBUG, logger="httpx")
    caplog.set_level(logging.DEBUG, logger="httpcore")
    moved.status()
    client.open(datetime(2026, 11, 20, 9, 30, tzinfo=MSK), REASON)
    sim.faults.push(Fault.drop(method="timeman.pause"))
    with pytest.raises(UnavailableError):
        client.pause()
    ours = [r for r in caplog.records if not r.name.startswith("tray_app.demo")]
    assert any(r.name == "httpx" for r in ours)
    assert any(r.name.startswith("httpcore.") for r in ours)
    for record in ours:
        assert SECRET not in record.getMessage()
