"""A whole company on one portal, simulated: does the poll schedule stay polite at any size?

Every tray runs the product's own code: the interval the admin policy derives from the fleet's
size (:func:`tray_app.config.policy.derived_interval_s`), the start window
(:func:`tray_app.core.timing.fleet_start_window`), the poll schedule
(:class:`tray_app.core.timing.PollSchedule`), the delay of the week's records
(:func:`tray_app.core.timing.later_read_delay`) and the retry of a refused click
(:data:`tray_app.core.timing.REFUSED_WRITE_BACKOFF`). They run against the simulator's leaky
bucket (:class:`tray_app.demo.limits.LeakyBucket`: one per source IP, the plan's drain and
threshold, optionally scaled, API reference §5.5), on a simulated clock, alongside another
integration (:class:`tray_app.demo.load.OtherIntegration`, Poisson) drawing from the same
bucket. Nothing real runs: a thousand trays for an hour and a half take a second or two.

::

    python -m benchmarks.fleet                         # N = 10, 100, 300, 1 000, 3 000, 2/s plan
    python -m benchmarks.fleet --trays 1000 --plan enterprise
    python -m benchmarks.fleet --trays 30 --stands-for 1000   # the real test's scaled bucket

What a tray does, as the tray does it: it starts at a random moment of the first minute, sends
its first read at :meth:`~tray_app.core.timing.PollSchedule.first`, then reads whenever the
schedule says; a refused read is answered by :meth:`~tray_app.core.timing.PollSchedule.failed`.
After its first status it reads the week's records once. In the steady part a tenth of the
trays click (one write, whose answer carries the state; a refused write is retried with the
short back-off; the tray reads once more :meth:`~tray_app.core.timing.PollSchedule.acted`
after it), and every tray's day is changed elsewhere at random moments: how late the tray shows
it is the time to its next admitted read (the menu's read on opening is not modelled: it shows
a change at once).

Printed per N, over the steady part (from the end of the start window on, at least the last
two thirds): the share of the fleet's requests refused, the share of the seconds the bucket was
full, the other integration's refused share, the clicks' delay p50/p99, the first status
(median, max, never), how late a change elsewhere is shown (p50/p99), requests per tray-hour.
"""

from __future__ import annotations

import argparse
import bisect
import heapq
import math
import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from tray_app.config.policy import DRAIN_PER_S, derived_interval_s
from tray_app.core.backoff import REFUSED_WRITE_BACKOFF
from tray_app.core.fleet_start import fleet_start_window, later_read_delay
from tray_app.core.poll_schedule import PollSchedule, PollTimes
from tray_app.core.remedy import Remedy
from tray_app.demo.limits import PLANS, LeakyBucket, scaled_plan
from tray_app.demo.load import OtherIntegration

_OFFICE_IP = "198.51.100.7"
SIZES = (10, 100, 300, 1000, 3000)
USER_INTERVAL_S = 60
"""The built-in poll interval (Settings().poll_interval_s)."""
RECORDS_RETRY_S = 15 * 60.0
"""tray_app/ui/state/week_records.py's RETRY_AFTER."""


@dataclass(frozen=True)
class Fleet:
    """What is simulated."""

    trays: int = 1000
    stands_for: int | None = None
    """The fleet size the trays are told (the policy's ``fleet_size``); the bucket is scaled
    by ``trays / stands_for`` (None: the trays are the fleet, the bucket is the plan's)."""
    plan: str = "standard"
    budget_share: float = 0.5
    start_window: float = 60.0
    """All trays start within this many seconds (an office arriving, a rollout)."""
    minutes: float | None = None
    """How long; None: 90 min, or five poll intervals when that is longer (a steady part)."""
    other_load: float = 0.5
    """Requests per second of the company's other integration at full scale (scaled too)."""
    clicking_share: float = 0.1
    """The share of the trays that click once in the steady part."""
    changes_per_tray: int = 2
    """Changes of each tray's day made elsewhere (the browser) in the steady part."""
    seed: int = 1
    steady_from_s: float | None = None
    """Where the steady part starts (None: after the start window, at least a third in)."""

    @property
    def scale(self) -> float:
        return 1.0 if self.stands_for is None else self.trays / self.stands_for

    @property
    def fleet_size(self) -> int:
        return self.stands_for or self.trays


class _Kind(IntEnum):
    READ = 0
    RECORDS = 1
    CLICK = 2
    CHANGE = 3
    SECOND = 4


@dataclass
class _Counts:
    requests: int = 0
    refused: int = 0
    seconds: int = 0
    full_seconds: int = 0


