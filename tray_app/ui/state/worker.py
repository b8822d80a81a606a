"""The threads that talk to the portal and the keyring: one for reads, one for own actions.

Every portal call (and the keyring read hidden in creating a client) runs off the UI thread, in
one of two lanes. Each lane is a QThread with an event loop running one QObject
(:class:`_Runner`) whose slot takes its queued jobs first in, first out, with its own client,
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
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QThread, Signal, SignalInstance, Slot

from tray_app.core.actions import Action
from tray_app.core.portal_settings import PortalSettings

if TYPE_CHECKING:  # only types: tray_app.api pulls in httpx, which the tray imports lazily
    from tray_app.api.models import DayReading, WriteOutcome
    from tray_app.services.first_day import FirstDay

log = logging.getLogger(__name__)


class PortalClient(Protocol):
    """The part of :class:`tray_app.api.TimemanClient` the tray uses."""

    def status(self) -> DayReading: ...

    def status_and_settings(self) -> tuple[DayReading, PortalSettings]: ...

    def perform(
        self,
        action: Action,
        *,
        time: datetime | None = None,
        reason: str | None = None,
        with_report: bool = True,
    ) -> WriteOutcome: ...

    def shutdown(self) -> None: ...


ClientFactory = Callable[[], PortalClient]
FirstReading = Callable[[], "FirstDay | None"]
"""The first status and settings read elsewhere (tray_app/services/first_day.py), or None: then the
client reads them. Runs on the worker thread, and may wait there."""


class JobKind(StrEnum):
    """What a job asks of the portal."""

    STATUS = "status"
    STATUS_AND_SETTINGS = "status_and_settings"
    ACTION = "action"
    RESET = "reset"
    """Close and forget the client, so the next job reads the account again (after a login)."""
    CHECK = "check"
    """A status read on the action lane: did the action whose answer was lost take effect?"""
    KEPT = "kept"
    """A round of the kept clicks (issue 12) on the action lane: the status read, then what
    the portal allows, in order (:mod:`tray_app.ui.state.kept_flow`); ``portal_task`` runs it
    with the lane's client and its value is the round."""
    CALL = "call"
    """Any other blocking work that must stay off the UI thread (a login's check and keyring
    write, a read of past days through :meth:`PortalWorker.client`), in line with the portal
    calls."""


@dataclass(frozen=True)
class Job:
    """One request for the worker; ``seq`` grows with every job submitted."""

    seq: int
    kind: JobKind
    action: Action | None = None
    time: datetime | None = None
    reason: str | None = None
    task: Callable[[], object] | None = None
    portal_task: Callable[[PortalClient], object] | None = None

    @property
    def is_poll(self) -> bool:
        """A status read (with or without the settings, or an action's check)."""
        return self.kind in (JobKind.STATUS, JobKind.STATUS_AND_SETTINGS, JobKind.CHECK)

    @property
    def on_action_lane(self) -> bool:
        """Runs on the action lane (an own action, its check, or a round of kept clicks)."""
        return self.kind in (JobKind.ACTION, JobKind.CHECK, JobKind.KEPT)


@dataclass(frozen=True)
class JobResult:
    """What a job gave: a reading (and settings), a write outcome, a task's ``value``, or the
    exception raised.

    ``sign_in_failed`` tells that the error came from creating the client (no account, the
    keyring refused), not from the portal.
    """

    job: Job
    reading: DayReading | None = None
    settings: PortalSettings | None = None
    outcome: WriteOutcome | None = None
    value: object = None
    error: Exception | None = None
    sign_in_failed: bool = False


class ResultGate:
    """Which results may still be shown: none from before a sign-in, and no poll whose job is
    older than an action result already shown (it would paint a state the action replaced)."""

    def __init__(self) -> None:
        self._floor = 0
        self._newest_action = 0

    def discard_before(self, seq: int) -> None:
        """Ignore every result of a job numbered below ``seq``."""
        self._floor = max(self._floor, seq)

    def action_sent(self, seq: int) -> None:
        """An action numbered ``seq`` was submitted: reads numbered below it are no longer
        news, even when their answer comes first (the lanes run side by side)."""
        self._newest_action = max(self._newest_action, seq)

    def accept(self, job: Job) -> bool:
        """Whether the result of ``job`` is still news; records action results as they pass."""
        if job.kind is JobKind.CALL:
            return True  # not about the day: whoever submitted it waits for the answer
        if job.seq < self._floor:
            return False
        if job.kind in (JobKind.ACTION, JobKind.KEPT):
            self._newest_action = max(self._newest_action, job.seq)
            return True
        return job.seq > self._newest_action


