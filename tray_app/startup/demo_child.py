"""The tray's ``--demo`` portal in a child process, started before Qt is imported.

Why a process: the portal is somebody else's server in real use, so the tray should not pay
for it. Started first, it boots on the other core while the tray imports Qt and shows its
icon, so the first status is not held up by the simulator's imports; the tray's memory and
CPU figures stay its own.

The child prints its webhook URL as the first line on stdout, then the day as the tray's
first read finds it (tray_app/services/first_day.py) as the second, and serves until its stdin
closes: when the tray quits, and also when it dies, because the pipe closes with it.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from typing import IO, Final

from tray_app.startup.arguments import own_command

SERVE_FLAG: Final = "--serve-demo-portal"
"""The hidden option of ``timeman-tray`` that makes it the child (startup/arguments.py)."""
_STOP_WAIT_S: Final = 5.0


class DemoPortalError(RuntimeError):
    """The demo portal process did not start or said something unexpected."""


class DemoPortalProcess:
    """A running child portal; :meth:`webhook_url` waits for it to be ready."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._url: str | None = None
        self._first_day_read = False
        self._pending = b""  # read from the pipe past the last line taken

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
            line = self._read_line(timeout_s, "gave no address")
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

    def first_day(self, timeout_s: float = 15.0) -> object:
        """The child's first read of the day (its document), once; None when it has none."""
        self.webhook_url(timeout_s)
        if self._first_day_read:
            return None
        self._first_day_read = True
        try:
            return json.loads(self._read_line(timeout_s, "did not read the day") or "null")
        except (DemoPortalError, json.JSONDecodeError):
            return None

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

    def _read_line(self, timeout_s: float, silence: str) -> str:
        """The child's next line, waiting at most ``timeout_s`` (empty at end of file).

        Read with ``os.read`` into our own buffer: a buffered ``readline`` may take the next
        line too, and ``select`` then waits for bytes already read."""
        assert self._process.stdout is not None
        fd = self._process.stdout.fileno()
        deadline = time.monotonic() + timeout_s
        while b"\n" not in self._pending:
            # select() works on pipes only on Unix; Windows just reads.
            if (
                sys.platform != "win32"
                and not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]
            ):
                raise DemoPortalError(f"the demo portal {silence} within {timeout_s:g} s")
            chunk = os.read(fd, 65536)
            if not chunk:
                break  # end of file
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return line.decode("utf-8", "replace").strip()


def serve(stdin: IO[bytes] | None = None, stdout: IO[str] | None = None) -> int:
    """The child: start the demo portal, print its webhook URL, serve until stdin closes."""
    from tray_app.startup.demo_mode import DEMO_USER_ID, start_demo_portal  # noqa: PLC0415

    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout
    simulator = start_demo_portal()
    try:
        url = simulator.webhook_url(DEMO_USER_ID)
        stdout.write(url + "\n")
        stdout.flush()
        # The HTTP stack only now: the address is what the tray waits for first.
        from tray_app.api.transport import TransportOptions  # noqa: PLC0415
        from tray_app.api.webhook import Webhook  # noqa: PLC0415
        from tray_app.services.first_day import read_in_child  # noqa: PLC0415

        first_day = read_in_child(Webhook.parse(url), TransportOptions())
        stdout.write(json.dumps(first_day, ensure_ascii=False) + "\n")
        stdout.flush()
        while stdin.read(4096):
            pass
    except BrokenPipeError:
        # The tray went before reading (it could not start: no display, say). Its own message
        # says why; a traceback of ours under it would only mislead.
        pass
    finally:
        simulator.stop()
    return 0
