"""What the running app is given by its start-up: how to reach the portal, and how to serve
later launches. The app object (``application.py``) opens windows; what it talks to is built
in one place outside the UI, ``tray_app/startup/tray_wiring.py`` (the composition root), and
handed over as these values, so no window module imports the start-up path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from tray_app.config.settings import Settings
    from tray_app.ui.state.worker import ClientFactory, FirstReading


class HeldLock(Protocol):
    """The per-user lock the start-up took (only one tray per person)."""

    def release(self) -> None: ...


class DemoPortal(Protocol):
    """The built-in demo portal's process (``--demo``)."""

    @property
    def base_url(self) -> str | None: ...


ServeCommands = Callable[["QObject", HeldLock, Callable[[str], None]], HeldLock]
"""``serve(parent, lock, on_command)``: listen for later launches and the CLI (it takes the
lock over: release what it returns at quit)."""


def _no_first_reading(_settings: Settings) -> FirstReading | None:
    return None


@dataclass(frozen=True)
class PortalSide:
    """The portal as the app reaches it."""

    client_factory: ClientFactory
    """Makes the worker's client, on the worker's thread (the keyring may be slow)."""
    first_reading: Callable[[Settings], FirstReading | None] = _no_first_reading
    """The first status a child process read for these settings' account, if any."""
    demo_portal: DemoPortal | None = None
    """The demo portal, when the app runs ``--demo`` (it keeps nothing then)."""
