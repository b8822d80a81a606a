# ruff: noqa: RUF001 - Russian text is what this file checks (its letters look like Latin ones)
"""The Russian translation: complete, built, installed, and what the tray then shows.

The committed ``resources/translations/timeman-tray_ru.ts`` is checked against the UI sources
(``tools/build_translations.py --check``); for the rest it is compiled into a temporary folder,
so these tests do not depend on an earlier build, and installed with
:func:`tray_app.ui.text.i18n.install_translation`. Screenshots of the Russian menu, report
dialog and settings go to ``$TIMEMAN_ARTIFACTS_DIR`` (default ``artifacts/``) for a person to
look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton, QTabWidget
from pytestqt.qtbot import QtBot

from tests.core.samples import D_CLOSED, D_EXPIRED, D_OPENED, D_SETTINGS, result
from tests.ui.fakes import START, T0, ZONE, reading, view_of, workday
from tests.ui.text.translation_tool import load_tool
from tray_app.api import TimemanClient, Webhook, network_words
from tray_app.api.envelope import AUTH_MESSAGES, REFUSAL_MESSAGES, error_for, parse_answer
from tray_app.api.errors import TimemanError, UnavailableError
from tray_app.api.retry import RetryPolicy
from tray_app.api.transport import ssl_context
from tray_app.config import MemorySecretStore, Settings
from tray_app.config import _keyring as keyring_texts
from tray_app.config.errors import (
    KeyringLockedError,
    KeyringOperationError,
    KeyringUnavailableError,
)
from tray_app.core.message import Message
from tray_app.core.portal_settings import PortalSettings, parse_portal_settings
from tray_app.core.reminders import (
    ForgottenDay,
    LunchDue,
    NotStarted,
    Reminder,
    StillOpen,
    WorkDone,
)
from tray_app.core.workday import DayState, parse_workday
from tray_app.history.journal_errors import translate as translate_journal
from tray_app.services.account import NotSignedInError, load_account
from tray_app.services.autostart import Autostart, exec_line
from tray_app.ui.report.dialog import ReportDialog, ReportMode
from tray_app.ui.settings.dialog import REMINDERS_TAB, SCHEDULE_TAB, SettingsDialog
from tray_app.ui.settings.schedule import SchedulePage
from tray_app.ui.settings.schedule_file import ScheduleFileError, read_schedule_file
from tray_app.ui.shared.viewstate import Phase, PlanFigures, ViewState, compute_view
from tray_app.ui.shell.panel import StatusPanel
from tray_app.ui.shell.tray import TrayView
from tray_app.ui.state.day_notices import CHANGED_TITLE
from tray_app.ui.state.failure import classify
from tray_app.ui.state.journal_keeper import JournalKeeper
from tray_app.ui.text import errors, i18n, messages

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

REPO = Path(__file__).resolve().parents[3]
TS = REPO / "resources" / "translations" / "timeman-tray_ru.ts"
NOW = datetime.fromtimestamp(T0, ZONE)
PLUS2 = timezone(timedelta(hours=2))
FRIDAY_MORNING = datetime(2025, 3, 28, 9, 20, 40, tzinfo=PLUS2)
SATURDAY = datetime(2025, 3, 29, 9, 0, tzinfo=PLUS2)
WEBHOOK = "https://portal.example.com/rest/7/k7dmwq2x9p4tz1ab/"
CYRILLIC = re.compile("[а-яА-ЯёЁ]")


def _check(folder: Path, sources: Path) -> tuple[list[str], list[str]]:
    return cast("tuple[list[str], list[str]]", load_tool().check(folder, sources))


def _artifacts() -> Path:
    folder = Path(os.environ.get("TIMEMAN_ARTIFACTS_DIR") or REPO / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# -- the catalogue ------------------------------------------------------------------------------


def test_the_committed_translation_is_complete() -> None:
    problems, _notes = _check(TS.parent, REPO / "tray_app" / "ui")
    assert problems == []


def test_the_check_finds_a_new_text_and_a_broken_placeholder(tmp_path: Path) -> None:
    sources, folder = tmp_path / "ui", tmp_path / "translations"
    shutil.copytree(REPO / "tray_app" / "ui", sources)
    folder.mkdir()
    (sources / "novelty.py").write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "translate = QCoreApplication.translate\n"
        'TEXT = translate("Headline", "A text nobody translated yet")\n'
    )
    ts = TS.read_text(encoding="utf-8")
    broken = ts.replace(
        "<translation>с {start}</translation>", "<translation>с {begin}</translation>"
    )
    assert broken != ts
    (folder / TS.name).write_text(broken, encoding="utf-8")
    problems, _notes = _check(folder, sources)
    assert len(problems) == 2
    assert "missing [Headline] 'A text nobody translated yet'" in problems[0]
    assert "[Headline] 'since {start}': the translation uses unknown {begin}" in problems[1]


def test_the_built_catalogue_is_where_the_app_looks() -> None:
    """Built when the package is built or installed, and by scripts/test for a checkout."""
    qm = i18n.translations_dir() / "timeman-tray_ru.qm"
    assert qm.is_file(), "not built: run python tools/build_translations.py"
    source = qm.with_suffix(".ts")
    if source.is_file():  # a checkout: the .qm must not be older than its source
        assert qm.stat().st_mtime >= source.stat().st_mtime, "run tools/build_translations.py"


@pytest.fixture
def catalogues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The committed .ts compiled into a temporary folder, where the app looks for it."""
    shutil.copy2(TS, tmp_path / TS.name)
    assert [path.name for path in load_tool().build(tmp_path)] == ["timeman-tray_ru.qm"]
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    return tmp_path


