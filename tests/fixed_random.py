"""A random source that always draws one value (the ends of a jitter), for the timing tests."""

from __future__ import annotations

import random


class FixedRandom(random.Random):
    """Draws ``value`` every time; ``uniform(a, b)`` is then ``a + (b - a)·value``."""

    def __init__(self, value: float) -> None:
        super().__init__(0)
        self.value = value

    def random(self) -> float:
        return self.value
