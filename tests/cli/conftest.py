"""A signed-in CLI against the simulator over HTTPS, run in-process with a memory keyring."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

import pytest

from tray_app.api import RetryPolicy, TimemanClient
from tray_app.cli.commands import run
from tray_app.cli.environment import Environment
from tray_app.config.secrets import MemorySecretStore
from tray_app.demo import PortalSimulator, RecordedRequest, SimClock, SimUser
from tray_app.services.account import Account
from tray_app.startup.arguments import build_parser

SECRET = "k7dmwq2x9p4tz1ab"
# Friday 2026-11-20 12:30 in Moscow (UTC+3), the user's profile zone.
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
WRITES = ("timeman.open", "timeman.pause", "timeman.close")


@dataclass
class Result:
    code: int
    out: str
    err: str


class Cli:
    """Runs ``timeman-tray`` commands in this process against ``sim``."""

    def __init__(self, sim: PortalSimulator, store: MemorySecretStore) -> None:
        self.sim = sim
        self.store = store
        self.client_factory = self.fast_client
        self.tray_nudges = 0
        self.environment: dict[str, Any] = {}
        """More fields of the CLI's Environment (the kept clicks' clock, say)."""

    def fast_client(self, account: Account) -> TimemanClient:
        """The real client with quick retries, so back-off does not slow the tests."""
        policy = RetryPolicy(attempts=3, base=0.01, cap=0.05, budget=5)
        return TimemanClient(
            account.webhook, options=account.options, policy=policy, may_move_to=account.may_move_to
        )

    def _nudge(self) -> None:
        self.tray_nudges += 1

    def _client_for(self, account: Account) -> TimemanClient:
        # Looked up per call: a test may swap client_factory after signing in.
        return self.client_factory(account)

    def __call__(self, *argv: str, stdin: str | bytes = "") -> Result:
        """Parse ``argv`` as ``timeman-tray`` does and run it; argparse's own exit (usage
        errors, ``--help``) becomes the result too. Bytes on stdin are decoded as the real
        ``sys.stdin`` decodes them: strictly, as UTF-8."""
        out, err = io.StringIO(), io.StringIO()
        self.last_stdin: TextIO = (
            io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
            if isinstance(stdin, bytes)
            else io.StringIO(stdin)
        )
        env = Environment(
            store_factory=lambda: self.store,
            client_factory=self._client_for,
            stdin=self.last_stdin,
            stdout=out,
            stderr=err,
            notify_tray=self._nudge,
            **self.environment,
        )
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                args = build_parser().parse_args(list(argv))
        except SystemExit as exit_:  # argparse exits with an int
            return Result(int(exit_.code or 0), out.getvalue(), err.getvalue())
        code = run(args, env)
        return Result(code, out.getvalue(), err.getvalue())

    def login(self, url: str | None = None) -> Result:
        assert self.sim.ca_file is not None
        return self("login", "--ca-file", str(self.sim.ca_file), stdin=(url or self.url) + "\n")

    @property
    def url(self) -> str:
        return self.sim.webhook_url(1)

    def writes(self) -> list[RecordedRequest]:
        return [request for request in self.sim.requests if request.rest_method in WRITES]


@pytest.fixture
def clock() -> SimClock:
    return SimClock(start=NOW)


@pytest.fixture
def sim(clock: SimClock) -> Iterator[PortalSimulator]:
    with PortalSimulator(clock=clock) as simulator:
        simulator.add_user(SimUser(user_id=1, secret=SECRET, schedule="FIXED"))
        yield simulator


@pytest.fixture
def cli(sim: PortalSimulator) -> Cli:
    return Cli(sim, MemorySecretStore())


@pytest.fixture
def signed_in(cli: Cli) -> Cli:
    result = cli.login()
    assert result.code == 0, result.err
    cli.sim.clear_requests()
    return cli
