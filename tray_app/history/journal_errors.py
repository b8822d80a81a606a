"""How the history journal fails: one tree of errors, each with a sentence for a person.

Nothing in :mod:`tray_app.history` raises ``sqlite3`` errors to the caller: :func:`translate`
turns them into these. Each is built from a :class:`~tray_app.core.message.Message` (``said``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tray_app.core.message import Message, say
from tray_app.core.remedy import Remedy

__all__ = [
    "JournalCorruptError",
    "JournalError",
    "JournalLockedError",
    "JournalVersionError",
    "translate",
]


class JournalError(Exception):
    """The journal cannot be used; ``message`` is one sentence for a person."""

    remedy = Remedy.USER_ACTS  # a file to move or repair

    def __init__(self, message: Message | str) -> None:
        super().__init__(str(message))
        self.said = message if isinstance(message, Message) else None
        self.message = str(message)


class JournalCorruptError(JournalError):
    """The file is damaged or is not a journal."""


class JournalLockedError(JournalError):
    """Another program keeps the file locked."""


class JournalVersionError(JournalError):
    """The file was written by a newer version of the app."""


def translate(error: sqlite3.Error, path: Path) -> JournalError:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return JournalLockedError(
            say(
                "journal.locked",
                "The history journal {path} is locked by another program; "
                "the history is not being recorded now.",
                path=path,
            )
        )
    if isinstance(error, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    ):
        return JournalCorruptError(
            say(
                "journal.damaged",
                "The history journal {path} is damaged ({reason}).",
                path=path,
                reason=str(error),
            )
        )
    return JournalError(
        say(
            "journal.unusable",
            "The history journal {path} cannot be used: {reason}.",
            path=path,
            reason=str(error),
        )
    )
