"""The driver of the kept clicks, for any sequence of clicks, outages, lost answers, restarts
and changes elsewhere, against the simulator over real HTTPS (issue 12).

The network is a transport between the real client and the simulator: it refuses connections
while "offline", and can lose the answer of the next write after the portal ran it (cutting
the network right after, so the client's own status read fails too). Whatever happens:

- the portal runs each kept click's write at most once; a click settled as done had its write
  run exactly once (sent, or found done by the status after a lost answer);
- no write runs after the day changed elsewhere since the day the click was kept on;
- once the portal answers for good, every kept click is settled or shown to the person (the
  round stops at it with a reason), never left silently; one whose write ran is settled (its
  lost answer found done by the status) unless the day changed elsewhere after it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from tests.examples import examples
from tray_app.api import RetryPolicy, TimemanClient, TransportOptions, Webhook
from tray_app.api.transport import ssl_context
from tray_app.core.kept_clicks import (
    KeptAction,
    KeptClick,
    Steady,
    mark_of,
    projected_state,
    same_day,
)
from tray_app.core.workday import DayState, Workday, parse_workday
from tray_app.demo import PortalSimulator, RestError, SimClock, SimUser
from tray_app.history.kept_store import KeptStore
from tray_app.services.kept_sending import KeptSender

SECRET = "pr0p3rtyS3cr3tK3y"
MSK = timezone(timedelta(hours=3))
MORNING = datetime(2026, 11, 20, 8, 0, tzinfo=MSK)
WRITES = ("timeman.open", "timeman.pause", "timeman.close")
MENU = {
    None: [KeptAction.OPEN],
    DayState.CLOSED: [KeptAction.OPEN],
    DayState.OPENED: [KeptAction.PAUSE, KeptAction.CLOSE],
    DayState.PAUSED: [KeptAction.RESUME, KeptAction.CLOSE],
    DayState.EXPIRED: [KeptAction.CLOSE],
}
QUICK = RetryPolicy(attempts=2, base=0.001, cap=0.002, budget=1)


class Network(httpx.BaseTransport):
    """The line between the client and the simulator."""

    def __init__(self, sim: PortalSimulator) -> None:
        assert sim.ca_file is not None
        self.inner = httpx.HTTPTransport(verify=ssl_context(str(sim.ca_file)))
        self.offline = False
        self.lose_next_write = False
        self.lost = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.offline:
            raise httpx.ConnectError("no route to host")
        response = self.inner.handle_request(request)
        if self.lose_next_write and request.url.path.rsplit("/", 1)[-1] in WRITES:
            response.read()
            response.close()
            self.lose_next_write = False
            self.lost += 1
            self.offline = True  # the train enters the tunnel right after
            raise httpx.ReadError("the connection broke off")
        return response

    def close(self) -> None:
        self.inner.close()


class Machine:
    def __init__(self, sim: PortalSimulator) -> None:
        self.sim = sim

    def now(self) -> datetime:
        return self.sim.clock.now().astimezone(MSK)

    def steady(self) -> Steady:
        return Steady("boot", self.sim.clock.timestamp())


@dataclass
class World:
    """One example: the portal, the line, the app (remade on a restart) and the bookkeeping."""

    sim: PortalSimulator
    path: Path
    network: Network
    client: TimemanClient = field(init=False)
    store: KeptStore = field(init=False)
    sender: KeptSender = field(init=False)
    epoch: int = 0
    """How many changes elsewhere moved the portal's day."""
    last_known: Workday | None = None
    known_epoch: int = 0
    chain_epoch: dict[str, int] = field(default_factory=dict)
    """The epoch of the day each click was kept on (a click behind others: theirs)."""
    ran: Counter[str] = field(default_factory=Counter)
    ran_epoch: dict[str, int] = field(default_factory=dict)
    """The epoch each click's write ran in."""
    clicks: dict[str, KeptClick] = field(default_factory=dict)
    seen_requests: int = 0
    accepted: str | None = None

    def __post_init__(self) -> None:
        self.start_app()

    def step(self, kind: str, value: int) -> None:
        network = self.network
        if kind == "click":
            self.click(value)
        elif kind == "elsewhere":
            self.elsewhere(ELSEWHERE[value % 3])
        elif kind == "tick":
            self.tick(value + 1)
        elif kind in ("offline", "online"):
            network.offline = kind == "offline"
        elif kind == "lose":  # the line is up, but the next write's answer will not come
            network.offline, network.lose_next_write = False, True
        elif kind == "restart":
            self.stop_app()
            self.start_app()
        elif kind == "read":
            self.read()
        else:
            self.send(accept=kind == "accept")

    def start_app(self) -> None:
        webhook = Webhook.parse(self.sim.webhook_url())
        options = TransportOptions(ca_file=str(self.sim.ca_file))
        self.client = TimemanClient(webhook, options=options, transport=self.network, policy=QUICK)
        self.store = KeptStore.open(self.path, account="portal/1")
        self.sender = KeptSender(self.client, self.store, clock=Machine(self.sim))

    def stop_app(self) -> None:
        self.store.close()  # the client's line is the network's; it outlives the app

    def portal_day(self) -> Workday:
        return parse_workday(self.sim.status(1))

    def tick(self, minutes: int) -> None:
        self.sim.clock.advance(timedelta(minutes=minutes))

    def click(self, choice: int) -> None:
        """One of the actions the menu offers after the kept clicks (the day last read)."""
        self.tick(1)  # clicks at distinct minutes: each write's TIME names its click
        known = None if self.last_known is None else self.last_known.state
        offered = MENU[projected_state(known, self.store.pending())]
        action = offered[choice % len(offered)]
        queue = self.store.pending()
        click = self.sender.keep(action, last_known=self.last_known)
        self.clicks[click.click_id] = click
        if queue:
            self.chain_epoch[click.click_id] = self.chain_epoch[queue[0].click_id]
        else:
            self.chain_epoch[click.click_id] = self.known_epoch

    def elsewhere(self, action: str) -> None:
        self.tick(1)
        before = self.portal_day()
        try:
            self.sim.act(1, action)  # type: ignore[arg-type]
        except RestError:
            return
        if not same_day(mark_of(before), self.portal_day()):
            self.epoch += 1

    def send(self, *, accept: bool = False) -> None:
        """A round of sending; ``accept``: the person chose "Pause now" (or the like) for the
        first kept click, or "Send now" after a refusal."""
        queue = self.store.pending()
        self.accepted = queue[0].click_id if accept and queue else None
        done = self.sender.send_pending(accept=self.accepted)
        self.check_writes()
        if done.day is not None:
            self.last_known, self.known_epoch = done.day, self.epoch

    def read(self) -> None:
        if not self.network.offline:
            self.last_known, self.known_epoch = self.portal_day(), self.epoch

    def check_writes(self) -> None:
        requests = self.sim.requests
        for request in requests[self.seen_requests :]:
            if request.rest_method not in WRITES or request.answered_status != 200:
                continue
            click = self.click_of(request.params)
            self.ran[click.click_id] += 1
            self.ran_epoch[click.click_id] = self.epoch
            assert self.ran[click.click_id] == 1, f"{click.action} sent twice"
            assert self.epoch == self.chain_epoch[click.click_id], (
                f"{click.action} sent after the day changed elsewhere"
            )
        self.seen_requests = len(requests)

    def click_of(self, params: dict[str, object]) -> KeptClick:
        if "TIME" not in params:
            assert self.accepted is not None, "nothing is sent at the portal's now unasked"
            return self.clicks[self.accepted]
        moment = datetime.fromisoformat(str(params["TIME"]))
        (click,) = [c for c in self.clicks.values() if c.clicked_at == moment]
        return click


