"""PySide6's import hook no longer reads (and keeps) the source of every module imported."""

from __future__ import annotations

import linecache
import subprocess
import sys
import types
from pathlib import Path

import pytest

import tray_app.ui  # noqa: F401  (stops the scan, as the app does)
from tray_app.ui.source_scan import stop_source_scan

MODULE = """
from PySide6.QtCore import QObject, Signal

class Pinger(QObject):
    pinged = Signal(str)
"""


def test_a_module_imported_later_is_not_read_into_linecache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "source_scan_probe.py"
    path.write_text(MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    try:
        # The import statement, not importlib: PySide6 hooks builtins.__import__.
        probe = __import__("source_scan_probe")
        assert str(path) not in linecache.cache
        # ...and Qt still works in it: a signal of a class defined there is delivered.
        pinger = probe.Pinger()
        heard: list[str] = []
        pinger.pinged.connect(heard.append)
        pinger.pinged.emit("pong")
        assert heard == ["pong"]
    finally:
        sys.modules.pop("source_scan_probe", None)


def test_a_pyside_without_the_hook_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", types.ModuleType("feature"))
    assert stop_source_scan() is False


def test_the_tray_start_reads_no_module_of_ours() -> None:
    """The start-up path imports Qt in ``startup/``: the scan must be stopped before that."""
    probe = (
        "import linecache, tray_app.startup.tray_main\n"
        "print([k for k in linecache.cache if 'tray_app' in k])"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert shown.stdout.strip() == "[]"
