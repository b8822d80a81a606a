"""``status`` and ``status --json`` against the simulator (in-process, memory keyring)."""

from __future__ import annotations

import json
from datetime import timedelta

from tests.cli.conftest import Cli
from tests.cli.moments import at


def test_status_of_a_running_day(signed_in: Cli) -> None:
    signed_in.sim.seed_day(1, "OPENED", start=at(9, 2), leaks=timedelta(minutes=15))
    result = signed_in("status")
    assert result.code == 0
    assert result.out.splitlines()[0] == "Working · 3:13 · breaks 0:15 · since 09:02"
    assert "Started:  2026-11-20 09:02 (UTC+03:00)" in result.out


def test_status_json_of_a_paused_day(signed_in: Cli) -> None:
    signed_in.sim.seed_day(1, "PAUSED", start=at(9), paused_at=at(12), leaks=timedelta(minutes=10))
    document = json.loads(signed_in("status", "--json").out)
    assert document == {
        "status": "PAUSED",
        "worked_seconds": (2 * 60 + 50) * 60,
        "break_seconds": 40 * 60,
        "started_at": "2026-11-20T09:00:00+03:00",
        "finished_at": "2026-11-20T12:00:00+03:00",
        "tz_offset": 10800,
        "confirmed": True,
        "suggested_close_at": None,
    }


def test_status_json_of_an_expired_day_suggests_its_end(signed_in: Cli) -> None:
    signed_in.sim.seed_day(1, "EXPIRED", start=at(9, day=18))
    document = json.loads(signed_in("status", "--json").out)
    assert document["status"] == "EXPIRED"
    assert document["suggested_close_at"] == "2026-11-18T18:00:00+03:00"
    human = signed_in("status").out
    assert "Suggested end: 2026-11-18 18:00" in human
    assert "timeman-tray close --at 18:00" in human


def test_status_of_a_day_closed_on_an_earlier_date(signed_in: Cli) -> None:
    signed_in.sim.seed_day(1, "CLOSED", start=at(9, day=18), finish=at(17, day=18))
    lines = signed_in("status").out.splitlines()
    assert lines[0].startswith("No workday today · last day Wed 18 Nov · 8:00")
    assert "Ended:    2026-11-18 17:00" in lines


def test_status_of_a_user_who_never_had_a_day(signed_in: Cli) -> None:
    assert signed_in("status").out == "No workday yet\n"
