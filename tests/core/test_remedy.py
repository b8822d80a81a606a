"""An error carries its remedy; one that carries none (or not a Remedy) counts as a bug."""

from __future__ import annotations

import pytest

from tray_app.core.remedy import Remedy, remedy_of


class _Carries(Exception):
    remedy = Remedy.WAIT


class _Odd(Exception):
    remedy = "wait"  # not a Remedy: not trusted


@pytest.mark.parametrize(
    ("error", "remedy"),
    [(_Carries(), Remedy.WAIT), (_Odd(), Remedy.BUG), (ZeroDivisionError(), Remedy.BUG)],
)
def test_an_error_carries_its_remedy_or_is_a_bug(error: Exception, remedy: Remedy) -> None:
    assert remedy_of(error) is remedy