@pytest.fixture
def language(qapp: QApplication, catalogues: Path) -> Iterator[Callable[[str], str]]:
    """Install a language for the test; English and the previous date locale come back after."""
    del catalogues
    previous = QLocale()
    yield lambda tag: i18n.install_translation(qapp, tag)
    i18n.install_translation(qapp, "en")
    QLocale.setDefault(previous)


@pytest.fixture
def russian(language: Callable[[str], str]) -> None:
    assert language("ru") == "ru"


@pytest.mark.parametrize(
    ("setting", "system", "used"),
    [
        ("ru", ["en-US"], "ru"),
        ("ru_RU", ["en-US"], "ru"),
        ("en", ["ru-RU"], "en"),
        ("de", ["ru-RU"], "en"),  # no German catalogue: the source language
        ("", ["ru-RU", "ru", "en-US"], "ru"),
        ("", ["de-DE", "ru-RU"], "ru"),  # the first language that has a catalogue
        ("", ["en-GB", "ru-RU"], "en"),  # English comes first: no translation
        ("", ["C"], "en"),
    ],
)
def test_which_language_is_used(
    qapp: QApplication,
    language: Callable[[str], str],
    setting: str,
    system: list[str],
    used: str,
) -> None:
    del language  # restores English afterwards
    assert i18n.install_translation(qapp, setting, system_languages=system) == used
    expected = "Выход" if used == "ru" else "Quit"
    assert QCoreApplication.translate("TrayView", "Quit") == expected
    assert QLocale().language() == (
        QLocale.Language.Russian if used == "ru" else QLocale.system().language()
    )


def test_qt_s_own_buttons_follow_when_pyside_ships_them(qtbot: QtBot, russian: None) -> None:
    del russian
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    texts = {button.text() for button in buttons.buttons()}
    shipped = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if (shipped / "qtbase_ru.qm").is_file():
        assert texts == {"Сохранить", "Отмена"}
    else:
        assert texts == {"Save", "Cancel"}


# -- the tray -----------------------------------------------------------------------------------


