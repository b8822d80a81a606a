"""The D-Bus readers against a stand-in desktop on a private bus
(tests/ui/away/idle/fake_desktop.py): real calls, real types (``t``, ``u``, ``b``, a variant),
real signals, real failures."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from tests.ui.away.idle.conftest import FakeDesktop
from tray_app.ui.away.idle._bus import BusObject, as_bool, as_number
from tray_app.ui.away.idle.freedesktop import FreedesktopIdle, FreedesktopLock
from tray_app.ui.away.idle.gnome import GnomeScreenSaverLock, MutterIdle
from tray_app.ui.away.idle.logind import LogindLock

Start = Callable[..., FakeDesktop]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_mutter_idle_time_in_seconds(desktop_services: Start, connection: QDBusConnection) -> None:
    fake = desktop_services("mutter")
    fake.send("idle 4500")
    reader = MutterIdle.probe(connection)
    assert reader is not None
    assert reader.idle_seconds() == 4.5
    fake.send(f"idle {2**33}")  # beyond 32 bits: the reply really is a uint64
    assert reader.idle_seconds() == 2**33 / 1000
    reader.close()
    assert reader.idle_seconds() is None


def test_a_missing_service_is_no_reader_and_answers_fast(
    desktop_services: Start, connection: QDBusConnection
) -> None:
    desktop_services("gnome-screensaver")  # the bus has a desktop, but no Mutter
    began = time.monotonic()
    assert MutterIdle.probe(connection) is None
    assert FreedesktopIdle.probe(connection, milliseconds=True) is None
    assert FreedesktopLock.probe(connection) is None
    assert LogindLock.probe(connection) is None
    assert time.monotonic() - began < 1.0  # ServiceUnknown comes back at once


def test_gnome_lock_and_its_signal(
    desktop_services: Start, connection: QDBusConnection, qtbot: QtBot
) -> None:
    fake = desktop_services("gnome-screensaver")
    reader = GnomeScreenSaverLock.probe(connection)
    assert reader is not None
    assert reader.locked() is False
    calls: list[str] = []
    reader.watch(lambda: calls.append("changed"))
    fake.send("lock 1")
    qtbot.waitUntil(lambda: calls == ["changed"], timeout=5000)
    assert reader.locked() is True
    reader.watch(None)
    fake.send("lock 0")
    qtbot.wait(200)  # the signal is on the bus; nobody may be called any more
    assert calls == ["changed"]
    assert reader.locked() is False
    reader.close()
    assert reader.locked() is None


@pytest.mark.parametrize(
    ("unit", "milliseconds", "expected"),
    [("ms", True, 90.0), ("s", False, 90.0), ("s", True, 0.09)],
    ids=["kde-milliseconds", "mate-seconds", "wrong-guess"],
)
def test_freedesktop_idle_time_in_its_unit(
    desktop_services: Start,
    connection: QDBusConnection,
    unit: str,
    milliseconds: bool,
    expected: float,
) -> None:
    fake = desktop_services("freedesktop")
    fake.send(f"unit {unit}")
    fake.send("idle 90000")
    reader = FreedesktopIdle.probe(connection, milliseconds=milliseconds)
    assert reader is not None
    assert reader.idle_seconds() == pytest.approx(expected)


def test_freedesktop_lock_and_its_signal(
    desktop_services: Start, connection: QDBusConnection, qtbot: QtBot
) -> None:
    fake = desktop_services("freedesktop")
    reader = FreedesktopLock.probe(connection)
    assert reader is not None
    calls: list[bool | None] = []
    reader.watch(lambda: calls.append(reader.locked()))
    fake.send("lock 1")
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)
    reader.close()  # stops watching too
    fake.send("lock 0")
    qtbot.wait(200)
    assert calls == [True]


def test_plasma_on_wayland_gives_the_lock_but_no_idle_time(
    desktop_services: Start, connection: QDBusConnection
) -> None:
    fake = desktop_services("freedesktop-refusing")
    assert FreedesktopIdle.probe(connection, milliseconds=True) is None
    reader = FreedesktopLock.probe(connection)
    assert reader is not None
    fake.send("lock 1")
    assert reader.locked() is True


def test_logind_locked_hint(desktop_services: Start, connection: QDBusConnection) -> None:
    fake = desktop_services("logind")
    reader = LogindLock.probe(connection)  # this private bus stands in for the system bus
    assert reader is not None
    assert reader.locked() is False
    fake.send("lock 1")
    assert reader.locked() is True


def test_a_hung_service_costs_one_short_timeout_then_rests(
    desktop_services: Start, connection: QDBusConnection
) -> None:
    fake = desktop_services("mutter")
    clock = Clock()
    reader = MutterIdle(connection, timeout_ms=600, retry_s=60.0, clock=clock)
    fake.send("idle 1000")
    assert reader.idle_seconds() == 1.0
    fake.send("hang 2")
    began = time.monotonic()
    assert reader.idle_seconds() is None
    waited = time.monotonic() - began
    assert 0.5 <= waited < 1.9  # the timeout, not the 2 s the service takes
    fake.send("hang 2")  # it would hang again, but it is not even asked while resting
    began = time.monotonic()
    assert reader.idle_seconds() is None
    assert time.monotonic() - began < 0.3
    fake.send("hang 0")
    clock.now += 61  # rested: asked again
    assert reader.idle_seconds() == 1.0


def test_a_service_that_goes_away_is_no_answer(
    desktop_services: Start, connection: QDBusConnection
) -> None:
    fake = desktop_services("gnome-screensaver")
    reader = GnomeScreenSaverLock(connection)
    assert reader.locked() is False
    fake.stop()
    assert reader.locked() is None


def test_bus_object_errors_and_values(desktop_services: Start, connection: QDBusConnection) -> None:
    desktop_services("logind")
    obj = BusObject(connection, "org.freedesktop.login1", "/nowhere", "org.example.Nothing")
    assert obj.call("Nothing") is None
    assert "org.freedesktop.DBus.Error" in obj.last_error
    assert obj.property("Nothing") is None
    assert obj.watch("Changed", lambda: None)  # a match rule needs no sender yet
    broken = BusObject(connection, "org.example", "not-a-path", "org.example")
    assert not broken.watch("Changed", lambda: None)
    obj.close()
    assert not obj.watch("Changed", lambda: None)  # closed: nothing more
    assert obj.watch("Changed", None)
    disconnected = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "tm-idle-none")
    try:
        lonely = BusObject(disconnected, "org.example", "/", "org.example")
        assert lonely.call("Anything") is None
        assert lonely.last_error == "not connected to the bus"
    finally:
        QDBusConnection.disconnectFromBus("tm-idle-none")
    assert as_number(3) == 3.0
    assert as_number(True) is None
    assert as_number("3") is None
    assert as_bool(True) is True
    assert as_bool(1) is None
