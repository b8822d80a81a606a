"""Start-up, memory, idle CPU and portal requests of timeman-tray, next to a bare PySide6 tray.

    python benchmarks/run.py [--runs N] [--idle-seconds S] [--host icewm|trayer] [--bare-only]
                             [--poll-seconds P] [--json FILE] [--strict]

Everything runs on a private desktop (tests/e2e/desktop.py: Xvfb, a session bus, a tray host,
and for the app a real unlocked gnome-keyring), in one run, because absolute times drift
between machines and minutes; the ratios to the bare tray (tools/bare_tray.py) are the point.
HOME and XDG_* are temporary folders: nothing of the person running it is read or changed.

1. Start-up, ``--runs`` times each (plus one warm-up each, not counted), alternating, median;
   each run is ``PROGRAM --exit-when-ready`` (the app: ``python -m tray_app --demo``):
   * launch -> icon shown: from just before ``Popen`` to the icon's X window embedded in the
     tray host, polled every 5 ms through one open X connection (Desktop.tray_icons; a
     process per look, like ``xwininfo``, slowed the start-up measured by ~25 %); the moment
     counted is the middle of the look that first saw it. The same way for both programs;
     the bare tray quits ~30 ms after embedding, too soon to be seen every time, so its
     icon is timed in an extra start without the flag;
   * the in-process marks of the ``READY`` line on stderr (benchmarks/readiness.py): ``icon``
     (``tray.show()`` returned) and, for the app, ``status`` (first real status shown);
   * launch -> exit.
2. Idle, both programs side by side for ``--idle-seconds`` after ``--settle-seconds``: CPU time
   (benchmarks/procstat.py) as % of one core, peak RSS (VmHWM) at the end, and for the app the
   requests its portal received in that window. There the app runs signed in, as a person
   would run it: ``python -m tray_app login`` stored a webhook of a portal simulator that this
   script hosts (so the simulator's work is not counted as the app's, and every request is
   seen), and the settings' ``poll_interval_s`` is ``--poll-seconds``.

The app is "not available" (reported, not an error) when ``--exit-when-ready`` does not start
it, show its icon, print its READY line and exit 0. Exit status: 0, or with ``--strict`` 1
when a budget is missed or a figure is not available.
"""

from __future__ import annotations

import argparse
import collections
import compileall
import contextlib
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

ROOT: Final = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from benchmarks.procstat import CpuSample, cpu_between, memory, sample_cpu  # noqa: E402
from benchmarks.readiness import parse_ready  # noqa: E402
from tests.e2e.desktop import (  # noqa: E402
    TRAY_HOSTS,
    Desktop,
    DesktopError,
    TrayHost,
    missing_programs,
)

if TYPE_CHECKING:
    from tray_app.demo import PortalSimulator

POLL_S: Final = 0.005
"""Pause between two ``xwininfo`` polls (each takes ~3 ms)."""
START_TIMEOUT_S: Final = 30.0
BUDGET_ICON_RATIO: Final = 1.15
BUDGET_STATUS_EXTRA_MS: Final = 200.0
BUDGET_RSS_RATIO: Final = 1.2
BUDGET_IDLE_CPU_PERCENT: Final = 0.1
ISOLATED_DIRS: Final = {
    "HOME": "home",
    "XDG_CONFIG_HOME": "config",
    "XDG_DATA_HOME": "data",
    "XDG_STATE_HOME": "state",
    "XDG_CACHE_HOME": "cache",
    "XDG_RUNTIME_DIR": "run",
}


class Unavailable(Exception):
    """A figure cannot be measured; the message says why, for a person."""


@dataclass(frozen=True)
class Program:
    key: str
    label: str
    argv: tuple[str, ...]
    exit_argv: tuple[str, ...]
    icon_regex: str
    has_status: bool


def bare_program() -> Program:
    script = str(ROOT / "tools" / "bare_tray.py")
    return Program(
        key="bare",
        label="bare tray",
        argv=(sys.executable, script),
        exit_argv=(sys.executable, script, "--exit-when-ready"),
        icon_regex="^bare-tray$",
        has_status=False,
    )


