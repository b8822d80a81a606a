"""A whole office on one portal, for real (issue 11, item 9): 30 real ``python -m tray_app``
processes, each with its own HOME and XDG folders, on one Xvfb desktop with a tray host (icewm)
and a real Secret Service, against ONE simulator over HTTPS whose rate bucket is scaled so that
the 30 stand for 1 000 (drain 2/s x 0.03 = 0.06/s, threshold 50 x 0.03 = 1.5, kept a float:
:func:`tray_app.demo.limits.scaled_plan`), with the company's other integration drawing 0.5
requests/s x 0.03 from the same source-IP bucket (Poisson, seeded). It runs in CI by default,
in the background beside the rest of the suite (scripts/test).

The trays start one after the other within a minute, each signed in already (settings file and
keyring entry written before it starts, so no login traffic) with an open day on the portal,
told by an administrator's policy (``policy.json`` in their XDG_CONFIG_DIRS: ``fleet_size``
1000 on the standard plan) the fleet's interval (1000 s) and start window (1000 / (0.8 x 2/s) =
625 s). The test waits until every tray has its first status, then clicks ``pause`` from three
trays' CLIs, and asserts:

* every tray gets a first status (the first read of its user the portal answered with 200);
* the fleet's share of refused requests is no worse than benchmarks/fleet_model.py gives for
  exactly this scenario (30 trays launched evenly over a minute, the scaled bucket, the other
  integration, the same length of time), over :data:`MODEL_SEEDS` seeds: at most their worst;
* a CLI ``pause`` exits 0 and the portal runs it within 2 s of the bucket taking requests (at
  once when the bucket is not full; the moments the bucket was full are sampled while the CLI
  runs, so the check does not depend on how fast a loaded machine starts Python);
* each tray's reads keep to the policy (one at a time before the first status, none sooner than
  the interval after it), and the first reads spread over the window.

Why not "< 1 % refused after warm-up", as the issue says: no policy meets it at a burst scaled
to 1.5, by the statistics of small numbers. The bucket then takes a second request only about
8 s after another, so even a load far below the drain collides often: in the model, steady
state, 30 trays standing for 1000 at the same load per drain as the 1 000 trays (0.75 of it)
are refused 9.9 % (median of 20 seeds; the other integration 11 %), where the 1 000 trays with
the full bucket are refused 0.03 %; in this test's window (the start) 41 % (median of 200
seeds, p99 63 %), the 1 000 trays 3.6 %. The refusals depend on the burst counted in requests,
not on the time the bucket takes to drain: with the drain scaled but the burst 10 steady state
is refused 0.0 % (median), with 15 the start too (200 seeds: all 0 %). A burst of 15 or more
would be the honest stand-in for the steady state, but it no longer makes the 30 trays' start a
crowd; so the test keeps the scaled bucket, the one that tests the start, and compares with the
model of the same.

It prints what it measured (``pytest -s`` shows it, scripts/test keeps it in
artifacts/fleet-test.log): the counts per minute, first status per tray, the CLI clicks, the
model's figures for the same scenario, and what the trays cost. It lasts about as long as the
fleet's first statuses take (the floor any policy has: (30 - 1.5) / (0.06 - 0.015) = 633 s
after the first launch), plus the launch and the clicks: about 12 minutes, most of it waiting
(the trays use ~6 % of a core once launched; 2.6 GB).

Figures (2026-12-07, 2 cores shared with other test runs): 11 min 58 s in all; every tray a
first status, the first after 1.6 s, median 363 s, the last 644 s after its launch (664 s
after the first: the floor is 633 s); 41 requests from the fleet, one ``batch`` each, 26.8 %
refused (the model of the same 665 s, 400 seeds: median 41.2 %, p99 63.6 %, worst 67.9 %), the
other integration 4 of 11; CLI ``pause`` exit 0 in 0.26 / 0.30 s, once 4.5 s after finding the
bucket full (5 refused tries; ran 1.3 s after the bucket took requests); 6.4 s of CPU to
launch the 30, 0.46 s each in 11 min, 93 MiB RSS each.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

import pytest

from benchmarks.fleet_model import DayReport, Fleet, simulate
from tests.e2e.desktop import Desktop
from tests.e2e.tray_driver import APP_CLASS, POLLS, Portal
from tray_app.config.policy import DRAIN_PER_S, derived_interval_s
from tray_app.config.settings import Settings
from tray_app.config.settings_file import save_settings
from tray_app.core.backoff import REFUSED_WRITE_BACKOFF
from tray_app.core.fleet_start import fleet_start_window
from tray_app.demo import RecordedRequest, SimClock, SimUser
from tray_app.demo.limits import Counts

pytestmark = [pytest.mark.e2e, pytest.mark.keyring]

TRAYS: Final = 30
STANDS_FOR: Final = 1000
SCALE: Final = TRAYS / STANDS_FOR
OTHER_LOAD: Final = 0.5 * SCALE
"""The other integration of benchmarks/fleet.py (0.5 requests/s for 1 000 trays), scaled."""
POLICY: Final = {"version": 1, "plan": "standard", "fleet_size": STANDS_FOR}
INTERVAL_S: Final = derived_interval_s(STANDS_FOR, "standard")
"""1000 s: the policy's interval for the fleet (half the 2/s drain)."""
START_WINDOW_S: Final = fleet_start_window(STANDS_FOR, DRAIN_PER_S["standard"])
"""625 s: each tray's first read comes at a random moment of it."""
LAUNCH_WINDOW_S: Final = 60.0
"""The trays are launched one after the other within a minute."""
MODEL_SEEDS: Final = 400
"""Runs of benchmarks/fleet_model.py for this scenario: the worst of them bounds the refused
share (if the trays behave as modelled, one run in 400 is beyond it)."""
MODEL_SLACK_S: Final = 120.0
"""Beyond the model's last first status before the test gives up waiting: the real trays' own
start (Python, Qt, the keyring) on a loaded machine."""
WINDOW_S: Final = 60.0
CLICKS: Final = (0, TRAYS // 3, 2 * TRAYS // 3)
CLICK_SPACING_S: Final = 20.0
"""Between the CLI clicks: a click and the tray's read after it fill the bucket for ~17 s at
this scale; a click finding it full is judged from the moment it empties anyway."""
CLICK_LIMIT_S: Final = 2.0
"""The issue's: a click goes through within 2 s (of the bucket taking requests, at this scale)."""
LATENCY_S: Final = 0.5
"""The retried request's own way from the CLI to the portal on a loaded machine."""
SAMPLE_S: Final = 0.05
"""How often the bucket's level is looked at while a CLI click runs."""
USER_PATH: Final = re.compile(r"^/rest/(?:api/)?(\d+)/")


def _model(minutes: float, seed: int) -> DayReport:
    """This test's scenario in benchmarks/fleet_model.py: the same trays, launches, bucket and
    other integration, for ``minutes``, without clicks (the test clicks after it)."""
    fleet = Fleet(
        trays=TRAYS,
        stands_for=STANDS_FOR,
        start_window=LAUNCH_WINDOW_S,
        even_start=True,
        clicking_share=0.0,
        other_load=OTHER_LOAD / SCALE,
        minutes=minutes,
        seed=seed,
    )
    return simulate(fleet)


def _model_deadline_s() -> float:
    """When the real trays should all have had their first status: the model's latest over
    :data:`MODEL_SEEDS` seeds (after the first launch), plus :data:`MODEL_SLACK_S`."""
    runs = [_model(30.0, seed) for seed in range(1, MODEL_SEEDS + 1)]
    assert all(run.never_answered == 0 for run in runs), "the model answers all in 30 minutes"
    return max(run.last_first_status for run in runs) + MODEL_SLACK_S


def _model_refused(minutes: float) -> list[float]:
    """The fleet's refused share in the model's first ``minutes``, per seed, ascending."""
    return sorted(_model(minutes, seed).whole.refused_share for seed in range(1, MODEL_SEEDS + 1))


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


def _policy_dirs(root: Path) -> Path:
    """The administrator's policy for the whole fleet, where Linux looks (XDG_CONFIG_DIRS)."""
    folder = root / "timeman-tray"
    folder.mkdir(parents=True)
    (folder / "policy.json").write_text(json.dumps(POLICY), encoding="utf-8")
    return root


def _tray_env(root: Path, portal: Portal, policy_dirs: Path) -> dict[str, str]:
    env = {
        "XDG_CONFIG_DIRS": str(policy_dirs),
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
        self.per_tray: dict[int, list[RecordedRequest]] = {t.user_id: [] for t in trays}
        self._seen = 0

    def elapsed(self) -> float:
        return time.monotonic() - self.began_mono

    def window(self, index: int) -> Window:
        """The ``index``-th window of ``WINDOW_S`` from the first launch (made if needed)."""
        while index >= len(self.windows):
            self.windows.append(Window(start_s=len(self.windows) * WINDOW_S))
        return self.windows[index]

    def sample(self) -> None:
        """Close every window that has ended: the other integration's counts in it."""
        while self.elapsed() >= self._next_window:
            stats = self.sim.rate_stats()
            before = self._last.loads.get("other-integration", Counts())
            after = stats.loads.get("other-integration", Counts())
            window = self.window(int(self._next_window // WINDOW_S) - 1)
            window.other = Counts(after.admitted - before.admitted, after.refused - before.refused)
            self._last = stats
            self._next_window += WINDOW_S

    def launch_staggered(self) -> None:
        step = LAUNCH_WINDOW_S / len(self.trays)
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

    def run_until_all_answered(self, deadline_s: float) -> float:
        """Watch until every tray has its first status, at most until ``deadline_s`` after the
        first launch; a tray that exits fails the test. Returns the end."""
        while (elapsed := self.elapsed()) < deadline_s:
            for tray in self.trays:
                assert tray.process is not None
                if tray.process.poll() is not None:
                    pytest.fail(
                        f"tray {tray.user_id} exited with {tray.process.returncode}:\n"
                        f"{self.desktop.output(tray.process, 'stderr')[-2000:]}"
                    )
            self.sample()
            self.tally()
            if all(t.first_status_s is not None for t in self.trays):
                break
            time.sleep(min(1.0, max(0.0, deadline_s - elapsed)))
        self.sample()
        self.tally()
        return self.elapsed()

    def tally(self) -> None:
        """The trays' requests (new in the log) per window and per tray, first status per tray."""
        requests = self.sim.requests
        new, self._seen = requests[self._seen :], len(requests)
        for request in new:
            user = _user(request)
            if user is None or user not in self.per_tray:
                continue
            self.methods[request.rest_method] += 1
            self.per_tray[user].append(request)
            at = _seconds(request.received_at, self.began)
            window = self.window(int(max(0.0, at) // WINDOW_S))
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
        """``python -m tray_app pause`` in the tray's own HOME while the tray runs, the bucket's
        level sampled meanwhile."""
        mark = len(self.sim.requests)
        bucket = self.sim.rate_limiter
        started = time.monotonic()
        cli = subprocess.Popen(
            [sys.executable, "-m", "tray_app", "pause"],
            env={**self.desktop.env, **tray.env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        frees: list[datetime] = []
        """For each sample that found the bucket full: when it would take a request again
        (nothing is admitted while it is full, so it drains undisturbed until then)."""
        while cli.poll() is None and time.monotonic() - started < 120:
            at, level = self.sim.clock.now(), bucket.level("127.0.0.1")
            if level >= bucket.threshold:
                frees.append(at + timedelta(seconds=(level - bucket.threshold) / bucket.drain))
            time.sleep(SAMPLE_S)
        _, stderr = cli.communicate(timeout=10)
        took = time.monotonic() - started
        pauses = [
            r
            for r in self.sim.requests[mark:]
            if r.rest_method == "timeman.pause" and _user(r) == tray.user_id
        ]
        done = next((r.received_at for r in pauses if r.answered_status == 200), None)
        waited = went_after_free = math.inf
        if pauses and done is not None:
            waited = _seconds(done, pauses[0].received_at)
            # When the bucket last began to take requests before the pause ran: from then on
            # the click's retry (REFUSED_WRITE_BACKOFF) must follow within a step.
            free = max((at for at in frees if at <= done), default=pauses[0].received_at)
            went_after_free = _seconds(done, max(free, pauses[0].received_at))
        refused = sum(r.answered_status == 503 for r in pauses)
        return Click(
            tray.user_id,
            cli.returncode,
            took,
            refused,
            waited,
            went_after_free,
            stderr.decode(errors="replace").strip(),
        )

    def politeness(self) -> list[str]:
        """What the policy promises, per tray, from the request log: before the first status
        one read at a time (each try after a refusal), none right behind another; after it no
        read sooner than the fleet's interval allows (no second read after the first, the
        week's records later)."""
        problems: list[str] = []
        for user, requests in self.per_tray.items():
            answered = [i for i, r in enumerate(requests) if r.answered_status != 503]
            if not answered:
                continue
            first = answered[0]
            refused_before = sum(r.answered_status == 503 for r in requests[:first])
            if first != refused_before:
                problems.append(f"tray {user}: {first} requests before its first status")
            for earlier, later in itertools.pairwise(requests[first:]):
                gap = (later.received_at - earlier.received_at).total_seconds()
                if earlier.answered_status != 503 and gap < 0.9 * INTERVAL_S:
                    problems.append(
                        f"tray {user}: {later.rest_method} {gap:.0f} s after an answered "
                        f"{earlier.rest_method}"
                    )
        return problems

    def first_reads_spread(self) -> float:
        """How far apart the trays' first requests are from their launches: the spread of
        (first request - launch) over the trays, in seconds."""
        delays = [
            _seconds(requests[0].received_at, tray.launched_at)
            for tray in self.trays
            if (requests := self.per_tray[tray.user_id]) and tray.launched_at is not None
        ]
        return max(delays) - min(delays) if delays else 0.0

    def counts_from(self, start_s: float) -> tuple[Counts, Counts]:
        """The fleet's and the other integration's counts in the windows from ``start_s``."""
        measured = [w for w in self.windows if w.start_s >= start_s]
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
    """The CLI's wall time, Python's start included."""
    refused: int
    waited_s: float
    """From the pause's first try at the portal to the one it ran."""
    after_free_s: float
    """From the moment the bucket last began to take requests (sampled) to the run; from the
    first try when the bucket was not full then."""
    stderr: str


def _report(run: FleetRun, clicks: list[Click], last_first_s: float) -> list[str]:
    lines = ["window   fleet req  refused   other req  refused"]
    lines += [
        f"{w.start_s:4.0f} s   {w.trays.total:9d}  {w.trays.refused_share:7.1%}"
        f"   {w.other.total:9d}  {w.other.refused_share:7.1%}"
        for w in run.windows
    ]
    whole, other_whole = run.counts_from(0.0)
    after, other_after = run.counts_from(WINDOW_S * (last_first_s // WINDOW_S))
    lines.append(
        f"whole run: fleet {whole.total} requests, refused {whole.refused_share:.1%}; other "
        f"integration {other_whole.total}, refused {other_whole.refused_share:.1%}"
    )
    lines.append(
        f"from the window of the last first status ({last_first_s:.0f} s): fleet {after.total} "
        f"requests, refused {after.refused_share:.1%}; other integration {other_after.total}, "
        f"refused {other_after.refused_share:.1%}"
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
        "requests per tray: "
        + " ".join(f"{user}:{len(requests)}" for user, requests in run.per_tray.items())
    )
    firsts = sorted(t.first_status_s for t in run.trays if t.first_status_s is not None)
    missing = [t.user_id for t in run.trays if t.first_status_s is None]
    if firsts:
        lines.append(
            f"first status: {len(firsts)}/{len(run.trays)}, first {firsts[0]:.1f} s, median "
            f"{firsts[len(firsts) // 2]:.1f} s, max {firsts[-1]:.1f} s; none for users {missing}"
        )
    lines.append(f"first requests spread over {run.first_reads_spread():.0f} s after the launches")
    lines.append(
        "first status per tray (s): "
        + " ".join(
            f"{t.user_id}:{'-' if t.first_status_s is None else f'{t.first_status_s:.0f}'}"
            for t in run.trays
        )
    )
    lines += [
        f"CLI pause, tray {c.user_id}: exit {c.exit_code} in {c.took_s:.2f} s; at the portal "
        f"{c.refused} refused, ran {c.waited_s:.2f} s after its first try, "
        f"{c.after_free_s:.2f} s after the bucket took requests ({c.stderr})"
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


@pytest.mark.parametrize("tray_host", ["icewm"])
def test_thirty_trays_standing_for_a_thousand(
    keyring_desktop: Desktop, portal: Portal, tmp_path: Path
) -> None:
    desktop, sim = keyring_desktop, portal.sim
    policy_dirs = _policy_dirs(tmp_path / "policy")
    trays = [
        Tray(user_id=i, env=_tray_env(tmp_path / f"tray{i:02d}", portal, policy_dirs))
        for i in range(1, TRAYS + 1)
    ]
    _sign_in(desktop, portal, trays)
    bucket = sim.rate_limiter
    print(
        f"\nfleet: {TRAYS} real trays standing for {STANDS_FOR}: bucket drains "
        f"{bucket.drain:g}/s, refuses at {bucket.threshold:g}; other integration "
        f"{OTHER_LOAD:g} req/s; launched within {LAUNCH_WINDOW_S:.0f} s; policy {POLICY}: "
        f"interval {INTERVAL_S} s, start window {START_WINDOW_S:.0f} s"
    )
    deadline_s = _model_deadline_s()
    sim.clear_requests()
    bucket.reset()
    run = FleetRun(desktop, portal, trays)
    run.launch_staggered()
    end_s = run.run_until_all_answered(deadline_s)
    costs = _costs(run, end_s)
    last_first_s = max(
        (_seconds(t.launched_at, run.began) + (t.first_status_s or 0.0))
        for t in trays
        if t.launched_at is not None
    )
    problems = run.politeness()
    clicks: list[Click] = []
    for number, index in enumerate(CLICKS):
        if number:
            time.sleep(CLICK_SPACING_S)
        clicks.append(run.click(trays[index]))
    fleet, _ = run.counts_from(0.0)
    model = _model_refused(end_s / 60)
    for line in [*_report(run, clicks, last_first_s), costs]:
        print(line)
    print(
        f"the model of the same {end_s:.0f} s, {MODEL_SEEDS} seeds: refused median "
        f"{model[len(model) // 2]:.1%}, p99 {model[len(model) * 99 // 100]:.1%}, worst "
        f"{model[-1]:.1%}; the last first status at most {deadline_s - MODEL_SLACK_S:.0f} s "
        f"after the first launch (here {last_first_s:.0f} s)"
    )

    assert REFUSED_WRITE_BACKOFF.cap <= CLICK_LIMIT_S, "a refused click's retry step"
    missing = [t.user_id for t in trays if t.first_status_s is None]
    assert not missing, f"no first status for the trays of users {missing} in {end_s:.0f} s"
    # One request's slack: the model's shares are of counts as small as these.
    assert (fleet.refused - 1) / max(1, fleet.total) <= model[-1], (
        f"refused {fleet.refused} of {fleet.total}: worse than the model's worst {model[-1]:.1%}"
    )
    assert run.first_reads_spread() > START_WINDOW_S / 2, "the first reads were not spread"
    assert not problems, "reads the policy does not allow:\n" + "\n".join(problems)
    for click in clicks:
        assert click.exit_code == 0, f"the CLI click failed: {click}"
        assert click.after_free_s < CLICK_LIMIT_S + LATENCY_S, f"the CLI click was slow: {click}"
