"""The state between the portal and the tray: what the day is, when to ask again, what to say.

The tray (view) only renders :class:`~tray_app.ui.shared.viewstate.ViewState` values and calls
:meth:`DayController.request`. When to read is decided by :mod:`tray_app.core.timing` (the poll
schedule, back-off, jitter, sleep and offline detection, pure); this class turns its answers into
timers, and is tested on a fake clock with fake timers:

- poll every ``poll_interval_s`` ± 10 %, the interval growing under the portal's rate limit and
  coming back slowly; the settings ride along on the first poll and every ``settings_every``-th;
- one quick follow-up poll after an action, to catch what the server did next;
- an own action goes at once on the worker's action lane (a read still queued is dropped), is
  sent again within seconds when the portal refused it before running it (the rate limit), and
  after a lost answer the day is read before anything is sent again (:mod:`.own_action`); the
  view says meanwhile what it waits for;
- fewer reads while the person is away or the screen locked, one (spread) on the return, and
  one before a reminder fires on a day read too long ago
  (:class:`~tray_app.core.timing.ReadPacing`);
- back-off 60 s, 120 s, 240 s … (capped at 15 min) while waiting may help, never earlier than a
  rate limit's ``retry_at``; no background polling while only the person can help (an untrusted
  certificate, a deleted or moved portal: :mod:`tray_app.core.remedy`), until they ask again;
- a 1 s tick that recomputes the view locally (no request) and re-emits it only when what is
  shown changed; a tick that finds the wall clock jumped means the machine slept: read again;
- the answer is the truth: the answered day is rendered, a silent no-op is reported, an action
  is never re-sent (the api layer re-reads the status after a lost answer).
"""

from __future__ import annotations

import dataclasses
import logging
import random
import time as _time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from tray_app.core.action_retry import ActionTimes, action_retry
from tray_app.core.actions import SPECS, Action, applies
from tray_app.core.backoff import Backoff
from tray_app.core.clock_watch import ClockWatch
from tray_app.core.elapsed import Elapsed
from tray_app.core.kept_clicks import ACTION_OF, KEPT_ACTIONS
from tray_app.core.offline_watch import OfflineWatch
from tray_app.core.poll_schedule import PollSchedule, PollTimes, quiet_day
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.read_pacing import Presence, QuietTimes, ReadPacing
from tray_app.core.remedy import Remedy, remedy_of
from tray_app.core.workday import DayState, Workday
from tray_app.ui.shared.viewstate import (
    PlanFigures,
    ViewState,
    Waiting,
    WaitReason,
    compute_view,
    figures,
    in_day_zone,
)
from tray_app.ui.state.kept_flow import KeptFlow, RoundTask
from tray_app.ui.state.kept_rounds import KeptRounds
from tray_app.ui.state.own_action import PendingAction, Step, not_sent, refused_for_limit
from tray_app.ui.state.worker import (
    ClientFactory,
    FirstReading,
    JobKind,
    JobResult,
    PortalClient,
    PortalWorker,
    ResultGate,
)
from tray_app.ui.text.messages import QT_TRANSLATE_NOOP, day_and_time, error_text, internal_error

if TYPE_CHECKING:  # only the types: tray_app.api pulls in httpx, loaded after the icon shows
    from tray_app.api.models import DayReading
    from tray_app.core.reminders import Reminder, ReminderKind
    from tray_app.services.kept_sending import Settled
    from tray_app.ui.state.planner import DayPlanner

log = logging.getLogger(__name__)

# The texts of the notifications, in English; shown through _tr() in the user's language.
FAILED_TITLES = {
    Action.OPEN: QT_TRANSLATE_NOOP("DayController", "Could not start the workday"),
    Action.RESUME: QT_TRANSLATE_NOOP("DayController", "Could not resume the workday"),
    Action.PAUSE: QT_TRANSLATE_NOOP("DayController", "Could not pause the workday"),
    Action.CLOSE: QT_TRANSLATE_NOOP("DayController", "Could not close the workday"),
    Action.CLOSE_EXPIRED: QT_TRANSLATE_NOOP(
        "DayController", "Could not close the forgotten workday"
    ),
}
NO_OP_MESSAGES = {
    DayState.OPENED: QT_TRANSLATE_NOOP(
        "DayController", "The portal did nothing: the day is still OPENED."
    ),
    DayState.PAUSED: QT_TRANSLATE_NOOP(
        "DayController", "The portal did nothing: the day is still PAUSED."
    ),
    DayState.CLOSED: QT_TRANSLATE_NOOP(
        "DayController", "The portal did nothing: the day is still CLOSED."
    ),
    DayState.EXPIRED: QT_TRANSLATE_NOOP(
        "DayController", "The portal did nothing: the day is still EXPIRED."
    ),
}
CHANGED_TITLE = QT_TRANSLATE_NOOP("DayController", "Workday changed elsewhere")
CLOSED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "DayController", "The workday was closed elsewhere (web, phone or auto-close)."
)
PAUSED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "DayController", "The workday was paused elsewhere (web or phone)."
)
RESUMED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "DayController", "The workday was resumed elsewhere (web or phone)."
)
STARTED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "DayController", "A workday was started elsewhere (web or phone)."
)
EXPIRED_TITLE = QT_TRANSLATE_NOOP("DayController", "Workday left open")
OFFLINE_TITLE = QT_TRANSLATE_NOOP("DayController", "Portal unreachable")
ONLINE_TITLE = QT_TRANSLATE_NOOP("DayController", "Back online")
SIGNED_OUT_TITLE = QT_TRANSLATE_NOOP("DayController", "Signed out")
NOT_TAKEN_EFFECT = QT_TRANSLATE_NOOP(
    "DayController",
    "Its answer was lost, and the day read since is still {state}: it did not take effect. "
    "Nothing was sent twice.",
)


