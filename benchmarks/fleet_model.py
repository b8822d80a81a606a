"""The office day that benchmarks/fleet.py simulates: N trays on one portal, on a fake clock.

Every tray runs the product's own code: the interval the admin policy derives from the fleet's
size (:func:`tray_app.config.policy.derived_interval_s`), the start window
(:func:`tray_app.core.fleet_start.fleet_start_window`), the poll schedule
(:class:`tray_app.core.poll_schedule.PollSchedule`: :meth:`~PollSchedule.first`,
:meth:`~PollSchedule.answered`, :meth:`~PollSchedule.failed`, :meth:`~PollSchedule.acted`,
:meth:`~PollSchedule.woke`), the delay of the week's records
(:func:`tray_app.core.fleet_start.later_read_delay`) and the retry of a refused click
(:data:`tray_app.core.backoff.REFUSED_WRITE_BACKOFF`), against the simulator's leaky bucket
(:class:`tray_app.demo.limits.LeakyBucket`, one per source IP, API reference §5.5) shared with
another integration (:class:`tray_app.demo.load.OtherIntegration`, Poisson).

The day, in seconds from the first tray's start (9:00): all trays start within a minute; a
steady morning in which a tenth of the trays click once and every tray's day is changed
elsewhere twice; at noon the portal is down for ten minutes (every read fails unreachable, as
the controller answers it: :meth:`~PollSchedule.failed` with ``Remedy.WAIT``); at 13:30 every
laptop sleeps (its timers stop) and at 14:30 all wake in the same second (the controller's
``on_wake``: the next read at :meth:`~PollSchedule.woke`); then an afternoon. The menu's read
on opening is not modelled: it shows a change at once.
"""

from __future__ import annotations

import bisect
import heapq
import math
import random
from dataclasses import dataclass, field
from enum import IntEnum

from tray_app.config.policy import DRAIN_PER_S, derived_interval_s
from tray_app.core.backoff import REFUSED_WRITE_BACKOFF
from tray_app.core.fleet_start import fleet_start_window, later_read_delay
from tray_app.core.poll_schedule import PollSchedule, PollTimes
from tray_app.core.remedy import Remedy
from tray_app.demo.limits import PLANS, LeakyBucket, RatePlan, scaled_plan
from tray_app.demo.load import OtherIntegration

OFFICE_IP = "198.51.100.7"
USER_INTERVAL_S = 60
"""The built-in poll interval (Settings().poll_interval_s)."""
RECORDS_RETRY_S = 15 * 60.0
"""tray_app/ui/state/week_records.py's RETRY_AFTER."""
HOUR = 3600.0


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
    """All trays start within this many seconds (an office arriving, a rollout) ..."""
    even_start: bool = False
    """... one after the other, evenly (the real test's launches), or at random moments."""
    burst: float | None = None
    """The bucket's threshold, instead of the plan's scaled one (how a scaled test's
    statistics depend on it)."""
    minutes: float | None = None
    """How long; None: the whole day (:attr:`day_end`). A shorter run leaves out what comes
    after its end (the outage, the wake)."""
    other_load: float = 0.5
    """Requests per second of the company's other integration at full scale (scaled too)."""
    clicking_share: float = 0.1
    """The share of the trays that click once in the steady part."""
    changes_per_tray: int = 2
    """Changes of each tray's day made elsewhere (the browser) in the steady part."""
    seed: int = 1
    outage_at: float = 3 * HOUR
    """Noon: the portal is unreachable from here ..."""
    outage_s: float = 600.0
    """... for ten minutes."""
    sleep_at: float = 4.5 * HOUR
    """13:30: every laptop sleeps ..."""
    wake_at: float = 5.5 * HOUR
    """... and all wake at 14:30, in the same second."""

    @property
    def scale(self) -> float:
        return 1.0 if self.stands_for is None else self.trays / self.stands_for

    @property
    def fleet_size(self) -> int:
        return self.stands_for or self.trays

    @property
    def rate_plan(self) -> RatePlan:
        plan = scaled_plan(
            PLANS["enterprise" if self.plan == "enterprise" else "standard"], self.scale
        )
        return plan if self.burst is None else RatePlan(drain=plan.drain, threshold=self.burst)

    @property
    def interval(self) -> float:
        """Policy.interval_s: the user's (built-in) minute, never below the fleet's derived one."""
        derived = derived_interval_s(self.fleet_size, self.plan, self.budget_share)
        return float(max(USER_INTERVAL_S, derived))

    @property
    def window(self) -> float:
        return fleet_start_window(self.fleet_size, DRAIN_PER_S[self.plan])

    @property
    def day_end(self) -> float:
        """The afternoon lasts an hour, or long enough for two intervals after the wake's
        window."""
        return self.wake_at + max(HOUR, 2 * self.interval + self.window)

    @property
    def end(self) -> float:
        return self.day_end if self.minutes is None else self.minutes * 60.0


