"""``--demo`` runs its portal as a child process that lives exactly as long as its stdin, and
hands the tray its address and the first read of the day."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest

from tray_app.core.workday import DayState
from tray_app.services.first_day import reading_from
from tray_app.startup.arguments import own_command
from tray_app.startup.demo_child import DemoPortalError, DemoPortalProcess, serve

ADDRESS = "http://127.0.0.1:9/rest/1/d3m0S3cr3tK3y000/"


def _status(url: str) -> dict[str, object]:
    assert url.startswith("http://127.0.0.1:")
    request = urllib.request.Request(  # noqa: S310  (checked: http on loopback)
        url + "timeman.status", data=b"{}", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        document: dict[str, object] = json.load(answer)
    return document


def _python(code: str) -> DemoPortalProcess:
    return DemoPortalProcess(
        subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
    )


def test_the_child_serves_a_day_in_progress_until_stopped() -> None:
    portal = DemoPortalProcess.spawn()
    try:
        assert portal.base_url is None  # not known before it said so
        url = portal.webhook_url()
        assert url.startswith("http://127.0.0.1:")
        assert portal.webhook_url() == url  # read once, kept
        assert portal.base_url is not None
        assert url.startswith(portal.base_url + "/rest/1/")
        result = _status(url)["result"]
        assert isinstance(result, dict)
        assert result["STATUS"] == "OPENED"
        first = reading_from(portal.first_day())
        assert first is not None
        assert first[0].workday.state is DayState.OPENED
        assert portal.first_day() is None  # once
    finally:
        portal.stop()
    assert portal._process.returncode == 0
    with pytest.raises(urllib.error.URLError, match="refused"):
        _status(url)


def test_the_child_ends_when_its_parent_goes_away() -> None:
    """The tray killed: its end of the pipe closes, and the portal follows it."""
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import subprocess, sys; child = subprocess.Popen(sys.argv[1:], "
            "stdin=subprocess.PIPE, stdout=subprocess.PIPE); print(child.pid, flush=True); "
            "child.stdout.readline(); sys.exit(0)",
            *own_command(),
            "--serve-demo-portal",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    with parent.stdout:
        child_pid = int(parent.stdout.readline())
    assert parent.wait(30) == 0
    # The child is not ours to wait for: poll /proc until it is gone.
    deadline = threading.Event()
    for _ in range(100):
        try:
            with open(f"/proc/{child_pid}/stat", encoding="ascii") as stat:
                if stat.read().split()[2] == "Z":
                    break
        except FileNotFoundError:
            break
        deadline.wait(0.1)
    else:
        pytest.fail(f"the demo portal {child_pid} outlived its parent")


def test_a_child_that_exits_at_once_is_reported_with_its_code() -> None:
    portal = _python("import sys; sys.exit(3)")
    with pytest.raises(DemoPortalError, match="exit code 3"):
        portal.webhook_url()
    portal.stop()


def test_a_child_that_says_something_else_is_reported() -> None:
    portal = _python("import sys; print('Traceback: boom', flush=True); sys.stdin.read()")
    with pytest.raises(DemoPortalError, match="Traceback"):
        portal.webhook_url()
    portal.stop()


def test_a_silent_child_times_out_and_is_killed_when_it_ignores_stdin() -> None:
    portal = _python("import time; time.sleep(60)")
    with pytest.raises(DemoPortalError, match=r"no address within 0\.2 s"):
        portal.webhook_url(timeout_s=0.2)
    portal.stop()
    assert portal._process.returncode is not None


def test_both_lines_in_one_read_are_both_taken() -> None:
    """The address and the day may reach the pipe together: the day is not waited for again."""
    portal = _python(
        f'print({ADDRESS!r} + chr(10) + \'{{"error": "moved"}}\', flush=True); '
        "import sys; sys.stdin.read()"
    )
    try:
        assert portal.webhook_url() == ADDRESS
        assert portal.first_day(timeout_s=5) == {"error": "moved"}
    finally:
        portal.stop()


def test_a_child_that_never_reads_the_day_gives_none() -> None:
    portal = _python(f"print({ADDRESS!r}, flush=True); import sys; sys.stdin.read()")
    try:
        assert portal.first_day(timeout_s=0.2) is None
        assert portal.webhook_url() == ADDRESS
    finally:
        portal.stop()


def test_serve_prints_the_address_and_stops_at_end_of_input() -> None:
    out = io.StringIO()
    finished = threading.Event()

    class Input(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            finished.wait(10)
            return b""

    worker = threading.Thread(target=lambda: serve(Input(), out))  # type: ignore[arg-type]
    worker.start()
    for _ in range(200):
        if out.getvalue().count("\n") == 2:
            break
        threading.Event().wait(0.05)
    url, day = out.getvalue().splitlines()
    assert _status(url)["result"]
    assert reading_from(json.loads(day)) is not None
    finished.set()
    worker.join(10)
    assert not worker.is_alive()
    with pytest.raises(urllib.error.URLError, match="refused"):
        _status(url)


def test_serve_ends_quietly_when_the_tray_is_gone_before_it_reads() -> None:
    class Gone(io.StringIO):
        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    class Input(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            raise AssertionError("no input is read once the tray is gone")

    out = Gone()
    assert serve(Input(), out) == 0  # type: ignore[arg-type]
    url = out.getvalue().strip()
    with pytest.raises(urllib.error.URLError, match="refused"):
        _status(url)  # the portal stopped with it