class Timer(Protocol):
    """The little of QTimer the controller uses; tests pass timers they fire by hand."""

    def start(self, msec: int) -> None: ...

    def stop(self) -> None: ...

    def is_active(self) -> bool: ...


TimerFactory = Callable[[Callable[[], None], bool], Timer]
"""``factory(callback, single_shot)`` -> a stopped timer that calls ``callback`` on timeout."""


class _QtTimer:
    """A QTimer behind :class:`Timer`."""

    def __init__(self, parent: QObject, callback: Callable[[], None], single_shot: bool) -> None:
        self._timer = QTimer(parent)
        self._timer.setSingleShot(single_shot)
        self._timer.timeout.connect(callback)

    def start(self, msec: int) -> None:
        self._timer.start(msec)

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()


@dataclass(frozen=True)
class Failure:
    """A failure in the controller's terms; ``message`` is one sentence for a person.

    ``signed_out``: there is no usable account (none, the keyring refused, or the webhook stopped
    working: ``auth``)."""

    remedy: Remedy
    message: str
    retry_at: float | None = None
    rate_limited: bool = False
    signed_out: bool = False
    auth: bool = False


class ActionOutcomeKind(StrEnum):
    """How an action ended, as the history journal records it."""

    APPLIED = "applied"
    NO_OP = "no_op"
    RECOVERED = "recovered"
    FAILED = "failed"


@dataclass(frozen=True)
class ActionReport:
    """One action and its end: when (the portal's time), what, how it ended, the time asked
    for (a changed start or end), the day's state after it, the portal's error code."""

    at: datetime
    action: Action
    outcome: ActionOutcomeKind
    requested_time: datetime | None = None
    state_after: DayState | None = None
    error_code: str | None = None
    message: str = ""


def classify(error: Exception, *, sign_in: bool = False) -> Failure:
    """Sort an exception of the worker into a :class:`Failure`.

    ``sign_in``: it came from creating the client (account, keyring), so there is no client.
    """
    from tray_app.api import errors  # noqa: PLC0415 - httpx is loaded after the icon shows

    remedy = remedy_of(error)
    if isinstance(error, errors.AuthError):
        return Failure(remedy, error_text(error), signed_out=True, auth=True)
    if sign_in:
        message = error_text(error) if str(error) else _internal(error)
        return Failure(remedy, message, signed_out=True)
    if not isinstance(error, errors.TimemanError):
        return Failure(remedy, _internal(error))
    if isinstance(error, errors.RateLimitedError):
        return Failure(remedy, error_text(error), retry_at=error.retry_at, rate_limited=True)
    return Failure(remedy, error_text(error))


def _internal(error: Exception) -> str:
    return internal_error(error)


def _tr(text: str) -> str:
    """One of this module's QT_TRANSLATE_NOOP texts in the user's language."""
    return QCoreApplication.translate("DayController", text)


def failure_title(action: Action) -> str:
    """The title of the notification of a failed ``action``, in the user's language."""
    return _tr(FAILED_TITLES[action])


