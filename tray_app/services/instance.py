"""Talk to a running tray from another process, without Qt (the CLI must stay light).

The tray listens on :func:`server_name`: a Unix socket path on Linux and
macOS, a named pipe on Windows. A second tray launch sends ``show``; a CLI action sends
``refresh`` so the tray shows the change now instead of at the next poll.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import socket
import sys
import tempfile
import time
from pathlib import Path

SHOW = "show"
REFRESH = "refresh"
_RETRY_S = 0.1


def _user() -> str:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "user"


def server_name() -> str:
    """Where the tray listens: a socket path (Unix) or a pipe name (Windows), per user."""
    if sys.platform == "win32":
        return f"timeman-tray-{_user()}"
    folder = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return str(Path(folder, f"timeman-tray-{_user()}.sock"))


def send(command: str, timeout_s: float = 0.5, *, wait_s: float = 0.0) -> bool:
    """Send ``command`` to a running tray; False when none listens (never raises).

    ``wait_s``: keep trying that long. A second launch uses it: the first tray holds its
    lock from the start but listens only once its first status shows."""
    deadline = time.monotonic() + wait_s
    while not _send_once(command, timeout_s):
        if time.monotonic() >= deadline:
            return False
        time.sleep(_RETRY_S)
    return True


def _send_once(command: str, timeout_s: float) -> bool:
    payload = (command + "\n").encode("ascii")
    name = server_name()
    try:
        if sys.platform == "win32":
            with open(rf"\\.\pipe\{name}", "wb", buffering=0) as pipe:
                pipe.write(payload)
            return True
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout_s)
            connection.connect(name)
            connection.sendall(payload)
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_WR)
        return True
    except OSError:
        return False