OFF = PortalSettings(tracking_enabled=False)
VIEWS: dict[str, Callable[[], ViewState]] = {
    "opened": lambda: view_of(DayState.OPENED),
    "paused": lambda: view_of(DayState.PAUSED),
    "closed": lambda: view_of(DayState.CLOSED),
    "expired": lambda: view_of(DayState.EXPIRED),
    "stale": lambda: view_of(DayState.OPENED, stale=True),
    "stale-aged": lambda: view_of(
        DayState.OPENED, stale=True, answered_at=NOW - timedelta(minutes=12)
    ),
    "loading": lambda: compute_view(None, None, NOW),
    "loading-stale": lambda: compute_view(None, None, NOW, stale=True),
    "signing-in": lambda: compute_view(None, None, NOW, signing_in=True),
    "signed-out": lambda: compute_view(None, None, NOW, signed_out=True),
    "tracking-off": lambda: compute_view(reading(workday(DayState.OPENED)), OFF, NOW),
    "no-day": lambda: compute_view(reading(workday(DayState.CLOSED, start=None)), None, NOW),
    "expired-no-end": lambda: compute_view(reading(workday(DayState.EXPIRED)), None, NOW),
    "closed-no-end": lambda: compute_view(reading(workday(DayState.CLOSED)), None, NOW),
    "until": lambda: view_of(
        DayState.OPENED, plan=PlanFigures(until=START.replace(hour=18, minute=5))
    ),
    "overtime-stale": lambda: view_of(
        DayState.OPENED, stale=True, plan=PlanFigures(overtime=timedelta(minutes=20))
    ),
    "closed-overtime": lambda: view_of(
        DayState.CLOSED, plan=PlanFigures(overtime=timedelta(hours=1, minutes=5))
    ),
}
RUSSIAN_HEADLINES = {
    "opened": "Работаю · 1:45 · перерывы 0:15 · с 08:00",
    "paused": "Перерыв · 0:55 · перерывы 1:05 · с 08:00",
    "closed": "День завершён · 7:30 · перерывы 0:30 · 08:00\u201316:00",
    "expired": "День не закрыт · начат ср, 26 марта 08:00 · предлагаемое окончание 17:00",
    "stale": "Работаю · 1:45 · перерывы 0:15 · с 08:00 · нет связи",
    "stale-aged": "Работаю · 1:45 · перерывы 0:15 · с 08:00 · нет связи · данные на 09:48",
    "loading": "Загрузка…",
    "loading-stale": "Загрузка… · нет связи",
    "signing-in": "Вход…",
    "signed-out": "Вход не выполнен",
    "tracking-off": "Учёт рабочего времени для вас на этом портале отключён",
    "no-day": "Рабочий день не начат",
    "expired-no-end": "День не закрыт · начат чт, 27 марта 08:00",
    "closed-no-end": "День завершён · 0:00 · перерывы 0:00",
    "until": "Работаю · 1:45 · перерывы 0:15 · с 08:00 · до 18:05",
    "overtime-stale": "Работаю · 1:45 · перерывы 0:15 · с 08:00 · +0:20 сверхурочно · нет связи",
    "closed-overtime": (
        "День завершён · 7:30 · перерывы 0:30 · 08:00\u201316:00 · +1:05 сверхурочно"
    ),
}


@pytest.mark.parametrize("name", VIEWS)
def test_the_english_headline_is_the_cores(qapp: QApplication, name: str) -> None:
    """Without a translation the UI composes exactly the line tray_app.core.summary builds."""
    del qapp
    view = VIEWS[name]()
    assert messages.headline(view) == view.headline


@pytest.mark.usefixtures("russian")
@pytest.mark.parametrize("name", VIEWS)
def test_the_headline_in_russian(name: str) -> None:
    assert messages.headline(VIEWS[name]()) == RUSSIAN_HEADLINES[name]


MENU_RU = {
    "action_close_expired": "Закрыть забытый день…",
    "action_open": "Начать рабочий день",
    "action_pause": "Перерыв",
    "action_resume": "Продолжить",
    "action_close": "Завершить рабочий день",
    "action_change_start": "Изменить время начала…",
    "action_close_at": "Завершить в…",
    "action_history": "История…",
    "action_refresh": "Обновить",
    "action_open_portal": "Открыть в Битрикс24",
    "action_settings": "Настройки…",
    "action_log_folder": "Открыть папку журнала",
    "action_about": "О программе",
    "action_quit": "Выход",
}


@pytest.mark.usefixtures("russian")
@pytest.mark.parametrize("state", [DayState.OPENED, DayState.EXPIRED])
def test_the_tray_menu_in_russian(qtbot: QtBot, state: DayState) -> None:
    del qtbot  # the QApplication
    tray = TrayView()
    tray.render(view_of(state, stale=True, last_error="Портал сейчас недоступен."))
    texts = {action.objectName(): action.text() for action in tray.menu.actions()}
    assert {name: texts[name] for name in MENU_RU} == MENU_RU
    assert tray.header.text() == RUSSIAN_HEADLINES[state.value.lower()] + " · нет связи"
    assert tray.icon.toolTip() == tray.header.text() + "\nПортал сейчас недоступен."
    # A popup menu takes its size hint (adjustSize() would cap it at 2/3 of the test screen).
    tray.menu.resize(tray.menu.sizeHint())
    widest = max(tray.menu.fontMetrics().horizontalAdvance(text) for text in texts.values())
    assert widest < tray.menu.width() < 700  # nothing cut off, and no wider than needed
    path = _artifacts() / f"tray-menu-ru-{state.value.lower()}.png"
    assert tray.menu.grab().save(str(path))
    tray.menu.deleteLater()


