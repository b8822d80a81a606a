"""This week's records from the portal, read once a day so that the week's figure knows the days
worked elsewhere (the browser, another computer) without waiting for History to be opened.

:meth:`WeekRecords.want` is asked on every change of the week's figures (each poll writes the
journal): it asks the portal only when the week's days are not read yet for ``today`` — at
start-up and once after each day change — and keeps the answer in the journal
(``Journal.replace_records``), where the week's figure and the History window read it. A
failed read is tried again no sooner than :data:`RETRY_AFTER` later; until then the figure
stays the journal's own. Today's running day is not added twice: the journal reconciles the
records with its own observations per day, and the planner takes the larger of that and the
live status for today.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, Signal

from tray_app.api.record_models import RecordList, RecordsOutcome
from tray_app.history.journal import Journal
from tray_app.history.journal_errors import JournalError

if TYPE_CHECKING:
    from tray_app.ui.state.records_source import RecordsSource

log = logging.getLogger(__name__)

RETRY_AFTER: Final = timedelta(minutes=15)
"""How long a failed read waits before the next try (polls come every minute or so)."""


class WeekRecords(QObject):
    """Reads the portal's records of a week once per day and keeps them in the journal.

    changed(): records were kept (the week's figure should be read again).
    """

    changed = Signal()

    def __init__(
        self,
        source: RecordsSource,
        journal: Callable[[], Journal | JournalError],
        zone: tzinfo,
        parent: QObject | None = None,
        *,
        not_before: datetime | None = None,
    ) -> None:
        """``not_before``: the portal's time before which the first read is not made (a tray
        of a fleet reads its week later, tray_app.core.fleet_start.later_read_delay)."""
        super().__init__(parent)
        self._source = source
        self._journal = journal
        self._zone = zone
        self._read_for: date | None = None
        """The day whose week was read (None: not yet)."""
        self._asking = False
        self._retry_at: datetime | None = not_before
        self._generation = 0
        """Counts account changes: an answer asked for the account before is dropped."""

    def forget(self) -> None:
        """Another account: its week is read at the next :meth:`want`."""
        self._generation += 1
        self._read_for = self._retry_at = None
        self._asking = False

    def want(self, first: date, today: date, now: datetime) -> None:
        """The week from ``first`` to ``today`` should be known; ``now`` is the portal's time."""
        if self._asking or self._read_for == today:
            return
        if self._retry_at is not None and now < self._retry_at:
            return
        self._asking = True
        since, until = self._bounds(first, today)
        generation = self._generation

        def done(outcome: RecordsOutcome | Exception) -> None:
            if generation == self._generation:
                self._answered(today, since, until, now, outcome)

        self._source(since, until, done)

    def _bounds(self, first: date, today: date) -> tuple[datetime, datetime]:
        zone = self._zone
        start = datetime.combine(first, time.min)
        end = datetime.combine(today, time.max)
        localize = getattr(zone, "localize", None)  # a pytz zone needs localize()
        if localize is not None:
            return localize(start), localize(end)
        return start.replace(tzinfo=zone), end.replace(tzinfo=zone)

    def _answered(
        self,
        today: date,
        since: datetime,
        until: datetime,
        asked: datetime,
        outcome: RecordsOutcome | Exception,
    ) -> None:
        self._asking = False
        if isinstance(outcome, Exception):
            message = getattr(outcome, "message", None) or type(outcome).__name__
            log.info("the week's records could not be read: %s", message)
            self._retry_at = asked + RETRY_AFTER
            return
        self._retry_at = None
        self._read_for = today  # an unavailable method is not asked again until tomorrow
        if not isinstance(outcome, RecordList):
            return
        journal = self._journal()
        if isinstance(journal, JournalError):
            return  # the keeper told the user already
        try:
            journal.replace_records(since, until, list(outcome.records), asked)
        except JournalError as error:
            log.warning("history journal: %s", error.message)
            return
        self.changed.emit()
