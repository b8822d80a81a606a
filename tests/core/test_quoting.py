"""Input shown back in an error message."""

from __future__ import annotations

from tray_app.core.quoting import SHOWN_LENGTH, quoted


def test_short_text_is_quoted_whole() -> None:
    assert quoted("Mars/Olympus") == "'Mars/Olympus'"


def test_long_text_is_cut_with_an_ellipsis() -> None:
    assert quoted("x" * 10_000) == "'" + "x" * SHOWN_LENGTH + "…'"
    assert quoted("x" * SHOWN_LENGTH) == "'" + "x" * SHOWN_LENGTH + "'"


def test_control_characters_and_lone_surrogates_are_escaped() -> None:
    shown = quoted("a\nb\x1b\udcff")
    assert shown == "'a\\nb\\x1b\\udcff'"
    shown.encode("utf-8")  # printable on any UTF-8 stream
