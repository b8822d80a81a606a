"""The state between the portal and the tray: what the day is, when to ask again, what to say.

The tray renders its :class:`~tray_app.ui.shared.viewstate.ViewState` values and calls
:meth:`DayController.request`. When to read is decided by pure code in ``core``; the parts
(:mod:`.controller_parts`) turn it into timers and views, and the controller is their public
face (docs/architecture.md follows a click and a poll through them). Tested on a fake clock.
"""

from __future__ import annotations

import logging
import random
import time as _time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from tray_app.core.action_retry import ActionTimes
from tray_app.core.actions import Action, applies
from tray_app.core.kept_clicks import KEPT_ACTIONS
from tray_app.core.poll_schedule import PollTimes
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.read_pacing import Presence, QuietTimes
from tray_app.ui.shared.viewstate import ViewState
from tray_app.ui.state.controller_parts import (
    Hooks,
    Owner,
    PartsOptions,
    build_parts,
    poll_times,
)
from tray_app.ui.state.jobs import (
    ClientFactory,
    FirstReading,
    JobKind,
    JobResult,
    PortalClient,
    ResultGate,
)
from tray_app.ui.state.kept_flow import KeptFlow
from tray_app.ui.state.kept_rounds import KeptRounds
from tray_app.ui.state.timers import QtTimer, TimerFactory
from tray_app.ui.state.worker import PortalWorker

if TYPE_CHECKING:  # only the types: tray_app.api pulls in httpx, loaded after the icon shows
    from tray_app.core.reminders import ReminderKind
    from tray_app.ui.state.planner import DayPlanner

log = logging.getLogger(__name__)


