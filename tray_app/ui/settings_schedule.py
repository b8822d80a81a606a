"""The Schedule tab of the settings dialog: the work schedule the plan follows.

Either the portal's limits (``timeman.settings``: the latest start, the minimum day, the
earliest end, Monday to Friday) or a work schedule in the HR system's WorkTimeSchedule format
(shared/worktime-schedule.md):

- **Import…** reads a JSON file. A file that cannot be used shows one message naming the field
  and the problem (:class:`~tray_app.core.schedule_import.ScheduleError`), and nothing changes:
  not the schedule, not the fields, not the choice.
- The **summary** says what the schedule plans today: working days and their planned hours,
  the start and end windows, lunch, the allowed lateness, the week's plan.
- The **editor** holds the same things for the revision in force today: working weekdays with
  their planned hours, the kind of hours (fixed, flexible, free), the start and end windows,
  one lunch window and its length, the allowed lateness. Edited fields replace that revision's
  values at *Save*; the rest of an imported schedule (other revisions, shifts, time marks) is
  kept. A schedule made by hand is one revision valid from the beginning of time.
- **Use the portal's limits** clears the schedule.

The schedule is stored in the settings as its JSON object
(:func:`~tray_app.core.schedule_export.schedule_to_json`), checked by the importer's own rules
before it is saved.
"""

from __future__ import annotations

import dataclasses
import html
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTime
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from tray_app.config import Settings
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.schedule_export import schedule_to_json
from tray_app.core.schedule_import import (
    ScheduleError,
    check_schedule,
    parse_schedule,
    parse_schedule_text,
)
from tray_app.core.schedule_model import (
    FIXED_HOURS,
    FREE_HOURS,
    MINUTES_PER_DAY,
    NO_WEEKLY_PLAN,
    STAFF_START_MODES,
    WEEKLY_PLAN,
    Dinner,
    Revision,
    WorkTimeSchedule,
    revision_for,
)
from tray_app.core.timefmt import format_hm
from tray_app.ui.settings_pages import button, error_label, hint_label, set_error

__all__ = ["FLEXIBLE_HOURS", "SchedulePage", "portal_revision", "summary_lines"]

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
"""Always called by this name with the literal context "SchedulePage" (for pyside6-lupdate)."""

FLEXIBLE_HOURS = 1  # timeControl of a schedule made here with start and end windows
MAX_DELAY_MIN = 240
MAX_LUNCH_MIN = 240
_WEEK = 7


def _clock(minutes: int) -> str:
    """``09:05`` for 545 minutes after midnight (1440 reads 24:00)."""
    hours, minute = divmod(minutes, 60)
    return f"{hours:02d}:{minute:02d}"