Step = tuple[str, int]
KINDS = [
    *["click"] * 4,
    *["send"] * 3,
    *["offline", "online"] * 2,
    *["lose"] * 2,
    *["elsewhere", "tick", "restart", "read", "accept"],
]
STEPS = st.tuples(st.sampled_from(KINDS), st.integers(0, 240))
ELSEWHERE = ["open", "pause", "close"]


@pytest.fixture
def sim() -> Iterator[PortalSimulator]:
    user = SimUser(user_id=1, secret=SECRET, schedule="FIXED")
    with PortalSimulator(clock=SimClock(start=MORNING), rate_limit=False, users=[user]) as made:
        yield made


@examples(60)
@example(start="none", steps=[("click", 0), ("lose", 0), ("send", 0)])  # a lost start
@example(start="OPENED", steps=[("click", 1), ("lose", 0), ("send", 0), ("restart", 0)])
@example(start="OPENED", steps=[("click", 0), ("lose", 0), ("accept", 0)])  # a lost pause
@given(
    start=st.sampled_from(["none", "OPENED", "PAUSED", "CLOSED"]),
    steps=st.lists(STEPS, max_size=14),
)
def test_every_click_is_sent_once_or_shown_never_over_a_change(
    sim: PortalSimulator, tmp_path_factory: pytest.TempPathFactory, start: str, steps: list[Step]
) -> None:
    sim.clock.set(MORNING)
    sim.clear_days(1)
    sim.clear_requests()
    if start != "none":
        sim.seed_day(1, start, start=MORNING - timedelta(hours=1))  # type: ignore[arg-type]
    network = Network(sim)
    world = World(sim, tmp_path_factory.mktemp("kept") / "kept.sqlite3", network)
    try:
        world.read()
        for kind, value in steps:
            world.step(kind, value)
        network.offline, network.lose_next_write = False, False
        world.tick(3)  # past the grace of a write whose answer was lost
        final = world.sender.send_pending()
        world.check_writes()
        assert final.unreachable is None
        assert final.finished or final.stopped is not None, "kept clicks left without a word"
        if final.stopped is not None:
            assert final.stopped.click.click_id == final.left[0].click_id
        settled = {click_id for click_id, state in world.store.ended() if state == "settled"}
        for click_id in settled:
            assert world.ran[click_id] == 1, "settled without its write having run once"
        for click_id, epoch in world.ran_epoch.items():
            if epoch == world.epoch:  # nothing changed elsewhere since: it is known done
                assert click_id in settled, "a write that ran (its answer lost) is not settled"
        event(f"settled {len(settled)}")
        event(f"stopped at {type(final.stopped).__name__}")
        event(f"answers lost: {network.lost}")
    finally:
        world.stop_app()
        world.client.shutdown()
