"""An own click's way through the controller: sent at once on the worker's action lane, sent
again or checked while waiting may help, settled by its answer.

:class:`OwnActions` keeps the one action on its way (:class:`~.own_action.PendingAction`) and
its timer; what an answer does to the day shown, the polls and the notices stays with the
controller, told through :class:`ActionHost`. A failed try ends in :meth:`OwnActions.failed`:
the one place that decides between trying again and giving up.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from tray_app.core.action_retry import ActionTimes, action_retry
from tray_app.core.actions import SPECS, Action
from tray_app.core.remedy import Remedy
from tray_app.core.workday import DayState
from tray_app.ui.shared.viewstate import Waiting, WaitReason
from tray_app.ui.state.action_report import ActionOutcomeKind, ActionReport
from tray_app.ui.state.day_notices import no_op_message, not_taken_effect
from tray_app.ui.state.failure import Failure, classify
from tray_app.ui.state.jobs import JobKind, JobResult, ResultGate
from tray_app.ui.state.own_action import PendingAction, Step, not_sent, refused_for_limit
from tray_app.ui.state.timers import Timer, ms
from tray_app.ui.state.worker import PortalWorker

if TYPE_CHECKING:  # only the types: tray_app.api pulls in httpx, loaded after the icon shows
    from tray_app.api.models import DayReading, WriteOutcome

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActionHost:
    """What the controller does for an own action's flow."""

    hold_reads: Callable[[], None]
    """An action goes now: no background read until it is settled."""
    read_sent: Callable[[], None]
    """A request went to the portal (for the read pacing)."""
    answered: Callable[[DayReading], None]
    """The portal answered with this day: show it."""
    expect_own_change: Callable[[], None]
    """The next answer may show the action's effect: not a change made elsewhere."""
    settled: Callable[[ActionReport], None]
    done: Callable[[WriteOutcome], None]
    refused: Callable[[Action, str], None]
    """``action`` did not happen: the sentence says why."""
    failed: Callable[[JobResult, Exception, Action], None]
    """``action`` failed for good (told already): what it means for the reads."""
    follow_up: Callable[[], None]
    """Read the day once more soon."""
    check_reminders: Callable[[], None]
    show: Callable[[], None]
    server_now: Callable[[], datetime]
    keep: Callable[[JobResult, Failure, PendingAction, bool], bool] = lambda *_args: False
    """Keep a click that failed where waiting helps, to send it later with its time (issue
    12; ``resend``: it certainly did not run): True when it was kept, and then it is over."""