def _qtime(minutes: int) -> QTime:
    minutes = max(0, min(minutes, MINUTES_PER_DAY - 1))
    return QTime(minutes // 60, minutes % 60)


def _minutes(value: QTime) -> int:
    return value.hour() * 60 + value.minute()


def _hm(minutes: int) -> str:
    return format_hm(timedelta(minutes=minutes))


def portal_revision(portal: PortalSettings) -> Revision:
    """The portal's limits as a revision: Monday to Friday, the minimum day each, the latest
    start and the earliest end as fixed times (free hours when the portal says flexible)."""
    day = int(portal.min_duration.total_seconds()) // 60
    start = int(portal.max_start.total_seconds()) // 60
    end = int(portal.min_finish.total_seconds()) // 60
    flexible = portal.flexible
    return Revision(
        time_control=FREE_HOURS if flexible else FIXED_HOURS,
        work_start_from=None if flexible else start,
        work_start_to=None if flexible else start,
        work_end_from=None if flexible else end,
        work_end_to=None if flexible else end,
        work_duration=day,
        plan_days_templates=(day,) * 5 + (0, 0),
    )


# -- the summary -------------------------------------------------------------------------------


def _day_names() -> list[str]:
    locale = QLocale()
    return [locale.dayName(day, QLocale.FormatType.ShortFormat) for day in range(1, 8)]


def _week_days(templates: Sequence[int]) -> str:
    """``Mon-Thu 8:00, Fri 7:00, Sat-Sun off`` (with en dashes): equal days run together."""
    names = _day_names()
    parts: list[str] = []
    first = 0
    for index in range(1, _WEEK + 1):
        if index < _WEEK and templates[index] == templates[first]:
            continue
        span = names[first] if index - 1 == first else f"{names[first]}\u2013{names[index - 1]}"
        minutes = templates[first]
        value = _hm(minutes) if minutes else translate("SchedulePage", "off")
        parts.append(f"{span} {value}")
        first = index
    return ", ".join(parts)


def _cycle_days(templates: Sequence[int]) -> str:
    values = ", ".join(
        _hm(minutes) if minutes else translate("SchedulePage", "off") for minutes in templates
    )
    return translate("SchedulePage", "a cycle of {count} days: {days}").format(
        count=len(templates), days=values
    )


def _kind_words(revision: Revision) -> str:
    if revision.is_individual_time_control:
        return translate("SchedulePage", "shift work")
    if revision.fixed:
        return translate("SchedulePage", "fixed hours")
    if revision.free:
        return translate("SchedulePage", "free hours")
    return translate("SchedulePage", "flexible hours")


def _window(first: int | None, last: int | None) -> str:
    if first is None or last is None:
        return ""
    return _clock(first) if first == last else f"{_clock(first)}\u2013{_clock(last)}"


def summary_lines(schedule: WorkTimeSchedule, on: date) -> list[str]:
    """What ``schedule`` plans on ``on``'s revision, a few lines in the user's language."""
    revision = revision_for(schedule, on)
    head = f"\u201c{schedule.name}\u201d"
    if revision is None:
        return [
            head,
            translate(
                "SchedulePage",
                "No revision of this schedule covers today: the portal's limits apply.",
            ),
        ]
    lines = [f"{head} \u00b7 {_kind_words(revision)}"]
    templates = revision.plan_days_templates
    days = (
        _week_days(templates) if revision.plan_days_type == WEEKLY_PLAN else _cycle_days(templates)
    )
    week = revision.week_plan
    week_minutes = week if week is not None else sum(templates[:_WEEK])
    if revision.plan_days_type == WEEKLY_PLAN or week is not None:
        days += " \u00b7 " + translate("SchedulePage", "week {plan}").format(plan=_hm(week_minutes))
    lines.append(days)
    if revision.is_individual_time_control and revision.shifts:
        shifts = ", ".join(
            f"{shift.name} {_clock(shift.begin)}\u2013{_clock(shift.end)}"
            for shift in revision.shifts
        )
        lines.append(translate("SchedulePage", "Shifts: {shifts}").format(shifts=shifts))
    elif not revision.free:
        start = _window(revision.work_start_from, revision.work_start_to)
        end = _window(revision.work_end_from, revision.work_end_to)
        if start and end:
            lines.append(
                translate(
                    "SchedulePage", "Start {start} (late after {delay} min) \u00b7 end {end}"
                ).format(start=start, delay=revision.allowable_delay, end=end)
            )
    if revision.dinners:
        lunches = ", ".join(
            f"{_clock(d.start)}\u2013{_clock(d.end)} ({_hm(d.length(fixed=revision.fixed))})"
            for d in revision.dinners
        )
        lines.append(translate("SchedulePage", "Lunch {lunches}").format(lunches=lunches))
    else:
        lines.append(translate("SchedulePage", "No lunch break"))
    return lines


# -- the page ----------------------------------------------------------------------------------


class SchedulePage(QWidget):
    """The portal's limits or a work schedule: import, summary, editor.

    ``portal``: the portal's limits as last read (None: the defaults), the editor's starting
    point without a schedule; ``today``: the date whose revision is shown and edited.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        portal: PortalSettings | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("schedulePage")
        self._today = today
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
                ).format(field=error.path, problem=error.problem)
        self._build()
        self._load(self.schedule)
        set_error(self.error, problem)

    # -- construction --------------------------------------------------------------------------

    def _build(self) -> None:
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
        self.summary = QLabel(self)
        self.summary.setObjectName("scheduleSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # every line is escaped
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary.setMargin(6)
        self.summary.setBackgroundRole(QPalette.ColorRole.Base)
        self.summary.setAutoFillBackground(True)
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.summary)
        self.editor = self._build_editor()
        layout.addWidget(self.editor)
        self.note = hint_label("", self)
        self.note.setObjectName("scheduleNote")
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.use_portal.toggled.connect(self._choice_changed)

    def _build_editor(self) -> QGroupBox:
        group = QGroupBox(self.tr("Working days and hours"), self)
        group.setObjectName("scheduleEditor")
        column = QVBoxLayout(group)
        days = QGridLayout()
        days.setHorizontalSpacing(8)
        days.setVerticalSpacing(2)
        self.days: list[tuple[QCheckBox, QTimeEdit]] = []
        for index, name in enumerate(_day_names()):
            check = QCheckBox(name, group)
            check.setObjectName(f"scheduleDay{index}")
            hours = QTimeEdit(group)
            hours.setObjectName(f"scheduleHours{index}")
            hours.setDisplayFormat("H:mm")
            hours.setAccessibleName(self.tr("Planned work on {day}").format(day=name))
            check.toggled.connect(hours.setEnabled)
            check.toggled.connect(self._touched)
            hours.timeChanged.connect(self._touched)
            days.addWidget(check, 0, index)
            days.addWidget(hours, 1, index)
            self.days.append((check, hours))
        column.addLayout(days)
        column.addSpacing(6)
        self.kind = QComboBox(group)
        self.kind.setObjectName("scheduleKind")
        self.kind.addItem(self.tr("Fixed hours"), FIXED_HOURS)
        self.kind.addItem(self.tr("Flexible hours"), FLEXIBLE_HOURS)
        self.kind.addItem(self.tr("Free hours"), FREE_HOURS)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.start_from, self.start_to = self._clock_pair(group, "scheduleStart")
        self.end_from, self.end_to = self._clock_pair(group, "scheduleEnd")
        self.lunch_from, self.lunch_to = self._clock_pair(group, "scheduleLunch")
        self.lunch_length = self._minutes_box(group, "scheduleLunchLength", MAX_LUNCH_MIN)
        self.lunch_length.setSpecialValueText(self.tr("no lunch"))
        self.delay = self._minutes_box(group, "scheduleDelay", MAX_DELAY_MIN)
        self._start_dash, self._end_dash = self._dash(group), self._dash(group)
        lasting = QLabel(self.tr("lasting"), group)
        lasting.setContentsMargins(8, 0, 0, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        rows: list[tuple[str, list[QWidget]]] = [
            (self.tr("&Hours:"), [self.kind]),
            (self.tr("&Start:"), [self.start_from, self._start_dash, self.start_to]),
            (self.tr("&End:"), [self.end_from, self._end_dash, self.end_to]),
            (
                self.tr("&Lunch:"),
                [self.lunch_from, self._dash(group), self.lunch_to, lasting, self.lunch_length],
            ),
            (self.tr("Late a&fter:"), [self.delay]),
        ]
        for text, widgets in rows:
            label = QLabel(text, group)
            label.setBuddy(widgets[0])
            row = QHBoxLayout()
            row.setSpacing(4)
            for widget in widgets:
                row.addWidget(widget)
            row.addStretch(1)
            form.addRow(label, row)
        column.addLayout(form)
        return group

    def _clock_pair(self, parent: QWidget, name: str) -> tuple[QTimeEdit, QTimeEdit]:
        pair = []
        for end in ("From", "To"):
            edit = QTimeEdit(parent)
            edit.setObjectName(name + end)
            edit.setDisplayFormat("HH:mm")
            edit.timeChanged.connect(self._touched)
            pair.append(edit)
        return pair[0], pair[1]

    def _minutes_box(self, parent: QWidget, name: str, high: int) -> QSpinBox:
        box = QSpinBox(parent)
        box.setObjectName(name)
        box.setRange(0, high)
        box.setSingleStep(5)
        box.setSuffix(self.tr(" min"))
        box.valueChanged.connect(self._touched)
        return box

    @staticmethod
    def _dash(parent: QWidget) -> QLabel:
        dash = QLabel("\u2013", parent)
        dash.setContentsMargins(2, 0, 2, 0)
        return dash

    # -- loading -------------------------------------------------------------------------------

    def _revision(self) -> Revision | None:
        """The revision the editor holds: the schedule's for today."""
        return None if self.schedule is None else revision_for(self.schedule, self._today())

    def _load(self, schedule: WorkTimeSchedule | None) -> None:
        """Show ``schedule`` (None: the portal's limits), fields and all, as not edited."""
        self.schedule = schedule
        revision = self._revision()
        self._fill(revision or portal_revision(self._portal))
        self.edited = False
        self._filling = True
        try:
            (self.use_portal if schedule is None else self.use_schedule).setChecked(True)
        finally:
            self._filling = False
        self._choice_changed()

    def _fill(self, revision: Revision) -> None:
        self._filling = True
        try:
            weekly = revision.plan_days_type == WEEKLY_PLAN
            for index, (check, hours) in enumerate(self.days):
                minutes = revision.plan_days_templates[index] if weekly else 0
                check.setChecked(minutes > 0)
                hours.setTime(_qtime(minutes if minutes > 0 else 480))
                hours.setEnabled(minutes > 0)
            kind = revision.time_control if revision.time_control in (0, 2) else 1
            self.kind.setCurrentIndex(self.kind.findData(kind))
            self.start_from.setTime(_qtime(revision.work_start_from or 9 * 60))
            self.start_to.setTime(_qtime(revision.work_start_to or 9 * 60))
            self.end_from.setTime(_qtime(revision.work_end_from or 18 * 60))
            self.end_to.setTime(_qtime(revision.work_end_to or 18 * 60))
            lunch = revision.dinners[0] if revision.dinners else None
            self.lunch_from.setTime(_qtime(lunch.start if lunch else 13 * 60))
            self.lunch_to.setTime(_qtime(lunch.end if lunch else 14 * 60))
            self.lunch_length.setValue(lunch.length(fixed=revision.fixed) if lunch else 0)
            self.delay.setValue(revision.allowable_delay)
        finally:
            self._filling = False
        self._kind_changed()

    # -- reactions -----------------------------------------------------------------------------

    def _touched(self) -> None:
        if not self._filling:
            self.edited = True
            self._show_state()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        for widget in (self.start_to, self.end_to, self._start_dash, self._end_dash):
            widget.setVisible(kind != FIXED_HOURS)
        for edit in (self.start_from, self.start_to, self.end_from, self.end_to, self.delay):
            edit.setEnabled(kind != FREE_HOURS)
        self._touched()
        self._show_state()

    def _choice_changed(self) -> None:
        if self._filling:
            return
        self._show_state()

    def _show_state(self) -> None:
        revision = self._revision()
        schedule_mode = self.use_schedule.isChecked()
        shifts = revision is not None and revision.is_individual_time_control
        cycle = revision is not None and revision.plan_days_type != WEEKLY_PLAN
        self.editor.setEnabled(schedule_mode)
        for check, hours in self.days:
            check.setEnabled(schedule_mode and not cycle)
            hours.setEnabled(schedule_mode and not cycle and check.isChecked())
        for widget in (self.kind, self.start_from, self.start_to, self.end_from, self.end_to):
            if shifts:
                widget.setEnabled(False)
        notes = []
        if schedule_mode and cycle:
            notes.append(self.tr("This schedule plans a cycle of days; they are not edited here."))
        if schedule_mode and shifts:
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

    def _summary(self, schedule_mode: bool) -> list[str]:
        """What *Save* would keep: the schedule as edited, else as loaded."""
        if not schedule_mode:
            return [self.tr("The portal's limits are used.")]
        shown = self.schedule
        if self.edited or shown is None:
            try:
                shown = self.edited_schedule()
            except ScheduleError as error:
                set_error(self.error, self._refusal(error))
            else:
                set_error(self.error, "")
        if shown is None:
            return [self.tr("A schedule made here.")]
        return summary_lines(shown, self._today())

    def _refusal(self, error: ScheduleError) -> str:
        return self.tr("The schedule cannot be saved: {field}: {problem}").format(
            field=error.path, problem=error.problem
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
            text = path.read_bytes().decode("utf-8")
        except OSError as error:
            set_error(
                self.error,
                self.tr("{file} cannot be read: {problem}").format(
                    file=path.name, problem=error.strerror or str(error)
                ),
            )
            return False
        except UnicodeDecodeError:
            set_error(self.error, self.tr("{file} is not UTF-8 text.").format(file=path.name))
            return False
        try:
            schedule = parse_schedule_text(text)
        except ScheduleError as error:
            set_error(
                self.error,
                self.tr("{file} was not imported: {field}: {problem}").format(
                    file=path.name, field=error.path, problem=error.problem
                ),
            )
            return False
        set_error(self.error, "")
        log.info("schedule %r imported from %s", schedule.name, path)
        self._load(schedule)
        return True

    # -- the result ----------------------------------------------------------------------------

    def edited_schedule(self) -> WorkTimeSchedule:
        """The schedule with the editor's values in today's revision (or a new one-revision
        schedule); raises :class:`ScheduleError` when the importer's rules refuse it."""
        base = self._revision()
        revision = self._edited_revision(base or Revision())
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

    def _edited_revision(self, base: Revision) -> Revision:
        kind = int(self.kind.currentData())
        changes: dict[str, Any] = {}
        if base.plan_days_type == WEEKLY_PLAN:
            templates = tuple(
                _minutes(hours.time()) if check.isChecked() else 0 for check, hours in self.days
            )
            if templates != base.plan_days_templates:
                changes.update(plan_days_templates=templates, control_period=NO_WEEKLY_PLAN)
                changes.update(plan_time=None)
        else:
            templates = base.plan_days_templates
        lunch = self.lunch_length.value()
        if not base.is_individual_time_control:
            fixed = kind == FIXED_HOURS
            free = kind == FREE_HOURS
            start, end = _minutes(self.start_from.time()), _minutes(self.end_from.time())
            start_to = start if fixed else _minutes(self.start_to.time())
            end_to = end if fixed else _minutes(self.end_to.time())
            changes.update(
                time_control=kind,
                work_start_from=None if free else start,
                work_start_to=None if free else start_to,
                work_end_from=None if free else end,
                work_end_to=None if free else end_to,
                work_start_staff=start if kind in STAFF_START_MODES else None,
            )
        changes.update(
            dinners=()
            if lunch == 0
            else (
                Dinner(
                    start=_minutes(self.lunch_from.time()),
                    end=_minutes(self.lunch_to.time()),
                    min_duration=lunch,
                    max_duration=lunch,
                ),
                *base.dinners[1:],
            ),
            allowable_delay=self.delay.value(),
            work_duration=max(templates, default=0) + lunch,
        )
        return dataclasses.replace(base, **changes)

    def apply(self, settings: Settings) -> Settings | None:
        """``settings`` with this page's schedule (None: the portal's limits), or None when the
        edited schedule breaks a rule (the message names the field)."""
        if self.use_portal.isChecked():
            set_error(self.error, "")
            return dataclasses.replace(settings, schedule=None)
        schedule = self.schedule
        if self.edited or schedule is None:
            try:
                schedule = self.edited_schedule()
            except ScheduleError as error:
                set_error(self.error, self._refusal(error))
                return None
        set_error(self.error, "")
        document: Mapping[str, object] = schedule_to_json(schedule)
        return dataclasses.replace(settings, schedule=dict(document))
