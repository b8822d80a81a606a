"""The import-linter contracts ([tool.importlinter] in pyproject.toml) catch what they promise.

scripts/test runs ``lint-imports`` on the tree; these tests break a copy of the tree on purpose and
check the run fails, so a contract weakened by accident (a lost ``include_external_packages``, a
room left out of a layer) does not pass unseen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(
    not LINT_IMPORTS.exists(), reason="lint-imports is not installed (the [test] extra has it)"
)


def _copy_of_the_tree(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "tray_app", tmp_path / "tray_app", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _add_to(module: Path, lines: str) -> None:
    module.write_text(module.read_text(encoding="utf-8") + lines, encoding="utf-8")


def test_the_tree_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint_imports(_copy_of_the_tree(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_qt_in_core_breaks_the_no_qt_contract(tmp_path: Path) -> None:
    tree = _copy_of_the_tree(tmp_path)
    _add_to(tree / "tray_app/core/quoting.py", "\nimport PySide6  # noqa: F401\n")
    result = _lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "do not import Qt BROKEN" in result.stdout
    assert "tray_app.core.quoting -> PySide6" in result.stdout


def test_an_upward_import_under_type_checking_breaks_the_layers(tmp_path: Path) -> None:
    # Imports under `if TYPE_CHECKING:` count: a room may not name a higher one even for types.
    tree = _copy_of_the_tree(tmp_path)
    _add_to(
        tree / "tray_app/core/quoting.py",
        "\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
        "    from tray_app.services import account  # noqa: F401\n",
    )
    result = _lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "tray_app.core.quoting -> tray_app.services.account" in result.stdout
