"""The Schedule tab of the settings dialog: the work schedule the plan follows.

Either the portal's limits (``timeman.settings``: the latest start, the minimum day, the
earliest end, Monday to Friday) or a work schedule in the HR system's WorkTimeSchedule format
(shared/worktime-schedule.md):

- **Import…** reads a JSON file (:mod:`.schedule_file`). A file that cannot be used shows one
  message naming the field and the problem
  (:class:`~tray_app.core.schedule_fields.ScheduleError`), and nothing changes: not the
  schedule, not the fields, not the choice.
- The **summary** says what the schedule plans today: working days and their planned hours,
  the start and end windows, lunch, the allowed lateness, the week's plan, the shifts.
- The **editors** hold the same things for the revision in force today: working weekdays with
  their planned hours, the week's plan, the kind of hours, the start and end windows, one lunch
  window and its length, the allowed lateness (:class:`~tray_app.ui.settings.hours.HoursEditor`)
  and shift work with its shifts (:class:`~tray_app.ui.settings.shifts.ShiftsEditor`). Edited
  fields replace that revision's values at *Save*; the rest of an imported schedule (other
  revisions, time marks, untouched shifts) is kept. A schedule made by hand is one revision
  valid from the beginning of time.
- **Use the portal's limits** clears the schedule.

Two choices of the user's own are stored beside the schedule: **My shift** (the shift they work,
:attr:`Settings.shift`, :mod:`.shift_choice`) and **Holidays** (where the holidays come from,
:attr:`Settings.holiday_calendar`, :mod:`.holiday_choice`).

The schedule is stored in the settings as its JSON object
(:func:`~tray_app.core.schedule_export.schedule_to_json`), checked by the importer's own rules
before it is saved.
"""

from __future__ import annotations

import dataclasses
import html
import logging
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tray_app.config import Settings
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.schedule_export import schedule_to_json
from tray_app.core.schedule_fields import ScheduleError
from tray_app.core.schedule_import import check_schedule, parse_schedule
from tray_app.core.schedule_model import (
    FIXED_HOURS,
    WEEKLY_PLAN,
    Revision,
    WorkTimeSchedule,
    revision_for,
)
from tray_app.ui.settings.holiday_choice import HolidayChoice
from tray_app.ui.settings.hours import FLEXIBLE_HOURS, HoursEditor
from tray_app.ui.settings.pages import button, error_label, hint_label, set_error
from tray_app.ui.settings.schedule_fields import minutes_of
from tray_app.ui.settings.schedule_file import ScheduleFileError, read_schedule_file
from tray_app.ui.settings.schedule_summary import portal_revision, summary_lines
from tray_app.ui.settings.shift_choice import ShiftChoice
from tray_app.ui.settings.shifts import ShiftsEditor
from tray_app.ui.text.errors import said_text

__all__ = ["FLEXIBLE_HOURS", "SchedulePage", "portal_revision", "summary_lines"]

log = logging.getLogger(__name__)


