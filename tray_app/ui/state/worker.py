"""The threads that talk to the portal and the keyring: one for reads, one for own actions.

Every portal call (and the keyring read hidden in creating a client) runs off the UI thread, in
one of two lanes. Each lane is a QThread with an event loop running one QObject
(:class:`LaneRunner`) whose slot takes its queued jobs first in, first out, with its own client,
created on that thread and kept there (the client is not thread-safe). A QThreadPool was not
used because it may retire its thread when idle and start another one.

- The **read lane** runs the background reads, the tasks (:attr:`JobKind.CALL`: a login's check,
  past days) and the first reading made elsewhere.
- The **action lane** runs the person's own clicks (:attr:`JobKind.ACTION`) and the read that
  finds out whether an action whose answer was lost took effect (:attr:`JobKind.CHECK`).

Why a second lane rather than a cancellable read: a read in flight cannot be taken back from
httpx's synchronous client once sent (closing its pool from another thread is not safe), and
the portal counts it anyway; with its own lane a click is sent at once, whatever the read lane
is doing (a read hanging until its timeout included), at the cost of a second connection pool
and a second look into the account (the keyring) at the first click. A read still queued when
an action is submitted is dropped (:meth:`PortalWorker.supersede`): the action's answer and
the read after it bring the day anyway. The action lane's client tries each request once
(:data:`~tray_app.api.retry.NO_RETRY`): the controller tries again itself, so that the tray can
show what it is waiting for and when it tries next.

Jobs carry one sequence number across both lanes. :class:`ResultGate` guards the rule "a poll
never overwrites a later action": a read sent before an action was submitted is no longer news
(its answer may arrive after the action's, from the other lane), nor is any job submitted
before :meth:`ResultGate.discard_before` (i.e. before a sign-in).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QThread, Signal, SignalInstance, Slot

from tray_app.core.actions import Action
from tray_app.ui.state.jobs import (
    ClientFactory,
    FirstReading,
    Job,
    JobKind,
    JobResult,
    PortalClient,
    ResultGate,
)
from tray_app.ui.state.lane_runner import Dropped, LaneRunner

__all__ = [  # the jobs' names, where the start-up and the shell find them
    "ClientFactory",
    "FirstReading",
    "Job",
    "JobKind",
    "JobResult",
    "PortalClient",
    "PortalWorker",
    "ResultGate",
]

log = logging.getLogger(__name__)


class _Lane:
    """One thread, its runner, and the signal that hands it jobs."""

    def __init__(self, name: str, runner: LaneRunner, submit: SignalInstance, stop: SignalInstance):
        self.thread = QThread()
        self.thread.setObjectName(name)
        self.runner: LaneRunner | None = runner
        runner.moveToThread(self.thread)
        # Automatic connections, queued because the ends live on different threads. (Naming
        # Qt.ConnectionType would build PySide's whole Qt namespace, ~35 ms of start-up.)
        submit.connect(runner.run)
        stop.connect(runner.shutdown)
        self.thread.finished.connect(runner.deleteLater)


class PortalWorker(QObject):
    """The UI thread's handle on the two lanes (reads, own actions).

    Signals:
        resultReady(object): a :class:`JobResult`, delivered on the UI thread; in job order
            within a lane, not across the lanes (see :class:`ResultGate`).
    """

    resultReady = Signal(object)
    _submit = Signal(object)
    _submit_action = Signal(object)
    _shutdown = Signal()
    _shutdown_actions = Signal()

    def __init__(
        self,
        client_factory: ClientFactory,
        parent: QObject | None = None,
        first_reading: FirstReading | None = None,
    ) -> None:
        super().__init__(parent)
        self._last_seq = 0
        self._cancelled = threading.Event()
        self._stopped = False
        self._dropped = Dropped()
        reads = LaneRunner(client_factory, self._cancelled, first_reading, dropped=self._dropped)
        actions = LaneRunner(client_factory, self._cancelled, one_try=True)
        self._reads = _Lane("timeman-portal", reads, self._submit, self._shutdown)
        self._actions = _Lane(
            "timeman-actions", actions, self._submit_action, self._shutdown_actions
        )
        reads.done.connect(self._deliver)
        actions.done.connect(self._deliver)
        self._thread = self._reads.thread

    @property
    def thread_handle(self) -> QThread:
        """The read lane's QThread (tests check that :meth:`stop` ended it)."""
        return self._thread

    @property
    def action_thread_handle(self) -> QThread:
        """The action lane's QThread."""
        return self._actions.thread

    def client(self) -> PortalClient:
        """The portal client of the read lane, for a task given to ``submit(JobKind.CALL,
        ...)`` that needs more of the portal than the polls do (past days). It is made here if
        there is none yet: the account and keyring errors of that are raised to the task.

        Only a task running on the read lane's thread may call this; anywhere else it raises
        ``RuntimeError`` (the client is not thread-safe and belongs to that thread).
        """
        runner = self._reads.runner
        if QThread.currentThread() is not self._thread or runner is None:
            raise RuntimeError("the portal client is only used on the portal worker's thread")
        return runner.client()

    def start(self) -> None:
        """Start the threads; jobs submitted before wait in their queues."""
        self._reads.thread.start()
        self._actions.thread.start()

    def next_seq(self) -> int:
        """The number the next job will get (for :meth:`ResultGate.discard_before`)."""
        return self._last_seq + 1

    def submit(
        self,
        kind: JobKind,
        *,
        action: Action | None = None,
        time: datetime | None = None,
        reason: str | None = None,
        task: Callable[[], object] | None = None,
        portal_task: Callable[[PortalClient], object] | None = None,
    ) -> Job:
        """Queue a job behind every job submitted before it to its lane; returns it with its
        number. A reset goes to both lanes."""
        self._last_seq += 1
        job = Job(
            self._last_seq,
            kind,
            action=action,
            time=time,
            reason=reason,
            task=task,
            portal_task=portal_task,
        )
        if not self._stopped:
            if job.kind is JobKind.RESET:
                self._submit.emit(job)
                self._submit_action.emit(job)
            elif job.on_action_lane:
                self._submit_action.emit(job)
            else:
                self._submit.emit(job)
        return job

    def supersede(self, seq: int) -> None:
        """The read numbered ``seq`` is not wanted any more: dropped if it has not started (it
        then brings no result); one already on its way finishes (and :class:`ResultGate` drops
        it if an action came after)."""
        self._dropped.add(seq)

    def stop(self, timeout_ms: int = 15_000) -> bool:
        """Drop the jobs still queued, close the clients on their threads and join them.

        A call already on its way is not interrupted (an action half-sent must finish); the wait
        is bounded by ``timeout_ms`` for each lane. Returns whether both threads ended.
        """
        lanes = (self._reads, self._actions)
        if self._stopped:
            return all(lane.thread.isFinished() or not lane.thread.isRunning() for lane in lanes)
        self._stopped = True
        self._cancelled.set()
        running = [lane for lane in lanes if lane.thread.isRunning()]
        if self._reads in running:
            self._shutdown.emit()
        if self._actions in running:
            self._shutdown_actions.emit()
        ended = True
        for lane in running:
            if not lane.thread.wait(timeout_ms):
                log.warning(
                    "the portal thread %s did not end within %d ms",
                    lane.thread.objectName(),
                    timeout_ms,
                )
                ended = False
        return ended

    @Slot(object)
    def _deliver(self, result: JobResult) -> None:
        if not self._stopped:
            self.resultReady.emit(result)
