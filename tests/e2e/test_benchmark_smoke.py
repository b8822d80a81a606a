"""benchmarks/run.py works end to end (the floors only, one short run): the bare tray, the
HTTPS floor (tools/bare_tray.py --https) reading the simulator the benchmark hosts, and the
stack floor (``--https --stack``: the request by httpx, the app's libraries loaded). Its
figures are not checked against goals here: timings belong to the benchmark, not to the tests.
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


def test_the_benchmark_prints_the_floors_figures(tmp_path: Path) -> None:
    report = tmp_path / "benchmark.json"
    result = subprocess.run(
        [
            *(sys.executable, str(ROOT / "benchmarks" / "run.py"), "--runs", "1"),
            *("--idle-seconds", "2", "--settle-seconds", "0.5", "--running-seconds", "1"),
            *("--bare-only", "--json", str(report)),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
        env=os.environ,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cores), Python " in result.stdout  # the machine is named
    rows = {line.split("  ")[0]: line for line in result.stdout.splitlines()}
    header = rows["figure"]
    assert "bare tray" in header
    assert "HTTPS floor" in header
    assert "stack floor" in header
    assert "app --demo" not in header
    assert rows["launch -> icon shown (X window)"].count(" ms") == 3
    assert rows["launch -> READY icon (in-process)"].count(" ms") == 3
    assert rows["launch -> first status / answer"].count(" ms") == 2  # the floors' answers
    assert rows["launch -> exit (--exit-when-ready)"].count(" ms") == 3
    assert rows["peak memory at first status (VmHWM)"].count(" MiB") == 3
    assert rows["running RSS after 1 s (VmRSS)"].count(" MiB") == 3
    assert rows["idle CPU, % of one core"].count(" %") >= 3
    assert "timeman-tray: not measured (--bare-only)" in result.stdout
    assert "not available" not in result.stdout

    document = json.loads(report.read_text())
    assert document["machine"]["cores"] == str(os.cpu_count())
    results = document["results"]
    assert set(results) == {"bare", "https", "stack"}
    for key in ("bare", "https", "stack"):
        assert len(results[key]["starts"]) == 1, key
        run = results[key]["starts"][0]
        assert 0 < run["icon_ms"] < 30_000
        assert 0 < run["ready_icon_ms"] <= run["exit_ms"]
        assert run["status_hwm_kib"] > 10_000
        assert results[key]["running_rss_kib"] > 10_000
        assert 0 <= results[key]["idle_cpu_percent"] < 100
    for key in ("https", "stack"):
        floor = results[key]["starts"][0]
        assert floor["phase"] == "ready", key  # the answer came, over verified TLS
        assert floor["ready_icon_ms"] < floor["ready_status_ms"] <= floor["exit_ms"]
    # The stack's libraries cost memory the HTTPS floor does not pay.
    assert results["stack"]["running_rss_kib"] > results["https"]["running_rss_kib"]
    assert results["bare"]["starts"][0]["ready_status_ms"] is None
