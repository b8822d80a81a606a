"""The entry point keeps httpx's command-line client (click, rich, pygments) out of every
process: the tray, its children and the CLI read the portal without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import sys
from tray_app.startup.entry import skip_httpx_command_line
skip_httpx_command_line()
import httpx
from tray_app.api.client import TimemanClient
cli = ("httpx._main", "rich", "click", "pygments")
print(sorted(name for name in cli if sys.modules.get(name)))
print(callable(httpx.main), TimemanClient.__name__)
"""


def test_httpx_loads_without_its_command_line_client() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
    )
    assert result.stdout.splitlines() == ["[]", "True TimemanClient"], result.stderr
