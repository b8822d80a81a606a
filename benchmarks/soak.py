"""A day, and a week, without leaks: the real tray app on an accelerated clock.

    python benchmarks/soak.py [--hours H | --days D] [--warmup-hours W] [--dense]
                              [--json FILE] [--strict]

The app (TrayApplication, its controller, worker thread, journal, away monitor and dialogs)
runs against the portal simulator over HTTPS on loopback, in this process, on one simulated
clock (benchmarks/soak_rig.py) that moves 30 s per step as fast as the answers come. Each
simulated hour follows a workday (benchmarks/soak_script.py): the night asleep (a sleep and a
wake every hour), the screen unlocked at 07:00, the day started at 08:00, the history window,
time away and its question, the report dialogs, settings, a lunch pause with the screen locked,
the portal gone for half an hour, bad answers of every kind, the day closed at 17:30; polls
and the controller's tick all along. ``--dense`` does all of it every hour instead.

Before the first row, ``--warmup-hours`` dense hours load and build what is made once (lazy
imports, the first dialogs, caches). A row per simulated hour (``--days``: also a summary per
day) shows, after collecting garbage and deleting what was closed:
RSS (VmRSS), open file descriptors, threads (Python's and the process's), live widgets, QObjects
in the app's trees, live QTimers, objects the garbage collector tracks, requests the portal had.

Goals: RSS grows by less than ``--rss-budget-mib`` (2 MiB) over the run, and no count but the
garbage collector's grows after warm-up. ``--strict``: exit 1 when a goal is missed.
HOME and XDG_* are temporary folders: nothing of the person running it is read or changed.
tests/ui/app/test_soak.py runs a short, dense soak in CI and fails on any count that grows.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

ROOT: Final = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from benchmarks.soak_probe import Holdings, growth, look, settle  # noqa: E402

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from benchmarks.soak_rig import SoakRig

RSS_BUDGET_MIB: Final = 2.0
START: Final = datetime(2026, 11, 16)  # a Monday, 00:00 in the simulator's zone
ISOLATED_DIRS: Final = {
    "HOME": "home",
    "XDG_CONFIG_HOME": "config",
    "XDG_DATA_HOME": "data",
    "XDG_STATE_HOME": "state",
    "XDG_CACHE_HOME": "cache",
    "XDG_RUNTIME_DIR": "run",
}


@dataclass(frozen=True)
class Row:
    """The look at the end of one simulated hour."""

    hour: int
    """Simulated hours since the baseline (the end of warm-up)."""
    at: str
    """The simulated local time, ISO."""
    day_state: str
    requests: int
    """Requests the portal received in this hour."""
    holdings: Holdings


@dataclass
class SoakResult:
    baseline: Holdings
    rows: list[Row] = field(default_factory=list)
    wall_s: float = 0.0
    tally: dict[str, object] = field(default_factory=dict)

    @property
    def final(self) -> Holdings:
        return self.rows[-1].holdings if self.rows else self.baseline

    @property
    def rss_growth_kib(self) -> int:
        return self.final.rss_kib - self.baseline.rss_kib

    @property
    def count_growth(self) -> dict[str, int]:
        """Counts above the baseline at the end (the garbage collector's included)."""
        return growth(self.baseline, self.final)

    def peak_growth(self) -> dict[str, int]:
        """The largest rise above the baseline of each count at any row."""
        peaks: dict[str, int] = {}
        for row in self.rows:
            for name, delta in growth(self.baseline, row.holdings).items():
                peaks[name] = max(peaks.get(name, 0), delta)
        return peaks


def run_soak(
    hours: int,
    *,
    warmup_hours: int = 2,
    dense: bool = False,
    folder: Path,
    on_row: Callable[[Row], None] | None = None,
) -> SoakResult:
    """Soak the app for ``hours`` simulated hours after ``warmup_hours`` dense ones. Needs a
    QApplication and isolated HOME/XDG_* folders (the caller's); ``folder`` takes the journal."""
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    from benchmarks.soak_rig import ZONE, SoakRig  # noqa: PLC0415
    from benchmarks.soak_script import dense_hour, realistic_hour  # noqa: PLC0415

    started = time.monotonic()
    begin = START.replace(tzinfo=ZONE) - timedelta(hours=warmup_hours)
    rig = SoakRig(begin.astimezone(ZoneInfo("UTC")), folder)
    try:
        for _ in range(warmup_hours):
            dense_hour(rig)
        rig.take_requests()
        roots = _roots(rig)
        settle()
        result = SoakResult(baseline=look(roots, (Row,)))
        for hour in range(1, hours + 1):
            local_hour = rig.wall().hour
            (dense_hour if dense else realistic_hour(local_hour))(rig)
            requests = rig.take_requests()
            settle()
            row = Row(hour, rig.wall().isoformat(), _state(rig), requests, look(roots, (Row,)))
            result.rows.append(row)
            if on_row is not None:
                on_row(row)
        result.tally = asdict(rig.tally)
    finally:
        rig.stop()
    result.wall_s = time.monotonic() - started
    return result


def _roots(rig: SoakRig) -> list[QObject]:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    qt = QApplication.instance()
    return [rig.app] if qt is None else [rig.app, qt]


def _state(rig: SoakRig) -> str:
    controller = rig.app.controller
    state = controller.view().day_state if controller is not None else None
    return state.value if state is not None else "-"


# -- the table -----------------------------------------------------------------------------------

_COLUMNS: Final = (
    ("hour", 5),
    ("sim time", 16),
    ("day", 8),
    ("req", 4),
    ("RSS MiB", 8),
    ("fds", 4),
    ("thr py/os", 9),
    ("widgets", 7),
    ("QObjects", 8),
    ("QTimers", 7),
    ("gc objects", 10),
)


def header() -> str:
    return "  ".join(name.rjust(width) for name, width in _COLUMNS)


def format_row(label: str, at: str, state: str, requests: int | str, held: Holdings) -> str:
    cells = (
        label,
        at[:16].replace("T", " "),
        state,
        str(requests),
        f"{held.rss_kib / 1024:.2f}",
        str(held.fds),
        f"{held.threads_py}/{held.threads_os}",
        str(held.qt_widgets),
        str(held.qt_objects),
        str(held.qt_timers),
        str(held.py_objects),
    )
    return "  ".join(cell.rjust(width) for cell, (_, width) in zip(cells, _COLUMNS, strict=True))


def summary(result: SoakResult, rss_budget_mib: float) -> list[str]:
    """The verdict lines: RSS start/end/growth, counts that grew, the goals."""
    base, final = result.baseline, result.final
    rss_mib = result.rss_growth_kib / 1024
    grown = {k: v for k, v in result.count_growth.items() if k != "py_objects"}
    return [
        f"simulated {len(result.rows)} h in {result.wall_s:.0f} s wall",
        f"RSS: {base.rss_kib / 1024:.2f} MiB after warm-up, {final.rss_kib / 1024:.2f} MiB at "
        f"the end, growth {rss_mib:+.2f} MiB (goal < {rss_budget_mib:.1f} MiB): "
        + ("ok" if rss_mib < rss_budget_mib else "MISSED"),
        "counts at the end vs after warm-up: "
        + (", ".join(f"{k} +{v}" for k, v in grown.items()) or "no growth")
        + f"; gc objects {final.py_objects - base.py_objects:+d}",
        "events: " + ", ".join(f"{k}={v}" for k, v in _flat_tally(result.tally).items()),
    ]


def _flat_tally(tally: dict[str, object]) -> dict[str, object]:
    flat = {k: v for k, v in tally.items() if k != "extra"}
    extra = tally.get("extra")
    if isinstance(extra, dict):
        flat.update(extra)
    return flat


def goals_met(result: SoakResult, rss_budget_mib: float) -> bool:
    grown = {k for k in result.count_growth if k != "py_objects"}
    return not grown and result.rss_growth_kib / 1024 < rss_budget_mib


# -- the script ----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmarks/soak.py",
        description="Run timeman-tray for a simulated day or week against the portal "
        "simulator, on an accelerated clock, and print what it holds hour by hour "
        "(RSS, file descriptors, threads, Qt widgets, QObjects, QTimers, gc objects).",
    )
    span = parser.add_mutually_exclusive_group()
    span.add_argument(
        "--hours", type=_positive, default=24, help="simulated hours to run (default 24)"
    )
    span.add_argument("--days", type=_positive, help="simulated days to run (24 h each)")
    parser.add_argument(
        "--warmup-hours",
        type=_not_negative,
        default=2,
        help="dense hours before the baseline, not counted (default 2)",
    )
    parser.add_argument(
        "--dense", action="store_true", help="every hour does everything (default: a workday)"
    )
    parser.add_argument(
        "--rss-budget-mib",
        type=float,
        default=RSS_BUDGET_MIB,
        help=f"allowed RSS growth over the run (default {RSS_BUDGET_MIB})",
    )
    parser.add_argument("--json", type=Path, help="also write the rows and verdict here")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    return parser.parse_args(argv)