class _Dropped:
    """The numbers of queued reads that are no longer wanted (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seqs: set[int] = set()

    def add(self, seq: int) -> None:
        with self._lock:
            self._seqs.add(seq)

    def take(self, seq: int) -> bool:
        """Whether ``seq`` was dropped (forgotten then: it is asked once)."""
        with self._lock:
            if seq in self._seqs:
                self._seqs.discard(seq)
                return True
            return False


class _Runner(QObject):
    """Lives on one lane's thread; owns that lane's client. Emits ``done(JobResult)``."""

    done = Signal(object)

    def __init__(
        self,
        client_factory: ClientFactory,
        cancelled: threading.Event,
        first_reading: FirstReading | None = None,
        *,
        dropped: _Dropped | None = None,
        one_try: bool = False,
    ) -> None:
        """``dropped``: reads not to run after all; ``one_try``: each request is tried once
        (the action lane: the controller tries again)."""
        super().__init__()
        self._factory = client_factory
        self._cancelled = cancelled
        self._client: PortalClient | None = None
        self._first_reading = first_reading
        self._dropped = dropped
        self._one_try = one_try

    def client(self) -> PortalClient:
        """The client, made now if there is none yet (on the worker thread only)."""
        return self._ensure_client()

    @Slot(object)
    def run(self, job: Job) -> None:
        """Run one job; every exception becomes a result, so the thread never dies of one."""
        if self._skipped(job):
            return
        if job.kind is JobKind.CALL:
            self.done.emit(self._call(job))
            return
        first = self._take_first_reading(job)  # any job but a call uses or drops it
        if job.kind is JobKind.RESET:
            self._close()
            return
        if isinstance(first, Exception):  # refused elsewhere: reading again now adds load
            self.done.emit(JobResult(job, error=first))
            return
        if first is not None:
            self.done.emit(JobResult(job, reading=first[0], settings=first[1]))
            return
        try:
            client = self._ensure_client()
        except Exception as exc:  # whatever the account or keyring raised: the UI words it
            self.done.emit(JobResult(job, error=exc, sign_in_failed=True))
            return
        try:
            self.done.emit(self._execute(client, job))
        except Exception as exc:  # the error tree, or a bug: reported, never fatal
            if not _is_portal_error(exc):
                log.exception("%s failed unexpectedly", job.kind)
            self.done.emit(JobResult(job, error=exc))

    def _skipped(self, job: Job) -> bool:
        """The worker stopped, or ``job`` is a read an action superseded before it ran."""
        if self._cancelled.is_set():
            return True
        if self._dropped is not None and job.is_poll and self._dropped.take(job.seq):
            log.debug("read job %d dropped: an action came first", job.seq)
            return True
        return False

    @Slot()
    def shutdown(self) -> None:
        """Close the client here, on its own thread, then end the thread's event loop."""
        self._close()
        thread = self.thread()
        thread.quit()

    @staticmethod
    def _call(job: Job) -> JobResult:
        assert job.task is not None, "a call job carries its task"
        try:
            return JobResult(job, value=job.task())
        except Exception as exc:  # handed to whoever submitted the task
            return JobResult(job, error=exc)

    def _take_first_reading(self, job: Job) -> FirstDay | Exception | None:
        """The reading made elsewhere answers the first full status read, and only that: any
        other job first (an action, a sign-in) makes it stale. A portal error from it (its
        refusal for the rate limit) answers the read as well."""
        take, self._first_reading = self._first_reading, None
        if take is None or job.kind is not JobKind.STATUS_AND_SETTINGS:
            return None
        try:
            return take()
        except Exception as exc:
            if _is_portal_error(exc):
                return exc
            log.exception("the first reading made elsewhere failed")  # a bug: the client reads
            return None

    def _ensure_client(self) -> PortalClient:
        if self._client is None:
            client = self._factory()
            if self._one_try:
                _try_once(client)
            self._client = client
        return self._client

    @staticmethod
    def _execute(client: PortalClient, job: Job) -> JobResult:
        if job.kind in (JobKind.STATUS, JobKind.CHECK):
            return JobResult(job, reading=client.status())
        if job.kind is JobKind.STATUS_AND_SETTINGS:
            reading, settings = client.status_and_settings()
            return JobResult(job, reading=reading, settings=settings)
        if job.kind is JobKind.KEPT:
            assert job.portal_task is not None, "a kept round carries its task"
            return JobResult(job, value=job.portal_task(client))
        assert job.action is not None, "an action job names its action"
        outcome = client.perform(job.action, time=job.time, reason=job.reason)
        return JobResult(job, reading=outcome.reading, outcome=outcome)

    def _close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.shutdown()
            except Exception:  # closing a pool must not keep the app from quitting
                log.warning("closing the portal client failed", exc_info=True)


def _try_once(client: PortalClient) -> None:
    """Make ``client`` try each request once, when it can be told (the real client can; the
    tests' fakes never retry)."""
    setter = getattr(client, "set_retry_policy", None)
    if callable(setter):
        from tray_app.api.retry import NO_RETRY  # noqa: PLC0415 - loaded with the client

        setter(NO_RETRY)


def _is_portal_error(exc: Exception) -> bool:
    from tray_app.api.errors import TimemanError  # noqa: PLC0415 - loaded with the client

    return isinstance(exc, TimemanError)


class _Lane:
    """One thread, its runner, and the signal that hands it jobs."""

    def __init__(self, name: str, runner: _Runner, submit: SignalInstance, stop: SignalInstance):
        self.thread = QThread()
        self.thread.setObjectName(name)
        self.runner: _Runner | None = runner
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
        self._dropped = _Dropped()
        reads = _Runner(client_factory, self._cancelled, first_reading, dropped=self._dropped)
        actions = _Runner(client_factory, self._cancelled, one_try=True)
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
