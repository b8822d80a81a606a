"""Wayland: idle time from the compositor's ``ext-idle-notify-v1`` protocol.

sway and the other wlroots compositors, KWin, Hyprland, niri and COSMIC offer the global
``ext_idle_notifier_v1``. A client asks it for a notification with a timeout and is told
``idled`` when the seat had no input for that long, ``resumed`` at the next input. There is no
"how long idle now" request: the reader asks for one notification with a short timeout
(:data:`NOTIFICATION_TIMEOUT_MS`) and counts from the moment ``idled`` arrived, so its answer is
0 during the first seconds of an absence and exact afterwards, which is all the away monitor
needs (it thinks in minutes).

No Wayland library is used: the reader speaks the wire protocol itself on its own connection
to the compositor's socket (``$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY``, beside Qt's connection);
the codec and the connection are :mod:`.wayland_wire`.

On the connection: ``wl_display`` (object 1) ``get_registry`` and ``sync``; the registry
announces the globals; the ``sync`` callback's ``done`` marks the end of them. The reader binds
``wl_seat`` (version 1: its events are ignored) and ``ext_idle_notifier_v1`` (version 1), asks
for the notification and checks with a second ``sync`` that the compositor took it. Both waits
are bounded (:data:`HANDSHAKE_TIMEOUT_S`); the application never hangs on a silent compositor.
Afterwards a ``QSocketNotifier`` on the GUI thread reads the events as they come and stamps
them with the monotonic clock.

The request is ``get_idle_notification``, which honours idle inhibitors: while a video player
inhibits idling, the reader reports no idle time, as the screen saver would not start either.

The connection breaking (the compositor closing it or sending ``wl_display.error``) is logged
once; the reader then answers None.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Mapping
from typing import Final

from PySide6.QtCore import QSocketNotifier

from tray_app.ui.away.idle.wayland_wire import (
    Message,
    Wire,
    WireBroken,
    WireError,
    encode,
    read_string,
    read_uint,
    socket_path,
)

__all__ = ["HANDSHAKE_TIMEOUT_S", "NOTIFICATION_TIMEOUT_MS", "WaylandIdle", "globals_of"]

log = logging.getLogger(__name__)

# The compositor says "idled" this long after the last input. Short, so the idle time the reader
# reports is exact from then on; long enough that the compositor is not woken at every pause in
# typing (each one that long costs an idled and a resumed event).
NOTIFICATION_TIMEOUT_MS: Final = 10_000
# How long the reader waits for the compositor's answers while it starts (on the GUI thread).
HANDSHAKE_TIMEOUT_S: Final = 1.0

# Object ids this client gives out, in the order it creates the objects (1 is wl_display).
DISPLAY_ID: Final = 1
REGISTRY_ID: Final = 2
FIRST_CALLBACK_ID: Final = 3
SEAT_ID: Final = 4
NOTIFIER_ID: Final = 5
NOTIFICATION_ID: Final = 6
SECOND_CALLBACK_ID: Final = 7

# Opcodes (wayland.xml, ext-idle-notify-v1.xml).
DISPLAY_SYNC: Final = 0
DISPLAY_GET_REGISTRY: Final = 1
DISPLAY_ERROR: Final = 0
REGISTRY_BIND: Final = 0
REGISTRY_GLOBAL: Final = 0
CALLBACK_DONE: Final = 0
NOTIFIER_DESTROY: Final = 0
NOTIFIER_GET_IDLE_NOTIFICATION: Final = 1
NOTIFICATION_DESTROY: Final = 0
NOTIFICATION_IDLED: Final = 0
NOTIFICATION_RESUMED: Final = 1

SEAT: Final = "wl_seat"
NOTIFIER: Final = "ext_idle_notifier_v1"


class WaylandIdle:
    """Idle time from ``ext_idle_notifier_v1`` (see the module docstring). Build it with
    :meth:`probe`."""

    name = "Wayland ext-idle-notify-v1"

    def __init__(
        self,
        wire: Wire,
        *,
        clock: Callable[[], float] = time.monotonic,
        timeout_ms: int = NOTIFICATION_TIMEOUT_MS,
    ) -> None:
        self._wire = wire
        self._open = True
        self._clock = clock
        self._timeout_ms = timeout_ms
        self._idle_since: float | None = None
        self._notification = False
        self._watcher: QSocketNotifier | None = None
        self.globals: dict[str, tuple[int, int]] = {}
        """The registry's globals while starting: interface -> (name, version), the first of
        each interface."""

    @classmethod
    def probe(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        timeout_ms: int = NOTIFICATION_TIMEOUT_MS,
        wait_s: float = HANDSHAKE_TIMEOUT_S,
    ) -> WaylandIdle | None:
        """The reader for the compositor of ``env`` (default ``os.environ``), or None when
        there is none, it offers no ``ext_idle_notifier_v1`` or does not answer within
        ``wait_s`` (the reason is logged)."""
        reader = cls._connect(os.environ if env is None else env, clock, timeout_ms)
        if reader is None:
            return None
        try:
            reader._start(wait_s)
        except (WireBroken, WireError) as reason:
            log.info("Wayland idle time unavailable: %s", reason)
            reader.close()
            return None
        reader._watch()
        return reader

    @classmethod
    def _connect(
        cls, env: Mapping[str, str], clock: Callable[[], float], timeout_ms: int
    ) -> WaylandIdle | None:
        path = socket_path(env)
        if path is None:
            return None
        try:
            wire = Wire.connect(path, HANDSHAKE_TIMEOUT_S)
        except OSError as error:
            log.info("Wayland idle time unavailable: cannot connect to %s: %s", path, error)
            return None
        return cls(wire, clock=clock, timeout_ms=timeout_ms)

    def _start(self, wait_s: float) -> None:
        self._list_globals(wait_s)
        for interface in (NOTIFIER, SEAT):
            if interface not in self.globals:
                raise WireBroken(f"the compositor offers no {interface}")
        seat_name, _ = self.globals[SEAT]
        notifier_name, _ = self.globals[NOTIFIER]
        self._wire.send(
            encode(REGISTRY_ID, REGISTRY_BIND, seat_name, SEAT, 1, SEAT_ID),
            encode(REGISTRY_ID, REGISTRY_BIND, notifier_name, NOTIFIER, 1, NOTIFIER_ID),
            encode(
                NOTIFIER_ID,
                NOTIFIER_GET_IDLE_NOTIFICATION,
                NOTIFICATION_ID,
                self._timeout_ms,
                SEAT_ID,
            ),
            encode(DISPLAY_ID, DISPLAY_SYNC, SECOND_CALLBACK_ID),
        )
        self._notification = True
        self._roundtrip(SECOND_CALLBACK_ID, wait_s)

    def _list_globals(self, wait_s: float) -> None:
        self._wire.send(
            encode(DISPLAY_ID, DISPLAY_GET_REGISTRY, REGISTRY_ID),
            encode(DISPLAY_ID, DISPLAY_SYNC, FIRST_CALLBACK_ID),
        )
        self._roundtrip(FIRST_CALLBACK_ID, wait_s)

    def _roundtrip(self, callback_id: int, wait_s: float) -> None:
        """Handle the events until ``callback_id`` is done, for at most ``wait_s`` seconds."""
        deadline = time.monotonic() + wait_s
        done = False
        while not done:
            if not self._wire.wait(deadline - time.monotonic()):
                raise WireBroken(f"the compositor did not answer within {wait_s:g} s")
            for message in self._wire.receive():
                if message.object_id == callback_id and message.opcode == CALLBACK_DONE:
                    done = True
                else:
                    self._handle(message)

    def _handle(self, message: Message) -> None:
        if message.object_id == DISPLAY_ID and message.opcode == DISPLAY_ERROR:
            object_id, offset = read_uint(message.body)
            code, offset = read_uint(message.body, offset)
            text, _ = read_string(message.body, offset)
            raise WireBroken(f"the compositor reported error {code} on object {object_id}: {text}")
        if message.object_id == REGISTRY_ID and message.opcode == REGISTRY_GLOBAL:
            name, offset = read_uint(message.body)
            interface, offset = read_string(message.body, offset)
            version, _ = read_uint(message.body, offset)
            self.globals.setdefault(interface, (name, version))
        elif message.object_id == NOTIFICATION_ID:
            if message.opcode == NOTIFICATION_IDLED:
                self._idle_since = self._clock()
            elif message.opcode == NOTIFICATION_RESUMED:
                self._idle_since = None
        # Anything else (delete_id, the seat's capabilities and name, global_remove) changes
        # nothing here.

    def _watch(self) -> None:
        self._watcher = QSocketNotifier(self._wire.fileno(), QSocketNotifier.Type.Read)
        self._watcher.activated.connect(self._readable)

    def _readable(self) -> None:
        if not self._open:
            return  # an activation Qt had queued before the notifier was disabled
        try:
            for message in self._wire.receive():
                self._handle(message)
        except (WireBroken, WireError) as reason:
            log.warning("Wayland idle time lost: %s", reason)
            self._notification = False  # nothing to destroy on a broken connection
            self._disconnect()  # not deleting the notifier: Qt is in its signal

    def idle_seconds(self) -> float | None:
        if not self._open:
            return None
        if self._idle_since is None:
            return 0.0
        return self._timeout_ms / 1000.0 + max(self._clock() - self._idle_since, 0.0)

    def close(self) -> None:
        if self._open and self._notification:
            with contextlib.suppress(WireBroken):  # closing anyway
                self._wire.send(
                    encode(NOTIFICATION_ID, NOTIFICATION_DESTROY),
                    encode(NOTIFIER_ID, NOTIFIER_DESTROY),
                )
        self._notification = False
        self._disconnect()
        self._watcher = None

    def _disconnect(self) -> None:
        if self._watcher is not None:
            self._watcher.setEnabled(False)
        if self._open:
            self._open = False
            self._wire.close()


def globals_of(
    env: Mapping[str, str] | None = None, wait_s: float = HANDSHAKE_TIMEOUT_S
) -> dict[str, int] | None:
    """The interfaces the compositor of ``env`` offers, with their versions (for diagnostics
    and tests); None when there is no compositor or it does not answer."""
    reader = WaylandIdle._connect(os.environ if env is None else env, time.monotonic, 0)
    if reader is None:
        return None
    try:
        reader._list_globals(wait_s)
    except (WireBroken, WireError) as reason:
        log.info("Wayland globals unavailable: %s", reason)
        return None
    finally:
        reader.close()
    return {interface: version for interface, (_, version) in reader.globals.items()}
