"""The learnt poll interval kept between runs: read back as written, anything odd ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tray_app.ui.state.poll_state import load_learnt_interval, save_learnt_interval


def test_the_interval_is_read_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "state" / "polling.json"
    assert load_learnt_interval(path) is None, "nothing kept yet"
    assert save_learnt_interval(480.0, path)
    assert load_learnt_interval(path) == 480.0
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "text",
    [
        b"\xff{",
        b"[]",
        b'{"learnt_interval_s": "480"}',
        b'{"learnt_interval_s": true}',
        b'{"learnt_interval_s": -5}',
        b'{"learnt_interval_s": 0}',
        b'{"learnt_interval_s": Infinity}',
        b'{"learnt_interval_s": NaN}',
    ],
)
def test_an_odd_file_means_the_interval_is_learnt_again(tmp_path: Path, text: bytes) -> None:
    path = tmp_path / "polling.json"
    path.write_bytes(text)
    assert load_learnt_interval(path) is None


def test_a_file_that_cannot_be_written_is_logged_not_raised(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    assert not save_learnt_interval(120.0, blocked / "polling.json")
