"""The product's fleet policy keeps a whole company polite on one portal (simulated clock).

benchmarks/fleet.py runs every tray's own code (the derived interval, the start window, the
poll schedule, the click's retry) against the simulator's leaky bucket; seeded, so these are
facts about the policy, not timings.
"""

from __future__ import annotations

import pytest

from benchmarks.fleet import Fleet, main, simulate


def test_a_thousand_trays_on_the_smallest_plan_meet_the_issues_targets() -> None:
    report = simulate(Fleet(trays=1000, minutes=90))
    assert report.never_answered == 0
    assert min(report.first_status) < 5.0, "the first ones within seconds"
    assert max(report.first_status) < 11 * 60, "about ten minutes: the drain's arithmetic"
    assert report.steady_refused < 0.01
    assert report.steady_full < 0.01
    assert report.other_refused < 0.01
    assert max(report.clicks) < 2.0
    assert sorted(report.change_delays)[len(report.change_delays) // 2] < 10 * 60
    assert report.reads_per_tray_hour < 6.0


def test_a_small_office_is_served_at_once_and_as_fresh_as_alone() -> None:
    report = simulate(Fleet(trays=10, minutes=30, other_load=0.0))
    assert max(report.first_status) < 1.0
    assert report.whole.refused == 0
    assert report.interval == 60.0
    assert report.reads_per_tray_hour == pytest.approx(60, rel=0.1), "a minute apart"


def test_the_benchmark_prints_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--trays", "50", "--minutes", "5", "--enterprise"]) == 0
    out = capsys.readouterr().out
    assert "50 trays" in out
    assert "bucket 5/s refusing at 250" in out
    assert "first status: median" in out
    assert "clicks:" in out
    assert "change elsewhere shown: p50" in out
