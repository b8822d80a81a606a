"""The tray's command server on Linux and macOS: a Unix socket of the standard library, its file
for its user only, lines from clients as the CLI and a second launch send them, and no client
can make it hold more than a line."""

from __future__ import annotations

import socket
import stat
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tray_app.services import instance
from tray_app.startup.command_socket import MAX_LINE, CommandSocket


def client(path: Path, payload: bytes, *, close: bool = True) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(str(path))
    sock.sendall(payload)
    if close:
        sock.close()
    return sock


def test_lines_from_clients_arrive_and_the_file_is_the_users_alone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "tray.sock"
    path.write_text("left by a crashed tray")
    lines: list[str] = []
    server = CommandSocket(str(path), lines.append)
    assert server.listen()
    assert stat.S_ISSOCK(path.stat().st_mode)
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
    client(path, b"show\n")
    client(path, b"refresh")  # the last line without its newline counts as well
    client(path, b"sh")
    qtbot.waitUntil(lambda: len(lines) == 3)
    assert lines == ["show", "refresh", "sh"]
    server.close()
    assert not path.exists()


def test_what_the_cli_sends_arrives(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cli.sock"
    lines: list[str] = []
    server = CommandSocket(str(path), lines.append)
    assert server.listen()
    monkeypatch.setattr(instance, "server_name", lambda: str(path))
    try:
        sent: list[bool] = []
        thread = threading.Thread(target=lambda: sent.append(instance.send(instance.REFRESH)))
        thread.start()
        qtbot.waitUntil(lambda: lines == ["refresh"])
        thread.join(5)
        assert sent == [True]
    finally:
        server.close()


def test_an_endless_line_is_dropped_not_held(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "long.sock"
    lines: list[str] = []
    server = CommandSocket(str(path), lines.append)
    assert server.listen()
    flood = client(path, b"x" * (4 * MAX_LINE), close=False)
    qtbot.waitUntil(lambda: not server._connections)  # dropped by the server
    flood.close()
    client(path, b"show\n")
    qtbot.waitUntil(lambda: lines == ["show"])
    server.close()


def test_a_path_that_cannot_be_bound_is_said_not_raised(tmp_path: Path) -> None:
    server = CommandSocket(str(tmp_path / "no" / "such" / "folder" / "s.sock"), print)
    assert not server.listen()
    server.close()  # harmless
