"""The controller on a fake clock with hand-fired timers and a real worker thread.

Results come back from the worker thread through queued signals, so every test waits with
``qtbot.waitUntil``/``waitSignal`` (never sleeps); Qt warnings fail a test.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from tests.ui.fakes import (
    START,
    T0,
    FakeClient,
    FakeClock,
    FakeFactory,
    FakeTimers,
    reading,
    workday,
)
from tests.ui.state.controller_rig import WAIT_MS, Rig, action_timer
from tray_app.api.errors import (
    AuthError,
    CertificateError,
    MovedError,
    RateLimitedError,
    RefusedError,
    TimemanError,
    UnavailableError,
    UnexpectedAnswerError,
)
from tray_app.config.errors import KeyringLockedError
from tray_app.core.actions import Action
from tray_app.core.poll_schedule import PollTimes
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.remedy import Remedy
from tray_app.core.workday import DayState
from tray_app.services.account import NotSignedInError
from tray_app.ui.shared.viewstate import Phase, ViewState, Waiting, WaitReason
from tray_app.ui.state.controller import DayController
from tray_app.ui.state.day_notices import (
    CHANGED_TITLE,
    CLOSED_ELSEWHERE,
    EXPIRED_TITLE,
    OFFLINE_TITLE,
    ONLINE_TITLE,
    PAUSED_ELSEWHERE,
    RESUMED_ELSEWHERE,
    SIGNED_OUT_TITLE,
    STARTED_ELSEWHERE,
)
from tray_app.ui.state.worker import Job, JobKind, JobResult

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING")]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(clock: FakeClock) -> FakeClient:
    return FakeClient(workday(DayState.OPENED), clock=clock)


@pytest.fixture
def rig(qtbot: QtBot, clock: FakeClock, client: FakeClient) -> Iterator[Rig]:
    timers = FakeTimers()
    factory = FakeFactory(client)
    controller = DayController(factory, clock=clock, rng=random.Random(7), timer_factory=timers)
    rig = Rig.recording(controller, client, factory, clock, timers, qtbot)
    yield rig
    if client.release is not None:
        client.release.set()
    controller.stop()
    assert not controller.worker.thread_handle.isRunning()


# -- start, phases, sign-in --------------------------------------------------------------------


def test_start_shows_loading_then_the_answered_day(rig: Rig) -> None:
    rig.start()
    assert rig.views[0].phase is Phase.LOADING
    assert rig.view.phase is Phase.READY
    assert rig.view.headline == "Working · 2:00 · breaks 0:00 · since 08:00"
    assert rig.view.actions == (Action.PAUSE, Action.CLOSE)
    assert rig.calls() == ["status_and_settings"]
    assert rig.controller.view() == rig.view


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_one_of_a_fleet_reads_first_at_its_moment_of_the_start_window(
    qtbot: QtBot, clock: FakeClock, client: FakeClient, seed: int
) -> None:
    """Nothing is sent at start: the first read waits for its random moment of the window (the
    timer), once; opening the menu meanwhile reads at once."""
    timers = FakeTimers()
    controller = DayController(
        FakeFactory(client),
        clock=clock,
        rng=random.Random(seed),
        timer_factory=timers,
        poll_interval_s=1000.0,
        start_window_s=625.0,
    )
    views: list[ViewState] = []
    controller.viewChanged.connect(views.append)
    try:
        controller.start()
        qtbot.wait(50)  # room for a read that would be sent at once
        assert client.methods() == []
        assert views[-1].phase is Phase.LOADING
        assert timers.poll.active
        assert 0 <= timers.poll.interval_ms <= 625_000
        if seed == 3:
            assert controller.refresh_if_stale(), "the menu opened: read at once"
            assert not timers.poll.active, "and the spread read is not sent as well"
        else:
            timers.poll.fire()
        qtbot.waitUntil(lambda: views[-1].phase is Phase.READY, timeout=WAIT_MS)
        assert client.methods() == ["status_and_settings"]
        assert timers.poll.interval_ms >= 900_000, "then the fleet's interval"
    finally:
        controller.stop()


def test_portal_and_keyring_calls_run_off_the_ui_thread(rig: Rig) -> None:
    rig.start()
    main = threading.get_ident()
    assert rig.factory.threads
    assert main not in rig.factory.threads
    assert all(call.thread != main for call in rig.client.calls)


@pytest.mark.parametrize(
    "error",
    [
        NotSignedInError("Not signed in: run 'timeman-tray login' first."),
        KeyringLockedError("The keyring is locked: unlock it and try again."),
        AuthError("The webhook was deleted.", code="INVALID_CREDENTIALS"),
    ],
    ids=["not-signed-in", "keyring", "auth"],
)
def test_a_client_that_cannot_be_made_means_signed_out(rig: Rig, error: Exception) -> None:
    rig.factory.errors.append(error)
    rig.start()
    assert rig.view.phase is Phase.SIGNED_OUT
    assert rig.view.headline == "Not signed in"
    assert rig.view.last_error == str(error)
    assert not rig.timers.poll.active, "no polling while signed out"
    rig.clock.advance(60)
    assert not rig.controller.refresh_if_stale(), "opening the menu does not ask the keyring"
    assert not rig.controller.on_network_up()
    assert rig.calls() == []
    assert rig.controller.refresh(), "a refresh tries the account again"
    rig.wait(lambda: rig.view.phase is Phase.READY)
    assert rig.factory.created == 1


def test_auth_error_during_a_poll_signs_out_and_says_so(rig: Rig) -> None:
    rig.start()
    rig.client.fail(AuthError("The webhook no longer works.", code="INVALID_CREDENTIALS"))
    rig.poll()
    assert rig.view.phase is Phase.SIGNED_OUT
    assert rig.titles() == [SIGNED_OUT_TITLE]
    assert not rig.timers.poll.active
    assert rig.controller.refresh()
    rig.wait(lambda: rig.view.phase is Phase.READY)
    assert rig.factory.created == 2, "the account is read afresh after a sign-out"


def test_reconnect_after_a_login_reads_the_account_again(rig: Rig) -> None:
    rig.factory.errors.append(NotSignedInError("Not signed in."))
    rig.start()
    rig.controller.reconnect()
    assert rig.views[-1].headline == "Signing in…"
    rig.wait(lambda: rig.view.phase is Phase.READY)
    assert rig.calls() == ["status_and_settings"]


def test_a_task_runs_on_the_worker_thread(rig: Rig, qtbot: QtBot) -> None:
    rig.start()
    with qtbot.waitSignal(rig.controller.taskFinished, timeout=WAIT_MS) as blocker:
        number = rig.controller.call(threading.get_ident)
    assert blocker.args is not None
    assert blocker.args[0] == number
    assert blocker.args[1] != threading.get_ident()
    assert blocker.args[2] is None


# -- actions -------------------------------------------------------------------------------------


def test_busy_while_an_action_is_on_its_way(rig: Rig) -> None:
    rig.start()
    release = rig.client.hold()
    assert rig.controller.request(Action.PAUSE)
    sending = rig.view
    assert sending.busy
    assert sending.actions == ()
    release.set()
    rig.wait(lambda: not rig.view.busy)
    answered = rig.view
    assert answered.day_state is DayState.PAUSED
    assert answered.actions == (Action.RESUME, Action.CLOSE)
    assert [outcome.action for outcome in rig.done] == [Action.PAUSE]
    assert rig.failed == []


def test_no_double_submit(rig: Rig) -> None:
    rig.start()
    release = rig.client.hold()
    assert rig.controller.request(Action.CLOSE)
    rig.wait(rig.client.waiting.is_set)
    assert not rig.controller.request(Action.CLOSE)
    assert not rig.controller.request(Action.PAUSE)
    release.set()
    rig.wait(lambda: not rig.view.busy)
    assert rig.calls().count("perform") == 1


def test_an_action_is_refused_locally_when_it_does_not_apply(rig: Rig) -> None:
    assert not rig.controller.request(Action.PAUSE), "not started"
    rig.start()
    assert not rig.controller.request(Action.OPEN)
    assert not rig.controller.request(Action.RESUME)
    assert "perform" not in rig.calls()


def test_a_time_and_reason_reach_the_client(rig: Rig) -> None:
    rig.start()
    end = START + timedelta(hours=1)
    assert rig.controller.request(Action.CLOSE, time=end, reason="forgot")
    rig.wait(lambda: bool(rig.done))
    call = rig.client.calls[-1]
    assert (call.action, call.time, call.reason) == (Action.CLOSE, end, "forgot")


def test_a_silent_no_op_is_reported_and_the_answer_is_shown(rig: Rig) -> None:
    rig.start()
    rig.client.day = workday(DayState.CLOSED, finish=START + timedelta(hours=1))  # elsewhere
    rig.act(Action.PAUSE)
    message = "The portal did nothing: the day is still CLOSED."
    assert rig.failed == [(Action.PAUSE, message)]
    assert rig.notes == [], "the app says it (in the dialog that sent it, or a notification)"
    assert rig.view.day_state is DayState.CLOSED, "the answer is the truth"
    assert rig.done == []


def test_a_refusal_keeps_the_last_state(rig: Rig) -> None:
    rig.start()
    refusal = RefusedError(
        "The portal refused: overlaps another record.",
        code="ALERT_WARNING",
        http_status=400,
        description="x",
    )
    rig.client.fail(refusal)
    rig.act(Action.CLOSE)
    assert rig.failed == [(Action.CLOSE, refusal.message)]
    assert rig.view.day_state is DayState.OPENED
    assert rig.view.actions == (Action.PAUSE, Action.CLOSE)
    assert rig.calls().count("perform") == 1, "never re-sent"


def test_a_lost_answer_is_not_re_sent(rig: Rig) -> None:
    rig.start()
    rig.client.fail(UnavailableError("Whether the close took effect is unknown."))
    assert rig.controller.request(Action.CLOSE)
    rig.wait(lambda: rig.view.waiting is not None)
    assert rig.view.waiting == Waiting(Action.CLOSE, WaitReason.CHECKING, 2)
    assert not rig.view.actions
    action_timer(rig).fire()  # the day is read, the action not sent again
    rig.wait(lambda: bool(rig.failed))
    assert rig.failed == [
        (
            Action.CLOSE,
            "Its answer was lost, and the day read since is still OPENED: it did not take "
            "effect. Nothing was sent twice.",
        )
    ]
    assert rig.calls() == ["status_and_settings", "perform", "status"]
    assert rig.view.day_state is DayState.OPENED
    assert rig.view.actions == (Action.PAUSE, Action.CLOSE), "known again: clicks are offered"


def test_an_unexpected_exception_is_reported_not_fatal(rig: Rig) -> None:
    rig.start()
    rig.client.fail(ZeroDivisionError("bug"))
    rig.poll()
    assert rig.view.last_error is not None
    assert "internal error (ZeroDivisionError)" in rig.view.last_error
    rig.poll()
    assert rig.view.last_error is None


def test_a_follow_up_poll_comes_soon_after_an_action(rig: Rig) -> None:
    rig.start()
    rig.act(Action.PAUSE)
    assert rig.timers.poll.interval_ms == 3000
    rig.poll()
    assert rig.calls()[-1] == "status"


# -- ordering --------------------------------------------------------------------------------


def test_a_paused_answer_without_its_start_keeps_the_worked_time(rig: Rig) -> None:
    rig.start()  # 2:00 worked at 10:00:30
    rig.client.day = workday(DayState.PAUSED)  # TIME_FINISH null, as in the docs' example
    rig.pass_time(60)
    rig.poll()
    assert rig.view.day_state is DayState.PAUSED
    assert rig.view.icon_text == "2:01"
    rig.pass_time(600)
    rig.poll()
    assert rig.view.icon_text == "2:01"


def test_a_poll_before_an_action_cannot_overwrite_it(rig: Rig) -> None:
    rig.start()
    release = rig.client.hold()
    assert rig.controller.refresh()
    rig.wait(rig.client.waiting.is_set)  # the poll is running on the worker
    assert rig.controller.request(Action.PAUSE)
    release.set()
    rig.wait(lambda: bool(rig.done))
    assert rig.calls() == ["status_and_settings", "status", "perform"]
    assert rig.view.day_state is DayState.PAUSED
    assert CHANGED_TITLE not in rig.titles()


def test_a_poll_result_arriving_after_a_newer_action_result_is_dropped(rig: Rig) -> None:
    rig.start()  # job 1: the first poll
    rig.act(Action.PAUSE)  # job 2
    stale = reading(workday(DayState.CLOSED, finish=START), at=rig.clock())
    late = JobResult(Job(1, JobKind.STATUS), reading=stale)
    rig.controller.worker.resultReady.emit(late)
    assert rig.controller.view().day_state is DayState.PAUSED
    assert rig.view.day_state is DayState.PAUSED
    rig.poll()  # a poll sent after the action is news
    assert rig.view.day_state is DayState.PAUSED


def test_refresh_is_skipped_while_a_poll_is_on_its_way(rig: Rig) -> None:
    rig.start()
    release = rig.client.hold()
    assert rig.controller.refresh()
    assert not rig.controller.refresh()
    release.set()
    rig.wait_calls(2)
    assert rig.calls() == ["status_and_settings", "status"]


# -- polling, back-off, tick, wake -----------------------------------------------------------


def test_polling_interval_has_jitter_within_ten_percent(rig: Rig) -> None:
    rig.start()
    intervals = [rig.timers.poll.interval_ms]
    for _ in range(12):
        rig.poll()
        intervals.append(rig.timers.poll.interval_ms)
    assert all(54_000 <= ms <= 66_000 for ms in intervals)
    assert len(set(intervals)) > 1


def test_a_new_poll_interval_applies_from_the_next_poll(rig: Rig) -> None:
    rig.start()
    rig.controller.set_poll_interval(300)
    rig.poll()
    assert 270_000 <= rig.timers.poll.interval_ms <= 330_000


def test_settings_are_read_on_the_first_poll_and_every_tenth(rig: Rig) -> None:
    rig.start()
    for _ in range(10):
        rig.poll()
    calls = rig.calls()
    assert calls[0] == calls[10] == "status_and_settings"
    assert set(calls[1:10]) == {"status"}


def test_back_off_grows_caps_and_resets_after_success(rig: Rig) -> None:
    rig.start()
    intervals = []
    for _ in range(7):
        rig.client.fail(UnavailableError("Cannot connect to the portal."))
        rig.poll()
        intervals.append(rig.timers.poll.interval_ms / 1000)
    for seconds, base in zip(intervals, [60, 120, 240, 480, 900, 900, 900], strict=True):
        assert max(base * 0.8, 54) <= seconds <= max(base, 66)  # never below a normal poll
    assert rig.view.stale
    rig.poll()
    assert not rig.view.stale
    assert 54 <= rig.timers.poll.interval_ms / 1000 <= 66
    rig.client.fail(UnavailableError("Cannot connect to the portal."))
    rig.poll()
    assert 54 <= rig.timers.poll.interval_ms / 1000 <= 66, "the back-off starts over"


def test_server_errors_back_off_but_an_odd_page_does_not(rig: Rig) -> None:
    rig.start()
    rig.client.fail(
        UnexpectedAnswerError("The portal answered with an error page.", http_status=502)
    )
    rig.poll()
    assert rig.view.stale
    assert rig.timers.poll.interval_ms >= 54_000
    rig.poll()
    rig.client.fail(UnexpectedAnswerError("The portal sent a web page.", http_status=200))
    rig.poll()
    assert not rig.view.stale
    assert rig.view.last_error == "The portal sent a web page."
    assert 54_000 <= rig.timers.poll.interval_ms <= 66_000


def test_a_rate_limit_reset_time_is_honoured(rig: Rig) -> None:
    rig.start()
    limit = RateLimitedError(
        "Too many requests.",
        code="OPERATION_TIME_LIMIT",
        http_status=429,
        retry_at=rig.clock() + 500,
    )
    rig.client.fail(limit)
    rig.poll()
    assert 500_000 <= rig.timers.poll.interval_ms <= 506_000


@pytest.mark.parametrize(
    "error",
    [
        CertificateError("The certificate of https://portal.example.com is not trusted."),
        UnavailableError(
            "The portal has been deleted or closed; waiting will not help. Check its address.",
            code="PORTAL_DELETED",
            http_status=500,
            remedy=Remedy.USER_ACTS,
        ),
        MovedError("The portal redirects to a non-HTTPS address; not following it."),
    ],
    ids=["untrusted-certificate", "deleted-portal", "moved-portal"],
)
def test_what_only_the_person_can_fix_stops_polling_until_asked(
    rig: Rig, error: TimemanError
) -> None:
    rig.start()
    rig.client.fail(error)
    rig.poll()
    assert not rig.timers.poll.active, "no background read: waiting will not help"
    assert rig.view.last_error == error.message
    assert rig.view.stale
    assert rig.view.day_state is DayState.OPENED, "the last day stays shown"
    assert not rig.controller.on_wake()
    assert not rig.controller.on_network_up()
    rig.clock.advance(3600)
    rig.timers.tick.fire()  # a clock jump is a wake too
    assert rig.calls() == ["status_and_settings", "status"]
    assert rig.controller.refresh(), "Try again asks once more"
    rig.wait_calls(3)
    assert rig.timers.poll.active
    assert not rig.view.stale
    assert rig.view.last_error is None


def test_the_rate_limit_stretches_the_interval_which_comes_back_slowly(rig: Rig) -> None:
    rig.start()
    for _ in range(3):
        rig.client.fail(RateLimitedError("Too many.", code="QUERY_LIMIT_EXCEEDED", http_status=503))
        rig.poll()
    rig.poll()  # answered: 480 s learnt, less a twentieth (480 / 1.05: 457 s)
    first = rig.timers.poll.interval_ms / 1000
    assert 457 * 0.9 <= first <= 457 * 1.1
    later = []
    for _ in range(50):
        rig.poll()
        later.append(rig.timers.poll.interval_ms / 1000)
    assert later[5] < first, "each answer gives a little rate back"
    assert all(54 <= seconds <= 66 for seconds in later[-3:]), "back at the normal interval"


def test_the_tray_runs_the_schedule_the_fleet_benchmark_measures(rig: Rig) -> None:
    assert rig.controller.poll_times == PollTimes()  # benchmarks/fleet.py simulates PollTimes()
    rig.start()
    for _ in range(6):
        rig.client.fail(RateLimitedError("Too many.", code="QUERY_LIMIT_EXCEEDED", http_status=503))
        rig.poll()
    assert rig.controller.learnt_interval_s == 3600.0, "the rate limit may stretch it to an hour"


def test_the_learnt_interval_is_told_for_keeping_not_at_every_step(rig: Rig) -> None:
    kept: list[float] = []
    rig.controller.intervalLearnt.connect(kept.append)
    rig.start()
    for _ in range(3):
        rig.client.fail(RateLimitedError("Too many.", code="QUERY_LIMIT_EXCEEDED", http_status=503))
        rig.poll()
    assert kept == [120.0, 240.0, 480.0]
    for _ in range(50):
        rig.poll()
    assert 5 < len(kept) - 3 < 30, "the recovery's small steps are not all written"
    assert kept[-1] == 60.0, "back at the normal interval: kept too"


def test_a_closed_day_is_polled_less_except_around_the_start_of_work(rig: Rig) -> None:
    rig.client.day = workday(DayState.CLOSED, finish=START + timedelta(hours=8))
    rig.clock.advance(12 * 3600)  # 22:00:30 (+02:00): nothing will change for hours
    rig.start()
    assert 540_000 <= rig.timers.poll.interval_ms <= 660_000, "ten times the interval"
    rig.clock.advance(9.5 * 3600)  # 07:30:30 the next morning: the latest start is 09:15
    rig.poll()
    assert 54_000 <= rig.timers.poll.interval_ms <= 66_000, "a day opened elsewhere shows soon"
    rig.client.day = workday(DayState.OPENED, start=START + timedelta(hours=22))
    rig.clock.advance(5 * 3600)  # 12:30:30, an open day: never quiet
    rig.poll()
    assert 54_000 <= rig.timers.poll.interval_ms <= 66_000


def test_stale_view_keeps_the_day(rig: Rig) -> None:
    rig.start()
    rig.client.fail(UnavailableError("Cannot connect to the portal."))
    rig.poll()
    assert rig.view.day_state is DayState.OPENED
    assert rig.view.headline.endswith(" · offline · as of 10:00"), "the age of the day shown"
    assert rig.view.last_error == "Cannot connect to the portal."
    assert rig.view.actions == (Action.PAUSE, Action.CLOSE)


def test_the_tick_re_emits_only_when_the_minutes_change(rig: Rig) -> None:
    rig.start()  # 10:00:30, worked 2:00
    count = len(rig.views)
    rig.clock.advance(1)
    rig.timers.tick.fire()
    rig.clock.advance(1)
    rig.timers.tick.fire()
    assert len(rig.views) == count
    for _ in range(20):
        rig.clock.advance(1.5)
        rig.timers.tick.fire()
    assert len(rig.views) == count + 1
    assert rig.view.icon_text == "2:01"
    assert rig.calls() == ["status_and_settings"], "no request per tick"


def test_a_clock_jump_means_wake_and_reads_soon(rig: Rig) -> None:
    rig.start()
    rig.clock.advance(1)
    rig.timers.tick.fire()
    assert rig.calls() == ["status_and_settings"]
    rig.clock.advance(3600)
    rig.timers.tick.fire()
    assert rig.timers.poll.interval_ms <= 20_000, "within the wake spread, not a minute"
    rig.poll()
    assert rig.view.icon_text == "3:00"


def test_menu_opened_reads_only_when_the_answer_is_old(rig: Rig) -> None:
    rig.start()
    rig.clock.advance(2)
    assert not rig.controller.refresh_if_stale()
    rig.clock.advance(4)
    assert rig.controller.refresh_if_stale()
    rig.wait_calls(2)


def test_network_up_and_wake_read_soon_at_a_random_moment(rig: Rig) -> None:
    rig.start()
    delays = set()
    for count in range(2, 8):
        assert rig.controller.on_network_up() if count % 2 else rig.controller.on_wake()
        delays.add(rig.timers.poll.interval_ms)
        assert len(rig.calls()) == count - 1, "nothing sent at once"
        rig.poll()
    assert all(0 <= ms <= 20_000 for ms in delays)
    assert len(delays) > 4, "an office waking at 9:00 does not arrive in the same second"


def test_no_second_read_while_one_is_on_its_way(rig: Rig) -> None:
    rig.start()
    rig.client.hold()
    assert rig.controller.refresh()
    assert not rig.controller.on_network_up()


# -- notifications ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        (DayState.OPENED, DayState.CLOSED, CLOSED_ELSEWHERE),
        (DayState.OPENED, DayState.PAUSED, PAUSED_ELSEWHERE),
        (DayState.PAUSED, DayState.OPENED, RESUMED_ELSEWHERE),
        (DayState.CLOSED, DayState.OPENED, STARTED_ELSEWHERE),
    ],
)
def test_a_change_made_elsewhere_is_told(
    rig: Rig, before: DayState, after: DayState, message: str
) -> None:
    finish = START + timedelta(hours=1)
    rig.client.day = workday(before, finish=None if before is DayState.OPENED else finish)
    rig.start()
    start = START if before is not DayState.CLOSED else START + timedelta(hours=2)
    rig.client.day = workday(
        after, start=start, finish=None if after is DayState.OPENED else finish
    )
    rig.poll()
    assert rig.notes == [(CHANGED_TITLE, message)]
    assert rig.view.day_state is after


def test_our_own_action_is_not_told_as_a_change(rig: Rig) -> None:
    rig.start()
    rig.act(Action.PAUSE)
    rig.poll()
    rig.act(Action.RESUME)
    rig.poll()
    assert rig.notes == []


def test_our_action_with_a_lost_answer_is_not_told_as_a_change(rig: Rig) -> None:
    rig.start()
    rig.client.fail(UnavailableError("Whether the close took effect is unknown."))
    assert rig.controller.request(Action.CLOSE)
    rig.wait(lambda: rig.view.waiting is not None)
    rig.client.day = workday(DayState.CLOSED, finish=START + timedelta(hours=2))  # it did
    action_timer(rig).fire()
    rig.wait(lambda: bool(rig.done))
    assert [(o.action, o.applied, o.recovered) for o in rig.done] == [(Action.CLOSE, True, True)]
    assert rig.failed == []
    assert CHANGED_TITLE not in rig.titles()
    assert rig.view.day_state is DayState.CLOSED
    assert rig.calls().count("perform") == 1


def test_a_lost_answer_never_checked_holds_the_clicks_until_a_read(rig: Rig) -> None:
    """The checks fail until the bounded wait is over: it failed, whether it took effect is
    unknown, and no action is offered (nor taken) until a read answers."""
    rig.start()
    lost = UnavailableError("Whether the close took effect is unknown.")
    rig.client.fail(lost, *[UnavailableError("no answer") for _ in range(20)])
    assert rig.controller.request(Action.CLOSE)
    while not rig.failed:
        rig.wait(lambda: rig.controller.idle)
        if rig.failed:
            break
        assert rig.view.waiting is not None
        assert rig.view.waiting.reason is WaitReason.CHECKING
        rig.clock.advance(action_timer(rig).interval_ms / 1000)
        action_timer(rig).fire()
    assert rig.calls().count("perform") == 1
    assert rig.clock() - T0 <= 60.0, "given up within the bounded wait"
    assert rig.view.waiting is None
    assert not rig.view.busy
    assert not rig.view.actions, "the outcome is unknown: nothing offered"
    assert not rig.controller.request(Action.CLOSE)
    rig.client.errors.clear()
    rig.client.day = workday(DayState.CLOSED, finish=START + timedelta(hours=2))
    rig.poll()
    assert CHANGED_TITLE not in rig.titles(), "it was ours"
    assert rig.view.day_state is DayState.CLOSED
    assert rig.view.actions == (Action.OPEN,)


def test_a_forgotten_day_is_told_once(rig: Rig) -> None:
    rig.client.day = workday(DayState.EXPIRED, start=START - timedelta(days=1))
    rig.start()
    rig.poll()
    rig.poll()
    assert rig.titles() == [EXPIRED_TITLE]
    assert "Wed 26 Mar 08:00" in rig.notes[0][1]
    assert rig.view.actions == (Action.CLOSE_EXPIRED,)


def test_offline_is_told_once_after_five_minutes_then_back_online(rig: Rig) -> None:
    rig.start()
    rig.client.fail(*[UnavailableError("Cannot connect to the portal.")] * 3)
    rig.poll()  # unreachable since T0
    rig.pass_time(290)
    rig.poll()
    assert rig.notes == []
    rig.pass_time(10)  # told by the tick, not only when a poll fails
    assert rig.titles() == [OFFLINE_TITLE]
    rig.poll()
    rig.pass_time(600)
    assert rig.titles() == [OFFLINE_TITLE]
    rig.poll()
    rig.poll()
    assert rig.titles() == [OFFLINE_TITLE, ONLINE_TITLE]


def test_an_outage_shorter_than_the_limit_is_not_told(rig: Rig) -> None:
    rig.start()
    rig.client.fail(UnavailableError("Cannot connect to the portal."))
    rig.poll()
    rig.clock.advance(120)
    rig.poll()
    assert rig.notes == []


def test_tracking_switched_off_offers_nothing(rig: Rig) -> None:
    rig.client.settings = PortalSettings(tracking_enabled=False)
    rig.start()
    assert rig.view.actions == ()
    assert not rig.controller.request(Action.PAUSE)


def test_real_timers_poll_and_tick(qtbot: QtBot, client: FakeClient) -> None:
    """The default QTimer-based timers (intervals shortened): polls repeat, stop() ends them."""
    controller = DayController(
        FakeFactory(client), poll_interval_s=0.02, tick_s=0.01, rng=random.Random(1)
    )
    try:
        controller.start()
        qtbot.waitUntil(lambda: len(client.calls) >= 3, timeout=WAIT_MS)
    finally:
        controller.stop()
    assert controller.worker.thread_handle.isFinished()
    timers = controller.findChildren(QTimer)
    assert len(timers) == 3, "poll, tick, and the next try of an own action"
    assert not any(timer.isActive() for timer in timers)


# -- stop ----------------------------------------------------------------------------------------


def test_stop_joins_the_thread_and_closes_the_client_there(rig: Rig) -> None:
    rig.start()
    rig.controller.stop()
    assert rig.controller.worker.thread_handle.isFinished()
    assert rig.client.shutdown_thread is not None
    assert rig.client.shutdown_thread != threading.get_ident()
    assert not rig.timers.poll.active
    assert not rig.timers.tick.active
    assert not rig.controller.refresh()
    assert not rig.controller.request(Action.PAUSE)
