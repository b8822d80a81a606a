"""Clicks kept in the tray (issue 12): a start or close that cannot reach the portal is kept on
disk before anything is shown, the day shown follows it, and it is sent with its real time when
the portal answers again: in order, never twice, never over a change made elsewhere.

A real worker (two lanes), a fake client, a real SQLite store in a temporary folder.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.fakes import ZONE, FakeClient, FakeClock, FakeFactory, FakeTimer, FakeTimers, workday
from tests.ui.state.controller_rig import Rig
from tray_app.api.errors import AuthError, RateLimitedError, UnavailableError
from tray_app.api.models import WriteOutcome
from tray_app.core.actions import Action
from tray_app.core.kept_clicks import KeptAction, Steady
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import DayState, Workday
from tray_app.history.kept_store import KeptStore
from tray_app.services.kept_sending import keep_click
from tray_app.ui.shared.kept_note import KeptStage
from tray_app.ui.state.controller import DayController
from tray_app.ui.state.kept_flow import KeptFlow
from tray_app.ui.state.kept_rounds import KeptRounds
from tray_app.ui.text.kept_texts import kept_line

pytestmark = [pytest.mark.gui]

ACCOUNT = "https://portal.test/1"
KEPT_TIMER = -1
"""The kept rounds' timer is the last one the controller makes (tray_app/ui/state/kept_hooks.py)."""
DOWN = "Cannot connect to the portal: refused."


@dataclass
class MachineClock:
    """The kept clicks' clock on the rig's fake seconds (wall and steady move together)."""

    seconds: FakeClock

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.seconds(), ZONE)

    def steady(self) -> Steady:
        return Steady("boot-test", self.seconds())


class LostAnswers(FakeClient):
    """A write that runs on the portal but whose answer is lost (``lose`` of them)."""

    lose = 0

    def perform(
        self,
        action: Action,
        *,
        time: datetime | None = None,
        reason: str | None = None,
        with_report: bool = True,
    ) -> WriteOutcome:
        outcome = super().perform(action, time=time, reason=reason, with_report=with_report)
        if self.lose:
            self.lose -= 1
            raise UnavailableError("The answer was lost.", sent=True)
        return outcome


@dataclass
class KeptRig:
    rig: Rig
    path: Path

    @property
    def controller(self) -> DayController:
        return self.rig.controller

    @property
    def client(self) -> LostAnswers:
        client = self.rig.client
        assert isinstance(client, LostAnswers)
        return client

    def store(self) -> KeptStore:
        return KeptStore.open(self.path, account=ACCOUNT)

    def pending(self) -> list[KeptAction]:
        with self.store() as store:
            return [click.action for click in store.pending()]

    def performed(self) -> list[tuple[Action | None, datetime | None, str | None]]:
        """The writes after the click's own first try (which failed)."""
        writes = [c for c in self.client.calls if c.method == "perform"]
        return [(c.action, c.time, c.reason) for c in writes[1:]]

    @property
    def rounds(self) -> KeptRounds:
        rounds = self.controller.kept
        assert rounds is not None
        return rounds

    def kept_timer(self) -> FakeTimer:
        """The kept rounds' timer: the last one the controller made."""
        timer = self.rig.timers.made[KEPT_TIMER]
        assert timer.single_shot
        return timer

    def portal_back(self) -> None:
        """The next background read answers; the round it starts is waited for."""
        self.rig.timers.poll.fire()
        self.rig.wait(lambda: self.controller.idle and self.rig.view.kept is None)


def make_rig(
    qtbot: QtBot, path: Path, clock: FakeClock, day: Workday, settings: PortalSettings | None
) -> Rig:
    client = LostAnswers(day, clock=clock, settings=settings)
    timers = FakeTimers()
    flow = KeptFlow(
        lambda: KeptStore.open(path, account=ACCOUNT),
        clock=MachineClock(clock),
    )
    controller = DayController(
        FakeFactory(client), clock=clock, rng=random.Random(5), timer_factory=timers, kept=flow
    )
    return Rig.recording(controller, client, FakeFactory(client), clock, timers, qtbot)


@pytest.fixture
def kept(qtbot: QtBot, tmp_path: Path) -> Iterator[KeptRig]:
    clock = FakeClock()
    rig = make_rig(qtbot, tmp_path / "kept.sqlite3", clock, workday(DayState.OPENED), None)
    yield KeptRig(rig, tmp_path / "kept.sqlite3")
    rig.controller.stop()


def click_offline(kept: KeptRig, action: Action, error: Exception | None = None) -> None:
    kept.client.fail(error or UnavailableError(DOWN, sent=False))
    assert kept.controller.request(action)
    kept.rig.wait(lambda: kept.rig.view.kept is not None and kept.controller.idle)


def test_a_close_the_portal_cannot_take_is_kept_and_stops_the_clock(kept: KeptRig) -> None:
    kept.rig.start()
    click_offline(kept, Action.CLOSE)
    assert kept.pending() == [KeptAction.CLOSE]  # on disk before it is shown
    view = kept.rig.view
    assert view.kept is not None
    assert view.kept.stage is KeptStage.WAITING
    assert view.day_state is DayState.CLOSED
    assert view.stale
    assert kept_line(view.kept) == "Close at 10:00 kept, will be sent when the portal answers"
    worked = view.worked
    kept.rig.pass_time(120)
    assert kept.rig.view.worked == worked  # a kept close stops the clock
    assert kept.rig.failed == []  # not a failure: nothing to redo by hand


