"""The lower layers' errors said by their message ids (tray_app.ui.text.errors), in English:
the sentence the layer wrote, character for character (the Russian: test_translations.py)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tray_app.api.errors import UnavailableError
from tray_app.core.message import say
from tray_app.ui.text.errors import error_text, said_text


def test_a_said_error_reads_as_its_english(qtbot: QtBot) -> None:
    del qtbot
    reason = say("test.reason", "the line is {state}", state="down")
    error = UnavailableError(
        say("test.outer", "{host}: {reason} ({n:d})", host="h", reason=reason, n=7)
    )
    assert error_text(error) == str(error) == "h: the line is down (7)"


def test_a_bare_text_stays_where_its_branch_has_no_translation(qtbot: QtBot) -> None:
    del qtbot
    assert error_text(UnavailableError("Gremlins.")) == "Gremlins."
    assert error_text(KeyError("x")) == "'x'"
    assert said_text("plain") == "plain"
