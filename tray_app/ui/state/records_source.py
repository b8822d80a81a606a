"""The portal's records, read on the portal worker for the UI thread: the History window and
the week's figure (:mod:`tray_app.ui.state.week_records`) share one source. Small on purpose: the
week needs it right after the first status, long before the window's widgets are wanted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from tray_app.api.record_models import RecordList, RecordsOutcome, RecordsUnavailable

__all__ = ["RecordsSource", "WorkerRecordsSource"]


class RecordsSource(Protocol):
    """Fetches the portal's records that started in [since, until], off the UI thread, and
    calls ``done`` on the UI thread with the outcome or the exception raised."""

    def __call__(
        self,
        since: datetime,
        until: datetime,
        done: Callable[[RecordsOutcome | Exception], None],
    ) -> None: ...


class WorkerRecordsSource:
    """A :class:`RecordsSource` on top of a task runner: ``call(task) -> number`` runs ``task``
    on the portal worker (``DayController.call``), and :meth:`task_finished` must receive the
    runner's ``(number, value, error)`` results (connect ``DayController.taskFinished`` to it).
    ``fetch(since, until)`` runs on the worker and returns what
    :func:`~tray_app.api.records.fetch_records` returns.
    """

    def __init__(
        self,
        call: Callable[[Callable[[], object]], int],
        fetch: Callable[[datetime, datetime], RecordsOutcome],
    ) -> None:
        self._call = call
        self._fetch = fetch
        self._waiting: dict[int, Callable[[RecordsOutcome | Exception], None]] = {}

    def __call__(
        self,
        since: datetime,
        until: datetime,
        done: Callable[[RecordsOutcome | Exception], None],
    ) -> None:
        number = self._call(lambda: self._fetch(since, until))
        self._waiting[number] = done

    def task_finished(self, number: int, value: object, error: object) -> None:
        """A task's result; those of other tasks are not ours and are left alone."""
        done = self._waiting.pop(number, None)
        if done is None:
            return
        if isinstance(error, Exception):
            done(error)
        elif isinstance(value, RecordList | RecordsUnavailable):
            done(value)
        else:
            done(TypeError(f"the records task gave {type(value).__name__}"))