class SchedulePage(QWidget):
    """The portal's limits or a work schedule: import, summary, editors, my shift, holidays.

    ``portal``: the portal's limits as last read (None: the defaults), the editor's starting
    point without a schedule; ``today``: the date whose revision is shown and edited (None:
    the real today).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        portal: PortalSettings | None = None,
        today: Callable[[], date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("schedulePage")
        self._today = today if today is not None else date.today
        self._portal = portal or PortalSettings()
        self._filling = False
        self.edited = False
        """A field was changed by hand since the schedule was loaded."""
        self.schedule: WorkTimeSchedule | None = None
        """The schedule in use on this page (imported or stored); None: the portal's limits."""
        problem = ""
        stored = settings.schedule
        if stored is not None:
            try:
                self.schedule = parse_schedule(dict(stored))
            except ScheduleError as error:
                log.warning("the stored schedule cannot be used: %s", error)
                problem = self.tr(
                    "The stored schedule cannot be used ({field}: {problem}); the portal's "
                    "limits apply."
                ).format(field=error.path, problem=said_text(error.said_problem))
        self._build(settings)
        self._load(self.schedule)
        set_error(self.error, problem)

    # -- construction --------------------------------------------------------------------------

    def _build(self, settings: Settings) -> None:
        layout = QVBoxLayout(self)
        self.use_portal = QRadioButton(self.tr("Use the &portal's limits"), self)
        self.use_portal.setObjectName("usePortalRadio")
        self.use_schedule = QRadioButton(self.tr("Use a &work schedule"), self)
        self.use_schedule.setObjectName("useScheduleRadio")
        choice = QButtonGroup(self)
        choice.addButton(self.use_portal)
        choice.addButton(self.use_schedule)
        self.import_button = button(self.tr("&Import…"), "importScheduleButton", self)
        self.import_button.setToolTip(
            self.tr("Read a WorkTimeSchedule file (JSON) from your HR system.")
        )
        self.import_button.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.use_portal)
        top.addWidget(self.use_schedule)
        top.addStretch(1)
        top.addWidget(self.import_button)
        layout.addLayout(top)
        self.error = error_label("scheduleError", self)
        layout.addWidget(self.error)
        layout.addWidget(self._build_summary())
        self.note = hint_label("", self)
        self.note.setObjectName("scheduleNote")
        layout.addWidget(self.note)
        self.scroller = QScrollArea(self)
        self.scroller.setObjectName("scheduleScroll")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        fields = self._build_fields(settings)
        self.scroller.setWidget(fields)
        fields.setAutoFillBackground(False)  # setWidget turned it on: the tab's background shows
        self.scroller.viewport().setAutoFillBackground(False)
        layout.addWidget(self.scroller, 1)
        self.use_portal.toggled.connect(self._choice_changed)

    def _build_summary(self) -> QLabel:
        self.summary = QLabel(self)
        self.summary.setObjectName("scheduleSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # every line is escaped
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setWordWrap(True)
        self.summary.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary.setMargin(6)
        self.summary.setBackgroundRole(QPalette.ColorRole.Base)
        self.summary.setAutoFillBackground(True)
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return self.summary

    def _build_fields(self, settings: Settings) -> QWidget:
        """The scrolled part: the editors, then the user's own choices."""
        fields = QWidget(self)
        fields.setObjectName("scheduleFields")
        column = QVBoxLayout(fields)
        column.setContentsMargins(0, 0, 4, 0)
        self.editor = HoursEditor(fields)
        self.editor.changed.connect(self._touched)
        # The old names of the editor's fields, for the tests and the translations' screenshots.
        self.days = self.editor.days
        self.kind = self.editor.kind
        self.start_from, self.start_to = self.editor.start_from, self.editor.start_to
        self.end_from, self.end_to = self.editor.end_from, self.editor.end_to
        self.lunch_from, self.lunch_to = self.editor.lunch_from, self.editor.lunch_to
        self.lunch_length, self.delay = self.editor.lunch_length, self.editor.delay
        column.addWidget(self.editor)
        self.shifts = ShiftsEditor(
            default_hours=self._day_hours, default_lunch=self.editor.lunch_window, parent=fields
        )
        self.shifts.changed.connect(self._touched)
        column.addWidget(self.shifts)
        self.my_shift = ShiftChoice(settings.shift, fields)
        self.holiday_choice = HolidayChoice(settings.holiday_calendar, fields)
        self.holidays, self.holiday_hint = self.holiday_choice.combo, self.holiday_choice.hint
        self.holidays.currentIndexChanged.connect(self._show_holiday_hint)
        mine = QFormLayout()
        mine.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        shift_label = QLabel(self.tr("&My shift:"), fields)
        shift_label.setBuddy(self.my_shift.combo)
        holidays_label = QLabel(self.tr("Holida&ys:"), fields)
        holidays_label.setBuddy(self.holidays)
        mine.addRow(shift_label, self.my_shift)
        mine.addRow(holidays_label, self.holiday_choice)
        column.addSpacing(4)
        column.addLayout(mine)
        column.addStretch(1)
        return fields

    def _day_hours(self) -> tuple[int, int]:
        """A new shift's hours: the start and end of the day as edited."""
        return minutes_of(self.start_from.time()), minutes_of(self.end_from.time())

    # -- loading -------------------------------------------------------------------------------

    def _revision(self) -> Revision | None:
        """The revision the editor holds: the schedule's for today."""
        return None if self.schedule is None else revision_for(self.schedule, self._today())

    def _load(self, schedule: WorkTimeSchedule | None) -> None:
        """Show ``schedule`` (None: the portal's limits), fields and all, as not edited."""
        self.schedule = schedule
        revision = self._revision() or portal_revision(self._portal)
        self.editor.fill(revision)
        self.shifts.load(revision)
        self.edited = False
        self._filling = True
        try:
            (self.use_portal if schedule is None else self.use_schedule).setChecked(True)
        finally:
            self._filling = False
        self._show_state()

    # -- reactions -----------------------------------------------------------------------------

    def _touched(self) -> None:
        if not self._filling:
            self.edited = True
            self._show_state()

    def _choice_changed(self) -> None:
        if not self._filling:
            self._show_state()

    def _show_state(self) -> None:
        schedule_mode = self.use_schedule.isChecked()
        revision = self._revision()
        cycle = revision is not None and revision.plan_days_type != WEEKLY_PLAN
        shift_work = self.shifts.is_on()
        self.editor.show_state(enabled=schedule_mode, shift_work=shift_work)
        self.shifts.set_available(
            enabled=schedule_mode, fixed_hours=self.kind.currentData() == FIXED_HOURS
        )
        self.my_shift.show_shifts(self.shifts.entries() if schedule_mode else [])
        notes = []
        if schedule_mode and cycle:
            notes.append(self.tr("This schedule plans a cycle of days; they are not edited here."))
        if schedule_mode and shift_work:
            notes.append(self.tr("Shift work: the day's hours come from the shift."))
        if not schedule_mode:
            notes.append(
                self.tr(
                    "Until you choose a work schedule, the plan follows the portal: the latest "
                    "start, the shortest day and the earliest end set there, Monday to Friday."
                )
            )
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        lines = [html.escape(line) for line in self._summary(schedule_mode)]
        lines[0] = f"<b>{lines[0]}</b>"
        self.summary.setText("<br>".join(lines))
        self._show_holiday_hint()

    def _show_holiday_hint(self) -> None:
        """Say when the schedule in force today ignores holidays, or which calendar it names."""
        self.holiday_choice.show_hint(self._revision() if self.use_schedule.isChecked() else None)

    def _summary(self, schedule_mode: bool) -> list[str]:
        """What *Save* would keep: the schedule as edited, else as loaded."""
        if not schedule_mode:
            return [self.tr("The portal's limits are used.")]
        shown = self.schedule
        if (self.edited or shown is None) and not self._field_problem():
            try:
                shown = self.edited_schedule()
            except ScheduleError as error:
                set_error(self.error, self._refusal(error))
            else:
                set_error(self.error, "")
        if shown is None:
            return [self.tr("A schedule made here.")]
        return summary_lines(shown, self._today())

    def _field_problem(self) -> bool:
        """A field says it cannot be saved (the week's plan, a shift): its message shows."""
        return bool(self.editor.week_problem() or self.shifts.problem()[1])

    def _refusal(self, error: ScheduleError) -> str:
        return self.tr("The schedule cannot be saved: {field}: {problem}").format(
            field=error.path, problem=said_text(error.said_problem)
        )

    # -- import --------------------------------------------------------------------------------

    def choose_file(self) -> bool:
        """Ask for a file and import it (:meth:`import_file`); False when cancelled or bad."""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a work schedule"),
            str(Path.home()),
            self.tr("Work schedules (*.json);;All files (*)"),
        )
        return bool(name) and self.import_file(Path(name))

    def import_file(self, path: Path) -> bool:
        """Read a WorkTimeSchedule from ``path``. On any problem say which field and why and
        change nothing; on success show it (saved with *Save*)."""
        try:
            schedule = read_schedule_file(path)
        except ScheduleFileError as error:
            set_error(self.error, error.message)
            return False
        set_error(self.error, "")
        log.info("schedule %r imported from %s", schedule.name, path)
        self._load(schedule)
        return True

    # -- the result ----------------------------------------------------------------------------

    def edited_schedule(self) -> WorkTimeSchedule:
        """The schedule with the editors' values in today's revision (or a new one-revision
        schedule); raises :class:`ScheduleError` when the importer's rules refuse it. Check
        the fields' own rules first (the week's plan, the shifts)."""
        base = self._revision()
        start = base or Revision()
        shift_work = self.shifts.is_on()
        revision = self.shifts.edited(self.editor.edited_revision(start, shift_work=shift_work))
        schedule = self.schedule
        if schedule is None:
            return check_schedule(
                WorkTimeSchedule(name=self.tr("My schedule"), revisions=(revision,))
            )
        revisions = list(schedule.revisions)
        if base is None:  # no revision covers today: one from this month on
            revisions.append(dataclasses.replace(revision, date_from=self._today().replace(day=1)))
        else:
            revisions[revisions.index(base)] = revision
        return check_schedule(dataclasses.replace(schedule, revisions=tuple(revisions)))

    def apply(self, settings: Settings) -> Settings | None:
        """``settings`` with this page's schedule (None: the portal's limits), shift and
        holidays, or None when an edited field or the edited schedule breaks a rule (the
        message says which)."""
        holidays = self.holiday_choice.chosen()
        if self.use_portal.isChecked():
            set_error(self.error, "")
            return dataclasses.replace(
                settings, schedule=None, shift=None, holiday_calendar=holidays
            )
        schedule = self.schedule
        if self.edited or schedule is None:
            week = self.editor.week_problem()
            set_error(self.editor.week_error, week)
            if week or not self.shifts.show_problem():
                set_error(self.error, "")
                self.scroller.ensureWidgetVisible(
                    self.editor.week_error if week else self.shifts.error
                )
                return None
            try:
                schedule = self.edited_schedule()
            except ScheduleError as error:
                set_error(self.error, self._refusal(error))
                return None
        set_error(self.error, "")
        document: Mapping[str, object] = schedule_to_json(schedule)
        return dataclasses.replace(
            settings,
            schedule=dict(document),
            shift=self.my_shift.chosen(),
            holiday_calendar=holidays,
        )
