# ruff: noqa: RUF001 - the schedule files' Russian names and the Russian texts are what is checked
"""The Schedule tab's later parts: the week's plan, shift work and its shifts, "My shift", the
holidays, and their Russian texts.

Most tests drive a :class:`SchedulePage` on its own (``apply`` is what *Save* uses: None means
nothing is saved); a few go through the dialog's *Save* to the settings file.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget
from pytestqt.qtbot import QtBot

from tests.ui.app_rig import artifacts
from tray_app.config import MemorySecretStore, Settings, load_settings
from tray_app.core.schedule_import import parse_schedule
from tray_app.core.schedule_model import Revision, Shift, ShiftDinner
from tray_app.services.autostart import Autostart
from tray_app.ui.settings.dialog import SCHEDULE_TAB, SettingsDialog
from tray_app.ui.settings.fitting import FRAME_ROOM
from tray_app.ui.settings.hours import FLEXIBLE_HOURS
from tray_app.ui.settings.schedule import SchedulePage
from tray_app.ui.settings.shift_form import ShiftForm
from tray_app.ui.settings.shift_rules import OWN_LUNCH, REVISION_LUNCH
from tray_app.ui.text import i18n

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

REPO = Path(__file__).resolve().parents[3]
SCHEDULES = REPO / "tests" / "fixtures" / "schedules"
TODAY = date(2025, 9, 1)  # a Monday under every schedule file's last revision
WAIT_MS = 3000


def document(name: str) -> dict[str, Any]:
    loaded = json.loads((SCHEDULES / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def revision_of(document: Mapping[str, Any] | None) -> Revision:
    """Today's revision of a saved schedule (the last one in these files)."""
    assert document is not None
    return parse_schedule(dict(document)).revisions[-1]


@pytest.fixture
def page(qtbot: QtBot) -> Callable[..., SchedulePage]:
    def build(settings: Settings | None = None, *, today: date = TODAY) -> SchedulePage:
        built = SchedulePage(settings or Settings(), today=lambda: today)
        qtbot.addWidget(built)
        built.resize(600, 900)
        built.show()
        return built

    return build


def shift_page(page: Callable[..., SchedulePage], **settings: object) -> SchedulePage:
    return page(Settings(schedule=document("shifts_two_on_two_off"), **settings))  # type: ignore[arg-type]


def retype(field: Any, text: str) -> None:
    """Replace a line's text by typing, as a person does (``textEdited`` fires)."""
    line = field.lineEdit() if hasattr(field, "lineEdit") else field
    line.selectAll()
    QTest.keyClick(line, Qt.Key.Key_Backspace)
    if text.isascii():
        QTest.keyClicks(line, text)
    else:  # QTest types Latin-1 only; insert() edits like typing (textEdited)
        line.insert(text)


def summary(page: SchedulePage) -> list[str]:
    return QTextDocumentFragment.fromHtml(page.summary.text()).toPlainText().splitlines()


def saved(page: SchedulePage, settings: Settings | None = None) -> Settings:
    result = page.apply(settings or Settings())
    assert result is not None, page.error.text() or page.shifts.error.text()
    return result


def lines(page: SchedulePage) -> list[str]:
    shifts = page.shifts.list
    return [shifts.item(index).text() for index in range(shifts.count())]


# -- the week's plan ---------------------------------------------------------------------------


