"""Which readers the chooser takes: on a private bus with a stand-in desktop, on a real Xvfb
display, and with nothing at all (sleep only)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtDBus import QDBusConnection

from tests.e2e.desktop import INSTALL_HINT, Desktop, missing_programs
from tests.ui.away.idle.conftest import FakeDesktop, StartCompositor
from tray_app.ui.away.idle import choose_source
from tray_app.ui.away.idle.base import CombinedSource, DetectionLevel
from tray_app.ui.away.idle.chooser import is_wayland
from tray_app.ui.away.idle.freedesktop import FreedesktopIdle, FreedesktopLock
from tray_app.ui.away.idle.gnome import GnomeScreenSaverLock, MutterIdle
from tray_app.ui.away.idle.logind import LogindLock
from tray_app.ui.away.idle.wayland import WaylandIdle
from tray_app.ui.away.idle.x11 import X11Idle

Start = Callable[..., FakeDesktop]


@pytest.fixture
def display() -> Iterator[Desktop]:
    missing = missing_programs(None)
    if missing:
        pytest.skip(f"{', '.join(missing)} not found; install with: {INSTALL_HINT}")
    with Desktop(None) as desktop:
        yield desktop


@pytest.fixture
def sources() -> Iterator[list[CombinedSource]]:
    made: list[CombinedSource] = []
    yield made
    for source in made:
        source.close()


def choose(
    sources: list[CombinedSource], bus: QDBusConnection, env: dict[str, str]
) -> CombinedSource:
    source = choose_source(platform="linux", env=env, session_bus=bus, system_bus=bus)
    sources.append(source)
    return source


def kinds(source: CombinedSource) -> tuple[type | None, list[type]]:
    idle, locks = source.readers
    return (None if idle is None else type(idle), [type(lock) for lock in locks])


def test_gnome_on_wayland(
    desktop_services: Start, connection: QDBusConnection, sources: list[CombinedSource]
) -> None:
    fake = desktop_services("mutter", "gnome-screensaver", "logind")
    env = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "GNOME"}
    source = choose(sources, connection, env)
    assert kinds(source) == (MutterIdle, [GnomeScreenSaverLock, LogindLock])
    assert source.describe().level is DetectionLevel.FULL
    fake.send("idle 7000")
    fake.send("lock 1")
    assert source.idle_seconds() == 7.0
    assert source.locked() is True


def test_kde_on_wayland_skips_the_x_server_and_reads_milliseconds(
    display: Desktop,
    desktop_services: Start,
    connection: QDBusConnection,
    sources: list[CombinedSource],
) -> None:
    fake = desktop_services("freedesktop")
    env = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": display.display, "XDG_CURRENT_DESKTOP": "KDE"}
    source = choose(sources, connection, env)
    # XWayland's idle time would not see input to Wayland windows: not taken though it works.
    assert kinds(source) == (FreedesktopIdle, [FreedesktopLock])
    fake.send("idle 2500")
    assert source.idle_seconds() == 2.5


def test_newer_plasma_on_wayland_gives_lock_and_sleep_only(
    desktop_services: Start, connection: QDBusConnection, sources: list[CombinedSource]
) -> None:
    desktop_services("freedesktop-refusing")
    env = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "KDE"}
    source = choose(sources, connection, env)
    assert kinds(source) == (None, [FreedesktopLock])
    assert source.describe().level is DetectionLevel.LOCK_AND_SLEEP


@pytest.mark.parametrize("desktop", ["sway", "KDE", "Hyprland", ""])
def test_a_wayland_compositor_with_idle_notify_comes_first(
    desktop: str,
    compositor: StartCompositor,
    desktop_services: Start,
    connection: QDBusConnection,
    sources: list[CombinedSource],
) -> None:
    desktop_services("mutter", "freedesktop")  # both would answer: ext-idle-notify wins
    fake = compositor()
    env = {**fake.env, "XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": desktop}
    source = choose(sources, connection, env)
    assert kinds(source) == (WaylandIdle, [FreedesktopLock])
    assert source.describe().idle == "Wayland ext-idle-notify-v1"
    assert source.idle_seconds() == 0.0


def test_gnome_keeps_mutter_before_the_wayland_reader(
    compositor: StartCompositor,
    desktop_services: Start,
    connection: QDBusConnection,
    sources: list[CombinedSource],
) -> None:
    desktop_services("mutter")
    fake = compositor()
    env = {**fake.env, "XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}
    assert kinds(choose(sources, connection, env)) == (MutterIdle, [])
    assert not fake.connected.is_set(), "the Wayland reader was tried though Mutter answered"


def test_gnome_without_mutter_tries_the_wayland_reader_next(
    compositor: StartCompositor,
    desktop_services: Start,
    connection: QDBusConnection,
    sources: list[CombinedSource],
) -> None:
    desktop_services("freedesktop")
    fake = compositor()
    env = {**fake.env, "XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "GNOME"}
    assert kinds(choose(sources, connection, env)) == (WaylandIdle, [FreedesktopLock])


def test_a_compositor_without_idle_notify_falls_back_to_the_bus(
    compositor: StartCompositor,
    desktop_services: Start,
    connection: QDBusConnection,
    sources: list[CombinedSource],
) -> None:
    desktop_services("freedesktop")
    fake = compositor(globals=((1, "wl_seat", 7),))
    env = {**fake.env, "XDG_CURRENT_DESKTOP": "KDE"}
    assert kinds(choose(sources, connection, env)) == (FreedesktopIdle, [FreedesktopLock])
    assert fake.closed.wait(5)


def test_x11_session_uses_the_x_server(
    display: Desktop,
    desktop_services: Start,
    connection: QDBusConnection,
    sources: list[CombinedSource],
) -> None:
    desktop_services("logind")
    env = {"DISPLAY": display.display, "XDG_SESSION_TYPE": "x11"}
    source = choose(sources, connection, env)
    assert kinds(source) == (X11Idle, [LogindLock])
    time.sleep(1.5)
    idle = source.idle_seconds()
    assert idle is not None
    assert idle >= 1.4
    display.move_pointer(10, 10)
    after = source.idle_seconds()
    assert after is not None
    assert after < 1.0
    source.close()  # before the display goes


def test_a_broken_display_falls_back_to_the_bus(
    desktop_services: Start, connection: QDBusConnection, sources: list[CombinedSource]
) -> None:
    desktop_services("mutter")
    source = choose(sources, connection, {"DISPLAY": ":987"})
    assert kinds(source) == (MutterIdle, [])
    assert source.describe().level is DetectionLevel.IDLE_AND_SLEEP


def test_nothing_available_is_sleep_only(
    connection: QDBusConnection, sources: list[CombinedSource]
) -> None:
    source = choose(sources, connection, {"XDG_SESSION_TYPE": "wayland"})
    assert kinds(source) == (None, [])
    assert source.describe().level is DetectionLevel.SLEEP_ONLY
    assert source.idle_seconds() is None
    assert source.locked() is None


def test_no_bus_at_all_is_sleep_only(sources: list[CombinedSource], qapp: object) -> None:
    name = "tm-idle-chooser-nobus"
    nobus = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", name)
    try:
        source = choose(sources, nobus, {})
        assert kinds(source) == (None, [])
    finally:
        QDBusConnection.disconnectFromBus(name)


def test_the_users_buses_by_default(
    monkeypatch: pytest.MonkeyPatch, sources: list[CombinedSource], qapp: object
) -> None:
    # tests/conftest.py removed DBUS_SESSION_BUS_ADDRESS: the session bus is not reachable
    # (without DISPLAY, Qt does not try to autolaunch one).
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/system_bus")
    source = choose_source(platform="linux", env={})
    sources.append(source)
    assert kinds(source) == (None, [])


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_systems_have_their_own_reader(platform: str, sources: list[CombinedSource]) -> None:
    source = choose_source(platform=platform, env={})
    sources.append(source)
    # Off those systems their readers do not open: no idle time, and never a lock reader.
    assert kinds(source) == (None, [])


@pytest.mark.parametrize(
    ("env", "wayland"),
    [
        ({}, False),
        ({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, False),
        ({"XDG_SESSION_TYPE": "Wayland"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, True),
    ],
)
def test_is_wayland(env: dict[str, str], wayland: bool) -> None:
    assert is_wayland(env) is wayland