class DayController(QObject):
    """Holds the day, drives the polling, turns answers into views and notifications.

    Signals:
        viewChanged(object): a new :class:`ViewState`, only when it differs from the last one.
        notify(str, str): title and message of something the user did not do here (the day
            changed elsewhere, a forgotten day, offline/back online, signed out).
        actionFailed(object, str): the :class:`Action` and one sentence why it did not happen
            (not notified here: the report dialog that sent it may show it instead).
        actionDone(object): the :class:`~tray_app.api.models.WriteOutcome` of an applied action.
        taskFinished(int, object, object): number, value and exception (or None) of a task
            given to :meth:`call`.
        woke(): the clocks jumped (a sleep, or the clock was set): sample time away now.
        dayAnswered(object, object): every answered :class:`~tray_app.core.workday.Workday`
            (polls and actions alike, also unchanged ones) and the portal's time it was seen
            at, for the history journal.
        actionSettled(object): an :class:`ActionReport` for every action that got an answer
            or failed, for the history journal.
        remind(object): a :class:`~tray_app.core.reminders.Reminder` that is due now (each
            at most once a day; checked after every answer and once a minute).
        remindersChanged(object): the planner's new
            :class:`~tray_app.core.reminders.ReminderRecord`, to keep between runs.
        intervalLearnt(float): the poll interval the rate limit taught moved by a tenth or
            more (or came back to the normal one), to keep between runs.

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
        """``plan_follows``: a planner will be set after the first answer (the app does it); a
        forgotten day seen before is told then, unless the reminders' record kept between runs
        says it was told today already. ``first_reading``: where the first full read may be
        answered from instead of the client (tray_app/services/first_day.py).
        ``learnt_interval_s``: the interval an earlier run learnt (``intervalLearnt``).
        ``action_times``: how an own action waits for a busy portal; ``quiet_times``: how
        much less to read while the person is away (:mod:`tray_app.core.timing`).
        ``start_window_s``: the fleet's start window (:func:`~tray_app.core.timing.
        fleet_start_window`): the first read comes at a random moment of it (0: at once).
        ``kept``: the kept clicks of the account (issue 12): an own click the portal could not
        take is kept there and sent later with its time (None: it fails, as before)."""
        super().__init__(parent)
        self._clock = clock
        # The schedule benchmarks/fleet.py measures (PollTimes()), with these arguments.
        defaults = PollTimes()
        times = dataclasses.replace(
            defaults,
            interval=poll_interval_s,
            jitter=jitter,
            follow_up=follow_up_s,
            backoff=Backoff(base=backoff_base_s, cap=backoff_cap_s, spread=0.2),
            max_interval=max(defaults.max_interval, poll_interval_s),
            start_window=start_window_s,
        )
        self._rng = rng or random.Random()
        self._timing = PollSchedule(times, self._rng, learnt_interval=learnt_interval_s)
        self._action_times = action_times or ActionTimes()
        self._pacing = ReadPacing(quiet_times)
        self._kept_interval = self._timing.learnt_interval
        self._tick_s = tick_s
        self._clock_watch = ClockWatch(tick_s, clock())
        self._offline = OfflineWatch(offline_notify_after_s)
        self._settings_every = max(1, settings_every)

        self._worker = PortalWorker(client_factory, self, first_reading)
        self._worker.resultReady.connect(self._on_result)
        self._gate = ResultGate()
        make = timer_factory or self._qt_timer
        self._poll_timer = make(self._on_poll_timer, True)
        self._tick_timer = make(self._on_tick, False)
        self._action_timer = make(self._on_action_timer, True)
        self._kept: KeptRounds | None = None
        if kept is not None:
            self._kept = KeptRounds(
                kept,
                submit=self._submit_kept,
                timer=make(self._on_kept_timer, True),
                server_now=self.server_now,
                on_day=self._kept_day,
                notify=self.notify.emit,
                on_settled=self._kept_settled,
            )
        self._poll_due_at: float | None = None

        self._started = False
        self._stopped = False
        self._reading: DayReading | None = None
        self._settings: PortalSettings | None = None
        self._frozen: Elapsed | None = None
        self._signed_out = False
        self._signing_in = False
        self._halted = False  # no background polls: only the person can help (and ask again)
        self._stale = False
        self._last_error: str | None = None
        self._pending: PendingAction | None = None
        self._read_first = False  # an action's outcome is unknown: no action until a read
        self._poll_seq: int | None = None
        self._polls_sent = 0
        self._last_answer_at: float | None = None
        self._expired_noticed: set[tuple[int | None, datetime | None]] = set()
        self._plan_follows = plan_follows
        self._expired_waiting: Workday | None = None
        self._outcome_unknown = False
        self._last_view: ViewState | None = None
        self._planner: DayPlanner | None = None
        self._plan_key: tuple[object, ...] | None = None
        self._plan: PlanFigures | None = None
        self._reminder: Reminder | None = None
        self._checked_minute: int | None = None

    def _qt_timer(self, callback: Callable[[], None], single_shot: bool) -> Timer:
        return _QtTimer(self, callback, single_shot)

    # -- public face -----------------------------------------------------------------------

    @property
    def worker(self) -> PortalWorker:
        """The worker (tests check its thread ends with :meth:`stop`)."""
        return self._worker

    @property
    def idle(self) -> bool:
        """No poll, no action and no round of kept clicks on its way."""
        if self._kept is not None and self._kept.flow.in_flight:
            return False
        return self._poll_seq is None and (self._pending is None or self._pending.seq is None)

    def start(self) -> None:
        """Start the worker and the tick, show LOADING and read the day: at once, or in a fleet
        at the schedule's random moment of its start window (opening the menu reads at once)."""
        if self._started:
            return
        self._started = True
        self._worker.start()
        self._clock_watch.restart(self._clock())
        self._tick_timer.start(_ms(self._tick_s))
        self._emit_view()
        first = self._timing.first()
        if first > 0:
            log.info("one of a fleet: the first read in %.0f s", first)
            self._schedule(first)
        else:
            self._poll()

    def stop(self) -> None:
        """Stop the timers and join the worker thread (a call already on its way finishes)."""
        if self._stopped:
            return
        self._stopped = True
        self._poll_timer.stop()
        self._tick_timer.stop()
        self._action_timer.stop()
        if self._kept is not None:
            self._kept.stop()
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
        return self._planner

    def set_planner(self, planner: DayPlanner | None) -> None:
        """Put the plan into the views and check the reminders from now on (the app does it
        after the first status)."""
        self._planner = planner
        waiting, self._expired_waiting = self._expired_waiting, None
        if planner is not None and waiting is not None:
            self._notice_expired(waiting)
        self.plan_changed()

    def plan_changed(self) -> None:
        """The planner's inputs changed (a schedule, the week's past days, the reminder
        settings): check the reminders and show it now."""
        self._plan_key = None
        self._check_reminders()
        self._emit_view()

    def snooze(self, kind: ReminderKind) -> bool:
        """Snooze today: no reminder of ``kind`` until tomorrow. False without a planner."""
        planner = self._planner
        if planner is None:
            return False
        planner.snooze(kind, self.server_now())
        log.info("reminders of %s snoozed for today", kind)
        self.remindersChanged.emit(planner.record)
        self._reminder = self._active_reminder()
        self._emit_view()
        return True

    @property
    def portal_settings(self) -> PortalSettings | None:
        """The portal's limits as last read (None before the first full answer)."""
        return self._settings

    def view(self, *, projected: bool = True) -> ViewState:
        """The view as of now: with the kept clicks applied (``projected``), or the portal's
        day as last answered (a dialog that gives it a time instead)."""
        local = self._local_now()
        kept = self._kept
        reading = self._shown_reading() if projected else self._reading
        return compute_view(
            reading,
            self._settings,
            local,
            signed_out=self._signed_out,
            signing_in=self._signing_in,
            busy=self._pending is not None,
            stale=self._stale,
            last_error=self._last_error,
            previous=self._frozen,
            plan=self._plan_at(local),
            reminder=self._reminder if self._planner is not None else None,
            answered_at=None
            if self._last_answer_at is None
            else datetime.fromtimestamp(self._last_answer_at, UTC),
            waiting=self._waiting(),
            hold_actions=self._read_first,
            kept=None if kept is None else kept.note(),
        )

    def _shown_reading(self) -> DayReading | None:
        """The last answer with the kept clicks applied: what the person sees, and what the
        plan and the reminders go by (a kept close is not "still open")."""
        reading, kept = self._reading, self._kept
        if kept is None or reading is None:
            return reading
        return kept.project(reading)

    def _waiting(self) -> Waiting | None:
        """What an own action waits for; nothing on its first send (the busy mark says it)."""
        pending = self._pending
        if pending is None or pending.why is None:
            return None
        return Waiting(pending.action, pending.why, pending.retry_in(self._clock()))

    def _plan_at(self, local: datetime) -> PlanFigures | None:
        """The plan's figures at ``local``, computed once a minute (and on every change)."""
        planner, reading = self._planner, self._shown_reading()
        if planner is None or reading is None or self._signed_out:
            return None
        now = reading.clock.server_now(local)
        elapsed = figures(reading, local, self._frozen)
        key = (
            reading,
            self._settings,
            planner.version,
            int(now.timestamp() // 60),  # the wall-clock minute: the expected end, overtime
            int(elapsed.worked.total_seconds() // 60),  # the minute the headline shows
            int(elapsed.on_break.total_seconds() // 60),
        )
        if key != self._plan_key:
            self._plan = planner.figures(reading.workday, elapsed, now, self._settings)
            self._plan_key = key
        return self._plan

    def _check_reminders(self) -> None:
        """Tell the reminders that are due now; note which one the panel shows."""
        planner, reading = self._planner, self._shown_reading()
        self._checked_minute = int(self._clock() // 60)
        if planner is None or reading is None or self._signed_out:
            self._reminder = None
            return
        if self._settings is not None and not self._settings.tracking_enabled:
            self._reminder = None
            return
        local = self._local_now()
        now = reading.clock.server_now(local)
        elapsed = figures(reading, local, self._frozen)
        if planner.due(reading.workday, elapsed, now, self._settings) and self._read_first_for(
            "a reminder"
        ):
            self._reminder = planner.active(reading.workday, elapsed, now, self._settings)
            return  # checked again with the answer
        before = planner.record
        due = planner.check(reading.workday, elapsed, now, self._settings)
        if planner.record != before:
            self.remindersChanged.emit(planner.record)
        for reminder in due:  # a forgotten day the notice told is marked fired: not here
            log.info("reminder due: %s", reminder.key)
            self.remind.emit(reminder)
        self._reminder = planner.active(reading.workday, elapsed, now, self._settings)

    def _read_first_for(self, what: str) -> bool:
        """Whether ``what`` (a reminder due) waits for a read of a day shown too old: one is
        on its way, or is sent now (or as soon as the pacing allows). False: go on with the
        day known (fresh enough, read for this already, or no read can be made)."""
        if self._poll_seq is not None or (self._pending is not None):
            return self._reading_is_old()
        if not self._may_read(asked=False):
            return False
        delay = self._pacing.before_reminder(self._clock())
        if delay is None:
            return False
        log.info("%s is due on a day read long ago: reading it first", what)
        if delay <= 0:
            self._poll()
        else:
            self._schedule_within(delay)
        return True

    def _reading_is_old(self) -> bool:
        age = self._pacing.age(self._clock())
        return age is None or age > self._pacing.times.reminder_fresh

    def _active_reminder(self) -> Reminder | None:
        planner, reading = self._planner, self._reading
        if planner is None or reading is None or self._signed_out:
            return None
        if self._settings is not None and not self._settings.tracking_enabled:
            return None
        local = self._local_now()
        elapsed = figures(reading, local, self._frozen)
        return planner.active(
            reading.workday, elapsed, reading.clock.server_now(local), self._settings
        )

    def server_now(self) -> datetime:
        """The portal's "now" (local clock plus the last answer's skew), for time dialogs."""
        local = self._local_now()
        return self._reading.clock.server_now(local) if self._reading else local

    def refresh(self) -> bool:
        """Read the day now, unless a read is already on its way. Returns whether one was sent."""
        if not self._may_read(asked=True):
            return False
        self._poll()
        return True

    def _may_read(self, *, asked: bool) -> bool:
        """Running and no read on its way; a read nobody ``asked`` for explicitly also not
        while signed out (it would only ask the keyring again, maybe with an unlock prompt) nor
        while only the person can help (an untrusted certificate does not heal by itself):
        :meth:`refresh` and :meth:`reconnect` do."""
        if not self._started or self._stopped or self._poll_seq is not None:
            return False
        if self._pending is not None:
            return False  # the action's answer (or its check) brings the day
        return asked or not (self._signed_out or self._halted)

    def refresh_if_stale(self, max_age_s: float = 5.0) -> bool:
        """For "menu opened": read again only if the last answer is older than ``max_age_s``."""
        if self._last_answer_at is not None and self._clock() - self._last_answer_at < max_age_s:
            return False
        return self._may_read(asked=False) and self.refresh()

    def on_wake(self) -> bool:
        """The system woke from sleep: the day may have changed meanwhile (and the person
        was away: ``woke`` tells the away monitor at once). Read soon, spread (see
        :meth:`~tray_app.core.timing.PollSchedule.woke`); opening the menu reads at once."""
        self.woke.emit()
        return self._read_soon("woke from sleep")

    def on_network_up(self) -> bool:
        """The network came back: no need to wait out the back-off. A click waiting to be
        sent again goes now (the person waits for it; a read would come after it anyway)."""
        pending = self._pending
        if pending is not None and pending.seq is None and pending.step is Step.RESEND:
            log.info("network is up: sending %s now", pending.action)
            self._action_timer.stop()
            self._on_action_timer()
            return True
        return self._read_soon("network is up")

    def _read_soon(self, why: str) -> bool:
        """Move the next poll to a random moment of the wake spread. False when no read is
        due (:meth:`_may_read`)."""
        if not self._may_read(asked=False):
            return False
        delay = self._timing.woke()
        log.info("%s: reading the day in %.0f s", why, delay)
        self._schedule(delay)
        return True

    def request(
        self, action: Action, *, time: datetime | None = None, reason: str | None = None
    ) -> bool:
        """Send ``action`` once. False, and nothing sent, while another action is on its way,
        before the first answer, when signed out, or when ``action`` does not apply to the last
        known day. The result arrives as ``actionDone``/``actionFailed`` and a new view."""
        reading = self._reading
        if not self._started or self._stopped or self._pending is not None or self._signed_out:
            return False
        if self._kept is not None and self._kept.holding:
            return self._keep_behind(action, time)
        if reading is None or not applies(action, reading.workday.state) or self._read_first:
            return False
        if self._settings is not None and not self._settings.tracking_enabled:
            return False
        self._pending = PendingAction(action, time, reason, clicked_at=self._clock())
        self._send_action()
        self._emit_view()
        return True

    def _send_action(self) -> None:
        """Send the pending action now, on the action lane; a read still queued is dropped
        and no background read is sent until it is settled (its answer brings the day)."""
        pending = self._pending
        assert pending is not None, "an action to send"
        self._poll_timer.stop()
        self._poll_due_at = None
        if self._poll_seq is not None:
            self._worker.supersede(self._poll_seq)
            self._poll_seq = None
        job = self._worker.submit(
            JobKind.ACTION, action=pending.action, time=pending.time, reason=pending.reason
        )
        self._gate.action_sent(job.seq)
        self._pacing.sent(self._clock())
        pending.seq, pending.step, pending.next_at = job.seq, Step.SENDING, None
        log.info("sending %s (job %d, try %d)", pending.action, job.seq, pending.failures + 1)

    def _on_action_timer(self) -> None:
        pending = self._pending
        if pending is None or self._stopped or pending.seq is not None:
            return
        if pending.step is Step.RESEND:
            self._send_action()
        else:
            job = self._worker.submit(JobKind.CHECK)
            self._pacing.sent(self._clock())
            pending.seq, pending.next_at = job.seq, None
            log.info("reading whether %s took effect (job %d)", pending.action, job.seq)
        self._emit_view()

    # -- presence ----------------------------------------------------------------------------

    @property
    def presence(self) -> Presence:
        """Whether the person is here, away or locked, as last told."""
        return self._pacing.presence

    def set_presence(self, presence: Presence) -> bool:
        """The person is here, away from the desk, or the screen is locked (the away monitor
        tells). Away or locked, the background reads come further apart; back at a day shown
        too old, one read comes soon, spread like a wake's. Returns whether a read was
        scheduled for the return."""
        if presence is self._pacing.presence:
            return False
        log.info("the person is %s", presence)
        delay = self._pacing.set_presence(presence, self._clock(), self._timing.woke())
        if delay is None or not self._may_read(asked=False):
            return False
        log.info("back: reading the day in %.0f s", delay)
        self._schedule_within(delay)
        return True

    def _schedule_within(self, seconds: float) -> None:
        """Read within ``seconds``: a poll due sooner stays."""
        due = self._poll_due_at
        if self._poll_timer.is_active() and due is not None and due - self._clock() <= seconds:
            return
        self._schedule(seconds)

    def reconnect(self) -> None:
        """After a login or logout: forget the client and the day, read the account again.

        Results of jobs sent before are dropped; the view says "Signing in…" until an answer.
        """
        if not self._started or self._stopped:
            return
        self._gate.discard_before(self._worker.next_seq())
        self._worker.submit(JobKind.RESET)
        self._reading = None
        self._settings = None
        self._frozen = None
        self._signed_out = False
        self._signing_in = True
        self._stale = False
        self._last_error = None
        self._pending = None
        self._action_timer.stop()
        self._read_first = False
        self._poll_seq = None
        self._polls_sent = 0
        self._halted = False
        self._offline.forget()
        self._emit_view()
        self._poll()

    def call(self, task: Callable[[], object]) -> int:
        """Run ``task`` on the portal thread, in line with the polls (a login's check and keyring
        write belong there too). Returns its number; ``taskFinished`` brings the result.
        A task that needs the portal client asks :meth:`portal_client` for it."""
        return self._worker.submit(JobKind.CALL, task=task).seq

    def portal_client(self) -> PortalClient:
        """The worker's portal client, made if needed; only for a task given to :meth:`call`
        (it runs on the worker thread; elsewhere this raises ``RuntimeError``)."""
        return self._worker.client()

    # -- polling -----------------------------------------------------------------------------

    def _poll(self) -> None:
        self._poll_timer.stop()
        self._poll_due_at = None
        self._pacing.sent(self._clock())
        self._halted = False
        full = self._settings is None or self._polls_sent % self._settings_every == 0
        self._polls_sent += 1
        kind = JobKind.STATUS_AND_SETTINGS if full else JobKind.STATUS
        self._poll_seq = self._worker.submit(kind).seq

    def _on_poll_timer(self) -> None:
        self._poll_due_at = None
        if self._poll_seq is None and self._pending is None and not self._stopped:
            self._poll()

    def _quiet(self) -> bool:
        """The day shown is closed, far from the time the day starts: poll less (a night, a
        weekend of trays costs the fleet's budget nothing it needs)."""
        reading = self._reading
        if reading is None:
            return False
        local = in_day_zone(reading, self.server_now())
        time_of_day = local - local.replace(hour=0, minute=0, second=0, microsecond=0)
        return quiet_day(
            closed=reading.workday.state is DayState.CLOSED,
            time_of_day=time_of_day,
            latest_start=(self._settings or PortalSettings()).max_start,
        )

    def _schedule(self, seconds: float) -> None:
        if not self._stopped and self._pending is None:
            self._poll_timer.start(_ms(seconds))
            self._poll_due_at = self._clock() + seconds
        self._keep_interval()

    def _schedule_background(self, seconds: float) -> None:
        """A background read: further apart while nobody looks."""
        self._schedule(self._pacing.stretch(seconds))

    def _keep_interval(self) -> None:
        """Tell a learnt interval worth keeping: not every small step of the recovery."""
        learnt, kept = self._timing.learnt_interval, self._kept_interval
        back = learnt == self._timing.times.interval and kept != learnt
        if back or abs(learnt - kept) >= 0.1 * kept:
            self._kept_interval = learnt
            self.intervalLearnt.emit(learnt)

    # -- the tick ----------------------------------------------------------------------------

    def _on_tick(self) -> None:
        now = self._clock()
        jump = self._clock_watch.tick(now)
        if jump is not None:
            log.info("the clock jumped %.0f s (sleep or a clock change)", jump)
            self.on_wake()
        self._tell_offline(self._offline.check(now))
        if int(now // 60) != self._checked_minute:
            self._check_reminders()
        self._emit_view()

    # -- results -----------------------------------------------------------------------------

    @Slot(object)
    def _on_result(self, result: JobResult) -> None:
        if self._stopped:
            return
        job = result.job
        if job.kind is JobKind.CALL:
            self.taskFinished.emit(job.seq, result.value, result.error)
            return
        if job.kind is JobKind.KEPT:
            self._on_kept_result(result)
            self._emit_view()
            return
        if job.on_action_lane:
            self._on_action_lane_result(result)
            self._emit_view()
            return
        was_current_poll = job.seq == self._poll_seq
        if was_current_poll:
            self._poll_seq = None
        if not self._gate.accept(job):
            log.info("dropped the result of %s job %d: a newer answer was shown", job.kind, job.seq)
            if was_current_poll and not self._poll_timer.is_active() and not self._signed_out:
                self._schedule_background(self._timing.regular())
            self._emit_view()
            return
        self._signing_in = False
        if result.error is not None:
            self._on_failure(result, result.error)
        elif job.kind is JobKind.ACTION:
            self._on_action_answer(result)
            self._check_reminders()
        else:
            self._on_poll_answer(result)
            self._check_reminders()
        self._emit_view()

    def _on_poll_answer(self, result: JobResult) -> None:
        assert result.reading is not None, "a poll answers with a reading"
        if result.settings is not None:
            self._settings = result.settings
        old = self._reading
        self._answered()
        if not self._outcome_unknown and old is not None:
            self._notice_change(old.workday, result.reading.workday)
        self._outcome_unknown = False
        self._take(result.reading)
        self._schedule_background(self._timing.answered(quiet=self._quiet()))
        if self._kept is not None:
            self._kept.answered()

    def _on_action_lane_result(self, result: JobResult) -> None:
        """An action's answer or failure, or its check's."""
        job, pending = result.job, self._pending
        if pending is None or job.seq != pending.seq:
            log.info("dropped the result of %s job %d: no longer awaited", job.kind, job.seq)
            return
        pending.seq = None
        if not self._gate.accept(job):  # from before a sign-in
            self._pending = None
            return
        self._signing_in = False
        if result.error is not None:
            self._on_action_failure(result, result.error, pending)
        elif job.kind is JobKind.ACTION:
            self._pending = None
            self._on_action_answer(result)
            self._check_reminders()
        else:
            self._pending = None
            self._on_check_answer(result, pending)
            self._check_reminders()

    def _on_action_failure(
        self, result: JobResult, error: Exception, pending: PendingAction
    ) -> None:
        """Try again soon when waiting may help: send again what certainly did not run, read
        the day after a lost answer; else (or after the bounded wait) it failed."""
        failure = classify(error, sign_in=result.sign_in_failed)
        now = self._clock()
        resend = result.job.kind is JobKind.ACTION and not_sent(error)
        pending.failures += 1
        pending.last_error = error
        if not (resend and refused_for_limit(error)) and self._keep_failed(
            result, failure, pending, resend=resend
        ):
            return  # kept: sent with its time when the portal answers again
        if failure.remedy is Remedy.WAIT and not failure.signed_out:
            delay = action_retry(
                self._action_times,
                resend=resend,
                failures=pending.failures,
                waited=now - pending.clicked_at,
                now=now,
                rng=self._rng,
                retry_at=failure.retry_at,
            )
            if delay is not None:
                pending.step = Step.RESEND if resend else Step.CHECK
                if not resend:
                    pending.why = WaitReason.CHECKING
                    self._outcome_unknown = True  # the next answer may show our own action
                elif refused_for_limit(error):
                    pending.why = WaitReason.BUSY
                else:
                    pending.why = WaitReason.UNREACHABLE
                pending.next_at = now + delay
                log.info(
                    "%s: %s (%s); trying again in %.1f s",
                    pending.action,
                    pending.why,
                    getattr(error, "code", None) or type(error).__name__,
                    delay,
                )
                self._action_timer.start(_ms(delay))
                return
        if self._keep_failed(result, failure, pending, resend=resend):
            return  # the quick retries are over: kept, sent with its time later
        self._pending = None
        if pending.step is Step.CHECK or (failure.remedy is Remedy.WAIT and not resend):
            self._read_first = True  # whether it took effect is unknown: read before a click
        self._on_failure(result, error, action=pending.action, requested_time=pending.time)

    def _on_check_answer(self, result: JobResult, pending: PendingAction) -> None:
        """The day read after a lost answer says whether the action took effect."""
        from tray_app.api.models import WriteOutcome  # noqa: PLC0415 - loaded with the client

        reading = result.reading
        assert reading is not None, "a check answers with a reading"
        self._answered()
        self._outcome_unknown = False
        self._take(reading)
        state = reading.workday.state
        if state is SPECS[pending.action].expected:
            log.info("%s: answer lost, but the day is %s", pending.action, state)
            self._settled(
                pending.action,
                ActionOutcomeKind.RECOVERED,
                requested_time=pending.time,
                state_after=state,
            )
            self.actionDone.emit(
                WriteOutcome(pending.action, reading, applied=True, recovered=True)
            )
        else:
            message = _tr(NOT_TAKEN_EFFECT).format(state=state.value)
            self._settled(
                pending.action,
                ActionOutcomeKind.FAILED,
                requested_time=pending.time,
                state_after=state,
                message=message,
            )
            self._action_failed(pending.action, message)
        self._schedule(self._timing.acted())

    def _on_action_answer(self, result: JobResult) -> None:
        outcome = result.outcome
        assert outcome is not None, "an action answers with an outcome"
        self._answered()
        self._outcome_unknown = False
        self._take(outcome.reading)
        if outcome.applied:
            log.info("%s done: the day is %s", outcome.action, outcome.workday.state)
            kind = ActionOutcomeKind.RECOVERED if outcome.recovered else ActionOutcomeKind.APPLIED
            self._settled(
                outcome.action,
                kind,
                requested_time=result.job.time,
                state_after=outcome.workday.state,
            )
            self.actionDone.emit(outcome)
        else:
            message = _tr(NO_OP_MESSAGES[outcome.workday.state])
            self._settled(
                outcome.action,
                ActionOutcomeKind.NO_OP,
                requested_time=result.job.time,
                state_after=outcome.workday.state,
                message=message,
            )
            self._action_failed(outcome.action, message)
        self._schedule(self._timing.acted())

    def _on_failure(
        self,
        result: JobResult,
        error: Exception,
        *,
        action: Action | None = None,
        requested_time: datetime | None = None,
    ) -> None:
        """A read failed, or an own ``action`` did (the job may be its check)."""
        job = result.job
        failure = classify(error, sign_in=result.sign_in_failed)
        log.warning(
            "%s job %d failed (%s): %s",
            job.kind,
            job.seq,
            getattr(error, "code", None) or type(error).__name__,
            failure.message,
        )
        if action is not None:
            code = getattr(error, "code", None)
            self._settled(
                action,
                ActionOutcomeKind.FAILED,
                requested_time=requested_time,
                error_code=None if code is None else str(code),
                message=failure.message,
            )
            self._action_failed(action, failure.message)
        if failure.signed_out:
            self._sign_out(failure)
            return
        if failure.remedy is Remedy.WAIT:
            if action is not None and self._read_first:
                self._outcome_unknown = True  # the next answer may show our own action
            self._stale = True
            self._last_error = failure.message
            self._tell_offline(self._offline.failed(self._clock()))
            self._schedule_after(failure)
            return
        if action is not None:
            # A refusal may mean the day changed elsewhere; whether the portal is usable at all
            # (halt or poll on) is for that read to find out.
            self._schedule(self._timing.acted())
            return
        self._last_error = failure.message
        if failure.remedy is Remedy.USER_ACTS:
            self._stale = self._reading is not None  # the day shown is the last one known
        self._schedule_after(failure)

    def _schedule_after(self, failure: Failure) -> None:
        delay = self._timing.failed(
            failure.remedy,
            self._clock(),
            rate_limited=failure.rate_limited,
            retry_at=failure.retry_at,
        )
        if delay is None:
            log.info("not polling until asked: %s", failure.message)
            self._halted = True
            self._poll_timer.stop()
        else:
            self._schedule_background(delay)

    def _sign_out(self, failure: Failure) -> None:
        if failure.auth and not self._signed_out:
            self.notify.emit(
                _tr(SIGNED_OUT_TITLE),
                QCoreApplication.translate("DayController", "{message} Sign in again.").format(
                    message=failure.message
                ),
            )
        self._signed_out = True
        self._reading = None
        self._frozen = None
        self._stale = False
        self._offline.forget()
        self._last_error = failure.message
        self._poll_timer.stop()
        self._pending = None
        self._action_timer.stop()
        self._read_first = False
        self._worker.submit(JobKind.RESET)  # the next try reads the account afresh

    def _answered(self) -> None:
        if self._offline.answered():
            self.notify.emit(
                _tr(ONLINE_TITLE),
                QCoreApplication.translate(
                    "DayController", "The portal answers again; the day shown is current."
                ),
            )
        self._signed_out = False
        self._stale = False
        self._last_error = None
        self._last_answer_at = self._clock()
        self._pacing.answered(self._last_answer_at)
        self._read_first = False

    def _take(self, reading: DayReading) -> None:
        """Make ``reading`` the day shown, keeping the worked time of the same day for a PAUSED
        answer without ``TIME_FINISH``."""
        old = self._reading
        local = self._local_now()
        same_day = old is not None and old.workday.started_at == reading.workday.started_at
        self._frozen = figures(old, local, self._frozen) if old and same_day else None
        self._reading = reading
        if reading.workday.state is DayState.EXPIRED:
            self._notice_expired(reading.workday)
        self.dayAnswered.emit(reading.workday, reading.clock.server_now(local))

    def _settled(
        self,
        action: Action,
        outcome: ActionOutcomeKind,
        *,
        requested_time: datetime | None = None,
        state_after: DayState | None = None,
        error_code: str | None = None,
        message: str = "",
    ) -> None:
        self.actionSettled.emit(
            ActionReport(
                at=self.server_now(),
                action=action,
                outcome=outcome,
                requested_time=requested_time,
                state_after=state_after,
                error_code=error_code,
                message=message,
            )
        )

    # -- kept clicks (issue 12; the rules: tray_app/ui/state/kept_rounds.py) ----------------

    @property
    def kept(self) -> KeptRounds | None:
        """The kept clicks' rounds (None: clicks are not kept)."""
        return self._kept

    def send_kept(self, click_id: str) -> bool:
        """The person chose "Send now" (or "Pause now", "Try again"...) for a kept click."""
        if self._kept is None or self._stopped or self._signed_out:
            return False
        started = self._kept.send_now(click_id)
        self._emit_view()
        return started

    def discard_kept(self, click_id: str) -> bool:
        """The person chose to drop a kept click."""
        if self._kept is None or self._stopped:
            return False
        dropped = self._kept.discard(click_id)
        self._emit_view()
        return dropped

    def look_for_kept(self, *, account_changed: bool = False) -> bool:
        """Another process (the CLI) may have kept or sent a click: shown, and sent, at once.
        ``account_changed``: signed in as someone else: their kept clicks, not the last one's."""
        if self._kept is None or self._stopped or self._signed_out:
            return False
        if account_changed:
            self._kept.flow.close()  # opened again for the account now signed in
        changed = self._kept.look_elsewhere(account_changed=account_changed)
        if changed:
            self._emit_view()
        return changed

    def _keep_behind(self, action: Action, time: datetime | None) -> bool:
        """A click while others are kept goes behind them; one with a time (the report dialog)
        would overtake them: refused."""
        assert self._kept is not None, "only while clicks are kept"
        if time is not None or self._pending is not None or action not in KEPT_ACTIONS:
            return False
        kept = self._kept.keep_behind(action)
        self._emit_view()
        return kept

    def _keep_failed(
        self, result: JobResult, failure: Failure, pending: PendingAction, *, resend: bool
    ) -> bool:
        """Keep an own click that failed where waiting helps (not one with a time: the report
        dialog that sent it says why). True when it is kept."""
        kept = self._kept
        if kept is None or pending.time is not None or failure.signed_out:
            return False
        if failure.remedy is not Remedy.WAIT or result.sign_in_failed:
            return False
        wrote = pending.step is Step.CHECK or not resend
        click = kept.keep_failed(
            pending.action, self._reading, wrote=wrote, local_now=self._local_now()
        )
        if click is None:
            return False
        log.info("%s kept (%s): sent when the portal answers", pending.action, failure.message)
        self._pending = None
        self._action_timer.stop()
        self._stale = True
        self._last_error = None  # not "try it again later": it is kept, the panel says so
        self._tell_offline(self._offline.failed(self._clock()))
        self._schedule_after(failure)
        return True

    def _submit_kept(self, task: RoundTask) -> int:
        job = self._worker.submit(JobKind.KEPT, portal_task=task)
        self._gate.action_sent(job.seq)
        self._pacing.sent(self._clock())
        log.info("sending the kept clicks (job %d)", job.seq)
        return job.seq

    def _on_kept_timer(self) -> None:
        if self._kept is not None and not self._stopped and not self._signed_out:
            self._kept.on_timer()
            self._emit_view()

    def _on_kept_result(self, result: JobResult) -> None:
        kept = self._kept
        if kept is None or not kept.owns(result.job.seq):
            return
        if not self._gate.accept(result.job):
            kept.dropped()
            return
        message = kept.finished(result.value, result.error)
        if message is not None:
            self._last_error = message

    def _kept_day(self, day: Workday) -> None:
        """The day a kept round last saw: shown like any answer."""
        from tray_app.api.models import DayReading  # noqa: PLC0415 - loaded with the client

        old = self._reading
        if old is None:
            return  # shown after the first status read (which starts the rounds anyway)
        self._answered()
        self._take(DayReading(day, old.clock, self._clock()))

    def _kept_settled(self, settled: Settled) -> None:
        """For the history journal: a kept click took effect."""
        click = settled.click
        self._settled(
            ACTION_OF[click.action],
            ActionOutcomeKind.APPLIED if settled.sent else ActionOutcomeKind.RECOVERED,
            requested_time=click.clicked_at,
            state_after=settled.day.state,
        )

    # -- notifications -----------------------------------------------------------------------

    def _action_failed(self, action: Action, message: str) -> None:
        """Said by whoever shows it: the report dialog that sent the action, else a
        notification (:func:`failure_title`)."""
        log.info("%s failed: %s", action, message)
        self.actionFailed.emit(action, message)

    def _notice_change(self, before: Workday, after: Workday) -> None:
        """Tell about a change between two polls that no action of ours explains."""
        if after.state is DayState.EXPIRED:
            return  # told by _notice_expired
        if before.state is after.state:
            new_day = before.started_at != after.started_at and after.state is DayState.OPENED
            message = STARTED_ELSEWHERE if new_day else None
        elif after.state is DayState.CLOSED:
            message = CLOSED_ELSEWHERE
        elif after.state is DayState.PAUSED:
            message = PAUSED_ELSEWHERE
        elif before.state is DayState.PAUSED:
            message = RESUMED_ELSEWHERE
        else:
            message = STARTED_ELSEWHERE
        if message is not None:
            log.info("the day went from %s to %s elsewhere", before.state, after.state)
            self.notify.emit(_tr(CHANGED_TITLE), _tr(message))

    def _notice_expired(self, day: Workday) -> None:
        key = (day.record_id, day.started_at)
        if key in self._expired_noticed:
            return
        planner = self._planner
        if planner is None and self._plan_follows:
            self._expired_waiting = day
            return
        self._expired_noticed.add(key)
        if planner is not None:
            if not planner.claim_forgotten_day(self.server_now()):
                return  # told before a restart: the record of today's reminders says so
            self.remindersChanged.emit(planner.record)
        if day.started_at is not None:
            message = QCoreApplication.translate(
                "DayController",
                "The workday started {start} was never closed. Close it with its real end time "
                "before starting a new one.",
            ).format(start=day_and_time(day.started_at))
        else:
            message = QCoreApplication.translate(
                "DayController",
                "The workday was never closed. Close it with its real end time before starting "
                "a new one.",
            )
        self.notify.emit(_tr(EXPIRED_TITLE), message)

    def _tell_offline(self, minutes: int | None) -> None:
        """Say the portal has not answered for ``minutes`` (None: nothing to say)."""
        if minutes is not None:
            self.notify.emit(
                _tr(OFFLINE_TITLE),
                QCoreApplication.translate(
                    "DayController",
                    "The portal has not answered for {minutes} min; the day shown may be out of "
                    "date. Retrying in the background.",
                ).format(minutes=minutes),
            )

    # -- helpers -----------------------------------------------------------------------------

    def _local_now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)

    def _emit_view(self) -> None:
        view = self.view()
        if view != self._last_view:
            self._last_view = view
            self.viewChanged.emit(view)


def _ms(seconds: float) -> int:
    return max(0, round(seconds * 1000))