def test_a_week_plan_is_made_by_hand_and_saved_into_the_revision(
    page: Callable[..., SchedulePage],
) -> None:
    made = page()
    made.use_schedule.setChecked(True)
    editor = made.editor
    assert editor.week_mode.currentData() is False, "by default the week is the days' sum"
    assert not editor.week_plan.isEnabled()
    assert editor.week_plan.text() == "40:00"
    made.days[4][1].setTime(QTime(6, 0))
    assert editor.week_plan.text() == "38:00", "the disabled field follows the days"
    editor.week_mode.setCurrentIndex(1)  # a plan of
    assert editor.week_plan.isEnabled()
    retype(editor.week_plan, "36:30")
    assert editor.week_plan.value() == 36 * 60 + 30
    assert editor.week_days.isVisibleTo(made)
    assert editor.week_days.text() == "the days add up to 38:00"
    assert (
        summary(made)[1]
        == "Mon\u2013Thu 8:00, Fri 6:00, Sat\u2013Sun off \u00b7 week 36:30 (the days: 38:00)"
    )
    revision = revision_of(saved(made).schedule)
    assert (revision.control_period, revision.plan_time, revision.week_plan) == (1, 2190, 2190)
    assert revision.plan_days_templates == (480,) * 4 + (360, 0, 0)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0:00", "A week's plan of 0:00 plans no work: enter the hours of the week."),
        ("38:", "Enter the week's plan as hours:minutes, at most 168:00."),
        ("38:75", "Enter the week's plan as hours:minutes, at most 168:00."),
        ("170:00", "Enter the week's plan as hours:minutes, at most 168:00."),
    ],
)
def test_a_bad_week_plan_is_said_at_once_and_nothing_is_saved(
    page: Callable[..., SchedulePage], typed: str, message: str
) -> None:
    made = page(Settings(schedule=document("office_fixed")))
    editor = made.editor
    assert editor.week_plan.text() == "39:00"
    retype(editor.week_plan, typed)
    assert editor.week_error.isVisibleTo(made)
    assert editor.week_error.text() == message
    assert made.apply(Settings()) is None
    assert editor.week_error.text() == message
    retype(editor.week_plan, "37:15")
    assert editor.week_error.isHidden()
    assert revision_of(saved(made).schedule).week_plan == 37 * 60 + 15


def test_an_imported_week_plan_stays_when_other_fields_change(
    page: Callable[..., SchedulePage],
) -> None:
    made = page(Settings(schedule=document("office_fixed")))
    made.delay.setValue(25)
    revision = revision_of(saved(made).schedule)
    assert (revision.control_period, revision.plan_time) == (1, 2340)
    assert revision.allowable_delay == 25


def test_a_week_plan_switched_off_follows_the_days(page: Callable[..., SchedulePage]) -> None:
    made = page(Settings(schedule=document("office_fixed")))
    made.editor.week_mode.setCurrentIndex(0)
    assert made.editor.week_plan.text() == "39:00"
    revision = revision_of(saved(made).schedule)
    assert (revision.control_period, revision.plan_time, revision.week_plan) == (0, None, None)


# -- shifts ------------------------------------------------------------------------------------


def test_imported_shifts_are_listed_with_their_hours_and_lunches(
    page: Callable[..., SchedulePage],
) -> None:
    made = shift_page(page)
    shifts = made.shifts
    assert shifts.switch.isChecked()
    assert shifts.body.isVisibleTo(made)
    assert lines(made) == ["Дневная  08:00\u201320:00 (default)", "Ночная  20:00\u201308:00"]
    assert (shifts.fields.name.text(), shifts.fields.lunch_kind.currentData()) == (
        "Дневная",
        REVISION_LUNCH,
    )
    assert not shifts.fields.own_lunch.isVisibleTo(made)
    assert not shifts.fields.next_day.isVisibleTo(made)
    shifts.list.setCurrentRow(1)
    assert shifts.fields.name.text() == "Ночная"
    assert (shifts.fields.begin.time(), shifts.fields.end.time()) == (QTime(20, 0), QTime(8, 0))
    assert shifts.fields.next_day.isVisibleTo(made), "08:00 after 20:00 is the next morning"
    assert shifts.fields.lunch_kind.currentData() == OWN_LUNCH
    assert shifts.fields.own_lunch.isVisibleTo(made)
    assert (shifts.fields.lunch_from.time(), shifts.fields.lunch_to.time()) == (
        QTime(23, 0),
        QTime(0, 0),
    )
    assert shifts.fields.lunch_length.value() == 30
    assert shifts.fields.more_lunches.text() == (
        "And a second lunch from the file: 03:00\u201304:00 (0:30), kept as it is."
    )
    assert shifts.error.isHidden()
    assert not made.kind.isEnabled(), "shift work keeps fixed hours"


