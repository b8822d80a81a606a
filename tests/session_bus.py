"""A private D-Bus session bus for tests, started one way: the Xvfb desktop
(tests/e2e/desktop.py), the real keyring (tests/keyring_session.py), the notifier's and the idle
readers' tests use it, so that nothing reaches the person's own bus.

``dbus-daemon --nofork --print-address=1``: the first line it prints is its address, and it
runs until it is terminated.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

BUS_CONFIG: Final = """<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir={listen}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>{services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
"""A session bus whose activatable services are only those of one folder."""


class BusError(RuntimeError):
    """The bus did not start."""


def write_bus_config(path: Path, services: Path, listen: Path = Path("/tmp")) -> Path:
    """A configuration at ``path``: services from ``services``, its socket in ``listen``."""
    path.write_text(BUS_CONFIG.format(listen=listen, services=services), encoding="utf-8")
    return path


@dataclass
class SessionBus:
    """A running private bus; :meth:`stop` it (also after a failed test)."""

    process: subprocess.Popen[str]
    address: str

    @classmethod
    def start(cls, config: Path | None = None, env: Mapping[str, str] | None = None) -> SessionBus:
        """Start a bus with ``config`` (the standard session configuration when None)."""
        kind = f"--config-file={config}" if config is not None else "--session"
        process = subprocess.Popen(
            ["dbus-daemon", kind, "--nofork", "--print-address=1"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=None if env is None else dict(env),
            text=True,
        )
        assert process.stdout is not None
        address = process.stdout.readline().strip()
        process.stdout.close()
        bus = cls(process, address)
        if not address:
            bus.stop()
            raise BusError("dbus-daemon did not print its address")
        return bus

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
