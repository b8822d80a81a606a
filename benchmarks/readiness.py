"""The readiness line a benchmarked program prints on stderr, and its parser.

Format: one or more lines anywhere in stderr, each ``READY`` then space-separated
``key=value`` tokens, flushed at once::

    READY icon=123456.7 status=123789.0 phase=ready

A value that is a decimal number is a moment: ``time.monotonic() * 1000`` (on Linux
``CLOCK_MONOTONIC``, shared by all processes, so the benchmark subtracts its own
``time.monotonic()`` taken just before ``Popen``). Any other value is a label. Keys read:

* ``icon``: ``QSystemTrayIcon.show()`` returned;
* ``status``: the first real status (not "loading") is shown;
* ``phase``: which one (``ready``, ``signed_out``).

timeman-tray prints it once with ``--exit-when-ready`` (tray_app/ui/app/application.py);
``tools/bare_tray.py`` prints ``READY icon=...`` always. Several lines add up; the first
value of a key wins; anything else on stderr is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

_LINE: Final = re.compile(r"^READY((?:[ \t]+[A-Za-z_][\w-]*=\S*)+)[ \t]*\r?$", re.MULTILINE)
_PAIR: Final = re.compile(r"([A-Za-z_][\w-]*)=(\S*)")
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Ready:
    marks: dict[str, float] = field(default_factory=dict)
    """Moments in milliseconds of ``time.monotonic()``, by key."""
    labels: dict[str, str] = field(default_factory=dict)
    """The other values, by key."""


def parse_ready(text: str) -> Ready:
    """Every ``key=value`` of the ``READY`` lines in ``text``, the first value per key."""
    ready = Ready()
    for line in _LINE.finditer(text):
        for key, value in _PAIR.findall(line[1]):
            if _NUMBER.fullmatch(value):
                ready.marks.setdefault(key, float(value))
            else:
                ready.labels.setdefault(key, value)
    return ready