class DayController(QObject):
    """Holds the day, drives the polling, turns answers into views and notifications.

    Signals: ``viewChanged(ViewState)`` only when it differs from the last one;
    ``notify(title, text)`` what the person did not do here (a change elsewhere, a forgotten day,
    offline and back, signed out); ``actionFailed(Action, sentence)`` (the report dialog that
    sent it may say it); ``actionDone(WriteOutcome)``; ``taskFinished(seq, value, error)`` of a
    :meth:`call`; ``woke()`` the clocks jumped; ``dayAnswered(Workday, server_now)`` every day
    answered and ``actionSettled(ActionReport)`` every action's end, for the history journal;
    ``remind(Reminder)`` due now (once a day each); ``remindersChanged(ReminderRecord)`` and
    ``intervalLearnt(seconds)``, to keep between runs.

    Not restartable: after :meth:`stop` make a new one.
    """

    viewChanged = Signal(object)
    notify = Signal(str, str)
    actionFailed = Signal(object, str)
    actionDone = Signal(object)
    taskFinished = Signal(int, object, object)
    dayAnswered = Signal(object, object)
    actionSettled = Signal(object)
    remind = Signal(object)
    remindersChanged = Signal(object)
    intervalLearnt = Signal(float)
    woke = Signal()

    def __init__(
        self,
        client_factory: ClientFactory,
        *,
        clock: Callable[[], float] = _time.time,
        monotonic: Callable[[], float] = _time.monotonic,
        rng: random.Random | None = None,
        timer_factory: TimerFactory | None = None,
        poll_interval_s: float = 60.0,
        jitter: float = 0.1,
        follow_up_s: float = 3.0,
        tick_s: float = 1.0,
        backoff_base_s: float = 60.0,
        backoff_cap_s: float = 900.0,
        offline_notify_after_s: float = 300.0,
        settings_every: int = 10,
        plan_follows: bool = False,
        first_reading: FirstReading | None = None,
        learnt_interval_s: float | None = None,
        action_times: ActionTimes | None = None,
        quiet_times: QuietTimes | None = None,
        start_window_s: float = 0.0,
        kept: KeptFlow | None = None,
        parent: QObject | None = None,
    ) -> None:
        """The settings are :class:`~.controller_parts.PartsOptions`' (what each means is
        told there) and :func:`~.controller_parts.poll_times`'. ``first_reading``: where the
        first full read may be answered from instead of the client
        (tray_app/services/first_day.py)."""
        super().__init__(parent)
        self._clock = clock
        self._started = False
        self._stopped = False
        self._last_view: ViewState | None = None
        self._worker = PortalWorker(client_factory, self, first_reading)
        self._worker.resultReady.connect(self._on_result)
        self._gate = ResultGate()
        parts = build_parts(
            Owner(
                self._worker,
                self._gate,
                self.server_now,
                self.intervalLearnt.emit,
                self.actionSettled.emit,
                self.actionDone.emit,
                self.notify.emit,
                self.remind.emit,
                self.remindersChanged.emit,
                self.dayAnswered.emit,
                self.taskFinished.emit,
            ),
            poll_times(poll_interval_s, jitter, follow_up_s, (backoff_base_s, backoff_cap_s)),
            PartsOptions(
                rng=rng or random.Random(),
                make_timer=timer_factory or (lambda call, once: QtTimer(self, call, once)),
                clock=clock,
                monotonic=monotonic,
                tick_s=tick_s,
                offline_notify_after_s=offline_notify_after_s,
                settings_every=settings_every,
                plan_follows=plan_follows,
                learnt_interval_s=learnt_interval_s,
                action_times=action_times or ActionTimes(),
                quiet_times=quiet_times,
                kept=kept,
                start_window_s=start_window_s,
            ),
            Hooks(
                show=self._emit_view,
                check_reminders=self._check_reminders,
                refused=self._refused,
                on_tick=self._on_tick,
                running=lambda: self._started and not self._stopped,
            ),
        )
        self._timing, self._pacing, self._day = parts.timing, parts.pacing, parts.day
        self._polls, self._ticker, self._actions = parts.polls, parts.ticker, parts.actions
        self._notices, self._reminders = parts.notices, parts.reminders
        self._answers = parts.answers
        self.kept: KeptRounds | None = parts.kept
        """The kept clicks' rounds (None: clicks are not kept): the panel's Send now and
        Discard, the CLI's clicks (``look_elsewhere``) go to it."""

    # -- public face -----------------------------------------------------------------------

    @property
    def worker(self) -> PortalWorker:
        """The worker (tests check its thread ends with :meth:`stop`)."""
        return self._worker

    @property
    def idle(self) -> bool:
        """No poll, no action and no round of kept clicks on its way."""
        kept_busy = self.kept is not None and self.kept.flow.in_flight
        return self._polls.seq is None and not self._actions.in_flight and not kept_busy

    def start(self) -> None:
        """Start the worker and the tick, show LOADING and read the day: at once, or in a fleet
        at the schedule's random moment of its start window (opening the menu reads at once)."""
        if self._started:
            return
        self._started = True
        self._worker.start()
        self._ticker.start()
        self._emit_view()
        first = self._timing.first()
        if first > 0:
            log.info("one of a fleet: the first read in %.0f s", first)
            self._polls.schedule(first)
        else:
            self._polls.poll()

    def stop(self) -> None:
        """Stop the timers and join the worker thread (a call already on its way finishes)."""
        if self._stopped:
            return
        self._stopped = True
        self._polls.stop()
        self._ticker.stop()
        self._actions.stop()
        if self.kept is not None:
            self.kept.stop()
        self._worker.stop()

    @property
    def poll_times(self) -> PollTimes:
        """The settings of the poll schedule in use."""
        return self._timing.times

    @property
    def learnt_interval_s(self) -> float:
        """The poll interval as the portal's rate limit has taught it (at least the setting)."""
        return self._timing.learnt_interval

    def set_poll_interval(self, seconds: float) -> None:
        """A new interval from the settings; it takes effect from the next scheduled poll."""
        self._timing.set_interval(seconds)

    @property
    def planner(self) -> DayPlanner | None:
        """The plan of the day and week (set after the first status), or None."""
        return self._reminders.planner

    def set_planner(self, planner: DayPlanner | None) -> None:
        """Put the plan into the views and check the reminders from now on (the app does it
        after the first status)."""
        self._reminders.set_planner(planner, self.server_now())
        self.plan_changed()

    def plan_changed(self) -> None:
        """The planner's inputs changed (a schedule, the week's past days, the reminder
        settings): check the reminders and show it now."""
        self._reminders.plan_changed()
        self._check_reminders()
        self._emit_view()

    def snooze(self, kind: ReminderKind) -> bool:
        """Snooze today: no reminder of ``kind`` until tomorrow. False without a planner."""
        shown = self._day.shown(self._local_now())
        if not self._reminders.snooze(kind, self.server_now(), shown):
            return False
        self._emit_view()
        return True

    @property
    def portal_settings(self) -> PortalSettings | None:
        """The portal's limits as last read (None before the first full answer)."""
        return self._day.settings

    def view(self, *, projected: bool = True) -> ViewState:
        """The view as of now: with the kept clicks applied (``projected``), or the portal's
        day as last answered (for a dialog that gives it a time instead)."""
        local = self._local_now()
        return self._day.view(
            local,
            busy=self._actions.busy,
            waiting=self._actions.waiting(),
            hold_actions=self._actions.read_first,
            plan=self._reminders.plan_at(self._day.shown(local)),
            reminder=self._reminders.shown,
            kept=None if self.kept is None else self.kept.note(),
            projected=projected,
        )

    def _check_reminders(self) -> None:
        """Tell the reminders that are due now; note which one the panel shows."""
        minute = int(self._clock() // 60)
        shown = self._day.shown(self._local_now())
        self._reminders.check(shown, minute, lambda: self._polls.before_reminder("a reminder"))

    def server_now(self) -> datetime:
        """The portal's "now" (local clock plus the last answer's skew), for time dialogs."""
        return self._day.server_now(self._local_now())

    def refresh(self) -> bool:
        """Read the day now, unless a read is already on its way. Returns whether one was sent."""
        if not self._polls.may_read(asked=True):
            return False
        self._polls.poll()
        return True

    def refresh_if_stale(self, max_age_s: float = 5.0) -> bool:
        """For "menu opened": read again only if the last answer is older than ``max_age_s``."""
        answered = self._day.last_answer_at
        if answered is not None and self._clock() - answered < max_age_s:
            return False
        return self._polls.may_read(asked=False) and self.refresh()

    def on_wake(self) -> bool:
        """The system woke from sleep: the day may have changed meanwhile (and the person
        was away: ``woke`` tells the away monitor at once). Read soon, spread (see
        :meth:`~tray_app.core.poll_schedule.PollSchedule.woke`); opening the menu reads at once."""
        self.woke.emit()
        return self._polls.read_soon("woke from sleep")

    def on_network_up(self) -> bool:
        """The network came back: no need to wait out the back-off. A click waiting to be
        sent again goes now (the person waits for it; a read would come after it anyway)."""
        return self._actions.send_waiting_now() or self._polls.read_soon("network is up")

    def request(
        self, action: Action, *, time: datetime | None = None, reason: str | None = None
    ) -> bool:
        """Send ``action`` once. False, and nothing sent, while another action is on its way,
        before the first answer, when signed out, or when ``action`` does not apply to the last
        known day. The result arrives as ``actionDone``/``actionFailed`` and a new view."""
        reading = self._day.reading
        if not self._started or self._stopped or self._actions.busy or self._day.signed_out:
            return False
        if self.kept is not None and self.kept.holding:
            # Behind the kept clicks, never before them; one with a time would overtake them.
            kept = time is None and action in KEPT_ACTIONS and self.kept.keep_behind(action)
            self._emit_view()
            return kept
        if reading is None or not applies(action, reading.workday.state):
            return False
        if self._actions.read_first or not self._day.tracking:
            return False
        self._actions.start(action, time, reason)
        self._emit_view()
        return True

    @property
    def presence(self) -> Presence:
        """Whether the person is here, away or locked, as last told."""
        return self._pacing.presence

    def set_presence(self, presence: Presence) -> bool:
        """The person is here, away from the desk, or the screen is locked (the away monitor
        tells). Away or locked, the background reads come further apart; back at a day shown
        too old, one read comes soon, spread like a wake's. Returns whether a read was
        scheduled for the return."""
        return self._polls.set_presence(presence)

    def reconnect(self) -> None:
        """After a login or logout: forget the client and the day, read the account again.

        Results of jobs sent before are dropped; the view says "Signing in…" until an answer.
        """
        if not self._started or self._stopped:
            return
        self._gate.discard_before(self._worker.next_seq())
        self._worker.submit(JobKind.RESET)
        self._day.signing_in_again()
        self._actions.forget()
        self._polls.restart()
        self._emit_view()
        self._polls.poll()

    def call(self, task: Callable[[], object]) -> int:
        """Run ``task`` on the portal thread, in line with the polls (a login's check and keyring
        write belong there too). Returns its number; ``taskFinished`` brings the result.
        A task that needs the portal client asks :meth:`portal_client` for it."""
        return self._worker.submit(JobKind.CALL, task=task).seq

    def portal_client(self) -> PortalClient:
        """The worker's portal client, made if needed; only for a task given to :meth:`call`
        (it runs on the worker thread; elsewhere this raises ``RuntimeError``)."""
        return self._worker.client()

    # -- the tick ----------------------------------------------------------------------------

    def _on_tick(self) -> None:
        jump = self._ticker.jumped()
        if jump is not None:
            log.info("the clock jumped %.0f s (sleep or a clock change)", jump)
            self.on_wake()
        now = self._clock()
        self._notices.offline(self._day.still_offline(now))
        if int(now // 60) != self._reminders.checked_minute:
            self._check_reminders()
        self._emit_view()

    # -- results -----------------------------------------------------------------------------

    @Slot(object)
    def _on_result(self, result: JobResult) -> None:
        if not self._stopped and self._answers.on_result(result):
            self._emit_view()

    def _refused(self, action: Action, message: str) -> None:
        """Said by whoever shows it: the report dialog that sent the action, else a
        notification (:func:`~.day_notices.failure_title`)."""
        log.info("%s failed: %s", action, message)
        self.actionFailed.emit(action, message)

    # -- helpers -----------------------------------------------------------------------------

    def _local_now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)

    def _emit_view(self) -> None:
        view = self.view()
        if view != self._last_view:
            self._last_view = view
            self.viewChanged.emit(view)
        if self._started and not self._stopped:  # the next tick, when a figure shown turns
            self._ticker.arm(
                countdown=self._actions.waiting() is not None,
                reading=self._day.reading,
                frozen=self._day.frozen,
                offline_due=self._day.offline_due,
            )
