"""``--keep`` and ``kept`` end to end against the simulator over HTTPS (issue 12).

The portal goes away (``go_offline``: connections refused) and comes back on the same address
(``come_back``: the restart); a write's answer is lost after the portal ran it by a transport
that cuts the connection then. The machine's clock of the kept clicks follows the simulator's.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from tests.cli.conftest import Cli, Result
from tray_app.api import RetryPolicy, TimemanClient, TransportOptions
from tray_app.api.transport import ssl_context
from tray_app.core.kept_clicks import Steady
from tray_app.demo import Fault, PortalSimulator
from tray_app.services.account import Account

MSK = timezone(timedelta(hours=3))
REASON = "Clicked 18:05 while the portal was unreachable; sent 18:40 by timeman-tray"


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 20, hour, minute, tzinfo=MSK)


class SimMachine:
    """The machine's clocks, following the simulator's (in Moscow time)."""

    def __init__(self, sim: PortalSimulator) -> None:
        self.sim = sim

    def now(self) -> datetime:
        return self.sim.clock.now().astimezone(MSK)

    def steady(self) -> Steady:
        return Steady("test-boot", self.sim.clock.timestamp())


class LoseAnswer(httpx.BaseTransport):
    """Passes requests to the portal; the first ``method`` the portal runs loses its answer,
    and the portal goes away right after it (so the status read after it fails too)."""

    def __init__(self, sim: PortalSimulator, method: str) -> None:
        assert sim.ca_file is not None
        self.inner = httpx.HTTPTransport(verify=ssl_context(str(sim.ca_file)))
        self.sim = sim
        self.method = method
        self.armed = True

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if self.armed and request.url.path.endswith(f"/{self.method}"):
            self.armed = False
            response.read()
            response.close()
            self.sim.go_offline()
            raise httpx.ReadError("the connection broke off after the request was sent")
        return response


@pytest.fixture
def kept_cli(signed_in: Cli) -> Cli:
    signed_in.environment["kept_clock"] = SimMachine(signed_in.sim)
    return signed_in


def _writes(cli: Cli, method: str) -> list[dict[str, object]]:
    return [dict(r.params) for r in cli.sim.requests if r.rest_method == method]


def _day(cli: Cli) -> tuple[str, datetime | None, datetime | None]:
    day = cli.sim.day(1)
    assert day is not None
    return day.status, day.start, day.finish


def _ok(result: Result) -> Result:
    assert result.code == 0, (result.out, result.err)
    return result


def test_a_close_kept_while_cut_off_lands_at_its_minute_with_the_reason(kept_cli: Cli) -> None:
    sim = kept_cli.sim
    sim.clock.set(at(18, 5))
    sim.seed_day(1, "OPENED", start=at(9))
    sim.go_offline()
    kept = _ok(kept_cli("close", "--keep"))
    assert kept.out == (
        "Kept: close at 18:05; it will be sent when the portal answers (timeman-tray kept).\n"
    )
    assert "Cannot connect" in kept.err
    assert kept_cli.tray_nudges == 1  # a running tray reads the kept clicks at once
    listed = _ok(kept_cli("kept"))
    assert "close at 2026-11-20 18:05: waits for the portal to answer." in listed.out
    sim.clock.set(at(18, 40))
    sim.come_back()  # the portal restarts on the same address
    sim.clear_requests()
    assert "will be sent with its time" in _ok(kept_cli("kept", "list")).out
    sent = _ok(kept_cli("kept", "send"))
    assert sent.out.startswith("Sent: close at 18:05; the portal has the day CLOSED")
    assert _day(kept_cli) == ("CLOSED", at(9), at(18, 5))
    (close,) = _writes(kept_cli, "timeman.close")
    assert close == {"TIME": "2026-11-20T18:05:00+03:00", "REPORT": REASON}
    assert _ok(kept_cli("kept")).out == "Nothing is kept.\n"


def test_a_start_and_a_close_kept_offline_are_sent_in_order(kept_cli: Cli) -> None:
    sim = kept_cli.sim
    sim.clock.set(at(9, 5))
    sim.go_offline()
    _ok(kept_cli("start", "--keep"))
    sim.clock.set(at(18, 5))
    second = _ok(kept_cli("close", "--keep"))
    assert second.out.startswith("Kept: close at 18:05;")
    listed = _ok(kept_cli("kept")).out.splitlines()
    assert "start at 2026-11-20 09:05" in listed[0]
    assert f"waits behind {listed[0][:8]}" in listed[1]
    sim.clock.set(at(18, 40))
    sim.come_back()
    sim.clear_requests()
    sent = _ok(kept_cli("kept", "send"))
    assert [line.split(";")[0] for line in sent.out.splitlines()] == [
        "Sent: start at 09:05",
        "Sent: close at 18:05",
    ]
    methods = [r.rest_method for r in sim.requests]
    assert methods == ["batch", "timeman.open", "timeman.close"]  # the status read first
    assert _day(kept_cli) == ("CLOSED", at(9, 5), at(18, 5))


def test_a_plain_click_does_not_overtake_kept_ones(kept_cli: Cli) -> None:
    sim = kept_cli.sim
    sim.clock.set(at(9, 5))
    sim.go_offline()
    _ok(kept_cli("start", "--keep"))
    sim.come_back()
    sim.clear_requests()
    refused = kept_cli("close")
    assert refused.code == 1
    assert "1 click is kept and not yet sent (start at 09:05 first)" in refused.err
    assert _writes(kept_cli, "timeman.close") == []
    sim.clock.set(at(18, 5))
    both = _ok(kept_cli("close", "--keep"))  # behind it, then both in order
    assert "Sent: start at 09:05" in both.out
    assert "Sent: close at 18:05" in both.out
    assert _day(kept_cli) == ("CLOSED", at(9, 5), at(18, 5))


def test_a_day_changed_elsewhere_meanwhile_is_not_sent_but_shown(kept_cli: Cli) -> None:
    sim = kept_cli.sim
    sim.clock.set(at(18, 5))
    sim.seed_day(1, "OPENED", start=at(9))
    sim.faults.push(Fault.status(503, method="timeman.close", count=20))  # busy: not run
    kept = _ok(kept_cli("close", "--keep", "--wait", "0"))
    assert kept.out.startswith("Kept: close at 18:05;")
    sim.faults.clear()
    sim.clock.set(at(18, 20))
    sim.act(1, "close")  # in the browser
    sim.clock.set(at(18, 40))
    sim.clear_requests()
    shown = kept_cli("kept", "send")
    assert shown.code == 1
    assert "not sent: the workday changed elsewhere since" in shown.out
    assert "CLOSED, started 2026-11-20 09:00, ended or paused at 18:20" in shown.out
    assert _writes(kept_cli, "timeman.close") == []
    assert _day(kept_cli) == ("CLOSED", at(9), at(18, 20))
    click_id = _ok(kept_cli("kept")).out.split()[0]
    assert _ok(kept_cli("kept", "discard", f" {click_id.upper()} ")).out == (
        "Discarded: close at 18:05; it will not be sent.\n"
    )
    assert _ok(kept_cli("kept")).out == "Nothing is kept.\n"
    assert _writes(kept_cli, "timeman.close") == []


def test_a_lost_answer_is_settled_by_the_status_not_sent_twice(kept_cli: Cli) -> None:
    sim = kept_cli.sim
    sim.clock.set(at(18, 5))
    sim.seed_day(1, "OPENED", start=at(9))
    sim.go_offline()
    _ok(kept_cli("close", "--keep"))
    sim.clock.set(at(18, 40))
    sim.come_back()
    sim.clear_requests()
    losing = LoseAnswer(sim, "timeman.close")
    policy = RetryPolicy(attempts=3, base=0.01, cap=0.05, budget=5)

    def lossy(account: Account) -> TimemanClient:
        return TimemanClient(
            account.webhook, options=account.options, policy=policy, transport=losing
        )

    kept_cli.client_factory = lossy
    lost = kept_cli("kept", "send")
    assert lost.code == 4, lost
    assert not losing.armed
    assert _day(kept_cli) == ("CLOSED", at(9), at(18, 5))  # the portal did run it
    kept_cli.client_factory = kept_cli.fast_client
    sim.clock.set(at(18, 50))
    sim.come_back()
    settled = _ok(kept_cli("kept", "send"))
    assert settled.out == (
        "Already done on the portal: close at 18:05 (its answer was lost; not sent again).\n"
    )
    assert len(_writes(kept_cli, "timeman.close")) == 1
    assert _ok(kept_cli("kept")).out == "Nothing is kept.\n"


def test_a_plain_close_whose_answer_was_lost_is_kept_with_its_write(kept_cli: Cli) -> None:
    sim = kept_cli.sim
    sim.clock.set(at(18, 5))
    sim.seed_day(1, "OPENED", start=at(9))
    sim.clear_requests()
    losing = LoseAnswer(sim, "timeman.close")
    policy = RetryPolicy(attempts=3, base=0.01, cap=0.05, budget=5)
    kept_cli.client_factory = lambda account: TimemanClient(
        account.webhook, options=account.options, policy=policy, transport=losing
    )
    kept = _ok(kept_cli("close", "--keep"))
    assert kept.out.startswith("Kept: close at 18:05;")
    kept_cli.client_factory = kept_cli.fast_client
    sim.clock.set(at(18, 6))
    sim.come_back()
    settled = _ok(kept_cli("kept", "send"))
    assert settled.out.startswith("Already done on the portal: close at 18:05")
    assert len(_writes(kept_cli, "timeman.close")) == 1
    assert _day(kept_cli) == ("CLOSED", at(9), at(18, 5))


def test_a_kept_pause_is_asked_and_sent_only_now_when_told(kept_cli: Cli) -> None:
    sim = kept_cli.sim
    sim.clock.set(at(12, 3))
    sim.seed_day(1, "OPENED", start=at(9))
    sim.go_offline()
    kept = _ok(kept_cli("pause", "--keep"))
    assert "the portal can only pause at the moment it is told, not at 12:03" in kept.out
    sim.clock.set(at(12, 40))
    sim.come_back()
    asked = kept_cli("kept", "send")
    assert asked.code == 1
    assert "the portal can only pause now" in asked.out
    assert _writes(kept_cli, "timeman.pause") == []
    click_id = _ok(kept_cli("kept")).out.split()[0]
    paused = _ok(kept_cli("kept", "send", "--now", click_id))
    assert paused.out.startswith("Sent: pause at 12:03")
    day = sim.day(1)
    assert day is not None
    assert (day.status, day.finish) == ("PAUSED", at(12, 40))


def test_keep_changes_nothing_when_the_portal_answers(kept_cli: Cli) -> None:
    kept_cli.sim.seed_day(1, "OPENED", start=at(9))
    result = _ok(kept_cli("close", "--keep"))
    assert result.out.startswith("Workday closed at 12:30")
    refused = kept_cli("close", "--keep")
    assert refused.code == 1  # the day is closed: nothing to keep either
    assert _ok(kept_cli("kept")).out == "Nothing is kept.\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["close", "--keep", "--at", "17:00", "--reason", "x"], "--keep keeps the moment"),
        (["kept", "discard", "xyz"], "is no kept click's id"),
        (["kept", "discard", "abc"], "is no kept click's id"),
        (["kept", "send", "--now=--"], "is no kept click's id"),
    ],
)
def test_bad_kept_input_is_refused_before_anything(
    kept_cli: Cli, argv: list[str], message: str
) -> None:
    kept_cli.sim.clear_requests()
    result = kept_cli(*argv)
    assert result.code == 2, result
    assert message in result.err
    assert kept_cli.sim.requests == []


def test_discarding_an_unknown_click_is_exit_1(kept_cli: Cli) -> None:
    result = kept_cli("kept", "discard", "abcd1234")
    assert result.code == 1
    assert "No kept click has the id abcd1234" in result.err


def test_a_slow_answer_is_waited_for_then_found_done(kept_cli: Cli) -> None:
    sim = kept_cli.sim
    sim.clock.set(at(18, 5))
    sim.seed_day(1, "OPENED", start=at(9))
    sim.go_offline()
    _ok(kept_cli("close", "--keep"))
    sim.clock.set(at(18, 40))
    sim.come_back()
    sim.clear_requests()
    assert sim.ca_file is not None
    impatient = TransportOptions(ca_file=str(sim.ca_file), timeout=0.3)
    kept_cli.client_factory = lambda account: TimemanClient(account.webhook, options=impatient)
    sim.faults.push(Fault.delay(3.0, method="timeman.close"))  # the portal runs it later
    slow = kept_cli("kept", "send")
    assert slow.code == 4, slow
    assert "did not answer in time" in slow.err
    waiting = kept_cli("kept", "send")
    assert waiting.code == 4, waiting
    assert "its answer may still come: nothing is sent before 18:41:30." in waiting.out
    deadline = time.monotonic() + 10
    while _day(kept_cli)[0] != "CLOSED" and time.monotonic() < deadline:
        time.sleep(0.05)
    kept_cli.client_factory = kept_cli.fast_client
    done = _ok(kept_cli("kept", "send"))
    assert done.out.startswith("Already done on the portal: close at 18:05")
    assert len(_writes(kept_cli, "timeman.close")) == 1
    assert _day(kept_cli) == ("CLOSED", at(9), at(18, 5))
