"""One lane's side of the portal worker, on the lane's own thread: it runs the queued jobs
first in, first out with the lane's own client (made there, kept there: it is not
thread-safe), and skips the reads an own action superseded before they ran."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from tray_app.ui.state.jobs import (
    ClientFactory,
    FirstReading,
    Job,
    JobKind,
    JobResult,
    PortalClient,
)

if TYPE_CHECKING:
    from tray_app.services.first_day import FirstDay

log = logging.getLogger(__name__)


class Dropped:
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


class LaneRunner(QObject):
    """Lives on one lane's thread; owns that lane's client. Emits ``done(JobResult)``."""

    done = Signal(object)

    def __init__(
        self,
        client_factory: ClientFactory,
        cancelled: threading.Event,
        first_reading: FirstReading | None = None,
        *,
        dropped: Dropped | None = None,
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
