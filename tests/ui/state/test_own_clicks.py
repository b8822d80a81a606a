"""Own clicks first: an action never waits behind a background read, a click refused by the
busy portal is sent again within seconds (a refused request was not run), a lost answer is
checked by reading the day (never re-sent), and the view says meanwhile what it waits for.
Plus reading less while the person is away or the screen locked.

A real worker (two lanes) with a fake client whose reads can be held while its writes go on.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.fakes import HOLD_TIMEOUT_S, FakeClient, FakeClock, FakeFactory, FakeTimers, workday
from tests.ui.state.controller_rig import Rig, action_timer
from tray_app.api.errors import RateLimitedError, UnavailableError
from tray_app.api.models import DayReading, WriteOutcome
from tray_app.core.actions import Action
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.read_pacing import Presence
from tray_app.core.workday import DayState, Workday
from tray_app.ui.shared.viewstate import Waiting, WaitReason
from tray_app.ui.state.controller import DayController
from tray_app.ui.state.worker import JobKind, PortalWorker
from tray_app.ui.text.messages import waiting_line

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING")]


class HeldReads(FakeClient):
    """Reads wait for :attr:`reads_open` once :meth:`hold_reads` was called; writes never."""

    def __init__(self, day: Workday, *, clock: FakeClock) -> None:
        super().__init__(day, clock=clock)
        self.reads_open: threading.Event | None = None
        self.read_waiting = threading.Event()

    def hold_reads(self) -> threading.Event:
        self.reads_open = threading.Event()
        return self.reads_open

    def _hold(self) -> None:
        gate = self.reads_open
        if gate is not None:
            self.read_waiting.set()
            if not gate.wait(HOLD_TIMEOUT_S):
                raise AssertionError("the test never let the read go")

    def status(self) -> DayReading:
        self._hold()
        return super().status()

    def status_and_settings(self) -> tuple[DayReading, PortalSettings]:
        self._hold()
        return super().status_and_settings()

    def perform(
        self,
        action: Action,
        *,
        time: datetime | None = None,
        reason: str | None = None,
        with_report: bool = True,
    ) -> WriteOutcome:
        return super().perform(action, time=time, reason=reason, with_report=with_report)


def busy(code: str = "QUERY_LIMIT_EXCEEDED", retry_at: float | None = None) -> RateLimitedError:
    return RateLimitedError(
        "The portal is busy (too many requests); try again shortly.",
        code=code,
        http_status=503,
        retry_at=retry_at,
    )


@pytest.fixture
def clicks(qtbot: QtBot) -> Iterator[Rig]:
    clock = FakeClock()
    client = HeldReads(workday(DayState.OPENED), clock=clock)
    timers = FakeTimers()
    factory = FakeFactory(client)
    controller = DayController(factory, clock=clock, rng=random.Random(3), timer_factory=timers)
    rig = Rig.recording(controller, client, factory, clock, timers, qtbot)
    yield rig
    if client.reads_open is not None:
        client.reads_open.set()
    controller.stop()
    assert not controller.worker.thread_handle.isRunning()
    assert not controller.worker.action_thread_handle.isRunning()


def held(rig: Rig) -> HeldReads:
    assert isinstance(rig.client, HeldReads)
    return rig.client


# -- own clicks first ----------------------------------------------------------------------------


def test_a_click_goes_through_while_a_read_hangs(clicks: Rig) -> None:
    clicks.start()
    reads = held(clicks).hold_reads()
    assert clicks.controller.refresh()
    clicks.wait(held(clicks).read_waiting.is_set)  # the read hangs on the read lane
    assert clicks.controller.request(Action.PAUSE)
    clicks.wait(lambda: bool(clicks.done))  # answered while the read still hangs
    assert not reads.is_set()
    assert clicks.view.day_state is DayState.PAUSED
    assert clicks.view.actions == (Action.RESUME, Action.CLOSE)
    perform = next(call for call in clicks.client.calls if call.method == "perform")
    status = [call for call in clicks.client.calls if call.method.startswith("status")]
    assert perform.thread != status[-1].thread, "on its own lane"
    reads.set()
    clicks.wait(lambda: clicks.controller.idle)
    assert clicks.view.day_state is DayState.PAUSED, "the older read does not paint over it"


def test_a_read_still_queued_when_a_click_comes_is_dropped(qtbot: QtBot) -> None:
    clock = FakeClock()
    client = HeldReads(workday(DayState.OPENED), clock=clock)
    worker = PortalWorker(FakeFactory(client))
    results: list[int] = []
    worker.resultReady.connect(lambda result: results.append(result.job.seq))
    worker.start()
    try:
        reads = client.hold_reads()
        first = worker.submit(JobKind.STATUS)
        qtbot.waitUntil(client.read_waiting.is_set, timeout=3000)
        queued = worker.submit(JobKind.STATUS)
        worker.supersede(queued.seq)
        action = worker.submit(JobKind.ACTION, action=Action.PAUSE)
        qtbot.waitUntil(lambda: action.seq in results, timeout=3000)
        reads.set()
        qtbot.waitUntil(lambda: first.seq in results, timeout=3000)
        qtbot.wait(50)
        assert queued.seq not in results
        assert sorted(client.methods()) == ["perform", "status"], "the queued read never ran"
    finally:
        worker.stop()


def test_a_click_refused_for_the_rate_limit_is_sent_again_within_seconds(clicks: Rig) -> None:
    clicks.start()
    clicks.client.fail(busy())
    assert clicks.controller.request(Action.CLOSE)
    clicks.wait(lambda: clicks.view.waiting is not None)
    waiting = clicks.view.waiting
    assert waiting is not None
    assert (waiting.action, waiting.reason) == (Action.CLOSE, WaitReason.BUSY)
    assert action_timer(clicks).interval_ms <= 1000, "promptly: a refused request was not run"
    assert waiting_line(waiting) == (
        f"Closing… waiting for the portal, busy: trying again in {waiting.retry_in} s"
    )
    assert clicks.view.busy
    assert not clicks.view.actions, "no second click meanwhile"
    assert not clicks.controller.request(Action.CLOSE)
    assert not clicks.controller.refresh(), "no read meanwhile: the action's answer brings it"
    assert not clicks.timers.poll.active
    clicks.clock.advance(1)
    action_timer(clicks).fire()
    clicks.wait(lambda: bool(clicks.done))
    assert clicks.client.methods().count("perform") == 2
    assert clicks.view.day_state is DayState.CLOSED
    assert clicks.view.waiting is None
    assert clicks.failed == []
    assert clicks.timers.poll.active, "the follow-up read after the action"


def test_the_countdown_ticks_in_the_view(clicks: Rig) -> None:
    clicks.start()
    clicks.client.fail(busy(), busy(), busy())
    assert clicks.controller.request(Action.PAUSE)
    clicks.wait(lambda: clicks.view.waiting is not None)
    clicks.clock.advance(1)
    action_timer(clicks).fire()
    clicks.wait(lambda: clicks.controller.idle and action_timer(clicks).active)
    clicks.clock.advance(2)
    action_timer(clicks).fire()
    clicks.wait(lambda: clicks.controller.idle and action_timer(clicks).active)
    seconds = -(-action_timer(clicks).interval_ms // 1000)
    assert clicks.view.waiting == Waiting(Action.PAUSE, WaitReason.BUSY, seconds)
    assert seconds >= 2
    assert clicks.timers.tick.interval_ms == 1000, "a countdown ticks every second"
    clicks.pass_time(1)
    assert clicks.view.waiting == Waiting(Action.PAUSE, WaitReason.BUSY, seconds - 1)


def test_a_refusal_without_the_rate_limit_waits_as_unreachable(clicks: Rig) -> None:
    clicks.start()
    clicks.client.fail(UnavailableError("Cannot connect to the portal: refused.", sent=False))
    assert clicks.controller.request(Action.PAUSE)
    clicks.wait(lambda: clicks.view.waiting is not None)
    waiting = clicks.view.waiting
    assert waiting is not None
    assert waiting.reason is WaitReason.UNREACHABLE
    action_timer(clicks).fire()
    clicks.wait(lambda: bool(clicks.done))
    assert clicks.view.day_state is DayState.PAUSED


def test_the_network_coming_back_sends_a_waiting_click_at_once(clicks: Rig) -> None:
    clicks.start()
    clicks.client.fail(UnavailableError("Cannot connect to the portal: refused.", sent=False))
    assert clicks.controller.request(Action.PAUSE)
    clicks.wait(lambda: clicks.view.waiting is not None)
    assert clicks.controller.on_network_up()
    clicks.wait(lambda: bool(clicks.done))
    assert not action_timer(clicks).active
    assert clicks.client.methods().count("perform") == 2


def test_a_click_refused_all_along_gives_up_within_the_bounded_wait(clicks: Rig) -> None:
    clicks.start()
    clicks.client.fail(*[busy() for _ in range(30)])
    started = clicks.clock()
    assert clicks.controller.request(Action.CLOSE)
    while not clicks.failed:
        clicks.wait(lambda: clicks.controller.idle)
        if clicks.failed:
            break
        clicks.clock.advance(action_timer(clicks).interval_ms / 1000)
        action_timer(clicks).fire()
    assert clicks.clock() - started <= 60.0
    sends = clicks.client.methods().count("perform")
    assert 4 <= sends <= 10, "a few prompt tries, not a hammering"
    assert clicks.failed[0][0] is Action.CLOSE
    assert clicks.view.waiting is None
    assert clicks.view.day_state is DayState.OPENED
    assert clicks.view.actions == (Action.PAUSE, Action.CLOSE), "not run: may be tried again"
    assert clicks.timers.poll.active, "background reads go on"


def test_a_reset_time_beyond_the_bounded_wait_gives_up_at_once(clicks: Rig) -> None:
    clicks.start()
    clicks.client.fail(busy("OPERATION_TIME_LIMIT", retry_at=clicks.clock() + 600))
    assert clicks.controller.request(Action.CLOSE)
    clicks.wait(lambda: bool(clicks.failed))
    assert clicks.client.methods().count("perform") == 1
    assert not action_timer(clicks).active


# -- reading less -------------------------------------------------------------------------------


def test_locked_reads_ten_times_less_and_the_unlock_reads_once_soon(clicks: Rig) -> None:
    clicks.start()
    interval = 60_000
    clicks.controller.set_presence(Presence.LOCKED)
    clicks.poll()
    assert clicks.timers.poll.interval_ms >= 9 * interval, "ten times less while locked (± jitter)"
    clicks.clock.advance(300)  # the day shown is five minutes old
    assert clicks.controller.set_presence(Presence.HERE)
    assert clicks.timers.poll.interval_ms <= 20_000, "within the wake spread"
    clicks.poll()
    assert clicks.timers.poll.interval_ms <= 1.1 * interval, "back to the normal beat"


def test_away_reads_three_times_less(clicks: Rig) -> None:
    clicks.start()
    clicks.controller.set_presence(Presence.AWAY)
    clicks.poll()
    assert 2.7 * 60_000 <= clicks.timers.poll.interval_ms <= 3.3 * 60_000
    assert clicks.controller.presence is Presence.AWAY


def test_back_at_a_fresh_day_reads_when_it_turns_old(clicks: Rig) -> None:
    clicks.start()
    clicks.controller.set_presence(Presence.LOCKED)
    clicks.poll()  # the next read ten minutes away
    clicks.clock.advance(20)
    assert clicks.controller.set_presence(Presence.HERE)
    assert clicks.timers.poll.interval_ms == 100_000, "at two minutes old, not at once"
    assert clicks.client.methods() == ["status_and_settings", "status"]


class Tunable(FakeClient):
    """Records the retry policy it is told (the real client's ``set_retry_policy``)."""

    def __init__(self, day: Workday, *, clock: FakeClock) -> None:
        super().__init__(day, clock=clock)
        self.policies: list[tuple[int, object]] = []

    def set_retry_policy(self, policy: object) -> None:
        self.policies.append((threading.get_ident(), policy))


def test_the_action_lane_tries_each_request_once_the_read_lane_as_configured(
    qtbot: QtBot,
) -> None:
    from tray_app.api.retry import NO_RETRY  # noqa: PLC0415

    clock = FakeClock()
    clients: list[Tunable] = []

    def factory() -> Tunable:
        client = Tunable(workday(DayState.OPENED), clock=clock)
        clients.append(client)
        return client

    worker = PortalWorker(factory)
    done: list[int] = []
    worker.resultReady.connect(lambda result: done.append(result.job.seq))
    worker.start()
    try:
        read = worker.submit(JobKind.STATUS)
        act = worker.submit(JobKind.ACTION, action=Action.PAUSE)
        qtbot.waitUntil(lambda: {read.seq, act.seq} <= set(done), timeout=3000)
    finally:
        worker.stop()
    assert len(clients) == 2, "one client per lane"
    told = [client.policies for client in clients if client.policies]
    assert len(told) == 1
    assert told[0][0][1] == NO_RETRY
