"""Property tests: whatever is typed, key by key, into the forms, a bad value is never sent or
saved.

Hypothesis types generated keystrokes (digits, separators, letters, other scripts, nothing)
into the fields as a person would: the poll interval, the schedule's clock times and minutes,
the reminders' minutes, the proxy and the CA file in Settings; the time, zone and reason of the
report dialog. After the live check:

- *Save* (OK) is enabled, and then saving works and what is stored loads back whole, or the
  submitted time and reason are ones the portal takes (not after now, within the day's limits,
  a reason of allowed length);
- or it is disabled, a message says why next to the fields, and pressing it saves or sends
  nothing.

A fixed seed keeps CI repeatable; ``TIMEMAN_HYPOTHESIS_EXAMPLES=20`` multiplies the examples
for a longer hunt (as in tests/cli/test_bad_input_properties.py).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.core.samples import D_OPENED
from tests.examples import examples
from tests.ui.report.test_report_dialog import PLUS2, THURSDAY_EVENING, view_of
from tray_app.config import MemorySecretStore, Settings, load_settings, settings_path
from tray_app.core.backdate import MAX_REASON_LENGTH
from tray_app.services.autostart import Autostart
from tray_app.ui.report.dialog import ReportDialog, ReportMode
from tray_app.ui.settings.dialog import SettingsDialog

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

SCHEDULE = Path(__file__).parents[1] / "fixtures" / "schedules" / "office_fixed.json"

KEYS = st.one_of(
    st.text(alphabet=st.sampled_from("0123456789:.-+ ,/"), max_size=8),
    st.text(alphabet=st.sampled_from("0123456789:"), min_size=1, max_size=6),
    # Any printable text: no control characters (keys that move focus or edit) or surrogates.
    st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"]), max_size=8),
    st.text(
        alphabet=st.sampled_from("\u0660\u0661\u0665\u0669\u0427\u0430\u0441UTC+-"), max_size=6
    ),
)
SETTINGS_FIELDS = (
    "pollIntervalSpin",
    "scheduleHours0",
    "scheduleStartFrom",
    "scheduleStartTo",
    "scheduleEndFrom",
    "scheduleEndTo",
    "scheduleLunchFrom",
    "scheduleLunchTo",
    "scheduleLunchLength",
    "scheduleDelay",
    "stillOpenAfterSpin",
    "awayThresholdSpin",
    "proxyEdit",
    "caFileEdit",
)


def _type(widget: QWidget, keys: str) -> None:
    """Select what the field holds and type ``keys`` over it, key by key."""
    target: QWidget | None = widget
    if isinstance(widget, QAbstractSpinBox):
        target = widget.findChild(QLineEdit)
    elif isinstance(widget, QComboBox):
        target = widget.lineEdit()
    assert target is not None
    target.setFocus()
    if isinstance(target, (QLineEdit, QPlainTextEdit)):
        target.selectAll()
    for char in keys:
        _press(target, char)


def _press(target: QWidget, char: str) -> None:
    """One key, pressed and released, whose text is ``char``: as an input method delivers any
    script (QTest's keyClicks types Latin-1 only)."""
    key = ord(char.upper()) if char.isascii() else int(Qt.Key.Key_unknown.value)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def _shown_messages(window: QWidget) -> list[str]:
    """The messages next to fields, also on tabs not in front (shown there when opened)."""
    return [
        label.text().strip()
        for label in window.findChildren(QLabel)
        if label.objectName().endswith("Error") and not label.isHidden() and label.text().strip()
    ]


def _settings_dialog(tmp_path: Path) -> SettingsDialog:
    schedule = json.loads(SCHEDULE.read_text(encoding="utf-8"))
    return SettingsDialog(
        Settings(schedule=schedule),
        run_task=lambda _task, _done: None,
        store_factory=MemorySecretStore,
        autostart=Autostart(platform="linux", environ={}, home=tmp_path / "home"),
        autostart_command=["timeman-tray"],
    )


def test_typed_settings_are_saved_whole_or_refused_with_a_message(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _settings_dialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    live = dialog.findChild(QTimer, "liveCheckTimer")
    save = dialog.findChild(QPushButton, "saveButton")
    assert live is not None
    assert save is not None
    saved: list[Settings] = []
    dialog.settingsChanged.connect(saved.append)
    outcomes: set[str] = set()

    @examples(300)
    @given(
        typing=st.lists(st.tuples(st.sampled_from(SETTINGS_FIELDS), KEYS), min_size=1, max_size=3)
    )
    def check(typing: list[tuple[str, str]]) -> None:
        dialog.show()
        for name, keys in typing:
            field = dialog.findChild(QWidget, name)
            assert field is not None, name
            _type(field, keys)
        live.stop()
        live.timeout.emit()  # the check a person gets 150 ms after the last key, now
        before = settings_path().read_bytes() if settings_path().exists() else None
        count = len(saved)
        if save.isEnabled():
            outcomes.add("saved")
            assert dialog.save(), "a form the live check passed is saved"
            assert len(saved) == count + 1
            stored = load_settings()  # raises on a file that does not load back whole
            assert stored == saved[-1]
            return
        outcomes.add("refused")
        assert _shown_messages(dialog), "a disabled Save says why"
        assert not dialog.save()
        assert len(saved) == count
        assert (settings_path().read_bytes() if settings_path().exists() else None) == before

    check()
    assert outcomes == {"saved", "refused"}, "both kinds of input were typed"


def test_a_typed_report_is_sent_only_when_the_portal_takes_it(qtbot: QtBot) -> None:
    outcomes: set[str] = set()

    @examples(300)
    @given(
        time_keys=KEYS,
        zone_keys=st.one_of(st.just(""), KEYS),
        reason=st.one_of(
            st.text(max_size=30).filter(lambda text: "\t" not in text),
            st.just("r" * (MAX_REASON_LENGTH + 1)),
        ),
    )
    def check(time_keys: str, zone_keys: str, reason: str) -> None:
        dialog = ReportDialog(
            ReportMode.CLOSE, view_of(D_OPENED), lambda: THURSDAY_EVENING, local_zone=PLUS2
        )
        qtbot.addWidget(dialog)
        sent: list[tuple[object, ...]] = []
        dialog.submitted.connect(lambda *args: sent.append(args))
        for name, keys in (("reportTime", time_keys), ("reportZone", zone_keys)):
            field = dialog.findChild(QWidget, name)
            assert field is not None
            if keys:
                _type(field, keys)
        text = dialog.findChild(QPlainTextEdit, "reportReason")
        ok = dialog.findChild(QPushButton, "reportOk")
        message = dialog.findChild(QLabel, "reportMessage")
        assert text is not None
        assert ok is not None
        assert message is not None
        text.setPlainText(reason)
        enabled = ok.isEnabled()
        ok.click()
        if enabled:
            outcomes.add("sent")
            assert len(sent) == 1, "one click, one action"
            _action, when, why = sent[0]
            assert isinstance(when, datetime)
            assert when.tzinfo is not None
            assert when <= THURSDAY_EVENING, "never a time after now"
            assert when.date() == THURSDAY_EVENING.date()
            assert isinstance(why, str)
            assert why.strip()
            assert len(why) <= MAX_REASON_LENGTH
        else:
            outcomes.add("refused")
            assert sent == []
            assert message.text().strip(), "a disabled OK says why"
        dialog.close()
        dialog.deleteLater()

    check()
    assert outcomes == {"sent", "refused"}, "both kinds of input were typed"
