"""A whole office on one portal, for real (issue 11, item 9): 30 real ``python -m tray_app``
processes, each with its own HOME and XDG folders, on one Xvfb desktop with a tray host (icewm)
and a real Secret Service, against ONE simulator over HTTPS whose rate bucket is scaled so that
the 30 stand for 1 000 (drain 2/s x 0.03 = 0.06/s, threshold 50 x 0.03 = 1.5, kept a float:
:func:`tray_app.demo.limits.scaled_plan`), with the company's other integration drawing 0.5
requests/s x 0.03 from the same source-IP bucket (Poisson, seeded).

The trays start staggered over a minute, each signed in already (settings file and keyring
entry written before it starts, so no login traffic) with an open day on the portal. After a
warm-up the test measures, from the simulator's request log and bucket counts:

* the share of the fleet's requests refused with 503 ``QUERY_LIMIT_EXCEEDED``, and the other
  integration's (must be < 1 % after the warm-up);
* each tray's time from launch to its first status (the first read of its user the portal
  answered with 200; every tray must get one);
* a click from the CLI (``python -m tray_app pause`` with a tray's HOME, the tray running) must
  go through (exit 0) in under 2 s, wall time of the whole command.

It prints what it measured (``pytest -s`` shows it): the refused shares per 30-s window, first
status per tray, the CLI clicks, and what the trays cost (start-up CPU, memory).

MEASURED, NOT YET PASSING (2026-12-07, 2 cores, four runs of 4.5 min and one of 12.5 min with
TIMEMAN_FLEET_MEASURE_S=600): with the product's polling policy (tray_app/core/timing.py,
unchanged) the fleet does not get under 1 % refused within a few minutes, nor within twelve.

Refused share of the fleet's requests per 30 s from the first launch (4.5-min run): 95, 98, 97,
88 % (warm-up), then 80, 82, 100, 40 %: 76 % of 29 requests after the warm-up, in every run. The
bucket admitted 17 requests in 4 min, i.e. it was full all the time (0.06/s x 240 s + 1.5). In
the 12.5-min run: 88-60 % until minute 4.5, then 0-100 % of 0-7 requests per 30 s; 69 % of 71
after the warm-up (the fleet at ~0.12 requests/s, twice the drain); the other integration had 4
of 11 refused (36 %).

First status: 12-15 of 30 trays within 4 min (median 48-97 s, the last at 190-218 s); in 12.5
min 26 of 30 (median 197 s, the last at 686 s, 4 never). The three CLI clicks (``pause``) failed
with exit 4 after 5-11 s in every run ("The portal is rate limiting requests"), with 4-8 refused
requests each; twice the message added "Whether the pause took effect is unknown", though a 503
was never executed.

At start each tray sends about three requests at once (the pre-Qt first read, the controller's
own first read after it, the week's records), all into a bucket that holds 1.5. The same policy
on a fake clock (benchmarks/fleet.py's model, scaled alike) gives 70-95 % refused in minutes
0-5, below 1 % only from about minute 9, the last first status after ~10 min. Note that at this
scale a click needs the bucket below 0.5 (two requests: the status read and the write) while the
real bucket of 50 leaves room for a click in almost any state: the click figure is harder here
than for 1 000 real trays.

Costs: launching 30 trays took 11-12 s of CPU (0.4 s each), then ~0.5 s CPU per tray in 4 min;
RSS 84-89 MiB per tray, 2.6 GB in all. The assertions are the issue's and are left as they are;
the test is marked ``xfail`` (strict, so a pass is noticed) until the main session decides on
the policy or the duration.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import pytest

from tests.e2e.desktop import Desktop
from tests.e2e.tray_driver import APP_CLASS, POLLS, Portal
from tray_app.config.settings import Settings, save_settings
from tray_app.demo import RecordedRequest, SimClock, SimUser
from tray_app.demo.limits import Counts

pytestmark = [pytest.mark.e2e, pytest.mark.keyring]

TRAYS: Final = 30
STANDS_FOR: Final = 1000
SCALE: Final = TRAYS / STANDS_FOR
OTHER_LOAD: Final = 0.5 * SCALE
"""The other integration of benchmarks/fleet.py (0.5 requests/s for 1 000 trays), scaled."""
START_WINDOW_S: Final = 60.0
WARM_UP_S: Final = 120.0
"""From the first launch; the last tray has started a minute before the measurement."""
MEASURE_S: Final = float(os.environ.get("TIMEMAN_FLEET_MEASURE_S") or 120.0)
"""``TIMEMAN_FLEET_MEASURE_S`` stretches it, to see where the fleet gets to (not for CI)."""
WINDOW_S: Final = 30.0
CLICKS: Final = (0, TRAYS // 3, 2 * TRAYS // 3)
CLICK_LIMIT_S: Final = 2.0
REFUSED_LIMIT: Final = 0.01
USER_PATH: Final = re.compile(r"^/rest/(?:api/)?(\d+)/")


def _secret(user_id: int) -> str:
    return f"fleetsecret{user_id:05d}"


@dataclass
class Tray:
    """One tray process with its own folders."""

    user_id: int
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    launched_at: datetime | None = None
    first_status_s: float | None = None


@dataclass
class Window:
    """What the bucket did in one window of time."""

    start_s: float
    trays: Counts = field(default_factory=Counts)
    other: Counts = field(default_factory=Counts)


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[Portal]:
    """One simulator, a live clock, 30 users each with a day opened an hour ago."""
    users = [SimUser(user_id=i, secret=_secret(i), name=f"Worker{i}") for i in range(1, TRAYS + 1)]
    with Portal.running(
        tmp_path / "tls",
        SimClock(),
        users,
        bucket_scale=SCALE,
        other_load=OTHER_LOAD,
        other_load_seed=11,
    ) as running:
        for user in users:
            running.sim.seed_day(user.user_id, "OPENED")
        yield running


def _tray_env(root: Path, portal: Portal) -> dict[str, str]:
    env = {
        "SSL_CERT_FILE": str(portal.ca_file),
        "TZ": "Europe/Moscow",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "LANGUAGE": "",
    }
    for variable, name in (
        ("HOME", "home"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_RUNTIME_DIR", "run"),
    ):
        folder = root / name
        folder.mkdir(parents=True, mode=0o700)
        env[variable] = str(folder)
    return env


def _sign_in(desktop: Desktop, portal: Portal, trays: list[Tray]) -> None:
    """Each tray's settings file, and every secret in the desktop's keyring (one process)."""
    for tray in trays:
        path = Path(tray.env["XDG_CONFIG_HOME"]) / "timeman-tray" / "settings.json"
        save_settings(
            Settings(
                portal_url=portal.sim.base_url,
                user_id=tray.user_id,
                display_name=f"Worker{tray.user_id} Ivanova",
            ),
            path,
        )
    host = f"127.0.0.1:{portal.port}"
    script = "import keyring, sys\nfor line in sys.stdin:\n    u, s = line.split()\n"
    script += "    keyring.set_password('timeman-tray', u, s)\n"
    lines = "".join(f"{host}/{t.user_id} {_secret(t.user_id)}\n" for t in trays)
    subprocess.run(
        [sys.executable, "-c", script],
        input=lines.encode(),
        env=desktop.env,
        check=True,
        timeout=120,
    )


def _user(request: RecordedRequest) -> int | None:
    match = USER_PATH.match(request.path)
    return int(match[1]) if match else None


def _seconds(moment: datetime, since: datetime) -> float:
    return (moment - since).total_seconds()


def _rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _process_cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


class FleetRun:
    """The trays, their windows of counts and what the portal saw, from one launch on."""

    def __init__(self, desktop: Desktop, portal: Portal, trays: list[Tray]) -> None:
        self.desktop = desktop
        self.sim = portal.sim
        self.trays = trays
        self.windows: list[Window] = []
        self.began = datetime.now(UTC)
        self.began_mono = time.monotonic()
        self._last = self.sim.rate_stats()
        self._next_window = WINDOW_S
        self.launch_cpu_s = 0.0
        self.methods: Counter[str] = Counter()
        self.per_tray_after_warm_up: Counter[int] = Counter()

    def elapsed(self) -> float:
        return time.monotonic() - self.began_mono

    def sample(self) -> None:
        """Close every window that has ended: the other integration's counts in it."""
        while self.elapsed() >= self._next_window:
            stats = self.sim.rate_stats()
            before = self._last.loads.get("other-integration", Counts())
            after = stats.loads.get("other-integration", Counts())
            window = Window(start_s=self._next_window - WINDOW_S)
            window.other = Counts(after.admitted - before.admitted, after.refused - before.refused)
            self.windows.append(window)
            self._last = stats
            self._next_window += WINDOW_S

    def launch_staggered(self) -> None:
        step = START_WINDOW_S / len(self.trays)
        for index, tray in enumerate(self.trays):
            wait = index * step - self.elapsed()
            if wait > 0:
                time.sleep(wait)
            tray.launched_at = datetime.now(UTC)
            tray.process = self.desktop.launch([sys.executable, "-m", "tray_app"], tray.env)
            self.sample()
        self.launch_cpu_s = sum(_process_cpu_s(pid) for pid in self.pids())

    def pids(self) -> list[int]:
        return [t.process.pid for t in self.trays if t.process is not None]

    def run_until(self, end_s: float) -> None:
        """Watch until ``end_s`` after the first launch; a tray that exits fails the test."""
        while (elapsed := self.elapsed()) < end_s:
            for tray in self.trays:
                assert tray.process is not None
                if tray.process.poll() is not None:
                    pytest.fail(
                        f"tray {tray.user_id} exited with {tray.process.returncode}:\n"
                        f"{self.desktop.output(tray.process, 'stderr')[-2000:]}"
                    )
            self.sample()
            time.sleep(min(1.0, max(0.0, end_s - elapsed)))
        self.sample()

    def tally(self) -> None:
        """The trays' requests per window (from the request log), first status per tray."""
        for request in self.sim.requests:
            user = _user(request)
            if user is None:
                continue
            self.methods[request.rest_method] += 1
            at = _seconds(request.received_at, self.began)
            if at >= WARM_UP_S:
                self.per_tray_after_warm_up[user] += 1
            index = int(at // WINDOW_S)
            if 0 <= index < len(self.windows):
                window = self.windows[index]
                window.trays = window.trays.add(request.answered_status != 503)
            tray = self.trays[user - 1]
            if (
                tray.first_status_s is None
                and request.rest_method in POLLS
                and request.answered_status == 200
                and tray.launched_at is not None
            ):
                tray.first_status_s = _seconds(request.received_at, tray.launched_at)

    def click(self, tray: Tray) -> Click:
        """``python -m tray_app pause`` in the tray's own HOME while the tray runs."""
        mark = len(self.sim.requests)
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "tray_app", "pause"],
            env={**self.desktop.env, **tray.env},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        took = time.monotonic() - started
        refused = sum(r.answered_status == 503 for r in self.sim.requests[mark:])
        return Click(tray.user_id, done.returncode, took, refused, done.stderr.strip())

    def after_warm_up(self) -> tuple[Counts, Counts]:
        """The fleet's and the other integration's counts in the measured windows."""
        measured = [w for w in self.windows if w.start_s >= WARM_UP_S]
        fleet = Counts(
            sum(w.trays.admitted for w in measured), sum(w.trays.refused for w in measured)
        )
        other = Counts(
            sum(w.other.admitted for w in measured), sum(w.other.refused for w in measured)
        )
        return fleet, other


