"""The settings of the plan: the Schedule tab (the portal's limits, a schedule imported from a
file or made by hand) and the Reminders tab (each kind, the still-open delay)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTime
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QCheckBox, QFileDialog, QSpinBox, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import artifacts
from tray_app.config import MemorySecretStore, Settings, load_settings
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.schedule_import import parse_schedule
from tray_app.services.autostart import Autostart
from tray_app.ui.settings.dialog import REMINDERS_TAB, SCHEDULE_TAB, SettingsDialog
from tray_app.ui.settings.schedule import FLEXIBLE_HOURS, SchedulePage
from tray_app.ui.settings.support import Done

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]
WAIT_MS = 3000


def run_now(task: Callable[[], object], done: Done) -> None:
    try:
        value = task()
    except Exception as error:
        done(None, error)
    else:
        done(value, None)


@pytest.fixture
def make(qtbot: QtBot, tmp_path: Path) -> Callable[..., SettingsDialog]:
    store = MemorySecretStore()

    def build(
        settings: Settings | None = None, *, portal: PortalSettings | None = None
    ) -> SettingsDialog:
        dialog = SettingsDialog(
            settings or Settings(),
            portal=portal,
            run_task=run_now,
            store_factory=lambda: store,
            autostart=Autostart(platform="linux", environ={}, home=tmp_path / "home"),
            autostart_command=["timeman-tray"],
        )
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return build


def find(dialog: QWidget, kind: type[QWidget], name: str) -> QWidget:
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def check(dialog: QWidget, name: str) -> QCheckBox:
    widget = find(dialog, QCheckBox, name)
    assert isinstance(widget, QCheckBox)
    return widget


def test_the_reminders_tab_shows_and_saves_each_kind_and_the_delay(
    make: Callable[..., SettingsDialog], qtbot: QtBot
) -> None:
    dialog = make(Settings(remind_forgotten_day=False, still_open_after_min=45))
    tabs = find(dialog, QTabWidget, "settingsTabs")
    assert isinstance(tabs, QTabWidget)
    assert tabs.tabText(REMINDERS_TAB) == "Remin&ders"
    tabs.setCurrentIndex(REMINDERS_TAB)
    assert check(dialog, "remind_forgotten_day_check").isChecked() is False
    assert check(dialog, "remind_lunch_check").isChecked() is True
    spin = find(dialog, QSpinBox, "stillOpenAfterSpin")
    assert isinstance(spin, QSpinBox)
    assert (spin.value(), spin.minimum(), spin.maximum()) == (45, 5, 480)
    check(dialog, "remind_still_open_check").setChecked(False)
    assert not spin.isEnabled(), "the delay belongs to the still-open reminder"
    check(dialog, "remind_still_open_check").setChecked(True)
    assert spin.isEnabled()
    spin.setValue(60)
    check(dialog, "remind_lunch_check").setChecked(False)
    with qtbot.waitSignal(dialog.settingsChanged, timeout=WAIT_MS) as saved:
        dialog.save()
    stored = load_settings()
    assert saved.args == [stored]
    assert (stored.remind_lunch, stored.remind_forgotten_day, stored.still_open_after_min) == (
        False,
        False,
        60,
    )
    assert (stored.remind_work_done, stored.remind_not_started, stored.remind_still_open) == (
        True,
        True,
        True,
    )


# -- the schedule ------------------------------------------------------------------------------

SCHEDULES = Path(__file__).resolve().parents[2] / "fixtures" / "schedules"
SEPTEMBER = date(2025, 9, 1)  # a Monday under the office schedule's second revision (and the
# shift schedule's only one): "today" of the schedule tests


def document(name: str) -> dict[str, Any]:
    loaded = json.loads((SCHEDULES / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def page_of(dialog: SettingsDialog) -> SchedulePage:
    page = dialog.findChild(SchedulePage, "schedulePage")
    assert page is not None
    tabs = dialog.findChild(QTabWidget, "settingsTabs")
    assert tabs is not None
    tabs.setCurrentIndex(SCHEDULE_TAB)
    return page


def summary(page: SchedulePage) -> list[str]:
    """The summary's lines as read (the first, the schedule's name, is bold)."""
    text = page.summary.text()
    assert text.startswith("<b>")
    return QTextDocumentFragment.fromHtml(text).toPlainText().splitlines()


def fields(page: SchedulePage) -> dict[str, object]:
    """Every editor value, to compare before and after."""
    values: dict[str, object] = {
        "mode": "schedule" if page.use_schedule.isChecked() else "portal",
        "kind": page.kind.currentData(),
        "delay": page.delay.value(),
        "lunch": page.lunch_length.value(),
    }
    for name in ("start_from", "start_to", "end_from", "end_to", "lunch_from", "lunch_to"):
        values[name] = getattr(page, name).time().toString("HH:mm")
    values["days"] = [
        (check.isChecked(), hours.time().toString("H:mm")) for check, hours in page.days
    ]
    return values


@pytest.fixture
def schedule_dialog(
    make: Callable[..., SettingsDialog], monkeypatch: pytest.MonkeyPatch
) -> SettingsDialog:
    monkeypatch.setattr("tray_app.ui.settings.schedule.date", _September)
    return make(Settings())


class _September(date):
    @classmethod
    def today(cls) -> _September:
        return cls(SEPTEMBER.year, SEPTEMBER.month, SEPTEMBER.day)


def test_without_a_schedule_the_portals_limits_fill_the_editor(
    make: Callable[..., SettingsDialog],
) -> None:
    dialog = make(Settings(), portal=PortalSettings(min_duration=timedelta(hours=7)))
    page = page_of(dialog)
    assert dialog.findChild(QTabWidget, "settingsTabs").tabText(SCHEDULE_TAB) == "Sched&ule"  # type: ignore[union-attr]
    assert page.use_portal.isChecked()
    assert not page.editor.isEnabled()
    assert summary(page) == ["The portal's limits are used."]
    assert fields(page)["days"] == [(True, "7:00")] * 5 + [(False, "8:00")] * 2
    assert (page.start_from.time().toString("HH:mm"), page.end_from.time().toString("HH:mm")) == (
        "09:15",
        "17:45",
    )


def test_a_schedule_file_is_imported_summarised_and_saved_as_it_is(
    schedule_dialog: SettingsDialog, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(schedule_dialog)
    path = SCHEDULES / "office_fixed.json"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(path), "*.json"))
    )
    page.import_button.click()
    assert page.error.isHidden()
    assert page.use_schedule.isChecked()
    assert page.editor.isEnabled()
    assert summary(page) == [
        "\u201cОфис 5/2\u201d \u00b7 fixed hours",  # noqa: RUF001 (the file's Russian name)
        "Mon\u2013Thu 8:00, Fri 7:00, Sat\u2013Sun off \u00b7 week 39:00",
        "Start 08:30 (late after 10 min) \u00b7 end 17:30",
        "Lunch 12:30\u201313:30 (1:00)",
    ]
    assert fields(page) == {
        "mode": "schedule",
        "kind": 0,
        "delay": 10,
        "lunch": 60,
        "start_from": "08:30",
        "start_to": "08:30",
        "end_from": "17:30",
        "end_to": "17:30",
        "lunch_from": "12:30",
        "lunch_to": "13:30",
        "days": [(True, "8:00")] * 4 + [(True, "7:00"), (False, "8:00"), (False, "8:00")],
    }
    assert not page.start_to.isVisibleTo(page), "fixed hours have one start time"
    with qtbot.waitSignal(schedule_dialog.settingsChanged, timeout=WAIT_MS):
        schedule_dialog.save()
    stored = load_settings().schedule
    assert stored is not None
    assert parse_schedule(dict(stored)) == parse_schedule(document("office_fixed"))


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            lambda d: d["settingsRevisions"][1].update(workEndTo=1000),
            "settingsRevisions[1].workEndTo",
            "must not be before workEndFrom",
        ),
        (
            lambda d: d["settingsRevisions"][0].pop("planDaysTemplates"),
            "settingsRevisions[0].planDaysTemplates",
            "is required",
        ),
        (lambda d: d.update(name="  "), "name", "must not be empty"),
    ],
    ids=["window", "missing", "name"],
)
def test_a_bad_schedule_file_names_its_field_and_changes_nothing(  # noqa: PLR0917
    schedule_dialog: SettingsDialog,
    qtbot: QtBot,
    tmp_path: Path,
    change: Callable[[dict[str, Any]], object],
    field: str,
    words: str,
) -> None:
    page = page_of(schedule_dialog)
    before = fields(page)
    bad = document("office_fixed")
    change(bad)
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert not page.import_file(path)
    assert not page.error.isHidden()
    assert page.error.text().startswith(f"schedule.json was not imported: {field}: ")
    assert words in page.error.text()
    assert fields(page) == before, "nothing half-imported"
    assert page.schedule is None
    with qtbot.waitSignal(schedule_dialog.settingsChanged, timeout=WAIT_MS):
        schedule_dialog.save()
    assert load_settings().schedule is None


def test_files_that_are_no_schedule_at_all(schedule_dialog: SettingsDialog, tmp_path: Path) -> None:
    page = page_of(schedule_dialog)
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": ', encoding="utf-8")
    assert not page.import_file(broken)
    assert page.error.text().startswith(
        "broken.json was not imported: (document): is not valid JSON"
    )
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00")
    assert not page.import_file(binary)
    assert page.error.text() == "binary.json is not UTF-8 text."
    assert not page.import_file(tmp_path / "missing.json")
    assert page.error.text() == "missing.json cannot be read: No such file or directory"
    assert page.schedule is None
    assert page.use_portal.isChecked()


def test_a_schedule_is_made_by_hand_from_the_portals_limits(
    schedule_dialog: SettingsDialog, qtbot: QtBot
) -> None:
    page = page_of(schedule_dialog)
    page.use_schedule.setChecked(True)
    assert page.editor.isEnabled()
    friday_check, friday = page.days[4]
    friday.setTime(QTime(6, 0))
    page.days[5][0].setChecked(True)  # Saturday
    page.days[5][1].setTime(QTime(4, 0))
    page.kind.setCurrentIndex(page.kind.findData(FLEXIBLE_HOURS))
    page.start_from.setTime(QTime(8, 0))
    page.start_to.setTime(QTime(10, 0))
    page.end_from.setTime(QTime(17, 0))
    page.end_to.setTime(QTime(19, 0))
    page.lunch_from.setTime(QTime(12, 0))
    page.lunch_to.setTime(QTime(14, 0))
    page.lunch_length.setValue(45)
    page.delay.setValue(15)
    assert friday_check.isChecked()
    assert summary(page) == [
        "\u201cMy schedule\u201d \u00b7 flexible hours",
        "Mon\u2013Thu 8:00, Fri 6:00, Sat 4:00, Sun off \u00b7 week 42:00",
        "Start 08:00\u201310:00 (late after 15 min) \u00b7 end 17:00\u201319:00",
        "Lunch 12:00\u201314:00 (0:45)",
    ]
    with qtbot.waitSignal(schedule_dialog.settingsChanged, timeout=WAIT_MS):
        schedule_dialog.save()
    stored = load_settings().schedule
    assert stored is not None
    made = parse_schedule(dict(stored))
    (revision,) = made.revisions
    assert revision.date_from is None
    assert revision.plan_days_templates == (480, 480, 480, 480, 360, 240, 0)
    assert (revision.work_start_from, revision.work_start_to, revision.work_start_staff) == (
        480,
        600,
        480,
    )
    assert (revision.work_end_from, revision.work_end_to) == (1020, 1140)
    assert [(d.start, d.end, d.length(fixed=False)) for d in revision.dinners] == [(720, 840, 45)]
    assert revision.allowable_delay == 15
    assert revision.work_duration == 480 + 45


def test_editing_an_imported_schedule_changes_only_todays_revision(
    schedule_dialog: SettingsDialog, qtbot: QtBot
) -> None:
    page = page_of(schedule_dialog)
    assert page.import_file(SCHEDULES / "office_fixed.json")
    page.delay.setValue(20)
    page.days[4][1].setTime(QTime(8, 0))  # a full Friday
    assert "week 39:00 (the days: 40:00)" in page.summary.text(), "the plan is the file's"
    page.editor.week_mode.setCurrentIndex(0)  # the sum of the days
    assert "week 40:00<br>" in page.summary.text()
    assert page.editor.week_plan.text() == "40:00"
    assert not page.editor.week_plan.isEnabled()
    with qtbot.waitSignal(schedule_dialog.settingsChanged, timeout=WAIT_MS):
        schedule_dialog.save()
    stored = load_settings().schedule
    assert stored is not None
    first, second = parse_schedule(dict(stored)).revisions
    original = parse_schedule(document("office_fixed")).revisions
    assert first == original[0]
    assert (second.allowable_delay, second.plan_days_templates) == (20, (480,) * 5 + (0, 0))
    assert (second.date_from, second.time_marks) == (original[1].date_from, original[1].time_marks)
    assert second.week_plan is None, "the week follows the days now"


def test_a_hand_edit_that_breaks_a_rule_is_not_saved(
    schedule_dialog: SettingsDialog, make: Callable[..., SettingsDialog]
) -> None:
    page = page_of(schedule_dialog)
    page.use_schedule.setChecked(True)
    page.kind.setCurrentIndex(page.kind.findData(FLEXIBLE_HOURS))
    page.start_from.setTime(QTime(10, 0))
    page.start_to.setTime(QTime(9, 0))
    expected = "The schedule cannot be saved: settingsRevisions[0].workStartTo: must not be before"
    assert page.error.text().startswith(expected), "said at once"
    tabs = schedule_dialog.findChild(QTabWidget, "settingsTabs")
    assert tabs is not None
    tabs.setCurrentIndex(0)
    assert not schedule_dialog.save()
    assert tabs.currentIndex() == SCHEDULE_TAB
    assert page.error.text().startswith(expected)
    assert load_settings().schedule is None


def test_the_portals_limits_clear_a_stored_schedule(
    make: Callable[..., SettingsDialog], qtbot: QtBot
) -> None:
    dialog = make(Settings(schedule=document("flexible_two_lunches")))
    page = page_of(dialog)
    assert page.use_schedule.isChecked()
    assert page.schedule is not None
    page.use_portal.setChecked(True)
    assert not page.editor.isEnabled()
    with qtbot.waitSignal(dialog.settingsChanged, timeout=WAIT_MS) as saved:
        dialog.save()
    assert saved.args[0].schedule is None
    assert load_settings().schedule is None


def test_a_stored_schedule_that_cannot_be_used_says_so(make: Callable[..., SettingsDialog]) -> None:
    dialog = make(Settings(schedule={"name": "Broken"}))
    page = page_of(dialog)
    assert page.use_portal.isChecked()
    assert page.error.text() == (
        "The stored schedule cannot be used (id: is required (null is allowed)); the portal's "
        "limits apply."
    )


def test_cycles_and_shifts_are_summarised_but_their_days_not_edited(
    schedule_dialog: SettingsDialog, qtbot: QtBot
) -> None:
    page = page_of(schedule_dialog)
    assert page.import_file(SCHEDULES / "shifts_two_on_two_off.json")
    assert summary(page) == [
        "\u201cСменный 2/2\u201d \u00b7 shift work",  # noqa: RUF001 (the file's Russian name)
        "a cycle of 4 days: 11:00, 11:00, off, off",
        "Shifts: Дневная 08:00\u201320:00, Ночная 20:00\u201308:00",
        "Lunch 13:00\u201314:00 (1:00)",
    ]
    assert all(not check.isEnabled() for check, _hours in page.days)
    assert not page.kind.isEnabled()
    assert page.note.text() == (
        "This schedule plans a cycle of days; they are not edited here. "
        "Shift work: the day's hours come from the shift."
    )
    page.delay.setValue(7)
    with qtbot.waitSignal(schedule_dialog.settingsChanged, timeout=WAIT_MS):
        schedule_dialog.save()
    stored = load_settings().schedule
    assert stored is not None
    (revision,) = parse_schedule(dict(stored)).revisions
    assert revision.allowable_delay == 7
    assert revision.plan_days_templates == (660, 660, 0, 0)
    assert len(revision.shifts) == 2


def test_free_hours_have_no_windows(schedule_dialog: SettingsDialog) -> None:
    page = page_of(schedule_dialog)
    assert page.import_file(SCHEDULES / "legacy_free_hours.json")
    assert page.kind.currentData() == 2
    assert not page.start_from.isEnabled()
    assert not page.delay.isEnabled()
    assert "Start" not in page.summary.text()


def test_screenshot_of_the_schedule_page(schedule_dialog: SettingsDialog, qtbot: QtBot) -> None:
    page = page_of(schedule_dialog)
    assert page.import_file(SCHEDULES / "office_fixed.json")
    qtbot.waitExposed(schedule_dialog)
    qtbot.wait(50)  # the layout takes the summary's new height
    assert schedule_dialog.grab().save(str(artifacts() / "settings-schedule.png"))
    tabs = schedule_dialog.findChild(QTabWidget, "settingsTabs")
    assert tabs is not None
    tabs.setCurrentIndex(REMINDERS_TAB)
    qtbot.wait(50)
    assert schedule_dialog.grab().save(str(artifacts() / "settings-reminders.png"))
