"""The property tests' settings: a fixed seed, so CI is repeatable, and a factor for a longer
hunt on demand: ``TIMEMAN_HYPOTHESIS_EXAMPLES=20 pytest tests/cli/test_bad_input_properties.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from hypothesis import HealthCheck, settings

FACTOR = max(1, int(os.environ.get("TIMEMAN_HYPOTHESIS_EXAMPLES", "1") or "1"))


def examples(count: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Fixed-seed settings for ``count`` examples (times :data:`FACTOR`). The tests reset
    their own rig (a simulator, a dialog) by hand before each example."""
    return settings(
        max_examples=count * FACTOR,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