def app_program(icon_regex: str) -> Program:
    argv = (sys.executable, "-m", "tray_app", "--demo")
    return Program(
        key="app",
        label="timeman-tray",
        argv=argv,
        exit_argv=(*argv, "--exit-when-ready"),
        icon_regex=icon_regex,
        has_status=True,
    )


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


@dataclass
class ProgramResult:
    label: str
    available: bool = True
    reason: str = ""
    starts: list[StartRun] = field(default_factory=list)
    peak_rss_kib: int | None = None
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


# -- measuring --------------------------------------------------------------------------------


def _tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _command(argv: Sequence[str]) -> str:
    return " ".join(argv[1:])


def _poll_icon(
    desktop: Desktop, process: subprocess.Popen[bytes], program: Program, started: float
) -> float | None:
    """Milliseconds from ``started`` to the icon seen embedded (the middle of the look that
    saw it); None if the process ended first. Raises Unavailable after the time-out.
    """
    deadline = started + START_TIMEOUT_S
    while True:
        before = time.monotonic()
        found = desktop.tray_icons(program.icon_regex)
        after = time.monotonic()
        if found:
            return ((before + after) / 2 - started) * 1000
        if process.poll() is not None:
            return None
        if after > deadline:
            raise Unavailable(
                f"no tray icon matching {program.icon_regex!r} within {START_TIMEOUT_S:g} s"
            )
        time.sleep(POLL_S)


