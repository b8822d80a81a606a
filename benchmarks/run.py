"""Start-up, memory and idle CPU of timeman-tray against its floors, in one interleaved run.

    python benchmarks/run.py [--runs N] [--idle-seconds S] [--running-seconds R]
                             [--poll-seconds P] [--host icewm|trayer] [--bare-only]
                             [--baseline DIR] [--json FILE] [--strict]

The floors (tools/bare_tray.py): the bare PySide6 tray (icon, menu, a 1 s timer), and the same
tray making one HTTPS request with the standard library once its icon shows (``--https``: what
any Python HTTPS tray pays for TLS). The app twice: ``python -m tray_app --demo`` (against the
bare tray) and ``python -m tray_app`` signed in to a portal simulator this script hosts over
HTTPS (against the HTTPS floor, which reads the same simulator and trusts the same CA file).
A third floor, the stack floor (``--https --stack``: the request by httpx, the app's other
libraries loaded), shows what the chosen libraries cost before any code of the app; the goals
stay the HTTPS floor's.

Everything runs on a private desktop (tests/e2e/desktop.py: Xvfb, a session bus, a tray host
and a real unlocked gnome-keyring), in one run, because absolute times drift between machines
and minutes, and other work on the machine changes them; the gaps and ratios to the floors are
the point. HOME and XDG_* are temporary folders: nothing of the person running it is read or
changed. The app's signed-in account is made by ``timeman-tray login --ca-file`` (its secret in
that keyring), and its ``poll_interval_s`` is ``--poll-seconds`` (60: the default).

1. Start-ups (benchmarks/starts.py), ``--runs`` rounds after one warm-up round: each round
   starts bare, demo, HTTPS floor, stack floor, signed-in app in turn with
   ``--exit-when-ready``; the icon seen embedded, the READY marks, VmHWM at the first status,
   the exit. Medians (min-max);
   the gaps "status after the floor's" are medians of the per-round differences: demo's
   ``status`` minus the bare tray's ``icon``, the app's ``status`` minus the floor's.
2. Running and idle: the bare tray, the two HTTPS floors and the signed-in app side by side. RSS
   ``--running-seconds`` (120) after each one's launch; CPU time (benchmarks/procstat.py) as %
   of one core over ``--idle-seconds`` (180: three default poll periods) after
   ``--settle-seconds`` (30: what the app defers past its first status, the week's records,
   the HTTP client, the away monitor, is start-up, not idle); VmHWM at the end; the requests
   the portal received in the window.

``--baseline DIR`` (another checkout, e.g. the code before a change) idles that copy's
signed-in app beside this one's, in the same window and against a portal of its own, in HOME
and XDG folders of its own: before and after in one interleaved run, each as a ratio to the
bare tray's idle CPU.

The report names the machine (CPU, cores, Python, Qt) and the load average before and after:
figures taken while other work ran are noisier. A program is "not available" (reported, not
an error) when it does not start, show its icon, print its READY marks and exit 0. Exit
status: 0, or with ``--strict`` 1 when a goal is missed or a figure is not available.
"""

from __future__ import annotations

import argparse
import collections
import compileall
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

ROOT: Final = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from benchmarks.portal import ca_file, floor_url, hosted_portal, sign_in  # noqa: E402
from benchmarks.procstat import CpuSample, cpu_between, memory, sample_cpu  # noqa: E402
from benchmarks.report import (  # noqa: E402
    Figure,
    build_figures,
    load_average,
    machine,
    print_report,
)
from benchmarks.starts import (  # noqa: E402
    START_TIMEOUT_S,
    Program,
    ProgramResult,
    Unavailable,
    launch_until_shown,
    measure_starts,
    tail,
)
from tests.e2e.desktop import (  # noqa: E402
    TRAY_HOSTS,
    Desktop,
    DesktopError,
    TrayHost,
    missing_programs,
)

if TYPE_CHECKING:
    from tray_app.demo import PortalSimulator

ISOLATED_DIRS: Final = {
    "HOME": "home",
    "XDG_CONFIG_HOME": "config",
    "XDG_DATA_HOME": "data",
    "XDG_STATE_HOME": "state",
    "XDG_CACHE_HOME": "cache",
    "XDG_RUNTIME_DIR": "run",
}
BARE_ICON: Final = "^bare-tray$"


