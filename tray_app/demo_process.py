"""The tray's ``--demo`` portal in a child process, started before Qt is imported.

Why a process: the portal is somebody else's server in real use, so the tray should not pay
for it. Started first, it boots on the other core while the tray imports Qt and shows its
icon, so the first status is not held up by the simulator's imports; the tray's memory and
CPU figures stay its own.

The child prints its webhook URL as the first line on stdout and serves until its stdin
closes: when the tray quits, and also when it dies, because the pipe closes with it.
"""

from __future__ import annotations

import select
import subprocess
import sys
import time
from typing import IO, Final

from tray_app.arguments import own_command

SERVE_FLAG: Final = "--serve-demo-portal"
"""The hidden option of ``timeman-tray`` that makes it the child (see tray_app/arguments.py)."""
_STOP_WAIT_S: Final = 5.0


class DemoPortalError(RuntimeError):
    """The demo portal process did not start or said something unexpected."""


class DemoPortalProcess:
    """A running child portal; :meth:`webhook_url` waits for it to be ready."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._url: str | None = None

    @classmethod
    def spawn(cls) -> DemoPortalProcess:
        """Start the child (it does not wait for it to listen)."""
        process = subprocess.Popen(  # noqa: S603  (our own program, fixed arguments)
            [*own_command(), SERVE_FLAG],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,  # its failures show up where ours do
        )
        return cls(process)

    def webhook_url(self, timeout_s: float = 15.0) -> str:
        """The portal's webhook URL, once it listens."""
        if self._url is None:
            line = _read_line(self._stdout(), timeout_s)
            if not line.startswith("http://127.0.0.1:"):
                code = self._process.poll()
                if not line:  # end of file: it is exiting
                    code = self._process.wait(_STOP_WAIT_S)
                raise DemoPortalError(
                    f"the demo portal did not start (exit code {code})"
                    if code is not None
                    else f"the demo portal said {line[:80]!r} instead of its address"
                )
            self._url = line
        return self._url

    @property
    def base_url(self) -> str | None:
        """``http://127.0.0.1:PORT`` once known."""
        if self._url is None:
            return None
        return self._url.split("/rest/", 1)[0]

    def stop(self) -> None:
        """Close its stdin (it stops serving and exits); kill it if it lingers."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            self._process.stdin.close()
        try:
            self._process.wait(_STOP_WAIT_S)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()

    def _stdout(self) -> IO[bytes]:
        assert self._process.stdout is not None
        return self._process.stdout


def _read_line(stream: IO[bytes], timeout_s: float) -> str:
    """One line from a pipe, waiting at most ``timeout_s`` (empty at end of file)."""
    deadline = time.monotonic() + timeout_s
    if sys.platform != "win32":  # select() works on pipes only on Unix; Windows just reads
        while not select.select([stream], [], [], max(0.0, deadline - time.monotonic()))[0]:
            if time.monotonic() >= deadline:
                raise DemoPortalError(f"the demo portal gave no address within {timeout_s:g} s")
    return stream.readline().decode("ascii", "replace").strip()


def serve(stdin: IO[bytes] | None = None, stdout: IO[str] | None = None) -> int:
    """The child: start the demo portal, print its webhook URL, serve until stdin closes."""
    from tray_app.demo_mode import DEMO_USER_ID, start_demo_portal  # noqa: PLC0415

    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout
    simulator = start_demo_portal()
    try:
        stdout.write(simulator.webhook_url(DEMO_USER_ID) + "\n")
        stdout.flush()
        while stdin.read(4096):
            pass
    finally:
        simulator.stop()
    return 0
