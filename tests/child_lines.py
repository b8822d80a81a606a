"""Lines from a child process's stdout, waited for with a time limit.

``select`` on a text stream and then ``readline`` loses lines: ``readline`` may pull two lines
into Python's buffer, and the next ``select`` sees an empty pipe although a line is waiting.
This reads the pipe's bytes itself and keeps what follows the first line for the next call.
"""

from __future__ import annotations

import os
import select
import time
from typing import IO


class ChildLines:
    def __init__(self, stream: IO[str] | IO[bytes]) -> None:
        self._fd = stream.fileno()
        self._pending = b""

    def next(self, timeout_s: float = 10.0) -> str | None:
        """The next line without its end, or None when none came in ``timeout_s`` (or the
        child closed its stdout first)."""
        deadline = time.monotonic() + timeout_s
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            readable, _, _ = select.select([self._fd], [], [], max(left, 0.0))
            if not readable:
                return None
            chunk = os.read(self._fd, 65536)
            if not chunk:
                return None
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return line.decode("utf-8").rstrip("\r")