def test_imported_shifts_survive_a_round_trip_when_not_edited(
    page: Callable[..., SchedulePage],
) -> None:
    original = parse_schedule(document("shifts_two_on_two_off"))
    untouched = shift_page(page)
    assert parse_schedule(dict(saved(untouched).schedule or {})) == original
    edited = shift_page(page)
    edited.shifts.list.setCurrentRow(1)  # looked at, not changed
    edited.delay.setValue(9)
    assert edited.edited
    (revision,) = parse_schedule(dict(saved(edited).schedule or {})).revisions
    assert revision.shifts == original.revisions[0].shifts
    assert revision.allowable_delay == 9


def test_shifts_are_made_by_hand_added_moved_and_removed(page: Callable[..., SchedulePage]) -> None:
    made = page()
    made.use_schedule.setChecked(True)
    shifts = made.shifts
    assert made.kind.currentData() == 0
    assert shifts.isEnabled()
    made.start_from.setTime(QTime(7, 0))
    made.end_from.setTime(QTime(15, 0))
    shifts.switch.setChecked(True)
    assert lines(made) == ["Shift 1  07:00\u201315:00 (default)"], "one shift with the day's hours"
    assert shifts.fields.name.hasFocus() or shifts.fields.name.selectedText() == "Shift 1"
    retype(shifts.fields.name, "Early")
    shifts.add_button.click()
    retype(shifts.fields.name, "Late")
    shifts.fields.begin.setTime(QTime(14, 0))
    shifts.fields.end.setTime(QTime(23, 0))
    shifts.fields.lunch_kind.setCurrentIndex(shifts.fields.lunch_kind.findData("none"))
    shifts.add_button.click()
    assert shifts.fields.name.text() == "Shift 3"
    retype(shifts.fields.name, "Night")
    shifts.fields.begin.setTime(QTime(22, 0))
    shifts.fields.end.setTime(QTime(6, 0))
    shifts.fields.lunch_kind.setCurrentIndex(shifts.fields.lunch_kind.findData(OWN_LUNCH))
    # The day has no lunch (the portal's limits): an hour in the middle of the shift.
    assert (shifts.fields.lunch_from.time(), shifts.fields.lunch_to.time()) == (
        QTime(2, 0),
        QTime(3, 0),
    )
    shifts.fields.lunch_from.setTime(QTime(2, 0))
    shifts.fields.lunch_to.setTime(QTime(2, 30))
    shifts.fields.lunch_length.setValue(20)
    shifts.up_button.click()  # Night before Late
    assert lines(made) == [
        "Early  07:00\u201315:00 (default)",
        "Night  22:00\u201306:00",
        "Late  14:00\u201323:00",
    ]
    assert shifts.down_button.isEnabled()
    shifts.list.setCurrentRow(0)
    assert not shifts.up_button.isEnabled()
    shifts.down_button.click()  # Early second: Night is the default now
    assert lines(made)[0] == "Night  22:00\u201306:00 (default)"
    shifts.list.setCurrentRow(2)
    shifts.remove_button.click()  # Late
    assert shifts.list.currentRow() == 1
    assert summary(made)[2] == "Shifts: Night 22:00\u201306:00, Early 07:00\u201315:00"
    revision = revision_of(saved(made).schedule)
    assert revision.is_individual_time_control
    assert revision.time_control == 0
    assert revision.shifts == (
        Shift(
            name="Night",
            begin=1320,
            end=360,
            dinners=(ShiftDinner(start=120, end=150, duration=20),),
        ),
        Shift(name="Early", begin=420, end=900, dinners=None),
    )


def test_a_new_shifts_name_is_not_taken_and_its_lunch_fits_without_a_revision_lunch(
    page: Callable[..., SchedulePage],
) -> None:
    made = shift_page(page)
    shifts = made.shifts
    retype(shifts.fields.name, "Shift 3")
    made.lunch_length.setValue(0)  # the revision without lunch
    shifts.add_button.click()
    assert shifts.fields.name.text() == "Shift 4"
    assert (shifts.fields.begin.time(), shifts.fields.end.time()) == (QTime(8, 0), QTime(20, 0))
    shifts.fields.lunch_kind.setCurrentIndex(shifts.fields.lunch_kind.findData(OWN_LUNCH))
    assert (shifts.fields.lunch_from.time(), shifts.fields.lunch_to.time()) == (
        QTime(14, 0),
        QTime(15, 0),
    )
    assert shifts.fields.lunch_length.value() == 60
    assert shifts.error.isHidden()