@dataclass
class Counts:
    """The fleet's requests in a part of the day, and the seconds the bucket was full."""

    requests: int = 0
    refused: int = 0
    seconds: int = 0
    full_seconds: int = 0
    other: tuple[int, int] = (0, 0)
    """The other integration's (admitted, refused) in the part."""

    @property
    def refused_share(self) -> float:
        return self.refused / max(1, self.requests)

    @property
    def full_share(self) -> float:
        return self.full_seconds / max(1, self.seconds)

    @property
    def other_refused_share(self) -> float:
        admitted, refused = self.other
        return refused / max(1, admitted + refused)


@dataclass(frozen=True)
class Part:
    """A part of the day: ``[start, end)`` in seconds."""

    name: str
    start: float
    end: float

    def holds(self, when: float) -> bool:
        return self.start <= when < self.end


@dataclass
class Recovery:
    """How the fleet came back after an event at ``since``: each tray's first admitted read
    after it (seconds after ``since``), the trays without one in its part, and the learnt
    intervals at the part's end."""

    since: float
    reads: list[float]
    unread: int
    learnt: list[float]


@dataclass
class DayReport:
    """What came of the day."""

    fleet: Fleet
    plan: RatePlan
    interval: float
    window: float
    end: float
    parts: dict[str, Part]
    counts: dict[str, Counts]
    first_status: list[float]
    """Each answered tray's first status, seconds after its own start."""
    last_first_status: float
    """The last first status, seconds after the first start (what the floor bounds)."""
    clicks: list[float]
    change_delays: list[float]
    unseen_changes: int
    recoveries: dict[str, Recovery] = field(default_factory=dict)
    """``"outage"`` and ``"wake"``, when the run reached them."""

    @property
    def never_answered(self) -> int:
        return self.fleet.trays - len(self.first_status)

    @property
    def steady(self) -> Counts:
        return self.counts["steady"]

    @property
    def whole(self) -> Counts:
        return self.counts["whole"]

    @property
    def reads_per_tray_hour(self) -> float:
        part = self.parts["steady"]
        return self.steady.requests / self.fleet.trays / ((part.end - part.start) / HOUR)


class _Kind(IntEnum):
    READ = 0
    RECORDS = 1
    CLICK = 2
    SECOND = 3
    WAKE = 4


def _day_parts(fleet: Fleet, end: float) -> dict[str, Part]:
    """The parts measured: the whole run; the steady morning (from the start window's end, at
    least a third of the morning in, to the outage); after the outage (to the sleep); after the
    wake (to the end)."""
    steady_end = min(fleet.outage_at, end)
    steady_from = min(max(steady_end / 3, fleet.start_window + fleet.window), steady_end * 2 / 3)
    parts = [Part("whole", 0.0, end), Part("steady", steady_from, steady_end)]
    outage_end = fleet.outage_at + fleet.outage_s
    if outage_end < end:
        parts.append(Part("outage", outage_end, min(fleet.sleep_at, end)))
    if fleet.wake_at < end:
        parts.append(Part("wake", fleet.wake_at, end))
    return {part.name: part for part in parts}


