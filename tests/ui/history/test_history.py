"""The history window and its chart: the journal alone, the portal's records, a portal without
them, a broken journal, the CSV export, and what the chart paints in light and dark palettes.

"Today" is Friday 2026-11-20 in Moscow. Screenshots (light and dark) go to
``$TIMEMAN_ARTIFACTS_DIR`` (default ``artifacts/``) for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import pytz
from PySide6.QtCore import QEvent, QPoint, QPointF
from PySide6.QtGui import QColor, QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QTableWidgetItem
from pytestqt.qtbot import QtBot

from tray_app.api.errors import UnavailableError
from tray_app.api.record_models import (
    PortalRecord,
    RecordList,
    RecordsOutcome,
    RecordStatus,
    RecordsUnavailable,
    Unavailability,
)
from tray_app.core.summary import EN_DASH
from tray_app.core.workday import parse_workday
from tray_app.demo.records import sample_history
from tray_app.history.journal import Journal
from tray_app.history.journal_errors import JournalError
from tray_app.ui.history.chart import UNCONFIRMED, ChartBar, HistoryChart
from tray_app.ui.history.window import HistoryWindow, WorkerRecordsSource, open_history

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

MSK = timezone(timedelta(hours=3))
TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 13, 40, tzinfo=MSK)
H = timedelta(hours=1)
M = timedelta(minutes=1)
REPO = Path(__file__).resolve().parents[3]


def msk(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=MSK)


def answer(status: str, **fields: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "STATUS": status,
        "ID": 900,
        "TIME_START": "2026-11-20T09:10:00+03:00",
        "TIME_FINISH": None,
        "DURATION": "00:00:00",
        "TIME_LEAKS": "00:25:00",
        "ACTIVE": True,
        "TZ_OFFSET": 10800,
    }
    raw.update(fields)
    return raw


def record(
    record_id: int, start: datetime, end: datetime, breaks: timedelta, approved: bool = True
) -> PortalRecord:
    return PortalRecord(
        record_id=record_id,
        started_at=start,
        finished_at=end,
        worked=end - start - breaks,
        breaks=breaks,
        status=RecordStatus.CLOSED,
        approved=approved,
        user_id=1,
    )


def past_weeks() -> list[PortalRecord]:
    """Four weeks before today as the portal would list them."""
    return [
        record(100 + n, d.start, d.finish, d.breaks, d.approved)
        for n, d in enumerate(sample_history(TODAY, MSK, weeks=4))
    ]


@dataclass
class Source:
    """A records source the test answers by hand (the worker thread's part)."""

    calls: list[tuple[datetime, datetime, Callable[[RecordsOutcome | Exception], None]]] = field(
        default_factory=list
    )

    def __call__(
        self,
        since: datetime,
        until: datetime,
        done: Callable[[RecordsOutcome | Exception], None],
    ) -> None:
        self.calls.append((since, until, done))

    def answer(self, outcome: RecordsOutcome | Exception, call: int = -1) -> None:
        self.calls[call][2](outcome)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "journal.sqlite3", account="portal.example.com#1") as opened:
        # Tuesday closed here (the portal will know it too); today running since 09:10.
        opened.record_status(
            parse_workday(
                answer(
                    "CLOSED",
                    ID=801,
                    TIME_START="2026-11-17T08:55:00+03:00",
                    TIME_FINISH="2026-11-17T17:40:00+03:00",
                    DURATION="08:05:00",
                    TIME_LEAKS="00:40:00",
                )
            ),
            msk(17, 17, 40),
        )
        opened.record_status(parse_workday(answer("OPENED")), NOW)
        yield opened


@pytest.fixture
def make(qtbot: QtBot) -> Callable[..., HistoryWindow]:
    def build(
        journal: Journal | JournalError | None, source: Source | None = None, **kwargs: object
    ) -> HistoryWindow:
        window = HistoryWindow(
            journal,
            source,
            today=lambda: TODAY,
            now=lambda: NOW,
            zone=MSK,
            **kwargs,  # type: ignore[arg-type]
        )
        qtbot.addWidget(window)
        return window

    return build


def cell(window: HistoryWindow, row: int, column: int) -> QTableWidgetItem:
    item = window.table.item(row, column)
    assert item is not None
    return item


