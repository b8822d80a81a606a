"""The X11 reader for real: an Xvfb display (the e2e harness, without a tray host), its
MIT-SCREEN-SAVER extension through libXss, and input sent with xdotool."""

from __future__ import annotations

import ctypes.util
import time
from collections.abc import Iterator

import pytest

from tests.e2e.desktop import INSTALL_HINT, Desktop, missing_programs
from tray_app.ui.away.idle import x11
from tray_app.ui.away.idle.x11 import X11Idle


@pytest.fixture
def display() -> Iterator[Desktop]:
    missing = missing_programs(None)
    if missing:
        pytest.skip(f"{', '.join(missing)} not found; install with: {INSTALL_HINT}")
    with Desktop(None) as desktop:
        yield desktop


@pytest.fixture
def reader(display: Desktop) -> Iterator[X11Idle]:
    opened = X11Idle.open(display.display)
    assert opened is not None, "libXss (Debian: libxss1) or MIT-SCREEN-SAVER is missing"
    try:
        yield opened
    finally:
        opened.close()  # before Xvfb stops: Xlib ends the process on a broken connection


def test_idle_time_grows_while_nothing_happens(reader: X11Idle) -> None:
    first = reader.idle_seconds()
    assert first is not None
    time.sleep(1.2)
    second = reader.idle_seconds()
    assert second is not None
    assert 1.0 <= second - first <= 10.0  # generous: a loaded CI machine may sleep longer


def test_input_resets_the_idle_time(display: Desktop, reader: X11Idle) -> None:
    time.sleep(1.5)
    before = reader.idle_seconds()
    assert before is not None
    assert before >= 1.4
    display.move_pointer(100, 200)
    after = reader.idle_seconds()
    assert after is not None
    assert after < 1.0
    time.sleep(1.5)
    display.move_pointer(300, 100)
    again = reader.idle_seconds()
    assert again is not None
    assert again < 1.0


def test_closed_reader_answers_nothing(reader: X11Idle) -> None:
    reader.close()
    assert reader.idle_seconds() is None
    reader.close()  # twice is harmless


def test_no_reader_for_a_display_that_is_not_there(display: Desktop) -> None:
    number = int(display.display.lstrip(":")) + 500
    assert X11Idle.open(f":{number}") is None


def test_no_reader_without_libxss(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(x11._LIBRARIES, "Xss", "libXss-not-installed.so.1")
    monkeypatch.setattr(ctypes.util, "find_library", lambda _name: None)
    assert X11Idle.open(":0") is None