def _positive(text: str) -> int:
    value = _not_negative(text)
    if value == 0:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _not_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def isolate(folder: Path) -> None:
    """Point HOME and XDG_* into ``folder``; no session bus, no keyring choice, no display."""
    for variable, name in ISOLATED_DIRS.items():
        path = folder / name
        path.mkdir(mode=0o700)
        os.environ[variable] = str(path)
    for variable in ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND"):
        os.environ.pop(variable, None)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    args = parse_args(argv)
    hours = args.days * 24 if args.days else args.hours
    with tempfile.TemporaryDirectory(prefix="timeman-soak-") as temp:
        folder = Path(temp)
        isolate(folder)
        from tray_app.startup.allocator import keep_thresholds_fixed  # noqa: PLC0415

        keep_thresholds_fixed()  # as the tray does at start (startup/entry.py's run_tray)
        from PySide6.QtWidgets import QApplication  # noqa: PLC0415  (after the environment)

        qt = QApplication.instance() or QApplication(["timeman-tray-soak"])
        if isinstance(qt, QApplication):
            qt.setQuitOnLastWindowClosed(False)
        out.write(header() + "\n")
        days: list[Row] = []

        def show(row: Row) -> None:
            out.write(format_row(str(row.hour), row.at, row.day_state, row.requests, row.holdings))
            out.write("\n")
            out.flush()
            if args.days and row.hour % 24 == 0:
                days.append(row)

        result = run_soak(hours, warmup_hours=args.warmup_hours, dense=args.dense, folder=folder,
                          on_row=show)  # fmt: skip
    out.write("\n")
    if days:
        out.write("per day\n" + header() + "\n")
        out.write(format_row("start", "after warm-up", "", "", result.baseline) + "\n")
        for row in days:
            label = f"day {row.hour // 24}"
            out.write(format_row(label, row.at, row.day_state, "", row.holdings) + "\n")
        out.write("\n")
    for line in summary(result, args.rss_budget_mib):
        out.write(line + "\n")
    met = goals_met(result, args.rss_budget_mib)
    if args.json is not None:
        payload = {
            "hours": hours,
            "warmup_hours": args.warmup_hours,
            "dense": args.dense,
            "wall_s": round(result.wall_s, 1),
            "baseline": asdict(result.baseline),
            "rows": [asdict(row) for row in result.rows],
            "rss_growth_kib": result.rss_growth_kib,
            "count_growth": result.count_growth,
            "peak_growth": result.peak_growth(),
            "tally": result.tally,
            "goals_met": met,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
    return 1 if args.strict and not met else 0


if __name__ == "__main__":
    sys.exit(main())
