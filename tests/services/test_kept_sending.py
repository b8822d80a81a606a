"""The kept clicks' driver against the simulator over real HTTPS on loopback (issue 12).

The fault switches stand for what a train or a VPN does: connections refused (the portal
offline, then back: a restart), the busy portal's 503 (the write not run), a slow answer the
client gives up on while the portal runs the write anyway, a refusal.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tray_app.api import RetryPolicy, TimemanClient, TransportOptions, Webhook
from tray_app.api.errors import (
    AuthError,
    ConfigurationError,
    RateLimitedError,
    TimemanError,
    UnavailableError,
    UnexpectedAnswerError,
)
from tray_app.core.kept_clicks import KeptAction, Steady
from tray_app.core.kept_rules import Ask, AskWhy, Conflict, ConflictWhy, Wait
from tray_app.demo import Fault, PortalSimulator, SimClock, SimUser
from tray_app.history.kept_store import KeptStore
from tray_app.services.kept_failures import may_have_run
from tray_app.services.kept_sending import KeptSender, kept_account, open_store
from tray_app.services.kept_watch import KeptWatch

SECRET = "k33pS3cr3tK3y0001"
MSK = timezone(timedelta(hours=3))
QUICK = RetryPolicy(attempts=2, base=0.01, cap=0.02, budget=2)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 20, hour, minute, tzinfo=MSK)


class Machine:
    """The machine's clocks, following the simulator's."""

    def __init__(self, sim: PortalSimulator) -> None:
        self.sim = sim

    def now(self) -> datetime:
        return self.sim.clock.now().astimezone(MSK)

    def steady(self) -> Steady:
        return Steady("boot", self.sim.clock.timestamp())


class Rig:
    def __init__(self, sim: PortalSimulator, path: Path, timeout: float = 20.0) -> None:
        self.sim = sim
        options = TransportOptions(ca_file=str(sim.ca_file), timeout=timeout)
        self.client = TimemanClient(Webhook.parse(sim.webhook_url()), options=options, policy=QUICK)
        self.store = KeptStore.open(path, account="portal/1")
        self.sender = KeptSender(self.client, self.store, clock=Machine(sim))

    def close(self) -> None:
        self.client.shutdown()
        self.store.close()

    def writes(self, method: str) -> list[dict[str, object]]:
        return [dict(r.params) for r in self.sim.requests if r.rest_method == method]

    def day(self) -> tuple[str, datetime, datetime | None]:
        day = self.sim.day(1)
        assert day is not None
        return day.status, day.start, day.finish


def _sim(schedule: str | None = "FIXED") -> PortalSimulator:
    user = SimUser(user_id=1, secret=SECRET, schedule=schedule)  # type: ignore[arg-type]
    return PortalSimulator(clock=SimClock(start=at(18, 5)), users=[user])


@pytest.fixture
def sim() -> Iterator[PortalSimulator]:
    with _sim() as simulator:
        simulator.seed_day(1, "OPENED", start=at(9))
        yield simulator


@pytest.fixture
def rig(sim: PortalSimulator, tmp_path: Path) -> Iterator[Rig]:
    made = Rig(sim, tmp_path / "kept.sqlite3")
    yield made
    made.close()


def _keep_close_offline(rig: Rig) -> None:
    rig.sim.go_offline()
    done = rig.sender.send_pending()
    assert done.finished  # nothing kept yet: not even a read
    rig.sender.keep(KeptAction.CLOSE, last_known=None)
    offline = rig.sender.send_pending()
    assert offline.unreachable is not None
    assert len(offline.left) == 1
    rig.sim.clock.set(at(18, 40))
    rig.sim.come_back()
    rig.sim.clear_requests()


def test_sent_after_the_restart_at_its_minute_with_the_english_reason(rig: Rig) -> None:
    _keep_close_offline(rig)
    done = rig.sender.send_pending()
    assert done.finished
    assert [s.sent for s in done.settled] == [True]
    assert rig.day() == ("CLOSED", at(9), at(18, 5))
    assert rig.writes("timeman.close") == [
        {
            "TIME": "2026-11-20T18:05:00+03:00",
            "REPORT": "Clicked 18:05 while the portal was unreachable; sent 18:40 by timeman-tray",
        }
    ]
    assert [r.rest_method for r in rig.sim.requests] == ["batch", "timeman.close"]


def test_the_persons_own_wording_of_the_reason(rig: Rig) -> None:
    _keep_close_offline(rig)
    rig.sender.reason_template = "Нажато в {clicked}, отправлено в {sent} ({clicked_date})"
    rig.sender.send_pending()
    (close,) = rig.writes("timeman.close")
    assert close["REPORT"] == "Нажато в 18:05, отправлено в 18:40 (2026-11-20)"


def test_no_reason_goes_with_the_time_on_a_flexible_schedule(tmp_path: Path) -> None:
    with _sim("FLEXTIME") as sim:
        sim.seed_day(1, "OPENED", start=at(9))
        rig = Rig(sim, tmp_path / "kept.sqlite3")
        try:
            _keep_close_offline(rig)
            assert rig.sender.send_pending().finished
            assert rig.writes("timeman.close") == [{"TIME": "2026-11-20T18:05:00+03:00"}]
            assert rig.day() == ("CLOSED", at(9), at(18, 5))
        finally:
            rig.close()


def test_a_busy_portal_refusing_the_write_leaves_no_write_in_flight(rig: Rig) -> None:
    _keep_close_offline(rig)
    rig.sim.faults.push(Fault.status(503, method="timeman.close", count=5))
    busy = rig.sender.send_pending()
    assert busy.unreachable is not None  # QUERY_LIMIT_EXCEEDED: not run
    assert busy.left[0].sent is None, "a write that never ran is not waited for"
    rig.sim.faults.clear()
    done = rig.sender.send_pending()  # at once: no 90 s wait for an answer that cannot come
    assert done.finished
    assert rig.day() == ("CLOSED", at(9), at(18, 5))


def test_a_slow_answer_given_up_on_is_settled_by_the_status_not_sent_twice(
    sim: PortalSimulator, tmp_path: Path
) -> None:
    rig = Rig(sim, tmp_path / "kept.sqlite3", timeout=0.5)
    try:
        _keep_close_offline(rig)
        sim.faults.push(Fault.delay(1.5, method="timeman.close"))
        slow = rig.sender.send_pending()
        assert slow.unreachable is not None
        assert slow.left[0].sent is not None, "it went out: its effect is read, not assumed"
        early = rig.sender.send_pending()  # the portal is still running it
        assert isinstance(early.stopped, Wait)
        deadline = time.monotonic() + 10
        while rig.day()[0] != "CLOSED" and time.monotonic() < deadline:
            time.sleep(0.05)
        done = rig.sender.send_pending()
        assert [s.sent for s in done.settled] == [False]
        assert done.finished
        assert len(rig.writes("timeman.close")) == 1
        assert rig.day() == ("CLOSED", at(9), at(18, 5))
    finally:
        rig.close()


def test_a_refused_write_is_held_until_the_person_sends_it_again(rig: Rig) -> None:
    _keep_close_offline(rig)
    refusal = Fault.status(
        400, error="ALERT_WARNING", description="Action is not allowed", method="timeman.close"
    )
    rig.sim.faults.push(refusal)
    refused = rig.sender.send_pending()
    assert isinstance(refused.stopped, Conflict)
    assert (refused.stopped.why, refused.stopped.code) == (ConflictWhy.REFUSED, "ALERT_WARNING")
    again = rig.sender.send_pending()
    assert isinstance(again.stopped, Conflict)
    assert len(rig.writes("timeman.close")) == 1, "a held click is not sent by itself"
    click_id = again.left[0].click_id
    done = rig.sender.send_pending(accept=click_id)  # "Send now"
    assert done.finished
    assert rig.day() == ("CLOSED", at(9), at(18, 5))


def test_a_kept_resume_is_asked_then_sent_now(rig: Rig) -> None:
    rig.sim.clear_days(1)
    rig.sim.seed_day(1, "PAUSED", start=at(9), paused_at=at(17))
    rig.sim.go_offline()
    rig.sender.keep(KeptAction.RESUME, last_known=None)
    rig.sim.clock.set(at(18, 30))
    rig.sim.come_back()
    asked = rig.sender.send_pending()
    assert isinstance(asked.stopped, Ask)
    assert asked.stopped.why is AskWhy.RESUME_NOT_BACKDATED
    assert rig.writes("timeman.open") == []
    done = rig.sender.send_pending(accept=asked.stopped.click.click_id)
    assert done.finished
    assert rig.day()[0] == "OPENED"
    assert rig.writes("timeman.open") == [{}]


def test_the_store_of_an_account_and_its_watch(tmp_path: Path) -> None:
    path = tmp_path / "kept.sqlite3"
    assert kept_account("https://portal", 7) == "https://portal/7"
    with open_store("https://portal", 7, path) as tray_side:
        watch = KeptWatch(tray_side)
        assert not watch.changed()
        with open_store("https://portal", 7, path) as cli_side:  # another process
            cli = KeptSender(
                TimemanClient(Webhook.parse(f"https://portal/rest/7/{SECRET}/")), cli_side
            )
            cli.keep(KeptAction.CLOSE, last_known=None)
        assert watch.changed()
        assert not watch.changed()
        assert [click.action for click in tray_side.pending()] == [KeptAction.CLOSE]
        with open_store("https://portal", 8, path) as other:
            assert other.pending() == []


@pytest.mark.parametrize(
    ("error", "ran"),
    [
        (UnavailableError("Cannot connect", sent=False), False),
        (UnavailableError("The connection broke off"), True),
        (RateLimitedError("busy", code="QUERY_LIMIT_EXCEEDED", http_status=503), False),
        (ConfigurationError("A time cannot be given to pause."), False),
        (AuthError("The portal does not accept this webhook", http_status=401), False),
        (UnexpectedAnswerError("HTML instead of JSON", http_status=502), True),
        (UnexpectedAnswerError("broken JSON"), True),
    ],
)
def test_which_failed_writes_may_have_run(error: TimemanError, ran: bool) -> None:
    assert may_have_run(error) is ran