class OwnActions:
    """The one own action on its way, from the click until it is settled."""

    def __init__(
        self,
        host: ActionHost,
        worker: PortalWorker,
        gate: ResultGate,
        timer: Callable[[Callable[[], None]], Timer],
        *,
        clock: Callable[[], float],
        rng: random.Random,
        times: ActionTimes,
    ) -> None:
        """``timer(callback)``: the single-shot timer of the next try."""
        self._host = host
        self._worker = worker
        self._gate = gate
        self._timer = timer(self._on_timer)
        self._clock = clock
        self._rng = rng
        self._times = times
        self.pending: PendingAction | None = None
        self.read_first = False
        """An action's outcome is unknown: no action until the day is read."""
        self._stopped = False

    @property
    def busy(self) -> bool:
        """An action is on its way (sent, or waiting to be tried again)."""
        return self.pending is not None

    @property
    def in_flight(self) -> bool:
        """A try (or its check) is at the portal now."""
        return self.pending is not None and self.pending.seq is not None

    def waiting(self) -> Waiting | None:
        """What the action waits for; nothing on its first send (the busy mark says it)."""
        pending = self.pending
        if pending is None or pending.why is None:
            return None
        return Waiting(pending.action, pending.why, pending.retry_in(self._clock()))

    def start(self, action: Action, time: datetime | None, reason: str | None) -> None:
        """Send ``action`` now (the controller checked it may go)."""
        self.pending = PendingAction(action, time, reason, clicked_at=self._clock())
        self._send()

    def forget(self) -> None:
        """Signed out, or signing in again: nothing is awaited any more."""
        self.pending = None
        self._timer.stop()
        self.read_first = False

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()

    def send_waiting_now(self) -> bool:
        """The network came back: a click waiting to be sent again goes now."""
        pending = self.pending
        if pending is None or pending.seq is not None or pending.step is not Step.RESEND:
            return False
        log.info("network is up: sending %s now", pending.action)
        self._timer.stop()
        self._on_timer()
        return True

    def _send(self) -> None:
        """Send the pending action now, on the action lane."""
        pending = self.pending
        assert pending is not None, "an action to send"
        self._host.hold_reads()
        job = self._worker.submit(
            JobKind.ACTION, action=pending.action, time=pending.time, reason=pending.reason
        )
        self._gate.action_sent(job.seq)
        self._host.read_sent()
        pending.seq, pending.step, pending.next_at = job.seq, Step.SENDING, None
        log.info("sending %s (job %d, try %d)", pending.action, job.seq, pending.failures + 1)

    def _on_timer(self) -> None:
        pending = self.pending
        if pending is None or self._stopped or pending.seq is not None:
            return
        if pending.step is Step.RESEND:
            self._send()
        else:
            job = self._worker.submit(JobKind.CHECK)
            self._host.read_sent()
            pending.seq, pending.next_at = job.seq, None
            log.info("reading whether %s took effect (job %d)", pending.action, job.seq)
        self._host.show()

    def on_result(self, result: JobResult) -> bool:
        """An action's answer or failure, or its check's. Returns whether it was news."""
        job, pending = result.job, self.pending
        if pending is None or job.seq != pending.seq:
            log.info("dropped the result of %s job %d: no longer awaited", job.kind, job.seq)
            return False
        pending.seq = None
        if not self._gate.accept(job):  # from before a sign-in
            self.pending = None
            return False
        if result.error is not None:
            self.failed(result, result.error, pending)
        elif job.kind is JobKind.ACTION:
            self.pending = None
            self.answered(result)
            self._host.check_reminders()
        else:
            self.pending = None
            self._checked(result, pending)
            self._host.check_reminders()
        return True

    def failed(self, result: JobResult, error: Exception, pending: PendingAction) -> None:
        """A try failed. Try again soon when waiting may help: send again what certainly did
        not run, read the day after a lost answer; else (or after the bounded wait) it failed."""
        failure = classify(error, sign_in=result.sign_in_failed)
        now = self._clock()
        resend = result.job.kind is JobKind.ACTION and not_sent(error)
        pending.failures += 1
        pending.last_error = error
        # Kept at once, not tried again in memory: unless the portal refused it for its rate
        # limit (not run: the quick retries first).
        if not (resend and refused_for_limit(error)) and self._kept(
            result, failure, pending, resend
        ):
            return
        if failure.remedy is Remedy.WAIT and not failure.signed_out:
            delay = action_retry(
                self._times,
                resend=resend,
                failures=pending.failures,
                waited=now - pending.clicked_at,
                now=now,
                rng=self._rng,
                retry_at=failure.retry_at,
            )
            if delay is not None:
                self._wait(pending, error, resend=resend, until=now + delay)
                return
        if self._kept(result, failure, pending, resend):
            return  # the quick retries are over: kept, sent with its time later
        self.pending = None
        if pending.step is Step.CHECK or (failure.remedy is Remedy.WAIT and not resend):
            self.read_first = True  # whether it took effect is unknown: read before a click
        code = getattr(error, "code", None)
        self._settle(
            pending.action,
            ActionOutcomeKind.FAILED,
            requested_time=pending.time,
            error_code=None if code is None else str(code),
            message=failure.message,
        )
        self._host.refused(pending.action, failure.message)
        self._host.failed(result, error, pending.action)

    def _kept(
        self, result: JobResult, failure: Failure, pending: PendingAction, resend: bool
    ) -> bool:
        self.pending = None  # over if kept: the reads may be timed again meanwhile
        if not self._host.keep(result, failure, pending, resend):
            self.pending = pending
            return False
        self._timer.stop()
        return True

    def _wait(
        self, pending: PendingAction, error: Exception, *, resend: bool, until: float
    ) -> None:
        pending.step = Step.RESEND if resend else Step.CHECK
        if not resend:
            pending.why = WaitReason.CHECKING
            self._host.expect_own_change()
        elif refused_for_limit(error):
            pending.why = WaitReason.BUSY
        else:
            pending.why = WaitReason.UNREACHABLE
        pending.next_at = until
        delay = until - self._clock()
        log.info(
            "%s: %s (%s); trying again in %.1f s",
            pending.action,
            pending.why,
            getattr(error, "code", None) or type(error).__name__,
            delay,
        )
        self._timer.start(ms(delay))

    def _checked(self, result: JobResult, pending: PendingAction) -> None:
        """The day read after a lost answer says whether the action took effect."""
        from tray_app.api.models import WriteOutcome  # noqa: PLC0415 - loaded with the client

        reading = result.reading
        assert reading is not None, "a check answers with a reading"
        host = self._host
        host.answered(reading)
        state = reading.workday.state
        if state is SPECS[pending.action].expected:
            log.info("%s: answer lost, but the day is %s", pending.action, state)
            self._settle(
                pending.action,
                ActionOutcomeKind.RECOVERED,
                requested_time=pending.time,
                state_after=state,
            )
            host.done(WriteOutcome(pending.action, reading, applied=True, recovered=True))
        else:
            message = not_taken_effect(state)
            self._settle(
                pending.action,
                ActionOutcomeKind.FAILED,
                requested_time=pending.time,
                state_after=state,
                message=message,
            )
            host.refused(pending.action, message)
        host.follow_up()

    def answered(self, result: JobResult) -> None:
        """The action's own answer: applied, or a silent no-op told."""
        outcome = result.outcome
        assert outcome is not None, "an action answers with an outcome"
        host = self._host
        host.answered(outcome.reading)
        state = outcome.workday.state
        if outcome.applied:
            log.info("%s done: the day is %s", outcome.action, state)
            kind = ActionOutcomeKind.RECOVERED if outcome.recovered else ActionOutcomeKind.APPLIED
            self._settle(outcome.action, kind, requested_time=result.job.time, state_after=state)
            host.done(outcome)
        else:
            message = no_op_message(state)
            self._settle(
                outcome.action,
                ActionOutcomeKind.NO_OP,
                requested_time=result.job.time,
                state_after=state,
                message=message,
            )
            host.refused(outcome.action, message)
        host.follow_up()

    def _settle(
        self,
        action: Action,
        outcome: ActionOutcomeKind,
        *,
        requested_time: datetime | None,
        state_after: DayState | None = None,
        error_code: str | None = None,
        message: str = "",
    ) -> None:
        """Tell how ``action`` ended (for the history journal), at the portal's time."""
        self._host.settled(
            ActionReport(
                at=self._host.server_now(),
                action=action,
                outcome=outcome,
                requested_time=requested_time,
                state_after=state_after,
                error_code=error_code,
                message=message,
            )
        )
