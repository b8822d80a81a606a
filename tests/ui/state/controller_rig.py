"""The recording rig of the controller's tests: a controller on a fake clock with hand-fired
timers and a real worker (two lanes), and everything it emits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeClient, FakeClock, FakeFactory, FakeTimer, FakeTimers
from tray_app.api.models import WriteOutcome
from tray_app.core.actions import Action
from tray_app.ui.shared.viewstate import Phase, ViewState
from tray_app.ui.state.controller import DayController

WAIT_MS = 3000


@dataclass
class Rig:
    """A controller with everything it emits recorded."""

    controller: DayController
    client: FakeClient
    factory: FakeFactory
    clock: FakeClock
    timers: FakeTimers
    qtbot: QtBot
    views: list[ViewState] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[Action, str]] = field(default_factory=list)
    done: list[WriteOutcome] = field(default_factory=list)

    @classmethod
    def recording(  # noqa: PLR0917  (the rig's parts, as the dataclass holds them)
        cls,
        controller: DayController,
        client: FakeClient,
        factory: FakeFactory,
        clock: FakeClock,
        timers: FakeTimers,
        qtbot: QtBot,
    ) -> Rig:
        """The rig, recording from now on everything ``controller`` emits."""
        rig = cls(controller, client, factory, clock, timers, qtbot)
        controller.viewChanged.connect(rig.views.append)
        controller.notify.connect(lambda title, text: rig.notes.append((title, text)))
        controller.actionFailed.connect(lambda action, text: rig.failed.append((action, text)))
        controller.actionDone.connect(rig.done.append)
        return rig

    @property
    def view(self) -> ViewState:
        return self.views[-1]

    def calls(self) -> list[str]:
        return self.client.methods()

    def wait(self, condition: Callable[[], bool]) -> None:
        self.qtbot.waitUntil(condition, timeout=WAIT_MS)

    def wait_calls(self, count: int) -> None:
        """Until the client got ``count`` calls and the last answer was handled."""
        self.wait(lambda: len(self.calls()) >= count and self.controller.idle)

    def start(self) -> None:
        self.controller.start()
        self.wait(lambda: self.views[-1].phase is not Phase.LOADING)

    def poll(self) -> None:
        """Fire the poll timer and wait for its answer."""
        count = len(self.calls())
        self.timers.poll.fire()
        self.wait_calls(count + 1)

    def act(self, action: Action) -> None:
        """Request ``action`` and wait for its result."""
        count = len(self.done) + len(self.failed)
        assert self.controller.request(action)
        self.wait(lambda: len(self.done) + len(self.failed) > count and not self.view.busy)

    def pass_time(self, seconds: int) -> None:
        """Let ``seconds`` pass one tick at a time (a bigger step would look like a wake)."""
        for _ in range(seconds):
            self.clock.advance(1)
            self.timers.tick.fire()

    def titles(self) -> list[str]:
        return [title for title, _ in self.notes]


def action_timer(rig: Rig) -> FakeTimer:
    """The controller's third timer: the next try of an own action."""
    timer = rig.timers.made[2]
    assert timer.single_shot
    return timer
