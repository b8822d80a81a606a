"""What was reminded and snoozed today, kept between runs in ``reminders.json``
(:mod:`tray_app.ui.state.state_files`): a file that cannot be used costs at most one reminder
shown once more."""

from __future__ import annotations

from pathlib import Path

from tray_app.core.reminders import ReminderRecord, record_from_json, record_to_json
from tray_app.ui.state.state_files import read_state, state_file, write_state

__all__ = ["load_record", "save_record", "state_path"]

FILE_NAME = "reminders.json"
WHAT = "reminders' state"


def state_path() -> Path:
    """``reminders.json`` in the per-user state folder (not created here)."""
    return state_file(FILE_NAME)


def load_record(path: Path | None = None) -> ReminderRecord:
    """The record kept by the last run; an empty one when there is none or it is unusable."""
    raw = read_state(path if path is not None else state_path(), WHAT)
    return ReminderRecord() if raw is None else record_from_json(raw)


def save_record(record: ReminderRecord, path: Path | None = None) -> bool:
    """Keep ``record`` for the next run; False (and logged) when it cannot be written."""
    return write_state(path if path is not None else state_path(), record_to_json(record), WHAT)
