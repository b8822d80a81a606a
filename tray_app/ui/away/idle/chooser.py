"""Pick the idle and lock readers that work on this system.

Idle time, the first that answers:

- Windows: ``GetLastInputInfo``; macOS: CoreGraphics;
- Linux and the BSDs, an X11 session: the MIT-SCREEN-SAVER extension;
- then, on Wayland or when that fails: GNOME's Mutter idle monitor, the compositor's
  ``ext-idle-notify-v1`` (sway and the wlroots family, KWin, Hyprland, niri, COSMIC), then
  ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (KDE, the GNOME-screensaver family).

Under a Wayland compositor other than GNOME's (``WAYLAND_DISPLAY`` set, ``GNOME`` not in
``XDG_CURRENT_DESKTOP``) ``ext-idle-notify-v1`` comes first: it is the compositor's own word on
input, and newer Plasma refuses ``GetSessionIdleTime`` to ordinary clients. On GNOME, Mutter's
monitor stays first: it answers with the exact idle time, the Wayland reader only after its
notification's timeout (:mod:`tray_app.ui.away.idle.wayland`).

The lock state, from every one that answers (any "locked" wins): GNOME's screen saver,
``org.freedesktop.ScreenSaver``, logind's ``LockedHint`` (system bus). Windows and macOS have no
lock reader: a locked screen there shows as time without input.

When no idle reader works, the source detects the lock and sleep, or sleep only, and its
:meth:`~tray_app.ui.away.idle.base.IdleSource.describe` says so for the settings.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from tray_app.ui.away.idle.base import CombinedSource, IdleReader, LockReader

__all__ = ["choose_source", "is_wayland"]

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # without importing QtDBus at import time
    from PySide6.QtDBus import QDBusConnection


def is_wayland(env: Mapping[str, str]) -> bool:
    return env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or bool(env.get("WAYLAND_DISPLAY"))


def choose_source(
    *,
    platform: str = sys.platform,
    env: Mapping[str, str] | None = None,
    session_bus: QDBusConnection | None = None,
    system_bus: QDBusConnection | None = None,
) -> CombinedSource:
    """The best source here. ``session_bus``/``system_bus`` default to the user's buses (tests
    pass connections to a private bus); ``env`` to ``os.environ``."""
    environment = os.environ if env is None else env
    if platform == "win32":
        from tray_app.ui.away.idle.windows import WindowsIdle  # noqa: PLC0415

        return _combined(WindowsIdle.open(), [])
    if platform == "darwin":
        from tray_app.ui.away.idle.macos import MacIdle  # noqa: PLC0415

        return _combined(MacIdle.open(), [])
    session, system = _buses(session_bus, system_bus)
    idle = _first(_idle_candidates(environment, session))
    locks = [reader for reader in (make() for make in _lock_candidates(session, system)) if reader]
    return _combined(idle, locks)


def _combined(idle: IdleReader | None, locks: Sequence[LockReader]) -> CombinedSource:
    source = CombinedSource(idle, locks)
    log.info("away detection: %s", source.describe())
    return source


def _buses(
    session: QDBusConnection | None, system: QDBusConnection | None
) -> tuple[QDBusConnection, QDBusConnection]:
    from PySide6.QtDBus import QDBusConnection  # noqa: PLC0415

    return (
        QDBusConnection.sessionBus() if session is None else session,
        QDBusConnection.systemBus() if system is None else system,
    )


def _first(candidates: Sequence[Callable[[], IdleReader | None]]) -> IdleReader | None:
    for make in candidates:
        reader = make()
        if reader is not None:
            return reader
    return None


def _idle_candidates(
    env: Mapping[str, str], session: QDBusConnection
) -> list[Callable[[], IdleReader | None]]:
    from tray_app.ui.away.idle.freedesktop import FreedesktopIdle  # noqa: PLC0415
    from tray_app.ui.away.idle.gnome import MutterIdle  # noqa: PLC0415
    from tray_app.ui.away.idle.wayland import WaylandIdle  # noqa: PLC0415
    from tray_app.ui.away.idle.x11 import X11Idle  # noqa: PLC0415

    candidates: list[Callable[[], IdleReader | None]] = []
    display = env.get("DISPLAY", "")
    if display and not is_wayland(env):
        candidates.append(lambda: X11Idle.open(display))
    desktops = env.get("XDG_CURRENT_DESKTOP", "").upper().split(":")
    wayland_first = bool(env.get("WAYLAND_DISPLAY")) and "GNOME" not in desktops
    if wayland_first:
        candidates.append(lambda: WaylandIdle.probe(env))
    candidates.append(lambda: MutterIdle.probe(session))
    if not wayland_first:
        candidates.append(lambda: WaylandIdle.probe(env))
    candidates.append(lambda: FreedesktopIdle.probe(session, milliseconds="KDE" in desktops))
    return candidates


def _lock_candidates(
    session: QDBusConnection, system: QDBusConnection
) -> list[Callable[[], LockReader | None]]:
    from tray_app.ui.away.idle.freedesktop import FreedesktopLock  # noqa: PLC0415
    from tray_app.ui.away.idle.gnome import GnomeScreenSaverLock  # noqa: PLC0415
    from tray_app.ui.away.idle.logind import LogindLock  # noqa: PLC0415

    return [
        lambda: GnomeScreenSaverLock.probe(session),
        lambda: FreedesktopLock.probe(session),
        lambda: LogindLock.probe(system),
    ]
