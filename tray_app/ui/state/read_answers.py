"""What an answer of the portal, or a failure, does: the day shown, a change made elsewhere
told, the next read timed (the back-off, a halt while only the person can help), signing out.

The controller hands every result of the worker here (:meth:`ReadAnswers.on_result`); an own
action's results go through its flow (:mod:`.own_action_flow`) first, which comes back for the
day it brings (:meth:`ReadAnswers.took_action_answer`) or its failure for good
(:meth:`ReadAnswers.failed`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tray_app.core.actions import Action
from tray_app.core.poll_schedule import quiet_day
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.remedy import Remedy
from tray_app.core.workday import DayState, Workday
from tray_app.ui.shared.viewstate import in_day_zone
from tray_app.ui.state.day_knowledge import DayKnowledge
from tray_app.ui.state.day_notices import DayNotices
from tray_app.ui.state.day_reminders import DayReminders
from tray_app.ui.state.failure import Failure, classify
from tray_app.ui.state.jobs import JobKind, JobResult, ResultGate
from tray_app.ui.state.own_action_flow import OwnActions
from tray_app.ui.state.poll_driver import PollDriver
from tray_app.ui.state.worker import PortalWorker

if TYPE_CHECKING:  # only the types: tray_app.api pulls in httpx, loaded after the icon shows
    from tray_app.api.models import DayReading
    from tray_app.ui.state.kept_rounds import KeptRounds

log = logging.getLogger(__name__)


class ReadAnswers:
    """Turns the worker's results into the day known, notices and the next read.

    ``day_answered(workday, server_now)``: every day answered, for the history journal;
    ``task_finished(seq, value, error)``: a task's end; ``check_reminders()``: after an
    answer."""

    def __init__(
        self,
        day: DayKnowledge,
        polls: PollDriver,
        actions: OwnActions,
        *,
        notices: DayNotices,
        reminders: DayReminders,
        worker: PortalWorker,
        gate: ResultGate,
        clock: Callable[[], float],
        day_answered: Callable[[Workday, datetime], None],
        task_finished: Callable[[int, object, object], None],
        check_reminders: Callable[[], None],
    ) -> None:
        self._day = day
        self._polls = polls
        self._actions = actions
        self._notices = notices
        self._reminders = reminders
        self._worker = worker
        self._gate = gate
        self._clock = clock
        self._day_answered = day_answered
        self._task_finished = task_finished
        self._check_reminders = check_reminders
        self.kept: KeptRounds | None = None
        """The kept clicks' rounds (issue 12), when clicks are kept: set by the controller."""

    def on_result(self, result: JobResult) -> bool:
        """One result of the worker. Returns whether the view may have changed."""
        job = result.job
        if job.kind is JobKind.CALL:
            self._task_finished(job.seq, result.value, result.error)
            return False
        if job.kind is JobKind.KEPT:
            self._kept_round(result)
            return True
        if job.on_action_lane:
            if self._actions.on_result(result):
                self._day.signing_in = False
            return True
        was_current_poll = self._polls.answered(job.seq)
        if not self._gate.accept(job):
            log.info("dropped the result of %s job %d: a newer answer was shown", job.kind, job.seq)
            if was_current_poll and not self._polls.timed and not self._day.signed_out:
                self._polls.background(self._polls.timing.regular())
            return True
        self._day.signing_in = False
        if result.error is not None:
            self.failed(result, result.error)
        else:
            self._poll_answer(result)
            self._check_reminders()
        return True

    def _poll_answer(self, result: JobResult) -> None:
        assert result.reading is not None, "a poll answers with a reading"
        day = self._day
        if result.settings is not None:
            day.settings = result.settings
        old = day.reading
        self._answered()
        if not day.outcome_unknown and old is not None:
            self._notices.changed_elsewhere(old.workday, result.reading.workday)
        day.outcome_unknown = False
        self._take(result.reading)
        self._polls.background(self._polls.timing.answered(quiet=self._quiet()))
        if self.kept is not None:
            self.kept.answered()  # the portal answers: what was kept goes now

    def took_action_answer(self, reading: DayReading) -> None:
        """An own action's answer, or its check's: show the day it brings."""
        self._answered()
        self._day.outcome_unknown = False
        self._take(reading)

    def expect_own_change(self) -> None:
        """The next answer may show our own action: not a change made elsewhere."""
        self._day.outcome_unknown = True

    def follow_up(self) -> None:
        """Read once more soon (after an own action)."""
        self._polls.schedule(self._polls.timing.acted())

    def failed(self, result: JobResult, error: Exception, action: Action | None = None) -> None:
        """A read failed, or an own ``action`` did for good (the job may be its check; told
        already): the seam where an own action's failure ends, after
        :meth:`OwnActions.failed` decided not to try again."""
        job = result.job
        failure = classify(error, sign_in=result.sign_in_failed)
        log.warning(
            "%s job %d failed (%s): %s",
            job.kind,
            job.seq,
            getattr(error, "code", None) or type(error).__name__,
            failure.message,
        )
        if failure.signed_out:
            self._sign_out(failure)
            return
        day = self._day
        if failure.remedy is Remedy.WAIT:
            if action is not None and self._actions.read_first:
                day.outcome_unknown = True  # the next answer may show our own action
            self._notices.offline(day.offline(failure.message, self._clock()))
            self._schedule_after(failure)
            return
        if action is not None:
            # A refusal may mean the day changed elsewhere; whether the portal is usable at all
            # (halt or poll on) is for that read to find out.
            self.follow_up()
            return
        day.last_error = failure.message
        if failure.remedy is Remedy.USER_ACTS:
            day.stale = day.reading is not None  # the last day known is shown
        self._schedule_after(failure)

    def kept_click(self, failure: Failure) -> None:
        """An own click was kept (the portal could not take it): the day shown is stale, the
        reads back off; no "try again later": the panel says it is kept."""
        self._notices.offline(self._day.offline(failure.message, self._clock()))
        self._day.last_error = None
        self._schedule_after(failure)

    def kept_day(self, day: Workday) -> None:
        """The day a round of kept clicks saw last: shown like any answer."""
        from tray_app.api.models import DayReading  # noqa: PLC0415 - loaded with the client

        old = self._day.reading
        if old is None:
            return  # shown after the first status read (which starts the rounds anyway)
        self._answered()
        self._take(DayReading(day, old.clock, self._clock()))

    def _kept_round(self, result: JobResult) -> None:
        kept = self.kept
        if kept is None or not kept.owns(result.job.seq):
            return
        if not self._gate.accept(result.job):  # from before a sign-in
            kept.dropped()
            return
        message = kept.finished(result.value, result.error)
        if message is not None:
            self._day.last_error = message

    def _schedule_after(self, failure: Failure) -> None:
        delay = self._polls.timing.failed(
            failure.remedy,
            self._clock(),
            rate_limited=failure.rate_limited,
            retry_at=failure.retry_at,
        )
        if delay is None:
            log.info("not polling until asked: %s", failure.message)
            self._polls.halt()
        else:
            self._polls.background(delay)

    def _sign_out(self, failure: Failure) -> None:
        if failure.auth and not self._day.signed_out:
            self._notices.signed_out(failure.message)
        self._day.sign_out(failure.message)
        self._polls.stop()
        self._actions.forget()
        self._worker.submit(JobKind.RESET)  # the next try reads the account afresh

    def _answered(self) -> None:
        now = self._clock()
        if self._day.answered(now):
            self._notices.back_online()
        self._polls.pacing.answered(now)
        self._actions.read_first = False

    def _take(self, reading: DayReading) -> None:
        """Make ``reading`` the day shown (and tell a forgotten day)."""
        local = datetime.fromtimestamp(self._clock(), UTC)
        self._day.take(reading, local)
        if reading.workday.state is DayState.EXPIRED:
            self._reminders.forgotten_day(reading.workday, self._day.server_now(local))
        self._day_answered(reading.workday, reading.clock.server_now(local))

    def _quiet(self) -> bool:
        """The day shown is closed, far from the time the day starts: poll less (a night, a
        weekend of trays costs the fleet's budget nothing it needs)."""
        reading = self._day.reading
        if reading is None:
            return False
        local = in_day_zone(
            reading, self._day.server_now(datetime.fromtimestamp(self._clock(), UTC))
        )
        time_of_day = local - local.replace(hour=0, minute=0, second=0, microsecond=0)
        return quiet_day(
            closed=reading.workday.state is DayState.CLOSED,
            time_of_day=time_of_day,
            latest_start=(self._day.settings or PortalSettings()).max_start,
        )
