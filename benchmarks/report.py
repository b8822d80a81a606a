"""The benchmark's table: the two floors, the app (demo and signed in), the gaps and ratios to
the floors, and the goals of issue 14.

Gaps in time are medians of the per-round differences (each round starts every program once,
one after the other), so that a slower minute of a shared machine weighs on both sides.
"""

from __future__ import annotations

import math
import os
import platform
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TextIO

from benchmarks.starts import ProgramResult, StartRun

GOAL_DEMO_EXTRA_MS: Final = 150.0
"""The demo's first status at most this long after the bare tray's icon."""
GOAL_SIGNED_IN_EXTRA_MS: Final = 100.0
"""The signed-in first status at most this long after the HTTPS floor's answer."""
GOAL_MEMORY_RATIO: Final = 1.10
"""Peak memory at the first status, and the running tray's, over the HTTPS floor's."""
GOAL_IDLE_CPU_PERCENT: Final = 0.05

COLUMNS: Final = (
    ("bare", "bare tray"),
    ("demo", "app --demo"),
    ("https", "HTTPS floor"),
    ("stack", "stack floor"),
    ("app", "app signed in"),
    ("base", "app before"),
)
"""``stack``: the HTTPS floor with the app's libraries (``bare_tray.py --stack``): what the
chosen stack costs before any code of the app; the goals stay the HTTPS floor's (issue 14).
``base``: another checkout's app beside this one (``run.py --baseline``), signed in alike."""


@dataclass(frozen=True)
class Figure:
    name: str
    cells: dict[str, str]
    compared: str = ""
    goal: str = ""
    verdict: str = ""
    detail: str = ""


