"""The editor of one revision's days and hours, on the Schedule tab.

Working weekdays with their planned hours, the week's plan (the sum of the days or a plan of
its own), the kind of hours (fixed, flexible, free), the start and end windows, one lunch window
and its length, the allowed lateness. :meth:`HoursEditor.edited_revision` puts the edited values
into a revision; what the editor does not show (a second lunch, time marks, ...) is kept.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from tray_app.core.schedule_import import WEEK_MINUTES
from tray_app.core.schedule_model import (
    FIXED_HOURS,
    FREE_HOURS,
    NO_WEEKLY_PLAN,
    STAFF_START_MODES,
    WEEKLY_PLAN,
    Dinner,
    Revision,
)
from tray_app.ui.settings.pages import error_label, hint_label, set_error
from tray_app.ui.settings.schedule_fields import (
    DurationSpin,
    clock_edit,
    dash,
    minutes_box,
    minutes_of,
    qtime,
)
from tray_app.ui.settings.schedule_summary import day_names, hm, week_sum

__all__ = ["FLEXIBLE_HOURS", "WEEK_PERIOD", "HoursEditor"]

FLEXIBLE_HOURS = 1  # timeControl of a schedule made here with start and end windows
WEEK_PERIOD = 1  # controlPeriod of a weekly plan made here (the HR system's files use 1)
MAX_DELAY_MIN = 240
MAX_LUNCH_MIN = 240
DEFAULT_DAY_MIN = 8 * 60


class HoursEditor(QGroupBox):
    """The days and hours of the revision in force today.

    Signals:
        changed(): a field was changed by hand (not by :meth:`fill`).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Working days and hours"))
        self.setObjectName("scheduleEditor")
        self._filling = False
        self._cycle = False  # the revision plans a cycle: its days are not edited here
        self._cycle_sum = 0
        column = QVBoxLayout(self)
        column.addLayout(self._build_days())
        column.addSpacing(6)
        column.addLayout(self._build_form())
        self.week_error = error_label("scheduleWeekError", self)
        column.addWidget(self.week_error)

    # -- construction --------------------------------------------------------------------------

    def _build_days(self) -> QGridLayout:
        days = QGridLayout()
        days.setHorizontalSpacing(8)
        days.setVerticalSpacing(2)
        self.days: list[tuple[QCheckBox, QTimeEdit]] = []
        for index, name in enumerate(day_names()):
            check = QCheckBox(name, self)
            check.setObjectName(f"scheduleDay{index}")
            hours = QTimeEdit(self)
            hours.setObjectName(f"scheduleHours{index}")
            hours.setDisplayFormat("H:mm")
            hours.setAccessibleName(self.tr("Planned work on {day}").format(day=name))
            check.toggled.connect(hours.setEnabled)
            check.toggled.connect(self._touched)
            hours.timeChanged.connect(self._touched)
            days.addWidget(check, 0, index)
            days.addWidget(hours, 1, index)
            self.days.append((check, hours))
        return days

    def _build_form(self) -> QFormLayout:
        self.week_mode = QComboBox(self)
        self.week_mode.setObjectName("scheduleWeekMode")
        self.week_mode.addItem(self.tr("the sum of the days"), False)
        self.week_mode.addItem(self.tr("a plan of"), True)
        self.week_mode.currentIndexChanged.connect(self._touched)
        self.week_plan = DurationSpin(self)
        self.week_plan.setObjectName("scheduleWeekPlan")
        self.week_plan.setRange(0, WEEK_MINUTES)
        self.week_plan.setSingleStep(30)
        self.week_plan.setAccessibleName(self.tr("The week's plan, hours:minutes"))
        self.week_plan.valueChanged.connect(self._touched)
        self.week_plan.lineEdit().textEdited.connect(self._touched)
        self.week_days = hint_label("", self)
        self.week_days.setObjectName("scheduleWeekDays")
        self.week_days.setWordWrap(False)
        self.kind = QComboBox(self)
        self.kind.setObjectName("scheduleKind")
        self.kind.addItem(self.tr("Fixed hours"), FIXED_HOURS)
        self.kind.addItem(self.tr("Flexible hours"), FLEXIBLE_HOURS)
        self.kind.addItem(self.tr("Free hours"), FREE_HOURS)
        self.kind.currentIndexChanged.connect(self._touched)
        self.start_from = clock_edit(self, "scheduleStartFrom", self._touched)
        self.start_to = clock_edit(self, "scheduleStartTo", self._touched)
        self.end_from = clock_edit(self, "scheduleEndFrom", self._touched)
        self.end_to = clock_edit(self, "scheduleEndTo", self._touched)
        self.lunch_from = clock_edit(self, "scheduleLunchFrom", self._touched)
        self.lunch_to = clock_edit(self, "scheduleLunchTo", self._touched)
        minutes = self.tr(" min")
        self.lunch_length = minutes_box(
            self, "scheduleLunchLength", MAX_LUNCH_MIN, minutes, self._touched
        )
        self.lunch_length.setSpecialValueText(self.tr("no lunch"))
        self.delay = minutes_box(self, "scheduleDelay", MAX_DELAY_MIN, minutes, self._touched)
        self._start_dash, self._end_dash = dash(self), dash(self)
        lasting = QLabel(self.tr("lasting"), self)
        lasting.setContentsMargins(8, 0, 0, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        rows: list[tuple[str, list[QWidget]]] = [
            (self.tr("Wee&k:"), [self.week_mode, self.week_plan, self.week_days]),
            (self.tr("&Hours:"), [self.kind]),
            (self.tr("&Start:"), [self.start_from, self._start_dash, self.start_to]),
            (self.tr("&End:"), [self.end_from, self._end_dash, self.end_to]),
            (
                self.tr("&Lunch:"),
                [self.lunch_from, dash(self), self.lunch_to, lasting, self.lunch_length],
            ),
            (self.tr("Late a&fter:"), [self.delay]),
        ]
        for text, widgets in rows:
            label = QLabel(text, self)
            label.setBuddy(widgets[0])
            row = QHBoxLayout()
            row.setSpacing(4)
            for widget in widgets:
                row.addWidget(widget)
            row.addStretch(1)
            form.addRow(label, row)
        return form

    # -- filling and state ---------------------------------------------------------------------

    def fill(self, revision: Revision) -> None:
        """Show ``revision``'s values (no ``changed``)."""
        self._filling = True
        try:
            weekly = revision.plan_days_type == WEEKLY_PLAN
            for index, (check, hours) in enumerate(self.days):
                minutes = revision.plan_days_templates[index] if weekly else 0
                check.setChecked(minutes > 0)
                hours.setTime(qtime(minutes if minutes > 0 else DEFAULT_DAY_MIN))
                hours.setEnabled(minutes > 0)
            week = revision.week_plan
            self.week_mode.setCurrentIndex(int(week is not None))
            self.week_plan.setValue(week if week is not None else self._days_sum(revision))
            kind = revision.time_control if revision.time_control in (0, 2) else 1
            self.kind.setCurrentIndex(self.kind.findData(kind))
            self.start_from.setTime(qtime(revision.work_start_from or 9 * 60))
            self.start_to.setTime(qtime(revision.work_start_to or 9 * 60))
            self.end_from.setTime(qtime(revision.work_end_from or 18 * 60))
            self.end_to.setTime(qtime(revision.work_end_to or 18 * 60))
            lunch = revision.dinners[0] if revision.dinners else None
            self.lunch_from.setTime(qtime(lunch.start if lunch else 13 * 60))
            self.lunch_to.setTime(qtime(lunch.end if lunch else 14 * 60))
            self.lunch_length.setValue(lunch.length(fixed=revision.fixed) if lunch else 0)
            self.delay.setValue(revision.allowable_delay)
        finally:
            self._filling = False
        self._cycle = revision.plan_days_type != WEEKLY_PLAN
        self._cycle_sum = week_sum(revision.plan_days_templates)

    def show_state(self, *, enabled: bool, shift_work: bool) -> None:
        """Enable what applies: nothing in the portal's mode; no days of a cycle; no windows
        on free hours; no kind or windows on shift work (the shift has its hours)."""
        self.setEnabled(enabled)
        kind = self.kind.currentData()
        for check, hours in self.days:
            check.setEnabled(not self._cycle)
            hours.setEnabled(not self._cycle and check.isChecked())
        self.kind.setEnabled(not shift_work)
        windows = kind != FREE_HOURS and not shift_work
        for edit in (self.start_from, self.start_to, self.end_from, self.end_to):
            edit.setEnabled(windows)
        self.delay.setEnabled(kind != FREE_HOURS)
        for widget in (self.start_to, self.end_to, self._start_dash, self._end_dash):
            widget.setVisible(kind != FIXED_HOURS)
        self._show_week()

    def _show_week(self) -> None:
        planned = bool(self.week_mode.currentData())
        days = self._days_sum()
        self.week_plan.setEnabled(planned)
        self.week_plan.setVisible(planned or not self._cycle)  # a cycle's days make no week
        if not planned and self.week_plan.value() != days:
            self._filling = True
            try:
                self.week_plan.setValue(days)  # what the week then plans
            finally:
                self._filling = False
        differs = planned and self.week_plan.value() != days and not self._cycle
        self.week_days.setText(self.tr("the days add up to {days}").format(days=hm(days)))
        self.week_days.setVisible(differs)
        set_error(self.week_error, self.week_problem())

    def week_problem(self) -> str:
        """Why the week's plan cannot be saved, or ""."""
        if not self.week_mode.currentData():
            return ""
        if not self.week_plan.hasAcceptableInput():
            return self.tr("Enter the week's plan as hours:minutes, at most {most}.").format(
                most=hm(WEEK_MINUTES)
            )
        if self.week_plan.value() == 0:
            return self.tr("A week's plan of 0:00 plans no work: enter the hours of the week.")
        return ""

    def _days_sum(self, revision: Revision | None = None) -> int:
        if revision is not None:
            return week_sum(revision.plan_days_templates)
        if self._cycle:
            return self._cycle_sum
        return sum(minutes_of(hours.time()) for check, hours in self.days if check.isChecked())

    def _touched(self) -> None:
        if not self._filling:
            self.changed.emit()

    # -- the result ----------------------------------------------------------------------------

    def edited_revision(self, base: Revision, *, shift_work: bool) -> Revision:
        """``base`` with the editor's values (call when :meth:`week_problem` says "")."""
        kind = int(self.kind.currentData())
        changes: dict[str, Any] = {}
        templates = base.plan_days_templates
        if base.plan_days_type == WEEKLY_PLAN:
            templates = tuple(
                minutes_of(hours.time()) if check.isChecked() else 0 for check, hours in self.days
            )
            changes.update(plan_days_templates=templates)
        planned = bool(self.week_mode.currentData())
        plan = self.week_plan.value() if planned else None
        if plan != base.week_plan:
            changes.update(
                control_period=(base.control_period or WEEK_PERIOD) if planned else NO_WEEKLY_PLAN,
                plan_time=plan,
            )
        keep_windows = (
            shift_work
            and base.fixed
            and base.work_start_from is not None
            and base.work_end_from is not None
        )
        if not keep_windows:  # shift work keeps the windows it came with (disabled fields)
            changes.update(self._windows(kind))
        lunch = self.lunch_length.value()
        changes.update(
            dinners=()
            if lunch == 0
            else (
                Dinner(
                    start=minutes_of(self.lunch_from.time()),
                    end=minutes_of(self.lunch_to.time()),
                    min_duration=lunch,
                    max_duration=lunch,
                ),
                *base.dinners[1:],
            ),
            allowable_delay=self.delay.value(),
            work_duration=max(templates, default=0) + lunch,
        )
        return dataclasses.replace(base, **changes)

    def _windows(self, kind: int) -> dict[str, Any]:
        fixed = kind == FIXED_HOURS
        free = kind == FREE_HOURS
        start, end = minutes_of(self.start_from.time()), minutes_of(self.end_from.time())
        start_to = start if fixed else minutes_of(self.start_to.time())
        end_to = end if fixed else minutes_of(self.end_to.time())
        return {
            "time_control": kind,
            "work_start_from": None if free else start,
            "work_start_to": None if free else start_to,
            "work_end_from": None if free else end,
            "work_end_to": None if free else end_to,
            "work_start_staff": start if kind in STAFF_START_MODES else None,
        }

    def lunch_window(self) -> tuple[int, int, int]:
        """The revision's lunch as edited: start, end and length (the length 0: no lunch)."""
        return (
            minutes_of(self.lunch_from.time()),
            minutes_of(self.lunch_to.time()),
            self.lunch_length.value(),
        )
