"""The Wayland idle reader: its wire codec, the reader against a stand-in compositor
(:mod:`tests.ui.away.idle.fake_compositor`), and the handshake against a real weston, which
offers no ``ext_idle_notifier_v1``."""

from __future__ import annotations

import itertools
import logging
import shutil
import socket
import struct
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from tests.e2e.desktop import INSTALL_HINT, Desktop, missing_programs
from tests.e2e.wayland import Weston
from tests.ui.away.idle.conftest import StartCompositor as Start
from tests.ui.away.idle.fake_compositor import (
    COMPOSITOR_GLOBAL,
    NOTIFIER_GLOBAL,
    SEAT_GLOBAL,
    FakeCompositor,
    message,
)
from tray_app.ui.away.idle import wayland, wayland_wire
from tray_app.ui.away.idle.wayland import NOTIFICATION_TIMEOUT_MS, WaylandIdle, globals_of
from tray_app.ui.away.idle.wayland_wire import (
    Message,
    WireError,
    decode,
    encode,
    read_string,
    read_uint,
    socket_path,
)

LOGGER = "tray_app.ui.away.idle.wayland"
IDLED, RESUMED = 0, 1
WAIT_MS = 5000

uints = st.integers(min_value=0, max_value=2**32 - 1)
# Wayland strings are UTF-8: no lone surrogates (category Cs); the NUL ends them.
texts = st.text(alphabet=st.characters(exclude_characters="\0", exclude_categories=["Cs"]))


# -- the codec --------------------------------------------------------------------------------


def test_a_request_is_header_and_words() -> None:
    assert encode(1, 1, 2) == struct.pack("=III", 1, 12 << 16 | 1, 2)
    assert encode(6, 0) == struct.pack("=II", 6, 8 << 16)


@pytest.mark.parametrize(
    ("text", "encoded"),
    [
        ("", b"\1\0\0\0" + b"\0\0\0\0"),
        ("abc", b"\4\0\0\0" + b"abc\0"),
        ("abcd", b"\5\0\0\0" + b"abcd\0\0\0\0"),
        ("wl_seat", b"\x08\0\0\0" + b"wl_seat\0"),
    ],
)
def test_a_string_counts_its_nul_and_is_padded(text: str, encoded: bytes) -> None:
    # Little-endian literals: the wire is host order, and the test machines are x86 or arm64.
    assert wayland_wire.pack_string(text) == encoded
    assert read_string(encoded) == (text, len(encoded))


def test_bind_is_what_the_fake_compositor_writes_too() -> None:
    assert encode(2, 0, 7, "wl_seat", 1, 4) == message(2, 0, 7, "wl_seat", 1, 4)


@given(object_id=uints, opcode=st.integers(0, 0xFFFF), args=st.lists(st.one_of(uints, texts)))
def test_messages_decode_to_what_was_encoded(
    object_id: int, opcode: int, args: list[int | str]
) -> None:
    messages, rest = decode(encode(object_id, opcode, *args))
    assert rest == b""
    [decoded] = messages
    assert (decoded.object_id, decoded.opcode) == (object_id, opcode)
    offset = 0
    for arg in args:
        value: int | str
        if isinstance(arg, str):
            value, offset = read_string(decoded.body, offset)
        else:
            value, offset = read_uint(decoded.body, offset)
        assert value == arg
    assert offset == len(decoded.body)


@given(
    items=st.lists(st.tuples(uints, st.integers(0, 0xFFFF), texts, uints), max_size=5),
    cuts=st.lists(st.integers(min_value=0), max_size=6),
)
def test_a_stream_cut_anywhere_decodes_to_the_same_messages(
    items: list[tuple[int, int, str, int]], cuts: list[int]
) -> None:
    stream = b"".join(encode(obj, opcode, text, number) for obj, opcode, text, number in items)
    points = sorted({cut % (len(stream) + 1) for cut in cuts} | {0, len(stream)})
    got: list[Message] = []
    rest = b""
    for start, end in itertools.pairwise(points):
        messages, rest = decode(rest + stream[start:end])
        got.extend(messages)
    assert rest == b""
    assert [(m.object_id, m.opcode, read_string(m.body)[0]) for m in got] == [
        (obj, opcode, text) for obj, opcode, text, _ in items
    ]