class _Day:
    """One run: the trays' schedules, the bucket, the events."""

    def __init__(self, fleet: Fleet) -> None:
        self.fleet = fleet
        self.rng = random.Random(fleet.seed)
        self.now = 0.0
        self.plan = fleet.rate_plan
        self.bucket = LeakyBucket(
            lambda: self.now, drain=self.plan.drain, threshold=self.plan.threshold
        )
        other_rate = fleet.other_load * fleet.scale
        if other_rate > 0:
            seed = self.rng.randrange(2**32)
            self.bucket.add_load(OtherIntegration(other_rate, key=OFFICE_IP, start=0.0, seed=seed))
        self.interval, self.window = fleet.interval, fleet.window
        times = PollTimes(
            interval=self.interval,
            max_interval=max(HOUR, self.interval),
            start_window=self.window,
        )
        self.end = fleet.end
        self.parts = _day_parts(fleet, self.end)
        self.counts = {name: Counts() for name in self.parts}
        self.schedules = [
            PollSchedule(times, random.Random(self.rng.random())) for _ in range(fleet.trays)
        ]
        self.started = [
            who * fleet.start_window / fleet.trays
            if fleet.even_start
            else self.rng.uniform(0.0, fleet.start_window)
            for who in range(fleet.trays)
        ]
        self.reads: list[list[float]] = [[] for _ in range(fleet.trays)]
        """Each tray's admitted reads (status), in order."""
        self.first: dict[int, float] = {}
        self.next_read: dict[int, int] = {}
        """Each tray's pending read's event order: an older pending one is dropped."""
        self.events: list[tuple[float, int, _Kind, int, float]] = []
        self.order = 0
        self.clicks: list[float] = []
        self.click_failures: dict[int, int] = {}
        self.learnt_at: dict[str, list[float]] = {}
        self.other_so_far: list[tuple[int, int]] = []
        """The other integration's (admitted, refused) so far, at each second."""

    def push(self, when: float, kind: _Kind, who: int, since: float = 0.0) -> int:
        self.order += 1
        heapq.heappush(self.events, (when, self.order, kind, who, since))
        return self.order

    def read_at(self, when: float, who: int) -> None:
        self.next_read[who] = self.push(when, _Kind.READ, who)

    def asleep(self, when: float) -> bool:
        return self.fleet.sleep_at <= when < self.fleet.wake_at

    def down(self, when: float) -> bool:
        return self.fleet.outage_at <= when < self.fleet.outage_at + self.fleet.outage_s

    def plan_the_day(self) -> list[tuple[float, int]]:
        """The first reads, the clicks, the wake; returns the changes made elsewhere."""
        for who, at in enumerate(self.started):
            self.read_at(at + self.schedules[who].first(), who)
        steady = self.parts["steady"]
        span = steady.end - steady.start
        change_span = max(span / 2, span - 2 * self.interval)  # most are seen in the part
        changes = [
            (steady.start + self.rng.random() * change_span, who)
            for who in range(self.fleet.trays)
            for _ in range(self.fleet.changes_per_tray)
        ]
        share = self.fleet.clicking_share
        clickers = max(1, round(self.fleet.trays * share)) if share > 0 else 0
        for who in self.rng.sample(range(self.fleet.trays), clickers):
            at = steady.start + self.rng.random() * span
            self.push(at, _Kind.CLICK, who, at)
        self.push(0.0, _Kind.SECOND, -1)
        self.push(self.fleet.wake_at, _Kind.WAKE, -1)
        return changes

    def run(self) -> None:
        while self.events:
            when, seq, kind, who, since = heapq.heappop(self.events)
            if when >= self.end:
                break
            self.now = when
            if kind is _Kind.SECOND:
                self.second(when)
            elif kind is _Kind.WAKE:
                for tray, schedule in enumerate(self.schedules):
                    self.read_at(when + schedule.woke(), tray)
            elif self.asleep(when):
                continue  # its timers stopped; the wake reads anew
            elif kind is _Kind.READ:
                if self.next_read.get(who) == seq:
                    self.read(when, who)
            elif kind is _Kind.RECORDS:
                if not self.send(when):
                    self.push(when + RECORDS_RETRY_S, _Kind.RECORDS, who)
            else:
                self.click(when, who, since)

    def second(self, when: float) -> None:
        """Once a second: is the bucket full (the next request refused), the other
        integration's counts so far, the learnt intervals at a part's end."""
        full = self.bucket.level(OFFICE_IP) >= self.plan.threshold
        other = self.bucket.stats().loads.get("other-integration")
        self.other_so_far.append((other.admitted, other.refused) if other else (0, 0))
        for name, part in self.parts.items():
            if part.holds(when):
                self.counts[name].seconds += 1
                self.counts[name].full_seconds += full
            if name not in self.learnt_at and when >= part.end:
                self.learnt_at[name] = [s.learnt_interval for s in self.schedules]
        self.push(when + 1.0, _Kind.SECOND, -1)

    def close_parts(self) -> None:
        """The other integration's counts per part, from its counts at each second."""
        series = self.other_so_far
        for name, part in self.parts.items():
            first = series[min(len(series) - 1, math.ceil(part.start))]
            last = series[min(len(series) - 1, math.floor(part.end))]
            self.counts[name].other = (last[0] - first[0], last[1] - first[1])
            self.learnt_at.setdefault(name, [s.learnt_interval for s in self.schedules])

    def send(self, when: float) -> bool | None:
        """One request to the portal: admitted, refused (False) or unreachable (None)."""
        if self.down(when):
            return None
        admitted = self.bucket.admit(OFFICE_IP)
        for name, part in self.parts.items():
            if part.holds(when):
                self.counts[name].requests += 1
                self.counts[name].refused += not admitted
        return admitted

    def read(self, when: float, who: int) -> None:
        schedule = self.schedules[who]
        answer = self.send(when)
        if not answer:
            delay = schedule.failed(Remedy.WAIT, when, rate_limited=answer is False)
            assert delay is not None, "waiting helps a rate limit and an outage"
            self.read_at(when + delay, who)
            return
        self.reads[who].append(when)
        if who not in self.first:
            self.first[who] = when
            records = later_read_delay(self.interval, self.window, self.rng)
            self.push(when + records, _Kind.RECORDS, who)
        self.read_at(when + schedule.answered(), who)

    def click(self, when: float, who: int, since: float) -> None:
        if self.send(when):
            self.clicks.append(when - since)
            self.read_at(when + self.schedules[who].acted(), who)
            return
        failures = self.click_failures[who] = self.click_failures.get(who, 0) + 1
        self.push(when + REFUSED_WRITE_BACKOFF.delay(failures, self.rng), _Kind.CLICK, who, since)

    def recovery(self, name: str, since: float) -> Recovery | None:
        part = self.parts.get(name)
        if part is None:
            return None
        delays: list[float] = []
        for reads in self.reads:
            index = bisect.bisect_left(reads, since)
            if index < len(reads) and reads[index] < part.end:
                delays.append(reads[index] - since)
        return Recovery(since, delays, self.fleet.trays - len(delays), self.learnt_at[name])

    def report(self, changes: list[tuple[float, int]]) -> DayReport:
        delays: list[float] = []
        unseen = 0
        for at, who in changes:
            index = bisect.bisect_right(self.reads[who], at)
            if index < len(self.reads[who]):
                delays.append(self.reads[who][index] - at)
            else:
                unseen += 1
        recoveries = {
            name: recovery
            for name, since in (
                ("outage", self.fleet.outage_at + self.fleet.outage_s),
                ("wake", self.fleet.wake_at),
            )
            if (recovery := self.recovery(name, since)) is not None
        }
        return DayReport(
            fleet=self.fleet,
            plan=self.plan,
            interval=self.interval,
            window=self.window,
            end=self.end,
            parts=self.parts,
            counts=self.counts,
            first_status=[at - self.started[who] for who, at in self.first.items()],
            last_first_status=max(self.first.values(), default=float("nan")),
            clicks=self.clicks,
            change_delays=delays,
            unseen_changes=unseen,
            recoveries=recoveries,
        )


def simulate(fleet: Fleet) -> DayReport:
    """Run ``fleet``'s day with the product's schedule and report."""
    day = _Day(fleet)
    changes = day.plan_the_day()
    day.run()
    day.close_parts()
    return day.report(changes)
