"""``python -m tray_app.demo`` runs a portal in the foreground until interrupted."""

from __future__ import annotations

import os
import signal
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tray_app.demo.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> tuple[dict[str, str], str]:
    """Start the CLI, read its banner, call it once, stop it with SIGINT."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tray_app.demo", *args]
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        banner: dict[str, str] = {}
        for line in process.stdout:
            if line.startswith("Ctrl-C"):
                break
            name, _, value = line.partition(":")
            banner[name.strip()] = value.strip()
        try:
            ca = banner.get("CA file")
            verify = ssl.create_default_context(cafile=ca) if ca else True
            with httpx.Client(verify=verify, timeout=5) as http:
                answer = http.post(banner["Webhook"] + "timeman.status").text
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(10)
        assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    return banner, answer


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX-only here")
def test_cli_https() -> None:
    banner, answer = run_cli("--https", "--secret", "clisecret123", "--seed", "OPENED")
    assert banner["Webhook"].startswith("https://127.0.0.1:")
    assert banner["Webhook"].endswith("/rest/1/clisecret123/")
    assert Path(banner["CA file"]).name == "simulator-ca.pem"
    assert '"STATUS":"OPENED"' in answer


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX-only here")
def test_cli_plain_http_needs_allow_http() -> None:
    _, refused = run_cli()
    assert "Https required." in refused
    banner, answer = run_cli("--allow-http", "--schedule", "FLEXTIME")
    assert banner["Webhook"].startswith("http://127.0.0.1:")
    assert answer.startswith('{"result":{"STATUS":"CLOSED"}')


def test_cli_rejects_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--seed", "SLEEPING"])
    assert "invalid choice" in capsys.readouterr().err
