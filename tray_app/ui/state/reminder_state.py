"""What was reminded and snoozed today, kept between runs in a small state file.

``reminders.json`` in the per-user state folder (``$XDG_STATE_HOME/timeman-tray`` on Linux):
it is not a setting (nobody edits it, and the settings file should not change every time a
reminder fires). A file that cannot be read or written costs at most one reminder shown once
more: the failure is logged, never raised.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import platformdirs

from tray_app.config.files import write_atomically
from tray_app.core.reminders import ReminderRecord, record_from_json, record_to_json

__all__ = ["load_record", "save_record", "state_path"]

log = logging.getLogger(__name__)
FILE_NAME = "reminders.json"


def state_path() -> Path:
    """``reminders.json`` in the per-user state folder (not created here)."""
    return Path(platformdirs.user_state_dir("timeman-tray", appauthor=False)) / FILE_NAME


def load_record(path: Path | None = None) -> ReminderRecord:
    """The record kept by the last run; an empty one when there is none or it is unusable."""
    target = path if path is not None else state_path()
    try:
        raw = json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ReminderRecord()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        log.warning("the reminders' state %s cannot be read (%s); starting afresh", target, error)
        return ReminderRecord()
    return record_from_json(raw)


def save_record(record: ReminderRecord, path: Path | None = None) -> bool:
    """Keep ``record`` for the next run; False (and logged) when it cannot be written."""
    target = path if path is not None else state_path()
    text = json.dumps(record_to_json(record), sort_keys=True) + "\n"
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(target, text.encode("utf-8"), mode=0o600)
    except OSError as error:
        log.warning("the reminders' state %s cannot be written: %s", target, error)
        return False
    return True
