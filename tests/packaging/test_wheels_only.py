"""The documented set-up (``pip install -e '.[test,package]'``) needs no compiler: every
package it pulls in, on this Python and this system, comes as a wheel. A fresh Debian 12 has no
gcc, python3-dev or libdbus-1-dev; a source-only dependency (dbus-python was one) fails there."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import requires
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]


def _requirements(extras: set[str]) -> list[str]:
    """The project's own requirements with the given extras, for this interpreter."""
    wanted = []
    for line in requires("timeman-tray") or []:
        requirement = Requirement(line)
        marker = requirement.marker
        if marker is None or any(marker.evaluate({"extra": extra}) for extra in extras | {""}):
            requirement.marker = None
            wanted.append(str(requirement))
    return wanted


def test_every_dependency_installs_from_a_wheel(tmp_path: Path) -> None:
    wanted = _requirements({"test", "package"})
    assert any(name.startswith("pyinstaller") for name in wanted)
    report = tmp_path / "report.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--ignore-installed",
            "--only-binary=:all:",
            "--quiet",
            "--report",
            str(report),
            *wanted,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    chosen = json.loads(report.read_text(encoding="utf-8"))["install"]
    names = {item["metadata"]["name"].lower() for item in chosen}
    assert {"pyinstaller", "keyring", "httpx", "hypothesis"} <= names
    assert "dbus-python" not in names
    assert all(item["download_info"]["url"].endswith(".whl") for item in chosen)
