"""The day controller's collaborators, built and connected once (:func:`build_parts`): the poll
schedule and its timers, what is known of the day, the tick, the own clicks, the notices and
reminders, what an answer does, and the kept clicks. The controller keeps them and only
forwards; each part talks to the others through the callables given here."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tray_app.core.action_retry import ActionTimes
from tray_app.core.actions import Action
from tray_app.core.backoff import Backoff
from tray_app.core.poll_schedule import PollSchedule, PollTimes
from tray_app.core.read_pacing import QuietTimes, ReadPacing
from tray_app.ui.state.day_knowledge import DayKnowledge
from tray_app.ui.state.day_notices import DayNotices
from tray_app.ui.state.day_reminders import DayReminders
from tray_app.ui.state.jobs import ResultGate
from tray_app.ui.state.kept_flow import KeptFlow
from tray_app.ui.state.kept_hooks import KeptHooks
from tray_app.ui.state.kept_rounds import KeptRounds
from tray_app.ui.state.own_action_flow import ActionHost, OwnActions
from tray_app.ui.state.poll_driver import PollDriver
from tray_app.ui.state.read_answers import ReadAnswers
from tray_app.ui.state.tick import Ticker
from tray_app.ui.state.timers import TimerFactory
from tray_app.ui.state.worker import PortalWorker

if TYPE_CHECKING:
    from datetime import datetime

    from tray_app.api.models import WriteOutcome
    from tray_app.core.reminders import Reminder, ReminderRecord
    from tray_app.core.workday import Workday
    from tray_app.ui.state.action_report import ActionReport


def poll_times(
    interval_s: float, jitter: float, follow_up_s: float, backoff_s: tuple[float, float]
) -> PollTimes:
    """The schedule benchmarks/fleet.py measures (``PollTimes()``), with these settings;
    ``backoff_s``: the back-off's first wait and its cap. (The fleet's start window comes
    with the options.)"""
    defaults = PollTimes()
    base, cap = backoff_s
    return dataclasses.replace(
        defaults,
        interval=interval_s,
        jitter=jitter,
        follow_up=follow_up_s,
        backoff=Backoff(base=base, cap=cap, spread=0.2),
        max_interval=max(defaults.max_interval, interval_s),
    )


@dataclass(frozen=True)
class PartsOptions:
    """The controller's settings its parts are made with (:class:`~.controller.DayController`'s
    keywords)."""

    rng: random.Random
    make_timer: TimerFactory
    clock: Callable[[], float]
    monotonic: Callable[[], float]
    """The clock that stops while the machine sleeps (a sleep is the wall clock moving more)."""
    tick_s: float
    """The tick while a countdown in seconds shows."""
    offline_notify_after_s: float
    settings_every: int
    plan_follows: bool
    """A planner will be set after the first answer (the app does it); a forgotten day seen
    before is told then, unless the reminders' record kept between runs says it was told
    today already."""
    learnt_interval_s: float | None
    """The interval an earlier run learnt (``intervalLearnt``)."""
    action_times: ActionTimes
    """How an own action waits for a busy portal."""
    quiet_times: QuietTimes | None
    """How much less to read while the person is away (:mod:`tray_app.core.read_pacing`)."""
    kept: KeptFlow | None
    """The account's kept clicks (issue 12): an own click the portal could not take is kept
    there and sent later with its time (None: it fails, as before)."""
    start_window_s: float = 0.0
    """The fleet's start window (:func:`~tray_app.core.fleet_start.fleet_start_window`): the
    first read comes at a random moment of it (0: at once)."""


@dataclass(frozen=True)
class Owner:
    """What the parts are given of the controller: its worker and result gate, the portal's
    now, and its signals' ``emit``s."""

    worker: PortalWorker
    gate: ResultGate
    server_now: Callable[[], datetime]
    interval_learnt: Callable[[float], None]
    action_settled: Callable[[ActionReport], None]
    action_done: Callable[[WriteOutcome], None]
    notify: Callable[[str, str], None]
    remind: Callable[[Reminder], None]
    reminders_changed: Callable[[ReminderRecord], None]
    day_answered: Callable[[Workday, datetime], None]
    task_finished: Callable[[int, object, object], None]


