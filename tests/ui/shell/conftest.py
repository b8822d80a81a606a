"""The shell's tests in English and in Russian: ``lang`` installs the committed catalogue,
compiled as the app does."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.shell.test_labels_state_table import TS
from tests.ui.text.translation_tool import load_tool
from tray_app.ui.text import i18n


@pytest.fixture(params=["en", "ru"])
def lang(
    request: pytest.FixtureRequest,
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    """English, or the committed Russian catalogue compiled and installed as the app does."""
    shutil.copy2(TS, tmp_path / TS.name)
    built = load_tool().build(tmp_path)
    assert [path.name for path in built] == ["timeman-tray_ru.qm"]
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    tag: str = request.param
    assert i18n.install_translation(qapp, tag) == tag
    yield tag
    i18n.install_translation(qapp, "en")
