"""``start``, ``pause``, ``resume`` and ``close`` against the simulator: what applies is sent,
what does not is refused before sending."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.cli.conftest import Cli
from tests.cli.moments import at
from tray_app.demo import PortalSimulator, SimUser


def test_a_whole_day(signed_in: Cli) -> None:
    clock = signed_in.sim.clock
    assert signed_in("start").code == 0
    clock.advance(timedelta(hours=3))
    paused = signed_in("pause")
    assert paused.out == "Workday paused at 15:30; worked 3:00 so far.\n"
    clock.advance(timedelta(minutes=30))
    assert signed_in("resume").out == "Workday resumed; worked 3:00, breaks 0:30.\n"
    clock.advance(timedelta(hours=2))
    closed = signed_in("close")
    assert closed.out == "Workday closed at 18:00: worked 5:00, breaks 0:30.\n"
    assert signed_in.tray_nudges == 4, "a running tray is told after each action"
    bodies = [(r.rest_method, r.json) for r in signed_in.writes()]
    assert bodies == [
        ("timeman.open", {}),
        ("timeman.pause", {}),
        ("timeman.open", {}),
        ("timeman.close", {}),
    ]


def test_start_at_an_earlier_time_sends_atom_and_the_reason_byte_for_byte(
    signed_in: Cli,
) -> None:
    reason = "Опоздал: пробки на МКАД ✓"
    result = signed_in("start", "--at", "09:05", "--reason", reason, "--tz", "Europe/Moscow")
    assert result.code == 0, result.err
    assert result.out.startswith("Workday started at 09:05.")
    (request,) = signed_in.writes()
    assert request.headers["content-type"].startswith("application/json")
    assert request.json == {"TIME": "2026-11-20T09:05:00+03:00", "REPORT": reason}
    assert reason.encode("utf-8") in request.body


def test_start_in_an_offset_zone(signed_in: Cli) -> None:
    result = signed_in("start", "--at", "07:05", "--reason", "Early call", "--tz", "+01:00")
    assert result.code == 0, result.err
    assert signed_in.writes()[0].json == {
        "TIME": "2026-11-20T07:05:00+01:00",
        "REPORT": "Early call",
    }


def test_close_at_an_earlier_time(signed_in: Cli) -> None:
    signed_in.sim.seed_day(1, "OPENED", start=at(9))
    result = signed_in("close", "--at", "12:00", "--reason", "Doctor's appointment")
    assert result.code == 0, result.err
    assert signed_in.writes()[0].json == {
        "TIME": "2026-11-20T12:00:00+03:00",
        "REPORT": "Doctor's appointment",
    }
    assert "Workday closed at 12:00: worked 3:00" in result.out


def test_closing_a_forgotten_day(signed_in: Cli) -> None:
    signed_in.sim.seed_day(1, "EXPIRED", start=at(9, day=19))
    refused = signed_in("close")
    assert refused.code == 1
    assert "has expired" in refused.err
    assert "--at 18:00" in refused.err
    assert signed_in.writes() == []
    result = signed_in("close", "--at", "18:30", "--reason", "Забыл закрыть день")
    assert result.code == 0, result.err
    assert result.out.startswith("Forgotten workday closed at 18:30: worked 9:30")
    assert "awaits your supervisor's confirmation" in result.out
    assert signed_in.writes()[0].json == {
        "TIME": "2026-11-19T18:30:00+03:00",
        "REPORT": "Забыл закрыть день",
    }


@pytest.mark.parametrize(
    ("seed", "command", "message"),
    [
        ("OPENED", "start", "already running"),
        ("PAUSED", "start", "use 'timeman-tray resume'"),
        ("EXPIRED", "start", "close it first"),
        ("OPENED", "resume", "already running"),
        ("CLOSED", "resume", "Cannot resume: the workday is CLOSED"),
        ("CLOSED", "close", "Cannot close: the workday is CLOSED"),
    ],
)
def test_an_action_that_does_not_apply_sends_nothing(
    signed_in: Cli, seed: str, command: str, message: str
) -> None:
    start = at(9, day=17) if seed == "EXPIRED" else at(9)
    signed_in.sim.seed_day(1, seed, start=start)  # type: ignore[arg-type]
    result = signed_in(command)
    assert result.code == 1
    assert message in result.err
    assert signed_in.writes() == []


BAD_TIMES = [
    (("start", "--at", "25:00", "--reason", "x"), "is not a time"),
    (("start", "--at", "9", "--reason", "x"), "is not a time"),
    (("start", "--at", "12:60", "--reason", "x"), "is not a time"),
    (("start", "--at", "2026-11-19T09:00:00+03:00", "--reason", "x"), "must be today"),
    (("start", "--at", "13:00", "--reason", "x", "--tz", "Europe/Moscow"), "in the future"),
    (("start", "--at", "09:00"), "reason is required"),
    (("start", "--at", "09:00", "--reason", "   "), "reason is required"),
    (("start", "--at", "09:00", "--reason", "x" * 10_000), "at most 2000"),
    (("start", "--at", "09:00", "--reason", "bell\x07"), "control characters"),
    (("start", "--at", "09:00", "--reason", "x", "--tz", "Mars/Olympus"), "nknown time zone"),
    (("start", "--reason", "x"), "--reason goes with --at"),
    (("start", "--tz", "+03:00"), "--tz goes with --at"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_TIMES)
def test_bad_start_input_is_refused_before_sending(
    signed_in: Cli, argv: tuple[str, ...], message: str
) -> None:
    result = signed_in(*argv)
    assert result.code == 2, result.err
    assert message in result.err
    assert signed_in.writes() == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("close", "--at", "08:00", "--reason", "x"), "must be after the start"),
        (("close", "--at", "13:00", "--reason", "x"), "in the future"),
        (("close", "--at", "2026-11-21T01:00:00+03:00", "--reason", "x"), "start date"),
        (("close", "--at", "11:00"), "reason is required"),
    ],
)
def test_bad_close_input_is_refused_before_sending(
    signed_in: Cli, argv: tuple[str, ...], message: str
) -> None:
    signed_in.sim.seed_day(1, "OPENED", start=at(9))
    result = signed_in(*argv)
    assert result.code == 2, result.err
    assert message in result.err
    assert signed_in.writes() == []


def test_flexible_schedules_do_not_ask_for_a_reason(sim: PortalSimulator, cli: Cli) -> None:
    sim.add_user(SimUser(user_id=3, secret="flexible00000000", schedule="FLEXTIME"))
    assert cli.login(sim.webhook_url(3)).code == 0
    result = cli("start", "--at", "09:00", "--tz", "Europe/Moscow")
    assert result.code == 0, result.err
    assert cli.writes()[-1].json == {
        "TIME": "2026-11-20T09:00:00+03:00",
        "REPORT": "Time set in timeman-tray",
    }
