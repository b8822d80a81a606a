"""The command line end to end against the simulator over HTTPS (in-process, memory keyring)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from tests.cli.conftest import SECRET, Cli
from tray_app.config.settings_file import load_settings, settings_path
from tray_app.demo import Fault, PortalSimulator, SimUser

MSK = timezone(timedelta(hours=3))


def at(hour: int, minute: int = 0, day: int = 20) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=MSK)


# -- login / logout --------------------------------------------------------------------------


def test_login_checks_the_webhook_then_stores_it(cli: Cli) -> None:
    result = cli.login()
    assert result.code == 0, result.err
    assert result.out == (
        f"Signed in as Anna Ivanova (user 1) at {cli.sim.base_url}. The workday is CLOSED.\n"
    )
    assert [r.rest_method for r in cli.sim.requests] == ["profile", "scope", "timeman.status"]
    settings = load_settings()
    assert (settings.portal_url, settings.user_id) == (cli.sim.base_url, 1)
    assert settings.display_name == "Anna Ivanova"
    host = cli.sim.base_url.split("://")[1]
    assert cli.store.get(f"{host}/1") == SECRET
    assert SECRET not in settings_path().read_text()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://portal.example.com/rest/1/k7dmwq2x9p4tz1ab/", "Plain http://"),
        ("https://portal.example.com/rest/1/k7dm wq2x9p4tz1ab/", "contains spaces"),
        ("https://portal.example.com/api/1/k7dmwq2x9p4tz1ab/", "/rest/USER_ID/SECRET/"),
        ("portal.example.com", "Expected https://"),
        ("", "No webhook URL"),
    ],
)
def test_login_refuses_a_bad_url_without_sending_or_storing(
    cli: Cli, url: str, message: str
) -> None:
    result = cli("login", stdin=url + "\n")
    assert result.code == 2
    assert message in result.err
    assert "k7dm" not in result.err
    assert cli.sim.requests == []
    assert not settings_path().exists()
    assert repr(cli.store) == "MemorySecretStore(accounts=[])"


def test_login_with_a_wrong_secret_stores_nothing(cli: Cli) -> None:
    result = cli.login(cli.url.replace(SECRET, "wrongsecret12345"))
    assert result.code == 3
    assert "does not accept this webhook" in result.err
    assert "wrongsecret12345" not in result.err
    assert not settings_path().exists()


def test_login_without_the_timeman_scope_stores_nothing(sim: PortalSimulator, cli: Cli) -> None:
    sim.add_user(SimUser(user_id=2, secret="noscope000000000", scopes=("user",)))
    result = cli.login(sim.webhook_url(2))
    assert result.code == 3
    assert "timeman" in result.err
    assert not settings_path().exists()


def test_login_when_the_keyring_fails_stores_nothing(cli: Cli) -> None:
    from tray_app.config.errors import KeyringUnavailableError  # noqa: PLC0415

    cli.store.error = KeyringUnavailableError("No usable keyring: install GNOME Keyring.")
    result = cli.login()
    assert result.code == 3
    assert "No usable keyring" in result.err
    assert "Nothing was stored" in result.err
    assert not settings_path().exists()


def test_login_through_a_moved_portal_saves_the_new_address(cli: Cli) -> None:
    alias = cli.sim.start_alias()
    result = cli.login(cli.url.replace(cli.sim.base_url, alias))
    assert result.code == 0, result.err
    assert load_settings().portal_url == cli.sim.base_url


def test_logout_forgets_secret_and_account(signed_in: Cli) -> None:
    result = signed_in("logout")
    assert result.code == 0
    assert "the secret is deleted" in result.out
    assert repr(signed_in.store) == "MemorySecretStore(accounts=[])"
    assert load_settings().portal_url == ""
    assert signed_in("logout").out == "Not signed in; nothing to forget.\n"


@pytest.mark.parametrize("command", ["status", "start", "pause", "resume", "close"])
def test_commands_need_an_account(cli: Cli, command: str) -> None:
    result = cli(command)
    assert result.code == 3
    assert "Not signed in" in result.err
    assert cli.sim.requests == []


# -- status ----------------------------------------------------------------------------------


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


# -- actions ---------------------------------------------------------------------------------


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