@pytest.mark.parametrize(
    ("change", "message", "row"),
    [
        (lambda s: retype(s.name, "  "), "Shift 1 needs a name.", 0),
        (
            lambda s: retype(s.name, "Ночная "),
            "Two shifts are called \u201cНочная\u201d: give each its own name.",
            1,
        ),
        (
            lambda s: s.end.setTime(QTime(8, 0)),
            "Shift \u201cДневная\u201d ends when it begins.",
            0,
        ),
        (
            lambda s: (
                s.lunch_kind.setCurrentIndex(s.lunch_kind.findData(OWN_LUNCH)),
                s.lunch_to.setTime(QTime(12, 0)),
            ),
            "The lunch of shift \u201cДневная\u201d must end after it begins (00:00 is midnight).",
            0,
        ),
        (
            lambda s: (
                s.lunch_kind.setCurrentIndex(s.lunch_kind.findData(OWN_LUNCH)),
                s.lunch_length.setValue(90),
            ),
            "The lunch of shift \u201cДневная\u201d is longer than its window (1:00).",
            0,
        ),
    ],
    ids=["no-name", "twice", "no-length", "lunch-backwards", "lunch-too-long"],
)
def test_a_bad_shift_is_said_at_once_and_nothing_is_saved(
    page: Callable[..., SchedulePage],
    change: Callable[[ShiftForm], object],
    message: str,
    row: int,
) -> None:
    made = shift_page(page)
    shifts = made.shifts
    change(shifts.fields)
    assert shifts.error.isVisibleTo(made)
    assert shifts.error.text() == message
    shifts.list.setCurrentRow(1 - row)  # looking elsewhere
    assert made.apply(Settings()) is None, "nothing saved"
    assert shifts.list.currentRow() == row, "the bad shift is shown"
    assert shifts.error.text() == message
    assert made.error.isHidden()


def test_a_bad_shift_stops_the_dialogs_save(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, tmp_path, monkeypatch, Settings())
    made = _page(dialog)
    assert made.import_file(SCHEDULES / "shifts_two_on_two_off.json")
    retype(made.shifts.fields.name, "")
    tabs = dialog.findChild(QTabWidget, "settingsTabs")
    assert tabs is not None
    tabs.setCurrentIndex(0)
    assert not dialog.save()
    assert tabs.currentIndex() == SCHEDULE_TAB
    assert made.shifts.error.text() == "Shift 1 needs a name."
    assert load_settings().schedule is None
    retype(made.shifts.fields.name, "День")
    with qtbot.waitSignal(dialog.settingsChanged, timeout=WAIT_MS):
        assert dialog.save()
    assert revision_of(load_settings().schedule).shifts[0].name == "День"


def test_shift_work_without_shifts_is_refused(page: Callable[..., SchedulePage]) -> None:
    made = shift_page(page)
    shifts = made.shifts
    shifts.remove_button.click()
    shifts.remove_button.click()
    assert lines(made) == []
    assert not shifts.remove_button.isEnabled()
    assert not shifts.fields.name.isEnabled()
    assert shifts.error.text() == "Add a shift, or switch shift work off."
    assert made.apply(Settings()) is None


def test_shift_work_switched_off_keeps_the_files_shifts(page: Callable[..., SchedulePage]) -> None:
    made = shift_page(page)
    retype(made.shifts.fields.name, "")  # a bad edit, then shift work off
    assert lines(made)[0] == "\u2014  08:00\u201320:00 (default)", "a dash for no name"
    made.shifts.switch.setChecked(False)
    assert not made.shifts.body.isVisibleTo(made)
    assert made.kind.isEnabled()
    assert made.shifts.error.isHidden()
    revision = revision_of(saved(made).schedule)
    assert not revision.is_individual_time_control
    assert revision.shifts == parse_schedule(document("shifts_two_on_two_off")).revisions[0].shifts