def test_an_incomplete_header_waits_for_more() -> None:
    assert decode(b"\1\0\0") == ([], b"\1\0\0")


@pytest.mark.parametrize("size", [0, 4, 10])
def test_an_impossible_size_is_an_error(size: int) -> None:
    with pytest.raises(WireError):
        decode(struct.pack("=II", 1, size << 16) + b"\0" * 8)


@pytest.mark.parametrize(
    ("reader", "body"),
    [
        (read_uint, b"\0\0"),
        (read_string, b"\x09\0\0\0abc\0"),  # longer than the body
        (read_string, b"\4\0\0\0abcd"),  # no closing NUL
    ],
)
def test_a_short_or_broken_argument_is_an_error(
    reader: Callable[[bytes], object], body: bytes
) -> None:
    with pytest.raises(WireError):
        reader(body)


def test_a_null_string_reads_as_empty() -> None:
    assert read_string(b"\0\0\0\0") == ("", 4)


@pytest.mark.parametrize(
    ("env", "path"),
    [
        ({}, None),
        ({"XDG_RUNTIME_DIR": "/run/user/1000"}, None),
        ({"WAYLAND_DISPLAY": "wayland-1"}, None),
        (
            {"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": "/run/user/1000"},
            "/run/user/1000/wayland-1",
        ),
        (
            {"WAYLAND_DISPLAY": "/tmp/elsewhere/wl", "XDG_RUNTIME_DIR": "/run/user/1000"},
            "/tmp/elsewhere/wl",
        ),
    ],
)
def test_the_socket_is_found_as_libwayland_finds_it(env: dict[str, str], path: str | None) -> None:
    assert socket_path(env) == path


# -- the reader against a stand-in compositor ---------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def readers() -> Iterator[list[WaylandIdle]]:
    opened: list[WaylandIdle] = []
    yield opened
    for reader in opened:
        reader.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


def probe(
    fake: FakeCompositor, readers: list[WaylandIdle], clock: Clock | None = None
) -> WaylandIdle:
    reader = WaylandIdle.probe(fake.env, clock=clock or time.monotonic)
    assert reader is not None
    readers.append(reader)
    return reader


def test_no_wayland_display_no_reader(tmp_path: Path) -> None:
    assert WaylandIdle.probe({"XDG_RUNTIME_DIR": str(tmp_path)}) is None
    assert globals_of({"XDG_RUNTIME_DIR": str(tmp_path)}) is None


def test_no_socket_no_reader(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, LOGGER)
    env = {"XDG_RUNTIME_DIR": str(tmp_path), "WAYLAND_DISPLAY": "wayland-nothing"}
    assert WaylandIdle.probe(env) is None
    assert "cannot connect" in caplog.text


@pytest.mark.parametrize(
    ("offered", "missing"),
    [
        ((COMPOSITOR_GLOBAL, SEAT_GLOBAL), "ext_idle_notifier_v1"),
        ((COMPOSITOR_GLOBAL, NOTIFIER_GLOBAL), "wl_seat"),
    ],
)
def test_without_the_notifier_or_a_seat_no_reader(
    compositor: Start,
    caplog: pytest.LogCaptureFixture,
    offered: tuple[tuple[int, str, int], ...],
    missing: str,
) -> None:
    caplog.set_level(logging.INFO, LOGGER)
    fake = compositor(globals=offered)
    assert WaylandIdle.probe(fake.env) is None
    assert fake.closed.wait(5), "the reader keeps its connection"
    assert fake.binds == {}
    assert f"offers no {missing}" in caplog.text