@pytest.mark.usefixtures("russian")
def test_the_panel_in_russian(qtbot: QtBot) -> None:
    tray = TrayView()
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    tray.render(view_of(DayState.PAUSED))
    plan = PlanFigures(
        until=START.replace(hour=17, minute=5),
        day_worked=timedelta(minutes=55),
        day_planned=timedelta(hours=8),
        week_done=timedelta(hours=24, minutes=55),
        week_planned=timedelta(hours=40),
    )
    panel.show_view(view_of(DayState.PAUSED, stale=True, plan=plan))
    assert panel.title.text() == "Перерыв"
    assert panel.figures.text() == "Отработано 0:55 · перерывы 1:05"
    assert panel.times.text() == "Начат в 08:00 · до 17:05"
    assert (panel.day_label.text(), panel.day_figure.text()) == ("Сегодня", "0:55 из 8:00")
    assert (panel.week_label.text(), panel.week_figure.text()) == (
        "Эта неделя",
        "24:55 из 40:00",
    )
    assert panel.note.text() == "Портал недоступен; показано последнее известное состояние."
    buttons = {button.objectName(): button.text() for button, _action in panel.buttons}
    assert buttons["panel_action_resume"] == "Продолжить"
    assert buttons["panel_action_close_at"] == "Завершить в…"
    assert buttons["panel_action_history"] == "История…"
    assert buttons["panel_action_settings"] == "Настройки…"
    with qtbot.waitExposed(panel):
        panel.show()
    assert panel.grab().save(str(_artifacts() / "panel-ru-paused.png"))
    tray.render(view_of(DayState.EXPIRED))
    panel.show_view(view_of(DayState.EXPIRED))
    assert (panel.title.text(), panel.figures.text(), panel.times.text()) == (
        "День не закрыт",
        "Начат ср, 26 марта 08:00",
        "Предлагаемое окончание: 17:00",
    )
    assert panel.grab().save(str(_artifacts() / "panel-ru-expired.png"))
    tray.menu.deleteLater()


LUNCH_AT = START.replace(hour=13)
REMINDERS_RU: dict[str, tuple[Reminder, str, str]] = {
    "not-started": (
        NotStarted(START.replace(hour=9, minute=15)),
        "Рабочий день не начат",
        "Уже позже 09:15 — последнего времени начала без опоздания, а день не начат.",
    ),
    "lunch": (
        LunchDue(1, LUNCH_AT, LUNCH_AT + timedelta(hours=1), timedelta(minutes=45)),
        "Время обеда",
        "Обед с 13:00 до 14:00 (0:45); поставьте рабочий день на перерыв.",
    ),
    "work-done": (
        WorkDone(START.replace(hour=17), timedelta(hours=8), timedelta(hours=8)),
        "План на день выполнен",
        "Отработано 8:00 из запланированных 8:00: день можно завершать.",
    ),
    "still-open": (
        StillOpen(START.replace(hour=17), timedelta(minutes=30)),
        "Рабочий день всё ещё открыт",
        "Рабочий день открыт уже 0:30 после ожидаемого окончания в 17:00. "
        "Завершите его, если закончили.",
    ),
    "forgotten": (
        ForgottenDay(START - timedelta(days=1), None),
        "Рабочий день не закрыт",
        "Рабочий день, начатый ср, 26 марта 08:00, так и не был закрыт. "
        "Закройте его с настоящим временем окончания.",
    ),
    "forgotten-no-start": (
        ForgottenDay(None, None),
        "Рабочий день не закрыт",
        "Прошлый рабочий день так и не был закрыт. Закройте его с настоящим временем окончания.",
    ),
}


@pytest.mark.usefixtures("russian")
@pytest.mark.parametrize("name", REMINDERS_RU)
def test_the_reminders_in_russian(name: str) -> None:
    reminder, title, text = REMINDERS_RU[name]
    assert (messages.reminder_title(reminder), messages.reminder_text(reminder)) == (title, text)
    assert messages.snooze_hint() == (
        "Щёлкните по сообщению, чтобы отложить это напоминание до завтра."
    )


@pytest.mark.usefixtures("russian")
def test_the_panel_with_a_plan_and_a_reminder_in_russian(qtbot: QtBot) -> None:
    tray = TrayView()
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    plan = PlanFigures(
        until=START.replace(hour=16, minute=15),
        day_worked=timedelta(hours=1, minutes=45),
        day_planned=timedelta(hours=8),
        week_done=timedelta(hours=25, minutes=45),
        week_planned=timedelta(hours=40),
    )
    reminder = REMINDERS_RU["lunch"][0]
    view = view_of(DayState.OPENED, plan=plan, reminder=reminder)
    tray.render(view)
    panel.show_view(view)
    assert (panel.reminder_title.text(), panel.snooze.text()) == (
        "Время обеда",
        "Отложить до завтра",
    )
    assert panel.times.text() == "Начат в 08:00 · до 16:15"
    with qtbot.waitExposed(panel):
        panel.show()
    assert panel.grab().save(str(_artifacts() / "panel-ru-plan-reminder.png"))
    tray.menu.deleteLater()