def test_the_kept_close_is_sent_with_its_time_and_reason_when_the_portal_answers(
    kept: KeptRig,
) -> None:
    kept.rig.start()
    clicked = datetime.fromtimestamp(kept.rig.clock(), ZONE).replace(microsecond=0)
    click_offline(kept, Action.CLOSE)
    kept.rig.clock.advance(40 * 60)
    kept.portal_back()
    assert kept.performed() == [
        (
            Action.CLOSE,
            clicked,
            "Clicked 10:00 while the portal was unreachable; sent 10:40 by timeman-tray",
        )
    ]
    assert kept.pending() == []
    view = kept.rig.view
    assert view.day_state is DayState.CLOSED
    assert view.workday is not None
    assert view.workday.finished_at == clicked
    assert "Kept click sent" in kept.rig.titles()


def test_no_reason_goes_with_the_time_on_a_flexible_schedule(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    flexible = PortalSettings(flexible=True)
    rig = make_rig(qtbot, tmp_path / "k.sqlite3", clock, workday(DayState.OPENED), flexible)
    kept = KeptRig(rig, tmp_path / "k.sqlite3")
    try:
        rig.start()
        click_offline(kept, Action.CLOSE)
        clock.advance(600)
        kept.portal_back()
        [(action, time, reason)] = kept.performed()
        assert (action, reason) == (Action.CLOSE, None)
        assert time is not None
        writes = [c for c in kept.client.calls if c.method == "perform"]
        assert [c.with_report for c in writes[1:]] == [False]
    finally:
        rig.controller.stop()


def test_a_write_whose_answer_was_lost_is_read_not_sent_again(kept: KeptRig) -> None:
    kept.rig.start()
    kept.client.lose = 1
    assert kept.controller.request(Action.CLOSE)
    kept.rig.wait(lambda: kept.rig.view.kept is not None and kept.controller.idle)
    assert kept.pending() == [KeptAction.CLOSE]
    kept.rig.clock.advance(20)
    kept.kept_timer().fire()  # the first quick try: the status shows the close took effect
    kept.rig.wait(lambda: kept.controller.idle and kept.rig.view.kept is None)
    assert kept.performed() == []  # it ran once: not sent again
    assert kept.pending() == []
    assert kept.rig.view.day_state is DayState.CLOSED


def test_a_lost_write_that_did_not_run_waits_its_grace_then_is_sent_once(kept: KeptRig) -> None:
    kept.rig.start()
    click_offline(kept, Action.CLOSE, UnavailableError("The answer was lost.", sent=True))
    kept.kept_timer().fire()  # too early: the write may still be executing
    kept.rig.wait(lambda: kept.controller.idle)
    assert kept.performed() == []  # only the lost one so far
    assert kept.pending() == [KeptAction.CLOSE]
    kept.rig.clock.advance(120)
    kept.kept_timer().fire()
    kept.rig.wait(lambda: kept.controller.idle and kept.rig.view.kept is None)
    [(action, time, _)] = kept.performed()
    assert action is Action.CLOSE
    assert time is not None  # sent once more, with the click's time


def test_a_start_then_close_offline_are_sent_in_order(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    closed = workday(DayState.CLOSED, finish=datetime(2025, 3, 26, 17, tzinfo=ZONE))
    closed = replace(closed, started_at=datetime(2025, 3, 26, 9, tzinfo=ZONE))
    rig = make_rig(qtbot, tmp_path / "k.sqlite3", clock, closed, None)
    kept = KeptRig(rig, tmp_path / "k.sqlite3")
    try:
        rig.start()
        click_offline(kept, Action.OPEN)
        assert rig.view.day_state is DayState.OPENED  # the clock runs from the kept start
        clock.advance(3600)
        kept.client.fail(UnavailableError(DOWN, sent=False))
        assert kept.controller.request(Action.CLOSE)  # kept behind the start
        rig.wait(lambda: kept.controller.idle)
        assert kept.pending() == [KeptAction.OPEN, KeptAction.CLOSE]
        assert kept.performed() == []  # nothing overtook anything
        clock.advance(600)
        kept.portal_back()
        assert [action for action, _, _ in kept.performed()] == [Action.OPEN, Action.CLOSE]
        day = rig.view.workday
        assert day is not None
        assert day.state is DayState.CLOSED
        assert day.started_at is not None
        assert day.finished_at is not None
        assert day.finished_at - day.started_at == timedelta(hours=1)
    finally:
        rig.controller.stop()


def test_a_day_changed_elsewhere_is_not_sent_over_and_is_told(kept: KeptRig) -> None:
    kept.rig.start()
    click_offline(kept, Action.CLOSE)
    kept.rig.clock.advance(600)
    elsewhere = datetime.fromtimestamp(kept.rig.clock(), ZONE)
    kept.client.day = replace(kept.client.day, state=DayState.CLOSED, finished_at=elsewhere)
    kept.rig.timers.poll.fire()
    kept.rig.wait(
        lambda: (
            kept.controller.idle
            and kept.rig.view.kept is not None
            and kept.rig.view.kept.stage is KeptStage.CONFLICT
        )
    )
    assert kept.performed() == []
    assert any("changed elsewhere" in text for _, text in kept.rig.notes)
    note = kept.rig.view.kept
    assert note is not None
    assert note.offers_new_time
    assert kept.rounds.discard(note.click.click_id)
    kept.rig.wait(lambda: kept.rig.view.kept is None)
    assert kept.pending() == []
    assert kept.rig.view.day_state is DayState.CLOSED


def test_a_kept_pause_is_asked_and_pause_now_sends_it_without_a_time(kept: KeptRig) -> None:
    kept.rig.start()
    click_offline(kept, Action.PAUSE)
    assert kept.rig.view.day_state is DayState.PAUSED
    kept.rig.timers.poll.fire()
    kept.rig.wait(
        lambda: (
            kept.controller.idle
            and kept.rig.view.kept is not None
            and kept.rig.view.kept.stage is KeptStage.ASK
        )
    )
    note = kept.rig.view.kept
    assert note is not None
    assert note.offers_now
    assert kept.performed() == []
    assert kept.rounds.send_now(note.click.click_id)
    kept.rig.wait(lambda: kept.controller.idle and kept.rig.view.kept is None)
    assert kept.performed() == [(Action.PAUSE, None, None)]  # at the portal's now
    assert kept.rig.view.day_state is DayState.PAUSED


def test_a_refusal_for_the_rate_limit_is_retried_first_then_kept(kept: KeptRig) -> None:
    kept.rig.start()
    busy = RateLimitedError("The portal is busy.", code="QUERY_LIMIT_EXCEEDED", http_status=503)
    kept.client.fail(busy)
    assert kept.controller.request(Action.CLOSE)
    kept.rig.wait(lambda: kept.controller.idle and kept.rig.view.waiting is not None)
    assert kept.rig.view.kept is None  # the quick retries of a refused click come first
    assert kept.pending() == []


def test_a_failure_waiting_does_not_help_is_not_kept(kept: KeptRig) -> None:
    kept.rig.start()
    kept.client.fail(AuthError("The webhook was rejected.", code="INVALID_CREDENTIALS"))
    assert kept.controller.request(Action.CLOSE)
    kept.rig.wait(lambda: kept.controller.idle and not kept.rig.view.busy)
    assert kept.pending() == []
    assert kept.rig.view.kept is None


def test_a_click_the_cli_kept_is_picked_up_and_sent(kept: KeptRig) -> None:
    kept.rig.start()
    assert not kept.rounds.look_elsewhere()  # nothing new
    with kept.store() as store:
        keep_click(store, KeptAction.PAUSE, MachineClock(kept.rig.clock), last_known=None)
    assert kept.rounds.look_elsewhere()
    kept.rig.wait(lambda: kept.controller.idle and kept.rig.view.kept is not None)
    note = kept.rig.view.kept
    assert note is not None
    assert note.stage is KeptStage.ASK  # a pause is only ever sent when the person says so


def test_a_restarted_tray_shows_the_kept_click_and_sends_it(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "k.sqlite3"
    first = make_rig(qtbot, path, clock, workday(DayState.OPENED), None)
    kept = KeptRig(first, path)
    first.start()
    click_offline(kept, Action.CLOSE)
    first.controller.stop()
    clock.advance(3600)
    second = make_rig(qtbot, path, clock, workday(DayState.OPENED), None)
    try:
        second.controller.start()
        second.wait(lambda: second.controller.idle and second.view.kept is None)
        performed = [c for c in second.client.calls if c.method == "perform"]
        assert [(c.action, c.time is not None) for c in performed] == [(Action.CLOSE, True)]
        assert first.client.calls[-1].method == "perform"  # the first tray's failed try
        assert second.view.day_state is DayState.CLOSED
    finally:
        second.controller.stop()


def test_another_account_signed_in_shows_its_own_kept_clicks(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "k.sqlite3"
    account = [ACCOUNT]
    client = LostAnswers(workday(DayState.OPENED), clock=clock)
    flow = KeptFlow(lambda: KeptStore.open(path, account=account[0]), clock=MachineClock(clock))
    timers = FakeTimers()
    controller = DayController(
        FakeFactory(client), clock=clock, rng=random.Random(5), timer_factory=timers, kept=flow
    )
    rig = Rig.recording(controller, client, FakeFactory(client), clock, timers, qtbot)
    rounds = KeptRig(rig, path).rounds
    try:
        rig.start()
        click_offline(KeptRig(rig, path), Action.CLOSE)
        account[0] = "https://portal.test/2"
        assert rounds.look_elsewhere(account_changed=True)
        assert controller.view().kept is None  # the other account kept nothing
        account[0] = ACCOUNT
        assert rounds.look_elsewhere(account_changed=True)
        assert controller.view().kept is not None
    finally:
        controller.stop()
