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

The schema is versioned (``PRAGMA user_version``) and migrated step by step on open; a file from
a newer version of the app is refused (:class:`JournalVersionError`), never downgraded. Every
failure is one of :class:`JournalError`'s subclasses with a sentence for a person: a damaged file
(:class:`JournalCorruptError`; :meth:`Journal.open` with ``recover=True`` moves it aside and
starts afresh), a file another program keeps locked (:class:`JournalLockedError`), a folder that
cannot be written. Nothing here raises ``sqlite3`` errors to the caller.

The connection belongs to the thread that opened it (the UI thread: the journal is local and
quick; portal calls are what must stay off that thread).

Wiring, for the tray: after every answer ``journal.record_status(reading.workday, now)``; after
every action ``journal.record_action(ActionEntry(...))``; after a fetch of the portal's records
``journal.replace_records(since, until, records, now)``; :meth:`Journal.days` summarises.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import TypeVar

import platformdirs

from tray_app.core.remedy import Remedy
from tray_app.core.timefmt import TimeFormatError
from tray_app.core.workday import DayState, Workday
from tray_app.history.reconcile import RecordLike, portal_days, reconcile
from tray_app.history.summary import DayTotals, Observation, summarize_observations

log = logging.getLogger(__name__)

APP_NAME = "timeman-tray"
FILE_NAME = "journal.sqlite3"
SCHEMA_VERSION = 1
_T = TypeVar("_T")