# -- the dialogs --------------------------------------------------------------------------------


def _report_view(answer: str) -> ViewState:
    day = parse_workday(result(answer))
    settings = parse_portal_settings(result(D_SETTINGS))
    return ViewState(phase=Phase.READY, day_state=day.state, workday=day, settings=settings)


def _labels(widget: Any) -> dict[str, str]:
    return {
        label.objectName(): label.text()
        for label in [*widget.findChildren(QLabel), *widget.findChildren(QPushButton)]
        if label.objectName()
    }


@pytest.mark.usefixtures("russian")
def test_the_report_dialog_in_russian(qtbot: QtBot) -> None:
    dialog = ReportDialog(
        ReportMode.START, _report_view(D_CLOSED), lambda: FRIDAY_MORNING, local_zone=PLUS2
    )
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Изменить время начала"
    texts = _labels(dialog)
    assert texts["reportDateLabel"] == "Дата:"
    assert texts["reportDate"] == "пятница, 28 марта 2025"
    assert texts["reportOk"] == "Начать в 09:20"
    assert texts["reportCancel"] == "Отмена"
    assert texts["reportReasonLabel"] == "&Причина (обязательно):"
    assert texts["reportMessage"] == "Укажите причину: портал требует её при изменении времени."
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert dialog.grab().save(str(_artifacts() / "report-dialog-ru-start.png"))


@pytest.mark.usefixtures("russian")
def test_the_forgotten_day_dialog_in_russian(qtbot: QtBot) -> None:
    dialog = ReportDialog(
        ReportMode.CLOSE_EXPIRED, _report_view(D_EXPIRED), lambda: SATURDAY, local_zone=PLUS2
    )
    qtbot.addWidget(dialog)
    texts = _labels(dialog)
    assert dialog.windowTitle() == "Закрыть забытый день"
    assert texts["reportIntro"] == (
        "Рабочий день, начатый в 08:00 (четверг, 27 марта 2025), так и не был закрыт. "
        "Укажите время, когда вы в тот день закончили работу."
    )
    assert texts["reportOk"].startswith("Завершить в ")
    assert texts["reportHint"] == "Закрытие забытого дня всегда требует подтверждения руководителя."
    dialog.show_refusal("Рабочий день уже закрыт")
    assert _labels(dialog)["reportMessage"] == "Портал отклонил изменение: Рабочий день уже закрыт"
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert dialog.grab().save(str(_artifacts() / "report-dialog-ru-close-expired.png"))


@pytest.mark.usefixtures("russian")
def test_the_close_dialog_in_russian(qtbot: QtBot) -> None:
    dialog = ReportDialog(
        ReportMode.CLOSE,
        _report_view(D_OPENED),
        lambda: datetime(2025, 3, 27, 17, 30, tzinfo=PLUS2),
        local_zone=PLUS2,
    )
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Завершить в другое время"
    assert _labels(dialog)["reportIntro"].startswith("Завершить рабочий день, начатый в 08:00")


