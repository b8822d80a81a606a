"""The command line end to end against the simulator over HTTPS (in-process, memory keyring)."""

from __future__ import annotations

import pytest

from tests.cli.conftest import SECRET, Cli
from tests.cli.moments import at
from tray_app.config.settings_file import load_settings
from tray_app.demo import Fault


@pytest.mark.parametrize("command", ["status", "start", "pause", "resume", "close"])
def test_commands_need_an_account(cli: Cli, command: str) -> None:
    result = cli(command)
    assert result.code == 3
    assert "Not signed in" in result.err
    assert cli.sim.requests == []


# -- what the portal says --------------------------------------------------------------------


def test_a_refusal_names_the_portal_code(signed_in: Cli) -> None:
    signed_in.sim.seed_day(1, "OPENED", start=at(9))
    signed_in.sim.faults.push(
        Fault.status(400, error="ALERT_WARNING", description="Action is not allowed")
    )
    signed_in.sim.faults.push(
        Fault.status(400, error="ALERT_WARNING", description="Action is not allowed")
    )
    result = signed_in("status")
    assert result.code == 1
    assert result.err == "timeman-tray: The portal refused: Action is not allowed [ALERT_WARNING]\n"


@pytest.mark.parametrize(
    ("seed", "message"),
    [
        ("PAUSED", "The workday is already paused."),
        ("CLOSED", "Cannot pause: the workday is CLOSED."),
    ],
)
def test_a_pause_that_does_not_apply_is_told_from_its_own_answer(
    signed_in: Cli, seed: str, message: str
) -> None:
    """One request, not a status read and the pause: a pause is a silent no-op on a day that
    is not running (API reference §1.2), and its answer says so (paused earlier, or not)."""
    paused_at = at(12) if seed == "PAUSED" else None
    signed_in.sim.seed_day(1, seed, start=at(9), paused_at=paused_at)  # type: ignore[arg-type]
    before = signed_in.sim.day(1)
    result = signed_in("pause")
    assert result.code == 1
    assert result.err == f"timeman-tray: {message}\n"
    assert [r.rest_method for r in signed_in.sim.requests] == ["timeman.pause"]
    assert signed_in.sim.day(1) == before, "the portal did nothing"
    assert signed_in.tray_nudges == 0


def test_a_pause_is_one_request(signed_in: Cli) -> None:
    signed_in.sim.seed_day(1, "OPENED", start=at(9))
    result = signed_in("pause")
    assert result.code == 0, result.err
    assert result.out.startswith("Workday paused at ")
    assert [r.rest_method for r in signed_in.sim.requests] == ["timeman.pause"]
    assert signed_in.tray_nudges == 1


def test_a_silent_no_op_is_reported(signed_in: Cli) -> None:
    """The day is found expired (left open yesterday) between our status read and our open."""
    signed_in.sim.seed_day(1, "CLOSED")
    real_factory = signed_in.client_factory

    def expiring_elsewhere(account):  # type: ignore[no-untyped-def]
        client = real_factory(account)
        status = client.status

        def status_then_expire_elsewhere():  # type: ignore[no-untyped-def]
            reading = status()
            signed_in.sim.seed_day(1, "EXPIRED", start=at(9, day=17))
            return reading

        client.status = status_then_expire_elsewhere  # type: ignore[method-assign]
        return client

    signed_in.client_factory = expiring_elsewhere
    result = signed_in("start")
    assert result.code == 1
    assert "The portal did nothing: the workday is still EXPIRED" in result.err
    assert len(signed_in.writes()) == 1


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (Fault.html(200, count=5), "web page instead of data"),
        (Fault.html(502, count=5), "web page instead of data"),
        (Fault.malformed_json(count=5), "not valid JSON"),
        (Fault.status(503, count=5), "rate limiting"),
        (Fault.drop(count=5), "broke off"),
    ],
)
def test_unusable_answers_exit_4(signed_in: Cli, fault: Fault, message: str) -> None:
    signed_in.sim.faults.push(fault)
    result = signed_in("status")
    assert result.code == 4, result.err
    assert message in result.err
    assert SECRET not in result.err


def test_reads_ride_out_a_short_rate_limit(signed_in: Cli) -> None:
    signed_in.sim.faults.push(Fault.status(503, count=2))
    assert signed_in("status").code == 0
    assert [r.answered_status for r in signed_in.sim.requests] == [503, 503, 200]


def test_a_dropped_pause_is_not_sent_twice(signed_in: Cli) -> None:
    signed_in.sim.seed_day(1, "OPENED", start=at(9))
    signed_in.sim.faults.push(Fault.drop(method="timeman.pause"))
    result = signed_in("pause")
    assert result.code == 4
    assert "The day is still OPENED" in result.err
    assert len(signed_in.writes()) == 1


def test_a_moved_portal_is_followed_and_remembered(signed_in: Cli) -> None:
    alias = signed_in.sim.start_alias()
    old = load_settings()
    import dataclasses  # noqa: PLC0415

    from tray_app.config.secrets import account_key  # noqa: PLC0415
    from tray_app.config.settings_file import save_settings  # noqa: PLC0415

    secret = signed_in.store.get(account_key(old.portal_url, 1))
    assert secret is not None
    signed_in.store.set(account_key(alias, 1), secret)
    signed_in.store.delete(account_key(old.portal_url, 1))
    save_settings(dataclasses.replace(old, portal_url=alias))
    result = signed_in("status")
    assert result.code == 0, result.err
    assert f"moved to {signed_in.sim.base_url}" in result.err
    assert load_settings().portal_url == signed_in.sim.base_url
    assert signed_in.store.get(account_key(signed_in.sim.base_url, 1)) == SECRET
    assert signed_in.store.get(account_key(alias, 1)) is None
    assert signed_in("status").code == 0
    assert signed_in.sim.requests[-1].listener == "main"