_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE observations (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            state TEXT NOT NULL,
            record_id INTEGER,
            started_at TEXT,
            start_utc TEXT,
            finished_at TEXT,
            duration INTEGER NOT NULL,
            leaks INTEGER NOT NULL,
            confirmed INTEGER,
            tz_offset INTEGER,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            seen INTEGER NOT NULL DEFAULT 1,
            UNIQUE (account, fingerprint)
        )""",
        "CREATE INDEX observations_start ON observations (account, start_utc)",
        """CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            outcome TEXT NOT NULL,
            requested_time TEXT,
            state_after TEXT,
            error_code TEXT,
            message TEXT NOT NULL,
            UNIQUE (account, fingerprint)
        )""",
        "CREATE INDEX actions_at ON actions (account, at)",
        """CREATE TABLE portal_records (
            account TEXT NOT NULL,
            record_id INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            start_utc TEXT NOT NULL,
            finished_at TEXT,
            worked INTEGER NOT NULL,
            breaks INTEGER NOT NULL,
            status TEXT NOT NULL,
            approved INTEGER,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (account, record_id)
        )""",
    ),
}


def journal_path() -> Path:
    """``journal.sqlite3`` in the per-user data folder (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / FILE_NAME


# -- errors ----------------------------------------------------------------------------------


class JournalError(Exception):
    """The journal cannot be used; ``message`` is one sentence for a person."""

    remedy = Remedy.USER_ACTS  # a file to move or repair

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class JournalCorruptError(JournalError):
    """The file is damaged or is not a journal."""


class JournalLockedError(JournalError):
    """Another program keeps the file locked."""


class JournalVersionError(JournalError):
    """The file was written by a newer version of the app."""


def _translate(error: sqlite3.Error, path: Path) -> JournalError:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return JournalLockedError(
            f"The history journal {path} is locked by another program; "
            "the history is not being recorded now."
        )
    if isinstance(error, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    ):
        return JournalCorruptError(f"The history journal {path} is damaged ({error}).")
    return JournalError(f"The history journal {path} cannot be used: {error}.")


# -- what goes in --------------------------------------------------------------------------


class ActionOutcome(StrEnum):
    """How an action ended."""

    APPLIED = "applied"
    NO_OP = "no_op"  # the portal answered, the day did not change (a silent no-op)
    RECOVERED = "recovered"  # the answer was lost, a status read showed it took effect
    FAILED = "failed"


@dataclass(frozen=True)
class ActionEntry:
    """One action: what (``open``, ``pause``, ...), when, how it ended, the time asked for (a
    backdated start or end), the day's state after it and the portal's error code if any."""

    at: datetime
    action: str
    outcome: ActionOutcome
    requested_time: datetime | None = None
    state_after: DayState | None = None
    error_code: str | None = None
    message: str = ""


@dataclass(frozen=True)
class StoredRecord:
    """A portal record as the journal keeps it (a :class:`RecordLike`)."""

    record_id: int
    started_at: datetime
    finished_at: datetime | None
    worked: timedelta
    breaks: timedelta
    status: str
    approved: bool | None
    fetched_at: datetime


def _utc(moment: datetime) -> str:
    if moment.utcoffset() is None:
        raise JournalError("A time recorded in the history journal needs a time zone.")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _fingerprint(*parts: object) -> str:
    canonical = json.dumps(parts, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def observation_fingerprint(day: Workday) -> str:
    """Equal for two answers that describe the day identically (the same status answered by
    every poll)."""
    return _fingerprint(
        day.state.value,
        day.record_id,
        _text(day.started_at),
        _text(day.finished_at),
        int(day.duration.total_seconds()),
        int(day.leaks.total_seconds()),
        day.confirmed,
        day.day_offset,
    )


# -- the journal -----------------------------------------------------------------------------


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
            return cls(_connect(target, timeout), target, account)
        except JournalCorruptError:
            if not recover:
                raise
            aside = target.with_name(f"{target.name}.damaged-{now():%Y%m%d-%H%M%S}")
            try:
                target.replace(aside)
            except OSError as exc:
                raise JournalError(
                    f"The damaged history journal {target} cannot be moved aside: {exc}."
                ) from None
            log.warning("the history journal was damaged; moved to %s", aside)
            journal = cls(_connect(target, timeout), target, account)
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
            raise _translate(exc, self.path) from None

    def _read(self, query: Callable[[sqlite3.Connection], _T]) -> _T:
        with self._guarded() as db:
            try:
                return query(db)
            except (ValueError, TypeError, TimeFormatError) as exc:
                raise JournalCorruptError(
                    f"The history journal {self.path} holds an unreadable entry ({exc})."
                ) from None

    # -- writing -----------------------------------------------------------------------------

    def record_status(self, day: Workday, seen: datetime) -> bool:
        """Note an answered workday seen at ``seen``; True when it was new (else only its
        ``last_seen`` moves on)."""
        seen_utc = _utc(seen)
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
                    _text(day.started_at),
                    None if day.started_at is None else _utc(day.started_at),
                    _text(day.finished_at),
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
            _utc(entry.at),
            entry.action,
            entry.outcome.value,
            None if entry.requested_time is None else _text(entry.requested_time),
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
                    (self.account, _fingerprint(*fields), *fields),
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
                _text(r.started_at),
                _utc(r.started_at),
                _text(r.finished_at),
                int(r.worked.total_seconds()),
                int(r.breaks.total_seconds()),
                str(r.status),
                r.approved,
                _utc(fetched),
            )
            for r in records
        ]
        with self._guarded() as db:
            db.execute(
                "DELETE FROM portal_records WHERE account = ? AND start_utc BETWEEN ? AND ?",
                (self.account, _utc(since), _utc(until)),
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
        floor = "" if since is None else _utc(since)

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
                    started_at=_moment(started),
                    finished_at=_moment(finished),
                    duration=timedelta(seconds=duration),
                    leaks=timedelta(seconds=leaks),
                    confirmed=_flag(confirmed),
                    tz_offset=tz_offset,
                )
                for (state, first, last, record_id, started, finished, duration, leaks,
                     confirmed, tz_offset) in rows
            ]  # fmt: skip

        return self._read(query)

    def actions(self, since: datetime | None = None) -> list[ActionEntry]:
        """Actions at or after ``since`` (all: None), oldest first."""
        floor = "" if since is None else _utc(since)

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
                    requested_time=_moment(requested),
                    state_after=None if state_after is None else DayState(state_after),
                    error_code=error_code,
                    message=message,
                )
                for at, action, outcome, requested, state_after, error_code, message in rows
            ]

        return self._read(query)

    def records(self, since: datetime | None = None) -> list[StoredRecord]:
        """The portal's records kept from earlier fetches, oldest first."""
        floor = "" if since is None else _utc(since)

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
                    finished_at=_moment(finished),
                    worked=timedelta(seconds=worked),
                    breaks=timedelta(seconds=breaks),
                    status=status,
                    approved=_flag(approved),
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
        return self._read(_user_version)


def _user_version(db: sqlite3.Connection) -> int:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    return int(version)


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    """Open, check and migrate the file; every failure as a :class:`JournalError`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise JournalError(f"The folder of the history journal cannot be made: {exc}.") from None
    try:
        db = sqlite3.connect(path, timeout=timeout)
    except sqlite3.Error as exc:
        raise _translate(exc, path) from None
    try:
        _prepare(db, path)
    except sqlite3.Error as exc:
        db.close()
        raise _translate(exc, path) from None
    except JournalError:
        db.close()
        raise
    return db


def _prepare(db: sqlite3.Connection, path: Path) -> None:
    check = db.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise JournalCorruptError(f"The history journal {path} is damaged ({check}).")
    version = _user_version(db)
    if version > SCHEMA_VERSION:
        raise JournalVersionError(
            f"The history journal {path} was written by a newer version of timeman-tray "
            f"(schema {version}, this one knows {SCHEMA_VERSION}); it is left untouched."
        )
    tables = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if version == 0 and tables:
        raise JournalCorruptError(f"The history journal {path} is not a journal of timeman-tray.")
    for step in range(version + 1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")  # one step, all or nothing (DDL included)
        try:
            for statement in _MIGRATIONS[step]:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {step}")
        except sqlite3.Error:
            db.rollback()
            raise
        db.commit()
        log.info("history journal %s migrated to schema %d", path, step)
