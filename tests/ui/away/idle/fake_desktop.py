"""A stand-in desktop on a private D-Bus: the services the idle readers ask, with real types.

Run as ``python -m tests.ui.away.idle.fake_desktop NAME...`` with ``DBUS_SESSION_BUS_ADDRESS``
set; the names choose the services to publish:

- ``mutter``: ``org.gnome.Mutter.IdleMonitor`` (``GetIdletime() -> t``, milliseconds);
- ``gnome-screensaver``: ``org.gnome.ScreenSaver`` (``GetActive() -> b``, ``ActiveChanged(b)``);
- ``freedesktop``: ``org.freedesktop.ScreenSaver`` (``GetSessionIdleTime() -> u``,
  ``GetActive() -> b``, ``ActiveChanged(b)``);
- ``freedesktop-refusing``: the same, but ``GetSessionIdleTime`` answers NotSupported (Plasma
  on Wayland);
- ``logind``: ``org.freedesktop.login1`` with ``/org/freedesktop/login1/session/auto``'s
  ``LockedHint`` property (a test uses this bus as the system bus).

It prints ``ready`` once every name is owned, then reads commands from stdin, one per line,
and answers each with ``ok``:

- ``idle MS``: the idle time Mutter reports (and ``GetSessionIdleTime``, in its ``unit``);
- ``unit ms|s``: the unit of ``GetSessionIdleTime`` (KDE: ms; the GNOME-screensaver family: s);
- ``lock 1|0``: lock or unlock (every lock service, with ``ActiveChanged`` signals);
- ``hang SECONDS``: the next method call answers only after this long;
- ``quit``.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSocketNotifier,
    Slot,
)
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVariant, QDBusVirtualObject

NOT_SUPPORTED = "org.freedesktop.DBus.Error.NotSupported"
UNKNOWN_PROPERTY = "org.freedesktop.DBus.Error.UnknownProperty"


class State:
    idle_ms = 0
    seconds_unit = False
    locked = False
    hang_s = 0.0

    def maybe_hang(self) -> None:
        if self.hang_s:
            delay, self.hang_s = self.hang_s, 0.0
            time.sleep(delay)


STATE = State()


class Mutter(QObject):
    @Slot(result="qulonglong")
    def GetIdletime(self) -> int:
        STATE.maybe_hang()
        return STATE.idle_ms


class GnomeScreenSaver(QObject):
    @Slot(result=bool)
    def GetActive(self) -> bool:
        STATE.maybe_hang()
        return STATE.locked


class FreedesktopScreenSaver(QObject):
    @Slot(result="uint")
    def GetSessionIdleTime(self) -> int:
        STATE.maybe_hang()
        return STATE.idle_ms // 1000 if STATE.seconds_unit else STATE.idle_ms

    @Slot(result=bool)
    def GetActive(self) -> bool:
        STATE.maybe_hang()
        return STATE.locked


class Handwritten(QDBusVirtualObject):
    """An object whose replies are built by hand: errors, and variants (``Properties.Get``).
    (A Python ``int`` would go out as ``i``: methods answering other integer types are slots
    of the classes above.)"""

    def __init__(self, bus: QDBusConnection, path: str, interface: str) -> None:
        super().__init__()
        self.bus = bus
        self.path = path
        self.interface = interface

    def introspect(self, path: str) -> str:
        return ""

    def answer(self, member: str, arguments: list[object]) -> list[object] | tuple[str, str]:
        raise NotImplementedError

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        STATE.maybe_hang()
        answer = self.answer(message.member(), list(message.arguments()))
        if isinstance(answer, tuple):
            reply = message.createErrorReply(*answer)
        else:
            reply = message.createReply()
            reply.setArguments(answer)
        return connection.send(reply)


class RefusingScreenSaver(Handwritten):
    """``org.freedesktop.ScreenSaver`` as Plasma on Wayland has it: no idle time."""

    def answer(self, member: str, arguments: list[object]) -> list[object] | tuple[str, str]:
        if member == "GetActive":
            return [STATE.locked]
        return (NOT_SUPPORTED, f"{member} is not supported on this platform")


class LogindSession(Handwritten):
    """``org.freedesktop.login1.Session``: only ``LockedHint``, read through Properties."""

    def answer(self, member: str, arguments: list[object]) -> list[object] | tuple[str, str]:
        if member == "Get" and arguments == [self.interface, "LockedHint"]:
            return [QDBusVariant(STATE.locked)]
        return (UNKNOWN_PROPERTY, f"no {member} {arguments}")


# name: (service, object path, interface, class)
SERVICES: dict[str, tuple[str, str, str, type[QObject] | type[Handwritten]]] = {
    "mutter": (
        "org.gnome.Mutter.IdleMonitor",
        "/org/gnome/Mutter/IdleMonitor/Core",
        "org.gnome.Mutter.IdleMonitor",
        Mutter,
    ),
    "gnome-screensaver": (
        "org.gnome.ScreenSaver",
        "/org/gnome/ScreenSaver",
        "org.gnome.ScreenSaver",
        GnomeScreenSaver,
    ),
    "freedesktop": (
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
        FreedesktopScreenSaver,
    ),
    "freedesktop-refusing": (
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
        RefusingScreenSaver,
    ),
    "logind": (
        "org.freedesktop.login1",
        "/org/freedesktop/login1/session/auto",
        "org.freedesktop.login1.Session",
        LogindSession,
    ),
}
ANNOUNCING = frozenset({"gnome-screensaver", "freedesktop", "freedesktop-refusing"})
EXPORT = QDBusConnection.RegisterOption.ExportAllSlots


def main(names: list[str]) -> int:
    app = QCoreApplication([])
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        print("no session bus", file=sys.stderr)
        return 2
    objects: list[QObject] = []
    announcers: list[tuple[str, str]] = []  # (path, interface) of the ActiveChanged signals
    for name in names:
        service, path, interface, kind = SERVICES[name]
        obj: QObject
        if issubclass(kind, Handwritten):
            handwritten = kind(bus, path, interface)
            published = bus.registerVirtualObject(path, handwritten)
            obj = handwritten
        else:
            obj = kind()
            published = bus.registerObject(path, interface, obj, EXPORT)
        if not published or not bus.registerService(service):
            print(f"cannot publish {service}: {bus.lastError().message()}", file=sys.stderr)
            return 2
        objects.append(obj)
        if name in ANNOUNCING:
            announcers.append((path, interface))

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        word, _, value = line.strip().partition(" ")
        if word == "idle":
            STATE.idle_ms = int(value)
        elif word == "unit":
            STATE.seconds_unit = value == "s"
        elif word == "lock":
            STATE.locked = value == "1"
            for path, interface in announcers:
                # Sent by hand: an exported Qt signal would carry the class's own interface name.
                signal = QDBusMessage.createSignal(path, interface, "ActiveChanged")
                signal.setArguments([STATE.locked])
                bus.send(signal)
        elif word == "hang":
            STATE.hang_s = float(value)
        elif word == "quit":
            app.quit()
        else:
            print(f"unknown command {line!r}", file=sys.stderr)
        print("ok", flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