@dataclass(frozen=True)
class Click:
    user_id: int
    exit_code: int
    took_s: float
    refused: int
    stderr: str


def _report(run: FleetRun, clicks: list[Click]) -> list[str]:
    lines = ["window   fleet req  refused   other req  refused"]
    lines += [
        f"{w.start_s:4.0f} s   {w.trays.total:9d}  {w.trays.refused_share:7.1%}"
        f"   {w.other.total:9d}  {w.other.refused_share:7.1%}"
        for w in run.windows
    ]
    fleet, other = run.after_warm_up()
    lines.append(
        f"after the warm-up: fleet {fleet.total} requests, refused {fleet.refused_share:.1%}; "
        f"other integration {other.total}, refused {other.refused_share:.1%}"
    )
    lines.append(f"the fleet's requests by method: {dict(run.methods.most_common())}")
    stats = run.sim.rate_stats()
    lines.append(
        "the bucket's own counts, whole run with the clicks: "
        + ", ".join(
            f"{key} {c.admitted} admitted {c.refused} refused" for key, c in stats.keys.items()
        )
        + "; "
        + ", ".join(
            f"{name} {c.admitted} admitted {c.refused} refused" for name, c in stats.loads.items()
        )
    )
    lines.append(
        "requests per tray after the warm-up: "
        + " ".join(f"{t.user_id}:{run.per_tray_after_warm_up[t.user_id]}" for t in run.trays)
    )
    firsts = sorted(t.first_status_s for t in run.trays if t.first_status_s is not None)
    missing = [t.user_id for t in run.trays if t.first_status_s is None]
    if firsts:
        lines.append(
            f"first status: {len(firsts)}/{len(run.trays)}, median "
            f"{firsts[len(firsts) // 2]:.1f} s, max {firsts[-1]:.1f} s; none for users {missing}"
        )
    lines.append(
        "first status per tray (s): "
        + " ".join(
            f"{t.user_id}:{'-' if t.first_status_s is None else f'{t.first_status_s:.0f}'}"
            for t in run.trays
        )
    )
    lines += [
        f"CLI pause, tray {c.user_id}: exit {c.exit_code} in {c.took_s:.2f} s, "
        f"{c.refused} refused on the way ({c.stderr})"
        for c in clicks
    ]
    return lines