def test_the_reader_binds_the_seat_and_asks_for_a_short_notification(
    qtbot: QtBot, compositor: Start, readers: list[WaylandIdle]
) -> None:
    fake = compositor()
    reader = probe(fake, readers)
    assert reader.name == "Wayland ext-idle-notify-v1"
    assert {name: bind.version for name, bind in fake.binds.items()} == {
        "wl_seat": 1,
        "ext_idle_notifier_v1": 1,
    }
    assert fake.binds["wl_seat"].name == SEAT_GLOBAL[0]
    assert fake.binds["ext_idle_notifier_v1"].name == NOTIFIER_GLOBAL[0]
    assert fake.notification is not None
    assert fake.notification.timeout_ms == NOTIFICATION_TIMEOUT_MS == 10_000
    assert fake.notification.seat == fake.binds["wl_seat"].new_id
    assert fake.notification.notifier == fake.binds["ext_idle_notifier_v1"].new_id
    assert reader.globals["wl_compositor"] == (COMPOSITOR_GLOBAL[0], COMPOSITOR_GLOBAL[2])


def test_the_first_global_of_an_interface_is_bound(
    qtbot: QtBot, compositor: Start, readers: list[WaylandIdle]
) -> None:
    fake = compositor(globals=((9, "wl_seat", 5), SEAT_GLOBAL, NOTIFIER_GLOBAL))
    probe(fake, readers)
    assert fake.binds["wl_seat"].name == 9


def test_idle_time_follows_idled_and_resumed(
    qtbot: QtBot, compositor: Start, readers: list[WaylandIdle], clock: Clock
) -> None:
    fake = compositor()
    reader = probe(fake, readers, clock)
    assert reader.idle_seconds() == 0.0  # before any event: input within the timeout
    clock.now = 130.0
    fake.event(IDLED)
    qtbot.waitUntil(lambda: reader.idle_seconds() != 0.0, timeout=WAIT_MS)
    assert reader.idle_seconds() == 10.0  # the timeout: idled says that much has passed
    clock.now = 200.5
    assert reader.idle_seconds() == 80.5
    fake.event(RESUMED)
    qtbot.waitUntil(lambda: reader.idle_seconds() == 0.0, timeout=WAIT_MS)
    clock.now = 300.0
    assert reader.idle_seconds() == 0.0


def test_a_clock_that_goes_back_gives_the_timeout(
    qtbot: QtBot, compositor: Start, readers: list[WaylandIdle], clock: Clock
) -> None:
    fake = compositor()
    reader = probe(fake, readers, clock)
    fake.event(IDLED)
    qtbot.waitUntil(lambda: reader.idle_seconds() != 0.0, timeout=WAIT_MS)
    clock.now = 50.0
    assert reader.idle_seconds() == 10.0


def test_messages_split_across_sends_decode(
    qtbot: QtBot, compositor: Start, readers: list[WaylandIdle], clock: Clock
) -> None:
    fake = compositor(split=True)  # the globals, the sync's done and the events in pieces
    reader = probe(fake, readers, clock)
    assert fake.notification is not None
    fake.event(IDLED)
    qtbot.waitUntil(lambda: reader.idle_seconds() == 10.0, timeout=WAIT_MS)


def test_other_events_change_nothing(
    qtbot: QtBot, compositor: Start, readers: list[WaylandIdle], clock: Clock
) -> None:
    fake = compositor()
    reader = probe(fake, readers, clock)
    assert fake.notification is not None
    fake.raw(
        message(fake.notification.new_id, 7)  # an opcode of a later version
        + message(2, 1, 3)  # wl_registry.global_remove
        + message(fake.binds["wl_seat"].new_id, 1, "seat0")  # wl_seat.name
        + message(fake.notification.new_id, IDLED)
    )
    qtbot.waitUntil(lambda: reader.idle_seconds() == 10.0, timeout=WAIT_MS)