def test_shift_work_needs_fixed_hours(page: Callable[..., SchedulePage]) -> None:
    made = page(Settings(schedule=document("flexible_two_lunches")))
    assert made.kind.currentData() == FLEXIBLE_HOURS
    assert not made.shifts.isEnabled()
    assert made.shifts.needs_fixed.isVisibleTo(made)
    made.kind.setCurrentIndex(made.kind.findData(0))
    assert made.shifts.isEnabled()
    assert not made.shifts.needs_fixed.isVisibleTo(made)
    made.shifts.switch.setChecked(True)
    assert not made.kind.isEnabled()
    assert not made.start_from.isEnabled()
    made.use_portal.setChecked(True)
    assert not made.shifts.isEnabled()


# -- my shift ----------------------------------------------------------------------------------


def test_my_shift_lists_todays_shifts_and_is_saved(page: Callable[..., SchedulePage]) -> None:
    made = shift_page(page, shift="Ночная")
    combo = made.my_shift.combo
    assert [combo.itemText(index) for index in range(combo.count())] == [
        "The default shift (Дневная)",
        "Дневная",
        "Ночная",
    ]
    assert combo.currentText() == "Ночная"
    assert made.my_shift.hint.isHidden()
    assert saved(made).shift == "Ночная"
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert saved(made).shift is None


def test_my_shift_follows_a_rename_and_falls_back_when_removed(
    page: Callable[..., SchedulePage],
) -> None:
    made = page(Settings(schedule=document("shifts_two_on_two_off")))
    combo = made.my_shift.combo
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    assert made.my_shift.chosen() == "Ночная"
    made.shifts.list.setCurrentRow(1)
    retype(made.shifts.fields.name, "Ночь")
    assert combo.currentText() == "Ночь"
    stored = saved(made)
    assert stored.shift == "Ночь"
    assert [shift.name for shift in revision_of(stored.schedule).shifts] == ["Дневная", "Ночь"]
    made.shifts.up_button.click()
    assert combo.currentText() == "Ночь"
    assert combo.itemText(0) == "The default shift (Ночь)"
    moved = revision_of(saved(made).schedule).shifts
    assert [shift.name for shift in moved] == ["Ночь", "Дневная"]
    assert moved[0].dinners is not None
    assert len(moved[0].dinners) == 2, "the night shift's own lunches went along"
    made.shifts.remove_button.click()
    assert combo.currentIndex() == 0
    assert made.my_shift.hint.isVisibleTo(made)
    assert made.my_shift.hint.text() == (
        "The shift \u201cНочь\u201d is not in the schedule any more: the default shift applies."
    )
    assert saved(made).shift is None


def test_a_stored_shift_the_schedule_lacks_falls_back_to_the_default_with_a_hint(
    page: Callable[..., SchedulePage],
) -> None:
    made = shift_page(page, shift="Вечерняя")
    assert made.my_shift.combo.currentIndex() == 0
    assert made.my_shift.hint.text() == (
        "The shift \u201cВечерняя\u201d is not in the schedule any more: the default shift applies."
    )
    assert made.my_shift.hint.isVisibleTo(made)
    assert saved(made, Settings(shift="Вечерняя")).shift is None


def test_an_imported_schedule_with_the_stored_shift_finds_it_again(
    page: Callable[..., SchedulePage],
) -> None:
    made = page(Settings(shift="Ночная"))
    assert not made.my_shift.combo.isEnabled()
    assert made.my_shift.hint.text() == (
        "Only a schedule with shift work has shifts to choose from."
    )
    assert made.apply(Settings(shift="Ночная")) == Settings(), "no schedule: no shift"
    assert made.import_file(SCHEDULES / "shifts_two_on_two_off.json")
    assert made.my_shift.combo.isEnabled()
    assert made.my_shift.combo.currentText() == "Ночная"
    assert made.my_shift.hint.isHidden()