def _costs(run: FleetRun, end_s: float) -> str:
    memory = sorted(_rss_mib(pid) for pid in run.pids())
    cpu = sorted(_process_cpu_s(pid) for pid in run.pids())
    icons = len(run.desktop.tray_icons(APP_CLASS))
    return (
        f"trays: {icons} icons in the tray; CPU to launch all {run.launch_cpu_s:.1f} s; after "
        f"{end_s:.0f} s CPU per tray median {cpu[len(cpu) // 2]:.2f} s, max {cpu[-1]:.2f} s; "
        f"RSS per tray median {memory[len(memory) // 2]:.0f} MiB, total {sum(memory):.0f} MiB"
    )


@pytest.mark.xfail(
    reason="the real polling policy does not reach < 1 % refused within a few minutes "
    "(figures in the docstring); left for the main session to decide",
    strict=True,
)
@pytest.mark.parametrize("tray_host", ["icewm"])
def test_thirty_trays_standing_for_a_thousand(
    keyring_desktop: Desktop, portal: Portal, tmp_path: Path
) -> None:
    desktop, sim = keyring_desktop, portal.sim
    trays = [
        Tray(user_id=i, env=_tray_env(tmp_path / f"tray{i:02d}", portal))
        for i in range(1, TRAYS + 1)
    ]
    _sign_in(desktop, portal, trays)
    bucket = sim.rate_limiter
    end_s = WARM_UP_S + MEASURE_S
    print(
        f"\nfleet: {TRAYS} real trays standing for {STANDS_FOR}: bucket drains "
        f"{bucket.drain:g}/s, refuses at {bucket.threshold:g}; other integration "
        f"{OTHER_LOAD:g} req/s; start within {START_WINDOW_S:.0f} s, warm-up "
        f"{WARM_UP_S:.0f} s, measured {end_s - WARM_UP_S:.0f} s"
    )
    sim.clear_requests()
    bucket.reset()
    run = FleetRun(desktop, portal, trays)
    run.launch_staggered()
    run.run_until(end_s)
    costs = _costs(run, end_s)
    run.tally()
    clicks = [run.click(trays[index]) for index in CLICKS]
    for line in [*_report(run, clicks), costs]:
        print(line)

    fleet, other = run.after_warm_up()
    missing = [t.user_id for t in trays if t.first_status_s is None]
    assert not missing, f"no first status for the trays of users {missing}"
    assert fleet.total > 0
    assert fleet.refused_share < REFUSED_LIMIT, f"fleet refused {fleet}"
    assert other.refused_share < REFUSED_LIMIT, f"other integration refused {other}"
    for click in clicks:
        assert click.exit_code == 0, f"the CLI click failed: {click}"
        assert click.took_s < CLICK_LIMIT_S, f"the CLI click was slow: {click}"
