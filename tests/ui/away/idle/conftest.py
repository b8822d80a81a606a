"""A private D-Bus per test, the stand-in desktop on it, and a Qt connection to it.

* ``bus_address``: a fresh ``dbus-daemon --session`` (as tests/e2e/desktop.py starts one),
  stopped after the test.
* ``desktop_services``: starts :mod:`tests.ui.away.idle.fake_desktop` with the services asked for;
  ``.send("lock 1")`` commands it and waits for its ``ok``.
* ``connection``: a ``QDBusConnection`` of this process to the private bus (the readers get it
  as their session or system bus).
* ``compositor``: starts a :class:`tests.ui.away.idle.fake_compositor.FakeCompositor` (a
  stand-in Wayland compositor) in a fresh 0700 folder; ``.env`` points a client at it.

A missing ``dbus-daemon`` skips (a failure under ``CI=true``, tests/conftest.py).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection

from tests.child_lines import ChildLines
from tests.e2e.desktop import ROOT, DesktopError
from tests.session_bus import BusError, SessionBus
from tests.ui.away.idle.fake_compositor import FakeCompositor

INSTALL_HINT = "sudo apt-get install -y --no-install-recommends dbus"
_names = itertools.count()
StartCompositor = Callable[..., FakeCompositor]


class FakeDesktop:
    """The running :mod:`tests.ui.away.idle.fake_desktop` process."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        assert process.stdout is not None
        self._lines = ChildLines(process.stdout)

    def expect(self, word: str, timeout_s: float = 10.0) -> None:
        """Wait for the next line, which must be ``word`` (it prints one line per command)."""
        line = self._lines.next(timeout_s) or "<nothing in time>"
        if line.strip() != word:
            if self.process.poll() is None:
                self.process.kill()
            assert self.process.stderr is not None
            raise DesktopError(f"the fake desktop said {line!r}: {self.process.stderr.read()}")

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        self.expect("ok")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def bus_address() -> Iterator[str]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip(f"dbus-daemon not found; install with: {INSTALL_HINT}")
    try:
        daemon = SessionBus.start()
    except BusError as error:
        raise DesktopError(str(error)) from None
    try:
        yield daemon.address
    finally:
        daemon.stop()


@pytest.fixture
def desktop_services(bus_address: str) -> Iterator[Callable[..., FakeDesktop]]:
    started: list[FakeDesktop] = []

    def start(*services: str) -> FakeDesktop:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.away.idle.fake_desktop", *services],
            cwd=Path(ROOT),
            env={
                **os.environ,
                "DBUS_SESSION_BUS_ADDRESS": bus_address,
                "QT_QPA_PLATFORM": "offscreen",
            },
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        fake = FakeDesktop(process)
        started.append(fake)
        fake.expect("ready")
        return fake

    try:
        yield start
    finally:
        for fake in started:
            fake.stop()


@pytest.fixture
def connection(bus_address: str, qapp: object) -> Iterator[QDBusConnection]:
    name = f"tm-idle-test-{next(_names)}"
    bus = QDBusConnection.connectToBus(bus_address, name)
    assert bus.isConnected(), bus.lastError().message()
    try:
        yield bus
    finally:
        QDBusConnection.disconnectFromBus(name)


@pytest.fixture
def compositor() -> Iterator[StartCompositor]:
    started: list[FakeCompositor] = []
    # Not tmp_path: a UNIX socket's path must stay under 108 bytes.
    with tempfile.TemporaryDirectory(prefix="wl-") as name:
        folder = Path(name)
        folder.chmod(0o700)

        def start(**options: object) -> FakeCompositor:
            fake = FakeCompositor(folder, **options)  # type: ignore[arg-type]
            started.append(fake)
            return fake

        try:
            yield start
        finally:
            for fake in started:
                fake.stop()
