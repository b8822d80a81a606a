"""The durable queue of kept clicks (issue 12), in SQLite next to the history journal.

One file, ``kept.sqlite3`` in the journal's folder, one table of clicks in the order they were
kept. Every change is one ``BEGIN IMMEDIATE`` transaction in WAL mode with ``synchronous=FULL``,
committed before the method returns: once :meth:`KeptStore.keep` is back, a crash, a kill or a
power cut loses nothing, and the caller may say "kept".

Two processes (the tray and the CLI) may use the file at once: writes wait for each other (the
busy timeout), order comes from one sequence, and the steps that must happen once are
compare-and-set: :meth:`KeptStore.mark_sent` claims a click's write only if its in-flight write
is still the one the caller saw, so two processes cannot both send it. Qt's signals are not
available here: :meth:`KeptStore.version` is a counter every change moves on, cheap to poll
(the tray picks a click the CLI kept up with it).

The life of a click: :meth:`~KeptStore.keep` → (:meth:`~KeptStore.mark_sent` before a write
goes out; :meth:`~KeptStore.unsend` when it certainly never reached the portal) →
:meth:`~KeptStore.settle` when the portal shows it done, or :meth:`~KeptStore.hold` when the
portal refused it, or :meth:`~KeptStore.discard` by the person; :meth:`~KeptStore.retime` when
the person fixes its time. Settling a click gives the
click kept right behind it its basis: the day the settled one left.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from tray_app.core.kept_clicks import DayMark, KeptClick, SentWrite
from tray_app.history.journal_file import journal_path
from tray_app.history.kept_codec import (
    click_from,
    encode_mark,
    encode_sent,
    time_text,
)
from tray_app.history.kept_errors import (
    KeptStoreError,
    folder_error,
    newer_error,
    not_ours_error,
    translate,
    unreadable_error,
)

FILE_NAME = "kept.sqlite3"
SCHEMA_VERSION = 1
_T = TypeVar("_T")

_SCHEMA = (
    """CREATE TABLE kept_clicks (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        click_id TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        action TEXT NOT NULL,
        clicked_at TEXT NOT NULL,
        steady_boot TEXT,
        steady_seconds REAL,
        basis TEXT,
        after TEXT,
        sent TEXT,
        held TEXT,
        state TEXT NOT NULL DEFAULT 'kept',
        kept_at TEXT NOT NULL,
        ended_at TEXT
    )""",
    "CREATE INDEX kept_clicks_pending ON kept_clicks (account, state, seq)",
    "CREATE TABLE kept_meta (one INTEGER PRIMARY KEY CHECK (one = 1), version INTEGER NOT NULL)",
    "INSERT INTO kept_meta (one, version) VALUES (1, 0)",
)
_SETTLED, _DISCARDED = "settled", "discarded"  # a click still to send or show is "kept"


def kept_path() -> Path:
    """``kept.sqlite3`` beside the history journal (not created here)."""
    return journal_path().with_name(FILE_NAME)


# -- the store ---------------------------------------------------------------------------------


class KeptStore:
    """The kept clicks of one account in one SQLite file. Use :meth:`open`; close it."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path, account: str, now: Callable[[], datetime]
    ) -> None:
        self._db = connection
        self.path = path
        self.account = account
        self._now = now

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        account: str = "",
        timeout: float = 5.0,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> KeptStore:
        target = path if path is not None else kept_path()
        return cls(_connect(target, timeout), target, account, now)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> KeptStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _changing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed (durably) on leaving; the version moves on."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("UPDATE kept_meta SET version = version + 1")
            except BaseException:
                self._db.rollback()
                raise
            self._db.commit()
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from None

    def _read(self, query: Callable[[sqlite3.Connection], _T]) -> _T:
        try:
            return query(self._db)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from None
        except (ValueError, TypeError, KeyError) as exc:
            raise unreadable_error(self.path, exc) from None

    def _change(self, sql: str, *args: object) -> bool:
        """One ``UPDATE ... WHERE click_id = ? AND account = ? AND state = 'kept' ...``."""
        with self._changing() as db:
            return db.execute(sql, args).rowcount == 1

    # -- writing -------------------------------------------------------------------------------

    def keep(self, click: KeptClick) -> None:
        """Keep ``click`` at the end of the queue; durable once this returns."""
        steady = click.steady
        with self._changing() as db:
            db.execute(
                """INSERT INTO kept_clicks (account, kept_at, click_id, action, clicked_at,
                    steady_boot, steady_seconds, basis, after, sent, held)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    self.account,
                    time_text(self._now()),
                    click.click_id,
                    click.action.value,
                    time_text(click.clicked_at),
                    None if steady is None else steady.boot,
                    None if steady is None else steady.seconds,
                    encode_mark(click.basis),
                    click.after,
                    encode_sent(click.sent),
                    click.held,
                ),
            )

    def mark_sent(
        self, click_id: str, write: SentWrite, *, replacing: SentWrite | None = None
    ) -> bool:
        """Note that ``write`` goes out for the click, before it does. Only when the click is
        still kept, not held, and its in-flight write is ``replacing`` (what the caller decided
        on): False means another process got there first -- then send nothing."""
        return self._change(
            """UPDATE kept_clicks SET sent = ? WHERE click_id = ? AND account = ?
                AND state = 'kept' AND held IS NULL AND sent IS ?""",
            encode_sent(write),
            click_id,
            self.account,
            encode_sent(replacing),
        )

    def unsend(self, click_id: str, write: SentWrite) -> bool:
        """The write noted by :meth:`mark_sent` certainly never reached the portal (refused
        before it ran, no connection): forget it, so the click need not wait for its answer.
        Only while ``write`` is still the click's in-flight write."""
        return self._change(
            """UPDATE kept_clicks SET sent = NULL WHERE click_id = ? AND account = ?
                AND state = 'kept' AND sent IS ?""",
            click_id,
            self.account,
            encode_sent(write),
        )

    def settle(self, click_id: str, left: DayMark | None) -> bool:
        """The click took effect; the day it ``left`` becomes the basis of the one behind it."""
        with self._changing() as db:
            done = db.execute(
                """UPDATE kept_clicks SET state = ?, ended_at = ?
                    WHERE click_id = ? AND account = ? AND state = 'kept'""",
                (_SETTLED, time_text(self._now()), click_id, self.account),
            ).rowcount
            if done and left is not None:
                db.execute(
                    """UPDATE kept_clicks SET basis = ? WHERE after = ? AND account = ?
                        AND state = 'kept' AND basis IS NULL""",
                    (encode_mark(left), click_id, self.account),
                )
            return done == 1

    def discard(self, click_id: str) -> bool:
        """The person dropped the click (it is kept as discarded, not deleted)."""
        return self._change(
            """UPDATE kept_clicks SET state = ?, ended_at = ?
                WHERE click_id = ? AND account = ? AND state = 'kept'""",
            _DISCARDED,
            time_text(self._now()),
            click_id,
            self.account,
        )

    def hold(self, click_id: str, code: str) -> bool:
        """The portal refused the click's write (``code``): nothing more is sent by itself."""
        return self._change(
            """UPDATE kept_clicks SET held = ?, sent = NULL
                WHERE click_id = ? AND account = ? AND state = 'kept'""",
            code,
            click_id,
            self.account,
        )

    def release(self, click_id: str) -> bool:
        """The person asks to try a held click again ("Send now")."""
        return self._change(
            """UPDATE kept_clicks SET held = NULL
                WHERE click_id = ? AND account = ? AND state = 'kept' AND held IS NOT NULL""",
            click_id,
            self.account,
        )

    def retime(self, click_id: str, moment: datetime) -> bool:
        """The person set the click's time (a jumped clock): trusted from now on."""
        return self._change(
            """UPDATE kept_clicks SET clicked_at = ?, steady_boot = NULL, steady_seconds = NULL
                WHERE click_id = ? AND account = ? AND state = 'kept' AND sent IS NULL""",
            time_text(moment),
            click_id,
            self.account,
        )

    # -- reading -------------------------------------------------------------------------------

    def pending(self) -> list[KeptClick]:
        """The kept clicks still to send or to show, in the order they were kept."""

        def query(db: sqlite3.Connection) -> list[KeptClick]:
            rows = db.execute(
                """SELECT click_id, action, clicked_at, steady_boot, steady_seconds, basis, after,
                    sent, held FROM kept_clicks WHERE account = ? AND state = 'kept'
                    ORDER BY seq""",
                (self.account,),
            ).fetchall()
            return [click_from(row) for row in rows]

        return self._read(query)

    def ended(self) -> list[tuple[str, str]]:
        """(click id, ``settled`` or ``discarded``) of the clicks no longer kept, oldest first."""

        def query(db: sqlite3.Connection) -> list[tuple[str, str]]:
            rows = db.execute(
                """SELECT click_id, state FROM kept_clicks WHERE account = ? AND state != 'kept'
                    ORDER BY seq""",
                (self.account,),
            ).fetchall()
            return [(str(click_id), str(state)) for click_id, state in rows]

        return self._read(query)

    def version(self) -> int:
        """A counter every change (by any process) moves on: poll it to see new clicks."""
        return self._read(lambda db: int(db.execute("SELECT version FROM kept_meta").fetchone()[0]))


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise folder_error(exc) from None
    try:
        db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    try:
        _prepare(db, path)
    except sqlite3.Error as exc:
        db.close()
        raise translate(exc, path) from None
    except KeptStoreError:
        db.close()
        raise
    return db


def _prepare(db: sqlite3.Connection, path: Path) -> None:
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")  # a commit reaches the disk before it returns
    if _schema_version(db, path) == SCHEMA_VERSION:
        return  # the usual open: no lock taken
    db.execute("BEGIN IMMEDIATE")  # two processes creating the file at once: one does it
    try:
        if _schema_version(db, path) == 0:
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise not_ours_error(path)
            for statement in _SCHEMA:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.rollback()
        raise
    db.commit()


def _schema_version(db: sqlite3.Connection, path: Path) -> int:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise newer_error(path, version)
    return version