def bare_program(simulator: PortalSimulator | None = None, *, stack: bool = False) -> Program:
    """The bare tray; with ``simulator``, the HTTPS floor reading it; with ``stack`` too, the
    stack floor (the request by httpx, the app's other libraries loaded)."""
    argv: tuple[str, ...] = (sys.executable, str(ROOT / "tools" / "bare_tray.py"))
    if simulator is None:
        return Program("bare", "bare tray", argv, (*argv, "--exit-when-ready"), BARE_ICON, False)
    argv = (*argv, "--https", floor_url(simulator), "--ca-file", ca_file(simulator))
    key, label = ("https", "HTTPS floor")
    if stack:
        argv, key, label = (*argv, "--stack"), "stack", "HTTPS floor with the app's libraries"
    return Program(key, label, argv, (*argv, "--exit-when-ready"), BARE_ICON, True)


def baseline_program(tree: Path, icon_regex: str, folders: Path) -> Program:
    """Another checkout's app (``--baseline``), in HOME and XDG folders of its own under
    ``folders`` (its own settings and single-instance socket; the desktop's keyring)."""
    env = {variable: str(folders / name) for variable, name in ISOLATED_DIRS.items()}
    for directory in env.values():
        Path(directory).mkdir(mode=0o700, exist_ok=True)
    argv: tuple[str, ...] = (sys.executable, "-m", "tray_app")
    return Program(
        "base",
        f"timeman-tray from {tree}",
        argv,
        (*argv, "--exit-when-ready"),
        icon_regex,
        True,
        cwd=tree,
        env={**env, "PYTHONPATH": str(tree)},
    )


def app_program(icon_regex: str, *, demo: bool) -> Program:
    argv: tuple[str, ...] = (sys.executable, "-m", "tray_app", *(("--demo",) if demo else ()))
    key, label = ("demo", "timeman-tray --demo") if demo else ("app", "timeman-tray signed in")
    return Program(key, label, argv, (*argv, "--exit-when-ready"), icon_regex, True)


# -- running and idle -------------------------------------------------------------------------


@dataclass
class _Idler:
    program: Program
    result: ProgramResult
    process: subprocess.Popen[bytes]
    launched: float
    first: CpuSample | None = None


def _wait_for_first_request(
    desktop: Desktop, process: subprocess.Popen[bytes], simulator: PortalSimulator
) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while not simulator.requests:
        if process.poll() is not None or time.monotonic() > deadline:
            raise Unavailable(
                f"the signed-in app sent no request to the portal within {START_TIMEOUT_S:g} s"
                f"\n{tail(desktop.output(process, 'stderr'))}"
            )
        time.sleep(0.05)


def _launch_idlers(
    desktop: Desktop,
    programs: Sequence[Program],
    results: Mapping[str, ProgramResult],
    portals: Mapping[str, PortalSimulator],
    stack: contextlib.ExitStack,
) -> list[_Idler]:
    idlers: list[_Idler] = []
    for program in programs:
        result = results[program.key]
        launched = time.monotonic()
        simulator = portals.get(program.key)
        try:
            if simulator is not None:
                simulator.clear_requests()
            process, _ = launch_until_shown(desktop, program)
            stack.callback(desktop.terminate, process)
            if simulator is not None:
                _wait_for_first_request(desktop, process, simulator)
        except Unavailable as exc:
            result.note(f"idle run not available: {exc}")
            continue
        idlers.append(_Idler(program, result, process, launched))
    return idlers


def _read_running(desktop: Desktop, idler: _Idler, after_s: float) -> None:
    try:
        idler.result.running_rss_kib = memory(idler.process.pid).current_kib
        idler.result.running_after_s = after_s
    except (OSError, ValueError) as exc:
        idler.result.note(f"ended before {after_s:g} s: {exc}")