@dataclass(frozen=True)
class Hooks:
    """The controller's own steps the parts call: show the view, check the reminders, say an
    action failed, the tick, whether it runs."""

    show: Callable[[], None]
    check_reminders: Callable[[], None]
    refused: Callable[[Action, str], None]
    on_tick: Callable[[], None]
    running: Callable[[], bool]


@dataclass(frozen=True)
class Parts:
    timing: PollSchedule
    pacing: ReadPacing
    day: DayKnowledge
    polls: PollDriver
    ticker: Ticker
    actions: OwnActions
    notices: DayNotices
    reminders: DayReminders
    answers: ReadAnswers
    kept: KeptRounds | None


class _Late:
    """What the parts made later are, for the callables of the parts made earlier (hence the
    lambdas: ``late.answers`` does not exist yet when they are made)."""

    actions: OwnActions
    answers: ReadAnswers
    kept: KeptHooks | None = None


def build_parts(owner: Owner, times: PollTimes, options: PartsOptions, hooks: Hooks) -> Parts:
    """The parts of ``owner`` (its worker, gate and signals are made already)."""
    late = _Late()
    clock, make = options.clock, options.make_timer
    times = dataclasses.replace(times, start_window=options.start_window_s)
    timing = PollSchedule(times, options.rng, learnt_interval=options.learnt_interval_s)
    pacing = ReadPacing(options.quiet_times)
    day = DayKnowledge(options.offline_notify_after_s)
    polls = PollDriver(
        timing,
        pacing,
        owner.worker,
        lambda callback: make(callback, True),
        clock=clock,
        settings_every=options.settings_every,
        running=hooks.running,
        busy=lambda: late.actions.busy,
        signed_out=lambda: day.signed_out,
        needs_settings=lambda: day.settings is None,
        interval_learnt=owner.interval_learnt,
    )
    ticker = Ticker(
        make(hooks.on_tick, False),
        tick_s=options.tick_s,
        clock=clock,
        monotonic=options.monotonic,
    )
    host = ActionHost(
        hold_reads=polls.hold,
        read_sent=lambda: pacing.sent(clock()),
        answered=lambda reading: late.answers.took_action_answer(reading),  # noqa: PLW0108 - made below
        expect_own_change=lambda: late.answers.expect_own_change(),  # noqa: PLW0108 - made below
        settled=owner.action_settled,
        done=owner.action_done,
        refused=hooks.refused,
        failed=lambda result, error, action: late.answers.failed(result, error, action),  # noqa: PLW0108 - made below
        follow_up=lambda: late.answers.follow_up(),  # noqa: PLW0108 - made below
        check_reminders=hooks.check_reminders,
        show=hooks.show,
        server_now=owner.server_now,
        keep=lambda *failed: late.kept is not None and late.kept.keep(*failed),
    )
    late.actions = OwnActions(
        host,
        owner.worker,
        owner.gate,
        lambda callback: make(callback, True),
        clock=clock,
        rng=options.rng,
        times=options.action_times,
    )
    notices = DayNotices(owner.notify)
    reminders = DayReminders(
        notices,
        plan_follows=options.plan_follows,
        fired=owner.remind,
        record_changed=owner.reminders_changed,
    )
    late.answers = ReadAnswers(
        day,
        polls,
        late.actions,
        notices=notices,
        reminders=reminders,
        worker=owner.worker,
        gate=owner.gate,
        clock=clock,
        day_answered=owner.day_answered,
        task_finished=owner.task_finished,
        check_reminders=hooks.check_reminders,
    )
    if options.kept is not None:
        late.kept = KeptHooks(
            options.kept,
            worker=owner.worker,
            gate=owner.gate,
            pacing=pacing,
            answers=late.answers,
            day=day,
            make_timer=make,
            clock=clock,
            server_now=owner.server_now,
            notify=owner.notify,
            settled=owner.action_settled,
            changed=hooks.show,
            running=hooks.running,
        )
    return Parts(
        timing,
        pacing,
        day,
        polls,
        ticker,
        late.actions,
        notices,
        reminders,
        late.answers,
        None if late.kept is None else late.kept.rounds,
    )
