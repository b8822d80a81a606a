"""Property test: bad text in the report dialog's zone and reason never sends and never raises.

A valid time is kept; hypothesis types generated text (any unicode, control characters, lone
surrogates, huge strings, whitespace) as the zone, or as a reason over the limit. OK must stay
disabled with a message shown, and pressing it (or Ctrl+Return) sends nothing.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.core.samples import D_OPENED
from tests.ui.report.test_report_dialog import PLUS2, THURSDAY_EVENING, view_of
from tray_app.core.backdate import MAX_REASON_LENGTH
from tray_app.core.timefmt import TimeFormatError
from tray_app.ui.report.dialog import ReportDialog, ReportMode
from tray_app.ui.shared.zones import parse_zone_label

pytestmark = pytest.mark.gui

BAD_ZONE = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec=None, categories=["Cc", "Cs"]), min_size=1),
    st.just("Z" * 5_000),
    st.just("UTC+25:00"),
    st.just("   "),
)


def _is_zone(text: str) -> bool:
    try:
        parse_zone_label(text)
    except TimeFormatError:
        return False
    return True


def test_a_bad_zone_or_reason_sends_nothing(qtbot: QtBot) -> None:
    dialog = ReportDialog(
        ReportMode.CLOSE, view_of(D_OPENED), lambda: THURSDAY_EVENING, local_zone=PLUS2
    )
    qtbot.addWidget(dialog)
    sent: list[object] = []
    dialog.submitted.connect(lambda *args: sent.append(args))
    zone = dialog.findChild(QComboBox, "reportZone")
    reason = dialog.findChild(QPlainTextEdit, "reportReason")
    ok = dialog.findChild(QPushButton, "reportOk")
    message = dialog.findChild(QLabel, "reportMessage")
    assert zone is not None
    assert reason is not None
    assert ok is not None
    assert message is not None
    good_zone = zone.currentText()
    reason.setPlainText("ok")
    assert ok.isEnabled()  # the baseline is valid: only the generated text disables OK

    @settings(
        derandomize=True,
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(text=BAD_ZONE, field=st.sampled_from(["zone", "reason"]))
    def check(text: str, field: str) -> None:
        if field == "zone" and _is_zone(text):
            return
        zone.setCurrentText(text if field == "zone" else good_zone)
        reason.setPlainText(text + "x" * (MAX_REASON_LENGTH + 1) if field == "reason" else "ok")
        assert not ok.isEnabled()
        assert message.text().strip()
        ok.click()
        assert sent == []

    check()