def test_a_closed_connection_gives_none(
    qtbot: QtBot,
    compositor: Start,
    readers: list[WaylandIdle],
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = compositor()
    reader = probe(fake, readers)
    fake.disconnect()
    qtbot.waitUntil(lambda: reader.idle_seconds() is None, timeout=WAIT_MS)
    assert [record.getMessage() for record in caplog.records if record.name == LOGGER] == [
        "Wayland idle time lost: the compositor closed the connection"
    ]
    reader.close()
    assert fake.destroyed == []  # nothing is sent on a broken connection


def test_a_protocol_error_gives_none(
    qtbot: QtBot,
    compositor: Start,
    readers: list[WaylandIdle],
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = compositor()
    reader = probe(fake, readers)
    fake.error(6, 3, "gone")
    qtbot.waitUntil(lambda: reader.idle_seconds() is None, timeout=WAIT_MS)
    assert "the compositor reported error 3 on object 6: gone" in caplog.text
    assert fake.closed.wait(5), "the reader keeps a broken connection"


def test_an_error_right_before_the_end_is_read(
    qtbot: QtBot,
    compositor: Start,
    readers: list[WaylandIdle],
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = compositor()
    reader = probe(fake, readers)
    fake.error(5, 1, "bye")
    fake.disconnect()
    qtbot.waitUntil(lambda: reader.idle_seconds() is None, timeout=WAIT_MS)
    assert [record.getMessage() for record in caplog.records if record.name == LOGGER] == [
        "Wayland idle time lost: the compositor reported error 1 on object 5: bye"
    ]


@pytest.mark.parametrize(
    "garbage",
    [
        struct.pack("=II", 6, 4 << 16),  # a size smaller than the header
        struct.pack("=III", 1, 12 << 16, 6),  # wl_display.error without its code and text
    ],
)
def test_garbage_gives_none(
    qtbot: QtBot,
    compositor: Start,
    readers: list[WaylandIdle],
    caplog: pytest.LogCaptureFixture,
    garbage: bytes,
) -> None:
    fake = compositor()
    reader = probe(fake, readers)
    fake.raw(garbage)
    qtbot.waitUntil(lambda: reader.idle_seconds() is None, timeout=WAIT_MS)
    assert "Wayland idle time lost" in caplog.text


def test_a_refused_notification_gives_no_reader(
    qtbot: QtBot, compositor: Start, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, LOGGER)
    fake = compositor(refuse_notification=True)
    assert WaylandIdle.probe(fake.env) is None
    assert "error 0 on object 5: no idle notifications for you" in caplog.text
    assert fake.closed.wait(5)


def test_garbage_while_starting_gives_no_reader(
    qtbot: QtBot, compositor: Start, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, LOGGER)
    # A global whose interface string is longer than its message.
    fake = compositor(registry_reply=struct.pack("=IIII", 2, 20 << 16, 1, 200) + b"wl_s")
    assert WaylandIdle.probe(fake.env) is None
    assert "a string longer than its message" in caplog.text


def test_a_silent_compositor_gives_no_reader_in_time(
    qtbot: QtBot, compositor: Start, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, LOGGER)
    fake = compositor(answer_sync=False)
    started = time.monotonic()
    assert WaylandIdle.probe(fake.env, wait_s=0.3) is None
    assert time.monotonic() - started < 2.0
    assert "did not answer within 0.3 s" in caplog.text
    assert globals_of(fake.env, wait_s=0.1) is None  # the fake serves one client: no answer


def test_close_destroys_the_notification_and_closes(
    qtbot: QtBot, compositor: Start, readers: list[WaylandIdle]
) -> None:
    fake = compositor()
    reader = probe(fake, readers)
    assert fake.notification is not None
    reader.close()
    assert fake.closed.wait(5)
    assert fake.destroyed == [fake.notification.new_id, fake.notification.notifier]
    assert reader.idle_seconds() is None
    reader.close()  # twice is harmless
    reader._readable()  # an activation Qt queued before the close changes nothing
    assert reader.idle_seconds() is None


def test_close_on_a_connection_that_broke_unseen(
    qtbot: QtBot, compositor: Start, readers: list[WaylandIdle]
) -> None:
    fake = compositor()
    reader = probe(fake, readers)
    reader._wire._socket.shutdown(socket.SHUT_WR)  # the next write fails
    reader.close()
    assert reader.idle_seconds() is None


def test_the_environment_is_the_default(
    qtbot: QtBot,
    compositor: Start,
    readers: list[WaylandIdle],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = compositor()
    for name, value in fake.env.items():
        monkeypatch.setenv(name, value)
    reader = WaylandIdle.probe()
    assert reader is not None
    readers.append(reader)


def test_globals_of_lists_the_interfaces(
    compositor: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = compositor()
    for name, value in fake.env.items():
        monkeypatch.setenv(name, value)
    assert globals_of() == {"wl_compositor": 4, "wl_seat": 7, "ext_idle_notifier_v1": 1}
    assert fake.closed.wait(5)
    assert fake.binds == {}


def test_a_failing_socket_is_a_broken_connection() -> None:
    ours, theirs = socket.socketpair()
    wire = wayland_wire.Wire(ours)
    theirs.close()
    with pytest.raises(wayland_wire.WireBroken, match="cannot write"):
        wire.send(encode(1, 0, 3))
    wire.close()
    with pytest.raises(wayland_wire.WireBroken, match="cannot read"):
        wire.receive()


# -- a real compositor ------------------------------------------------------------------------

SOCKET = "wayland-timeman-idle"


@pytest.fixture
def need_weston() -> None:
    if shutil.which("weston") is None:
        pytest.skip("weston not found; install with: sudo apt-get install -y weston")


@pytest.mark.e2e
@pytest.mark.usefixtures("need_weston")
def test_headless_weston_reads_but_has_no_notifier(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, LOGGER)
    with Weston(SOCKET, (640, 480)) as compositor:
        env = compositor.env
        offered = globals_of(env)
        assert offered is not None
        assert {"wl_compositor", "wl_shm", "xdg_wm_base"} <= offered.keys()
        assert "ext_idle_notifier_v1" not in offered
        started = time.monotonic()
        assert WaylandIdle.probe(env) is None
        assert time.monotonic() - started < 1.0
    assert "the compositor offers no ext_idle_notifier_v1" in caplog.text


@pytest.mark.e2e
@pytest.mark.usefixtures("need_weston")
def test_weston_with_a_seat_binds_it_and_reports_errors(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    missing = missing_programs(None)
    if missing:
        pytest.skip(f"{', '.join(missing)} not found; install with: {INSTALL_HINT}")
    caplog.set_level(logging.INFO, LOGGER)
    # Headless weston has no input, so no seat; on an X display its x11 backend has one.
    with (
        Desktop(None) as desktop,
        Weston(
            SOCKET, (640, 480), backend="x11-backend.so", env={"DISPLAY": desktop.display}
        ) as compositor,
    ):
        env = compositor.env
        offered = globals_of(env)
        assert offered is not None
        assert offered["wl_seat"] >= 1
        assert WaylandIdle.probe(env) is None  # seat, but no notifier
        assert "the compositor offers no ext_idle_notifier_v1" in caplog.text
        # The bind (an untyped new_id: interface, version, id) as the reader writes it, and an
        # error as the compositor writes it.
        for version, error in ((1, None), (99, "invalid version for global wl_seat")):
            reader = WaylandIdle._connect(env, time.monotonic, 0)
            assert reader is not None
            try:
                reader._list_globals(1.0)
                seat, _ = reader.globals["wl_seat"]
                reader._wire.send(
                    encode(wayland.REGISTRY_ID, wayland.REGISTRY_BIND, seat, "wl_seat", version, 4),
                    encode(wayland.DISPLAY_ID, wayland.DISPLAY_SYNC, 5),
                )
                if error is None:
                    reader._roundtrip(5, 1.0)
                else:
                    with pytest.raises(wayland_wire.WireBroken, match=error):
                        reader._roundtrip(5, 1.0)
            finally:
                reader.close()
