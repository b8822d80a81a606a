"""The installed program, run as a user would: a subprocess, a real Secret Service keyring
(gnome-keyring on a private D-Bus), the simulator over HTTPS trusted through SSL_CERT_FILE."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import NOW, SECRET, WRITES
from tray_app.demo import PortalSimulator, SimClock, SimUser

pytestmark = [pytest.mark.keyring, pytest.mark.e2e]


class Program:
    """``python -m tray_app`` with the environment of the test (isolated HOME and XDG)."""

    def __init__(self, sim: PortalSimulator) -> None:
        assert sim.ca_file is not None
        self.sim = sim
        self.env = {**os.environ, "SSL_CERT_FILE": str(sim.ca_file), "TZ": "Europe/Moscow"}

    def __call__(
        self, *argv: str, stdin: str = "", env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tray_app", *argv],
            input=stdin,
            capture_output=True,
            text=True,
            env=env or self.env,
            timeout=60,
            check=False,
        )

    def keyring_lookup(self) -> subprocess.CompletedProcess[str]:
        username = f"127.0.0.1:{self.sim.port}/1"
        return subprocess.run(
            ["secret-tool", "lookup", "service", "timeman-tray", "username", username],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=30,
            check=False,
        )


@pytest.fixture
def program() -> Iterator[Program]:
    with PortalSimulator(clock=SimClock(start=NOW)) as sim:
        sim.add_user(SimUser(user_id=1, secret=SECRET, schedule="FIXED"))
        yield Program(sim)


def everything_written_by_the_app() -> str:
    """The settings and logs the program left under the isolated HOME/XDG folders."""
    texts = []
    for variable in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        root = Path(os.environ[variable])
        for path in root.rglob("*"):
            if path.is_file() and "keyrings" not in path.parts:
                texts.append(path.read_text(errors="replace"))
    return "\n".join(texts)


def test_a_day_from_the_command_line_with_the_real_keyring(program: Program) -> None:
    sim = program.sim
    login = program("login", stdin=sim.webhook_url(1) + "\n")
    assert login.returncode == 0, login.stderr
    assert f"Signed in as Anna Ivanova (user 1) at {sim.base_url}" in login.stdout
    assert program.keyring_lookup().stdout == SECRET

    reason = "Опоздал из-за пробок"
    start = program("start", "--at", "09:05", "--reason", reason)
    assert start.returncode == 0, start.stderr
    sim.clock.advance(timedelta(hours=2))
    assert program("pause").returncode == 0
    sim.clock.advance(timedelta(minutes=20))
    assert program("resume").returncode == 0
    status = json.loads(program("status", "--json").stdout)
    assert status["status"] == "OPENED"
    assert status["started_at"] == "2026-11-20T09:05:00+03:00"
    assert status["break_seconds"] == 20 * 60
    close = program("close", "--at", "14:00", "--reason", "Врач")
    assert close.returncode == 0, close.stderr
    assert "Workday closed at 14:00: worked 4:35, breaks 0:20." in close.stdout

    writes = [(r.rest_method, r.json) for r in sim.requests if r.rest_method in WRITES]
    assert writes == [
        ("timeman.open", {"TIME": "2026-11-20T09:05:00+03:00", "REPORT": reason}),
        ("timeman.pause", {}),
        ("timeman.open", {}),
        ("timeman.close", {"TIME": "2026-11-20T14:00:00+03:00", "REPORT": "Врач"}),
    ]
    for request in sim.requests:
        assert request.http_method == "POST"
        assert request.headers["user-agent"].startswith("timeman-tray/")
        assert request.headers["accept"] == "application/json"
    assert SECRET not in everything_written_by_the_app()

    logout = program("logout")
    assert logout.returncode == 0
    assert program.keyring_lookup().stdout == ""
    assert program("status").returncode == 3


def test_a_failed_login_stores_nothing(program: Program) -> None:
    wrong = program.sim.webhook_url(1).replace(SECRET, "wrongsecret12345")
    result = program("login", stdin=wrong + "\n")
    assert result.returncode == 3
    assert "does not accept this webhook" in result.stderr
    assert "wrongsecret12345" not in result.stderr + result.stdout
    assert program.keyring_lookup().stdout == ""
    assert everything_written_by_the_app().find("portal_url") == -1


def test_no_usable_keyring_is_a_clear_message(program: Program) -> None:
    env = {**program.env, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = program("login", stdin=program.sim.webhook_url(1) + "\n", env=env)
    assert result.returncode == 3
    assert "keyring" in result.stderr.lower()
    assert "Nothing was stored" in result.stderr
    assert SECRET not in result.stderr
    assert "portal_url" not in everything_written_by_the_app()


def test_an_untrusted_certificate_says_what_to_do(program: Program) -> None:
    env = {key: value for key, value in program.env.items() if key != "SSL_CERT_FILE"}
    result = program("login", stdin=program.sim.webhook_url(1) + "\n", env=env)
    assert result.returncode == 4
    assert "not trusted" in result.stderr
    assert "CA file" in result.stderr
    assert SECRET not in result.stderr


def test_version_and_help() -> None:
    from tray_app import __version__  # noqa: PLC0415

    version = subprocess.run(
        [sys.executable, "-m", "tray_app", "--version"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert version.stdout == f"timeman-tray {__version__}\n"
