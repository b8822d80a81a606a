"""The poll interval the portal's rate limit taught, kept between runs in ``polling.json``
(:mod:`tray_app.ui.state.state_files`), so that a tray restarted during a busy hour does not
start again at full rate. A file that cannot be used means the interval is learnt again."""

from __future__ import annotations

import math
from pathlib import Path

from tray_app.ui.state.state_files import read_state, state_file, write_state

FILE_NAME = "polling.json"
WHAT = "polling state"
KEY = "learnt_interval_s"


def polling_path() -> Path:
    """``polling.json`` in the per-user state folder (not created here)."""
    return state_file(FILE_NAME)


def load_learnt_interval(path: Path | None = None) -> float | None:
    """The interval kept by the last run, or None (none kept, or not a usable number)."""
    raw = read_state(path if path is not None else polling_path(), WHAT)
    value = raw.get(KEY) if isinstance(raw, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value > 0 else None


def save_learnt_interval(seconds: float, path: Path | None = None) -> bool:
    """Keep ``seconds`` for the next run; False (and logged) when it cannot be written."""
    return write_state(path if path is not None else polling_path(), {KEY: seconds}, WHAT)