def table_rows(window: HistoryWindow) -> list[list[str]]:
    table = window.table
    return [
        [cell(window, row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


# -- the journal alone -------------------------------------------------------------------------


def test_the_journal_alone(make: Callable[..., HistoryWindow], journal: Journal) -> None:
    window = make(journal)
    assert (window.first_day, window.last_day) == (date(2026, 10, 24), TODAY)
    assert window.weeks == 4
    assert len(window.chart.bars) == 28
    assert [b.day for b in window.chart.bars][-1] == TODAY
    rows = table_rows(window)
    assert [row[1:] for row in rows] == [
        ["09:10", "not closed", "0:25", "4:05", "8:00", "yes"],
        ["08:55", "17:40", "0:40", "8:05", "8:00", "yes"],
    ]
    assert rows[0][0].startswith("Fri 20 Nov")
    assert window.totals.text() == "Worked 12:10 of 160:00 planned"
    assert window.note.text() == "Shown from this computer's journal."
    assert cell(window, 0, 0).toolTip() == "From this computer's journal"
    today_bar = window.chart.bars[-1]
    assert (today_bar.worked, today_bar.planned, today_bar.open) == (4 * H + 5 * M, 8 * H, True)
    saturday = window.chart.bars[-7]
    assert (saturday.day, saturday.planned, saturday.worked) == (
        date(2026, 11, 14),
        timedelta(0),
        timedelta(0),
    )


def test_what_is_not_known_shows_as_a_dash(
    make: Callable[..., HistoryWindow], tmp_path: Path
) -> None:
    with Journal.open(tmp_path / "bare.sqlite3") as bare:
        # A closed day whose answer had no end and no confirmation flag.
        bare.record_status(
            parse_workday(answer("CLOSED", TIME_FINISH=None, DURATION="07:30:00", ACTIVE=None)),
            NOW,
        )
        window = make(bare)
        assert table_rows(window)[0][1:] == ["09:10", EN_DASH, "0:25", "7:30", "8:00", EN_DASH]


def test_a_plan_given_as_data(make: Callable[..., HistoryWindow], journal: Journal) -> None:
    plan = {TODAY: 6 * H, date(2026, 11, 17): 7 * H, date(2026, 11, 21): 8 * H}
    window = make(journal, plan=plan)
    assert window.plan() == {d: plan.get(d, timedelta(0)) for d in window.plan()}
    assert len(window.plan()) == 28  # the period only
    assert window.totals.text() == "Worked 12:10 of 13:00 planned"
    assert [b.planned for b in window.chart.bars[-4:]] == [7 * H, timedelta(0), timedelta(0), 6 * H]


def test_choosing_more_weeks(make: Callable[..., HistoryWindow], journal: Journal) -> None:
    window = make(journal)
    window.period.setCurrentIndex(window.period.findData(8))
    assert window.first_day == date(2026, 9, 26)
    assert len(window.chart.bars) == 56
    assert [window.period.itemText(i) for i in range(window.period.count())] == [
        "Last 2 weeks",
        "Last 4 weeks",
        "Last 8 weeks",
        "Last 12 weeks",
    ]
    assert make(journal, weeks=5).weeks == 4  # not a choice: the default


# -- with the portal ---------------------------------------------------------------------------


def test_the_portals_records_are_fetched_kept_and_merged(
    make: Callable[..., HistoryWindow], journal: Journal
) -> None:
    source = Source()
    window = make(journal, source)
    (since, until, _done) = source.calls[0]
    assert (since, until) == (msk(24, 0, month=10), datetime(2026, 11, 20, 23, 59, 59, tzinfo=MSK))
    assert not window.refresh_button.isEnabled()
    assert window.note.text() == "Asking the portal for its records…"
    assert len(table_rows(window)) == 2  # the journal, at once

    portal = past_weeks()
    source.answer(RecordList(tuple(portal)))
    assert window.refresh_button.isEnabled()
    assert window.note.text() == "Shown from the portal and this computer's journal."
    assert len(journal.records()) == len(portal)  # kept for offline use
    days = window.days
    assert len(days) == len(portal) + 1  # every past day, and today from the journal
    tuesday = days[date(2026, 11, 17)]
    assert tuesday.source.value == "both"
    on_tuesday = next(r for r in portal if r.started_at.date() == date(2026, 11, 17))
    assert tuesday.worked == on_tuesday.worked  # the portal wins for a closed day
    assert tuesday.worked != 8 * H + 5 * M
    assert days[TODAY].source.value == "journal"
    unconfirmed = sum(1 for r in portal if r.approved is False)
    assert unconfirmed >= 1
    assert window.totals.text().endswith(f" · {unconfirmed} not confirmed")
    assert (
        sum(1 for row in table_rows(window) if row[6] == "no, awaits confirmation") == unconfirmed
    )
    assert cell(window, 3, 0).text().startswith("Tue 17 Nov")
    assert cell(window, 3, 0).toolTip() == "From the portal and this computer's journal"
    assert cell(window, 1, 0).toolTip() == "From the portal"


def test_offline_the_kept_records_still_count(
    make: Callable[..., HistoryWindow], journal: Journal
) -> None:
    source = Source()
    make(journal, source)
    source.answer(RecordList(tuple(past_weeks())))
    again = make(journal)  # no portal this time
    assert len(again.days) == len(past_weeks()) + 1


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        (Unavailability.MISSING, "This portal does not offer the history of workdays"),
        (Unavailability.FORBIDDEN, "The portal does not let this account read its records"),
    ],
)
def test_a_portal_without_records(
    make: Callable[..., HistoryWindow], journal: Journal, reason: Unavailability, words: str
) -> None:
    source = Source()
    window = make(journal, source)
    source.answer(RecordsUnavailable(reason, "whatever the api says"))
    assert window.note.text() == f"{words}; shown from this computer's journal."
    assert len(table_rows(window)) == 2
    assert window.refresh_button.isEnabled()


def test_a_portal_that_cannot_be_asked(
    make: Callable[..., HistoryWindow], journal: Journal
) -> None:
    source = Source()
    window = make(journal, source)
    source.answer(UnavailableError("Cannot connect to portal.example.com: no answer."))
    assert window.note.text() == (
        "The portal could not be asked (Cannot connect to portal.example.com: no answer.); "
        "shown from this computer's journal."
    )
    source.calls.clear()
    window.refresh_button.click()
    source.answer(RuntimeError())
    assert "(RuntimeError)" in window.note.text()


def test_an_incomplete_answer_says_so(make: Callable[..., HistoryWindow], journal: Journal) -> None:
    source = Source()
    window = make(journal, source)
    source.answer(RecordList(tuple(past_weeks()[:3]), complete=False))
    assert window.note.text() == (
        "The portal has more records than were read; older days may be missing."
    )


def test_a_late_answer_for_another_period_is_ignored(
    make: Callable[..., HistoryWindow], journal: Journal
) -> None:
    source = Source()
    window = make(journal, source)
    window.period.setCurrentIndex(window.period.findData(2))
    assert len(source.calls) == 2
    source.answer(RecordList(tuple(past_weeks())), call=0)
    assert len(window.days) == 2  # the 4-week answer did not land
    assert not window.refresh_button.isEnabled()
    source.answer(RecordList(tuple(past_weeks())), call=1)
    assert window.first_day == date(2026, 11, 7)
    in_range = [r for r in past_weeks() if r.started_at.date() >= window.first_day]
    assert len(window.days) == len(in_range) + 1


# -- a journal that cannot be used --------------------------------------------------------------


def test_without_a_journal(make: Callable[..., HistoryWindow]) -> None:
    source = Source()
    window = make(
        JournalError("The history journal /x is damaged (file is not a database)."), source
    )
    assert table_rows(window) == []
    source.answer(RecordList(tuple(past_weeks())))
    assert len(window.days) == len(past_weeks())
    assert window.note.text().endswith(
        "\nThe journal cannot be used: The history journal /x is damaged (file is not a database)."
    )
    assert make(None).note.text() == "Shown from this computer's journal."


def test_a_journal_that_breaks_while_open(
    make: Callable[..., HistoryWindow], journal: Journal
) -> None:
    source = Source()
    window = make(journal, source)
    journal.close()
    source.answer(RecordList(tuple(past_weeks())))
    assert len(window.days) == len(past_weeks())  # the portal's days at least
    assert "The journal cannot be used: The history journal" in window.note.text()


# -- the CSV export ----------------------------------------------------------------------------


def test_export_writes_the_period(
    make: Callable[..., HistoryWindow],
    journal: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    window = make(journal)
    asked: list[str] = []

    def save_as(parent: object, title: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        assert title == "Export the history"
        assert filters == "CSV files (*.csv)"
        return str(tmp_path / "history"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    with qtbot.waitSignal(window.exported) as signal:
        window.export_button.click()
    target = tmp_path / "history.csv"
    assert signal.args == [str(target)]
    assert Path(asked[0]).name == "work-history-2026-10-24-2026-11-20.csv"
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "date,start,end,utc_offset,breaks,worked,planned,confirmed,open,source"
    assert len(lines) == 29
    assert lines[-1] == "2026-11-20,09:10,,+03:00,0:25,4:05,8:00,yes,yes,journal"
    assert lines[-4] == "2026-11-17,08:55,17:40,+03:00,0:40,8:05,8:00,yes,no,journal"
    assert window.note.text() == f"Saved to {target}"


def test_export_cancelled_or_failing(
    make: Callable[..., HistoryWindow],
    journal: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make(journal)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    assert window.export_csv() is None
    folder = tmp_path / "taken.csv"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(folder), ""))
    assert window.export_csv() is None
    assert window.note.text().startswith("The file could not be written: ")


def test_open_history_shows_a_window(qtbot: QtBot, journal: Journal) -> None:
    window = open_history(None, journal, None, None, today=lambda: TODAY, zone=MSK, weeks=2)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.windowTitle() == "Work history"
    assert len(window.chart.bars) == 14
    window.close_button.click()
    assert not window.isVisible()


def test_the_zone_of_the_system_by_default(qtbot: QtBot, journal: Journal) -> None:
    source = Source()
    window = HistoryWindow(journal, source, today=lambda: TODAY)
    qtbot.addWidget(window)
    since, until, _ = source.calls[0]
    assert since.utcoffset() is not None
    assert (since.date(), until.date()) == (date(2026, 10, 24), TODAY)


def test_a_pytz_zone(qtbot: QtBot, journal: Journal) -> None:
    source = Source()
    window = HistoryWindow(
        journal, source, today=lambda: TODAY, zone=pytz.timezone("Europe/Berlin")
    )
    qtbot.addWidget(window)
    since, until, _ = source.calls[0]
    assert (since.utcoffset(), until.utcoffset()) == (2 * H, H)  # CEST, then CET; not LMT


def test_records_through_a_task_runner(
    make: Callable[..., HistoryWindow], journal: Journal
) -> None:
    tasks: list[Callable[[], object]] = []
    fetched: list[tuple[datetime, datetime]] = []

    def call(task: Callable[[], object]) -> int:
        tasks.append(task)
        return 40 + len(tasks)

    def fetch(since: datetime, until: datetime) -> RecordsOutcome:
        fetched.append((since, until))
        return RecordList(tuple(past_weeks()))

    source = WorkerRecordsSource(call, fetch)
    window = make(journal, source)
    assert fetched == []  # nothing runs on the UI thread
    value = tasks[0]()  # the worker runs it
    assert fetched[0][0] == msk(24, 0, month=10)
    source.task_finished(7, None, None)  # someone else's task
    assert not window.refresh_button.isEnabled()
    source.task_finished(41, value, None)
    assert len(window.days) == len(past_weeks()) + 1
    source.task_finished(41, value, None)  # delivered once only
    window.reload()
    source.task_finished(42, None, UnavailableError("offline"))
    assert window.note.text().startswith("The portal could not be asked (offline)")
    window.reload()
    source.task_finished(43, "odd", None)
    assert "(the records task gave str)" in window.note.text()


# -- the chart ---------------------------------------------------------------------------------


def dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#2a2a2a",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#3d8fd6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Mid: "#505050",
        QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    return palette


def light_palette() -> QPalette:
    return QApplication.style().standardPalette()


def close_to(first: QColor, second: QColor, tolerance: int = 6) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(
            (first.red(), first.green(), first.blue()),
            (second.red(), second.green(), second.blue()),
            strict=True,
        )
    )


BARS = [
    ChartBar(date(2026, 11, 16), 7 * H, 8 * H),
    ChartBar(date(2026, 11, 17), 10 * H, 8 * H, confirmed=False),
    ChartBar(date(2026, 11, 18), timedelta(0), 8 * H),
    ChartBar(date(2026, 11, 19), 5 * H, 8 * H, open=True),
    ChartBar(date(2026, 11, 20), timedelta(0), timedelta(0)),
]


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_the_chart_paints_with_the_palette(qtbot: QtBot, palette: Callable[[], QPalette]) -> None:
    chart = HistoryChart()
    qtbot.addWidget(chart)
    chart.setPalette(palette())
    chart.resize(600, 300)
    chart.set_bars(BARS, today=date(2026, 11, 20))
    image = chart.grab().toImage()
    colors = chart.palette()
    base = colors.color(QPalette.ColorRole.Base)
    highlight = colors.color(QPalette.ColorRole.Highlight)
    text = colors.color(QPalette.ColorRole.Text)

    def pixel(point: QPointF) -> QColor:
        return image.pixelColor(QPoint(round(point.x()), round(point.y())))

    assert close_to(pixel(QPointF(2, chart.height() - 2)), base)
    monday = chart.bar_rect(0)
    assert close_to(pixel(QPointF(monday.center().x(), monday.bottom() - 8)), highlight)
    over = chart.bar_rect(1)
    plan_y = chart.plan_line(1)
    assert plan_y is not None
    above_plan = pixel(QPointF(over.center().x(), (over.top() + plan_y.y1()) / 2))
    assert not close_to(above_plan, highlight)  # the part over the plan is another shade
    assert not close_to(above_plan, base)
    dot = chart.dot_center(1)
    assert dot.y() < min(over.top(), plan_y.y1())  # above the bar and the plan
    assert close_to(pixel(dot), UNCONFIRMED, 30)
    assert not close_to(pixel(chart.dot_center(0)), UNCONFIRMED, 60)  # confirmed: no dot
    line = chart.plan_line(2)  # a day without work: the plan line on the background
    assert line is not None
    assert close_to(pixel(line.center()), text, 40)
    running = chart.bar_rect(3)
    inside = pixel(QPointF(running.center().x(), running.bottom() - 8))
    assert not close_to(inside, highlight)  # lighter: a day not closed
    assert not close_to(inside, UNCONFIRMED, 60)
    edges = [pixel(QPointF(running.left() + dx, running.center().y())) for dx in (-1, 0, 1)]
    assert any(close_to(edge, highlight, 40) for edge in edges)  # outlined
    assert chart.plan_line(4) is None
    assert chart.bar_rect(2).height() == 0


def test_the_scale_follows_the_longest_bar(qtbot: QtBot) -> None:
    chart = HistoryChart()
    qtbot.addWidget(chart)
    assert chart.top_hours() == 10
    chart.set_bars([ChartBar(date(2026, 11, 16), 13 * H + 40 * M, 8 * H)])
    assert chart.top_hours() == 16
    chart.set_bars([ChartBar(date(2026, 11, 16), 30 * H, 8 * H)])
    assert chart.top_hours() == 32
    chart.resize(600, 300)
    assert chart.bar_rect(0).top() >= chart.plot_rect().top()


def test_hovering_tells_the_day(qtbot: QtBot) -> None:
    chart = HistoryChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.set_bars(BARS)
    assert chart.index_at(chart.bar_rect(1).center().x()) == 1
    assert chart.index_at(1) is None
    assert chart.tooltip_text(BARS[1]) == (
        "Tuesday 17 November\nWorked 10:00 of 8:00 planned\nAwaits the supervisor's confirmation"
    )
    assert chart.tooltip_text(BARS[3]).endswith("\nThe day is not closed yet")
    assert chart.tooltip_text(BARS[4]) == "Friday 20 November\nWorked 0:00"
    assert chart.accessibleDescription() == "5 days: worked 22:00 of 32:00 planned"
    chart.show()
    qtbot.waitExposed(chart)
    for x in (chart.bar_rect(1).center().x(), 1.0):
        QApplication.sendEvent(
            chart,
            _tooltip_event(QPoint(round(x), 150), chart.mapToGlobal(QPoint(round(x), 150))),
        )


def _tooltip_event(pos: QPoint, global_pos: QPoint) -> QHelpEvent:
    return QHelpEvent(QEvent.Type.ToolTip, pos, global_pos)


def test_a_narrow_chart_labels_every_other_day(qtbot: QtBot) -> None:
    chart = HistoryChart()
    qtbot.addWidget(chart)
    chart.resize(440, 240)
    first = date(2026, 8, 29)
    bars = [ChartBar(first + timedelta(days=n), 8 * H, 8 * H) for n in range(84)]
    chart.set_bars(bars, today=bars[-1].day)
    assert chart.bar_rect(0).width() < 4
    assert not chart.grab().toImage().isNull()
    assert chart.index_at(chart.bar_rect(83).center().x()) == 83


def test_an_empty_chart(qtbot: QtBot) -> None:
    chart = HistoryChart()
    qtbot.addWidget(chart)
    chart.resize(500, 240)
    chart.set_bars([])
    assert chart.index_at(100) is None
    image = chart.grab().toImage()
    assert not image.isNull()
    assert chart.sizeHint().width() > chart.minimumWidth()


# -- screenshots -------------------------------------------------------------------------------


def _artifacts() -> Path:
    folder = Path(os.environ.get("TIMEMAN_ARTIFACTS_DIR") or REPO / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_screenshot(
    make: Callable[..., HistoryWindow],
    journal: Journal,
    qtbot: QtBot,
    palette: Callable[[], QPalette],
) -> None:
    source = Source()
    window = make(journal, source)
    window.setPalette(palette())
    source.answer(RecordList(tuple(past_weeks())))
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    name = palette.__name__.removesuffix("_palette")
    path = _artifacts() / f"history-{name}.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000
