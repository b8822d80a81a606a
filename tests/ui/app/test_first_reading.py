"""The controller's first full read answered by a reading made elsewhere
(tray_app/services/first_day.py).

A real worker thread, a fake client and hand-fired timers, as in test_controller.py.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeClient, FakeClock, FakeFactory, FakeTimers, reading, workday
from tray_app.api.errors import RateLimitedError
from tray_app.api.models import DayReading
from tray_app.core.actions import Action
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import DayState
from tray_app.ui.shared.viewstate import Phase, ViewState
from tray_app.ui.state.controller import DayController
from tray_app.ui.state.worker import JobKind, JobResult, PortalWorker

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING")]

WAIT_MS = 3000
ELSEWHERE = reading(workday(DayState.PAUSED))
"""What the child read: paused, where the client here would answer opened."""


@dataclass
class FirstReading:
    """Hands out ``answer`` (or raises ``error``) and notes the threads it ran on."""

    answer: tuple[DayReading, PortalSettings] | None = (ELSEWHERE, PortalSettings())
    error: Exception | None = None
    threads: list[int] = field(default_factory=list)

    def __call__(self) -> tuple[DayReading, PortalSettings] | None:
        self.threads.append(threading.get_ident())
        if self.error is not None:
            raise self.error
        return self.answer


@dataclass
class Rig:
    controller: DayController
    client: FakeClient
    factory: FakeFactory
    first: FirstReading
    timers: FakeTimers
    qtbot: QtBot
    views: list[ViewState] = field(default_factory=list)

    def wait(self, condition: Callable[[], bool]) -> None:
        self.qtbot.waitUntil(condition, timeout=WAIT_MS)

    def start(self) -> None:
        self.controller.start()
        self.wait(lambda: self.views[-1].phase is not Phase.LOADING)


@pytest.fixture
def make_rig(qtbot: QtBot) -> Iterator[Callable[[FirstReading], Rig]]:
    made: list[DayController] = []

    def make(first: FirstReading) -> Rig:
        clock = FakeClock()
        client = FakeClient(workday(DayState.OPENED), clock=clock)
        factory = FakeFactory(client)
        timers = FakeTimers()
        controller = DayController(
            factory,
            clock=clock,
            rng=random.Random(7),
            timer_factory=timers,
            first_reading=first,
        )
        made.append(controller)
        rig = Rig(controller, client, factory, first, timers, qtbot)
        controller.viewChanged.connect(rig.views.append)
        return rig

    yield make
    for controller in made:
        controller.stop()


def test_the_first_read_is_answered_without_making_the_client(
    make_rig: Callable[[FirstReading], Rig],
) -> None:
    rig = make_rig(FirstReading())
    rig.start()
    assert rig.views[-1].day_state is DayState.PAUSED
    assert (rig.factory.created, rig.client.methods()) == (0, [])
    assert rig.first.threads
    assert threading.get_ident() not in rig.first.threads


def test_later_reads_and_actions_go_to_the_client(make_rig: Callable[[FirstReading], Rig]) -> None:
    rig = make_rig(FirstReading())
    rig.start()
    rig.timers.poll.fire()
    rig.wait(lambda: rig.client.methods() != [])
    rig.wait(lambda: rig.views[-1].day_state is DayState.OPENED)
    assert len(rig.first.threads) == 1  # asked once
    assert rig.controller.request(Action.PAUSE)
    rig.wait(lambda: rig.views[-1].day_state is DayState.PAUSED and not rig.views[-1].busy)
    assert rig.client.methods()[-1] == "perform"


@pytest.mark.parametrize(
    "first",
    [FirstReading(answer=None), FirstReading(error=RuntimeError("a bug in the hand-over"))],
    ids=["none", "raises"],
)
def test_without_a_reading_from_elsewhere_the_client_reads(
    make_rig: Callable[[FirstReading], Rig], first: FirstReading
) -> None:
    rig = make_rig(first)
    rig.start()
    assert rig.views[-1].day_state is DayState.OPENED
    assert rig.client.methods() == ["status_and_settings"]


def test_a_refusal_from_elsewhere_is_not_read_again_at_once(
    make_rig: Callable[[FirstReading], Rig],
) -> None:
    """The child's read was refused for the rate limit: the first status is that refusal, and
    the next read waits for the poll schedule's back-off instead of following at once."""
    refused = RateLimitedError("The portal is busy.", code="QUERY_LIMIT_EXCEEDED", http_status=503)
    rig = make_rig(FirstReading(answer=None, error=refused))
    rig.controller.start()
    rig.wait(lambda: bool(rig.first.threads) and rig.timers.poll.is_active())
    rig.qtbot.wait(200)  # room for a read that would follow at once
    assert (rig.factory.created, rig.client.methods()) == (0, [])
    assert rig.timers.poll.interval_ms >= 1000, "a back-off, not an immediate retry"
    rig.timers.poll.fire()
    rig.wait(lambda: rig.client.methods() == ["status_and_settings"])
    rig.wait(lambda: rig.views[-1].day_state is DayState.OPENED)


def test_a_reading_from_before_another_job_is_not_used(qtbot: QtBot) -> None:
    """Only the very first job may take it: after a sign-in, say, it may be somebody else's."""
    first = FirstReading()
    client = FakeClient(workday(DayState.OPENED), clock=FakeClock())
    worker = PortalWorker(FakeFactory(client), first_reading=first)
    results: list[JobResult] = []
    worker.resultReady.connect(results.append)
    worker.start()
    try:
        worker.submit(JobKind.RESET)
        worker.submit(JobKind.STATUS_AND_SETTINGS)
        qtbot.waitUntil(lambda: len(results) == 1, timeout=WAIT_MS)
    finally:
        worker.stop()
    assert first.threads == []
    reading_now = results[0].reading
    assert reading_now is not None
    assert reading_now.workday.state is DayState.OPENED
