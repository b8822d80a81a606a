"""The history package sits on ``core``: no Qt, no HTTP stack, no api layer."""

from __future__ import annotations

import json
import subprocess
import sys

CODE = (
    "import sys, json\n"
    "import tray_app.history.journal, tray_app.history.export\n"
    "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'httpx'})"
    " + sorted(m for m in sys.modules if m.startswith(('tray_app.api', 'tray_app.ui')))))\n"
)


def test_history_imports_no_qt_http_or_api() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(done.stdout) == []
