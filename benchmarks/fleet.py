"""A whole company on one portal, simulated: does the poll schedule stay polite at any size?

The product's own policy code runs for every tray, on a fake clock, against the simulator's
leaky bucket and another integration (:mod:`benchmarks.fleet_model`: the office day, with a
ten-minute outage at noon and everyone waking at once after lunch). Nothing real runs: a
thousand trays for a day take a second or two.

::

    python -m benchmarks.fleet                         # N = 10 ... 3 000, the 2/s and 5/s plans
    python -m benchmarks.fleet --trays 1000 --plan enterprise
    python -m benchmarks.fleet --trays 30 --stands-for 1000   # the real test's scaled bucket
    python -m benchmarks.fleet --trays 30 --stands-for 1000 --burst 15   # ... its burst not

Printed per N and plan (issue 11, item 8), over the steady morning (from the start window's
end to the outage): the share of the fleet's requests refused, the share of the seconds the
bucket was full, the other integration's refused share, the clicks' delay p50/p99, the first
status (median, max, and next to it the floor any policy has: the bucket admits its burst and
then what the drain leaves beside the other integration, so the last of N first reads comes
(N - burst) / (drain - other) s after the first start at the earliest), how late a change
elsewhere is shown (p50/p99), requests per tray-hour; after the outage and after the wake: the
refused share, each tray's first read after it (the first, p50, p99, the last: recovered), and the
learnt interval at the part's end.
"""

from __future__ import annotations

import argparse
import math
import statistics
from collections.abc import Sequence

from benchmarks.fleet_model import Counts, DayReport, Fleet, Recovery, simulate
from tray_app.config.policy import DRAIN_PER_S

__all__ = ["SIZES", "Fleet", "first_status_floor", "lines", "main", "simulate"]

SIZES = (10, 100, 300, 1000, 3000)
PLANS = ("standard", "enterprise")
OPENS_AT_MIN = 9 * 60
"""The first tray starts at 9:00."""


def first_status_floor(report: DayReport) -> float:
    """Seconds after the first start before the last of the fleet's first reads can be
    admitted, by any policy: ``(N - burst) / (drain - other)`` (0 when the burst holds all)."""
    fleet, plan = report.fleet, report.plan
    spare = plan.drain - fleet.other_load * fleet.scale
    return max(0.0, fleet.trays - plan.threshold) / spare if spare > 0 else math.inf


def _pct(values: Sequence[float], percent: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * percent / 100))]


def _at(seconds: float) -> str:
    minutes = OPENS_AT_MIN + int(seconds // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def _part(counts: Counts) -> str:
    admitted, refused = counts.other
    return (
        f"refused {counts.refused_share:.2%} of {counts.requests}, bucket full "
        f"{counts.full_share:.2%} of the seconds, other integration refused "
        f"{counts.other_refused_share:.2%} of {admitted + refused}"
    )


def _recovery(recovery: Recovery, counts: Counts, until: str) -> str:
    reads = sorted(recovery.reads) or [math.nan]
    return (
        f"{_part(counts)}; first read after it: first {reads[0]:.0f} s, p50 "
        f"{statistics.median(reads):.0f} s, p99 {_pct(reads, 99):.0f} s, last "
        f"{reads[-1]:.0f} s (recovered), none by "
        f"{until} {recovery.unread}; learnt interval then median "
        f"{statistics.median(recovery.learnt):.0f} s, max {max(recovery.learnt):.0f} s"
    )


def lines(report: DayReport) -> list[str]:
    """The figures of one run, as printed."""
    fleet, plan = report.fleet, report.plan
    first = sorted(report.first_status) or [math.nan]
    told = f" (told {fleet.stands_for})" if fleet.stands_for else ""
    steady = report.parts["steady"]
    out = [
        f"fleet: {fleet.trays} trays{told}, plan {fleet.plan}: bucket {plan.drain:g}/s refusing "
        f"at {plan.threshold:g}, other integration {fleet.other_load * fleet.scale:g} req/s; "
        f"interval {report.interval:.0f} s, start window {report.window:.0f} s; "
        f"{_at(0)}-{_at(report.end)}",
        f"  steady {_at(steady.start)}-{_at(steady.end)}: {_part(report.steady)}; whole run "
        f"refused {report.whole.refused_share:.1%} of {report.whole.requests}",
        f"  clicks: {len(report.clicks)}, p50 {_pct(report.clicks, 50):.2f} s, p99 "
        f"{_pct(report.clicks, 99):.2f} s",
        f"  first status: median {statistics.median(first):.0f} s, max {first[-1]:.0f} s, the "
        f"last {report.last_first_status:.0f} s after the first start (floor "
        f"{first_status_floor(report):.0f} s: (N - burst) / (drain - other)), never "
        f"{report.never_answered}",
        f"  change elsewhere shown: p50 {_pct(report.change_delays, 50) / 60:.1f} min, p99 "
        f"{_pct(report.change_delays, 99) / 60:.1f} min, not within the run "
        f"{report.unseen_changes}; requests per tray-hour {report.reads_per_tray_hour:.1f}",
    ]
    outage, wake = report.recoveries.get("outage"), report.recoveries.get("wake")
    if outage is not None:
        part = report.parts["outage"]
        out.append(
            f"  outage {_at(fleet.outage_at)}-{_at(part.start)}, then to {_at(part.end)}: "
            + _recovery(outage, report.counts["outage"], _at(part.end))
        )
    if wake is not None:
        out.append(
            f"  all wake at {_at(fleet.wake_at)}, then to {_at(report.end)}: "
            + _recovery(wake, report.counts["wake"], "the end")
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    defaults = Fleet()
    parser.add_argument("--trays", type=int, action="append", help=f"default: {SIZES}")
    parser.add_argument("--stands-for", type=int, help="scale the bucket: the trays stand for")
    parser.add_argument("--burst", type=float, help="the bucket's threshold (after scaling)")
    parser.add_argument("--plan", choices=sorted(DRAIN_PER_S), help="default: both")
    parser.add_argument("--enterprise", action="store_true", help="--plan enterprise")
    parser.add_argument("--budget-share", type=float, default=defaults.budget_share)
    parser.add_argument("--minutes", type=float, help="default: the whole day")
    parser.add_argument("--start-window", type=float, default=defaults.start_window)
    parser.add_argument("--other-load", type=float, default=defaults.other_load)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    args = parser.parse_args(argv)
    plans = ("enterprise",) if args.enterprise else (args.plan,) if args.plan else PLANS
    for plan in plans:
        for trays in args.trays or SIZES:
            fleet = Fleet(
                trays=trays,
                stands_for=args.stands_for,
                burst=args.burst,
                plan=plan,
                budget_share=args.budget_share,
                start_window=args.start_window,
                minutes=args.minutes,
                other_load=args.other_load,
                seed=args.seed,
            )
            for line in lines(simulate(fleet)):
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
