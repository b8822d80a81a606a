"""The report dialog: a changed start or end time, with the portal's rules checked live.

Days are parsed from the API reference §8 samples (``tests/core/samples.py``); the portal's
clock is a :class:`Clock` the tests move. Screenshots of each mode go to
``$TIMEMAN_ARTIFACTS_DIR`` (default ``artifacts/`` in the repository) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

import pytest
import pytz
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTime, QTranslator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.core.samples import D_CLOSED, D_EXPIRED, D_OPENED, D_SETTINGS, R_PAUSED, result
from tray_app.core.actions import Action
from tray_app.core.backdate import MAX_REASON_LENGTH
from tray_app.core.portal_settings import PortalSettings, parse_portal_settings
from tray_app.core.workday import parse_workday
from tray_app.ui.report import dialog as report_dialog
from tray_app.ui.report.dialog import ReportDialog, ReportMode
from tray_app.ui.shared.viewstate import Phase, ViewState
from tray_app.ui.shared.zones import parse_zone_label, system_zone, zone_choices, zone_label

BERLIN = pytz.timezone("Europe/Berlin")
PLUS2 = timezone(timedelta(hours=2))  # the zone of the [D] samples' days
PLUS3 = timezone(timedelta(hours=3))
SETTINGS = parse_portal_settings(result(D_SETTINGS))  # not flexible, delta 15 min
FLEXIBLE = replace(SETTINGS, flexible=True)
REPO = Path(__file__).resolve().parents[3]

# The [D] CLOSED day ended Thursday 27 March 2025 19:00 +02:00; the next morning in Berlin (+01:00).
FRIDAY_MORNING = BERLIN.localize(datetime(2025, 3, 28, 9, 20, 40))
# The [D] OPENED day began Thursday 27 March 2025 08:00:01 +02:00.
THURSDAY_EVENING = datetime(2025, 3, 27, 17, 30, 15, tzinfo=PLUS2)
# The [D] EXPIRED day began the same Thursday; two days later it is still open.
SATURDAY = datetime(2025, 3, 29, 9, 0, tzinfo=PLUS2)
# The [R] PAUSED day: began 10:10:51 +03:00 (TZ_OFFSET 10800), the break began 11:32.
PAUSED_NOON = datetime(2024, 7, 30, 12, 0, tzinfo=PLUS3)


class Clock:
    """The portal's clock, moved by the tests."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Parts:
    """The dialog's widgets, found by objectName as the e2e harness finds them."""

    dialog: ReportDialog
    clock: Clock
    sent: list[tuple[object, object, str]]

    def child(self, kind: type[Any], name: str) -> Any:
        widget = self.dialog.findChild(kind, name)
        assert widget is not None, name
        return widget

    @property
    def time(self) -> QTimeEdit:
        return self.child(QTimeEdit, "reportTime")  # type: ignore[no-any-return]

    @property
    def zone(self) -> QComboBox:
        return self.child(QComboBox, "reportZone")  # type: ignore[no-any-return]

    @property
    def reason(self) -> QPlainTextEdit:
        return self.child(QPlainTextEdit, "reportReason")  # type: ignore[no-any-return]

    @property
    def ok(self) -> QPushButton:
        return self.child(QPushButton, "reportOk")  # type: ignore[no-any-return]

    @property
    def cancel(self) -> QPushButton:
        return self.child(QPushButton, "reportCancel")  # type: ignore[no-any-return]

    def label(self, name: str) -> QLabel:
        return self.child(QLabel, name)  # type: ignore[no-any-return]

    def text(self, name: str) -> str:
        """A label's text, or "" while it is hidden."""
        label = self.label(name)
        return label.text() if label.isVisibleTo(self.dialog) else ""

    @property
    def message(self) -> str:
        return self.text("reportMessage")

    @property
    def hint(self) -> str:
        return self.text("reportHint")

    def type_time(self, hour: int, minute: int) -> None:
        self.time.setTime(QTime(hour, minute))

    def choose_zone(self, text: str) -> None:
        self.zone.setCurrentText(text)

    def give_reason(self, text: str) -> None:
        self.reason.setPlainText(text)