def measure_idle(
    desktop: Desktop,
    programs: Sequence[Program],
    results: Mapping[str, ProgramResult],
    simulator: PortalSimulator | None,
    args: argparse.Namespace,
    *,
    baseline_portal: PortalSimulator | None = None,
) -> None:
    """The programs side by side: RSS ``--running-seconds`` after each launch, CPU over the
    window, peak memory and requests at its end (the app's; ``baseline_portal`` serves the
    baseline's apart, so that they are not counted with them)."""
    portals = {
        key: portal
        for key, portal in (("app", simulator), ("base", baseline_portal))
        if portal is not None
    }
    with contextlib.ExitStack() as stack:
        idlers = _launch_idlers(desktop, programs, results, portals, stack)
        if not idlers:
            return
        window_start = time.monotonic() + args.settle_seconds
        window_end = window_start + args.idle_seconds
        pending = sorted(idlers, key=lambda idler: idler.launched)
        requests_before = 0
        window_open = False
        while True:
            now = time.monotonic()
            while pending and now >= pending[0].launched + args.running_seconds:
                _read_running(desktop, pending.pop(0), args.running_seconds)
            if not window_open and now >= window_start:
                window_open = True
                requests_before = len(simulator.requests) if simulator is not None else 0
                for idler in idlers:
                    with contextlib.suppress(OSError):
                        idler.first = sample_cpu(idler.process.pid, time.monotonic())
            if window_open and now >= window_end and not pending:
                break
            events = [window_end if window_open else window_start]
            events += [idler.launched + args.running_seconds for idler in pending[:1]]
            time.sleep(max(0.01, min(events) - time.monotonic()))
        _close_window(desktop, idlers, window_end)
        app = results.get("app")
        if simulator is not None and app is not None and app.idle_window_s is not None:
            window = simulator.requests[requests_before:]
            app.requests_before_window = requests_before
            app.requests_in_window = len(window)
            app.requests_by_method = dict(
                collections.Counter(item.rest_method or item.path for item in window)
            )


def _close_window(desktop: Desktop, idlers: Sequence[_Idler], window_end: float) -> None:
    for idler in idlers:
        try:
            if idler.first is None:
                raise OSError("gone before the window began")
            use = cpu_between(idler.first, sample_cpu(idler.process.pid, window_end))
            mem = memory(idler.process.pid)
        except (OSError, ValueError) as exc:
            idler.result.note(
                f"idle run ended early (exit {idler.process.poll()}): {exc}\n"
                f"{tail(desktop.output(idler.process, 'stderr'))}"
            )
            continue
        idler.result.idle_cpu_percent = use.percent_of_core
        idler.result.idle_cpu_source = use.source
        idler.result.idle_cpu_resolution_percent = 100 * use.resolution / use.wall
        idler.result.idle_window_s = use.wall
        idler.result.peak_rss_kib = mem.peak_kib
        idler.result.end_rss_kib = mem.current_kib


# -- main -------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Start-up, memory and idle CPU of timeman-tray against two floors.",
    )
    add = parser.add_argument
    add("--runs", type=int, default=5, help="start-up rounds (median)")
    add("--idle-seconds", type=float, default=180.0, help="idle CPU window")
    add(
        "--settle-seconds",
        type=float,
        default=30.0,
        help="wait after the launches before the idle window (the work deferred past the "
        "first status, ~150 ms of CPU in the first 15 s, is not idle)",
    )
    add("--running-seconds", type=float, default=120.0, help="RSS this long after launch")
    add("--host", choices=TRAY_HOSTS, default="icewm", help="tray host")
    add("--bare-only", action="store_true", help="measure the two floors only")
    add("--poll-seconds", type=int, default=60, help="the app's poll_interval_s (15..3600)")
    add(
        "--app-icon-regex",
        default="^timeman-tray$",
        help="matches the app's tray icon window (name or WM_CLASS)",
    )
    add(
        "--baseline",
        type=Path,
        default=None,
        help="another checkout (the code before a change): its signed-in app idles beside "
        "this one's, in the same window, against a portal of its own",
    )
    add("--json", type=Path, default=None, help="also write the results here")
    add("--strict", action="store_true", help="exit 1 if a goal is missed or not measured")
    return parser


