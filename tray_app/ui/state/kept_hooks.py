"""Where the kept clicks (issue 12) meet the day controller: an own click that failed is kept
(:meth:`KeptHooks.keep`, the own-action flow's ``keep``), a round goes on the worker's action
lane, what took effect goes to the history journal. Built by the controller when it is given
the account's :class:`~tray_app.ui.state.kept_flow.KeptFlow`; the rules of when a round goes
are :class:`~tray_app.ui.state.kept_rounds.KeptRounds`'."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tray_app.core.kept_clicks import ACTION_OF
from tray_app.core.read_pacing import ReadPacing
from tray_app.ui.state.action_report import ActionOutcomeKind, ActionReport
from tray_app.ui.state.day_knowledge import DayKnowledge
from tray_app.ui.state.failure import Failure
from tray_app.ui.state.jobs import JobKind, JobResult, ResultGate
from tray_app.ui.state.kept_flow import KeptFlow, RoundTask
from tray_app.ui.state.kept_rounds import KeptRounds
from tray_app.ui.state.own_action import PendingAction
from tray_app.ui.state.read_answers import ReadAnswers
from tray_app.ui.state.timers import TimerFactory
from tray_app.ui.state.worker import PortalWorker

if TYPE_CHECKING:
    from tray_app.services.kept_sending import Settled


class KeptHooks:
    """The controller's side of its kept clicks."""

    def __init__(
        self,
        flow: KeptFlow,
        *,
        worker: PortalWorker,
        gate: ResultGate,
        pacing: ReadPacing,
        answers: ReadAnswers,
        day: DayKnowledge,
        make_timer: TimerFactory,
        clock: Callable[[], float],
        server_now: Callable[[], datetime],
        notify: Callable[[str, str], None],
        settled: Callable[[ActionReport], None],
        changed: Callable[[], None],
        running: Callable[[], bool],
    ) -> None:
        self._worker = worker
        self._gate = gate
        self._pacing = pacing
        self._answers = answers
        self._day = day
        self._clock = clock
        self._server_now = server_now
        self._report = settled
        self._changed = changed
        self.rounds = KeptRounds(
            flow,
            submit=self._submit,
            timer=make_timer(lambda: self.rounds.on_timer(), True),  # noqa: PLW0108 - made here
            server_now=server_now,
            on_day=answers.kept_day,
            notify=notify,
            on_settled=self._settled,
            changed=changed,
            ready=lambda: running() and not day.signed_out,
        )
        day.projection = self.rounds.project
        answers.kept = self.rounds

    def keep(
        self, result: JobResult, failure: Failure, pending: PendingAction, resend: bool
    ) -> bool:
        """An own click failed: kept if waiting helps (then the day shown is stale and the
        reads back off, as for a failed read)."""
        if not self.rounds.keep_own(
            pending,
            failure,
            resend=resend,
            sign_in_failed=result.sign_in_failed,
            reading=self._day.reading,
            local_now=datetime.fromtimestamp(self._clock(), UTC),
        ):
            return False
        self._answers.kept_click(failure)
        self._changed()
        return True

    def _submit(self, task: RoundTask) -> int:
        job = self._worker.submit(JobKind.KEPT, portal_task=task)
        self._gate.action_sent(job.seq)  # an older read's answer is no news after it
        self._pacing.sent(self._clock())
        return job.seq

    def _settled(self, settled: Settled) -> None:
        """For the history journal: a kept click took effect."""
        click = settled.click
        self._report(
            ActionReport(
                at=self._server_now(),
                action=ACTION_OF[click.action],
                outcome=ActionOutcomeKind.APPLIED if settled.sent else ActionOutcomeKind.RECOVERED,
                requested_time=click.clicked_at,
                state_after=settled.day.state,
            )
        )
