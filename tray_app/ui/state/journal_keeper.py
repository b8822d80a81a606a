"""The tray's hold on the history journal: opened when first needed, written off the hot path.

:class:`JournalKeeper` takes every answered day and every settled action from the controller,
queues them and writes them a moment later on the UI thread (a zero-delay timer), so the answer
is shown first and the journal (``sqlite3``, the file, its check and migration) is opened only
after the first status. The journal itself is local and quick (one small transaction a poll);
the portal calls are what must stay on the worker.

A journal that cannot be used (a damaged file is moved aside and a fresh one started; a locked
or unwritable one is not) is logged, told once through ``problem`` and never stops the tray: its
entries are dropped until the next write works.

Signals:
    written(): entries were written (the week's figures may have changed).
    problem(str): the first journal failure of this run, one sentence for a person.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QObject, QTimer, Signal

from tray_app.core.workday import Workday
from tray_app.ui.text.errors import error_text

if TYPE_CHECKING:  # sqlite3 and platformdirs are imported when the journal is first opened
    from tray_app.history.journal import Journal
    from tray_app.history.journal_errors import JournalError
    from tray_app.ui.state.action_report import ActionReport

log = logging.getLogger(__name__)

_Entry: TypeAlias = "tuple[Workday, datetime] | ActionReport"
BUSY_TIMEOUT_S = 0.5
"""How long a write waits for a journal another program holds (on the UI thread)."""
RETRY_OPEN_S = 600.0
"""A journal that could not be opened is tried again after this long, not on every answer."""


class JournalKeeper(QObject):
    """Opens the journal on first use and writes the controller's answers and actions to it.

    ``path``: the journal file (None: the user data folder); ``account``: whose days these are
    (portal and user), so two accounts never mix; ``defer``: schedules the write (tests pass
    one that runs it at once).
    """

    written = Signal()
    problem = Signal(str)

    def __init__(
        self,
        path: Path | None = None,
        *,
        account: str = "",
        defer: Callable[[Callable[[], None]], None] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._monotonic = monotonic
        self._failed_open_at: float | None = None
        self._path = path
        self._account = account
        self._defer = defer or (lambda write: QTimer.singleShot(0, write))
        self._journal: Journal | None = None
        self._error: JournalError | None = None
        self._told = False
        self._pending: list[_Entry] = []
        self._scheduled = False
        self._closed = False

    # -- what the controller says -----------------------------------------------------------

    def record_status(self, day: Workday, seen: datetime) -> None:
        """An answered day, seen at ``seen`` (aware): written a moment later."""
        self._queue((day, seen))

    def record_action(self, report: ActionReport) -> None:
        """A settled action: written a moment later."""
        self._queue(report)

    def _queue(self, entry: _Entry) -> None:
        if self._closed:
            return
        self._pending.append(entry)
        if not self._scheduled:
            self._scheduled = True
            self._defer(self.flush)

    # -- the journal ------------------------------------------------------------------------

    @property
    def account(self) -> str:
        return self._account

    def set_account(self, account: str) -> None:
        """Another account signed in: its days go under its own name from now on."""
        self._account = account
        if self._journal is not None:
            self._journal.account = account

    def journal(self) -> Journal | JournalError:
        """The open journal, or why it cannot be opened (for the history window)."""
        from tray_app.history.journal import Journal  # noqa: PLC0415
        from tray_app.history.journal_errors import JournalError  # noqa: PLC0415

        if self._journal is not None:
            return self._journal
        failed_at = self._failed_open_at
        error = self._error
        recent = failed_at is not None and self._monotonic() - failed_at < RETRY_OPEN_S
        if error is not None and recent:
            return error
        try:
            self._journal = Journal.open(
                self._path, account=self._account, timeout=BUSY_TIMEOUT_S, recover=True
            )
        except JournalError as error:
            self._failed_open_at = self._monotonic()
            self._fail(error)
            return error
        self._error = self._failed_open_at = None
        if self._journal.recovered_from is not None:
            log.warning("history journal started afresh; the damaged one is kept")
        return self._journal

    def flush(self) -> None:
        """Write what is queued (the deferred call; tests call it directly)."""
        self._scheduled = False
        entries, self._pending = self._pending, []
        if not entries or self._closed:
            return
        journal = self.journal()
        if isinstance(journal, Exception):
            return  # told once; these entries are lost
        from tray_app.history.journal_entries import ActionEntry, ActionOutcome  # noqa: PLC0415
        from tray_app.history.journal_errors import JournalError  # noqa: PLC0415

        try:
            for entry in entries:
                if isinstance(entry, tuple):
                    day, seen = entry
                    journal.record_status(day, seen)
                else:
                    report = entry
                    journal.record_action(
                        ActionEntry(
                            at=report.at,
                            action=report.action.value,
                            outcome=ActionOutcome(report.outcome.value),
                            requested_time=report.requested_time,
                            state_after=report.state_after,
                            error_code=report.error_code,
                            message=report.message,
                        )
                    )
        except JournalError as error:
            self._fail(error)
            return
        self.written.emit()

    def worked_by_date(self, first: date, last: date) -> dict[date, timedelta]:
        """Net worked time per day from ``first`` to ``last`` as the journal knows it (with the
        portal's records kept from the last fetch); empty when the journal cannot be used."""
        journal = self._journal
        if journal is None:
            return {}
        from tray_app.history.journal_errors import JournalError  # noqa: PLC0415

        try:
            days = journal.days(first, last)
        except JournalError as error:
            self._fail(error)
            return {}
        return {day: totals.worked for day, totals in days.items()}

    def close(self) -> None:
        """Write what is queued and close the file (at quit)."""
        if self._pending:
            self.flush()
        self._closed = True
        journal, self._journal = self._journal, None
        if journal is not None:
            journal.close()

    def _fail(self, error: JournalError) -> None:
        log.warning("history journal: %s", error.message)
        self._error = error
        if not self._told:
            self._told = True
            self.problem.emit(error_text(error))  # in the person's language