@contextlib.contextmanager
def _isolated_env() -> Iterator[dict[str, str]]:
    """os.environ with fresh HOME/XDG_* folders and no user bus or keyring choice."""
    base = Path(tempfile.mkdtemp(prefix="tm-bench-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHON_KEYRING_BACKEND", "TIMEMAN_TRAY_BENCH", "SSL_CERT_FILE"}
    }
    for variable, name in ISOLATED_DIRS.items():
        directory = base / name
        directory.mkdir(mode=0o700)
        env[variable] = str(directory)
    try:
        yield env
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _bad_arguments(args: argparse.Namespace) -> bool:
    return bool(
        args.runs < 1
        or args.idle_seconds <= 0
        or args.settle_seconds < 0
        or args.running_seconds < 0
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    if _bad_arguments(args):
        out.write("--runs must be >= 1, --idle-seconds > 0, the other seconds >= 0\n")
        return 2
    host: TrayHost = args.host
    missing = missing_programs(host)
    if missing:
        out.write(f"missing programs: {', '.join(missing)}\n")
        return 2
    keyring = not args.bare_only and not missing_programs_for_keyring()
    if not args.bare_only:
        compile_bytecode()
    begun = time.monotonic()
    about = machine()
    out.write(
        f"timeman-tray benchmark on {about['cpu']} ({about['cores']} cores), Python "
        f"{about['python']}, {about['qt']}, {about['system']}; load average before: "
        f"{load_average()}\n"
    )
    with (
        _isolated_env() as env,
        Desktop(host, secret_service=keyring, base_env=env) as desktop,
        hosted_portal() as simulator,
        contextlib.ExitStack() as baseline_stack,
    ):
        out.write(
            f"tray host {host}, Xvfb {desktop.display}; {args.runs} start-up round(s) after a "
            f"warm-up (median, min-max); running RSS at {args.running_seconds:g} s; idle "
            f"window {args.idle_seconds:g} s after {args.settle_seconds:g} s\n"
        )
        out.flush()
        bare, https = bare_program(), bare_program(simulator)
        stack = bare_program(simulator, stack=True)
        starts = [bare]
        if not args.bare_only:
            starts.append(app_program(args.app_icon_regex, demo=True))
        starts += [https, stack]
        if not args.bare_only:
            starts.append(app_program(args.app_icon_regex, demo=False))
        results = {program.key: ProgramResult(label=program.label) for program in starts}
        if "app" in results:
            try:
                if not keyring:
                    raise Unavailable("no gnome-keyring to sign in with")
                sign_in(desktop, simulator, args.poll_seconds)
                results["app"].poll_interval_s = args.poll_seconds
            except Unavailable as exc:
                results["app"].mark_unavailable(str(exc))
        baseline, baseline_portal = _prepare_baseline(args, env, desktop, results, baseline_stack)
        try:
            measure_starts(desktop, starts, results, args.runs)
            extra = [] if baseline is None else [baseline]
            idle = [bare, https, stack, *(p for p in starts if p.key == "app"), *extra]
            available = [p for p in idle if results[p.key].available]
            measure_idle(
                desktop, available, results, simulator, args, baseline_portal=baseline_portal
            )
        except DesktopError as exc:
            out.write(f"the desktop failed: {exc}\n")
            return 2
    figures = build_figures(results)
    out.write("\n")
    print_report(
        out,
        f"results ({time.monotonic() - begun:.0f} s; load average after: {load_average()}):",
        figures,
        results,
    )
    if args.bare_only:
        out.write("timeman-tray: not measured (--bare-only)\n")
    if args.json is not None:
        _write_json(args.json, args, host, about, results, figures)
    if not args.strict:
        return 0
    verdicts = [figure.verdict for figure in figures if figure.verdict]
    return 0 if all(verdict == "ok" for verdict in verdicts) else 1


def _write_json(  # noqa: PLR0917  (what the document holds)
    path: Path,
    args: argparse.Namespace,
    host: str,
    about: Mapping[str, str],
    results: Mapping[str, ProgramResult],
    figures: Sequence[Figure],
) -> None:
    document = {
        "host": host,
        "machine": about,
        "runs": args.runs,
        "idle_seconds": args.idle_seconds,
        "running_seconds": args.running_seconds,
        "results": {key: asdict(result) for key, result in results.items()},
        "figures": [asdict(figure) for figure in figures],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _prepare_baseline(
    args: argparse.Namespace,
    env: Mapping[str, str],
    desktop: Desktop,
    results: dict[str, ProgramResult],
    stack: contextlib.ExitStack,
) -> tuple[Program | None, PortalSimulator | None]:
    """With ``--baseline`` (and the signed-in app measured): the other checkout's app, signed
    in to a portal of its own that ``stack`` stops."""
    app = results.get("app")
    if args.baseline is None or app is None or not app.available:
        return None, None
    compileall.compile_dir(args.baseline / "tray_app", quiet=1)  # as compile_bytecode()
    portal = stack.enter_context(hosted_portal())
    folders = Path(env["HOME"]).parent / "baseline"
    folders.mkdir(mode=0o700)
    program = baseline_program(args.baseline.resolve(), args.app_icon_regex, folders)
    results[program.key] = ProgramResult(label=program.label)
    try:
        sign_in(desktop, portal, args.poll_seconds, program.env)
        results[program.key].poll_interval_s = args.poll_seconds
    except Unavailable as exc:
        results[program.key].mark_unavailable(str(exc))
    return program, portal


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
