"""The Reminders tab of the settings dialog: which reminders to show, when the day counts as
"still open" after its expected end, and whether to ask about time away from the computer.

Each reminder shows at most once a day (a click on it, or "Snooze today" in the status panel,
silences its kind until tomorrow) and never on a day off; the page says so. What this desktop
lets the app notice of time away (no input, a locked screen, sleep) is said under the switch.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tray_app.config import Settings
from tray_app.config.setting_checks import (
    MAX_AWAY_MIN,
    MAX_STILL_OPEN_MIN,
    MIN_AWAY_MIN,
    MIN_STILL_OPEN_MIN,
)
from tray_app.ui.away.idle.base import Detection
from tray_app.ui.away.monitor import detection_text
from tray_app.ui.settings.pages import hint_label

__all__ = ["RemindersPage", "spin_row"]


def spin_row(parent: QWidget, spin: QSpinBox, hint: str) -> QWidget:
    """A spin box at its natural width with its hint beside it."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(spin)
    layout.addWidget(hint_label(hint, row), 1)
    return row


class RemindersPage(QWidget):
    """Each reminder on or off; the delay of "still open"; time away on or off and its
    threshold. ``detection``: what the running away monitor can notice (None: not running)."""

    def __init__(
        self,
        settings: Settings,
        *,
        detection: Detection | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("remindersPage")
        layout = QVBoxLayout(self)
        group = QGroupBox(self.tr("Remind me"), self)
        group.setObjectName("remindersGroup")
        form = QFormLayout(group)
        self.checks: dict[str, QCheckBox] = {}
        for name, text in (
            ("remind_not_started", self.tr("when the day is &not started by the latest start")),
            ("remind_lunch", self.tr("when the &lunch break begins (fixed hours)")),
            ("remind_work_done", self.tr("when the planned &work is done")),
            ("remind_still_open", self.tr("when the day is still &open after its end")),
            ("remind_forgotten_day", self.tr("of a &forgotten day that was never closed")),
        ):
            check = QCheckBox(text, group)
            check.setObjectName(name + "_check")
            check.setChecked(bool(getattr(settings, name)))
            self.checks[name] = check
            form.addRow(check)
        self.still_open_after = QSpinBox(group)
        self.still_open_after.setObjectName("stillOpenAfterSpin")
        self.still_open_after.setRange(MIN_STILL_OPEN_MIN, MAX_STILL_OPEN_MIN)
        self.still_open_after.setSingleStep(5)
        self.still_open_after.setSuffix(self.tr(" min"))
        self.still_open_after.setValue(settings.still_open_after_min)
        still_open = self.checks["remind_still_open"]
        still_open.toggled.connect(self.still_open_after.setEnabled)
        self.still_open_after.setEnabled(still_open.isChecked())
        form.addRow(
            self.tr("&Still open means past the end by:"),
            spin_row(
                group,
                self.still_open_after,
                self.tr("{low} to {high} minutes.").format(
                    low=MIN_STILL_OPEN_MIN, high=MAX_STILL_OPEN_MIN
                ),
            ),
        )
        form.addRow(
            hint_label(
                self.tr(
                    "Each reminder shows once a day and never on a day off. Click it, or "
                    '"Snooze today" in the status panel, to silence it until tomorrow.'
                ),
                group,
            )
        )
        layout.addWidget(group)
        layout.addWidget(self._away_group(settings, detection))
        layout.addStretch(1)

    def _away_group(self, settings: Settings, detection: Detection | None) -> QGroupBox:
        group = QGroupBox(self.tr("Time away"), self)
        group.setObjectName("awayGroup")
        form = QFormLayout(group)
        self.away = QCheckBox(self.tr("As&k what the time away from the computer was"), group)
        self.away.setObjectName("awayDetectionCheck")
        self.away.setChecked(settings.away_detection)
        form.addRow(self.away)
        self.away_after = QSpinBox(group)
        self.away_after.setObjectName("awayThresholdSpin")
        self.away_after.setRange(MIN_AWAY_MIN, MAX_AWAY_MIN)
        self.away_after.setSuffix(self.tr(" min"))
        self.away_after.setValue(settings.away_threshold_min)
        self.away.toggled.connect(self.away_after.setEnabled)
        self.away_after.setEnabled(self.away.isChecked())
        form.addRow(
            self.tr("Away &means at least:"),
            spin_row(
                group,
                self.away_after,
                self.tr("{low} to {high} minutes.").format(low=MIN_AWAY_MIN, high=MAX_AWAY_MIN),
            ),
        )
        if detection is not None:
            text = detection_text(detection)
        elif settings.away_detection:
            text = self.tr("Time away is noticed once the first status has been read.")
        else:
            text = self.tr("Time away is not watched.")
        self.detection = hint_label(text, group)
        self.detection.setObjectName("awayDetectionLabel")
        form.addRow(self.detection)
        return group

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with this page's values (a spin box cannot hold a bad one)."""
        checked = {name: check.isChecked() for name, check in self.checks.items()}
        return dataclasses.replace(
            settings,
            remind_not_started=checked["remind_not_started"],
            remind_lunch=checked["remind_lunch"],
            remind_work_done=checked["remind_work_done"],
            remind_still_open=checked["remind_still_open"],
            remind_forgotten_day=checked["remind_forgotten_day"],
            still_open_after_min=self.still_open_after.value(),
            away_detection=self.away.isChecked(),
            away_threshold_min=self.away_after.value(),
        )