@pytest.mark.usefixtures("russian")
def test_the_settings_dialog_in_russian(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(
        Settings(),
        run_task=lambda _task, _done: None,
        store_factory=MemorySecretStore,
        first_run=True,
        autostart=Autostart(platform="linux", environ={}, home=tmp_path),
        autostart_command=["timeman-tray"],
    )
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Добро пожаловать в timeman-tray"
    tabs = dialog.findChild(QTabWidget, "settingsTabs")
    assert tabs is not None
    assert [tabs.tabText(index) for index in range(tabs.count())] == [
        "&Учётная запись",
        "&Общие",
        "&Подключение",
        "&График",
        "&Напоминания",
    ]
    texts = _labels(dialog)
    assert texts["signInButton"] == "&Войти"
    assert texts["testConnectionButton"] == "&Проверить подключение"
    assert texts["showWebhookButton"] == "Показать"
    assert texts["welcomeLabel"] == "<h3>Добро пожаловать в timeman-tray</h3>"
    assert "Разработчикам → Другое → Входящий вебхук" in texts["webhookHelpLabel"]
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert dialog.grab().save(str(_artifacts() / "settings-ru-first-run.png"))
    tabs.setCurrentIndex(1)
    assert dialog.grab().save(str(_artifacts() / "settings-ru-general.png"))
    tabs.setCurrentIndex(2)
    assert dialog.grab().save(str(_artifacts() / "settings-ru-connection.png"))


@pytest.mark.usefixtures("russian")
def test_the_schedule_and_reminders_tabs_in_russian(qtbot: QtBot, tmp_path: Path) -> None:
    document = json.loads(
        (REPO / "tests" / "fixtures" / "schedules" / "office_fixed.json").read_text("utf-8")
    )
    dialog = SettingsDialog(
        Settings(schedule=document),
        run_task=lambda _task, _done: None,
        store_factory=MemorySecretStore,
        autostart=Autostart(platform="linux", environ={}, home=tmp_path),
        autostart_command=["timeman-tray"],
    )
    qtbot.addWidget(dialog)
    page = dialog.findChild(SchedulePage, "schedulePage")
    assert page is not None
    assert page.use_schedule.text() == "Использовать &рабочий график"
    assert page.kind.currentText() == "Фиксированный"
    lines = QTextDocumentFragment.fromHtml(page.summary.text()).toPlainText().splitlines()
    assert lines[0] == "\u201cОфис 5/2\u201d \u00b7 фиксированный график"
    assert lines[1].endswith("\u00b7 неделя 39:00")
    assert "выходной" in lines[1]
    assert lines[-1] == "Обед 12:30\u201313:30 (1:00)"
    tabs = dialog.findChild(QTabWidget, "settingsTabs")
    assert tabs is not None
    tabs.setCurrentIndex(SCHEDULE_TAB)
    with qtbot.waitExposed(dialog):
        dialog.show()
    qtbot.wait(50)
    assert dialog.grab().save(str(_artifacts() / "settings-ru-schedule.png"))
    tabs.setCurrentIndex(REMINDERS_TAB)
    qtbot.wait(50)
    assert dialog.grab().save(str(_artifacts() / "settings-ru-reminders.png"))


# -- errors of the lower layers -----------------------------------------------------------------


def _raised(call: Callable[[], object]) -> BaseException:
    with pytest.raises(Exception) as caught:  # noqa: PT011 - any of the layers' errors
        call()
    return caught.value


def _client(handler: Callable[[httpx.Request], httpx.Response]) -> TimemanClient:
    return TimemanClient(
        Webhook.parse(WEBHOOK),
        transport=httpx.MockTransport(handler),
        policy=RetryPolicy(attempts=1, base=0.0, cap=0.0, budget=0.0),
        sleep=lambda _seconds: None,
    )


def _failing(error: Exception) -> Callable[[], object]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return lambda: _client(handler).call("timeman.status")


def _answering(status: int, body: bytes, headers: dict[str, str]) -> Callable[[], object]:
    return lambda: _client(lambda _request: httpx.Response(status, content=body, headers=headers))


def _write_then_unreachable() -> object:
    """A pause whose answer is lost, and the status read after it fails as well."""

    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    return _client(handler).pause()


def _write_then_still_closed() -> object:
    """A pause whose answer is an HTML page; the status read says the day is still CLOSED."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("timeman.pause"):
            return httpx.Response(502, content=b"<html>Bad gateway</html>")
        return httpx.Response(200, json=result_json(D_CLOSED))

    return _client(handler).pause()


def result_json(answer: str) -> dict[str, object]:
    return {"result": result(answer), "time": {"start": 1743100000.0}}


HTML = {"content-type": "text/html"}
JSON = {"content-type": "application/json"}
ERRORS: dict[str, Callable[[], BaseException]] = {
    **{
        f"auth-{code}": (lambda code=code: error_for(code, "", 401))  # type: ignore[misc]
        for code in AUTH_MESSAGES
    },
    **{
        f"refused-{code}": (lambda code=code: error_for(code, "Дата в будущем", 400))  # type: ignore[misc]
        for code in REFUSAL_MESSAGES
    },
    "refused-alert": lambda: error_for("ALERT_WARNING", "Рабочий день уже открыт", 400),
    "refused-no-code": lambda: error_for("", "", 400),
    "refused-unknown": lambda: error_for("SOMETHING_NEW", "", 400),
    "rate-limited": lambda: error_for("QUERY_LIMIT_EXCEEDED", "", 503),
    "portal-deleted": lambda: error_for("PORTAL_DELETED", "", 404),
    "unavailable": lambda: error_for("INTERNAL_SERVER_ERROR", "Сервер перегружен", 500),
    "unavailable-bare": lambda: error_for("", "", 503),
    "html": lambda: _raised(lambda: parse_answer(200, "text/html", b"<html>login</html>")),
    "not-json": lambda: _raised(lambda: parse_answer(200, "application/json", b"{oops")),
    "not-object": lambda: _raised(lambda: parse_answer(200, "application/json", b"[]")),
    "no-result": lambda: _raised(lambda: parse_answer(200, "application/json", b"{}")),
    "http-error-result": lambda: _raised(lambda: parse_answer(400, "", b'{"result":1}')),
    "connect-timeout": lambda: _raised(_failing(httpx.ConnectTimeout("slow"))),
    "read-timeout": lambda: _raised(_failing(httpx.ReadTimeout("slow"))),
    "certificate": lambda: _raised(
        _failing(httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] self-signed"))
    ),
    "connect-refused": lambda: _raised(_failing(httpx.ConnectError("Connection refused"))),
    "connect-refused-errno": lambda: _raised(
        _failing(httpx.ConnectError("[Errno 111] Connection refused"))
    ),
    "connect-no-name": lambda: _raised(
        _failing(httpx.ConnectError("[Errno -2] Name or service not known"))
    ),
    "broken-off-reset": lambda: _raised(
        _failing(httpx.ReadError("[Errno 104] Connection reset by peer"))
    ),
    "proxy": lambda: _raised(_failing(httpx.ProxyError("407 Proxy Authentication Required"))),
    "broken-off": lambda: _raised(_failing(httpx.ReadError("reset by peer"))),
    "moved-nowhere": lambda: _raised(
        lambda: _answering(302, b"", {})().call("timeman.status")  # type: ignore[attr-defined]
    ),
    "write-outcome-unknown": lambda: _raised(_write_then_unreachable),
    "write-day-unchanged": lambda: _raised(_write_then_still_closed),
    "webhook-empty": lambda: _raised(lambda: Webhook.parse("")),
    "webhook-http": lambda: _raised(
        lambda: Webhook.parse("http://portal.example.com/rest/1/abcd/")
    ),
    "webhook-path": lambda: _raised(lambda: Webhook.parse("https://portal.example.com/x/")),
    "ca-file": lambda: _raised(lambda: ssl_context("/nonexistent/ca.pem")),
    "proxy-credentials": lambda: _raised(lambda: Settings(proxy="http://anna@proxy:3128")),
    "ca-file-nul": lambda: _raised(lambda: Settings(ca_file="/etc/ca\x00.pem")),
    "proxy-secret": lambda: _raised(
        lambda: Settings(proxy="https://portal.example.com/rest/7/k7dmwq2x9p4tz1ab/")
    ),
    "journal-locked": lambda: translate_journal(
        sqlite3.OperationalError("database is locked"), Path("/tmp/journal.sqlite3")
    ),
    "autostart-no-program": lambda: _raised(lambda: exec_line(())),
    "not-signed-in": lambda: _raised(lambda: load_account(MemorySecretStore(), Settings())),
    "keyring-missing": lambda: KeyringUnavailableError(keyring_texts.NO_KEYRING),
    "keyring-plaintext": lambda: KeyringUnavailableError(
        keyring_texts.PLAINTEXT.with_params(name="keyrings.alt.file.PlaintextKeyring")
    ),
    "keyring-locked": lambda: KeyringLockedError(keyring_texts.LOCKED),
    "keyring-no-answer": lambda: KeyringLockedError(
        keyring_texts.NO_ANSWER.with_params(seconds="5")
    ),
    "keyring-failed": lambda: KeyringOperationError(keyring_texts.FAILED["store"]),
}
KEPT = {  # what a translation must carry over from the English sentence
    "refused-WRONG_DATETIME": "Дата в будущем",
    "refused-alert": "Рабочий день уже открыт",
    "refused-unknown": "SOMETHING_NEW",
    "unavailable": "(INTERNAL_SERVER_ERROR). Сервер перегружен",
    "html": "HTTP 200",
    "connect-timeout": "https://portal.example.com",
    "certificate": "https://portal.example.com",
    "ca-file": "/nonexistent/ca.pem",
    "journal-locked": "/tmp/journal.sqlite3",
    "keyring-plaintext": "keyrings.alt.file.PlaintextKeyring",
    "webhook-empty": "https://your-portal.bitrix24.com/rest/USER_ID/SECRET/",
}


def _english(error: BaseException) -> str:
    return error.message if isinstance(error, TimemanError) else str(error)


@pytest.mark.parametrize("name", ERRORS)
def test_errors_read_as_before_in_english(qapp: QApplication, name: str) -> None:
    del qapp
    error = ERRORS[name]()
    assert messages.error_text(error) == _english(error)


@pytest.mark.usefixtures("russian")
@pytest.mark.parametrize("name", ERRORS)
def test_errors_in_russian(name: str) -> None:
    error = ERRORS[name]()
    text = messages.error_text(error)
    assert text != _english(error)
    assert CYRILLIC.search(text), text
    # No English sentence is left over (names, codes, paths and the portal's words may stay).
    leftover = re.sub(r"https?://\S+|/\S+|\b[A-Z_]{2,}\b|\([^)]*\)|«[^»]*»", "", text)
    assert not re.search(r"\b(the|is|not|and|or|was|has)\b", leftover), text
    if name in KEPT:
        assert KEPT[name] in text


@pytest.mark.usefixtures("russian")
@pytest.mark.parametrize("reason", network_words.REASONS, ids=lambda reason: reason.id)
def test_every_network_reason_is_said_in_russian(reason: Message) -> None:
    text = errors.said_text(reason)
    assert CYRILLIC.search(text), text
    assert text != str(reason)


@pytest.mark.usefixtures("russian")
def test_unknown_sentences_fall_back(qapp: QApplication) -> None:
    del qapp
    assert messages.error_text(UnavailableError("Gremlins.")) == "Портал сейчас недоступен."
    assert messages.error_text(RuntimeError("boom")) == "boom"
    assert messages.error_text(NotSignedInError("Odd.")) == "Вход не выполнен."


@pytest.mark.usefixtures("russian")
def test_the_controller_and_the_app_speak_russian(qapp: QApplication) -> None:
    del qapp
    failure = classify(error_for("INVALID_CREDENTIALS", "", 401))
    assert failure.message.startswith("Портал не принимает этот вебхук")
    assert classify(ZeroDivisionError()).message == (
        "В timeman-tray произошла внутренняя ошибка (ZeroDivisionError); подробности в журнале."
    )
    assert QCoreApplication.translate("DayController", CHANGED_TITLE) == (
        "Рабочий день изменён в другом месте"
    )
    assert messages.crash_message("KeyError", "/tmp/logs").endswith("в папке /tmp/logs.")


def test_english_when_asked_for(
    qtbot: QtBot, language: Callable[[str], str], catalogues: Path
) -> None:
    del catalogues
    assert language("ru") == "ru"
    assert language("en") == "en"
    tray = TrayView()
    tray.render(view_of(DayState.OPENED))
    assert tray.header.text() == "Working · 1:45 · breaks 0:15 · since 08:00"
    texts = {action.objectName(): action.text() for action in tray.menu.actions()}
    assert texts["action_open"] == "Start workday"
    assert texts["action_quit"] == "Quit"
    assert messages.error_text(error_for("TIME", "", 400)) == str(REFUSAL_MESSAGES["TIME"])
    assert QLocale().toString(QDate(2025, 3, 26), "ddd") == "Wed"
    tray.menu.deleteLater()
    del qtbot


@pytest.mark.usefixtures("russian")
def test_the_no_tray_window_speaks_russian(qtbot: QtBot) -> None:
    from tray_app.ui.shell.no_tray import NoTrayWindow  # noqa: PLC0415

    window = NoTrayWindow()
    qtbot.addWidget(window)
    assert window.notice.text().startswith("Системный трей не найден, поэтому timeman-tray")


@pytest.mark.usefixtures("russian")
def test_a_schedule_file_s_problem_in_russian(tmp_path: Path) -> None:
    bad = tmp_path / "schedule.json"
    bad.write_text('{"id": null, "name": "Office", "settingsRevisions": "many"}', encoding="utf-8")
    with pytest.raises(ScheduleFileError) as caught:
        read_schedule_file(bad)
    assert str(caught.value) == (
        "schedule.json не импортирован: settingsRevisions: должно быть массивом, а указано: строка"
    )


@pytest.mark.usefixtures("russian")
def test_a_journal_that_cannot_be_made_is_told_in_russian(qtbot: QtBot, tmp_path: Path) -> None:
    del qtbot  # the QApplication
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    keeper = JournalKeeper(blocker / "j.sqlite3", account="a", defer=lambda call: call())
    told: list[str] = []
    keeper.problem.connect(told.append)
    keeper.record_status(workday(DayState.OPENED), START)
    assert len(told) == 1
    assert told[0].startswith("Не удалось создать папку журнала истории: "), told
    keeper.close()