def test_my_shift_lists_the_shifts_of_the_revision_in_force_today(
    page: Callable[..., SchedulePage],
) -> None:
    later = document("shifts_two_on_two_off")
    older = json.loads(json.dumps(later["settingsRevisions"][0]))
    older.update(dateFrom="2024-01-01", dateTo="2024-12-31")
    older["shifts"] = [{"name": "Old", "begin": 540, "end": 1080, "dinners": None}]
    later["settingsRevisions"].insert(0, older)
    combo_texts = []
    for today in (date(2024, 6, 3), TODAY):
        made = page(Settings(schedule=later), today=today)
        combo = made.my_shift.combo
        combo_texts.append([combo.itemText(index) for index in range(combo.count())][1:])
    assert combo_texts == [["Old"], ["Дневная", "Ночная"]]


def test_a_shift_name_the_settings_refuse_stops_the_dialogs_save(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long = document("shifts_two_on_two_off")
    long["settingsRevisions"][0]["shifts"][1]["name"] = "N" * 120
    dialog = _dialog(qtbot, tmp_path, monkeypatch, Settings(schedule=long))
    made = _page(dialog)
    made.my_shift.combo.setCurrentIndex(2)
    made.my_shift.combo.activated.emit(2)
    assert not dialog.save()
    error = dialog.findChild(QLabel, "saveError")
    assert error is not None
    assert error.text() == "Shift must be at most 100 characters."
    assert load_settings() == Settings()


# -- holidays ----------------------------------------------------------------------------------


def test_the_holiday_choice_is_stored_with_or_without_a_schedule(
    page: Callable[..., SchedulePage],
) -> None:
    made = page(Settings(holiday_calendar="ru"))
    combo = made.holidays
    assert [combo.itemData(index) for index in range(combo.count())] == ["auto", "ru", "none"]
    assert combo.currentText() == "The Russian production calendar"
    assert saved(made).holiday_calendar == "ru"
    combo.setCurrentIndex(2)
    assert combo.currentText() == "No holidays"
    assert saved(made, Settings(holiday_calendar="ru")).holiday_calendar == "none"
    assert made.holiday_hint.isHidden(), "the portal's limits name no calendar"
    assert made.import_file(SCHEDULES / "office_fixed.json")
    combo.setCurrentIndex(0)
    assert made.holiday_hint.text() == (
        "The schedule names the calendar \u201cпо календарю подразделения\u201d."
    )
    stored = saved(made)
    assert (stored.holiday_calendar, stored.schedule is not None) == ("auto", True)


def test_a_schedule_that_ignores_holidays_says_so(page: Callable[..., SchedulePage]) -> None:
    made = shift_page(page, holiday_calendar="none")
    assert made.holidays.currentData() == "none"
    assert made.holiday_hint.isVisibleTo(made)
    assert made.holiday_hint.text() == (
        "This schedule ignores holidays: its working days are working days on public holidays too."
    )
    made.use_portal.setChecked(True)
    assert made.holiday_hint.isHidden()


def test_the_dialog_saves_the_shift_and_the_holidays(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, tmp_path, monkeypatch, Settings())
    made = _page(dialog)
    assert made.import_file(SCHEDULES / "shifts_two_on_two_off.json")
    made.my_shift.combo.setCurrentIndex(2)
    made.my_shift.combo.activated.emit(2)
    made.holidays.setCurrentIndex(made.holidays.findData("ru"))
    with qtbot.waitSignal(dialog.settingsChanged, timeout=WAIT_MS) as signal:
        assert dialog.save()
    stored = load_settings()
    assert signal.args == [stored]
    assert (stored.shift, stored.holiday_calendar) == ("Ночная", "ru")
    assert parse_schedule(dict(stored.schedule or {})) == parse_schedule(
        document("shifts_two_on_two_off")
    )


# -- the dialog, the screen, Russian -----------------------------------------------------------


class _Today(date):
    @classmethod
    def today(cls) -> _Today:
        return cls(TODAY.year, TODAY.month, TODAY.day)


def _dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> SettingsDialog:
    monkeypatch.setattr("tray_app.ui.settings.schedule.date", _Today)
    dialog = SettingsDialog(
        settings,
        run_task=lambda _task, _done: None,
        store_factory=MemorySecretStore,
        autostart=Autostart(platform="linux", environ={}, home=tmp_path / "home"),
        autostart_command=["timeman-tray"],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _page(dialog: SettingsDialog) -> SchedulePage:
    found = dialog.findChild(SchedulePage, "schedulePage")
    assert found is not None
    tabs = dialog.findChild(QTabWidget, "settingsTabs")
    assert tabs is not None
    tabs.setCurrentIndex(SCHEDULE_TAB)
    return found


def test_the_tab_fits_a_small_screen_and_scrolls(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(
        qtbot, tmp_path, monkeypatch, Settings(schedule=document("shifts_two_on_two_off"))
    )
    made = _page(dialog)
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= screen.height() - FRAME_ROOM, "room for the title bar"
    assert dialog.width() <= screen.width() - FRAME_ROOM
    assert dialog.minimumSizeHint().height() <= 700, "it fits a 768-pixel screen"
    bar = made.scroller.verticalScrollBar()
    assert bar.maximum() > 0, "the shifts and choices are below the fold"
    assert dialog.grab().save(str(artifacts() / "settings-schedule-shifts.png"))
    bar.setValue(bar.maximum())
    qtbot.wait(50)
    assert not made.holidays.visibleRegion().isEmpty(), "scrolled into view"
    assert dialog.grab().save(str(artifacts() / "settings-schedule-shifts-bottom.png"))


def _tool() -> Any:
    path = REPO / "tools" / "build_translations.py"
    spec = importlib.util.spec_from_file_location("build_translations_for_shifts", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def russian(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The committed Russian catalogue, built into a temporary folder and installed."""
    ts = REPO / "resources" / "translations" / "timeman-tray_ru.ts"
    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy2(ts, folder / ts.name)
    _tool().build(folder)
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    previous = QLocale()
    assert i18n.install_translation(qapp, "ru") == "ru"
    yield
    i18n.install_translation(qapp, "en")
    QLocale.setDefault(previous)


@pytest.mark.usefixtures("russian")
def test_the_new_parts_of_the_tab_in_russian(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(
        qtbot,
        tmp_path,
        monkeypatch,
        Settings(schedule=document("shifts_two_on_two_off"), shift="Вечерняя"),
    )
    made = _page(dialog)
    assert made.shifts.switch.text() == "Сменн&ая работа"
    assert made.editor.week_mode.itemText(0) == "сумма дней"
    assert [made.holidays.itemText(index) for index in range(3)] == [
        "Автоматически: календарь графика, в России — российский",
        "Производственный календарь России",
        "Без праздников",
    ]
    assert made.my_shift.combo.itemText(0) == "Смена по умолчанию (Дневная)"
    assert made.my_shift.hint.text() == (
        "Смены \u201cВечерняя\u201d больше нет в графике: действует смена по умолчанию."
    )
    assert made.holiday_hint.text().startswith("Этот график не учитывает праздники")
    assert lines(made)[0] == "Дневная  08:00\u201320:00 (по умолчанию)"
    made.shifts.list.setCurrentRow(1)
    assert made.shifts.fields.next_day.text() == "следующего дня"
    assert made.shifts.fields.lunch_kind.currentText() == "свой:"
    retype(made.shifts.fields.name, "")
    assert made.shifts.error.text() == "Смене 2 нужно название."
    made.shifts.switch.setChecked(False)
    made.editor.week_mode.setCurrentIndex(1)
    retype(made.editor.week_plan, "0:00")
    assert made.editor.week_error.text() == (
        "План на неделю 0:00 не предусматривает работы: введите часы недели."
    )
    retype(made.editor.week_plan, "40:00")
    assert summary(made)[1].endswith("\u00b7 неделя 40:00"), "a cycle: no sum of a week's days"
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    assert dialog.grab().save(str(artifacts() / "settings-ru-schedule-shifts.png"))
