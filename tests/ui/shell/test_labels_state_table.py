# ruff: noqa: RUF001 - Russian text is what this file checks (its letters look like Latin ones)
"""Every word of the menu, the panel and the CLI against the state table (API reference §1.2).

The table below is written out from §1.2, not from the code: for each state (and, for a closed
day, whether ``timeman.open`` resumes it or starts a new record) which items do something, and
what they say, in English and in Russian. A closed day of today on a schedule that is not
flexible is resumed by the portal (the gap since the close becomes a break, a start time is
refused with the error ``TIME``); a day of an earlier date, a flexible schedule and the very
first day start a new record.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.cli.conftest import NOW as CLI_NOW
from tests.cli.conftest import SECRET, Cli
from tests.ui.fakes import START, T0, ZONE, reading, workday
from tray_app.config.secrets import MemorySecretStore
from tray_app.core.actions import Action
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import DayState, Workday
from tray_app.demo import Fault, PortalSimulator, SimClock, SimUser
from tray_app.ui.shared.viewstate import compute_view
from tray_app.ui.shell.panel import StatusPanel
from tray_app.ui.shell.tray import TrayView

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[3]
TS = REPO / "resources" / "translations" / "timeman-tray_ru.ts"
NOW = datetime.fromtimestamp(T0, ZONE)  # Thursday 2025-03-27 10:00:30 (+02:00)
FIXED = PortalSettings(flexible=False)
FLEXIBLE = PortalSettings(flexible=True)
CLOSED_AT = START + timedelta(hours=1, minutes=30)  # 09:30 today
MSK = timezone(timedelta(hours=3))

# -- the words ------------------------------------------------------------------------------

WORDS = {
    "en": {
        "action_close_expired": "Close the forgotten day…",
        "action_open": "Start workday",
        "resume_day": "Resume the day",
        "action_pause": "Pause",
        "action_resume": "Resume",
        "action_close": "Close workday",
        "action_change_start": "Change start time…",
        "action_close_at": "Close at…",
        "note_resume": (
            "Resuming carries on the day closed at 09:30: the portal counts the time since "
            "then as a break."
        ),
        "note_resume_no_end": (
            "Resuming carries on the closed day: the portal counts the time since it was "
            "closed as a break."
        ),
        "note_new": "Starting again begins a new record; the day closed at 09:30 stays as it is.",
    },
    "ru": {
        "action_close_expired": "Закрыть забытый день…",
        "action_open": "Начать рабочий день",
        "resume_day": "Возобновить день",
        "action_pause": "Перерыв",
        "action_resume": "Продолжить",
        "action_close": "Завершить рабочий день",
        "action_change_start": "Изменить время начала…",
        "action_close_at": "Завершить в…",
        "note_resume": (
            "Возобновление продолжит день, закрытый в 09:30: время с тех пор портал засчитает "
            "как перерыв."
        ),
        "note_resume_no_end": (
            "Возобновление продолжит закрытый день: время с момента закрытия портал засчитает "
            "как перерыв."
        ),
        "note_new": (
            "Новый запуск начнёт новую запись; день, закрытый в 09:30, останется как есть."
        ),
    },
}
DAY_ITEMS = (
    "action_close_expired",
    "action_open",
    "action_pause",
    "action_resume",
    "action_close",
    "action_change_start",
    "action_close_at",
)


@dataclass(frozen=True)
class Row:
    """One line of §1.2 as the tray shows it."""

    day: Workday
    settings: PortalSettings | None
    enabled: frozenset[str]
    """The day's items that do something; the rest are disabled (or hidden)."""
    open_words: str = "action_open"
    """Which words the Start item carries: "Start workday" or "Resume the day"."""
    note: str | None = None


def _closed(**changes: object) -> Workday:
    values: dict[str, object] = {
        "finish": CLOSED_AT,
        "duration": timedelta(hours=1, minutes=30),
    }
    values.update(changes)
    return workday(DayState.CLOSED, **values)  # type: ignore[arg-type]


