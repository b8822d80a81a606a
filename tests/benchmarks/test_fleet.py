"""The product's fleet policy keeps a whole company polite on one portal (simulated clock).

benchmarks/fleet.py runs every tray's own code (the derived interval, the start window, the
poll schedule, the click's retry, the read after a wake) against the simulator's leaky bucket
through an office day with an outage at noon and a wake after lunch; seeded, so these are facts
about the policy, not timings.
"""

from __future__ import annotations

import statistics

import pytest

from benchmarks.fleet import Fleet, first_status_floor, main, simulate
from benchmarks.fleet_model import DayReport


@pytest.fixture(scope="module")
def thousand() -> DayReport:
    return simulate(Fleet(trays=1000))


def test_a_thousand_trays_on_the_smallest_plan_meet_the_issues_steady_targets(
    thousand: DayReport,
) -> None:
    steady = thousand.steady
    assert steady.refused_share < 0.01
    assert steady.full_share < 0.01
    assert steady.other_refused_share < 0.01
    assert max(thousand.clicks) < 2.0
    assert sorted(thousand.change_delays)[len(thousand.change_delays) // 2] < 10 * 60
    assert thousand.reads_per_tray_hour < 6.0


def test_a_thousand_first_statuses_come_near_the_floor_any_policy_has(
    thousand: DayReport,
) -> None:
    assert thousand.never_answered == 0
    assert min(thousand.first_status) < 5.0, "the first ones within seconds"
    assert max(thousand.first_status) < 11 * 60, "about ten minutes"
    floor = first_status_floor(thousand)
    assert floor == pytest.approx((1000 - 50) / (2.0 - 0.5))
    assert floor <= thousand.last_first_status < 1.1 * floor


def test_after_the_outage_every_tray_reads_again_within_about_an_interval(
    thousand: DayReport,
) -> None:
    outage = thousand.recoveries["outage"]
    assert outage.unread == 0
    assert max(outage.reads) < 2 * thousand.interval
    assert thousand.counts["outage"].refused_share < 0.01


def test_a_whole_office_waking_at_once_reads_spread_over_the_start_window(
    thousand: DayReport,
) -> None:
    wake = thousand.recoveries["wake"]
    assert wake.unread == 0
    assert sorted(wake.reads)[len(wake.reads) * 99 // 100] <= thousand.window
    assert thousand.counts["wake"].refused_share < 0.01
    assert thousand.counts["wake"].other_refused_share < 0.01
    assert statistics.median(wake.learnt) == thousand.interval, "nothing learnt from a crowd"


def test_a_small_office_is_served_at_once_and_as_fresh_as_alone() -> None:
    report = simulate(Fleet(trays=10, other_load=0.0))
    assert max(report.first_status) < 1.0
    assert report.whole.refused == 0
    assert report.interval == 60.0
    assert report.reads_per_tray_hour == pytest.approx(60, rel=0.1), "a minute apart"
    assert first_status_floor(report) == 0.0
    assert max(report.recoveries["wake"].reads) < 21.0, "the wake's spread alone"


def test_a_short_run_leaves_out_the_outage_and_the_wake() -> None:
    report = simulate(Fleet(trays=50, minutes=30))
    assert report.recoveries == {}
    assert set(report.counts) == {"whole", "steady"}


def test_the_benchmark_prints_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--trays", "50", "--enterprise"]) == 0
    out = capsys.readouterr().out
    assert "50 trays" in out
    assert "bucket 5/s refusing at 250" in out
    assert "first status: median" in out
    assert "(floor 0 s: (N - burst) / (drain - other))" in out
    assert "clicks:" in out
    assert "change elsewhere shown: p50" in out
    assert "outage 12:00-12:10, then to 13:30: refused" in out
    assert "all wake at 14:30, then to 15:30: refused" in out


def test_a_scaled_bucket_refuses_by_its_burst_not_by_its_drain() -> None:
    """30 trays standing for 1 000: the burst scaled to 1.5 refuses often (small numbers), the
    same drain with a burst of 15 as rarely as the full bucket does the full fleet."""
    scaled = simulate(Fleet(trays=30, stands_for=1000))
    assert scaled.plan.threshold == pytest.approx(1.5)
    assert scaled.steady.refused_share > 0.05
    wide = simulate(Fleet(trays=30, stands_for=1000, burst=15.0))
    assert wide.plan.drain == pytest.approx(0.06)
    assert wide.steady.refused_share < 0.01
