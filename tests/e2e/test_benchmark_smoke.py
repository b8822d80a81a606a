"""benchmarks/run.py works end to end (bare tray only, one short run). Its figures are not
checked against budgets here: timings belong to the benchmark, not to the tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.desktop import ROOT

pytestmark = pytest.mark.e2e


def test_the_benchmark_prints_the_bare_tray_figures(tmp_path: Path) -> None:
    report = tmp_path / "benchmark.json"
    result = subprocess.run(
        [
            *(sys.executable, str(ROOT / "benchmarks" / "run.py"), "--runs", "1"),
            *("--idle-seconds", "2", "--settle-seconds", "0.5", "--bare-only"),
            *("--json", str(report)),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=os.environ,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {line.split("  ")[0]: line for line in result.stdout.splitlines()}
    assert " ms" in rows["launch -> icon shown (X window)"]
    assert " ms" in rows["launch -> READY icon (in-process)"]
    assert " ms" in rows["launch -> exit (--exit-when-ready)"]
    assert " MiB" in rows["peak RSS (VmHWM, end of idle)"]
    assert " % " in rows["CPU idle, % of one core"]
    assert "timeman-tray: not measured (--bare-only)" in result.stdout

    bare = json.loads(report.read_text())["results"]["bare"]
    assert len(bare["starts"]) == 1
    run = bare["starts"][0]
    assert 0 < run["icon_ms"] < 30_000
    assert 0 < run["ready_icon_ms"] <= run["exit_ms"]
    assert bare["peak_rss_kib"] > 10_000
    assert 0 <= bare["idle_cpu_percent"] < 100