@dataclass
class FleetReport:
    """What came of it."""

    fleet: Fleet
    drain: float
    threshold: float
    interval: float
    start_window: float
    steady_from: float
    end: float
    whole: _Counts
    steady: _Counts
    other_steady: tuple[int, int]
    """The other integration's (admitted, refused) in the steady part."""
    first_status: list[float]
    clicks: list[float]
    change_delays: list[float]
    unseen_changes: int
    reads_per_tray_hour: float = field(default=0.0)

    @property
    def never_answered(self) -> int:
        return self.fleet.trays - len(self.first_status)

    @property
    def steady_refused(self) -> float:
        return self.steady.refused / max(1, self.steady.requests)

    @property
    def steady_full(self) -> float:
        return self.steady.full_seconds / max(1, self.steady.seconds)

    @property
    def other_refused(self) -> float:
        admitted, refused = self.other_steady
        return refused / max(1, admitted + refused)

    def lines(self) -> list[str]:
        fleet, first = self.fleet, sorted(self.first_status) or [math.nan]
        told = f" (told {fleet.stands_for})" if fleet.stands_for else ""
        return [
            f"fleet: {fleet.trays} trays{told}, plan {fleet.plan}: bucket {self.drain:g}/s "
            f"refusing at {self.threshold:g}, other integration "
            f"{fleet.other_load * fleet.scale:g} req/s; interval {self.interval:.0f} s, start "
            f"window {self.start_window:.0f} s; steady from {self.steady_from / 60:.1f} min "
            f"of {self.end / 60:.0f}",
            f"  steady: refused {self.steady_refused:.2%} of {self.steady.requests}, bucket "
            f"full {self.steady_full:.2%} of the seconds, other integration refused "
            f"{self.other_refused:.2%} of {sum(self.other_steady)}; whole run refused "
            f"{self.whole.refused / max(1, self.whole.requests):.1%} of {self.whole.requests}",
            f"  clicks: {len(self.clicks)}, p50 {_pct(self.clicks, 50):.2f} s, p99 "
            f"{_pct(self.clicks, 99):.2f} s",
            f"  first status: median {statistics.median(first):.0f} s, max {first[-1]:.0f} s, "
            f"never {self.never_answered}",
            f"  change elsewhere shown: p50 {_pct(self.change_delays, 50) / 60:.1f} min, p99 "
            f"{_pct(self.change_delays, 99) / 60:.1f} min, not within the run "
            f"{self.unseen_changes}; requests per tray-hour {self.reads_per_tray_hour:.1f}",
        ]