YESTERDAY = START - timedelta(days=1)
NEW_DAY = frozenset({"action_open", "action_change_start"})
TABLE: dict[str, Row] = {
    # OPENED: open is a silent no-op; pause and close (also with a time) work.
    "opened": Row(
        workday(DayState.OPENED),
        FIXED,
        frozenset({"action_pause", "action_close", "action_close_at"}),
    ),
    # PAUSED: open continues the day (no time: error TIME); close works; pause is a no-op.
    "paused": Row(
        workday(DayState.PAUSED, finish=START + timedelta(hours=1)),
        FIXED,
        frozenset({"action_resume", "action_close", "action_close_at"}),
    ),
    # CLOSED today, schedule not flexible: open resumes the day, a start time is refused.
    "closed-today-resumes": Row(
        _closed(), FIXED, frozenset({"action_open"}), "resume_day", "note_resume"
    ),
    "closed-today-settings-unknown": Row(
        _closed(), None, frozenset({"action_open"}), "resume_day", "note_resume"
    ),
    "closed-today-without-end": Row(
        _closed(finish=None), FIXED, frozenset({"action_open"}), "resume_day", "note_resume_no_end"
    ),
    # CLOSED today on a flexible schedule: a new record (with or without a start time).
    "closed-today-flexible": Row(_closed(), FLEXIBLE, NEW_DAY, note="note_new"),
    # CLOSED on an earlier date: a new record; the panel says "No workday today" instead.
    "closed-earlier": Row(
        _closed(start=YESTERDAY, finish=YESTERDAY + timedelta(hours=8)), FIXED, NEW_DAY
    ),
    # No day yet: a new record.
    "no-day": Row(workday(DayState.CLOSED, start=None), FIXED, NEW_DAY),
    # EXPIRED: open and pause are no-ops, close only with a time (the forgotten-day dialog).
    "expired": Row(
        workday(DayState.EXPIRED, start=YESTERDAY, suggested=YESTERDAY + timedelta(hours=9)),
        FIXED,
        frozenset({"action_close_expired"}),
    ),
}


# -- the catalogues -------------------------------------------------------------------------


@pytest.fixture
def shell(lang: str, qtbot: QtBot) -> tuple[TrayView, StatusPanel]:
    """The menu and the panel, made after the language is installed (as the app does)."""
    del lang
    tray = TrayView()
    panel = StatusPanel(tray)
    qtbot.addWidget(panel)
    return tray, panel


def _items(tray: TrayView) -> dict[str, tuple[str, bool]]:
    return {
        action.objectName(): (action.text(), action.isEnabled() and action.isVisible())
        for action in tray.menu.actions()
        if action.objectName() in DAY_ITEMS
    }


@pytest.mark.parametrize("case", TABLE)
def test_the_menu_says_what_the_portal_will_do(
    shell: tuple[TrayView, StatusPanel], lang: str, case: str
) -> None:
    tray, _panel = shell
    row, words = TABLE[case], WORDS[lang]
    tray.render(compute_view(reading(row.day), row.settings, NOW))
    items = _items(tray)
    assert {name for name, (_text, on) in items.items() if on} == row.enabled
    expected = {name: words[name] for name in DAY_ITEMS}
    expected["action_open"] = words[row.open_words]
    assert {name: text for name, (text, _on) in items.items()} == expected


@pytest.mark.parametrize("case", TABLE)
def test_the_panel_offers_the_same_with_the_same_words(
    shell: tuple[TrayView, StatusPanel], lang: str, case: str
) -> None:
    tray, panel = shell
    row, words = TABLE[case], WORDS[lang]
    view = compute_view(reading(row.day), row.settings, NOW)
    tray.render(view)
    panel.show_view(view)
    shown = {
        button.objectName().removeprefix("panel_"): button.text()
        for button, _action in panel.buttons
        if not button.isHidden() and button.objectName().removeprefix("panel_") in DAY_ITEMS
    }
    assert set(shown) == row.enabled
    expected = {name: words[name] for name in row.enabled}
    if "action_open" in expected:
        expected["action_open"] = words[row.open_words]
    assert shown == expected
    lines = panel.note.text().splitlines()
    if row.note is None:
        assert lines == []
        assert panel.note.isHidden()
    else:
        assert lines == [words[row.note]]
        assert not panel.note.isHidden()


def test_the_words_follow_the_day_as_it_changes(
    shell: tuple[TrayView, StatusPanel], lang: str
) -> None:
    """One menu, one panel: resume words for a day closed today, a new day's tomorrow."""
    tray, panel = shell
    words = WORDS[lang]
    for view, resumes in (
        (compute_view(reading(_closed()), FIXED, NOW), True),
        (compute_view(reading(_closed()), FIXED, NOW + timedelta(days=1)), False),
        (compute_view(reading(_closed()), FIXED, NOW), True),
    ):
        tray.render(view)
        panel.show_view(view)
        start = tray.day_actions[Action.OPEN]
        button = next(b for b, a in panel.day_buttons if a is start)
        assert start.text() == words["resume_day" if resumes else "action_open"]
        assert button.text() == start.text()
        assert tray.change_start.isEnabled() is not resumes


def test_a_busy_tray_keeps_the_words_but_offers_nothing(
    shell: tuple[TrayView, StatusPanel], lang: str
) -> None:
    tray, _panel = shell
    tray.render(compute_view(reading(_closed()), FIXED, NOW, busy=True))
    items = _items(tray)
    assert not any(on for _text, on in items.values())
    assert items["action_open"][0] == WORDS[lang]["resume_day"]


def test_time_tracking_off_offers_nothing_and_predicts_nothing(
    shell: tuple[TrayView, StatusPanel],
) -> None:
    tray, panel = shell
    view = compute_view(reading(_closed()), PortalSettings(tracking_enabled=False), NOW)
    assert view.open_kind is None
    tray.render(view)
    panel.show_view(view)
    assert not any(on for _text, on in _items(tray).values())
    assert panel.note.isHidden()


