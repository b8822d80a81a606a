"""The portal the benchmark hosts: the demo day on the simulator, over HTTPS on loopback, with
its own CA; and the signed-in account of the app (``timeman-tray login``) on it.

Hosted in the benchmark's process, so that its work is not counted as a program's and every
request a program sends is seen. Both the app and the HTTPS floor (tools/bare_tray.py
``--https``) trust the simulator's CA file, and read the same day from it.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Final

from benchmarks.starts import Unavailable, tail
from tests.e2e.desktop import ROOT, Desktop

if TYPE_CHECKING:
    from tray_app.demo import PortalSimulator

FLOOR_METHOD: Final = "timeman.status"
"""What the HTTPS floor asks (the app's first read is a ``batch`` of it and the settings)."""


@contextlib.contextmanager
def hosted_portal() -> Iterator[PortalSimulator]:
    """The demo portal (a day in progress) over HTTPS, stopped at the end."""
    from tray_app.startup.demo_mode import start_demo_portal  # noqa: PLC0415

    simulator = start_demo_portal(tls=True)
    try:
        yield simulator
    finally:
        simulator.stop()


def floor_url(simulator: PortalSimulator) -> str:
    from tray_app.startup.demo_mode import DEMO_USER_ID  # noqa: PLC0415

    return simulator.webhook_url(DEMO_USER_ID) + FLOOR_METHOD


def ca_file(simulator: PortalSimulator) -> str:
    if simulator.ca_file is None:
        raise Unavailable("the simulator serves no HTTPS")
    return str(simulator.ca_file)


def sign_in(
    desktop: Desktop,
    simulator: PortalSimulator,
    poll_seconds: int,
    env_extra: Mapping[str, str] | None = None,
) -> None:
    """``timeman-tray login --ca-file`` with the webhook on stdin (the secret goes to the
    desktop's keyring), then the settings' poll interval; ``env_extra``: another copy's
    HOME and XDG folders."""
    env = {**desktop.env, **(env_extra or {})}
    from tray_app.startup.demo_mode import DEMO_USER_ID  # noqa: PLC0415

    login = subprocess.run(  # noqa: S603  (our interpreter, our program)
        [sys.executable, "-m", "tray_app", "login", "--ca-file", ca_file(simulator)],
        input=simulator.webhook_url(DEMO_USER_ID) + "\n",
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if login.returncode != 0:
        raise Unavailable(
            f"'timeman-tray login' exited with {login.returncode}:\n"
            f"{tail(login.stdout + login.stderr)}"
        )
    change = subprocess.run(  # noqa: S603  (our interpreter, our constant script)
        [sys.executable, "-c", _SET_POLL_INTERVAL, str(poll_seconds)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if change.returncode != 0:
        raise Unavailable(f"could not set poll_interval_s:\n{tail(change.stderr)}")
    simulator.clear_requests()  # the login's own requests


_SET_POLL_INTERVAL: Final = """
import dataclasses, sys
from tray_app.config.settings_file import load_settings, save_settings
settings = load_settings()
save_settings(dataclasses.replace(settings, poll_interval_s=int(sys.argv[1])))
"""
