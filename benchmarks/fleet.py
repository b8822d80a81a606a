"""A whole company on one portal, simulated: does the poll schedule stay polite at any size?

Every tray runs the product's own schedule (:class:`tray_app.core.timing.PollSchedule`) against
the portal's leaky bucket (the simulator's :class:`tray_app.demo.limits.LeakyBucket`: one per
source IP, drains 2/s, refuses at 50, API reference §5.5), on a simulated clock, alongside the
company's other integrations drawing from the same bucket. Nothing real runs: a thousand trays
for an hour take a second, so the policy can be measured at the sizes companies deploy.

::

    python -m benchmarks.fleet                        # 1 000 trays, 30 min, starting within 1 min
    python -m benchmarks.fleet --trays 120 --minutes 60 --other-load 0.5

It prints how much of the budget the fleet used, how many requests were refused (the fleet's
and the other integrations'), and when the trays had their first status.
"""

from __future__ import annotations

import argparse
import heapq
import random
import statistics
from dataclasses import dataclass

from tray_app.core.remedy import Remedy
from tray_app.core.timing import PollSchedule, PollTimes
from tray_app.demo.limits import LeakyBucket

_OFFICE_IP = "198.51.100.7"


@dataclass(frozen=True)
class Fleet:
    """What is simulated."""

    trays: int = 1000
    start_window: float = 60.0
    """All trays start within this many seconds (an office arriving, a rollout)."""
    minutes: float = 30.0
    drain: float = 2.0
    threshold: int = 50
    other_load: float = 0.5
    """Requests per second of the company's other integrations (CRM sync, telephony, BI)."""
    seed: int = 1


@dataclass(frozen=True)
class FleetReport:
    """What came of it."""

    fleet: Fleet
    requests: int
    refused: int
    other_requests: int
    other_refused: int
    saturated_share: float
    """Share of the seconds in which the bucket was full (everyone was refused)."""
    first_status: list[float]
    """Seconds from each tray's start to its first status (only the trays that had one)."""
    steady_rate: float
    """The fleet's requests per second over the last third of the run."""
    steady_saturated_share: float
    """Share of the seconds of the last third in which the bucket was full."""
    steady_other_refused: float
    """Share of the other integrations' requests refused in the last third."""

    @property
    def never_answered(self) -> int:
        return self.fleet.trays - len(self.first_status)

    def lines(self) -> list[str]:
        fleet, first = self.fleet, sorted(self.first_status) or [float("nan")]
        budget = fleet.drain
        return [
            f"fleet: {fleet.trays} trays starting within {fleet.start_window:.0f} s, "
            f"{fleet.minutes:.0f} min, bucket {fleet.drain:g}/s refusing at {fleet.threshold}, "
            f"other integrations {fleet.other_load:g} req/s",
            f"tray requests: {self.requests}, refused {self.refused} "
            f"({_share(self.refused, self.requests)})",
            f"other integrations: {self.other_requests}, refused {self.other_refused} "
            f"({_share(self.other_refused, self.other_requests)})",
            f"bucket full: {self.saturated_share:.1%} of the seconds",
            f"last third: fleet {self.steady_rate:.2f} req/s "
            f"({self.steady_rate / budget:.0%} of the drain), bucket full "
            f"{self.steady_saturated_share:.1%} of the seconds, other integrations refused "
            f"{self.steady_other_refused:.1%}",
            f"first status: median {statistics.median(first):.0f} s, "
            f"90 % {first[int(0.9 * (len(first) - 1))]:.0f} s, last {first[-1]:.0f} s, "
            f"never {self.never_answered}",
        ]


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@dataclass
class _Counts:
    """Counts over the whole run, and over its last third (``steady``)."""

    requests: int = 0
    refused: int = 0
    others: int = 0
    others_refused: int = 0
    seconds: int = 0
    full_seconds: int = 0

    def second(self, full: bool) -> None:
        self.seconds += 1
        self.full_seconds += full

    def other(self, admitted: bool) -> None:
        self.others += 1
        self.others_refused += not admitted

    def tray(self, admitted: bool) -> None:
        self.requests += 1
        self.refused += not admitted


def simulate(fleet: Fleet, times: PollTimes | None = None) -> FleetReport:
    """Run ``fleet`` with the product's schedule (or ``times``) and report."""
    rng = random.Random(fleet.seed)
    clock = _Clock()
    bucket = LeakyBucket(clock, drain=fleet.drain, threshold=fleet.threshold)
    schedules = [
        PollSchedule(times or PollTimes(), random.Random(rng.random())) for _ in range(fleet.trays)
    ]
    started = [rng.uniform(0.0, fleet.start_window) for _ in range(fleet.trays)]
    first: dict[int, float] = {}
    end = fleet.minutes * 60.0
    steady_from = end * 2 / 3
    # (when, order, who): who >= 0 a tray's read, -1 another integration's request, -2 a second.
    events: list[tuple[float, int, int]] = [(at, i, i) for i, at in enumerate(started)]
    order = fleet.trays
    if fleet.other_load > 0:
        events.append((rng.expovariate(fleet.other_load), order, -1))
    events.append((0.0, order + 1, -2))
    heapq.heapify(events)
    whole, steady = _Counts(), _Counts()
    while events:
        when, _, who = heapq.heappop(events)
        if when >= end:
            break
        clock.now = when
        order += 1
        counts = (whole, steady) if when >= steady_from else (whole,)
        if who == -2:
            full = bucket.level(_OFFICE_IP) >= fleet.threshold - 1
            for count in counts:
                count.second(full)
            heapq.heappush(events, (when + 1.0, order, -2))
            continue
        admitted = bucket.admit(_OFFICE_IP)
        if who == -1:
            for count in counts:
                count.other(admitted)
            heapq.heappush(events, (when + rng.expovariate(fleet.other_load), order, -1))
            continue
        for count in counts:
            count.tray(admitted)
        if admitted:
            first.setdefault(who, when - started[who])
            delay: float | None = schedules[who].answered()
        else:
            delay = schedules[who].failed(Remedy.WAIT, when, rate_limited=True)
        assert delay is not None, "a rate limit is worth waiting for"
        heapq.heappush(events, (when + delay, order, who))
    return FleetReport(
        fleet=fleet,
        requests=whole.requests,
        refused=whole.refused,
        other_requests=whole.others,
        other_refused=whole.others_refused,
        saturated_share=whole.full_seconds / max(1, whole.seconds),
        first_status=list(first.values()),
        steady_rate=steady.requests / (end - steady_from),
        steady_saturated_share=steady.full_seconds / max(1, steady.seconds),
        steady_other_refused=steady.others_refused / max(1, steady.others),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    defaults = Fleet()
    parser.add_argument("--trays", type=int, default=defaults.trays)
    parser.add_argument("--minutes", type=float, default=defaults.minutes)
    parser.add_argument("--start-window", type=float, default=defaults.start_window)
    parser.add_argument("--other-load", type=float, default=defaults.other_load)
    parser.add_argument("--enterprise", action="store_true", help="5/s refusing at 250")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    args = parser.parse_args(argv)
    fleet = Fleet(
        trays=args.trays,
        start_window=args.start_window,
        minutes=args.minutes,
        drain=5.0 if args.enterprise else 2.0,
        threshold=250 if args.enterprise else 50,
        other_load=args.other_load,
        seed=args.seed,
    )
    for line in simulate(fleet).lines():
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