# -- the CLI (it speaks English only: the layers below the UI are not translated) -------------


def _cli(user: SimUser) -> Iterator[Cli]:
    with PortalSimulator(clock=SimClock(start=CLI_NOW)) as sim:
        sim.add_user(user)
        cli = Cli(sim, MemorySecretStore())
        assert cli.login().code == 0
        sim.clear_requests()
        yield cli


@pytest.fixture
def resuming() -> Iterator[Cli]:
    """A FIXED schedule that lets a closed day be resumed (the default on the portal)."""
    yield from _cli(SimUser(user_id=1, secret=SECRET, schedule="FIXED", can_reopen=True))


@pytest.fixture
def fixed_no_reopen() -> Iterator[Cli]:
    """A FIXED schedule whose administrator switched re-opening off."""
    yield from _cli(SimUser(user_id=1, secret=SECRET, schedule="FIXED"))


@pytest.fixture
def flexible() -> Iterator[Cli]:
    yield from _cli(SimUser(user_id=1, secret=SECRET, schedule="FLEXTIME"))


def test_cli_start_on_a_day_closed_today_says_it_resumes_and_the_gap_is_a_break(
    resuming: Cli,
) -> None:
    resuming.sim.seed_day(1, "CLOSED", start=_at(9), finish=_at(11))
    result = resuming("start")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "The workday closed at 11:00 is resumed; the time since then counts as a break: "
        "worked 2:00, breaks 1:30.\n"
    )
    assert resuming.sim.day(1).start == _at(9)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("portal", "seed"),
    [
        ("flexible", {"state": "CLOSED", "start": (9,), "finish": (11,)}),  # FLEXTIME: new
        ("fixed_no_reopen", {"state": "CLOSED", "start": (9,), "finish": (11,)}),
        ("resuming", {"state": "CLOSED", "start": (9, 0, 19), "finish": (18, 0, 19)}),  # earlier
        ("resuming", None),  # never a day
    ],
)
def test_cli_start_of_a_new_record_says_started(
    request: pytest.FixtureRequest, portal: str, seed: dict[str, object] | None
) -> None:
    cli: Cli = request.getfixturevalue(portal)
    if seed is not None:
        cli.sim.seed_day(
            1,
            seed["state"],  # type: ignore[arg-type]
            start=_at(*seed["start"]),  # type: ignore[misc]
            finish=_at(*seed["finish"]),  # type: ignore[misc]
        )
    result = cli("start")
    assert (result.code, result.err) == (0, "")
    assert result.out == "Workday started at 12:30.\n"


@pytest.mark.parametrize(
    ("seed", "message"),
    [
        (("OPENED", (9,)), "timeman-tray: The workday is already running.\n"),
        (("PAUSED", (9,)), "timeman-tray: The workday is paused: use 'timeman-tray resume'.\n"),
        (
            ("EXPIRED", (9, 0, 17)),
            "timeman-tray: A workday from an earlier date is still open: close it first with "
            "'timeman-tray close --at HH:MM --reason TEXT'.\n",
        ),
    ],
)
def test_cli_start_where_open_does_nothing_sends_nothing(
    resuming: Cli, seed: tuple[str, tuple[int, ...]], message: str
) -> None:
    state, start = seed
    resuming.sim.seed_day(1, state, start=_at(*start))  # type: ignore[arg-type]
    result = resuming("start")
    assert (result.code, result.out, result.err) == (1, "", message)
    assert resuming.writes() == []


def test_cli_start_at_a_time_on_a_day_the_portal_resumes_says_why_it_was_refused(
    resuming: Cli,
) -> None:
    resuming.sim.seed_day(1, "CLOSED", start=_at(9), finish=_at(11))
    result = resuming("start", "--at", "12:00", "--reason", "Late", "--tz", "Europe/Moscow")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "timeman-tray: The portal resumes the workday closed at 11:00 instead of starting a new "
        "one, and takes no start time for it: run 'timeman-tray start' without --at (the time "
        "since then counts as a break). [TIME]\n"
    )
    assert resuming.sim.day(1).status == "CLOSED"  # type: ignore[union-attr]


def test_cli_other_refusals_of_start_keep_the_portals_words(resuming: Cli) -> None:
    resuming.sim.seed_day(1, "CLOSED", start=_at(9), finish=_at(11))
    resuming.sim.faults.push(
        Fault.status(
            400, error="ALERT_WARNING", description="Action is not allowed", method="timeman.open"
        )
    )
    result = resuming("start")
    assert [r.rest_method for r in resuming.writes()] == ["timeman.open"]
    assert result.code == 1
    assert result.err.startswith("timeman-tray: The portal refused: Action is not allowed")
    assert result.err.endswith("[ALERT_WARNING]\n")
    assert "resumes" not in result.err


def _at(hour: int, minute: int = 0, day: int = 20) -> datetime:
    """A Moscow wall time in the week of the CLI's clock (Friday 2026-11-20 12:30)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=MSK)
