"""Property test: bad text in the Connection tab's fields never saves and never raises.

Hypothesis types generated text (any unicode, control characters, lone surrogates, huge
strings, whitespace) into the proxy and CA file fields; *Save* must then show a message next
to the field, keep the dialog open and leave the settings file untouched.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from tray_app.config import MemorySecretStore, Settings, settings_path
from tray_app.services.autostart import Autostart
from tray_app.ui.settings.dialog import SettingsDialog

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

BAD_TEXT = st.one_of(
    st.text(min_size=1, max_size=60).filter(lambda text: text.strip() != ""),
    st.text(alphabet=st.characters(codec=None, categories=["Cc", "Cs"]), min_size=1),
    st.just("x" * 5_000),
    st.just("http://proxy:99999"),
    st.just("ftp://proxy:21"),
    st.just("http://user:pw@proxy:3128"),
)


def test_bad_proxy_or_ca_file_is_refused_with_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(
        Settings(),
        run_task=lambda _task, _done: None,
        store_factory=MemorySecretStore,
        autostart=Autostart(platform="linux", environ={}, home=tmp_path / "home"),
        autostart_command=["timeman-tray"],
    )
    qtbot.addWidget(dialog)
    saved: list[object] = []
    dialog.settingsChanged.connect(saved.append)
    proxy = dialog.findChild(QLineEdit, "proxyEdit")
    ca_file = dialog.findChild(QLineEdit, "caFileEdit")
    assert proxy is not None
    assert ca_file is not None

    @settings(
        derandomize=True,
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(text=BAD_TEXT, field=st.sampled_from(["proxy", "ca"]))
    def check(text: str, field: str) -> None:
        proxy.setText(text if field == "proxy" else "")
        ca_file.setText(text if field == "ca" else "")
        before = settings_path().read_bytes() if settings_path().exists() else None
        count = len(saved)
        accepted = dialog.save()
        error = dialog.findChild(QLabel, "proxyError" if field == "proxy" else "caFileError")
        assert error is not None
        if accepted:  # only a text the fields take as valid may be saved (e.g. a real file)
            return
        assert not error.isHidden()
        assert error.text().strip()
        assert len(saved) == count
        assert (settings_path().read_bytes() if settings_path().exists() else None) == before

    check()
