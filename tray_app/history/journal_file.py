"""The journal's file: where it lives, opening it, checking it and migrating its schema.

One file in the per-user data folder (``$XDG_DATA_HOME/timeman-tray/journal.sqlite3`` on Linux,
``%LOCALAPPDATA%\\timeman-tray`` on Windows, ``~/Library/Application Support/timeman-tray`` on
macOS). The schema is versioned (``PRAGMA user_version``) and migrated step by step on open; a
file from a newer version of the app is refused (:class:`JournalVersionError`), never
downgraded.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import platformdirs

from tray_app.core.message import say
from tray_app.history.journal_errors import (
    JournalCorruptError,
    JournalError,
    JournalVersionError,
    translate,
)

__all__ = ["FILE_NAME", "SCHEMA_VERSION", "connect", "journal_path", "user_version"]

log = logging.getLogger(__name__)

APP_NAME = "timeman-tray"
FILE_NAME = "journal.sqlite3"
SCHEMA_VERSION = 1

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


def user_version(db: sqlite3.Connection) -> int:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    return int(version)


def connect(path: Path, timeout: float) -> sqlite3.Connection:
    """Open, check and migrate the file; every failure as a :class:`JournalError`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise JournalError(
            say(
                "journal.no_folder",
                "The folder of the history journal cannot be made: {reason}.",
                reason=str(exc),
            )
        ) from None
    try:
        db = sqlite3.connect(path, timeout=timeout)
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    try:
        _prepare(db, path)
    except sqlite3.Error as exc:
        db.close()
        raise translate(exc, path) from None
    except JournalError:
        db.close()
        raise
    return db


def _prepare(db: sqlite3.Connection, path: Path) -> None:
    check = db.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise JournalCorruptError(
            say(
                "journal.damaged",
                "The history journal {path} is damaged ({reason}).",
                path=path,
                reason=check,
            )
        )
    version = user_version(db)
    if version > SCHEMA_VERSION:
        raise JournalVersionError(
            say(
                "journal.newer",
                "The history journal {path} was written by a newer version of timeman-tray "
                "(schema {version}, this one knows {known}); it is left untouched.",
                path=path,
                version=version,
                known=SCHEMA_VERSION,
            )
        )
    tables = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if version == 0 and tables:
        raise JournalCorruptError(
            say(
                "journal.foreign",
                "The history journal {path} is not a journal of timeman-tray.",
                path=path,
            )
        )
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
