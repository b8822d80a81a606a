"""Bad input is exit 2 with one sentence, before any request and whatever the day's state.

Each case here once ended in a traceback or the wrong exit code (issue 13); the property tests
in test_bad_input_properties.py keep the whole class out.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.cli.conftest import SECRET, Cli
from tray_app.config.settings_file import settings_path

MSK = timezone(timedelta(hours=3))
MORNING = datetime(2026, 11, 20, 9, 0, tzinfo=MSK)


def refused_before_anything(cli: Cli, *argv: str, stdin: str | bytes = "") -> str:
    """Run ``argv``; it must exit 2 with one sentence, no request, nothing stored."""
    result = cli(*argv, stdin=stdin)
    assert result.code == 2, result.err
    assert result.out == ""
    assert result.err.startswith("timeman-tray: ")
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert cli.sim.requests == []
    return result.err


# -- login ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (b"\xff\xfe https://portal/rest/1/x/\n", "not UTF-8"),
        ("https://portal.example.com/rest/1/" + "k" * 5000 + "/\n", "longer than 2048"),
        ("\n", "No webhook URL"),
        ("https://portal.example.com/rest/\u00b2/k7dmwq2x9p4tz1ab/\n", "user id"),
    ],
)
def test_login_refuses_unusable_standard_input(cli: Cli, stdin: str | bytes, message: str) -> None:
    err = refused_before_anything(cli, "login", stdin=stdin)
    assert message in err
    assert "Nothing was stored" in err or "user id" in err
    assert not settings_path().exists()
    assert repr(cli.store) == "MemorySecretStore(accounts=[])"


@pytest.mark.parametrize(
    ("proxy", "shown"),
    [
        ("http://proxy example:8080", "'http://proxy example:8080' has no valid host name"),
        ("http://anna:s3cr3t@proxy:3128", "'http://***@proxy:3128' looks like a secret"),
        ("anna:s3cr3t@proxy:3128", "'***@proxy:3128' must be a URL"),
        ("anna:s3cr3t@", "'***@' must be a URL"),
        ("http://anna:p@ss:s3cr3t@proxy:3128", "'http://***@proxy:3128' looks like a secret"),
        ("--", "'--' must be a URL"),
        ("ftp://" + "p" * 5000, "'ftp://" + "p" * 34 + "…' must be a URL"),
    ],
)
def test_login_judges_the_proxy_before_reading_the_webhook(
    cli: Cli, proxy: str, shown: str
) -> None:
    err = refused_before_anything(cli, "login", f"--proxy={proxy}", stdin=cli.url + "\n")
    assert f"The proxy {shown}" in err
    assert "s3cr3t" not in err
    assert cli.last_stdin.tell() == 0, "the webhook is not read when an option is bad"
    assert not settings_path().exists()


def test_login_judges_the_ca_file_before_reading_the_webhook(cli: Cli, tmp_path: Path) -> None:
    not_pem = tmp_path / "ca.pem"
    not_pem.write_text("not a certificate\n")
    cases = [
        (str(tmp_path / "missing.pem"), "does not exist or is not a file"),
        ("x" * 5000, "does not exist or is not a file"),
        ("--", "does not exist or is not a file"),
        (str(tmp_path), "does not exist or is not a file"),
        (str(not_pem), "holds no usable certificate (expected PEM)"),
    ]
    for ca_file, message in cases:
        err = refused_before_anything(cli, "login", f"--ca-file={ca_file}", stdin=cli.url + "\n")
        assert message in err
        assert len(err) < 300
        assert cli.last_stdin.tell() == 0


def test_a_literal_double_dash_reason_is_text_like_any_other(signed_in: Cli) -> None:
    result = signed_in("start", "--at", "09:05", "--tz", "+03:00", "--reason=--")
    assert result.code == 0, result.err
    assert signed_in.writes()[0].json == {"TIME": "2026-11-20T09:05:00+03:00", "REPORT": "--"}


# -- times, zones and reasons -----------------------------------------------------------------

BAD_IN_ANY_STATE = [
    (("start", "--tz=--", "--at", "09:00", "--reason", "x"), "Unknown time zone '--'"),
    (("start", "--at=--", "--reason", "x"), "'--' is not a time"),
    (("close", "--at=--", "--reason", "x"), "'--' is not a time"),
    (("close", "--at", "25:00", "--reason", "x"), "'25:00' is not a time"),
    (("close", "--at", "9999-12-31T23:59:59+00:00", "--reason", "x"), "too far"),
    (("close", "--at", "9999-12-31T23:59:59-12:00", "--reason", "x"), "too far"),
    (("close", "--at", "0001-01-01T00:00:00+00:00", "--reason", "x"), "too far"),
    (("close", "--at", "0001-01-01T00:00:00+14:00", "--reason", "x"), "too far"),
    (("start", "--at", "2026-11-20T09:00:00+03:00:30", "--reason", "x"), "whole minutes"),
    (("start", "--at", "2026-11-20T09:00:00+15:00", "--reason", "x"), "whole minutes"),
    (("close", "--at", "12:00", "--reason", "lone \udcff byte"), "not valid UTF-8"),
    (("start", "--at", "09:00", "--reason", "x", "--tz", "Europe/\udcff"), "--tz holds bytes"),
    (("start", "--at", "09:00", "--reason", "x" * 3000), "at most 2000"),
    (("close", "--reason", "x"), "--reason goes with --at"),
]


@pytest.mark.parametrize("state", ["CLOSED", "OPENED", "PAUSED", "EXPIRED"])
@pytest.mark.parametrize(("argv", "message"), BAD_IN_ANY_STATE)
def test_bad_time_input_is_exit_2_whatever_the_state(
    signed_in: Cli, state: str, argv: tuple[str, ...], message: str
) -> None:
    start = MORNING - timedelta(days=2) if state == "EXPIRED" else MORNING
    signed_in.sim.seed_day(1, state, start=start)  # type: ignore[arg-type]
    err = refused_before_anything(signed_in, *argv)
    assert message in err


def test_an_enormous_value_is_not_echoed_back_whole(signed_in: Cli) -> None:
    for argv in (
        ("start", "--at", "9" * 100_000, "--reason", "x"),
        ("start", "--at", "09:00", "--tz", "Z" * 100_000, "--reason", "x"),
    ):
        err = refused_before_anything(signed_in, *argv)
        assert len(err) < 300
        assert "…" in err


def test_a_time_that_is_only_wrong_for_the_day_is_still_exit_2_after_the_read(
    signed_in: Cli,
) -> None:
    """Form first; the date a time falls on needs the day, so it is judged after reading."""
    signed_in.sim.seed_day(1, "OPENED", start=MORNING)
    result = signed_in("close", "--at", "2026-11-21T10:00:00+03:00", "--reason", "x")
    assert result.code == 2
    assert "start date" in result.err
    assert signed_in.writes() == []
    assert SECRET not in result.err


# -- the real entry point: real argv bytes and a real, strictly decoding stdin ----------------


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        (["login"], b"\xff\xfe\n"),
        (["start", "--tz=--", "--at", "09:00"], b""),
        (["close", "--at", "9999-12-31T23:59:59-12:00", "--reason", "x"], b""),
        ([b"start", b"--at", b"09:00", b"--reason", b"caf\xe9"], b""),
    ],
)
def test_the_installed_command_says_one_sentence_and_exits_2(
    argv: list[str] | list[bytes], stdin: bytes
) -> None:
    """Not signed in and no keyring here: a bad input must be judged before either."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    command: list[str | bytes] = [sys.executable, "-m", "tray_app", *argv]
    done = subprocess.run(command, input=stdin, capture_output=True, timeout=60, check=False)
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr
    assert done.stderr.startswith(b"timeman-tray: ")
    assert done.stderr.count(b"\n") == 1


def test_no_or_unreadable_standard_input_is_bad_input() -> None:
    """(A directory as stdin never gets here: Python itself refuses to start with it.)"""
    import io  # noqa: PLC0415

    from tray_app.cli.input import BadInput, read_webhook  # noqa: PLC0415

    with pytest.raises(BadInput, match="No webhook URL on standard input"):
        read_webhook(None)  # sys.stdin is None when file descriptor 0 is closed
    closed = io.StringIO()
    closed.close()
    with pytest.raises(BadInput, match="cannot be read"):
        read_webhook(closed)


@pytest.mark.parametrize("command", ["login", "logout"])
def test_demo_has_no_login_and_says_so_before_starting_anything(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from tray_app.startup.entry import main  # noqa: PLC0415

    with pytest.raises(SystemExit) as caught:
        main(["--demo", command])
    assert caught.value.code == 2
    assert "--demo stores nothing" in capsys.readouterr().err
