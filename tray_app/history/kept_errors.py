"""How the store of kept clicks fails: one tree of errors, each with a sentence for a person.

Nothing in :mod:`tray_app.history.kept_store` raises ``sqlite3`` errors to the caller:
:func:`translate` turns them into these. Each is built from a
:class:`~tray_app.core.message.Message` (``said``), as the journal's are
(:mod:`tray_app.history.journal_errors`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tray_app.core.message import Message, say
from tray_app.core.remedy import Remedy

__all__ = [
    "KeptStoreCorruptError",
    "KeptStoreError",
    "KeptStoreLockedError",
    "folder_error",
    "newer_error",
    "not_ours_error",
    "translate",
    "unreadable_error",
]


class KeptStoreError(Exception):
    """The kept clicks cannot be read or written; ``message`` is one sentence for a person."""

    remedy = Remedy.USER_ACTS

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.said = message
        self.message = str(message)


class KeptStoreLockedError(KeptStoreError):
    """Another program holds the file longer than the busy timeout."""

    remedy = Remedy.WAIT


class KeptStoreCorruptError(KeptStoreError):
    """The file is damaged, not ours, or from a newer version of the app."""


def translate(error: sqlite3.Error, path: Path) -> KeptStoreError:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return KeptStoreLockedError(
            say(
                "kept.locked", "The kept clicks in {path} are locked by another program.", path=path
            )
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return KeptStoreCorruptError(
            say(
                "kept.damaged",
                "The kept clicks in {path} are damaged ({reason}).",
                path=path,
                reason=str(error),
            )
        )
    return KeptStoreError(
        say(
            "kept.unusable",
            "The kept clicks in {path} cannot be used: {reason}.",
            path=path,
            reason=str(error),
        )
    )


def folder_error(error: OSError) -> KeptStoreError:
    return KeptStoreError(
        say(
            "kept.no_folder",
            "The folder of the kept clicks cannot be made: {reason}.",
            reason=str(error),
        )
    )


def unreadable_error(path: Path, error: Exception) -> KeptStoreCorruptError:
    return KeptStoreCorruptError(
        say(
            "kept.unreadable",
            "The kept clicks in {path} hold an unreadable entry ({reason}).",
            path=path,
            reason=str(error),
        )
    )


def not_ours_error(path: Path) -> KeptStoreCorruptError:
    return KeptStoreCorruptError(
        say("kept.not_ours", "{path} is not a file of kept clicks.", path=path)
    )


def newer_error(path: Path, version: int) -> KeptStoreCorruptError:
    return KeptStoreCorruptError(
        say(
            "kept.newer",
            "The kept clicks in {path} were written by a newer version of timeman-tray "
            "(schema {version}); they are left untouched.",
            path=path,
            version=version,
        )
    )
