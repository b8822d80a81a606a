"""``packaging/build.py``'s command line: what it accepts, what it refuses, and why."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tray_app import __version__

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "build.py"
OTHER_SYSTEMS = {"linux": "windows", "win32": "deb", "darwin": "windows"}


def build(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BUILD), *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )


def test_the_version_is_the_apps_one_version_string() -> None:
    result = build("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == __version__


def test_help_names_every_target() -> None:
    result = build("--help")
    assert result.returncode == 0
    for target in ("deb", "rpm", "windows", "macos"):
        assert target in result.stdout


def test_no_target_is_a_usage_error() -> None:
    result = build()
    assert result.returncode == 2
    assert "name at least one target: deb, rpm, windows, macos" in result.stderr


def test_an_unknown_target_is_a_usage_error_and_nothing_is_built(tmp_path: Path) -> None:
    result = build("deb", "appimage", "--out", str(tmp_path / "out"), "--work", str(tmp_path))
    assert result.returncode == 2
    assert "unknown target appimage" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_target_of_another_system_says_where_it_is_built(tmp_path: Path) -> None:
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    if platform not in OTHER_SYSTEMS:
        pytest.skip(f"no rule for {sys.platform}")
    target = OTHER_SYSTEMS[platform]
    result = build(target, "--out", str(tmp_path / "out"), "--work", str(tmp_path))
    assert result.returncode == 2
    assert f"{target} must be built on" in result.stderr
    assert "does not cross-compile" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_build_error_is_one_sentence_and_status_1(tmp_path: Path) -> None:
    """A file where the work folder should be: the build stops with status 1 and a message,
    no traceback."""
    blocker = tmp_path / "work"
    blocker.write_text("not a folder")
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    target = {"linux": "deb", "win32": "windows", "darwin": "macos"}[platform]
    result = build(target, "--out", str(tmp_path / "out"), "--work", str(blocker))
    assert result.returncode == 1
    assert result.stderr.startswith("build.py: error: ")
    assert str(blocker) in result.stderr
    assert "Traceback" not in result.stderr
