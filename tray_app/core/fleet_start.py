"""A fleet's start on one portal: how the first reads of many trays are spread.

A tray of a fleet whose size the administrator gave (:func:`fleet_start_window`) sends its
first read at a random moment of a window long enough for the whole fleet's first reads to fit
in the bucket's drain, and a refused first read is tried again within a window of the same size
(:meth:`~tray_app.core.poll_schedule.PollSchedule.first`), so a thousand trays starting within
a minute all get their first status in about ten minutes instead of refusing each other; later
reads that can wait (the week's records) come later still (:func:`later_read_delay`).
"""

from __future__ import annotations

import random

START_SHARE = 0.8
"""The share of the bucket's drain a fleet's first reads may use: a quarter of the standard
plan's 2/s is left to the company's other integrations (0.5/s in benchmarks/fleet.py) and a
little to the bucket's randomness."""
ALONE_UP_TO = 10
"""A fleet this small reads at once: the bucket's burst (50 on the smallest plan) holds it."""
LATER_READS_SPAN = 4.0
"""Reads that can wait (the week's records) are spread over this many poll intervals, after
the first: a fleet's extra reads then add a quarter of its polls' load, once a day."""


def fleet_start_window(fleet_size: int | None, drain: float, share: float = START_SHARE) -> float:
    """Seconds over which a fleet of ``fleet_size`` trays spreads its first reads so that they
    use at most ``share`` of a bucket draining ``drain`` per second: ``fleet_size / (drain ·
    share)``. 0 (read at once) without a fleet size or for a fleet the burst holds."""
    if fleet_size is None or fleet_size <= ALONE_UP_TO:
        return 0.0
    if not (drain > 0 and 0 < share <= 1):
        raise ValueError(f"unusable drain {drain!r} or share {share!r}")
    return fleet_size / (drain * share)


def later_read_delay(interval: float, start_window: float, rng: random.Random) -> float:
    """Seconds after the first status before a read that can wait (the week's records): at
    once for a tray alone (``start_window`` 0); in a fleet at a random moment of
    :data:`LATER_READS_SPAN` intervals after the first one, so those reads neither follow the
    first status at once nor arrive together."""
    if start_window <= 0:
        return 0.0
    return interval * (1.0 + LATER_READS_SPAN * rng.random())
