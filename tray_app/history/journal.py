"""The local journal: every answered status and every action with its outcome, in SQLite.

One file in the per-user data folder (``$XDG_DATA_HOME/timeman-tray/journal.sqlite3`` on Linux,
``%LOCALAPPDATA%\\timeman-tray`` on Windows, ``~/Library/Application Support/timeman-tray`` on
macOS), so the days can be summarised without the portal. Three tables:

- ``observations``: each *distinct* answered workday once (the same status answered by every
  poll is one row whose ``last_seen`` moves on);
- ``actions``: what the user did and how it ended (applied, a silent no-op, recovered after a
  lost answer, failed with a code); the same entry twice is one row;
- ``portal_records``: the last copy of the portal's ``timeman.record.list`` records, so what was
  fetched once is still there offline.

Rows carry an ``account`` (portal and user), so a second account does not mix its days in.

The file, its schema and its migrations: :mod:`.journal_file`; the entries:
:mod:`.journal_entries`. Every failure is one of
:class:`~tray_app.history.journal_errors.JournalError`'s subclasses with a sentence for a person
(:mod:`.journal_errors`): a damaged file (:meth:`Journal.open` with ``recover=True`` moves it
aside and starts afresh), a file another program keeps locked, a newer schema, a folder that
cannot be written. Nothing here raises ``sqlite3`` errors to the caller.

The connection belongs to the thread that opened it (the UI thread: the journal is local and
quick; portal calls are what must stay off that thread).

Wiring, for the tray: after every answer ``journal.record_status(reading.workday, now)``; after
every action ``journal.record_action(ActionEntry(...))``; after a fetch of the portal's records
``journal.replace_records(since, until, records, now)``; :meth:`Journal.days` summarises.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from tray_app.core.message import say
from tray_app.core.timefmt import TimeFormatError
from tray_app.core.workday import DayState, Workday
from tray_app.history.journal_entries import (
    ActionEntry,
    ActionOutcome,
    StoredRecord,
    flag,
    local_text,
    observation_fingerprint,
    parse_moment,
    row_fingerprint,
    utc_text,
)
from tray_app.history.journal_errors import JournalCorruptError, JournalError, translate
from tray_app.history.journal_file import connect, journal_path, user_version
from tray_app.history.reconcile import RecordLike, portal_days, reconcile
from tray_app.history.summary import DayTotals, Observation, summarize_observations

__all__ = ["Journal"]

log = logging.getLogger(__name__)

_T = TypeVar("_T")


class Journal:
    """The journal in one SQLite file. Use :meth:`open`; close it (or use ``with``)."""

    def __init__(self, connection: sqlite3.Connection, path: Path, account: str) -> None:
        self._db = connection
        self.path = path
        self.account = account
        self.recovered_from: Path | None = None
        """Where a damaged file was moved to when :meth:`open` started afresh."""

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        account: str = "",
        timeout: float = 2.0,
        recover: bool = False,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> Journal:
        """Open (create, migrate) the journal; ``recover``: move a damaged file aside (next to
        it, ``journal.sqlite3.damaged-<time>``) and start a new one."""
        target = path if path is not None else journal_path()
        try:
            return cls(connect(target, timeout), target, account)
        except JournalCorruptError:
            if not recover:
                raise
            aside = target.with_name(f"{target.name}.damaged-{now():%Y%m%d-%H%M%S}")
            try:
                target.replace(aside)
            except OSError as exc:
                raise JournalError(
                    say(
                        "journal.not_moved_aside",
                        "The damaged history journal {path} cannot be moved aside: {reason}.",
                        path=target,
                        reason=str(exc),
                    )
                ) from None
            log.warning("the history journal was damaged; moved to %s", aside)
            journal = cls(connect(target, timeout), target, account)
            journal.recovered_from = aside
            return journal

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _guarded(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._db:
                yield self._db
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from None

    def _read(self, query: Callable[[sqlite3.Connection], _T]) -> _T:
        with self._guarded() as db:
            try:
                return query(db)
            except (ValueError, TypeError, TimeFormatError) as exc:
                raise JournalCorruptError(
                    say(
                        "journal.unreadable_entry",
                        "The history journal {path} holds an unreadable entry ({reason}).",
                        path=self.path,
                        reason=str(exc),
                    )
                ) from None

    # -- writing -----------------------------------------------------------------------------

    def record_status(self, day: Workday, seen: datetime) -> bool:
        """Note an answered workday seen at ``seen``; True when it was new (else only its
        ``last_seen`` moves on)."""
        seen_utc = utc_text(seen)
        fingerprint = observation_fingerprint(day)
        with self._guarded() as db:
            inserted = db.execute(
                """INSERT OR IGNORE INTO observations (account, fingerprint, state, record_id,
                    started_at, start_utc, finished_at, duration, leaks, confirmed, tz_offset,
                    first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    self.account,
                    fingerprint,
                    day.state.value,
                    day.record_id,
                    local_text(day.started_at),
                    None if day.started_at is None else utc_text(day.started_at),
                    local_text(day.finished_at),
                    int(day.duration.total_seconds()),
                    int(day.leaks.total_seconds()),
                    day.confirmed,
                    day.day_offset,
                    seen_utc,
                    seen_utc,
                ),
            ).rowcount
            if not inserted:
                db.execute(
                    """UPDATE observations SET seen = seen + 1,
                        last_seen = max(last_seen, ?), first_seen = min(first_seen, ?)
                        WHERE account = ? AND fingerprint = ?""",
                    (seen_utc, seen_utc, self.account, fingerprint),
                )
        return bool(inserted)

    def record_action(self, entry: ActionEntry) -> bool:
        """Note an action and its outcome; True when it was new."""
        fields = (
            utc_text(entry.at),
            entry.action,
            entry.outcome.value,
            None if entry.requested_time is None else local_text(entry.requested_time),
            None if entry.state_after is None else entry.state_after.value,
            entry.error_code,
            entry.message,
        )
        with self._guarded() as db:
            return bool(
                db.execute(
                    """INSERT OR IGNORE INTO actions (account, fingerprint, at, action, outcome,
                        requested_time, state_after, error_code, message)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (self.account, row_fingerprint(*fields), *fields),
                ).rowcount
            )

    def replace_records(
        self, since: datetime, until: datetime, records: Iterable[RecordLike], fetched: datetime
    ) -> int:
        """Keep the portal's answer for starts in [since, until]: what it no longer lists there
        is forgotten, the rest replaced. Returns how many records are kept."""
        rows = [
            (
                self.account,
                r.record_id,
                local_text(r.started_at),
                utc_text(r.started_at),
                local_text(r.finished_at),
                int(r.worked.total_seconds()),
                int(r.breaks.total_seconds()),
                str(r.status),
                r.approved,
                utc_text(fetched),
            )
            for r in records
        ]
        with self._guarded() as db:
            db.execute(
                "DELETE FROM portal_records WHERE account = ? AND start_utc BETWEEN ? AND ?",
                (self.account, utc_text(since), utc_text(until)),
            )
            db.executemany(
                """INSERT OR REPLACE INTO portal_records (account, record_id, started_at,
                    start_utc, finished_at, worked, breaks, status, approved, fetched_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rows,
            )
        return len(rows)

    # -- reading -----------------------------------------------------------------------------

    def observations(self, since: datetime | None = None) -> list[Observation]:
        """Answered workdays that started at or after ``since`` (all: None), oldest first."""
        floor = "" if since is None else utc_text(since)

        def query(db: sqlite3.Connection) -> list[Observation]:
            rows = db.execute(
                """SELECT state, first_seen, last_seen, record_id, started_at, finished_at,
                    duration, leaks, confirmed, tz_offset FROM observations
                    WHERE account = ? AND (start_utc >= ? OR (start_utc IS NULL AND ? = ''))
                    ORDER BY last_seen, id""",
                (self.account, floor, floor),
            ).fetchall()
            return [
                Observation(
                    state=DayState(state),
                    first_seen=datetime.fromisoformat(first),
                    last_seen=datetime.fromisoformat(last),
                    record_id=record_id,
                    started_at=parse_moment(started),
                    finished_at=parse_moment(finished),
                    duration=timedelta(seconds=duration),
                    leaks=timedelta(seconds=leaks),
                    confirmed=flag(confirmed),
                    tz_offset=tz_offset,
                )
                for (state, first, last, record_id, started, finished, duration, leaks,
                     confirmed, tz_offset) in rows
            ]  # fmt: skip

        return self._read(query)

    def actions(self, since: datetime | None = None) -> list[ActionEntry]:
        """Actions at or after ``since`` (all: None), oldest first."""
        floor = "" if since is None else utc_text(since)

        def query(db: sqlite3.Connection) -> list[ActionEntry]:
            rows = db.execute(
                """SELECT at, action, outcome, requested_time, state_after, error_code, message
                    FROM actions WHERE account = ? AND at >= ? ORDER BY at, id""",
                (self.account, floor),
            ).fetchall()
            return [
                ActionEntry(
                    at=datetime.fromisoformat(at),
                    action=action,
                    outcome=ActionOutcome(outcome),
                    requested_time=parse_moment(requested),
                    state_after=None if state_after is None else DayState(state_after),
                    error_code=error_code,
                    message=message,
                )
                for at, action, outcome, requested, state_after, error_code, message in rows
            ]

        return self._read(query)

    def records(self, since: datetime | None = None) -> list[StoredRecord]:
        """The portal's records kept from earlier fetches, oldest first."""
        floor = "" if since is None else utc_text(since)

        def query(db: sqlite3.Connection) -> list[StoredRecord]:
            rows = db.execute(
                """SELECT record_id, started_at, finished_at, worked, breaks, status, approved,
                    fetched_at FROM portal_records WHERE account = ? AND start_utc >= ?
                    ORDER BY start_utc, record_id""",
                (self.account, floor),
            ).fetchall()
            return [
                StoredRecord(
                    record_id=record_id,
                    started_at=datetime.fromisoformat(started),
                    finished_at=parse_moment(finished),
                    worked=timedelta(seconds=worked),
                    breaks=timedelta(seconds=breaks),
                    status=status,
                    approved=flag(approved),
                    fetched_at=datetime.fromisoformat(fetched),
                )
                for record_id, started, finished, worked, breaks, status, approved, fetched in rows
            ]

        return self._read(query)

    def days(
        self, first: date, last: date, *, portal: Iterable[RecordLike] | None = None
    ) -> dict[date, DayTotals]:
        """The days from ``first`` to ``last`` as the journal knows them, reconciled with the
        portal's records: ``portal`` when given (a fresh fetch), else the kept copy."""
        since = datetime.combine(first - timedelta(days=1), datetime.min.time(), UTC)
        local = summarize_observations(self.observations(since))
        chosen = list(portal) if portal is not None else self.records(since)
        merged = reconcile(portal_days(chosen), local)
        return {day: totals for day, totals in merged.items() if first <= day <= last}

    @property
    def schema_version(self) -> int:
        return self._read(user_version)