def view_of(
    answer: str | dict[str, object], settings: PortalSettings | None = SETTINGS
) -> ViewState:
    """The view the controller would hand over for a workday answer."""
    raw = result(answer) if isinstance(answer, str) else answer
    day = parse_workday(raw)
    return ViewState(phase=Phase.READY, day_state=day.state, workday=day, settings=settings)


@pytest.fixture(autouse=True)
def _english_dates() -> Iterator[None]:
    """Day and month names as in the issue ("Friday, 20 November 2026")."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def make(qtbot: QtBot) -> Any:
    def build(
        mode: ReportMode,
        view: ViewState,
        now: datetime,
        local_zone: tzinfo = BERLIN,
    ) -> Parts:
        clock = Clock(now)
        dialog = ReportDialog(mode, view, clock, local_zone=local_zone)
        qtbot.addWidget(dialog)
        sent: list[tuple[object, object, str]] = []
        dialog.submitted.connect(lambda *args: sent.append(args))
        return Parts(dialog, clock, sent)

    return build


def _show_exposed(parts: Parts, qtbot: QtBot) -> None:
    with qtbot.waitExposed(parts.dialog):
        parts.dialog.show()


def _show_active(parts: Parts, qtbot: QtBot) -> None:
    with qtbot.waitActive(parts.dialog):
        parts.dialog.show()
        parts.dialog.activateWindow()


# -- pre-fill, date, zone -------------------------------------------------------------------


def test_start_opens_at_now_on_today_in_the_local_zone(make: Any) -> None:
    parts = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    assert parts.dialog.windowTitle() == "Change start time"
    assert parts.time.time() == QTime(9, 20)
    assert parts.time.displayFormat() == "HH:mm"
    assert parts.text("reportDate") == "Friday, 28 March 2025"
    assert parts.zone.currentText() == "Europe/Berlin"
    assert parts.zone.findText("UTC+01:00") == 1  # the current fixed offset comes second
    assert parts.ok.text() == "Start at 09:20"
    assert parts.hint == ""  # now is within the allowed delta
    # Nothing typed yet: the missing reason is a note, and OK waits for it.
    assert parts.message == "Give a reason: the portal needs one when you change a time."
    assert not parts.ok.isEnabled()
    assert parts.text("reportReasonLabel") == "&Reason (required):"


def test_close_opens_at_now_in_the_days_zone(make: Any) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    assert parts.dialog.windowTitle() == "Close at another time"
    assert parts.time.time() == QTime(17, 30)
    assert parts.text("reportDate") == "Thursday, 27 March 2025"
    assert parts.zone.currentText() == "UTC+02:00"
    assert parts.zone.findText("Europe/Berlin") == 1  # the local zone next
    assert parts.ok.text() == "Close at 17:30"
    assert "started at 08:00" in parts.text("reportIntro")
    assert "UTC+02:00" in parts.zone.toolTip()


def test_expired_opens_at_the_suggested_end_on_the_start_date(make: Any) -> None:
    parts = make(ReportMode.CLOSE_EXPIRED, view_of(D_EXPIRED), SATURDAY)
    assert parts.dialog.windowTitle() == "Close the forgotten day"
    assert parts.time.time() == QTime(17, 0)  # TIME_FINISH_DEFAULT
    assert parts.text("reportDate") == "Thursday, 27 March 2025"
    assert parts.ok.text() == "Close at 17:00"
    assert "Thursday, 27 March 2025 at 08:00 was never closed" in parts.text("reportIntro")
    assert parts.hint == "Closing a forgotten day always needs your supervisor's confirmation."


def test_expired_without_a_suggestion_opens_nine_hours_after_the_start(make: Any) -> None:
    raw = dict(result(D_EXPIRED))
    del raw["TIME_FINISH_DEFAULT"]
    parts = make(ReportMode.CLOSE_EXPIRED, view_of(raw), SATURDAY)
    assert parts.time.time() == QTime(17, 0)  # 08:00:01 + 9 h, to the minute


def test_expired_suggestion_past_midnight_stays_on_the_start_date(make: Any) -> None:
    raw = dict(result(D_EXPIRED))
    raw["TIME_START"] = "2025-03-27T16:30:00+02:00"
    del raw["TIME_FINISH_DEFAULT"]
    parts = make(ReportMode.CLOSE_EXPIRED, view_of(raw), SATURDAY)
    assert parts.time.time() == QTime(23, 59)
    assert parts.ok.isEnabled() is False  # still needs a reason
    parts.give_reason("Forgot")
    assert parts.ok.isEnabled()


# -- the rules in words ---------------------------------------------------------------------


def test_a_start_in_the_future(make: Any) -> None:
    parts = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    parts.give_reason("Arrived earlier")
    parts.type_time(9, 30)
    assert parts.message == "09:30 is in the future: it is 09:20 now."
    assert not parts.ok.isEnabled()
    parts.type_time(9, 20)
    assert parts.message == ""
    assert parts.ok.isEnabled()


def test_a_start_before_the_previous_day_ended(make: Any) -> None:
    parts = make(
        ReportMode.START,
        view_of(D_CLOSED),
        datetime(2025, 3, 27, 21, 0, tzinfo=PLUS2),
        local_zone=PLUS2,
    )
    assert parts.zone.currentText() == "UTC+02:00"
    parts.give_reason("Back in the evening")
    parts.type_time(18, 30)
    assert parts.message == "The start must be after your previous day ended (19:00)."
    assert not parts.ok.isEnabled()


@pytest.mark.parametrize(
    ("hour", "minute", "message"),
    [
        (18, 0, "18:00 is in the future: it is 17:30 now."),
        (7, 30, "The end must be after the start (08:00)."),
        (8, 0, "The end must be after the start (08:00)."),  # 08:00:00 is before 08:00:01
    ],
)
def test_an_end_the_portal_would_refuse(make: Any, hour: int, minute: int, message: str) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    parts.give_reason("Left earlier")
    parts.type_time(hour, minute)
    assert parts.message == message
    assert not parts.ok.isEnabled()


def test_an_end_before_the_break_began(make: Any) -> None:
    parts = make(ReportMode.CLOSE, view_of(R_PAUSED), PAUSED_NOON)
    assert parts.zone.currentText() == "UTC+03:00"  # TZ_OFFSET, although the text says +00:00
    assert parts.time.time() == QTime(12, 0)
    parts.give_reason("Went home during the break")
    parts.type_time(11, 0)
    assert parts.message == "The end cannot be before your break began (11:32)."
    parts.type_time(11, 32)
    assert parts.ok.isEnabled()


def test_an_end_on_another_date_once_converted_to_the_days_zone(make: Any) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    parts.give_reason("Typed in Tokyo time")
    parts.choose_zone("Asia/Tokyo")
    parts.type_time(0, 30)  # 27 March 00:30 +09:00 = 26 March 17:30 +02:00
    assert parts.message == (
        "The end must be on the same day as the start (Thursday, 27 March 2025)."
    )
    assert parts.text("reportConverted") == (
        "That is 17:30 on Wednesday, 26 March 2025 in the day's zone (UTC+02:00)."
    )
    assert not parts.ok.isEnabled()


def test_an_unknown_zone(make: Any) -> None:
    parts = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    parts.choose_zone("Mars/Olympus")
    assert parts.message == (
        'Unknown time zone "Mars/Olympus": choose one from the list, or type an offset like +03:00.'
    )
    assert not parts.ok.isEnabled()


def test_a_missing_reason_turns_into_an_error_once_the_box_was_used(make: Any) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    message = parts.label("reportMessage")
    assert "color" not in message.styleSheet()  # a note while nothing was typed
    parts.give_reason("x")
    assert parts.ok.isEnabled()
    parts.give_reason("   \n ")
    assert parts.message == "Give a reason: the portal needs one when you change a time."
    assert "color" in message.styleSheet()
    assert parts.label("reportMessageIcon").accessibleName() == "Problem"
    assert not parts.ok.isEnabled()


def test_a_reason_too_long_shows_the_counter(make: Any) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    parts.give_reason("a" * 100)
    assert parts.text("reportReasonCounter") == ""  # far from the limit: no counter
    parts.give_reason("a" * (MAX_REASON_LENGTH - 10))
    assert parts.text("reportReasonCounter") == f"{MAX_REASON_LENGTH - 10} / {MAX_REASON_LENGTH}"
    assert parts.ok.isEnabled()
    parts.give_reason("a" * (MAX_REASON_LENGTH + 1))
    assert parts.message == "The reason is too long: 2001 characters, at most 2000."
    assert "color" in parts.label("reportReasonCounter").styleSheet()
    assert not parts.ok.isEnabled()


def test_control_characters_in_the_reason(make: Any) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    parts.give_reason("Late\x07 again")
    assert parts.message.startswith("The reason contains invisible control characters")
    assert not parts.ok.isEnabled()
    parts.give_reason("Late\n\tagain")  # line breaks and tabs are fine
    assert parts.ok.isEnabled()


def test_a_time_the_clocks_skip(make: Any) -> None:
    sunday = BERLIN.localize(datetime(2025, 3, 30, 10, 0))  # 02:00 -> 03:00 that night
    parts = make(ReportMode.START, view_of(D_CLOSED), sunday)
    parts.give_reason("Night shift")
    parts.type_time(2, 30)
    assert parts.message == (
        "02:30 does not exist on Sunday, 30 March 2025 in Europe/Berlin: the clocks jump "
        "forward over it. Choose a time before or after the jump."
    )
    assert not parts.ok.isEnabled()
    parts.type_time(3, 30)
    assert parts.ok.isEnabled()


def test_a_time_the_clocks_repeat(make: Any) -> None:
    sunday = BERLIN.localize(datetime(2025, 10, 26, 10, 0))  # 03:00 -> 02:00 that night
    parts = make(ReportMode.START, view_of(D_CLOSED), sunday)
    parts.give_reason("Night shift")
    parts.type_time(2, 30)
    assert parts.message.startswith("02:30 happens twice on Sunday, 26 October 2025 in Europe")
    assert not parts.ok.isEnabled()
    parts.choose_zone("UTC+02:00")  # the offset says which one
    assert parts.ok.isEnabled()


# -- confirmation ---------------------------------------------------------------------------


def test_confirmation_hint_follows_the_allowed_delta(make: Any) -> None:
    parts = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    parts.type_time(9, 10)  # 10 min 40 s before now: within 15 min
    assert parts.hint == ""
    parts.type_time(9, 5)  # 15 min 40 s
    assert parts.hint == (
        "Your supervisor will be asked to confirm this change "
        "(more than 15 min from the actual time)."
    )
    wide = replace(SETTINGS, allowed_delta=timedelta(hours=1, minutes=30))
    parts.dialog.update_view(view_of(D_CLOSED, wide))
    assert parts.hint == ""
    parts.type_time(7, 0)
    assert "(more than 1:30 h from the actual time)" in parts.hint


def test_flexible_schedule_asks_for_no_reason_and_no_confirmation(make: Any) -> None:
    parts = make(ReportMode.START, view_of(D_CLOSED, FLEXIBLE), FRIDAY_MORNING)
    assert parts.text("reportReasonLabel") == "&Reason (optional: your schedule is flexible):"
    parts.type_time(7, 0)
    assert parts.hint == ""
    assert parts.message == ""
    assert parts.ok.isEnabled()
    parts.ok.click()
    assert parts.sent[0][2] == "Time set in timeman-tray"  # a reason always goes along


def test_flexible_expired_day_needs_no_confirmation(make: Any) -> None:
    parts = make(ReportMode.CLOSE_EXPIRED, view_of(D_EXPIRED, FLEXIBLE), SATURDAY)
    assert parts.hint == ""
    assert parts.ok.isEnabled()


def test_unknown_settings_ask_for_a_reason(make: Any) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED, None), THURSDAY_EVENING)
    assert parts.text("reportReasonLabel") == "&Reason (required):"
    parts.type_time(12, 0)
    assert "more than 15 min" in parts.hint  # the portal's defaults


# -- submitting -----------------------------------------------------------------------------


def test_submit_emits_once_and_turns_busy(make: Any, qtbot: QtBot) -> None:
    parts = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    reason = "Забыл отметиться: в 08:55 был на встрече «Планёрка»"
    parts.type_time(8, 55)
    parts.give_reason(reason)
    with qtbot.waitSignal(parts.dialog.submitted) as blocker:
        parts.ok.click()
    action, when, sent_reason = blocker.args or []
    assert action is Action.OPEN
    assert when == BERLIN.localize(datetime(2025, 3, 28, 8, 55))
    assert isinstance(when, datetime)
    assert when.utcoffset() == timedelta(hours=1)  # the zone's offset becomes the day's
    assert sent_reason == reason
    assert parts.dialog.busy
    assert parts.message == "Sending to the portal…"
    for widget in (parts.time, parts.zone, parts.reason, parts.ok):
        assert not widget.isEnabled()
    assert parts.cancel.text() == "Close"
    parts.ok.click()
    QTest.keyClick(parts.dialog, Qt.Key.Key_Return)
    QTest.keyClick(parts.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    parts.dialog.update_view(view_of(D_CLOSED))  # a poll while sending changes nothing shown
    assert parts.message == "Sending to the portal…"
    assert len(parts.sent) == 1


def test_an_end_is_sent_in_the_days_zone(make: Any) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    parts.choose_zone("Europe/Moscow")  # +03:00
    parts.type_time(17, 0)
    assert parts.text("reportConverted") == "That is 16:00 in the day's zone (UTC+02:00)."
    parts.give_reason("Typed in Moscow time")
    parts.ok.click()
    action, when, _ = parts.sent[0]
    assert action is Action.CLOSE
    assert when == datetime(2025, 3, 27, 16, 0, tzinfo=PLUS2)
    assert isinstance(when, datetime)
    assert when.utcoffset() == timedelta(hours=2)


def test_expired_day_is_closed_with_close_expired(make: Any) -> None:
    parts = make(ReportMode.CLOSE_EXPIRED, view_of(D_EXPIRED), SATURDAY)
    parts.give_reason("Forgot to close")
    parts.ok.click()
    assert parts.sent == [
        (Action.CLOSE_EXPIRED, datetime(2025, 3, 27, 17, 0, tzinfo=PLUS2), "Forgot to close")
    ]


def test_a_refusal_is_shown_and_everything_typed_is_kept(make: Any) -> None:
    parts = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    parts.type_time(8, 55)
    parts.choose_zone("UTC+01:00")
    parts.give_reason("Meeting\nin the morning")
    parts.ok.click()
    parts.dialog.show_refusal("Day open date should correspond to the current date")
    assert not parts.dialog.busy
    assert parts.message == (
        "The portal refused the change: Day open date should correspond to the current date"
    )
    assert (parts.time.time(), parts.zone.currentText()) == (QTime(8, 55), "UTC+01:00")
    assert parts.reason.toPlainText() == "Meeting\nin the morning"
    for widget in (parts.time, parts.zone, parts.reason, parts.ok):
        assert widget.isEnabled()
    assert parts.cancel.text() == "Cancel"
    parts.ok.click()  # another try
    assert len(parts.sent) == 2
    parts.dialog.show_refusal("Still no")
    parts.type_time(8, 56)  # an edit: the rules speak again
    assert parts.message == ""


def test_finish_closes_the_dialog(make: Any, qtbot: QtBot) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    _show_exposed(parts, qtbot)
    parts.give_reason("Left")
    parts.ok.click()
    with qtbot.waitSignal(parts.dialog.accepted):
        parts.dialog.finish()
    assert not parts.dialog.isVisible()
    assert parts.dialog.result() == QDialog.DialogCode.Accepted


def test_update_view_when_the_mode_no_longer_applies(make: Any) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    parts.give_reason("Left")
    assert parts.ok.isEnabled()
    parts.dialog.update_view(view_of(R_PAUSED))  # paused elsewhere: closing still applies
    parts.dialog.update_view(view_of(D_CLOSED))  # closed elsewhere
    assert parts.message == (
        "The workday changed meanwhile (it is now closed), so this change no longer applies. "
        "Cancel, then choose again from the menu."
    )
    assert not parts.ok.isEnabled()
    parts.give_reason("Left at five")  # editing does not bring it back
    assert not parts.ok.isEnabled()
    parts.dialog.update_view(view_of(D_OPENED))
    assert parts.ok.isEnabled()


def test_update_view_while_signed_out_or_tracking_off(make: Any) -> None:
    parts = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    parts.give_reason("Early")
    parts.dialog.update_view(ViewState(phase=Phase.SIGNED_OUT))
    assert "no answer from the portal" in parts.message
    assert not parts.ok.isEnabled()
    parts.dialog.update_view(view_of(D_CLOSED, replace(SETTINGS, tracking_enabled=False)))
    assert not parts.ok.isEnabled()


def test_update_view_to_a_flexible_schedule(make: Any) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    assert not parts.ok.isEnabled()
    parts.dialog.update_view(view_of(D_OPENED, FLEXIBLE))
    assert parts.text("reportReasonLabel").startswith("&Reason (optional")
    assert parts.ok.isEnabled()


# -- zones ----------------------------------------------------------------------------------


def test_a_start_in_another_zone(make: Any) -> None:
    berlin = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    plus3 = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    plus3.choose_zone("+03:00")
    for parts in (berlin, plus3):
        parts.type_time(9, 5)
        parts.give_reason("Early")
        parts.ok.click()
    (_, in_berlin, _), (_, in_plus3, _) = berlin.sent[0], plus3.sent[0]
    assert isinstance(in_berlin, datetime)
    assert isinstance(in_plus3, datetime)
    assert in_berlin.isoformat() == "2025-03-28T09:05:00+01:00"
    assert in_plus3.isoformat() == "2025-03-28T09:05:00+03:00"
    assert in_berlin - in_plus3 == timedelta(hours=2)
    assert plus3.text("reportConverted") == ""  # a start's zone becomes the day's zone


def test_an_untouched_time_follows_the_zone(make: Any) -> None:
    parts = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    parts.choose_zone("Europe/Moscow")
    assert parts.time.time() == QTime(11, 20)  # the same moment, in Moscow
    parts.type_time(9, 0)
    parts.choose_zone("Europe/Berlin")
    assert parts.time.time() == QTime(9, 0)  # typed: kept as typed


def test_a_start_whose_zone_is_already_tomorrow(make: Any) -> None:
    late = BERLIN.localize(datetime(2025, 3, 28, 23, 30))
    parts = make(ReportMode.START, view_of(D_CLOSED), late)
    parts.choose_zone("Asia/Tokyo")  # 07:30 on Saturday there
    assert parts.text("reportDate") == "Saturday, 29 March 2025"
    assert parts.time.time() == QTime(7, 30)


def test_zone_list_and_labels() -> None:
    choices = zone_choices(["UTC+02:00", "Europe/Berlin"])
    assert choices[:2] == ["UTC+02:00", "Europe/Berlin"]
    assert len(choices) == len(set(choices))
    assert "Asia/Kolkata" in choices
    assert parse_zone_label("UTC+05:30").utcoffset(None) == timedelta(hours=5, minutes=30)
    assert parse_zone_label("-0530").utcoffset(None) == -timedelta(hours=5, minutes=30)
    assert str(parse_zone_label("UTC")) == "UTC"


def test_the_zone_box_is_searchable(make: Any) -> None:
    parts = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    completer = parts.zone.completer()
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    completer.setCompletionPrefix("kolk")
    assert completer.currentCompletion() == "Asia/Kolkata"


# -- time passing, keyboard, accessibility ---------------------------------------------------


def test_the_rules_are_checked_again_as_time_passes(
    make: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_dialog, "REVALIDATE_MS", 20)
    parts = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    parts.give_reason("Early")
    parts.type_time(9, 25)
    assert not parts.ok.isEnabled()
    parts.clock.now += timedelta(minutes=5)
    qtbot.waitUntil(parts.ok.isEnabled, timeout=2000)


def test_keyboard(make: Any, qtbot: QtBot) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    _show_exposed(parts, qtbot)
    parts.time.setFocus()
    QTest.keyClick(parts.time, Qt.Key.Key_Return)  # invalid (no reason): nothing happens
    assert parts.sent == []
    assert parts.dialog.isVisible()
    parts.give_reason("Left")
    QTest.keyClick(parts.time, Qt.Key.Key_Return)
    assert len(parts.sent) == 1
    parts.dialog.show_refusal("No")
    with qtbot.waitSignal(parts.dialog.rejected):
        QTest.keyClick(parts.dialog, Qt.Key.Key_Escape)


def test_typing_a_time(make: Any, qtbot: QtBot) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    _show_exposed(parts, qtbot)
    parts.time.setFocus()
    parts.time.setSelectedSection(QTimeEdit.Section.HourSection)
    QTest.keyClicks(parts.time, "1645")
    assert parts.time.time() == QTime(16, 45)
    assert parts.ok.text() == "Close at 16:45"


def test_ctrl_enter_submits_from_the_reason_box(make: Any, qtbot: QtBot) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    _show_active(parts, qtbot)
    parts.reason.setFocus()
    QTest.keyClicks(parts.reason, "Left")
    QTest.keyClick(parts.reason, Qt.Key.Key_Return)  # a new line, not a submit
    assert parts.sent == []
    QTest.keyClick(parts.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    when = datetime(2025, 3, 27, 17, 30, tzinfo=PLUS2)
    assert parts.sent == [(Action.CLOSE, when, "Left")]  # the new line is stripped


def test_tab_order_and_accessible_names(make: Any, qtbot: QtBot) -> None:
    parts = make(ReportMode.CLOSE, view_of(D_OPENED), THURSDAY_EVENING)
    parts.give_reason("Left")
    _show_active(parts, qtbot)
    parts.time.setFocus()
    order: list[QWidget | None] = [parts.time]
    owners = [parts.time, parts.zone, parts.reason, parts.ok, parts.cancel]
    for _ in range(6):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        owner = _owner(QApplication.focusWidget(), owners)  # fields focus their line edits
        if owner is not order[-1]:  # Tab goes from the hours to the minutes first
            order.append(owner)
    assert order[:5] == owners
    assert parts.reason.tabChangesFocus()
    names = {w.accessibleName() for w in (parts.time, parts.zone, parts.reason)}
    assert names == {"Time", "Time zone", "Reason"}
    assert parts.label("reportTimeLabel").buddy() is parts.time
    assert parts.label("reportZoneLabel").buddy() is parts.zone
    assert parts.label("reportReasonLabel").buddy() is parts.reason
    assert parts.ok.isDefault()


def _owner(widget: QWidget | None, owners: list[QWidget]) -> QWidget | None:
    while widget is not None and widget not in owners:
        widget = widget.parentWidget()
    return widget


# -- translation ----------------------------------------------------------------------------

SOURCES = ["dialog.py", "texts.py", "check.py"]


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        pytest.skip(f"{name} not found (it comes with PySide6)")
    return found


@pytest.fixture
def pseudo_translation(tmp_path: Path) -> Iterator[None]:
    """Every extracted string translated to «…», installed for the test."""
    ts_file, qm_file = tmp_path / "pseudo.ts", tmp_path / "pseudo.qm"
    sources = [str(REPO / "tray_app" / "ui" / "report" / name) for name in SOURCES]
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(ts_file)], check=True, capture_output=True
    )
    tree = ET.parse(ts_file)  # noqa: S314 - our own file, just written by lupdate
    for message in tree.iter("message"):
        source, translation = message.find("source"), message.find("translation")
        assert source is not None
        assert translation is not None
        translation.text = f"«{source.text}»"
        translation.attrib.pop("type", None)
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)],
        check=True,
        capture_output=True,
    )
    translator = QTranslator()
    assert translator.load(str(qm_file))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.mark.usefixtures("pseudo_translation")
@pytest.mark.parametrize(
    ("mode", "answer", "now"),
    [
        (ReportMode.START, D_CLOSED, FRIDAY_MORNING),
        (ReportMode.CLOSE, D_OPENED, THURSDAY_EVENING),
        (ReportMode.CLOSE_EXPIRED, D_EXPIRED, SATURDAY),
    ],
)
def test_every_visible_text_is_translatable(
    make: Any, mode: ReportMode, answer: str, now: datetime
) -> None:
    parts = make(mode, view_of(answer), now)
    parts.choose_zone("Europe/Moscow")  # the converted line (closes) and the hint show
    parts.type_time(8, 30)
    parts.give_reason("a" * (MAX_REASON_LENGTH + 1))  # the counter and a message show
    shown = [
        w.text()
        for w in [*parts.dialog.findChildren(QLabel), *parts.dialog.findChildren(QPushButton)]
        if w.isVisibleTo(parts.dialog) and w.text()
    ]
    assert len(shown) >= 8
    assert [text for text in shown if not text.startswith("«")] == []
    assert parts.dialog.windowTitle().startswith("«")
    assert parts.zone.toolTip().startswith("«")
    assert parts.zone.accessibleName().startswith("«")


# -- screenshots ----------------------------------------------------------------------------


def _artifacts() -> Path:
    folder = Path(os.environ.get("TIMEMAN_ARTIFACTS_DIR") or REPO / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize(
    "case",
    [
        ("start", ReportMode.START, D_CLOSED, FRIDAY_MORNING, None),
        ("start-confirm", ReportMode.START, D_CLOSED, FRIDAY_MORNING, (8, 30, "")),
        ("close", ReportMode.CLOSE, D_OPENED, THURSDAY_EVENING, (17, 15, "")),
        ("close-converted", ReportMode.CLOSE, D_OPENED, THURSDAY_EVENING, (0, 30, "Asia/Tokyo")),
        ("close-expired", ReportMode.CLOSE_EXPIRED, D_EXPIRED, SATURDAY, None),
    ],
    ids=lambda case: str(case[0]),
)
def test_screenshot(
    make: Any,
    qtbot: QtBot,
    case: tuple[str, ReportMode, str, datetime, tuple[int, int, str] | None],
) -> None:
    name, mode, answer, now, edit = case
    parts = make(mode, view_of(answer), now)
    if edit is not None:
        hour, minute, zone = edit
        if zone:
            parts.choose_zone(zone)
        parts.type_time(hour, minute)
        parts.give_reason("Забыл отметиться — was in a meeting with the client")
    _show_exposed(parts, qtbot)
    QApplication.processEvents()
    path = _artifacts() / f"report-dialog-{name}.png"
    assert parts.dialog.grab().save(str(path))
    assert path.stat().st_size > 0


def test_screenshot_of_a_refusal(make: Any, qtbot: QtBot) -> None:
    parts = make(ReportMode.START, view_of(D_CLOSED), FRIDAY_MORNING)
    parts.type_time(8, 30)
    parts.give_reason("Забыл отметиться — was in a meeting with the client")
    parts.ok.click()
    parts.dialog.show_refusal("Day open date should correspond to the current date")
    _show_exposed(parts, qtbot)
    path = _artifacts() / "report-dialog-start-refused.png"
    assert parts.dialog.grab().save(str(path))


def test_the_local_zone_defaults_to_the_systems(qtbot: QtBot) -> None:
    zone = system_zone(FRIDAY_MORNING)
    assert FRIDAY_MORNING.astimezone(zone).utcoffset() is not None
    dialog = ReportDialog(ReportMode.START, view_of(D_CLOSED), Clock(FRIDAY_MORNING))
    qtbot.addWidget(dialog)
    box = dialog.findChild(QComboBox, "reportZone")
    assert box is not None
    assert box.currentText() == zone_label(zone, FRIDAY_MORNING)
