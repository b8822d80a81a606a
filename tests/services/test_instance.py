"""The CLI reaches a running tray over the per-user socket without importing Qt."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

from tray_app.services import instance


def test_the_socket_is_per_user_in_the_runtime_folder() -> None:
    path = Path(instance.server_name())
    assert path.parent.is_dir()
    assert path.name.startswith("timeman-tray-")
    assert path.suffix == ".sock"


def test_nothing_listening_is_not_an_error() -> None:
    assert instance.send(instance.REFRESH) is False


def test_a_command_arrives_as_one_line() -> None:
    received: list[bytes] = []
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(instance.server_name())
        server.listen(1)

        def accept() -> None:
            connection, _address = server.accept()
            with connection:
                received.append(connection.recv(64))

        thread = threading.Thread(target=accept)
        thread.start()
        assert instance.send(instance.REFRESH) is True
        thread.join(5)
    assert received == [b"refresh\n"]


def test_a_launch_holds_on_until_the_first_tray_listens() -> None:
    received: list[bytes] = []
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:

        def listen_later() -> None:
            threading.Event().wait(0.3)  # the first tray is still on its way to its status
            server.bind(instance.server_name())
            server.listen(1)
            connection, _address = server.accept()
            with connection:
                received.append(connection.recv(64))

        thread = threading.Thread(target=listen_later)
        thread.start()
        assert instance.send(instance.SHOW, wait_s=5.0) is True
        thread.join(5)
    assert received == [b"show\n"]


def test_holding_on_ends_when_nobody_listens() -> None:
    assert instance.send(instance.SHOW, wait_s=0.3) is False
