"""The product's poll schedule keeps a whole company polite on one portal (simulated clock).

benchmarks/fleet.py runs every tray's own :class:`~tray_app.core.timing.PollSchedule` against
the simulator's leaky bucket; seeded, so these are facts about the policy, not timings.
"""

from __future__ import annotations

import statistics

import pytest

from benchmarks.fleet import Fleet, main, simulate


def test_a_thousand_trays_starting_together_all_get_a_first_status_and_settle() -> None:
    report = simulate(Fleet(trays=1000, minutes=30))
    assert report.never_answered == 0
    assert statistics.median(report.first_status) < 300
    assert max(report.first_status) < 15 * 60
    assert report.steady_rate < report.fleet.drain, "settled below what the bucket drains"
    assert report.steady_other_refused < 0.05, "the company's other integrations get through"


def test_a_small_office_is_served_at_once_and_seldom_refused() -> None:
    report = simulate(Fleet(trays=100, minutes=30, other_load=0.0))
    assert max(report.first_status) < 1.0
    assert report.refused == 0
    assert report.steady_rate == pytest.approx(100 / 60, rel=0.05), "a minute apart, as set"


def test_the_benchmark_prints_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--trays", "50", "--minutes", "5", "--enterprise"]) == 0
    out = capsys.readouterr().out
    assert "50 trays" in out
    assert "bucket 5/s refusing at 250" in out
    assert "first status: median" in out
