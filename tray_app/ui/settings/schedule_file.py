"""Reading a WorkTimeSchedule file for the Schedule tab: the schedule, or one sentence that
names the file, the field and the problem (in the tab's words)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from tray_app.core.schedule_fields import ScheduleError
from tray_app.core.schedule_import import parse_schedule_text
from tray_app.core.schedule_model import WorkTimeSchedule
from tray_app.ui.text.errors import said_text

__all__ = ["ScheduleFileError", "read_schedule_file"]


class ScheduleFileError(Exception):
    """The file gave no schedule; ``message`` says why, for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_schedule_file(path: Path) -> WorkTimeSchedule:
    """The schedule in ``path`` (UTF-8 JSON), or :class:`ScheduleFileError`."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise ScheduleFileError(
            QCoreApplication.translate("SchedulePage", "{file} cannot be read: {problem}").format(
                file=path.name, problem=error.strerror or str(error)
            )
        ) from None
    except UnicodeDecodeError:
        raise ScheduleFileError(
            QCoreApplication.translate("SchedulePage", "{file} is not UTF-8 text.").format(
                file=path.name
            )
        ) from None
    try:
        return parse_schedule_text(text)
    except ScheduleError as error:
        raise ScheduleFileError(
            QCoreApplication.translate(
                "SchedulePage", "{file} was not imported: {field}: {problem}"
            ).format(file=path.name, field=error.path, problem=said_text(error.said_problem))
        ) from None
