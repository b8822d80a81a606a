"""Start-ups of the benchmarked programs: launch, icon seen, READY marks, peak memory, exit.

Each start is ``PROGRAM --exit-when-ready`` on the benchmark's desktop, timed from just before
``Popen``:

* the icon: its X window embedded in the tray host, polled every 5 ms through one open X
  connection (Desktop.tray_icons; a process per look, like ``xwininfo``, slowed the start-up
  measured by ~25 %); the moment counted is the middle of the look that first saw it. A
  program that quits so soon after embedding that no look saw it (the bare tray: ~30 ms) has
  its icon timed in an extra start without the flag;
* the in-process marks of the ``READY`` lines on stderr (benchmarks/readiness.py): ``icon``
  (``tray.show()`` returned) and ``status`` (the first real status, or the floor's answer);
* peak memory at the first status: ``VmHWM`` read in the same 5 ms loop, the first read after
  the ``status`` mark appeared on stderr (the program quits only after printing it); for a
  program without a status, the last read before it exited;
* launch -> exit.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from benchmarks.procstat import memory
from benchmarks.readiness import parse_ready
from tests.e2e.desktop import Desktop

POLL_S: Final = 0.005
"""Pause between two looks (a look at the tray takes ~3 ms)."""
START_TIMEOUT_S: Final = 30.0


class Unavailable(Exception):
    """A figure cannot be measured; the message says why, for a person."""


@dataclass(frozen=True)
class Program:
    key: str
    label: str
    argv: tuple[str, ...]
    """Runs until stopped (idle runs; the icon of a start that quit unseen)."""
    exit_argv: tuple[str, ...]
    """Quits once ready (start-ups)."""
    icon_regex: str
    has_status: bool
    cwd: Path | None = None
    """Where it runs (default: this checkout); ``python -m tray_app`` imports from there."""
    env: Mapping[str, str] = field(default_factory=dict)
    """Added to the desktop's environment (another copy's HOME and XDG folders)."""


@dataclass
class StartRun:
    icon_ms: float | None
    """Popen -> icon window embedded (X); None if the program was gone before it was seen."""
    ready_icon_ms: float | None
    """Popen -> ``READY icon``."""
    ready_status_ms: float | None
    """Popen -> ``READY status``."""
    exit_ms: float
    """Popen -> exit."""
    phase: str | None
    """``READY phase=...``: what the first status was."""
    status_hwm_kib: int | None = None
    """VmHWM just after the status mark (without one: the last read before exit)."""


@dataclass
class ProgramResult:
    label: str
    available: bool = True
    reason: str = ""
    starts: list[StartRun] = field(default_factory=list)
    peak_rss_kib: int | None = None
    """VmHWM at the end of the idle run."""
    running_rss_kib: int | None = None
    """VmRSS ``--running-seconds`` after the idle run's launch."""
    running_after_s: float | None = None
    end_rss_kib: int | None = None
    idle_cpu_percent: float | None = None
    idle_cpu_source: str = ""
    idle_cpu_resolution_percent: float | None = None
    idle_window_s: float | None = None
    requests_in_window: int | None = None
    requests_by_method: dict[str, int] = field(default_factory=dict)
    requests_before_window: int | None = None
    poll_interval_s: int | None = None
    notes: list[str] = field(default_factory=list)

    def mark_unavailable(self, reason: str) -> None:
        self.available = False
        self.reason = self.reason or reason

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def command(argv: Sequence[str]) -> str:
    return " ".join(argv[1:])


@dataclass
class _Watch:
    icon_ms: float | None = None
    hwm_kib: int | None = None
    status_hwm_kib: int | None = None


def _hwm(pid: int) -> int | None:
    try:
        return memory(pid).peak_kib
    except (OSError, ValueError):  # exiting: its memory is gone already
        return None