def start_run(desktop: Desktop, program: Program) -> StartRun:
    """One start with ``--exit-when-ready``: icon seen, READY marks, exit. Raises
    Unavailable when the program fails, hangs or prints no READY line.
    """
    argv = program.exit_argv
    started = time.monotonic()
    process = desktop.launch(argv)
    try:
        icon_ms = _poll_icon(desktop, process, program, started)
        code = process.wait(timeout=max(0.1, started + START_TIMEOUT_S - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise Unavailable(f"{_command(argv)} did not exit within {START_TIMEOUT_S:g} s") from None
    finally:
        desktop.terminate(process)
    exit_ms = (time.monotonic() - started) * 1000
    stderr = desktop.output(process, "stderr")
    if code != 0:
        raise Unavailable(f"{_command(argv)} exited with {code}:\n{_tail(stderr)}")
    ready = parse_ready(stderr)
    if "icon" not in ready.marks:
        raise Unavailable(f"{_command(argv)} printed no 'READY icon=<ms> ...' line on stderr")
    if program.has_status and "status" not in ready.marks:
        raise Unavailable(f"{_command(argv)} printed no 'READY ... status=<ms>' on stderr")

    def since(key: str) -> float | None:
        return ready.marks[key] - started * 1000 if key in ready.marks else None

    return StartRun(icon_ms, since("icon"), since("status"), exit_ms, ready.labels.get("phase"))


def launch_until_shown(
    desktop: Desktop, program: Program, argv: Sequence[str]
) -> tuple[subprocess.Popen[bytes], float]:
    """Start ``argv`` (no exit flag) and wait for its icon; it keeps running. Returns the
    process and the milliseconds from launch to the icon seen.
    """
    started = time.monotonic()
    process = desktop.launch(argv)
    try:
        icon_ms = _poll_icon(desktop, process, program, started)
        if icon_ms is None:
            raise Unavailable(
                f"{_command(argv)} exited with {process.returncode} before its icon appeared:"
                f"\n{_tail(desktop.output(process, 'stderr'))}"
            )
    except BaseException:
        desktop.terminate(process)
        raise
    return process, icon_ms


def measure_starts(
    desktop: Desktop, programs: Sequence[Program], results: dict[str, ProgramResult], runs: int
) -> None:
    """A warm-up each (not counted), then ``runs`` rounds starting each program in turn.

    A program that quits so soon after embedding its icon that the poll misses it (the bare
    tray takes ~30 ms) is started once more without the exit flag to time the icon.
    """
    for round_number in range(runs + 1):
        for program in programs:
            result = results[program.key]
            if not result.available:
                continue
            try:
                run = start_run(desktop, program)
                if run.icon_ms is None:
                    process, run.icon_ms = launch_until_shown(desktop, program, program.argv)
                    desktop.terminate(process)
                    note = "icon timed in separate starts without --exit-when-ready"
                    if note not in result.notes:
                        result.notes.append(note)
            except Unavailable as exc:
                result.mark_unavailable(str(exc))
                continue
            if round_number > 0:
                result.starts.append(run)
            if run.phase not in (None, "ready"):
                result.notes.append(f"a start's first status was {run.phase!r}, not 'ready'")


@dataclass
class _Idler:
    program: Program
    result: ProgramResult
    process: subprocess.Popen[bytes]
    first: CpuSample | None = None


def _sign_in(desktop: Desktop, webhook_url: str, poll_seconds: int) -> None:
    """``timeman-tray login`` with the webhook on stdin, then the poll interval."""
    env = desktop.env
    login = subprocess.run(
        [sys.executable, "-m", "tray_app", "login"],
        input=webhook_url + "\n",
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if login.returncode != 0:
        raise Unavailable(
            f"'timeman-tray login' exited with {login.returncode}:\n"
            f"{_tail(login.stdout + login.stderr)}"
        )
    change = subprocess.run(  # noqa: S603  (our interpreter, our constant script)
        [sys.executable, "-c", _SET_POLL_INTERVAL, str(poll_seconds)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if change.returncode != 0:
        raise Unavailable(f"could not set poll_interval_s:\n{_tail(change.stderr)}")


_SET_POLL_INTERVAL: Final = """
import dataclasses, sys
from tray_app.config.settings_file import load_settings, save_settings
settings = load_settings()
save_settings(dataclasses.replace(settings, poll_interval_s=int(sys.argv[1])))
"""


@contextlib.contextmanager
def _portal() -> Iterator[PortalSimulator]:
    """The demo portal (a day in progress), hosted in this process so that its work is not
    counted as the app's and every request the app sends is seen.
    """
    from tray_app.startup.demo_mode import start_demo_portal  # noqa: PLC0415 (only with the app)

    simulator = start_demo_portal()
    try:
        yield simulator
    finally:
        simulator.stop()


def _start_signed_in_app(
    desktop: Desktop, app: Program, simulator: PortalSimulator, poll_seconds: int
) -> subprocess.Popen[bytes]:
    """Sign in to ``simulator``, start the tray, wait for its icon and first status request."""
    from tray_app.startup.demo_mode import DEMO_USER_ID  # noqa: PLC0415

    _sign_in(desktop, simulator.webhook_url(DEMO_USER_ID), poll_seconds)
    simulator.clear_requests()  # the login's own requests
    process, _ = launch_until_shown(desktop, app, (sys.executable, "-m", "tray_app"))
    deadline = time.monotonic() + START_TIMEOUT_S
    while not simulator.requests:
        if process.poll() is not None or time.monotonic() > deadline:
            desktop.terminate(process)
            raise Unavailable(
                f"the signed-in app sent no request to the portal within {START_TIMEOUT_S:g} s"
                f"\n{_tail(desktop.output(process, 'stderr'))}"
            )
        time.sleep(0.05)
    return process


def measure_idle(
    desktop: Desktop,
    bare: Program,
    app: Program | None,
    results: dict[str, ProgramResult],
    args: argparse.Namespace,
) -> None:
    """The programs side by side: CPU over the window, memory and requests at its end."""
    with contextlib.ExitStack() as stack:
        idlers: list[_Idler] = []
        simulator: PortalSimulator | None = None
        for program in (bare, app):
            if program is None or not results[program.key].available:
                continue
            result = results[program.key]
            try:
                if program is bare:
                    process, _ = launch_until_shown(desktop, bare, bare.argv)
                else:
                    simulator = stack.enter_context(_portal())
                    process = _start_signed_in_app(desktop, program, simulator, args.poll_seconds)
                    result.poll_interval_s = args.poll_seconds
            except Unavailable as exc:
                result.notes.append(f"idle run not available: {exc}")
                simulator = None
                continue
            stack.callback(desktop.terminate, process)
            idlers.append(_Idler(program, result, process))
        time.sleep(args.settle_seconds)
        requests_before = len(simulator.requests) if simulator is not None else 0
        started = time.monotonic()
        for idler in idlers:
            idler.first = sample_cpu(idler.process.pid, started)
        time.sleep(args.idle_seconds)
        ended = time.monotonic()
        for idler in idlers:
            try:
                assert idler.first is not None
                use = cpu_between(idler.first, sample_cpu(idler.process.pid, ended))
                mem = memory(idler.process.pid)
            except (OSError, ValueError) as exc:
                idler.result.notes.append(
                    f"idle run ended early (exit {idler.process.poll()}): {exc}\n"
                    f"{_tail(desktop.output(idler.process, 'stderr'))}"
                )
                continue
            idler.result.idle_cpu_percent = use.percent_of_core
            idler.result.idle_cpu_source = use.source
            idler.result.idle_cpu_resolution_percent = 100 * use.resolution / use.wall
            idler.result.idle_window_s = use.wall
            idler.result.peak_rss_kib = mem.peak_kib
            idler.result.end_rss_kib = mem.current_kib
        if simulator is not None and app is not None:
            window = simulator.requests[requests_before:]
            result = results[app.key]
            result.requests_before_window = requests_before
            result.requests_in_window = len(window)
            result.requests_by_method = dict(
                collections.Counter(item.rest_method or item.path for item in window)
            )


# -- reporting --------------------------------------------------------------------------------


def _median(values: Sequence[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def _spread(values: Sequence[float | None]) -> str:
    present = [value for value in values if value is not None]
    if len(present) < 2:
        return ""
    return f" ({min(present):.0f}-{max(present):.0f})"


@dataclass(frozen=True)
class Figure:
    name: str
    bare: str
    app: str
    ratio: str
    budget: str
    verdict: str
    detail: str = ""


def _ms(value: float | None, values: Sequence[float | None] = ()) -> str:
    return "n/a" if value is None else f"{value:.0f} ms{_spread(values)}"


def _mib(kib: int | None) -> str:
    return "n/a" if kib is None else f"{kib / 1024:.1f} MiB"


def _ratio(app: float | None, bare: float | None) -> str:
    return "" if app is None or bare is None or bare == 0 else f"{app / bare:.2f}x"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("ok" if ok else "FAIL")


def build_figures(bare: ProgramResult, app: ProgramResult | None) -> list[Figure]:
    figures: list[Figure] = []
    app = app or ProgramResult(label="timeman-tray", available=False, reason="--bare-only")
    b_icons = [run.icon_ms for run in bare.starts]
    a_icons = [run.icon_ms for run in app.starts]
    b_icon, a_icon = _median(b_icons), _median(a_icons)
    figures.append(
        Figure(
            "launch -> icon shown (X window)",
            _ms(b_icon, b_icons),
            _ms(a_icon, a_icons),
            _ratio(a_icon, b_icon),
            f"<= {BUDGET_ICON_RATIO}x bare",
            _verdict(
                None if a_icon is None or b_icon is None else a_icon <= BUDGET_ICON_RATIO * b_icon
            ),
        )
    )
    b_ready = [run.ready_icon_ms for run in bare.starts]
    a_ready = [run.ready_icon_ms for run in app.starts]
    b_ready_icon, a_ready_icon = _median(b_ready), _median(a_ready)
    figures.append(
        Figure(
            "launch -> READY icon (in-process)",
            _ms(b_ready_icon, b_ready),
            _ms(a_ready_icon, a_ready),
            _ratio(a_ready_icon, b_ready_icon),
            "",
            "",
        )
    )
    a_statuses = [run.ready_status_ms for run in app.starts]
    a_status = _median(a_statuses)
    reference = b_ready_icon if b_ready_icon is not None else b_icon
    figures.append(
        Figure(
            "launch -> first status (READY status)",
            "(none)",
            _ms(a_status, a_statuses),
            "" if a_status is None or reference is None else f"bare+{a_status - reference:.0f} ms",
            f"<= bare icon + {BUDGET_STATUS_EXTRA_MS:.0f} ms",
            _verdict(
                None
                if a_status is None or reference is None
                else a_status <= reference + BUDGET_STATUS_EXTRA_MS
            ),
        )
    )
    b_exits: list[float | None] = [run.exit_ms for run in bare.starts]
    a_exits: list[float | None] = [run.exit_ms for run in app.starts]
    b_exit, a_exit = _median(b_exits), _median(a_exits)
    figures.append(
        Figure(
            "launch -> exit (--exit-when-ready)",
            _ms(b_exit, b_exits),
            _ms(a_exit, a_exits),
            _ratio(a_exit, b_exit),
            "",
            "",
        )
    )
    figures.append(
        Figure(
            "peak RSS (VmHWM, end of idle)",
            _mib(bare.peak_rss_kib),
            _mib(app.peak_rss_kib),
            _ratio(
                None if app.peak_rss_kib is None else float(app.peak_rss_kib),
                None if bare.peak_rss_kib is None else float(bare.peak_rss_kib),
            ),
            f"<= {BUDGET_RSS_RATIO}x bare",
            _verdict(
                None
                if app.peak_rss_kib is None or bare.peak_rss_kib is None
                else app.peak_rss_kib <= BUDGET_RSS_RATIO * bare.peak_rss_kib
            ),
        )
    )
    figures.append(
        Figure(
            "RSS at end of idle (VmRSS)",
            _mib(bare.end_rss_kib),
            _mib(app.end_rss_kib),
            _ratio(
                None if app.end_rss_kib is None else float(app.end_rss_kib),
                None if bare.end_rss_kib is None else float(bare.end_rss_kib),
            ),
            "",
            "",
        )
    )

    def cpu(result: ProgramResult) -> str:
        if result.idle_cpu_percent is None:
            return "n/a"
        return f"{result.idle_cpu_percent:.3f} % ({result.idle_cpu_source})"

    figures.append(
        Figure(
            "CPU idle, % of one core",
            cpu(bare),
            cpu(app),
            _ratio(app.idle_cpu_percent, bare.idle_cpu_percent),
            f"<= {BUDGET_IDLE_CPU_PERCENT} %",
            _verdict(
                None
                if app.idle_cpu_percent is None
                else app.idle_cpu_percent <= BUDGET_IDLE_CPU_PERCENT
            ),
        )
    )
    figures.append(_requests_figure(app))
    return figures


def _requests_figure(app: ProgramResult) -> Figure:
    count, window, poll = app.requests_in_window, app.idle_window_s, app.poll_interval_s
    if count is None or window is None or poll is None or window <= 0:
        return Figure("portal requests at steady state", "(none)", "n/a", "", "<= 1/poll", "n/a")
    per_hour = count * 3600 / window
    polls = window / poll
    allowed = math.floor(polls) + 1  # a poll may fall on each edge of the window
    methods = ", ".join(f"{name} x{n}" for name, n in sorted(app.requests_by_method.items()))
    per_poll = count / polls
    detail = (
        f"{count} request(s) in {window:.0f} s at a {poll} s poll = {per_hour:.0f}/h "
        f"({per_poll:.2f} per poll; at the default 60 s poll that is {per_poll * 60:.0f}/h)"
        f"{f': {methods}' if methods else ''}; {app.requests_before_window} before the window"
    )
    return Figure(
        "portal requests at steady state",
        "(none)",
        f"{count} in {window:.0f} s",
        f"{per_poll:.2f}/poll",
        f"<= 1/poll (<= {allowed} here)",
        _verdict(count <= allowed),
        detail,
    )


def print_report(
    out: TextIO,
    header: str,
    figures: Sequence[Figure],
    results: Sequence[ProgramResult],
) -> None:
    out.write(header + "\n")
    columns = [
        ("figure", [f.name for f in figures]),
        ("bare tray", [f.bare for f in figures]),
        ("timeman-tray", [f.app for f in figures]),
        ("ratio", [f.ratio for f in figures]),
        ("budget", [f.budget for f in figures]),
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
    for result in results:
        if not result.available:
            out.write(f"{result.label}: not available: {result.reason}\n")
        for note in result.notes:
            out.write(f"{result.label}: {note}\n")
    out.flush()


# -- main -------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Start-up, memory, idle CPU and requests of timeman-tray vs a bare tray.",
    )
    parser.add_argument("--runs", type=int, default=5, help="start-ups per program (median)")
    parser.add_argument("--idle-seconds", type=float, default=60.0, help="idle CPU window")
    parser.add_argument(
        "--settle-seconds", type=float, default=3.0, help="wait after start before the window"
    )
    parser.add_argument("--host", choices=TRAY_HOSTS, default="icewm", help="tray host")
    parser.add_argument("--bare-only", action="store_true", help="measure the bare tray only")
    parser.add_argument(
        "--poll-seconds",
        type=int,
        default=15,
        help="the app's poll_interval_s for the idle run (15..3600)",
    )
    parser.add_argument(
        "--app-icon-regex",
        default="^timeman-tray$",
        help="matches the app's tray icon window (name or WM_CLASS)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 if a budget is missed or not measured"
    )
    return parser


@contextlib.contextmanager
def _isolated_env() -> Iterator[dict[str, str]]:
    """os.environ with fresh HOME/XDG_* folders and no user bus or keyring choice."""
    base = Path(tempfile.mkdtemp(prefix="tm-bench-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHON_KEYRING_BACKEND", "TIMEMAN_TRAY_BENCH"}
    }
    for variable, name in ISOLATED_DIRS.items():
        directory = base / name
        directory.mkdir(mode=0o700)
        env[variable] = str(directory)
    try:
        yield env
    finally:
        shutil.rmtree(base, ignore_errors=True)


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.runs < 1 or args.idle_seconds <= 0 or args.settle_seconds < 0:
        out.write("--runs must be >= 1, --idle-seconds > 0, --settle-seconds >= 0\n")
        return 2
    host: TrayHost = args.host
    missing = missing_programs(host)
    if missing:
        out.write(f"missing programs: {', '.join(missing)}\n")
        return 2
    bare = bare_program()
    app = None if args.bare_only else app_program(args.app_icon_regex)
    programs = [bare] if app is None else [bare, app]
    results = {program.key: ProgramResult(label=program.label) for program in programs}
    keyring = app is not None and not missing_programs_for_keyring()
    if app is not None and not keyring:
        results[app.key].notes.append("no gnome-keyring: the signed-in idle run is skipped")
    if app is not None:
        compile_bytecode()
    begun = time.monotonic()
    with _isolated_env() as env, Desktop(host, secret_service=keyring, base_env=env) as desktop:
        header = (
            f"timeman-tray benchmark: tray host {host}, Xvfb {desktop.display}, "
            f"{args.runs} start-up run(s) each (median, min-max), idle window "
            f"{args.idle_seconds:g} s after {args.settle_seconds:g} s"
        )
        out.write(header + "\n")
        out.flush()
        try:
            measure_starts(desktop, programs, results, args.runs)
            if app is not None and not keyring:
                measure_idle(desktop, bare, None, results, args)
            else:
                measure_idle(desktop, bare, app, results, args)
        except DesktopError as exc:
            out.write(f"the desktop failed: {exc}\n")
            return 2
    figures = build_figures(results["bare"], results.get("app"))
    out.write("\n")
    print_report(
        out, f"results ({time.monotonic() - begun:.0f} s):", figures, list(results.values())
    )
    if app is None:
        out.write("timeman-tray: not measured (--bare-only)\n")
    if args.json is not None:
        document = {
            "host": host,
            "runs": args.runs,
            "idle_seconds": args.idle_seconds,
            "results": {key: asdict(result) for key, result in results.items()},
            "figures": [asdict(figure) for figure in figures],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    if not args.strict:
        return 0
    verdicts = [figure.verdict for figure in figures if figure.verdict]
    return 0 if all(verdict == "ok" for verdict in verdicts) else 1


def compile_bytecode() -> None:
    """Compile tray_app's modules first, as every install does (pip, dpkg, PyInstaller). With
    ``PYTHONDONTWRITEBYTECODE`` set (it is on these machines), a source checkout compiles each
    module at every start: ~70 ms that no installed copy pays would be timed as the app's."""
    compileall.compile_dir(ROOT / "tray_app", quiet=1)


def missing_programs_for_keyring() -> list[str]:
    from tests.keyring_session import missing_programs as keyring_missing  # noqa: PLC0415

    return keyring_missing()


def main(argv: Sequence[str] | None = None) -> int:
    return run(_parser().parse_args(argv), sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