def _pct(values: Sequence[float], percent: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * percent / 100))]


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def simulate(fleet: Fleet) -> FleetReport:  # noqa: PLR0912, PLR0915  (one event loop)
    """Run ``fleet`` with the product's schedule and report."""
    rng = random.Random(fleet.seed)
    clock = _Clock()
    plan = scaled_plan(
        PLANS["enterprise" if fleet.plan == "enterprise" else "standard"], fleet.scale
    )
    bucket = LeakyBucket(clock, drain=plan.drain, threshold=plan.threshold)
    other_rate = fleet.other_load * fleet.scale
    if other_rate > 0:
        bucket.add_load(
            OtherIntegration(other_rate, key=_OFFICE_IP, start=0.0, seed=rng.randrange(2**32))
        )
    # Policy.interval_s: the user's (built-in) minute, never below the fleet's derived interval.
    derived = derived_interval_s(fleet.fleet_size, fleet.plan, fleet.budget_share)
    interval = float(max(USER_INTERVAL_S, derived))
    window = fleet_start_window(fleet.fleet_size, DRAIN_PER_S[fleet.plan])
    times = PollTimes(interval=interval, max_interval=max(3600.0, interval), start_window=window)
    end = (fleet.minutes or max(90.0, 5 * interval / 60)) * 60.0
    steady_from = fleet.steady_from_s
    if steady_from is None:
        steady_from = min(max(end / 3, fleet.start_window + window), end * 2 / 3)
    schedules = [PollSchedule(times, random.Random(rng.random())) for _ in range(fleet.trays)]
    started = [rng.uniform(0.0, fleet.start_window) for _ in range(fleet.trays)]
    reads: list[list[float]] = [[] for _ in range(fleet.trays)]
    """Each tray's admitted reads (status), in order."""
    first: dict[int, float] = {}
    next_read: dict[int, tuple[float, int]] = {}
    """Each tray's pending read: (when, event order); an older pending one is dropped."""

    events: list[tuple[float, int, _Kind, int, float]] = []
    order = 0

    def push(when: float, kind: _Kind, who: int, since: float = 0.0) -> int:
        nonlocal order
        order += 1
        heapq.heappush(events, (when, order, kind, who, since))
        return order

    def read_at(when: float, who: int) -> None:
        next_read[who] = (when, push(when, _Kind.READ, who))

    for who, at in enumerate(started):
        read_at(at + schedules[who].first(), who)
    steady_span = end - steady_from
    change_span = max(steady_span / 2, steady_span - 2 * interval)  # most are seen in the run
    changes = [
        (steady_from + rng.random() * change_span, who)
        for who in range(fleet.trays)
        for _ in range(fleet.changes_per_tray)
    ]
    clickers = rng.sample(range(fleet.trays), max(1, round(fleet.trays * fleet.clicking_share)))
    for who in clickers:
        at = steady_from + rng.random() * steady_span
        push(at, _Kind.CLICK, who, at)
    push(0.0, _Kind.SECOND, -1)

    whole, steady = _Counts(), _Counts()
    other_before: tuple[int, int] | None = None
    clicks: list[float] = []
    click_failures: dict[int, int] = {}
    while events:
        when, seq, kind, who, since = heapq.heappop(events)
        if when >= end:
            break
        clock.now = when
        counts = (whole, steady) if when >= steady_from else (whole,)
        if kind is _Kind.SECOND:
            if other_before is None and when >= steady_from:
                other = bucket.stats().loads.get("other-integration")
                other_before = (other.admitted, other.refused) if other else (0, 0)
            full = bucket.level(_OFFICE_IP) >= plan.threshold  # the next request is refused
            for count in counts:
                count.seconds += 1
                count.full_seconds += full
            push(when + 1.0, _Kind.SECOND, -1)
            continue
        if kind is _Kind.READ and next_read.get(who, (None, seq))[1] != seq:
            continue  # moved by a click's follow-up read
        admitted = bucket.admit(_OFFICE_IP)
        for count in counts:
            count.requests += 1
            count.refused += not admitted
        schedule = schedules[who]
        if kind is _Kind.READ:
            if not admitted:
                delay = schedule.failed(Remedy.WAIT, when, rate_limited=True)
                assert delay is not None, "a rate limit is worth waiting for"
                read_at(when + delay, who)
                continue
            reads[who].append(when)
            if who not in first:
                first[who] = when - started[who]
                push(when + later_read_delay(interval, window, rng), _Kind.RECORDS, who)
            read_at(when + schedule.answered(), who)
        elif kind is _Kind.RECORDS:
            if not admitted:
                push(when + RECORDS_RETRY_S, _Kind.RECORDS, who)
        elif kind is _Kind.CLICK:
            if admitted:
                clicks.append(when - since)
                read_at(when + schedule.acted(), who)
            else:
                failures = click_failures[who] = click_failures.get(who, 0) + 1
                push(when + REFUSED_WRITE_BACKOFF.delay(failures, rng), _Kind.CLICK, who, since)
    other = bucket.stats().loads.get("other-integration")
    other_now = (other.admitted, other.refused) if other else (0, 0)
    before = other_before or other_now
    delays: list[float] = []
    unseen = 0
    for at, who in changes:
        index = bisect.bisect_right(reads[who], at)
        if index < len(reads[who]):
            delays.append(reads[who][index] - at)
        else:
            unseen += 1
    return FleetReport(
        fleet=fleet,
        drain=plan.drain,
        threshold=plan.threshold,
        interval=interval,
        start_window=window,
        steady_from=steady_from,
        end=end,
        whole=whole,
        steady=steady,
        other_steady=(other_now[0] - before[0], other_now[1] - before[1]),
        first_status=list(first.values()),
        clicks=clicks,
        change_delays=delays,
        unseen_changes=unseen,
        reads_per_tray_hour=steady.requests / fleet.trays / (steady_span / 3600.0),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    defaults = Fleet()
    parser.add_argument("--trays", type=int, action="append", help=f"default: {SIZES}")
    parser.add_argument("--stands-for", type=int, help="scale the bucket: the trays stand for")
    parser.add_argument("--plan", choices=sorted(DRAIN_PER_S), default=defaults.plan)
    parser.add_argument("--enterprise", action="store_true", help="--plan enterprise")
    parser.add_argument("--budget-share", type=float, default=defaults.budget_share)
    parser.add_argument("--minutes", type=float, help="default: 90, or five intervals")
    parser.add_argument("--start-window", type=float, default=defaults.start_window)
    parser.add_argument("--other-load", type=float, default=defaults.other_load)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    args = parser.parse_args(argv)
    for trays in args.trays or SIZES:
        fleet = Fleet(
            trays=trays,
            stands_for=args.stands_for,
            plan="enterprise" if args.enterprise else args.plan,
            budget_share=args.budget_share,
            start_window=args.start_window,
            minutes=args.minutes,
            other_load=args.other_load,
            seed=args.seed,
        )
        for line in simulate(fleet).lines():
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
