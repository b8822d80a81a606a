"""Background load from "another integration": the company's CRM sync, telephony or BI export.

On the portal these share the office's source-IP bucket with every tray (API reference §5.5).
Here they send no HTTP at all: :class:`OtherIntegration` is a stream of request moments that the
:class:`~tray_app.demo.limits.LeakyBucket` charges to the key of the trays (added with
:meth:`~tray_app.demo.limits.LeakyBucket.add_load`) and counts on its own, so a test reads how
much of *their* traffic the fleet got refused.

``spacing="even"``: one request every ``1/rate`` seconds; ``"poisson"``: exponential gaps with
mean ``1/rate`` from a seeded generator (the same seed, the same moments). The first request
comes one gap after ``start``.
"""

from __future__ import annotations

import random
import threading
from typing import Literal

Spacing = Literal["even", "poisson"]
SPACINGS: tuple[Spacing, ...] = ("even", "poisson")


class OtherIntegration:
    """``rate`` requests per second charged to the bucket of ``key`` from ``start`` on."""

    def __init__(
        self,
        rate: float,
        *,
        key: str,
        start: float,
        spacing: Spacing = "poisson",
        seed: int = 0,
        name: str = "other-integration",
    ) -> None:
        if not rate > 0:
            raise ValueError(f"the other integration's rate must be positive, not {rate!r}")
        if spacing not in SPACINGS:
            raise ValueError(f"unknown spacing {spacing!r}; one of {', '.join(SPACINGS)}")
        self.rate = rate
        self.spacing: Spacing = spacing
        self._key = key
        self._name = name
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._next = start + self._gap()

    @property
    def name(self) -> str:
        return self._name

    @property
    def key(self) -> str:
        return self._key

    def _gap(self) -> float:
        if self.spacing == "even":
            return 1.0 / self.rate
        return self._rng.expovariate(self.rate)

    def arrivals_until(self, now: float) -> list[float]:
        """The moments of its requests up to ``now`` not handed out before, ascending."""
        due: list[float] = []
        with self._lock:
            while self._next <= now:
                due.append(self._next)
                self._next += self._gap()
        return due