def median(values: Sequence[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def _spread(values: Sequence[float | None]) -> str:
    present = [value for value in values if value is not None]
    if len(present) < 2:
        return ""
    return f" ({min(present):.0f}-{max(present):.0f})"


def _ms(values: Sequence[float | None]) -> str:
    value = median(values)
    return "n/a" if value is None else f"{value:.0f} ms{_spread(values)}"


def _mib(kib: float | None) -> str:
    return "n/a" if kib is None else f"{kib / 1024:.1f} MiB"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("ok" if ok else "MISSED")


def _ratio(value: float | None, floor: float | None) -> float | None:
    return None if value is None or floor is None or floor == 0 else value / floor


def gap_ms(
    later: Sequence[StartRun], earlier: Sequence[StartRun], later_key: str, earlier_key: str
) -> list[float]:
    """Per round: ``later``'s mark minus ``earlier``'s (rounds where both have one)."""
    if len(later) != len(earlier):  # a program dropped out: no rounds to pair
        return []
    gaps: list[float] = []
    for a, b in zip(later, earlier, strict=True):
        x, y = getattr(a, later_key), getattr(b, earlier_key)
        if x is not None and y is not None:
            gaps.append(x - y)
    return gaps


def _start_row(
    name: str, results: Mapping[str, ProgramResult], key: str, compared: str = ""
) -> Figure:
    cells = {
        column: _ms([getattr(run, key) for run in results[column].starts])
        if column in results and results[column].starts
        else "n/a"
        for column, _ in COLUMNS
    }
    return Figure(name, cells, compared)


def _gap_row(  # noqa: PLR0917  (one row of the table: what, against what, how much)
    name: str,
    later: ProgramResult | None,
    earlier: ProgramResult | None,
    column: str,
    earlier_key: str,
    goal_ms: float,
) -> Figure:
    gaps = (
        gap_ms(later.starts, earlier.starts, "ready_status_ms", earlier_key)
        if later is not None and earlier is not None
        else []
    )
    gap = median(gaps)
    cell = "n/a" if gap is None else f"+{gap:.0f} ms{_spread(gaps)}"
    return Figure(
        name,
        {column: cell},
        goal=f"<= +{goal_ms:.0f} ms",
        verdict=_verdict(None if gap is None else gap <= goal_ms),
    )


def _hwm_at_status(result: ProgramResult | None) -> float | None:
    if result is None:
        return None
    return median([run.status_hwm_kib for run in result.starts])


def build_figures(results: Mapping[str, ProgramResult]) -> list[Figure]:
    bare, demo = results.get("bare"), results.get("demo")
    https, app = results.get("https"), results.get("app")
    figures = [
        _start_row("launch -> icon shown (X window)", results, "icon_ms"),
        _start_row("launch -> READY icon (in-process)", results, "ready_icon_ms"),
        _start_row("launch -> first status / answer", results, "ready_status_ms"),
        _gap_row(
            "demo status after the bare icon",
            demo,
            bare,
            "demo",
            "ready_icon_ms",
            GOAL_DEMO_EXTRA_MS,
        ),
        _gap_row(
            "signed-in status after the floor's",
            app,
            https,
            "app",
            "ready_status_ms",
            GOAL_SIGNED_IN_EXTRA_MS,
        ),
    ]
    hwm = {column: _hwm_at_status(results.get(column)) for column, _ in COLUMNS}
    ratio = _ratio(hwm["app"], hwm["https"])
    stack_ratio = _ratio(hwm["app"], hwm["stack"])
    demo_ratio = _ratio(hwm["demo"], hwm["bare"])
    figures.append(
        Figure(
            "peak memory at first status (VmHWM)",
            {column: _mib(value) for column, value in hwm.items()},
            compared=" ".join(
                text
                for text in (
                    "" if demo_ratio is None else f"demo/bare {demo_ratio:.2f}x",
                    "" if ratio is None else f"app/floor {ratio:.2f}x",
                    "" if stack_ratio is None else f"app/stack {stack_ratio:.2f}x",
                )
                if text
            ),
            goal=f"app <= {GOAL_MEMORY_RATIO:.2f}x floor",
            verdict=_verdict(None if ratio is None else ratio <= GOAL_MEMORY_RATIO),
        )
    )
    figures.append(_running_row(results))
    figures.append(_idle_peak_row(results))
    figures.append(_cpu_row(results))
    if app is not None:
        figures.append(_requests_figure(app))
    figures.append(_start_row("launch -> exit (--exit-when-ready)", results, "exit_ms"))
    return figures


def _running_row(results: Mapping[str, ProgramResult]) -> Figure:
    rss = {
        column: None if column not in results else results[column].running_rss_kib
        for column, _ in COLUMNS
    }
    ratio = _ratio(rss["app"], rss["https"])
    stack_ratio = _ratio(rss["app"], rss["stack"])
    compared = [
        f"app/{name} {value:.2f}x"
        for name, value in (("floor", ratio), ("stack", stack_ratio))
        if value is not None
    ]
    after = next(
        (r.running_after_s for r in results.values() if r.running_after_s is not None), None
    )
    when = "" if after is None else f" after {after:.0f} s"
    return Figure(
        f"running RSS{when} (VmRSS)",
        {column: "" if column == "demo" else _mib(value) for column, value in rss.items()},
        compared=" ".join(compared),
        goal=f"<= {GOAL_MEMORY_RATIO:.2f}x floor",
        verdict=_verdict(None if ratio is None else ratio <= GOAL_MEMORY_RATIO),
    )


def _idle_peak_row(results: Mapping[str, ProgramResult]) -> Figure:
    cells = {
        column: ""
        if column == "demo" or column not in results
        else _mib(results[column].peak_rss_kib)
        for column, _ in COLUMNS
    }
    return Figure("peak RSS, end of idle (VmHWM)", cells)


def _cpu_row(results: Mapping[str, ProgramResult]) -> Figure:
    def cpu(column: str) -> str:
        result = results.get(column)
        if column == "demo":
            return ""
        if result is None or result.idle_cpu_percent is None:
            return "n/a"
        return f"{result.idle_cpu_percent:.3f} %"

    app = results.get("app")
    app_cpu = None if app is None else app.idle_cpu_percent
    bare = results.get("bare")
    floor = None if bare is None else bare.idle_cpu_percent
    ratios = [
        f"{column}/bare {ratio:.1f}x"
        for column in ("app", "base")
        if column in results
        and (ratio := _ratio(results[column].idle_cpu_percent, floor)) is not None
    ]
    window = next((r.idle_window_s for r in results.values() if r.idle_window_s is not None), None)
    source = next((r.idle_cpu_source for r in results.values() if r.idle_cpu_source), "")
    return Figure(
        "idle CPU, % of one core",
        {column: cpu(column) for column, _ in COLUMNS},
        compared=" ".join(ratios),
        goal=f"app <= {GOAL_IDLE_CPU_PERCENT} %",
        verdict=_verdict(None if app_cpu is None else app_cpu <= GOAL_IDLE_CPU_PERCENT),
        detail="" if window is None else f"over {window:.0f} s, from {source}",
    )


def _requests_figure(app: ProgramResult) -> Figure:
    count, window, poll = app.requests_in_window, app.idle_window_s, app.poll_interval_s
    name = "portal requests at steady state"
    if count is None or window is None or poll is None or window <= 0:
        return Figure(name, {"app": "n/a"}, goal="<= 1/poll", verdict="n/a")
    polls = window / poll
    allowed = math.floor(polls) + 1  # a poll may fall on each edge of the window
    methods = ", ".join(f"{name} x{n}" for name, n in sorted(app.requests_by_method.items()))
    per_poll = count / polls
    detail = (
        f"{count} request(s) in {window:.0f} s at a {poll} s poll = {per_poll:.2f} per poll"
        f"{f': {methods}' if methods else ''}; {app.requests_before_window} before the window"
    )
    return Figure(
        name,
        {"app": f"{count} in {window:.0f} s"},
        compared=f"{per_poll:.2f}/poll",
        goal=f"<= 1/poll (<= {allowed} here)",
        verdict=_verdict(count <= allowed),
        detail=detail,
    )


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    except OSError:
        pass
    try:
        import PySide6  # noqa: PLC0415
        from PySide6.QtCore import qVersion  # noqa: PLC0415

        qt = f"PySide6 {PySide6.__version__}, Qt {qVersion()}"
    except ImportError:
        qt = "no PySide6"
    return {
        "cpu": model or platform.processor() or "unknown",
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "qt": qt,
        "system": f"{platform.system()} {platform.release()}",
    }


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "n/a"


def print_report(
    out: TextIO, header: str, figures: Sequence[Figure], results: Mapping[str, ProgramResult]
) -> None:
    out.write(header + "\n")
    present = [(key, title) for key, title in COLUMNS if key in results]
    columns = [
        ("figure", [f.name for f in figures]),
        *((title, [f.cells.get(key, "") for f in figures]) for key, title in present),
        ("vs floor", [f.compared for f in figures]),
        ("goal", [f.goal for f in figures]),
        ("verdict", [f.verdict for f in figures]),
    ]
    widths = [max(len(title), *(len(value) for value in values)) for title, values in columns]
    for row in range(-1, len(figures)):
        cells = [title if row < 0 else values[row] for title, values in columns]
        line = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        out.write(line.rstrip() + "\n")
    for figure in figures:
        if figure.detail:
            out.write(f"{figure.name}: {figure.detail}\n")
    for result in results.values():
        if not result.available:
            out.write(f"{result.label}: not available: {result.reason}\n")
        for note in result.notes:
            out.write(f"{result.label}: {note}\n")
    out.flush()
