"""The suite's own rules (tests/conftest.py): with CI=true a skip is a failure; Qt tests are
marked ``gui``. Checked by running pytest on a small copy of the test set-up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent

SAMPLE_TESTS = """
import pytest

def test_passes():
    pass

def test_skips():
    pytest.skip("needs something missing")

@pytest.mark.xfail(reason="known bug", strict=True)
def test_known_bug():
    raise AssertionError

def test_gui_marker(request, qtbot):
    assert request.node.get_closest_marker("gui") is not None
"""

SKIPPED_MODULE = """
import pytest

pytest.skip("whole module needs something missing", allow_module_level=True)
"""


def run_sample(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    for name in ("__init__.py", "conftest.py", "keyring_session.py", "session_bus.py"):
        shutil.copy(HERE / name, project / "tests" / name)
    (project / "tests" / "test_sample.py").write_text(SAMPLE_TESTS, encoding="utf-8")
    (project / "tests" / "test_skipped_module.py").write_text(SKIPPED_MODULE, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env.pop("QT_QPA_PLATFORM", None)
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-rA",
            "--continue-on-collection-errors",
            "tests",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_outside_ci_skips_are_allowed(tmp_path: Path) -> None:
    result = run_sample(tmp_path, ci=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 skipped" in result.stdout
    assert "1 xfailed" in result.stdout


@pytest.mark.parametrize("value", ["true", "1"])
def test_under_ci_every_skip_fails_the_run(tmp_path: Path, value: str) -> None:
    result = run_sample(tmp_path, ci=value)
    output = result.stdout
    assert result.returncode != 0, output
    assert "CI=true forbids skips; this test was skipped: needs something missing" in output
    assert "CI=true forbids skips; this module was skipped" in output
    assert "skips under CI=true" in output
    assert "skipped" not in output.splitlines()[-1], "no skip may remain in the summary"
    assert "1 xfailed" in output, "an expected failure is not a skip"


def test_ci_false_behaves_like_no_ci(tmp_path: Path) -> None:
    assert run_sample(tmp_path, ci="false").returncode == 0