def _watch(
    desktop: Desktop,
    process: subprocess.Popen[bytes],
    program: Program,
    started: float,
    *,
    until_exit: bool,
) -> _Watch:
    """Look for the icon, the status mark and VmHWM every :data:`POLL_S` until the icon is
    seen (``until_exit``: until the process ended). Raises Unavailable after the time-out.
    """
    deadline = started + START_TIMEOUT_S
    seen = _Watch()
    while True:
        if seen.icon_ms is None:
            before = time.monotonic()
            found = desktop.tray_icons(program.icon_regex)
            after = time.monotonic()
            if found:
                seen.icon_ms = ((before + after) / 2 - started) * 1000
                if not until_exit:
                    return seen
        else:
            after = time.monotonic()
        status_out = seen.status_hwm_kib is None and "status=" in desktop.output(process, "stderr")
        hwm = _hwm(process.pid)
        if hwm is not None:
            seen.hwm_kib = hwm
            if status_out:
                seen.status_hwm_kib = hwm
        if process.poll() is not None:
            return seen
        if after > deadline:
            what = "exit" if seen.icon_ms is not None else f"tray icon {program.icon_regex!r}"
            raise Unavailable(f"no {what} within {START_TIMEOUT_S:g} s")
        time.sleep(POLL_S)


def start_run(desktop: Desktop, program: Program) -> StartRun:
    """One start with ``--exit-when-ready``. Raises Unavailable when the program fails, hangs
    or prints no READY line.
    """
    argv = program.exit_argv
    started = time.monotonic()
    process = desktop.launch(argv, program.env, cwd=program.cwd)
    try:
        seen = _watch(desktop, process, program, started, until_exit=True)
        code = process.wait(timeout=max(0.1, started + START_TIMEOUT_S - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise Unavailable(f"{command(argv)} did not exit within {START_TIMEOUT_S:g} s") from None
    finally:
        desktop.terminate(process)
    exit_ms = (time.monotonic() - started) * 1000
    stderr = desktop.output(process, "stderr")
    if code != 0:
        raise Unavailable(f"{command(argv)} exited with {code}:\n{tail(stderr)}")
    ready = parse_ready(stderr)
    if "icon" not in ready.marks:
        raise Unavailable(f"{command(argv)} printed no 'READY icon=<ms> ...' line on stderr")
    if program.has_status and "status" not in ready.marks:
        raise Unavailable(f"{command(argv)} printed no 'READY ... status=<ms>' on stderr")

    def since(key: str) -> float | None:
        return ready.marks[key] - started * 1000 if key in ready.marks else None

    hwm = seen.status_hwm_kib if program.has_status else seen.hwm_kib
    return StartRun(
        seen.icon_ms,
        since("icon"),
        since("status"),
        exit_ms,
        ready.labels.get("phase"),
        hwm if hwm is not None else seen.hwm_kib,
    )


def launch_until_shown(
    desktop: Desktop, program: Program, argv: Sequence[str] | None = None
) -> tuple[subprocess.Popen[bytes], float]:
    """Start ``argv`` (default: the program's, without the exit flag) and wait for its icon;
    it keeps running. Returns the process and the milliseconds from launch to the icon seen.
    """
    argv = program.argv if argv is None else argv
    started = time.monotonic()
    process = desktop.launch(argv, program.env, cwd=program.cwd)
    try:
        icon_ms = _watch(desktop, process, program, started, until_exit=False).icon_ms
        if icon_ms is None:
            raise Unavailable(
                f"{command(argv)} exited with {process.returncode} before its icon appeared:"
                f"\n{tail(desktop.output(process, 'stderr'))}"
            )
    except BaseException:
        desktop.terminate(process)
        raise
    return process, icon_ms


def measure_starts(
    desktop: Desktop, programs: Sequence[Program], results: dict[str, ProgramResult], runs: int
) -> None:
    """A warm-up round (not counted), then ``runs`` rounds starting each program in turn, so
    that a slower minute of the machine weighs on all of them alike.
    """
    for round_number in range(runs + 1):
        for program in programs:
            result = results[program.key]
            if not result.available:
                continue
            try:
                run = start_run(desktop, program)
                if run.icon_ms is None:
                    process, run.icon_ms = launch_until_shown(desktop, program)
                    desktop.terminate(process)
                    result.note("icon timed in separate starts without --exit-when-ready")
            except Unavailable as exc:
                result.mark_unavailable(str(exc))
                continue
            if round_number > 0:
                result.starts.append(run)
            if run.phase not in (None, "ready"):
                result.note(f"a start's first status was {run.phase!r}, not 'ready'")
