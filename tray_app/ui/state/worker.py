"""The one thread that talks to the portal and the keyring.

Every portal call (and the keyring read hidden in creating the client) runs here, never on the
UI thread, and strictly one after another in the order submitted: a QThread with an event loop
runs one QObject (:class:`_Runner`) whose slot takes queued jobs first in, first out. A
QThreadPool was not used because it may retire its thread when idle and start another one, while
the client is created once and kept on the thread that made it.

Jobs carry a sequence number. Results come back as queued signals, so they arrive in order too;
:class:`ResultGate` still guards the rule "a poll never overwrites a later action" for results
that can arrive late anyway (a job submitted before :meth:`ResultGate.discard_before`, i.e. before
a sign-in, or an injected out-of-order delivery in the tests).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QThread, Signal, Slot

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
        self, action: Action, *, time: datetime | None = None, reason: str | None = None
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

    @property
    def is_poll(self) -> bool:
        """A status read (with or without the settings)."""
        return self.kind in (JobKind.STATUS, JobKind.STATUS_AND_SETTINGS)


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

    def accept(self, job: Job) -> bool:
        """Whether the result of ``job`` is still news; records action results as they pass."""
        if job.kind is JobKind.CALL:
            return True  # not about the day: whoever submitted it waits for the answer
        if job.seq < self._floor:
            return False
        if job.kind is JobKind.ACTION:
            self._newest_action = max(self._newest_action, job.seq)
            return True
        return job.seq > self._newest_action


class _Runner(QObject):
    """Lives on the worker thread; owns the client. Emits ``done(JobResult)``."""

    done = Signal(object)

    def __init__(
        self,
        client_factory: ClientFactory,
        cancelled: threading.Event,
        first_reading: FirstReading | None = None,
    ) -> None:
        super().__init__()
        self._factory = client_factory
        self._cancelled = cancelled
        self._client: PortalClient | None = None
        self._first_reading = first_reading

    def client(self) -> PortalClient:
        """The client, made now if there is none yet (on the worker thread only)."""
        return self._ensure_client()

    @Slot(object)
    def run(self, job: Job) -> None:
        """Run one job; every exception becomes a result, so the thread never dies of one."""
        if self._cancelled.is_set():
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
            self._client = self._factory()
        return self._client

    @staticmethod
    def _execute(client: PortalClient, job: Job) -> JobResult:
        if job.kind is JobKind.STATUS:
            return JobResult(job, reading=client.status())
        if job.kind is JobKind.STATUS_AND_SETTINGS:
            reading, settings = client.status_and_settings()
            return JobResult(job, reading=reading, settings=settings)
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


def _is_portal_error(exc: Exception) -> bool:
    from tray_app.api.errors import TimemanError  # noqa: PLC0415 - loaded with the client

    return isinstance(exc, TimemanError)


class PortalWorker(QObject):
    """The UI thread's handle on the worker thread.

    Signals:
        resultReady(object): a :class:`JobResult`, delivered on the UI thread in job order.
    """

    resultReady = Signal(object)
    _submit = Signal(object)
    _shutdown = Signal()

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
        self._thread = QThread()
        self._thread.setObjectName("timeman-portal")
        self._runner: _Runner | None = _Runner(client_factory, self._cancelled, first_reading)
        self._runner.moveToThread(self._thread)
        # Automatic connections, queued because the ends live on different threads. (Naming
        # Qt.ConnectionType would build PySide's whole Qt namespace, ~35 ms of start-up.)
        self._submit.connect(self._runner.run)
        self._shutdown.connect(self._runner.shutdown)
        self._runner.done.connect(self._deliver)
        self._thread.finished.connect(self._runner.deleteLater)

    @property
    def thread_handle(self) -> QThread:
        """The worker's QThread (tests check that :meth:`stop` ended it)."""
        return self._thread

    def client(self) -> PortalClient:
        """The portal client of the worker, for a task given to ``submit(JobKind.CALL, ...)``
        that needs more of the portal than the polls do (past days). It is made here if there
        is none yet: the account and keyring errors of that are raised to the task.

        Only a task running on the worker thread may call this; anywhere else it raises
        ``RuntimeError`` (the client is not thread-safe and belongs to that thread).
        """
        runner = self._runner
        if QThread.currentThread() is not self._thread or runner is None:
            raise RuntimeError("the portal client is only used on the portal worker's thread")
        return runner.client()

    def start(self) -> None:
        """Start the thread; jobs submitted before wait in its queue."""
        self._thread.start()

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
    ) -> Job:
        """Queue a job behind every job submitted before it; returns it with its number."""
        self._last_seq += 1
        job = Job(self._last_seq, kind, action=action, time=time, reason=reason, task=task)
        if not self._stopped:
            self._submit.emit(job)
        return job

    def stop(self, timeout_ms: int = 15_000) -> bool:
        """Drop the jobs still queued, close the client on its thread and join the thread.

        A call already on its way is not interrupted (an action half-sent must finish); the wait
        is bounded by ``timeout_ms``. Returns whether the thread ended.
        """
        if self._stopped:
            return self._thread.isFinished() or not self._thread.isRunning()
        self._stopped = True
        self._cancelled.set()
        if not self._thread.isRunning():
            return True
        self._shutdown.emit()
        ended = self._thread.wait(timeout_ms)
        if not ended:
            log.warning("the portal thread did not end within %d ms", timeout_ms)
        return ended

    @Slot(object)
    def _deliver(self, result: JobResult) -> None:
        if not self._stopped:
            self.resultReady.emit(result)
