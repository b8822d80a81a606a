"""The two cloud limits: a request-rate leaky bucket and a per-method operating-time budget.

Both run on the *simulated* clock. With a frozen clock nothing drains until a test advances the
clock, so "the 51st request in a burst is refused" holds exactly instead of depending on how
fast the machine is; with a live clock they drain in real time as on the portal.

- Rate: one bucket per source IP; every HTTP request adds one (a ``batch`` is one request), the
  bucket drains ``drain`` per second, and a request that finds it at ``threshold`` or above is
  refused with 503 ``QUERY_LIMIT_EXCEEDED`` (and not counted). The plans (:data:`PLANS`) and
  :func:`scaled_plan` give the figures; a :class:`~tray_app.demo.load.OtherIntegration` added
  with :meth:`LeakyBucket.add_load` draws from the same bucket as the clients of its key (the
  company's CRM sync behind the same office address), and every admission and refusal is
  counted per key (:meth:`LeakyBucket.stats`).
- Operating time: per webhook and method, the handler time is summed in ten one-minute buckets;
  once the sum reaches ``limit`` seconds the method answers 429 ``OPERATION_TIME_LIMIT`` until
  old buckets drop out. ``block`` forces that answer for a method (or ``"*"``) for tests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal, Protocol

from tray_app.demo.envelope import Operating

PlanName = Literal["standard", "enterprise"]


@dataclass(frozen=True)
class RatePlan:
    """A portal plan's request-rate limit: the bucket drains ``drain`` per second and refuses
    at ``threshold`` (API reference §5.5)."""

    drain: float
    threshold: float


PLANS: Final[dict[PlanName, RatePlan]] = {
    "standard": RatePlan(drain=2.0, threshold=50.0),
    "enterprise": RatePlan(drain=5.0, threshold=250.0),
}


def scaled_plan(plan: RatePlan, scale: float) -> RatePlan:
    """``plan`` for a fleet ``scale`` times the size it stands for (30 trays for 1 000: 0.03).

    Both figures are multiplied and the threshold stays a float: the bucket then fills and
    drains in the same *time* as the full one does under the full fleet, which is what a
    polite client's back-off reacts to. Rounding the threshold would change that time (0.03 x
    50 = 1.5: rounded to 2 the bucket holds a third more, to 1 a third less). A fractional
    threshold admits a burst of ``ceil(threshold)`` requests into an empty bucket (1.5: two).
    """
    if not scale > 0:
        raise ValueError(f"the bucket scale must be positive, not {scale!r}")
    return RatePlan(drain=plan.drain * scale, threshold=plan.threshold * scale)


@dataclass(frozen=True)
class Counts:
    """Requests a bucket admitted and refused."""

    admitted: int = 0
    refused: int = 0

    @property
    def total(self) -> int:
        return self.admitted + self.refused

    @property
    def refused_share(self) -> float:
        """Refused / all (0.0 when there was none)."""
        return self.refused / self.total if self.total else 0.0

    def add(self, admitted: bool) -> Counts:
        if admitted:
            return Counts(self.admitted + 1, self.refused)
        return Counts(self.admitted, self.refused + 1)


@dataclass(frozen=True)
class RateStats:
    """What the bucket did so far: ``keys`` counts the HTTP requests per source IP (the other
    integrations' requests not included), ``loads`` each other integration by its name."""

    keys: dict[str, Counts]
    loads: dict[str, Counts]

    def as_json(self) -> dict[str, object]:
        def document(counts: dict[str, Counts]) -> dict[str, object]:
            return {
                key: {"admitted": c.admitted, "refused": c.refused} for key, c in counts.items()
            }

        return {"keys": document(self.keys), "loads": document(self.loads)}


class BackgroundLoad(Protocol):
    """Requests that reach the bucket without HTTP (:class:`~tray_app.demo.load.OtherIntegration`
    is one)."""

    @property
    def name(self) -> str: ...

    @property
    def key(self) -> str: ...

    def arrivals_until(self, now: float) -> list[float]:
        """The moments (Unix seconds, ascending) of its requests not yet handed out, up to
        ``now``."""
        ...


_WINDOW_BUCKETS = 10
_BUCKET_SECONDS = 60


class LeakyBucket:
    """Request counter per key (source IP) that drains at a constant rate."""

    def __init__(
        self, now: Callable[[], float], *, drain: float = 2.0, threshold: float = 50.0
    ) -> None:
        self._now = now
        self.drain = drain
        self.threshold = threshold
        self.enabled = True
        self._lock = threading.Lock()
        self._levels: dict[str, tuple[float, float]] = {}
        self._counts: dict[str, Counts] = {}
        self._loads: list[BackgroundLoad] = []
        self._load_counts: dict[str, Counts] = {}

    def add_load(self, load: BackgroundLoad) -> None:
        """Let ``load`` draw from the bucket of its key from now on. Its requests are charged
        lazily, each at its own moment, whenever the bucket is next looked at (a request, a
        level, the stats): the same result as charging them as they come, on a frozen clock
        too, and no thread."""
        with self._lock:
            if any(known.name == load.name for known in self._loads):
                raise ValueError(f"a load named {load.name!r} is already added")
            self._loads.append(load)
            self._load_counts[load.name] = Counts()

    def admit(self, key: str) -> bool:
        """Count one request for ``key``; False when it must be refused."""
        if not self.enabled:
            return True
        now = self._now()
        with self._lock:
            self._charge_loads(now)
            admitted = self._take(key, now)
            self._counts[key] = self._counts.get(key, Counts()).add(admitted)
            return admitted

    def _take(self, key: str, at: float) -> bool:
        level, since = self._levels.get(key, (0.0, at))
        level = max(0.0, level - max(0.0, at - since) * self.drain)
        if level >= self.threshold:
            self._levels[key] = (level, max(at, since))
            return False
        self._levels[key] = (level + 1.0, max(at, since))
        return True

    def _charge_loads(self, now: float) -> None:
        """Hand every background request due by ``now`` to the bucket, oldest first."""
        if not self._loads:
            return
        due = sorted(
            (at, index) for index, load in enumerate(self._loads) for at in load.arrivals_until(now)
        )
        for at, index in due:
            load = self._loads[index]
            admitted = self._take(load.key, at) if self.enabled else True
            self._load_counts[load.name] = self._load_counts[load.name].add(admitted)

    def level(self, key: str) -> float:
        """The current fill of ``key``'s bucket (after draining)."""
        now = self._now()
        with self._lock:
            self._charge_loads(now)
            level, since = self._levels.get(key, (0.0, now))
            return max(0.0, level - max(0.0, now - since) * self.drain)

    def stats(self) -> RateStats:
        """Admitted and refused requests so far, per key and per background load."""
        now = self._now()
        with self._lock:
            self._charge_loads(now)
            return RateStats(keys=dict(self._counts), loads=dict(self._load_counts))

    def reset(self) -> None:
        """Empty every bucket and forget the counts (the loads stay)."""
        with self._lock:
            self._charge_loads(self._now())
            self._levels.clear()
            self._counts.clear()
            self._load_counts = dict.fromkeys(self._load_counts, Counts())


class OperatingLimiter:
    """Per (webhook, method) execution time over a ten-minute sliding window."""

    def __init__(self, now: Callable[[], float], *, limit: float | None = None) -> None:
        self._now = now
        self.limit = limit
        self._lock = threading.Lock()
        self._usage: dict[tuple[str, str], dict[int, float]] = {}
        self._blocked: set[str] = set()

    def block(self, method: str = "*", *, blocked: bool = True) -> None:
        """Force (or lift) the 429 answer for ``method``; ``"*"`` means every method."""
        with self._lock:
            if blocked:
                self._blocked.add(method.lower())
            else:
                self._blocked.discard(method.lower())

    def _window(self, key: tuple[str, str]) -> dict[int, float]:
        current = int(self._now() // _BUCKET_SECONDS)
        buckets = self._usage.setdefault(key, {})
        for minute in [m for m in buckets if m <= current - _WINDOW_BUCKETS]:
            del buckets[minute]
        return buckets

    def is_blocked(self, entity: str, method: str) -> bool:
        with self._lock:
            if "*" in self._blocked or method in self._blocked:
                return True
            if self.limit is None:
                return False
            return sum(self._window((entity, method)).values()) >= self.limit

    def register(self, entity: str, method: str, seconds: float) -> None:
        with self._lock:
            buckets = self._window((entity, method))
            minute = int(self._now() // _BUCKET_SECONDS)
            buckets[minute] = buckets.get(minute, 0.0) + seconds

    def state(self, entity: str, method: str) -> Operating:
        """``operating`` (seconds used in the window) and ``operating_reset_at``."""
        with self._lock:
            buckets = self._window((entity, method))
            if not buckets:
                return Operating(operating=0, reset_at=None)
            oldest = min(buckets)
            return Operating(
                operating=sum(buckets.values()),
                reset_at=(oldest + _WINDOW_BUCKETS) * _BUCKET_SECONDS,
            )
